"""A self-contained HTML drift report: verdict, p-value table, an embedding PCA of reference vs current, statistic
histograms and the mean pixel histograms, all plots embedded as base64 PNGs (matplotlib, Agg)."""

from __future__ import annotations

import base64
import html
import io
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from xraymatch.atomic import atomic_file
from xraymatch.monitoring.drift import DriftVerdict
from xraymatch.monitoring.features import HIST_BINS, STAT_NAMES, FeatureTable


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def pca_2d(reference: np.ndarray, current: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project both sets on the reference's first two principal components."""
    mean = reference.mean(0)
    _, _, vt = np.linalg.svd(reference - mean, full_matrices=False)
    axes = vt[:2].T if vt.shape[0] >= 2 else np.eye(reference.shape[1], 2)
    return (reference - mean) @ axes, (current - mean) @ axes


def _figures(reference: FeatureTable, current: FeatureTable) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    ref2, cur2 = pca_2d(reference.embeddings.astype(np.float64), current.embeddings.astype(np.float64))
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(ref2[:, 0], ref2[:, 1], s=10, alpha=0.5, label=f"reference ({len(reference)})")
    ax.scatter(cur2[:, 0], cur2[:, 1], s=14, alpha=0.8, marker="x", label=f"current ({len(current)})")
    ax.set_title("embeddings: PCA of the reference")
    ax.legend()
    out["pca"] = _png(fig)

    cols = 4
    rows = int(np.ceil(len(STAT_NAMES) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.4 * rows))
    for j, (name, ax) in enumerate(zip(STAT_NAMES, axes.flat, strict=False)):
        values = np.concatenate([reference.stats[:, j], current.stats[:, j]])
        edges = np.histogram_bin_edges(values, bins=20)
        ax.hist(reference.stats[:, j], bins=edges, density=True, alpha=0.5, label="reference")
        ax.hist(current.stats[:, j], bins=edges, density=True, alpha=0.5, label="current")
        ax.set_title(name, fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(STAT_NAMES) :]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    fig.tight_layout()
    out["stats"] = _png(fig)

    fig, ax = plt.subplots(figsize=(5, 3))
    centres = (np.arange(HIST_BINS) + 0.5) / HIST_BINS
    ax.plot(centres, reference.histograms.mean(0), label="reference")
    ax.plot(centres, current.histograms.mean(0), label="current")
    ax.set_xlabel("display intensity")
    ax.set_ylabel("share of pixels")
    ax.set_title("mean pixel histogram")
    ax.legend()
    out["histogram"] = _png(fig)
    return out


def _counts(values: tuple[str, ...]) -> str:
    return ", ".join(f"{html.escape(k)}: {v}" for k, v in sorted(Counter(values).items()))


def render_html(verdict: DriftVerdict, reference: FeatureTable, current: FeatureTable, title: str = "Drift") -> str:
    """The report as one HTML string."""
    figures = _figures(reference, current)
    colour = "#b00020" if verdict.drift else "#1b5e20"
    state = "DRIFT" if verdict.drift else "no drift"
    reasons = (
        "".join(f"<li>{html.escape(r)}</li>" for r in verdict.reasons) or "<li>every test within its threshold</li>"
    )
    rows = [
        f"<tr><td>embedding MMD&sup2;</td><td>{verdict.mmd.statistic:.4g}</td><td>{verdict.mmd.p_value:.4f}</td>"
        f"<td>-</td><td>-</td><td>{'yes' if verdict.mmd.p_value <= verdict.thresholds['alpha_mmd'] else ''}</td></tr>"
    ]
    for f in verdict.features:
        alarm = "yes" if (f.ks_alarm or f.psi_alarm) else ""
        rows.append(
            f"<tr><td>{html.escape(f.name)}</td><td>KS {f.ks_statistic:.3f}</td><td>{f.ks_p_value:.3g}</td>"
            f"<td>{f.ks_p_adjusted:.3g}</td><td>{f.psi:.3f}</td><td>{alarm}</td></tr>"
        )
    t = verdict.thresholds
    when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(verdict.created_at))
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:3px 8px;font-size:13px}}
.v{{color:#fff;background:{colour};padding:.5em 1em}}</style>
</head><body>
<h1>{html.escape(title)}</h1>
<p class="v"><b>{state}</b> &mdash; {verdict.n_distinct} distinct current images ({verdict.n_requests} requests:
identical uploads count once) vs {verdict.n_reference} reference images, model {html.escape(verdict.model_version)},
{when}</p>
<ul>{reasons}</ul>
<p>Rule: MMD p &le; {t["alpha_mmd"]:g} ({int(t["permutations"])} permutations), or Holm-adjusted KS p &le;
{t["alpha_ks_family"]:g}, or PSI &gt; {t["psi_threshold"]:g} on windows of at least {int(t["psi_min_window"])} images
(family-wise false-alarm rate &le; {t["alpha"]:g}). RBF bandwidth {verdict.mmd.bandwidth:.4g}.</p>
<table><tr><th>test</th><th>statistic</th><th>p</th><th>p (Holm)</th><th>PSI</th><th>alarm</th></tr>
{"".join(rows)}</table>
<h2>Embeddings</h2><img src="data:image/png;base64,{figures["pca"]}">
<h2>Intensity statistics</h2><img src="data:image/png;base64,{figures["stats"]}">
<h2>Pixel histograms</h2><img src="data:image/png;base64,{figures["histogram"]}">
<h2>Image sizes</h2>
<p>reference: {_counts(reference.size_classes)}<br>current: {_counts(current.size_classes)}</p>
<p>aspect (reference): {_counts(reference.aspect_buckets)}<br>aspect (current): {_counts(current.aspect_buckets)}</p>
<p>formats (current): {_counts(current.source_formats)}</p>
</body></html>
"""


def write_report(
    verdict: DriftVerdict, reference: FeatureTable, current: FeatureTable, path: str | Path, title: str = "Drift"
) -> Path:
    """Write the HTML report atomically."""
    text = render_html(verdict, reference, current, title)
    with atomic_file(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    return Path(path)
