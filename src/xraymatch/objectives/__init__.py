"""Self-supervised objectives, one LightningModule per file, registered by name for `create_model(objective)`."""

from xraymatch.objectives.afire import AFiRe
from xraymatch.objectives.fracture import FractureClassifier
from xraymatch.objectives.multiview import MultiViewMatching
from xraymatch.objectives.sam import AnatomicalEmbedding
from xraymatch.objectives.vl import VisionLanguage

__all__ = ["AFiRe", "AnatomicalEmbedding", "FractureClassifier", "MultiViewMatching", "VisionLanguage"]
