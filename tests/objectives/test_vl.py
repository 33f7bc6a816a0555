"""Vision-language objective: CLIP/SigLIP losses on hand-made cases, the learnable temperature, the paired data and a
fast_dev_run through the training harness on the tiny cache with a tiny French corpus."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import torch
import torch.nn.functional as F

from tests.objectives.vl_corpus import write_tiny_corpus
from xraymatch.config import apply_override
from xraymatch.data.paired import VLConfig, pair_reports, vl_datamodule
from xraymatch.errors import ConfigError, InputError
from xraymatch.objectives.vl import TINY, VisionLanguage, clip_loss, same_text, siglip_loss
from xraymatch.training.train import TrainConfig, train


@pytest.fixture
def vl_params(train_params: dict[str, Any], tiny_cache: Path, tmp_path: Path) -> dict[str, Any]:
    corpus = write_tiny_corpus(tiny_cache, tmp_path / "reports" / "corpus.parquet")
    # vl.batch_size null: the harness's batch size (the tiny cache has a handful of pairs per split)
    return apply_override(apply_override(train_params, f"vl.corpus={corpus}"), "vl.batch_size=null")


def tiny_model(**overrides: Any) -> VisionLanguage:
    return VisionLanguage(**{"vocab_size": 50, "image_size": 32, **TINY, **overrides})


def test_clip_loss_known_value_and_aligned_beats_shuffled() -> None:
    eye = torch.eye(4)
    # logits = identity at scale 1: each row's softmax gives e / (e + 3) to its match
    assert clip_loss(eye, eye, torch.tensor(1.0)).item() == pytest.approx(math.log(math.e + 3) - 1, abs=1e-6)
    torch.manual_seed(0)
    image = F.normalize(torch.randn(8, 16), dim=-1)
    text = F.normalize(image + 0.05 * torch.randn(8, 16), dim=-1)
    shuffled = text[torch.roll(torch.arange(8), 1)]
    scale = torch.tensor(1 / 0.07)
    aligned_loss, shuffled_loss = clip_loss(image, text, scale), clip_loss(image, shuffled, scale)
    assert aligned_loss < 0.1 < shuffled_loss
    assert aligned_loss < math.log(8) < shuffled_loss  # log(B) is the loss of uninformative embeddings


def test_duplicate_reports_are_positives_of_each_other() -> None:
    ids = torch.tensor([[2, 5, 6, 3], [2, 5, 6, 3], [2, 7, 3, 0]])
    positives = same_text(ids)
    assert positives.tolist() == [[True, True, False], [True, True, False], [False, False, True]]
    # texts 0 and 1 are word for word the same: each of images 0 and 1 has two correct texts, so the soft-target loss
    # of the perfectly aligned case reaches its floor, the targets' entropy (2/3) log 2, and swapping loses
    image = F.normalize(torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), dim=-1)
    scale = torch.tensor(30.0)
    aligned = clip_loss(image, image, scale, positives)
    assert aligned.item() == pytest.approx(2 / 3 * math.log(2), abs=1e-6)
    assert clip_loss(image, image[[2, 1, 0]], scale, positives) > aligned + 1


def test_siglip_loss_known_value_finite_and_bias_learnable() -> None:
    one = torch.tensor([[1.0, 0.0]])
    assert siglip_loss(one, one, torch.tensor(1.0), torch.tensor(0.0)).item() == pytest.approx(
        math.log(1 + math.exp(-1)), abs=1e-6
    )
    model = tiny_model(loss="siglip")
    assert model.bias is not None and model.bias.item() == -10.0
    image, text = F.normalize(torch.randn(6, 16), dim=-1), F.normalize(torch.randn(6, 16), dim=-1)
    loss = siglip_loss(image, text, model.scale(), model.bias)
    assert torch.isfinite(loss)
    loss.backward()
    assert model.bias.grad is not None and model.bias.grad.abs() > 0
    assert model.logit_scale.grad is not None and model.logit_scale.grad.abs() > 0


def test_temperature_is_learnable_initialised_and_clamped() -> None:
    model = tiny_model()
    assert model.logit_scale.item() == pytest.approx(math.log(1 / 0.07))
    assert model.scale().item() == pytest.approx(1 / 0.07, rel=1e-5)
    assert model.bias is None
    optimizer = torch.optim.SGD([model.logit_scale], lr=0.5)
    torch.manual_seed(0)
    image = F.normalize(torch.randn(6, 16), dim=-1)
    clip_loss(image, image, model.scale()).backward()  # aligned pairs: a sharper softmax lowers the loss
    before = model.logit_scale.item()
    optimizer.step()
    assert model.logit_scale.item() > before
    with torch.no_grad():
        model.logit_scale.fill_(10.0)
    assert model.scale().item() == pytest.approx(100.0)


def test_embeddings_shapes_and_norms() -> None:
    model = tiny_model().eval()
    images = torch.rand(3, 2, 1, 32, 32)
    ids = torch.tensor([[2, 7, 8, 3, 0, 0]] * 3)
    image, text = model.encode_image(images), model.encode_text(ids, ids != 0)
    assert image.shape == text.shape == (3, TINY["embed_dim"])
    assert torch.allclose(image.norm(dim=-1), torch.ones(3)) and torch.allclose(text.norm(dim=-1), torch.ones(3))
    assert model.encode(images[:, 0]).shape == (3, 16, TINY["image_width"])  # 32 px / stride 8 = 4 x 4 tokens
    # padding does not change a text's embedding (the mask hides it)
    longer = torch.cat([ids, torch.zeros(3, 4, dtype=torch.long)], dim=1)
    assert torch.allclose(model.encode_text(longer, longer != 0), text, atol=1e-5)


def test_bad_hyper_parameters_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="loss"):
        tiny_model(loss="triplet")
    with pytest.raises(ConfigError, match="multiple of image_stride"):
        tiny_model(image_size=30)
    with pytest.raises(ConfigError, match="temperature_init"):
        tiny_model(temperature_init=2.0)


def test_pairs_come_from_the_cache_and_skip_unpaired_reports(vl_params: dict[str, Any], tiny_cache: Path) -> None:
    corpus = VLConfig.from_params(vl_params).corpus
    index = pd.read_parquet(tiny_cache / "index.parquet")
    for split in ("train", "val", "test"):
        pairs = pair_reports(corpus, tiny_cache, split)
        assert set(pairs["sample_id"]) == set(index.loc[index["split"] == split, "sample_id"])
        assert not pairs["report_id"].isin(["nlm-0001", "user-0001"]).any()


def test_paired_batches_carry_tokens_and_masks(vl_params: dict[str, Any], tiny_cache: Path, tmp_path: Path) -> None:
    datamodule, text = vl_datamodule(vl_params, tiny_cache, tmp_path / "tok.json", 2, 0, {}, 0)
    assert (tmp_path / "tok.json").is_file() and text["max_length"] == 24 and text["pad_id"] == 0
    assert datamodule.augment.flip_prob == 0.0  # the vl section turns flips off (left/right words in the reports)
    datamodule.setup("fit")
    batch = next(iter(datamodule.val_dataloader()))
    assert batch["images"].shape[:2] == (2, 2) and batch["text_ids"].shape == (2, 24)
    assert batch["text_mask"].dtype == torch.bool and batch["text_mask"][:, 0].all()
    assert (batch["text_ids"][~batch["text_mask"]] == 0).all()
    assert len(batch["report_id"]) == 2 and batch["fracture"].shape == (2,)
    assert len(batch["content"]) == 2
    assert all(c.startswith("thorax:") and c.endswith(("|fracture", "|intact")) for c in batch["content"])


def test_an_empty_pairing_names_the_corpus_and_the_cache(vl_params: dict[str, Any], tiny_cache: Path) -> None:
    corpus = VLConfig.from_params(vl_params).corpus
    frame = pd.read_parquet(corpus)
    frame["sample_id"] = "ct-elsewhere-" + frame["report_id"]
    frame.to_parquet(corpus, index=False)
    datamodule, _ = vl_datamodule(vl_params, tiny_cache, corpus.parent / "tok.json", 2, 0, {}, 0)
    with pytest.raises(InputError, match=rf"{corpus}.*no report has a sample_id.*{tiny_cache}"):
        datamodule.setup("fit")


def test_a_missing_corpus_or_column_is_a_clear_error(vl_params: dict[str, Any], tiny_cache: Path) -> None:
    missing = apply_override(vl_params, "vl.corpus=/nonexistent/corpus.parquet")
    with pytest.raises(InputError, match=r"corpus\.parquet: report corpus not found; build it"):
        vl_datamodule(missing, tiny_cache, Path("unused.json"), 2, 0, {}, 0)
    corpus = VLConfig.from_params(vl_params).corpus
    pd.read_parquet(corpus).drop(columns=["sample_id"]).to_parquet(corpus, index=False)
    with pytest.raises(InputError, match="column 'sample_id' is missing"):
        vl_datamodule(vl_params, tiny_cache, Path("unused.json"), 2, 0, {}, 0)
    with pytest.raises(ConfigError, match=r"vl\.colour: unknown key"):
        VLConfig.from_params(apply_override(vl_params, "vl.colour=1"))


def test_fast_dev_run_through_the_training_harness(vl_params: dict[str, Any]) -> None:
    torch.set_num_threads(1)
    config = TrainConfig.from_params(vl_params, "vl")
    result = train(config, fast_dev_run=True)
    assert result.model_version is None
    assert torch.isfinite(torch.tensor(result.metrics["train/loss"]))
    assert {"val/loss", "val/i2t_recall_at_1", "val/t2i_recall_at_1"} <= set(result.metrics)
    assert 0.0 <= result.metrics["val/i2t_recall_at_1"] <= 1.0
    assert (config.models_dir / "vl" / "tokenizer.json").is_file()


def test_checkpoint_round_trip(tmp_path: Path) -> None:
    import lightning as L

    model = tiny_model(loss="siglip")
    checkpoint = {
        "state_dict": model.state_dict(),
        "hyper_parameters": dict(model.hparams),
        "pytorch-lightning_version": L.__version__,
    }
    torch.save(checkpoint, tmp_path / "vl.ckpt")
    restored = VisionLanguage.load_from_checkpoint(tmp_path / "vl.ckpt").eval()
    ids = torch.tensor([[2, 9, 11, 3]])
    assert restored.hparams["loss"] == "siglip" and restored.hparams["vocab_size"] == 50
    assert torch.allclose(restored.encode_text(ids, ids != 0), model.eval().encode_text(ids, ids != 0))


def test_a_resumed_run_reuses_its_tokenizer(vl_params: dict[str, Any], tmp_path: Path) -> None:
    from xraymatch.data.paired import fit_tokenizer

    config = VLConfig.from_params(vl_params)
    path = tmp_path / "vl" / "tokenizer.json"
    first = fit_tokenizer(config, path)
    saved = path.read_bytes()
    pd.read_parquet(config.corpus).assign(findings="un tout autre texte").to_parquet(config.corpus, index=False)
    assert fit_tokenizer(config, path, reuse=True).vocab_size == first.vocab_size
    assert path.read_bytes() == saved  # the checkpoint's embeddings still match the ids
    assert fit_tokenizer(config, path).vocab_size < first.vocab_size  # a fresh run retrains on the new corpus


def test_same_content_positives_and_soft_targets() -> None:
    from xraymatch.objectives.vl import same_content, soft_positives

    content = same_content(["AP+OPG|intact", "AP+OPG|intact", "AP+AP|fracture", "", ""], 5)
    assert content.tolist() == [
        [True, True, False, False, False],
        [True, True, False, False, False],
        [False, False, True, False, False],
        [False, False, False, True, False],  # unknown keys match only themselves
        [False, False, False, False, True],
    ]
    assert not same_content(None, 3).any()
    exact = torch.eye(5, dtype=torch.bool)
    soft = soft_positives(exact, content, 0.25)
    assert soft[0].tolist() == [1.0, 0.25, 0.0, 0.0, 0.0] and soft[2].tolist() == [0.0, 0.0, 1.0, 0.0, 0.0]
    assert torch.equal(soft_positives(exact, content, 0.0), exact.float())


def test_clip_loss_with_soft_positives_has_the_targets_entropy_as_floor() -> None:
    # two images whose texts share content: target row [1, w] / (1 + w); at a huge scale with the two texts identical
    # embeddings the softmax splits 1/2 1/2, so the loss is the cross-entropy of the target against (1/2, 1/2) = log 2
    image = F.normalize(torch.tensor([[1.0, 0.0], [1.0, 0.0]]), dim=-1)
    weights = torch.tensor([[1.0, 0.5], [0.5, 1.0]])
    assert clip_loss(image, image, torch.tensor(50.0), weights).item() == pytest.approx(math.log(2), abs=1e-5)
    # with the targets' weights all on the diagonal the same embeddings cost more than with the soft positives
    assert clip_loss(image, image, torch.tensor(50.0), torch.eye(2)).item() == pytest.approx(math.log(2), abs=1e-5)
    apart = F.normalize(torch.tensor([[1.0, 0.0], [0.0, 1.0]]), dim=-1)
    # aligned and separated at scale 50: target (2/3, 1/3) against softmax ~(1, 0): the 1/3 share pays ~50 nats
    assert clip_loss(apart, apart, torch.tensor(50.0), weights).item() == pytest.approx(50 / 3, rel=1e-3)
    # SigLIP: a soft positive of weight 1 is a plain positive; of weight 0 a plain negative
    one, bias = torch.tensor(1.0), torch.tensor(0.0)
    two = F.normalize(torch.randn(2, 4), dim=-1)
    assert siglip_loss(two, two, one, bias, torch.ones(2, 2)) == pytest.approx(
        siglip_loss(two, two, one, bias, torch.ones(2, 2, dtype=torch.bool)).item()
    )
    assert siglip_loss(two, two, one, bias, torch.eye(2)).item() == pytest.approx(
        siglip_loss(two, two, one, bias).item(), abs=1e-6
    )


def test_concat_fusion_sees_the_order_of_the_views() -> None:
    torch.manual_seed(0)
    images = torch.rand(2, 2, 1, 32, 32)
    swapped = images[:, [1, 0]]
    mean, concat = tiny_model().eval(), tiny_model(fusion="concat").eval()
    with torch.no_grad():
        assert torch.allclose(mean.encode_image(images), mean.encode_image(swapped), atol=1e-5)  # order-blind
        assert not torch.allclose(concat.encode_image(images), concat.encode_image(swapped), atol=1e-3)
        assert concat.image_features(images).shape == (2, 2 * TINY["image_width"])
        with pytest.raises(ConfigError, match="views=2 but got 3"):
            concat.encode_image(torch.rand(1, 3, 1, 32, 32))
    with pytest.raises(ConfigError, match="fusion"):
        tiny_model(fusion="max")
    with pytest.raises(ConfigError, match="content_weight"):
        tiny_model(content_weight=1.5)


def test_temperature_learns_at_its_own_rate_and_content_reaches_the_loss() -> None:
    model = tiny_model(temperature_lr=0.1, content_weight=0.5, epochs=2)
    groups = model.configure_optimizers()["optimizer"].param_groups
    assert [g["lr"] for g in groups[:-1]] == [TINY_LR] * (len(groups) - 1)
    assert groups[-1]["lr"] == 0.1 and groups[-1]["params"] == [model.logit_scale]
    assert sum(len(g["params"]) for g in groups) == len(list(model.parameters()))  # every weight trained once
    ids = torch.tensor([[2, 5, 3], [2, 6, 3], [2, 7, 3]])
    batch = {"text_ids": ids, "content": ["AP+AP|intact", "AP+AP|intact", "AP+PA|intact"]}
    assert model.positives(batch).tolist() == [[1.0, 0.5, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 1.0]]
    assert tiny_model().positives(batch).tolist() == torch.eye(3, dtype=torch.bool).tolist()  # off by default


TINY_LR = 5e-4


def test_vl_batch_size_overrides_the_training_one(vl_params: dict[str, Any], tiny_cache: Path, tmp_path: Path) -> None:
    assert VLConfig.from_params(vl_params).batch_size is None  # null: train.batch_size
    datamodule, _ = vl_datamodule(
        apply_override(vl_params, "vl.batch_size=3"), tiny_cache, tmp_path / "t.json", 2, 0, {}, 0
    )
    assert datamodule.batch_size == 3
    assert vl_datamodule(vl_params, tiny_cache, tmp_path / "t.json", 2, 0, {}, 0)[0].batch_size == 2
    for bad in ("1", "eight"):
        with pytest.raises(ConfigError, match=r"vl\.batch_size"):
            VLConfig.from_params(apply_override(vl_params, f"vl.batch_size={bad}"))


def _multiview_checkpoint(tmp_path: Path) -> Path:
    """A tiny trained-looking multiview checkpoint (32 px, 4 x 4 patches), stamped as the training harness does."""
    import lightning as L

    from xraymatch.objectives import multiview

    torch.manual_seed(5)
    source = multiview.MultiViewMatching(**{**multiview.TINY, "image_size": 32, "grid": 4})
    path = tmp_path / "multiview.ckpt"
    torch.save(
        {
            "state_dict": source.state_dict(),
            "hyper_parameters": dict(source.hparams),
            "pytorch-lightning_version": L.__version__,
            "xraymatch": {"objective": "multiview"},
        },
        path,
    )
    return path


def test_image_side_can_start_from_the_multiview_tower_and_rebuilds_without_it(tmp_path: Path) -> None:
    from xraymatch.objectives.multiview import MultiViewMatching

    path = _multiview_checkpoint(tmp_path)
    model = tiny_model(image_encoder="multiview", init_image_from=str(path), image_finetune="tail").eval()
    source = MultiViewMatching.load_from_checkpoint(str(path), map_location="cpu").eval()
    images = torch.rand(3, 1, 32, 32)
    with torch.no_grad():
        assert torch.allclose(model.encode(images), source.encode(images), atol=1e-6)  # the tower's weights came along
    assert "init_image_from" not in model.hparams and model.hparams["image_encoder_hparams"]["grid"] == 4
    # a registry bundle rebuilds from hyper-parameters + state dict, without the starting checkpoint
    rebuilt = VisionLanguage(**dict(model.hparams))
    rebuilt.load_state_dict(model.state_dict())
    pairs = torch.rand(2, 2, 1, 32, 32)
    with torch.no_grad():
        assert torch.allclose(rebuilt.eval().encode_image(pairs), model.encode_image(pairs), atol=1e-6)


def test_tail_finetuning_trains_only_the_towers_last_block_at_its_own_rate(tmp_path: Path) -> None:
    model = tiny_model(
        image_encoder="multiview",
        init_image_from=str(_multiview_checkpoint(tmp_path)),
        image_finetune="tail",
        image_lr_scale=0.1,
        epochs=1,
    )
    model.train()
    assert model.image_tower is not None
    tail = {id(p) for m in model.image_tower.tail_modules() for p in m.parameters()}
    for param in model.image_tower.parameters():
        assert param.requires_grad == (id(param) in tail)
    assert not model.image_tower.backbone.training and model.image_tower.transformer.blocks[-1].training
    optimizer = model.configure_optimizers()["optimizer"]
    rates = {id(p): group["lr"] for group in optimizer.param_groups for p in group["params"]}
    assert all(id(p) not in rates for p in model.image_tower.parameters() if not p.requires_grad)
    assert [rates[i] for i in tail] == pytest.approx([model.hparams["lr"] * 0.1] * len(tail))
    assert rates[id(model.image_projection.weight)] == pytest.approx(model.hparams["lr"])
    frozen = model.image_tower.backbone.proj.weight.detach().clone()
    last = model.image_tower.transformer.blocks[-1]
    before = [p.detach().clone() for p in last.parameters()]
    ids = torch.tensor([[2, 7, 8, 3], [2, 9, 3, 0], [2, 5, 6, 3]])
    batch = {"images": torch.rand(3, 2, 1, 32, 32), "text_ids": ids, "text_mask": ids != 0}
    model._step(batch)[2].backward()
    optimizer.step()
    assert torch.equal(model.image_tower.backbone.proj.weight, frozen)
    assert any(not torch.equal(a, b) for a, b in zip(before, last.parameters(), strict=True))


def test_bad_image_towers_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"vl image_encoder='vit': choose one of cnn, multiview"):
        tiny_model(image_encoder="vit")
    with pytest.raises(ConfigError, match=r"vl image_finetune='some'"):
        tiny_model(image_encoder="multiview", image_finetune="some")
    with pytest.raises(ConfigError, match=r"init_image_from needs image_encoder multiview, sam or afire"):
        tiny_model(init_image_from=str(tmp_path / "x.ckpt"))
    with pytest.raises(InputError, match=r"missing.ckpt: no checkpoint .*train.objectives.vl.init_image_from: null"):
        tiny_model(image_encoder="multiview", init_image_from=str(tmp_path / "missing.ckpt"))
    path = _multiview_checkpoint(tmp_path)
    with pytest.raises(ConfigError, match=r"vl: the multiview encoder takes image_size=32 .* image_size=64"):
        tiny_model(image_encoder="multiview", init_image_from=str(path), image_size=64)
