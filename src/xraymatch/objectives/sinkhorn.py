"""Sinkhorn-Knopp equipartition of soft assignments (SwAV / iBOT style), used for AFiRe's token targets.

Turns scores of B samples against K prototypes into assignments whose prototype marginals approach the uniform
1/K (so no prototype collapses onto the whole batch) while each sample's assignment stays a distribution. Computed in
the log domain, so large score ranges (small temperatures) neither overflow nor underflow.
"""

from __future__ import annotations

import math

import torch


@torch.no_grad()
def sinkhorn_knopp(scores: torch.Tensor, iterations: int = 3) -> torch.Tensor:
    """Scores (..., B, K), already divided by the temperature -> assignments Q (..., B, K).

    Q is proportional to exp(scores) rescaled alternately so that each prototype receives B/K of the mass and each
    sample 1 (the last step), i.e. B * Q is doubly stochastic up to the 1/K, 1/B scaling. Leading dimensions are
    independent problems (AFiRe: one per token position). Adding a constant to the scores does not change Q.
    """
    batch, prototypes = scores.shape[-2:]
    log_q = scores.float() - torch.logsumexp(scores.float().flatten(-2), dim=-1)[..., None, None]
    for _ in range(iterations):
        log_q = log_q - torch.logsumexp(log_q, dim=-2, keepdim=True) - math.log(prototypes)
        log_q = log_q - torch.logsumexp(log_q, dim=-1, keepdim=True) - math.log(batch)
    return torch.exp(log_q + math.log(batch)).to(scores.dtype)
