"""Log a trained objective to MLflow (signature, input example, loss curves) and register a new model version."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import torch

from xraymatch.registry.bundle import save_bundle
from xraymatch.training.artifacts import objective_figure


class ExportedModel(torch.nn.Module):
    """What the registry stores: images (B, V, 1, H, W) in [0, 1] -> the objective's main output.

    multiview: correspondence matrix (B, P, P) of views 0 and 1; sam: fine embeddings of view 0 (B, 128, h, w);
    afire: token embeddings of view 0 (B, N, D); fracture: fracture probabilities (B,) from all views;
    vl: L2-normalised image embeddings (B, D) of all views fused (the text side is logged as `text_model`).
    """

    def __init__(self, model: torch.nn.Module, objective: str) -> None:
        super().__init__()
        self.model = model
        self.objective = objective

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        if self.objective == "multiview":
            return self.model.predict_matrix({"images": images})  # type: ignore[operator]
        if self.objective == "fracture":
            return torch.sigmoid(self.model(images))
        if self.objective == "sam":
            fine, _ = self.model.embed(images[:, 0])  # type: ignore[operator]
            return fine
        if self.objective == "vl":
            return self.model.encode_image(images)  # type: ignore[operator]
        return self.model.encode(images[:, 0])  # type: ignore[operator]


class ExportedText(torch.nn.Module):
    """The vl text side: token ids (B, L) int64 from the run's `tokenizer/tokenizer.json` (padding id `pad_id`)
    -> L2-normalised text embeddings (B, D) in the image embeddings' space."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model
        self.pad_id = int(model.hparams["pad_id"])  # type: ignore[index]

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.model.encode_text(ids, ids != self.pad_id)  # type: ignore[operator]


def log_text_model(model: Any, datamodule: Any) -> None:
    """Log the vl text encoder (not registered) beside the image model; its input example is a prompt, not a report."""
    import mlflow
    from mlflow.models import infer_signature

    exported = ExportedText(model).eval()
    ids, _ = datamodule.tokenizer.encode(["pas de fracture visible"], int(model.hparams["max_length"]))
    with torch.no_grad():
        output = exported(ids)
    mlflow.pytorch.log_model(
        exported,
        name="text_model",
        signature=infer_signature(ids.numpy(), output.numpy()),
        input_example=ids.numpy(),
        pip_requirements=["torch", "timm"],
    )


def loss_curve_figure(client: Any, run_id: str, path: Path) -> Path | None:
    """Plot every logged loss metric of the run against its step; None when nothing was logged."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    run = client.get_run(run_id)
    keys = sorted(k for k in run.data.metrics if "loss" in k)
    if not keys:
        return None
    fig, ax = plt.subplots(figsize=(6, 4))
    for key in keys:
        history = client.get_metric_history(run_id, key)
        ax.plot([m.step for m in history], [m.value for m in history], label=key)
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.legend(fontsize=7)
    ax.set_title("training curves (synthetic DRRs: a proxy)", fontsize=8)
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def log_and_register(model: Any, objective: str, run_id: str, tracking_uri: str, datamodule: Any) -> str:
    """Log the exported model with signature and input example to the run; return the new registered version."""
    import mlflow
    from mlflow.models import infer_signature

    mlflow.set_tracking_uri(tracking_uri)
    exported = ExportedModel(model.cpu().eval(), objective).eval()
    example = datamodule.datasets["val"][0]["images"][None]
    with torch.no_grad():
        output = exported(example)
    signature = infer_signature(example.numpy(), output.numpy())
    name = f"xraymatch-{objective}"
    with mlflow.start_run(run_id=run_id):
        with tempfile.TemporaryDirectory() as tmp:
            figure = loss_curve_figure(mlflow.tracking.MlflowClient(), run_id, Path(tmp) / "loss_curves.png")
            if figure is not None:
                mlflow.log_artifact(str(figure), artifact_path="figures")
            picture = objective_figure(model, objective, datamodule.datasets["val"][0], Path(tmp) / f"{objective}.png")
            mlflow.log_artifact(str(picture), artifact_path="figures")
        info = mlflow.pytorch.log_model(
            exported,
            name="model",
            signature=signature,
            input_example=example.numpy(),
            registered_model_name=name,
            pip_requirements=["torch", "timm"],
        )
        version = str(info.registered_model_version)
        if objective == "vl":
            log_text_model(model, datamodule)
        with tempfile.TemporaryDirectory() as tmp:
            # native weights + hparams beside the exported program: what promotion re-scores and packaging serves
            bundle = save_bundle(
                model,
                objective,
                Path(tmp) / "bundle",
                image_size=int(example.shape[-1]),
                version=f"{name}/{version}",
                metadata={"run_id": run_id},
            )
            mlflow.log_artifacts(str(bundle), artifact_path="bundle")
    return version
