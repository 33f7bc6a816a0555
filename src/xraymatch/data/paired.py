"""DRR samples paired with their reports for the vision-language objective.

A pair is a corpus row (data/reports/corpus.parquet) whose `sample_id` is a sample of the DRR cache; its split is
the cache's. Samples come from `TrainingSamples` (same normalisation and augmentations as the image objectives,
except that the vl section turns horizontal flips off by default: a mirrored view contradicts "droite"/"gauche" in
its report), and each batch gains `text_ids` (B, L) int64, `text_mask` (B, L) bool, `report_id` (list) and, when the
corpus has views and fracture columns, `content` (list of `content_key`s: region, views and fracture status; "" when
unknown: the soft positives of the loss's `content_weight`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from xraymatch.data.augment import AugmentConfig
from xraymatch.data.cache import DRRCache
from xraymatch.data.datamodule import SPLITS, SplitDataModule, TrainingSamples, collate, split_samples
from xraymatch.errors import ConfigError, InputError
from xraymatch.reports.sections import alignment_text
from xraymatch.reports.tokenizer import TextTokenizer, TokenizerConfig, corpus_texts, read_corpus, train_tokenizer

PAIR_COLUMNS = ("report_id", "findings", "split", "sample_id")


@dataclass(frozen=True)
class VLConfig:
    """params.yaml `vl` (corpus, tokenizer, text length, batch size, augmentation overrides, evaluation) resolved to
    paths. `batch_size` (None: train.batch_size) is the vl objective's own: a contrastive loss draws its negatives from
    the batch, and 8 left the held-out retrieval at chance where 32 (same number of samples seen) did not."""

    corpus: Path
    max_length: int = 160
    batch_size: int | None = None
    tokenizer: TokenizerConfig = field(default_factory=TokenizerConfig)
    augment: dict[str, Any] = field(default_factory=dict)
    evaluate: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> VLConfig:
        """`vl` section; the corpus is `<reports.out_dir>/corpus.parquet` unless `vl.corpus` names another file."""
        section = params.get("vl")
        if not isinstance(section, dict):
            raise ConfigError("params.yaml: section 'vl' is missing; copy it from the repository's params.yaml")
        known = {"corpus", "max_length", "batch_size", "tokenizer", "augment", "evaluate"}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ConfigError(f"vl.{unknown[0]}: unknown key; valid keys are {', '.join(sorted(known))}")
        reports_dir = Path((params.get("reports") or {}).get("out_dir", "data/reports"))
        max_length = int(section.get("max_length", 160))
        if max_length < 8:
            raise ConfigError(f"vl.max_length={max_length}: too short for a report; use 64-128")
        batch_size = section.get("batch_size")
        if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 2):
            raise ConfigError(f"vl.batch_size={batch_size!r}: give an integer >= 2 (the in-batch negatives), or null")
        return cls(
            corpus=Path(section.get("corpus") or reports_dir / "corpus.parquet"),
            max_length=max_length,
            batch_size=batch_size,
            tokenizer=TokenizerConfig.from_params(section.get("tokenizer")),
            augment=dict(section.get("augment") or {}),
            evaluate=dict(section.get("evaluate") or {}),
        )


def pair_reports(corpus: str | Path, cache_dir: str | Path, split: str) -> Any:
    """Corpus rows paired with a sample of the cache's `split`: DataFrame report_id, findings, sample_id, position
    (the sample's row in `DRRCache(cache_dir, split)`), in cache order. Rows without findings are left out. When the
    corpus has the full `text`, "findings" becomes its technique section (the views) followed by the findings."""
    frame = read_corpus(corpus, PAIR_COLUMNS)
    return _pairs(frame, DRRCache(cache_dir, split=split).index)


def _pairs(frame: Any, index: Any) -> Any:
    """pair_reports on a corpus frame already read and the index of one split of the cache."""
    positions = {str(s): i for i, s in enumerate(index["sample_id"])}
    frame = frame[frame["sample_id"].notna() & frame["findings"].map(lambda t: isinstance(t, str) and bool(t.strip()))]
    frame = frame.assign(position=frame["sample_id"].astype(str).map(positions))
    if "text" in frame.columns:  # views are named in the technique section: align with technique + findings
        frame = frame.assign(
            findings=[alignment_text(t, f) for t, f in zip(frame["text"], frame["findings"], strict=True)]
        )
    frame = frame[frame["position"].notna()].astype({"position": int})
    has_content = "views" in frame.columns and "fracture" in frame.columns
    regions = frame["region"] if "region" in frame.columns else [None] * len(frame)
    frame = frame.assign(
        content=[content_key(v, f, r) for v, f, r in zip(frame["views"], frame["fracture"], regions, strict=True)]
        if has_content
        else None
    )
    return frame.sort_values(["position", "report_id"])[["report_id", "findings", "sample_id", "position", "content"]]


def content_key(views: Any, fracture: Any, region: Any = None) -> str | None:
    """What a generated report states that its images can show: the body region, the ordered view codes and the
    fracture flag ("thorax:AP+OAD|fracture"; no region part when the corpus has none), or None when the corpus row has
    no views (NLMCXR, user reports). Two pairs with the same key describe images alike, whatever the phrasing: the
    positives of content-matched retrieval. The region is part of it: a skull report is never a chest image's match."""
    codes = [str(v) for v in views] if views is not None and not isinstance(views, str) else []
    if not codes:
        return None
    where = f"{region}:" if isinstance(region, str) and region else ""
    return where + "+".join(codes) + ("|fracture" if bool(fracture) else "|intact")


def check_pairing(counts: dict[str, int], corpus: Path, cache_dir: Path) -> None:
    """Refuse a pairing with no pair at all, or an empty split, naming both paths and the fix."""
    if not any(counts.values()):
        raise InputError(
            f"{corpus}: no report has a sample_id found in the DRR cache {cache_dir}/index.parquet; rebuild the corpus "
            "from this cache (`xraymatch build-reports`)"
        )
    empty = [s for s, n in counts.items() if n == 0]
    if empty:
        raise InputError(
            f"{corpus}: no report pairs with a '{empty[0]}' sample of the DRR cache {cache_dir} (pairs per split: "
            f"{counts}); rebuild the corpus from this cache (`xraymatch build-reports`)"
        )


class PairedSamples(torch.utils.data.Dataset):
    """Pairs of a `TrainingSamples` item (by position) and a tokenised report; one item per corpus row."""

    def __init__(
        self,
        samples: TrainingSamples,
        positions: list[int],
        ids: torch.Tensor,
        mask: torch.Tensor,
        report_ids: list[str],
        content_keys: list[str | None] | None = None,
    ) -> None:
        if not len(positions) == len(ids) == len(mask) == len(report_ids):
            raise ValueError("PairedSamples: positions, ids, mask and report_ids differ in length")
        if content_keys is not None and len(content_keys) != len(positions):
            raise ValueError("PairedSamples: content_keys and positions differ in length")
        self.content_keys = content_keys
        self.samples = samples
        self.positions = [int(p) for p in positions]
        self.ids = ids
        self.mask = mask
        self.report_ids = [str(r) for r in report_ids]

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i: int) -> dict[str, Any]:
        sample = self.samples[self.positions[i]]
        sample["text_ids"] = self.ids[i]
        sample["text_mask"] = self.mask[i]
        sample["report_id"] = self.report_ids[i]
        if self.content_keys is not None:
            sample["content"] = self.content_keys[i] or ""
        return sample

    def fracture_labels(self) -> np.ndarray:
        """Synthetic-fracture flag of every pair's DRR sample (from the cache index, no image read)."""
        index = self.samples.cache.index
        return index["fracture"].to_numpy(bool)[self.positions]


def paired_collate(items: list[dict[str, Any]]) -> dict[str, Any]:
    """`datamodule.collate` plus the report ids (and content keys, when every item has one) as lists."""
    report_ids = [item.pop("report_id") for item in items]
    content = [item.pop("content", None) for item in items]
    batch = collate(items)
    batch["report_id"] = report_ids
    if all(c is not None for c in content):
        batch["content"] = content
    return batch


def paired_split(
    corpus: Path,
    cache_dir: Path,
    split: str,
    tokenizer: TextTokenizer,
    max_length: int,
    augment: AugmentConfig | None,
    seed: int = 0,
) -> PairedSamples:
    """The pairs of one split, tokenised (possibly empty: callers decide whether that is an error)."""
    frame = read_corpus(corpus, PAIR_COLUMNS)
    samples = split_samples(cache_dir, split, augment, seed)
    pairs = _pairs(frame, samples.cache.index)
    ids, mask = tokenizer.encode(pairs["findings"].tolist(), max_length)
    return PairedSamples(
        samples, pairs["position"].tolist(), ids, mask, pairs["report_id"].tolist(), pairs["content"].tolist()
    )


def fit_tokenizer(config: VLConfig, path: Path, reuse: bool = False) -> TextTokenizer:
    """Train the tokenizer on the corpus's train-split findings and save it to `path`; with `reuse` (a resumed run)
    an existing file at `path` is loaded instead, so the ids match the checkpoint's embeddings."""
    if reuse and path.is_file():
        return TextTokenizer.load(path)
    tokenizer = train_tokenizer(corpus_texts(config.corpus, "train"), config.tokenizer)
    tokenizer.save(path)
    return tokenizer


class PairedDataModule(SplitDataModule):
    """Train/val/test loaders of (DRR sample, report) pairs; an empty pairing or split is an error."""

    def __init__(
        self,
        cache_dir: str | Path,
        corpus: str | Path,
        tokenizer: TextTokenizer,
        max_length: int = 160,
        batch_size: int = 8,
        num_workers: int = 0,
        augment: AugmentConfig | None = None,
        seed: int = 0,
    ) -> None:
        super().__init__(batch_size, num_workers, augment or AugmentConfig(flip_prob=0.0), seed, paired_collate)
        self.cache_dir = Path(cache_dir)
        self.corpus = Path(corpus)
        self.tokenizer = tokenizer
        self.max_length = max_length

    def setup(self, stage: str | None = None) -> None:
        if self.datasets:
            return
        built = {
            split: paired_split(
                self.corpus,
                self.cache_dir,
                split,
                self.tokenizer,
                self.max_length,
                self.augment_for(split),
                self.seed,
            )
            for split in SPLITS
        }
        check_pairing({s: len(d) for s, d in built.items()}, self.corpus, self.cache_dir)
        self.datasets = built


def vl_datamodule(
    params: dict[str, Any],
    cache_dir: Path,
    tokenizer_path: Path,
    batch_size: int,
    num_workers: int,
    augment: dict[str, Any],
    seed: int,
    reuse_tokenizer: bool = False,
) -> tuple[PairedDataModule, dict[str, int]]:
    """The training harness's entry point: fit (or reuse) the tokenizer, build the paired datamodule (batches of
    `vl.batch_size` when set, else `batch_size`), and return the text hyper-parameters the model must be built with
    (vocab_size, pad_id, max_length)."""
    config = VLConfig.from_params(params)
    read_corpus(config.corpus, PAIR_COLUMNS)  # a missing corpus or column fails before the tokenizer is trained
    tokenizer = fit_tokenizer(config, tokenizer_path, reuse=reuse_tokenizer)
    augment_config = AugmentConfig.from_params({**augment, **config.augment})
    datamodule = PairedDataModule(
        cache_dir,
        config.corpus,
        tokenizer,
        config.max_length,
        config.batch_size or batch_size,
        num_workers,
        augment_config,
        seed,
    )
    text = {"vocab_size": tokenizer.vocab_size, "pad_id": tokenizer.pad_id, "max_length": config.max_length}
    return datamodule, text
