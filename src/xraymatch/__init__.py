"""xraymatch: anatomy-aware self-supervised X-ray representations learned from CT-rendered DRRs."""

__version__ = "0.1.0"
