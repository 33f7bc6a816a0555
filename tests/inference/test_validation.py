"""The non-image form fields: points (JSON list of [x, y] inside the template) and top_k (1..1000)."""

from __future__ import annotations

import pytest

from xraymatch.errors import InputError
from xraymatch.inference.validation import MAX_POINTS, parse_points, parse_top_k


def test_points_parsed_in_template_pixels() -> None:
    assert parse_points("[[0, 0], [100, 50.5], [200, 100]]", width=200, height=100) == [
        (0.0, 0.0),
        (100.0, 50.5),
        (200.0, 100.0),
    ]
    assert parse_points(b"[[1, 2]]", 10, 10) == [(1.0, 2.0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "missing"),
        ("", "not valid JSON"),
        ("[[1, 2]", "not valid JSON"),
        ("{'x': 1}", "not valid JSON"),
        ('{"x": 1}', "non-empty JSON list"),
        ("[]", "non-empty JSON list"),
        ("[[1, 2, 3]]", r"points\[0\]: expected a pair"),
        ('[["1", 2]]', r"points\[0\]: expected a pair"),
        ("[[true, 2]]", r"points\[0\]: expected a pair"),
        ("[[1, 2], [NaN, 1]]", r"points\[1\]: coordinates must be finite"),
        ("[[201, 5]]", "outside the template"),
        ("[[5, -0.5]]", "outside the template"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_bad_points_are_one_line_errors(text: str | bytes | None, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_points(text, width=200, height=100)
    assert "\n" not in str(info.value) and str(info.value).startswith("points")


def test_too_many_points() -> None:
    with pytest.raises(InputError, match="at most"):
        parse_points(str([[1, 1]] * (MAX_POINTS + 1)), 10, 10)


def test_top_k() -> None:
    assert parse_top_k(None) == 50 and parse_top_k("") == 50
    assert parse_top_k("7") == 7 and parse_top_k(1000) == 1000 and parse_top_k(3.0) == 3
    for bad in ("0", "1001", "-3", "ten", "2.5", True, float("nan")):
        with pytest.raises(InputError, match="top_k"):
            parse_top_k(bad)
