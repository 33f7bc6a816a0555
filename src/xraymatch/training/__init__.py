"""Training: Lightning fits of the objectives, MLflow tracking and registry, checkpoints and resume."""
