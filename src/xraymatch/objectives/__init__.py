"""Self-supervised objectives, one LightningModule per file, registered by name for `create_model(objective)`."""

from xraymatch.objectives.afire import AFiRe
from xraymatch.objectives.multiview import MultiViewMatching
from xraymatch.objectives.sam import AnatomicalEmbedding

__all__ = ["AFiRe", "AnatomicalEmbedding", "MultiViewMatching"]
