"""Logging for the CLIs: one format, stderr, level from the environment (XRAYMATCH_LOG_LEVEL)."""

from __future__ import annotations

import logging
import os


def configure_logging(level: str | None = None) -> None:
    """Configure the root logger once; noisy third-party loggers stay at WARNING."""
    chosen = (level or os.environ.get("XRAYMATCH_LOG_LEVEL") or "INFO").upper()
    logging.basicConfig(level=chosen, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)
    for noisy in ("great_expectations", "matplotlib", "numba", "urllib3", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
