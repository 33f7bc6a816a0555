"""Training fixtures (tiny_cache, train_params) live in tests/conftest.py, shared with the evaluation tests."""
