from __future__ import annotations

import pytest

from xraymatch.errors import ConfigError
from xraymatch.models.registry import create_model, get_model_class, list_models, register_model
from xraymatch.objectives.multiview import TINY, MultiViewMatching


def test_unknown_name_is_a_config_error_naming_the_known_models() -> None:
    with pytest.raises(ConfigError, match="unknown model 'nope'") as excinfo:
        create_model("nope")
    assert "multiview" in str(excinfo.value) and "sam" in str(excinfo.value)


def test_objectives_and_parts_are_registered() -> None:
    assert {"multiview", "sam", "cnn_tokens", "fpn", "crossview"} <= set(list_models())
    assert get_model_class("multiview") is MultiViewMatching


def test_create_model_passes_keyword_hyper_parameters() -> None:
    model = create_model("multiview", image_size=32, grid=8, **TINY)
    assert isinstance(model, MultiViewMatching)
    assert model.hparams["width"] == TINY["width"] and model.backbone.stride == 4


def test_a_name_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register_model("multiview")(object)
