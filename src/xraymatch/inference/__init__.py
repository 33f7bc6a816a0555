"""Inference for the served endpoints, as a pure library (no HTTP): the BentoML service is a thin layer over it.

Every endpoint is split into three phases so that the service can batch the model calls of concurrent requests:
`prepare_*` (decoded X-ray -> model input tensor + what is needed to map answers back), a `forward` per objective
(stacked tensors -> stacked outputs, see `models.FORWARDS`), and `finish_*` (one request's output -> its JSON-ready
answer in the upload's own pixels). The one-shot functions `embed`, `match`, `locate` and `classify` chain the three
for in-process callers and tests.
"""

from xraymatch.inference.endpoints import (
    classify,
    embed,
    finish_classify,
    finish_embed,
    finish_locate,
    finish_match,
    locate,
    match,
    prepare_classify,
    prepare_embed,
    prepare_locate,
    prepare_match,
)
from xraymatch.inference.models import FORWARDS, ModelSet, bundles_dir
from xraymatch.inference.validation import parse_points, parse_top_k

__all__ = [
    "FORWARDS",
    "ModelSet",
    "bundles_dir",
    "classify",
    "embed",
    "finish_classify",
    "finish_embed",
    "finish_locate",
    "finish_match",
    "locate",
    "match",
    "parse_points",
    "parse_top_k",
    "prepare_classify",
    "prepare_embed",
    "prepare_locate",
    "prepare_match",
]
