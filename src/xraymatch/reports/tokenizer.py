"""A subword tokenizer trained on the report corpus (Hugging Face `tokenizers`), saved and loaded as one JSON file.

BPE (default) or WordPiece, with an optional lowercase + strip-accents normaliser so "Côte" and "cote" share pieces.
Every encoding is `[CLS] pieces [SEP]`, truncated to `max_length` and padded with `[PAD]` (id 0); a character never
seen in training becomes `[UNK]` (WordPiece: the whole word; BPE: the character).

BPE is SentencePiece-style: a word starts with "▁" (Metaspace) and punctuation is split off, so every piece is made
of characters of the sorted base alphabet and training gives the same vocabulary every run. WordPiece's "##"
continuation pieces are numbered in hash-map order inside `tokenizers`, and merge ties are broken by those numbers,
so two WordPiece trainings on the same text differ (huggingface/tokenizers#1794): a model trained with it cannot be
reproduced, which is why it is not the default.
The tokenizer trains only on de-identified findings of the corpus's train split (`corpus_texts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from xraymatch.atomic import atomic_file
from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError, InputError

PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
SPECIAL_TOKENS = (PAD, UNK, CLS, SEP)  # in this order: [PAD] is id 0
MODELS = ("bpe", "wordpiece")
WORD_START = "\u2581"  # "▁", SentencePiece's word-start mark


@dataclass(frozen=True)
class TokenizerConfig:
    """params.yaml `vl.tokenizer`: subword model, vocabulary size, minimum pair/piece frequency, normaliser."""

    model: str = "bpe"
    vocab_size: int = 2000
    min_frequency: int = 2
    lowercase: bool = True
    strip_accents: bool = True

    @classmethod
    def from_params(cls, section: dict[str, Any] | None) -> TokenizerConfig:
        config = dataclass_from_section(cls, section, "vl.tokenizer")
        if config.model not in MODELS:
            raise ConfigError(f"vl.tokenizer.model={config.model!r}: choose one of {', '.join(MODELS)}")
        if config.vocab_size < len(SPECIAL_TOKENS) + 1:
            raise ConfigError(f"vl.tokenizer.vocab_size={config.vocab_size}: too small; use a few hundred or more")
        return config


class TextTokenizer:
    """A trained `tokenizers.Tokenizer` with the project's special tokens and a padded-tensor `encode`."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        missing = [t for t in SPECIAL_TOKENS if tokenizer.token_to_id(t) is None]
        if missing:
            raise InputError(f"tokenizer lacks special token(s) {missing}; train it with train_tokenizer")
        self.pad_id = int(tokenizer.token_to_id(PAD))
        self.unk_id = int(tokenizer.token_to_id(UNK))
        self.cls_id = int(tokenizer.token_to_id(CLS))
        self.sep_id = int(tokenizer.token_to_id(SEP))

    @property
    def vocab_size(self) -> int:
        return int(self.tokenizer.get_vocab_size())

    def encode(self, texts: list[str], max_length: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Texts -> (ids (B, max_length) int64, mask (B, max_length) bool: True on real tokens, [CLS]/[SEP] included).

        Texts longer than max_length keep their first max_length - 1 tokens and end with [SEP].
        """
        if max_length < 2:
            raise ConfigError(f"vl.max_length={max_length}: at least 2 ([CLS] and [SEP])")
        ids = torch.full((len(texts), max_length), self.pad_id, dtype=torch.long)
        for row, encoding in enumerate(self.tokenizer.encode_batch([str(t) for t in texts])):
            pieces = encoding.ids
            if len(pieces) > max_length:
                pieces = [*pieces[: max_length - 1], self.sep_id]
            ids[row, : len(pieces)] = torch.tensor(pieces, dtype=torch.long)
        return ids, ids != self.pad_id

    def decode(self, ids: torch.Tensor | list[int]) -> str:
        """One row of ids back to text (special tokens and padding dropped; normalised text if lowercasing)."""
        values = ids.tolist() if isinstance(ids, torch.Tensor) else list(ids)
        return str(self.tokenizer.decode([int(v) for v in values], skip_special_tokens=True))

    def save(self, path: str | Path) -> Path:
        """Write the tokenizer JSON atomically."""
        with atomic_file(path) as tmp:
            self.tokenizer.save(str(tmp))
        return Path(path)

    @classmethod
    def load(cls, path: str | Path) -> TextTokenizer:
        from tokenizers import Tokenizer

        path = Path(path)
        if not path.is_file():
            raise InputError(
                f"{path}: tokenizer not found; train the vl objective first (`xraymatch train --objective vl`)"
            )
        try:
            return cls(Tokenizer.from_file(str(path)))
        except Exception as exc:  # tokenizers raises a bare Exception on a malformed file
            raise InputError(
                f"{path}: not a tokenizer JSON ({exc.__class__.__name__}); retrain the vl objective"
            ) from None


def train_tokenizer(texts: Iterable[str], config: TokenizerConfig) -> TextTokenizer:
    """Train a WordPiece or BPE tokenizer on `texts` (an empty corpus is an error)."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

    texts = [t for t in texts if isinstance(t, str) and t.strip()]
    if not texts:
        raise InputError("tokenizer: no non-empty text to train on; check the corpus's train split findings")
    steps: list[Any] = [normalizers.NFD()] if config.strip_accents else [normalizers.NFC()]
    if config.lowercase:
        steps.append(normalizers.Lowercase())
    if config.strip_accents:
        steps.append(normalizers.StripAccents())
    special = list(SPECIAL_TOKENS)
    if config.model == "wordpiece":
        tokenizer = Tokenizer(models.WordPiece(unk_token=UNK))
        trainer: Any = trainers.WordPieceTrainer(
            vocab_size=config.vocab_size,
            min_frequency=config.min_frequency,
            special_tokens=special,
            show_progress=False,
        )
        tokenizer.decoder = decoders.WordPiece()
        tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    else:  # deterministic: no continuation prefix, word starts marked by "▁" (a character of the alphabet)
        tokenizer = Tokenizer(models.BPE(unk_token=UNK))
        trainer = trainers.BpeTrainer(
            vocab_size=config.vocab_size,
            min_frequency=config.min_frequency,
            special_tokens=special,
            show_progress=False,
        )
        tokenizer.decoder = decoders.Metaspace(replacement=WORD_START, prepend_scheme="always")
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [
                pre_tokenizers.Metaspace(replacement=WORD_START, prepend_scheme="always"),
                pre_tokenizers.Punctuation(behavior="isolated"),
            ]
        )
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.train_from_iterator(texts, trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id(CLS), tokenizer.token_to_id(SEP)
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{CLS} $A {SEP}", special_tokens=[(CLS, cls_id), (SEP, sep_id)]
    )
    return TextTokenizer(tokenizer)


CORPUS_COLUMNS = ("report_id", "findings", "split")


def read_corpus(path: str | Path, columns: tuple[str, ...] = CORPUS_COLUMNS) -> Any:
    """The report corpus (data/reports/corpus.parquet) as a DataFrame, with a clear error when it is unusable."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: report corpus not found; build it with `xraymatch build-reports`")
    frame = pd.read_parquet(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: column {missing[0]!r} is missing; rebuild the corpus with `xraymatch build-reports`")
    return frame


def corpus_texts(path: str | Path, split: str = "train") -> list[str]:
    """De-identified findings of one split of the corpus (every source and language): the tokenizer's training text."""
    frame = read_corpus(path)
    texts = [t for t in frame.loc[frame["split"] == split, "findings"].tolist() if isinstance(t, str) and t.strip()]
    if not texts:
        raise InputError(f"{path}: no findings in split '{split}'; rebuild the corpus with `xraymatch build-reports`")
    return texts
