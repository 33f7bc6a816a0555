"""The fracture classifier: towers equal their objective's encoders, rebuilds are exact, a separable case is learnt,
checkpoints seed the encoder, and `train --objective fracture` runs on the tiny cache and registers probabilities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lightning as L
import pytest
import torch

from xraymatch.errors import ConfigError, InputError
from xraymatch.models.registry import create_model
from xraymatch.objectives import afire, fracture, multiview, sam
from xraymatch.objectives.fracture import FractureClassifier, balanced_bce
from xraymatch.objectives.towers import token_encoder

SIZE = 32
TINY_TOWERS: dict[str, dict[str, Any]] = {
    "multiview": {**multiview.TINY, "image_size": SIZE, "grid": 8},
    "sam": dict(sam.TINY),
    "afire": {
        "image_size": SIZE,
        "patch_size": 8,
        "backbone_kwargs": {"depth": 2, "embed_dim": 32, "num_heads": 2},
        "head_hidden_dim": 32,
        "bottleneck_dim": 16,
        "prototypes": 8,
        "decoder_dim": 32,
        "decoder_depth": 1,
        "decoder_heads": 2,
    },
}


def spotted_views(n: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(n, 2, 1, SIZE, SIZE) flat noisy views; the positive half carries a bright 4x4 spot anywhere in each view."""
    gen = torch.Generator().manual_seed(seed)
    images = 0.2 + 0.05 * torch.rand(n, 2, 1, SIZE, SIZE, generator=gen)
    labels = (torch.arange(n) % 2).float()
    for i in range(n):
        if labels[i]:
            for v in range(2):
                r, c = torch.randint(0, SIZE - 4, (2,), generator=gen).tolist()
                images[i, v, 0, r : r + 4, c : c + 4] = 1.0
    return images, labels


@pytest.mark.parametrize("name", ["multiview", "sam", "afire"])
def test_each_tower_reproduces_its_objectives_encoder(name: str) -> None:
    torch.manual_seed(0)
    model = create_model(name, **TINY_TOWERS[name]).eval()
    tower = token_encoder(name, model).eval()
    images = torch.rand(3, 1, SIZE, SIZE)
    with torch.no_grad():
        expected = model.embed(images)[0].flatten(2).transpose(1, 2) if name == "sam" else model.encode(images)
        assert torch.allclose(tower(images), expected, atol=1e-6)
        assert tower.tail(tower.stem(images)).shape == expected.shape


@pytest.mark.parametrize("name", ["multiview", "sam", "afire"])
def test_rebuild_by_name_and_state_dict_gives_identical_logits(name: str) -> None:
    torch.manual_seed(1)
    classifier = create_model("fracture", encoder=name, encoder_hparams=TINY_TOWERS[name], hidden=8).eval()
    hparams = json.loads(json.dumps(dict(classifier.hparams)))  # what a bundle stores
    assert "init_from" not in hparams and hparams["encoder_hparams"]
    torch.manual_seed(2)  # another initialisation, replaced by the state dict
    rebuilt = create_model("fracture", **hparams)
    rebuilt.load_state_dict(classifier.state_dict(), strict=True)
    images = torch.rand(2, 3, 1, SIZE, SIZE)  # three views: any number of views is fused
    with torch.no_grad():
        assert torch.equal(classifier(images), rebuilt.eval()(images))
        probs = classifier.predict_proba(images)
    assert probs.shape == (2,) and bool(((probs > 0) & (probs < 1)).all())


def test_bundle_round_trip_of_a_classifier(tmp_path: Path) -> None:
    from xraymatch.registry.bundle import load_bundle, save_bundle

    classifier = create_model("fracture", **{**fracture.TINY, "image_size": SIZE}).eval()
    save_bundle(classifier, "fracture", tmp_path / "bundle", image_size=SIZE, version="xraymatch-fracture/1")
    bundle = load_bundle(tmp_path / "bundle", expect="fracture")
    images = torch.rand(2, 2, 1, SIZE, SIZE)
    with torch.no_grad():
        assert torch.equal(bundle.model(images), classifier(images))


def test_learns_a_separable_case() -> None:
    """A bright spot in fractured views: the whole classifier learns it and ranks held-out samples perfectly."""
    from xraymatch.evaluation.metrics import binary_scores

    torch.manual_seed(0)
    classifier = create_model("fracture", **{**fracture.TINY, "image_size": SIZE, "lr": 3e-3, "encoder_lr_scale": 1})
    train_x, train_y = spotted_views(32, seed=0)
    test_x, test_y = spotted_views(24, seed=1)
    optimizer = torch.optim.AdamW(classifier.parameters(), lr=3e-3)
    classifier.train()
    for step in range(30):
        pick = torch.arange(step * 8, step * 8 + 8) % len(train_x)
        loss = balanced_bce(classifier(train_x[pick]), train_y[pick])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        scores = binary_scores(test_y.numpy(), classifier.eval().predict_proba(test_x).numpy())
    assert scores["auroc"] >= 0.95, scores


def test_balanced_bce_weighs_each_class_half() -> None:
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    logits = torch.tensor([2.0, -1.0, 0.5, 0.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 0.0])
    expected = 0.5 * bce(logits[:1], labels[:1]) + 0.5 * bce(logits[1:], labels[1:])
    assert torch.isclose(balanced_bce(logits, labels), expected, atol=1e-6)
    assert torch.isclose(balanced_bce(logits, torch.zeros(4)), bce(logits, torch.zeros(4)))  # one class: plain BCE


def test_tail_finetuning_freezes_the_stem_and_keeps_it_in_eval_mode() -> None:
    classifier = create_model("fracture", encoder="sam", encoder_hparams=TINY_TOWERS["sam"], finetune="tail")
    classifier.train()
    tail = {id(p) for m in classifier.encoder.tail_modules() for p in m.parameters()}
    for param in classifier.encoder.parameters():
        assert param.requires_grad == (id(param) in tail)
    batch_norms = [m for m in classifier.encoder.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    assert batch_norms and not any(m.training for m in batch_norms)
    assert all(m.training for m in classifier.head.modules())


def _checkpoint(tmp_path: Path, name: str, stamp: str) -> Path:
    torch.manual_seed(3)
    model = create_model(name, **TINY_TOWERS[name])
    path = tmp_path / f"{name}.ckpt"
    torch.save(
        {
            "state_dict": model.state_dict(),
            "hyper_parameters": dict(model.hparams),
            "pytorch-lightning_version": L.__version__,
            "xraymatch": {"objective": stamp},
        },
        path,
    )
    return path


def test_init_from_a_checkpoint_copies_the_encoder_weights_and_hparams(tmp_path: Path) -> None:
    path = _checkpoint(tmp_path, "afire", "afire")
    classifier = FractureClassifier(encoder="afire", init_from=str(path), image_size=SIZE)
    assert classifier.hparams["encoder_hparams"]["backbone_kwargs"]["depth"] == 2
    source = afire.AFiRe.load_from_checkpoint(str(path), map_location="cpu").eval()
    images = torch.rand(2, 1, SIZE, SIZE)
    with torch.no_grad():
        assert torch.allclose(classifier.eval().encode(images), source.encode(images), atol=1e-6)
    with pytest.raises(ConfigError, match=r"image_size=32 but the cache at hand has image_size=64"):
        FractureClassifier(encoder="afire", init_from=str(path), image_size=64)


def test_bad_starting_points_are_named(tmp_path: Path) -> None:
    path = _checkpoint(tmp_path, "multiview", "multiview")
    with pytest.raises(InputError, match=r"checkpoint of objective 'multiview', not of the encoder 'sam'"):
        FractureClassifier(encoder="sam", init_from=str(path))
    with pytest.raises(InputError, match=r"missing.ckpt: no checkpoint .*fracture.init_from: null"):
        FractureClassifier(encoder="multiview", init_from=str(tmp_path / "missing.ckpt"))
    with pytest.raises(ConfigError, match=r"encoder_hparams.width=64 but .* was trained with 32"):
        FractureClassifier(encoder="multiview", init_from=str(path), encoder_hparams={"width": 64})
    with pytest.raises(ConfigError, match=r"encoder='vl'"):
        FractureClassifier(encoder="vl")
    with pytest.raises(InputError, match=r"expected \(B, V, 1, H, W\)"):
        FractureClassifier(**fracture.TINY)(torch.rand(2, 1, SIZE, SIZE))


def test_fast_dev_run_on_the_tiny_cache(train_params) -> None:
    from xraymatch.training.train import TrainConfig, train

    result = train(TrainConfig.from_params(train_params, "fracture"), fast_dev_run=True)
    assert result.model_version is None
    assert "train/loss" in result.metrics and torch.isfinite(torch.tensor(result.metrics["val/loss"]))


def test_training_registers_fracture_probabilities(train_params) -> None:
    import mlflow

    from xraymatch.training.train import TrainConfig, train

    config = TrainConfig.from_params(train_params, "fracture")
    result = train(config)
    assert result.model_version == "1" and result.checkpoint.exists()
    assert "val/auroc" in result.metrics and "val/loss" in result.metrics
    mlflow.set_tracking_uri(config.tracking_uri)
    exported = mlflow.pytorch.load_model("models:/xraymatch-fracture/1")
    images = torch.rand(1, 2, 1, SIZE, SIZE)  # the logged model is specialised to its input example's batch of 1
    with torch.no_grad():
        probs = exported(images)
    assert probs.shape == (1,) and 0 <= float(probs[0]) <= 1


def test_datamodule_keeps_only_fracture_eligible_samples(tiny_cache: Path) -> None:
    from xraymatch.training.fracture_data import FractureDataModule

    module = FractureDataModule(tiny_cache, batch_size=2)
    module.setup("fit")
    for split, dataset in module.datasets.items():
        assert isinstance(dataset, torch.utils.data.Subset), split
        index = dataset.dataset.cache.index  # type: ignore[attr-defined]
        assert index["fracture_eligible"].to_numpy(bool)[list(dataset.indices)].all()
    labels = {float(module.datasets["train"][i]["fracture"]) for i in range(len(module.datasets["train"]))}
    assert labels == {0.0, 1.0}
