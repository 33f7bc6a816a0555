"""DRR-cache test fixtures live in tests/conftest.py (shared with the training tests)."""

from tests.conftest import full_length_body

__all__ = ["full_length_body"]
