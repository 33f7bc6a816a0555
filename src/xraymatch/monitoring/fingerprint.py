"""Keyed content fingerprints of uploads, so that a drift window counts identical uploads once.

A fingerprint is HMAC-SHA256 over the decoded pixel array (its dtype, shape and bytes) with a secret key: the same
pixels give the same fingerprint under one key, one changed pixel gives another, and without the key nobody can
test whether a given image was uploaded, nor link uploads across sites (each site's key differs). The key comes
from `$XRAYMATCH_MONITORING_KEY` when set, else it is a random key kept in the store's own metadata table
(MonitoringStore.key). Neither the key nor the fingerprints are ever logged or written to a report.

Two statistical reasons to de-duplicate: KS and MMD assume independent draws, and 17 copies of 2 radiographs are 2
draws, not 17 (the 17-copy window gave KS p50 p = 8.5e-4, a false alarm).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Sequence
from typing import Any

import numpy as np

KEY_ENV = "XRAYMATCH_MONITORING_KEY"
KEY_BYTES = 32


def env_key() -> bytes | None:
    """The site key from $XRAYMATCH_MONITORING_KEY (UTF-8 bytes), or None when unset or empty."""
    value = os.environ.get(KEY_ENV, "")
    return value.encode("utf-8") if value else None


def new_key() -> bytes:
    """A fresh random key (32 bytes)."""
    return secrets.token_bytes(KEY_BYTES)


def fingerprint(pixels: Any, key: bytes) -> str:
    """HMAC-SHA256 (hex) of a decoded pixel array: dtype, shape and the C-ordered bytes."""
    array = np.ascontiguousarray(pixels)
    mac = hmac.new(key, digestmod=hashlib.sha256)
    mac.update(f"{array.dtype.str}|{'x'.join(str(s) for s in array.shape)}|".encode("ascii"))
    mac.update(array.data.cast("B"))
    return mac.hexdigest()


def latest_distinct(fingerprints: Sequence[str | None]) -> list[int]:
    """Indices (ascending) of the rows to keep: the last row of each fingerprint; rows without one (older stores)
    are all kept, each counted as a distinct image."""
    last: dict[str, int] = {}
    for i, value in enumerate(fingerprints):
        if value is not None:
            last[value] = i
    return [i for i, value in enumerate(fingerprints) if value is None or last[value] == i]
