"""Vision-language metrics on hand-made cases with known answers, and `evaluate-vl` end to end on the tiny cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from tests.objectives.vl_corpus import write_tiny_corpus
from xraymatch.config import apply_override
from xraymatch.evaluation.vl import recall_at_k, retrieval_scores, zero_shot_scores


def test_recall_at_k_on_a_hand_made_matrix() -> None:
    # query 0 finds its match first, query 1 second, query 2 third, query 3 last (of 4)
    similarity = np.array(
        [
            [0.9, 0.1, 0.2, 0.3],
            [0.8, 0.7, 0.1, 0.0],
            [0.9, 0.8, 0.7, 0.1],
            [0.9, 0.8, 0.7, 0.6],
        ]
    )
    eye = np.eye(4, dtype=bool)
    assert recall_at_k(similarity, eye, 1) == 0.25
    assert recall_at_k(similarity, eye, 2) == 0.5
    assert recall_at_k(similarity, eye, 3) == 0.75
    assert recall_at_k(similarity, eye, 10) == 1.0  # k beyond the candidates: everything is retrieved
    # with candidates 0 and 1 the same report, query 1's first hit (candidate 0) is correct
    duplicates = eye.copy()
    duplicates[0, 1] = duplicates[1, 0] = True
    assert recall_at_k(similarity, duplicates, 1) == 0.5


def test_recall_rejects_bad_inputs() -> None:
    with pytest.raises(ValueError, match="no positive"):
        recall_at_k(np.zeros((2, 2)), np.array([[True, False], [False, False]]), 1)
    with pytest.raises(ValueError, match="equal 2-D shapes"):
        recall_at_k(np.zeros((2, 3)), np.eye(2, dtype=bool), 1)


def test_retrieval_scores_of_perfect_and_reversed_embeddings() -> None:
    image = np.eye(5)
    perfect = retrieval_scores(image, image, np.eye(5, dtype=bool), ks=(1, 5))
    assert perfect == {"i2t_recall@1": 1.0, "i2t_recall@5": 1.0, "t2i_recall@1": 1.0, "t2i_recall@5": 1.0}
    wrong = retrieval_scores(image, image[::-1], np.eye(5, dtype=bool), ks=(1,))
    assert wrong["i2t_recall@1"] == wrong["t2i_recall@1"] == 0.2  # only the middle item maps onto itself


def test_zero_shot_scores_follow_the_closer_prompt_class() -> None:
    fracture = torch.tensor([[1.0, 0.0], [0.8, 0.6]])
    intact = torch.tensor([[0.0, 1.0]])
    images = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.7071, 0.7071]])
    scores = zero_shot_scores(images, fracture, intact)
    assert scores[0] > 0 > scores[1]
    assert scores[0] > scores[2] > scores[1]


def test_evaluate_vl_end_to_end(train_params: dict[str, Any], tiny_cache: Path, tmp_path: Path) -> None:
    import mlflow

    from xraymatch.evaluation.vl import run_vl_evaluation
    from xraymatch.training.train import TrainConfig, train

    torch.set_num_threads(1)
    corpus = write_tiny_corpus(tiny_cache, tmp_path / "reports" / "corpus.parquet")
    params = apply_override(train_params, f"vl.corpus={corpus}")
    for item in (f"evaluate.metrics_dir={tmp_path / 'metrics'}", f"evaluate.plots_dir={tmp_path / 'plots'}"):
        params = apply_override(params, item)
    trained = train(TrainConfig.from_params(params, "vl"))
    assert trained.model_version == "1"
    client = mlflow.tracking.MlflowClient(tracking_uri=params["train"]["tracking_uri"])
    assert [a.path for a in client.list_artifacts(trained.run_id, "tokenizer")] == ["tokenizer/tokenizer.json"]
    run = client.get_run(trained.run_id)
    logged = client.search_logged_models([run.info.experiment_id], filter_string=f"source_run_id='{trained.run_id}'")
    assert {m.name for m in logged} == {"model", "text_model"}  # the image side is registered, the text side logged

    result = run_vl_evaluation(params)
    written = json.loads((tmp_path / "metrics" / "vl.json").read_text())
    assert "proxy" in written["caveat"] and written["n_test_pairs"] > 0
    for name in ("model", "random_init"):
        entry = written[name]
        for key in ("i2t_recall@1", "i2t_recall@5", "i2t_recall@10", "t2i_recall@1", "zero_shot_fracture_auroc"):
            assert key in entry
        assert 0.0 <= entry["i2t_recall@1"] <= entry["i2t_recall@5"] <= entry["i2t_recall@10"] <= 1.0
        assert {"probe_auroc_1pct", "probe_auroc_10pct", "probe_auroc_100pct", "probe_accuracy_100pct"} <= set(entry)
        for direction in ("i2t", "t2i"):  # identical reports state the same content: content positives are a superset
            for k in (1, 5, 10):
                assert entry[f"{direction}_content_recall@{k}"] >= entry[f"{direction}_recall@{k}"]
    chance = written["chance"]
    assert chance["content_recall@1"] >= chance["recall@1"] and 1 <= chance["content_classes"] <= 4
    seen = written["train_pairs"]  # retrieval on training pairs beside the held-out headline, never instead of it
    assert "TRAINING split" in seen["note"] and seen["n_pairs"] > 1 and "recall@1" in seen["chance"]
    for name in ("model", "random_init"):
        assert 0.0 <= seen[name]["i2t_recall@1"] <= 1.0 and 0.0 < seen[name]["top1_hub_share"] <= 1.0
        assert -1.0 <= written[name]["image_mean_cosine"] <= 1.0
    assert written["model"]["logit_scale"] == pytest.approx(1 / 0.07, rel=0.2)
    assert written["model"] == pytest.approx(result["model"], nan_ok=True)
    # attached to the registered version's run like the other objectives' evaluations
    assert [a.path for a in client.list_artifacts(trained.run_id, "evaluation")] == ["evaluation/vl.json"]
    assert "test/i2t_recall_at_1" in client.get_run(trained.run_id).data.metrics
    assert (tmp_path / "plots" / "vl_loss.csv").is_file()


def test_cli_accepts_vl_and_reports_a_missing_model_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import REPO_ROOT
    from xraymatch.cli import build_parser, main

    assert build_parser().parse_args(["train", "--objective", "vl"]).objective == "vl"
    overrides = [f"train.models_dir={tmp_path}", f"evaluate.metrics_dir={tmp_path / 'metrics'}"]
    code = main(["evaluate-vl", "--params", str(REPO_ROOT / "params.yaml"), *(f"--set={o}" for o in overrides)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0
    assert err.startswith("xraymatch: error: ") and "no trained vl model" in err
    assert not (tmp_path / "metrics").exists()


def test_chance_recall_of_one_positive_per_query_is_k_over_n() -> None:
    from xraymatch.evaluation.vl import chance_recall_at_k

    assert chance_recall_at_k(np.eye(10, dtype=bool), 1) == pytest.approx(0.1)
    assert chance_recall_at_k(np.eye(10, dtype=bool), 5) == pytest.approx(0.5)
    assert chance_recall_at_k(np.ones((4, 4), dtype=bool), 1) == pytest.approx(1.0)
    two = np.kron(np.eye(5, dtype=bool), np.ones((2, 2), dtype=bool))  # 5 classes of 2: 1 - C(8,1)/C(10,1)
    assert chance_recall_at_k(two, 1) == pytest.approx(0.2)


def test_content_key_names_region_views_in_order_and_the_fracture_status() -> None:
    from xraymatch.data.paired import content_key

    assert content_key(["AP", "OAD"], True) == "AP+OAD|fracture"
    assert content_key(np.array(["OAD", "AP"]), False) == "OAD+AP|intact"
    assert content_key([], False) is None and content_key(None, None) is None
    assert content_key(["AP", "OAD"], True, "thorax") == "thorax:AP+OAD|fracture"
    assert content_key(["AP", "OAD"], False, "crane") != content_key(["AP", "OAD"], False, "thorax")
    assert content_key(["AP"], False, None) == content_key(["AP"], False, "") == "AP|intact"


def test_pairs_of_two_regions_with_the_same_views_are_not_the_same_content() -> None:
    import pandas as pd

    from xraymatch.data.paired import _pairs

    frame = pd.DataFrame(
        {
            "report_id": ["a", "b"],
            "findings": ["crâne", "thorax"],
            "sample_id": ["s0", "s1"],
            "views": [["AP", "PA"], ["AP", "PA"]],
            "fracture": [False, False],
            "region": ["crane", "thorax"],
        }
    )
    pairs = _pairs(frame, pd.DataFrame({"sample_id": ["s0", "s1"]}))
    assert list(pairs["content"]) == ["crane:AP+PA|intact", "thorax:AP+PA|intact"]


def test_embedding_stats_of_collapsed_and_spread_embeddings() -> None:
    from xraymatch.evaluation.vl import embedding_stats

    spread = embedding_stats(np.eye(4), np.eye(4))
    assert spread == {
        "image_mean_cosine": 0.0,
        "text_mean_cosine": 0.0,
        "top1_hub_share": 0.25,
        "top1_distinct_share": 1.0,
    }
    # every image identical and one text closest to all of them: one hub answers every query
    images = np.tile([[1.0, 0.0]], (4, 1))
    texts = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, -1.0], [-1.0, 0.0]])
    collapsed = embedding_stats(images, texts)
    assert collapsed["image_mean_cosine"] == 1.0 and collapsed["top1_hub_share"] == 1.0
    assert collapsed["top1_distinct_share"] == 0.25
    assert collapsed["text_mean_cosine"] == pytest.approx(-1 / 3)  # pairs: 0, 0, -1, -1, 0, 0 over 6 -> twice
    with pytest.raises(ValueError, match="N >= 2"):
        embedding_stats(np.eye(1), np.eye(1))


def test_spread_picks_cover_the_range_and_respect_the_cap() -> None:
    from xraymatch.evaluation.vl import spread_picks

    assert spread_picks(10, 4) == [0, 3, 6, 9]
    assert spread_picks(3, 200) == [0, 1, 2]
    assert spread_picks(0, 5) == []


def test_balanced_content_recall_does_not_reward_a_collapsed_model() -> None:
    """Known answers: classes a (6 pairs) and b (2 pairs). A collapsed model answering every image with one text of
    class a scores 0.75 plain content recall@1 (the share of a) but 0.5 balanced (1 / classes, a random ranking's
    floor); a model that tells the classes apart scores 1.0 either way."""
    from xraymatch.evaluation.vl import balanced_content_scores, balanced_recall_at_k, chance_balanced_recall_at_k

    classes = ["a"] * 6 + ["b"] * 2
    array = np.asarray(classes, dtype=object)
    positives = array[:, None] == array[None, :]
    collapsed = np.zeros((8, 8))
    collapsed[:, 0] = 1.0  # every image's most similar text is text 0, of class a
    assert recall_at_k(collapsed, positives, 1) == 0.75
    assert balanced_recall_at_k(collapsed, positives, 1, classes) == 0.5
    assert chance_balanced_recall_at_k(positives, 1, classes) == pytest.approx(0.5)  # (6/8 + 2/8) / 2
    separating = np.where(positives, 1.0, 0.0)
    assert balanced_recall_at_k(separating, positives, 1, classes) == 1.0
    one_hot = np.eye(2)[[0] * 6 + [1] * 2]
    scores = balanced_content_scores(one_hot, one_hot, classes, (1,))
    assert scores == {"i2t_content_balanced_recall@1": 1.0, "t2i_content_balanced_recall@1": 1.0}
    with pytest.raises(ValueError, match="group labels"):
        balanced_recall_at_k(collapsed, positives, 1, classes[:-1])
