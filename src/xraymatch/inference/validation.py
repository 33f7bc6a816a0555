"""Validation of the endpoints' non-image form fields: `points` (a JSON list of [x, y]) and `top_k`.

Coordinates follow the project's pixel convention: x is the column, y the row, and pixel (row i, col j) covers
[j, j+1] x [i, i+1], so a point of an image of width W and height H lies in [0, W] x [0, H].
"""

from __future__ import annotations

import json
import math
from typing import Any

from xraymatch.errors import InputError

MAX_TOP_K = 1000
MAX_POINTS = 1000


def parse_top_k(value: Any, field: str = "top_k", default: int = 50) -> int:
    """`top_k` as an int in 1..MAX_TOP_K; None or "" gives `default`; bools, fractions and text are refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        raise InputError(f"{field}: expected an integer in 1..{MAX_TOP_K}, got a boolean")
    try:
        number = int(str(value).strip()) if not isinstance(value, int | float) else value
    except ValueError:
        raise InputError(f"{field}: expected an integer in 1..{MAX_TOP_K}; send e.g. top_k=20") from None
    if isinstance(number, float) and (not math.isfinite(number) or not number.is_integer()):
        raise InputError(f"{field}: expected an integer in 1..{MAX_TOP_K}; send e.g. top_k=20")
    number = int(number)
    if not 1 <= number <= MAX_TOP_K:
        raise InputError(f"{field}: {number} is outside 1..{MAX_TOP_K}")
    return number


def parse_points(
    text: str | bytes | None, width: float, height: float, field: str = "points"
) -> list[tuple[float, float]]:
    """A JSON list of [x, y] pairs inside a width x height image -> [(x, y), ...] (1..MAX_POINTS of them)."""
    if text is None:
        raise InputError(f"{field}: missing; send a JSON list of [x, y] pixel positions in the template")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{field}: not UTF-8 text; send a JSON list such as [[120, 80], [40.5, 200]]") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise InputError(f"{field}: not valid JSON; send a list such as [[120, 80], [40.5, 200]]") from None
    if not isinstance(value, list) or not value:
        raise InputError(f"{field}: expected a non-empty JSON list of [x, y] pairs, e.g. [[120, 80]]")
    if len(value) > MAX_POINTS:
        raise InputError(f"{field}: {len(value)} points; send at most {MAX_POINTS} per request")
    points = []
    for index, item in enumerate(value):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in item)
        ):
            raise InputError(f"{field}[{index}]: expected a pair of numbers [x, y]")
        x, y = float(item[0]), float(item[1])
        if not (math.isfinite(x) and math.isfinite(y)):
            raise InputError(f"{field}[{index}]: coordinates must be finite numbers")
        if not (0.0 <= x <= width and 0.0 <= y <= height):
            raise InputError(
                f"{field}[{index}]: ({x:g}, {y:g}) is outside the template ({width:g} x {height:g} pixels, "
                "x = column, y = row)"
            )
        points.append((x, y))
    return points
