"""Models: timm backbones, the cross-view matching transformer and the registry that names them."""

from xraymatch.models.backbones import FPN, CNNTokens
from xraymatch.models.crossview import CrossViewTransformer, similarity_matrix
from xraymatch.models.registry import create_model, get_model_class, list_models, register_model
from xraymatch.models.text import TextTransformer

__all__ = [
    "FPN",
    "CNNTokens",
    "CrossViewTransformer",
    "TextTransformer",
    "create_model",
    "get_model_class",
    "list_models",
    "register_model",
    "similarity_matrix",
]
