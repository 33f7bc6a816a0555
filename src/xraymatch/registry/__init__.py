"""MLflow registry: model bundles, the metric gate, promotion, rollback and the promotion log."""
