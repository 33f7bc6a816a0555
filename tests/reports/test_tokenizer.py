"""The corpus tokenizer: round trips, padding and truncation, unknown characters, save/load and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import torch

from xraymatch.errors import ConfigError, InputError
from xraymatch.reports.tokenizer import (
    TextTokenizer,
    TokenizerConfig,
    corpus_texts,
    train_tokenizer,
)

TEXTS = [
    "Radiographie thoracique de face. Fracture de la côte droite, trait déplacé.",
    "Radiographie thoracique de profil. Pas de fracture visible.",
    "Incidence oblique. Structures osseuses intègres, pas de lésion traumatique.",
    "The heart is normal in size. No acute bony abnormality.",
] * 5
SMALL = TokenizerConfig(vocab_size=300, min_frequency=1)


@pytest.mark.parametrize("model", ["wordpiece", "bpe"])
def test_round_trip_returns_the_normalised_text(model: str) -> None:
    tokenizer = train_tokenizer(TEXTS, TokenizerConfig(model=model, vocab_size=300, min_frequency=1))
    ids, _ = tokenizer.encode(["Fracture de la côte droite.", "Pas de fracture visible."], max_length=32)
    assert tokenizer.decode(ids[0]) == "fracture de la cote droite."  # lowercased, accents stripped
    assert tokenizer.decode(ids[1]) == "pas de fracture visible."
    assert ids[0, 0] == tokenizer.cls_id and tokenizer.sep_id in ids[0].tolist()


def test_accents_and_case_are_kept_when_asked() -> None:
    tokenizer = train_tokenizer(
        TEXTS, TokenizerConfig(vocab_size=300, min_frequency=1, lowercase=False, strip_accents=False)
    )
    ids, _ = tokenizer.encode(["Fracture de la côte"], 16)
    assert tokenizer.decode(ids[0]) == "Fracture de la côte"


def test_padding_mask_and_truncation() -> None:
    tokenizer = train_tokenizer(TEXTS, SMALL)
    ids, mask = tokenizer.encode(["fracture", TEXTS[0] * 3], max_length=10)
    assert ids.shape == mask.shape == (2, 10) and ids.dtype == torch.long and mask.dtype == torch.bool
    assert tokenizer.pad_id == 0
    # "[CLS] fracture [SEP]" then padding, masked out
    assert mask[0].tolist() == [True] * 3 + [False] * 7 and (ids[0, 3:] == 0).all()
    # a long text keeps its first tokens and still ends with [SEP]
    assert mask[1].all() and ids[1, -1] == tokenizer.sep_id and ids[1, 0] == tokenizer.cls_id
    with pytest.raises(ConfigError, match="max_length"):
        tokenizer.encode(["x"], max_length=1)


@pytest.mark.parametrize(("model", "unknown"), [("wordpiece", 2), ("bpe", 3)])
def test_unknown_characters_become_unk_not_errors(model: str, unknown: int) -> None:
    tokenizer = train_tokenizer(TEXTS, TokenizerConfig(model=model, vocab_size=300, min_frequency=1))
    ids, mask = tokenizer.encode(["fracture ☃ 漢字", ""], max_length=12)
    pieces = ids[0][mask[0]].tolist()
    assert pieces[0] == tokenizer.cls_id and pieces[1] != tokenizer.unk_id and pieces[-1] == tokenizer.sep_id
    # the snowman and the CJK word: WordPiece makes the word one [UNK], BPE each character
    assert pieces.count(tokenizer.unk_id) == unknown
    assert mask[1].sum() == 2  # an empty text is just [CLS] [SEP]


def test_bpe_training_gives_the_same_tokenizer_every_run() -> None:
    """Same text, same vocabulary and merges: the VL model's embedding rows mean the same pieces on every rerun.
    (WordPiece does not: tokenizers#1794; a corpus with many equal pair counts shows it within a few runs.)"""
    words = [f"{a}{b}{c}" for a in "bcdfg" for b in "aeiou" for c in "lmnrst"]
    texts = [" ".join(words[i : i + 7]) + "." for i in range(0, len(words), 3)] + TEXTS
    config = TokenizerConfig(model="bpe", vocab_size=120, min_frequency=1)
    runs = {train_tokenizer(texts, config).tokenizer.to_str() for _ in range(4)}
    assert len(runs) == 1


def test_save_and_load_give_the_same_ids(tmp_path: Path) -> None:
    tokenizer = train_tokenizer(TEXTS, SMALL)
    path = tokenizer.save(tmp_path / "models" / "tokenizer.json")
    loaded = TextTokenizer.load(path)
    assert loaded.vocab_size == tokenizer.vocab_size <= 300
    assert torch.equal(loaded.encode(TEXTS[:4], 40)[0], tokenizer.encode(TEXTS[:4], 40)[0])
    with pytest.raises(InputError, match="tokenizer not found"):
        TextTokenizer.load(tmp_path / "absent.json")
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(InputError, match="not a tokenizer JSON"):
        TextTokenizer.load(tmp_path / "broken.json")


def test_bad_inputs_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no non-empty text"):
        train_tokenizer(["", "   "], SMALL)
    with pytest.raises(ConfigError, match=r"vl.tokenizer.model='sentencepiece'"):
        TokenizerConfig.from_params({"model": "sentencepiece"})
    with pytest.raises(ConfigError, match=r"vl.tokenizer.size: unknown key"):
        TokenizerConfig.from_params({"size": 10})


def test_corpus_texts_reads_only_the_requested_split(tmp_path: Path) -> None:
    path = tmp_path / "corpus.parquet"
    frame = pd.DataFrame(
        {
            "report_id": ["a", "b", "c", "d"],
            "findings": ["Pas de fracture.", "No fracture.", "Fracture du radius.", None],
            "split": ["train", "train", "test", "train"],
        }
    )
    frame.to_parquet(path, index=False)
    assert corpus_texts(path, "train") == ["Pas de fracture.", "No fracture."]
    with pytest.raises(InputError, match="no findings in split 'val'"):
        corpus_texts(path, "val")
    frame.drop(columns=["findings"]).to_parquet(path, index=False)
    with pytest.raises(InputError, match="column 'findings' is missing"):
        corpus_texts(path, "train")
    with pytest.raises(InputError, match="report corpus not found"):
        corpus_texts(tmp_path / "absent.parquet")
