"""Config sections become typed dataclasses; bad keys and values are one-line errors naming the field."""

from __future__ import annotations

import pytest

from xraymatch.config import dataclass_from_section, deep_merge
from xraymatch.errors import ConfigError
from xraymatch.geometry.sampler import SamplerConfig


def test_values_are_coerced_to_the_defaults_types() -> None:
    config = dataclass_from_section(SamplerConfig, {"sid_mm": [1000, 1100], "height": "64"}, "drr.sampler")
    assert config.sid_mm == (1000.0, 1100.0) and config.height == 64 and isinstance(config.sid_mm[0], float)


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"sid": [1, 2]}, r"drr\.sampler\.sid: unknown key"),
        ({"sid_mm": [1000, 1050, 1100]}, r"drr\.sampler\.sid_mm: cannot read"),
        ({"height": "tall"}, r"drr\.sampler\.height: cannot read"),
    ],
)
def test_bad_sections_name_the_field(section: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        dataclass_from_section(SamplerConfig, section, "drr.sampler")


def test_deep_merge_keeps_untouched_keys() -> None:
    merged = deep_merge({"a": {"b": 1, "c": 2}, "d": 3}, {"a": {"b": 9}})
    assert merged == {"a": {"b": 9, "c": 2}, "d": 3}
