"""The `evaluate_vl` stage: the vision-language model against its random-init twin on held-out (test) pairs.

- retrieval: image-to-text and text-to-image recall@k over the test pairs; reports that are word-for-word identical
  (the generator describes two samples alike) are all correct answers for each other's images;
- zero-shot synthetic-fracture AUROC: each image's similarity to the mean embedding of French "fracture" prompts
  minus that of "no fracture" prompts, on the test pairs of CTs that can carry a fracture;
- linear probe: a logistic regression on frozen fused image features at 1/10/100% of the fracture labels
  (`downstream.probe_scores`, the same probe as the image objectives' downstream evaluation);
- embedding diagnostics (`embedding_stats`): mean pairwise cosine of the image and of the text embeddings (1.0: all
  alike) and hubness (the share of image queries whose top text is the single most frequent top text), plus the
  learned logit scale;
- `train_pairs`: the same retrieval on pairs of the training split. The test split holds out viewing angles and a
  z-slab, so no held-out split shares the training angles; this block says whether the model learned anything at all
  (train >> test: it does not transfer to the held-out angles). It is never the headline.

Every number comes with the random-init baseline (same architecture and tokenizer) computed in the same run, and
`metrics/vl.json` carries the same caveat as the other objectives: a proxy measured on synthetic DRRs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import torch

log = logging.getLogger(__name__)

DEFAULT_PROMPTS: dict[str, tuple[str, ...]] = {
    "fracture": (
        "fracture de la côte droite",
        "fracture de la côte gauche",
        "fracture costale déplacée",
        "trait de fracture osseuse",
        "fracture de la clavicule",
        "fracture vertébrale",
    ),
    "intact": (
        "pas de fracture",
        "absence de fracture visible",
        "pas de lésion osseuse traumatique",
        "structures osseuses intègres",
    ),
}
RETRIEVAL_NOTE = (
    "recall@k: a retrieved report counts as correct when its text is identical to the query's paired report; "
    "content_recall@k: when it states the same views (ordered codes) and fracture status as the paired report "
    "(generated reports only: the rest of a report is phrasing the images cannot show); content_balanced_recall@k: "
    "content recall averaged within each content class, then over classes (a collapsed model answering every query "
    "with one report of the largest class scores 1 / classes, as a random ranking does); chance: the expected recall "
    "of a random ranking with the same positives"
)

TRAIN_PAIRS_NOTE = (
    "retrieval on pairs of the TRAINING split (images seen in training, without augmentation here): a check that the "
    "model learned at all, not generalisation; the test split holds out viewing angles and a z-slab, so no held-out "
    "split shares the training angles. The headline is the top-level 'model' block (test pairs)"
)


def recall_at_k(similarity: npt.ArrayLike, positives: npt.ArrayLike, k: int) -> float:
    """Share of queries (rows of similarity (N, M)) with a positive among their k most similar candidates.

    positives (N, M) bool marks the correct candidates of each row (the diagonal for one-to-one pairs); ties are
    broken by candidate order. A row without any positive is an error (the query would be unanswerable).
    """
    sim = np.asarray(similarity, dtype=np.float64)
    pos = np.asarray(positives, dtype=bool)
    if sim.shape != pos.shape or sim.ndim != 2:
        raise ValueError(f"recall_at_k: similarity {sim.shape} and positives {pos.shape} must be equal 2-D shapes")
    if not pos.any(axis=1).all():
        raise ValueError("recall_at_k: a query has no positive candidate")
    k = min(int(k), sim.shape[1])
    top = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    return float(np.take_along_axis(pos, top, axis=1).any(axis=1).mean())


def balanced_recall_at_k(similarity: npt.ArrayLike, positives: npt.ArrayLike, k: int, groups: Sequence[Any]) -> float:
    """`recall_at_k` averaged within each group of queries (`groups`: one label per row, e.g. its content class),
    then over groups. Why: with unequal classes a collapsed model whose one hub text belongs to the largest class
    scores that class's share under plain recall, above a random ranking; here it scores 1 / classes, as a random
    ranking does, and only retrieval that tells classes apart rises above that."""
    sim = np.asarray(similarity, dtype=np.float64)
    pos = np.asarray(positives, dtype=bool)
    labels = np.asarray(list(groups), dtype=object)
    if labels.shape != (sim.shape[0],):
        raise ValueError(f"balanced_recall_at_k: {labels.shape[0]} group labels for {sim.shape[0]} queries")
    return float(np.mean([recall_at_k(sim[labels == g], pos[labels == g], k) for g in dict.fromkeys(labels)]))


def chance_balanced_recall_at_k(positives: npt.ArrayLike, k: int, groups: Sequence[Any]) -> float:
    """`chance_recall_at_k` averaged within each group, then over groups (the floor of `balanced_recall_at_k`)."""
    pos = np.asarray(positives, dtype=bool)
    labels = np.asarray(list(groups), dtype=object)
    return float(np.mean([chance_recall_at_k(pos[labels == g], k) for g in dict.fromkeys(labels)]))


def chance_recall_at_k(positives: npt.ArrayLike, k: int) -> float:
    """Expected recall@k of a uniformly random ranking: per query with m positives among n candidates,
    1 - C(n - m, k) / C(n, k), averaged over queries (the floor any retrieval number should be read against)."""
    from math import comb

    pos = np.asarray(positives, dtype=bool)
    n = pos.shape[1]
    k = min(int(k), n)
    return float(np.mean([1.0 - comb(n - int(m), k) / comb(n, k) for m in pos.sum(axis=1)]))


def retrieval_scores(
    image: npt.ArrayLike, text: npt.ArrayLike, positives: npt.ArrayLike, ks: tuple[int, ...] = (1, 5, 10)
) -> dict[str, float]:
    """i2t and t2i recall@k of L2-normalised embeddings image (N, D), text (N, D); positives (N, N) image -> text."""
    sim = np.asarray(image, np.float64) @ np.asarray(text, np.float64).T
    pos = np.asarray(positives, bool)
    out = {f"i2t_recall@{k}": recall_at_k(sim, pos, k) for k in ks}
    out.update({f"t2i_recall@{k}": recall_at_k(sim.T, pos.T, k) for k in ks})
    return out


def embedding_stats(image: npt.ArrayLike, text: npt.ArrayLike) -> dict[str, float]:
    """Spread and hubness of L2-normalised embeddings image (N, D), text (N, D), N >= 2.

    image_mean_cosine / text_mean_cosine: mean cosine over distinct pairs of one side (near 1: collapsed);
    top1_hub_share: the share of image queries whose most similar text is the most frequent such text (1/N when every
    image has its own top text, 1.0 when one text answers everything); top1_distinct_share: distinct top texts / N.
    """
    img = np.asarray(image, np.float64)
    txt = np.asarray(text, np.float64)
    n = len(img)
    if n < 2 or img.shape != txt.shape:
        raise ValueError(f"embedding_stats: image {img.shape} and text {txt.shape} must be equal shapes, N >= 2")
    off = ~np.eye(n, dtype=bool)
    top = np.argmax(img @ txt.T, axis=1)
    counts = np.bincount(top, minlength=n)
    return {
        "image_mean_cosine": float((img @ img.T)[off].mean()),
        "text_mean_cosine": float((txt @ txt.T)[off].mean()),
        "top1_hub_share": float(counts.max() / n),
        "top1_distinct_share": float((counts > 0).sum() / n),
    }


def zero_shot_scores(image: torch.Tensor, fracture_prompts: torch.Tensor, intact_prompts: torch.Tensor) -> np.ndarray:
    """Fracture score of each image embedding (N, D): cosine to the normalised mean of the fracture prompt
    embeddings minus cosine to that of the intact prompts (CLIP's prompt ensembling)."""
    classes = torch.stack([fracture_prompts.mean(0), intact_prompts.mean(0)])
    classes = torch.nn.functional.normalize(classes, dim=-1)
    sims = image @ classes.T
    return (sims[:, 0] - sims[:, 1]).numpy()


@dataclass(frozen=True)
class VLEvalConfig:
    """params.yaml `vl.evaluate` (prompts, recall ks, pair cap) with `evaluate` (seed, fractions, folders)."""

    max_pairs: int
    recall_k: tuple[int, ...]
    prompts: dict[str, tuple[str, ...]]
    batch_size: int = 32

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> VLEvalConfig:
        from xraymatch.errors import ConfigError

        known = {"max_pairs", "recall_k", "prompts", "batch_size"}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ConfigError(f"vl.evaluate.{unknown[0]}: unknown key; valid keys are {', '.join(sorted(known))}")
        prompts = {k: tuple(str(p) for p in v) for k, v in (section.get("prompts") or DEFAULT_PROMPTS).items()}
        if set(prompts) != {"fracture", "intact"} or not all(prompts.values()):
            raise ConfigError("vl.evaluate.prompts: give non-empty lists 'fracture' and 'intact' of French prompts")
        return cls(
            max_pairs=int(section.get("max_pairs", 200)),
            recall_k=tuple(int(k) for k in section.get("recall_k", (1, 5, 10))),
            prompts=prompts,
            batch_size=int(section.get("batch_size", 32)),
        )


def embed_pairs(model: Any, dataset: Any, picks: list[int], batch: int) -> dict[str, torch.Tensor]:
    """Image embeddings, text embeddings, fused image features and token ids of the picked pairs."""
    from xraymatch.data.paired import paired_collate

    parts: dict[str, list[torch.Tensor]] = {"image": [], "text": [], "features": [], "ids": []}
    with torch.no_grad():
        for start in range(0, len(picks), batch):
            items = paired_collate([dataset[i] for i in picks[start : start + batch]])
            features = model.image_features(items["images"])
            parts["features"].append(features)
            parts["image"].append(torch.nn.functional.normalize(model.image_projection(features), dim=-1))
            parts["text"].append(model.encode_text(items["text_ids"], items["text_mask"]))
            parts["ids"].append(items["text_ids"])
    return {k: torch.cat(v) for k, v in parts.items()}


def image_features(model: Any, samples: list[dict[str, Any]], batch: int) -> np.ndarray:
    """Fused (all views) frozen image features (N, image_width) of cache samples, for the linear probe."""
    rows = []
    with torch.no_grad():
        for start in range(0, len(samples), batch):
            images = torch.stack([s["images"] for s in samples[start : start + batch]])
            rows.append(model.image_features(images).numpy())
    return np.concatenate(rows)


def content_classes(test: Any, picks: list[int]) -> list[str] | None:
    """The content key (`paired.content_key`: region, views and fracture status) of each picked pair; None when some
    report has none (then content-matched retrieval is not scored)."""
    keys = getattr(test, "content_keys", None)
    if keys is None:
        return None
    picked = [keys[i] for i in picks]
    return None if any(k is None for k in picked) else picked


def same_class(classes: Sequence[str]) -> np.ndarray:
    """(N, N) bool: pairs whose content classes are equal."""
    array = np.asarray(list(classes), dtype=object)
    return array[:, None] == array[None, :]


def balanced_content_scores(
    image: npt.ArrayLike, text: npt.ArrayLike, classes: list[str], ks: tuple[int, ...]
) -> dict[str, float]:
    """i2t and t2i content recall@k balanced over content classes (`balanced_recall_at_k`; the pairs' image and text
    share a class, so both directions group queries by the same labels)."""
    sim = np.asarray(image, np.float64) @ np.asarray(text, np.float64).T
    pos = same_class(classes)
    out = {f"i2t_content_balanced_recall@{k}": balanced_recall_at_k(sim, pos, k, classes) for k in ks}
    out.update({f"t2i_content_balanced_recall@{k}": balanced_recall_at_k(sim.T, pos.T, k, classes) for k in ks})
    return out


def pair_retrieval(
    model: Any, dataset: Any, picks: list[int], config: VLEvalConfig
) -> tuple[dict[str, torch.Tensor], dict[str, float]]:
    """Embeddings of the picked pairs with their exact and content-matched retrieval and `embedding_stats`."""
    from xraymatch.objectives.vl import same_text

    model.eval()
    pairs = embed_pairs(model, dataset, picks, config.batch_size)
    out = retrieval_scores(pairs["image"], pairs["text"], same_text(pairs["ids"]).numpy(), config.recall_k)
    classes = content_classes(dataset, picks)
    if classes is not None:
        content_scores = retrieval_scores(pairs["image"], pairs["text"], same_class(classes), config.recall_k)
        out.update({key.replace("_recall@", "_content_recall@"): value for key, value in content_scores.items()})
        out.update(balanced_content_scores(pairs["image"], pairs["text"], classes, config.recall_k))
    if len(picks) >= 2:
        out.update(embedding_stats(pairs["image"], pairs["text"]))
    return pairs, out


def score_model(
    model: Any,
    tokenizer: Any,
    test: Any,
    picks: list[int],
    eligible: np.ndarray,
    probe: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    config: VLEvalConfig,
    fractions: tuple[float, ...],
    seed: int,
) -> dict[str, float]:
    """Every vl metric of one model (flat floats, so they can be logged to MLflow as they are)."""
    from xraymatch.evaluation.downstream import probe_scores
    from xraymatch.evaluation.metrics import binary_scores

    pairs, out = pair_retrieval(model, test, picks, config)
    out["logit_scale"] = float(model.scale().detach())
    max_length = int(model.hparams["max_length"])
    with torch.no_grad():
        prompts = {
            name: model.encode_text(*tokenizer.encode(list(p), max_length)) for name, p in config.prompts.items()
        }
    labels = test.fracture_labels()[picks]
    zero_shot = zero_shot_scores(pairs["image"], prompts["fracture"], prompts["intact"])
    out["zero_shot_fracture_auroc"] = binary_scores(labels[eligible], zero_shot[eligible])["auroc"]
    train, held_out = probe
    train_y = np.array([float(s["fracture"]) for s in train]).astype(int)
    test_y = np.array([float(s["fracture"]) for s in held_out]).astype(int)
    if len(np.unique(train_y)) == 2 and len(np.unique(test_y)) == 2:
        train_x = image_features(model, train, config.batch_size)
        test_x = image_features(model, held_out, config.batch_size)
        for share, entry in probe_scores(train_x, train_y, test_x, test_y, fractions, seed).items():
            tag = share.rstrip("%")
            out[f"probe_accuracy_{tag}pct"] = float(entry["accuracy"])
            out[f"probe_auroc_{tag}pct"] = float(entry["auroc"])
    return out


def chance_levels(test: Any, picks: list[int], ks: tuple[int, ...]) -> dict[str, float]:
    """Random-ranking recall@k (`chance_recall_at_k`) for the exact and the content-matched positives."""
    from xraymatch.objectives.vl import same_text

    exact = same_text(test.ids[picks]).numpy()
    out = {f"recall@{k}": chance_recall_at_k(exact, k) for k in ks}
    classes = content_classes(test, picks)
    if classes is not None:
        content = same_class(classes)
        out.update({f"content_recall@{k}": chance_recall_at_k(content, k) for k in ks})
        out.update({f"content_balanced_recall@{k}": chance_balanced_recall_at_k(content, k, classes) for k in ks})
        out["content_classes"] = float(len(set(classes)))
    return out


def spread_picks(size: int, cap: int) -> list[int]:
    """At most `cap` indices spread evenly over range(size) (the same picks for every model of one run)."""
    count = min(size, cap)
    return [int(i) for i in np.linspace(0, size - 1, count).round().astype(int)] if count else []


@dataclass(frozen=True)
class HeldOutPairs:
    """What every vl score is computed on: the test pairs (tokenised for one model), the picked pairs, which of them
    may carry a fracture (zero-shot), the linear probe's (train, held-out) samples and the evaluation settings."""

    test: Any
    picks: list[int]
    eligible: np.ndarray
    probe: tuple[list[dict[str, Any]], list[dict[str, Any]]]
    config: VLEvalConfig
    fractions: tuple[float, ...]
    seed: int


def load_tokenizer(path: Any, vocab_size: int) -> Any:
    """The TextTokenizer at `path`, refused when its vocabulary does not fit the model's (`vocab_size` tokens)."""
    from pathlib import Path

    from xraymatch.errors import InputError
    from xraymatch.reports.tokenizer import TextTokenizer

    if not Path(path).is_file():
        raise InputError(f"{path}: missing vl tokenizer; run `dvc repro train_vl` first")
    tokenizer = TextTokenizer.load(Path(path))
    if tokenizer.vocab_size != int(vocab_size):
        raise InputError(
            f"{path}: vocabulary of {tokenizer.vocab_size} tokens but the checkpoint expects {vocab_size}; "
            "retrain the vl objective"
        )
    return tokenizer


def held_out_pairs(params: dict[str, Any], tokenizer: Any, max_length: int) -> HeldOutPairs:
    """The test pairs of the corpus and cache named by `params`, tokenised with `tokenizer` at `max_length` tokens."""
    from xraymatch.data.paired import VLConfig, check_pairing, paired_split
    from xraymatch.evaluation.evaluate import EvalConfig, fracture_samples

    eval_config = EvalConfig.from_params(params)
    vl_config = VLConfig.from_params(params)
    config = VLEvalConfig.from_section(vl_config.evaluate)
    test = paired_split(vl_config.corpus, eval_config.cache_dir, "test", tokenizer, int(max_length), None)
    check_pairing({"test": len(test)}, vl_config.corpus, eval_config.cache_dir)
    picks = spread_picks(len(test), config.max_pairs)
    index = test.samples.cache.index
    eligible = (
        index["fracture_eligible"].to_numpy(bool)[np.asarray(test.positions)[picks]]
        if "fracture_eligible" in index
        else np.ones(len(picks), bool)
    )
    return HeldOutPairs(
        test, picks, eligible, fracture_samples(eval_config), config, eval_config.label_fractions, eval_config.seed
    )


def score_held_out(model: Any, tokenizer: Any, held: HeldOutPairs) -> dict[str, float]:
    """`score_model` on prepared held-out pairs: the `model` block of metrics/vl.json."""
    return score_model(
        model, tokenizer, held.test, held.picks, held.eligible, held.probe, held.config, held.fractions, held.seed
    )


def score_version(model: Any, tokenizer: Any, params: dict[str, Any]) -> dict[str, float]:
    """Every vl metric of one model (with its own tokenizer) on the current test pairs, as `evaluate_vl` computes
    them: the promotion gate re-scores registered versions with this."""
    return score_held_out(model, tokenizer, held_out_pairs(params, tokenizer, int(model.hparams["max_length"])))


def run_vl_evaluation(params: dict[str, Any]) -> dict[str, Any]:
    """Evaluate models/vl (checkpoint + tokenizer) and its random-init twin; write metrics/vl.json and plots/vl_loss.csv
    and attach the JSON to the newest registered `xraymatch-vl` version's run."""
    from xraymatch.data.paired import VLConfig, paired_split
    from xraymatch.evaluation.evaluate import (
        CAVEAT,
        EvalConfig,
        load_trained,
        log_to_registered_run,
        loss_history,
        random_init,
        write_csv,
        write_json,
    )

    eval_config = EvalConfig.from_params(params)
    vl_config = VLConfig.from_params(params)
    trained = load_trained("vl", eval_config.models_dir)
    max_length = int(trained.hparams["max_length"])
    tokenizer = load_tokenizer(eval_config.models_dir / "vl" / "tokenizer.json", int(trained.hparams["vocab_size"]))
    baseline = random_init(trained, eval_config.seed)
    held = held_out_pairs(params, tokenizer, max_length)
    test, picks, eligible, config = held.test, held.picks, held.eligible, held.config
    seen = paired_split(vl_config.corpus, eval_config.cache_dir, "train", tokenizer, max_length, None)
    seen_picks = spread_picks(len(seen), config.max_pairs)
    result: dict[str, Any] = {
        "caveat": CAVEAT + "; reports are generated from what each DRR sample contains, fractures are synthetic",
        "n_test_pairs": len(picks),
        "n_unique_test_reports": len({tuple(test.ids[i].tolist()) for i in picks}),
        "n_zero_shot_samples": int(eligible.sum()),
        "retrieval_positives": RETRIEVAL_NOTE,
        "chance": chance_levels(test, picks, config.recall_k),
        "prompts": {k: list(v) for k, v in config.prompts.items()},
        "train_pairs": {"note": TRAIN_PAIRS_NOTE, "n_pairs": len(seen_picks)},
    }
    if len(seen_picks) >= 2:
        result["train_pairs"]["chance"] = chance_levels(seen, seen_picks, config.recall_k)
    for name, net in (("model", trained), ("random_init", baseline)):
        result[name] = score_held_out(net, tokenizer, held)
        if len(seen_picks) >= 2:
            result["train_pairs"][name] = pair_retrieval(net, seen, seen_picks, config)[1]
        log.info("scored vl %s", name)
    path = eval_config.metrics_dir / "vl.json"
    write_json(path, result)
    run_id = log_to_registered_run("vl", path, result, params)
    write_csv(eval_config.plots_dir / "vl_loss.csv", loss_history(run_id, params))
    return result
