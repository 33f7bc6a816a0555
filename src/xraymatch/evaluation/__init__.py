"""Metrics and baselines; every model metric is computed beside its baselines in the same run."""
