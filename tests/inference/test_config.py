"""The serving section of params.yaml: defaults, the repository's values, one-line errors."""

from __future__ import annotations

import pytest

from xraymatch.config import load_params
from xraymatch.errors import ConfigError
from xraymatch.inference.config import ServingConfig, serving_config


def test_repository_params_and_defaults() -> None:
    config = serving_config(load_params("params.yaml"))
    assert config.batching.max_batch_size >= 2 and config.max_upload_bytes == int(config.max_upload_mb * 2**20)
    assert serving_config({}) == ServingConfig()
    limits = config.limits()
    assert limits.max_side == config.max_side and limits.max_bytes == config.max_upload_bytes


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"prot": 1}, "serving.prot: unknown key"),
        ({"port": 0}, "serving.port"),
        ({"max_views": 1}, "serving.max_views"),
        ({"batching": {"max_batch_size": 1}}, "serving.batching.max_batch_size"),
        ({"batching": {"max_wait": 3}}, "serving.batching.max_wait: unknown key"),
        ({"port": "eighty"}, "serving.port: cannot read"),
        ({"batching": {"max_batch_size": "many"}}, "serving.batching.max_batch_size: cannot read"),
        ({"batching": [8]}, "serving.batching: expected a mapping"),
    ],
)
def test_bad_values_are_one_line_config_errors(section: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        serving_config({"serving": section})


def test_a_section_that_is_not_a_mapping_is_named() -> None:
    with pytest.raises(ConfigError, match=r"^serving: expected a mapping"):
        serving_config({"serving": "on"})
    assert serving_config({"serving": None}) == ServingConfig()  # an empty section keeps every default
