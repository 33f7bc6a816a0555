"""A tiny report corpus (data/reports/corpus.parquet's schema) written from a DRR cache's index, for the vl tests.

Each DRR sample gets a short French report saying what it shows (view, fracture with its bone, or no fracture);
an English report without an image and a user report pointing at an unknown sample must be left out of the pairs.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def view_name(primary_deg: float) -> str:
    angle = float(primary_deg) % 180
    return "de face" if angle < 45 or angle > 135 else "de profil"


def write_tiny_corpus(cache_dir: Path, path: Path) -> Path:
    """corpus.parquet with one generated French report per cache sample plus two rows that pair with nothing."""
    index = pd.read_parquet(cache_dir / "index.parquet")
    rows = []
    for n, row in enumerate(index.itertuples()):
        views = " et ".join(view_name(a) for a in row.primary_deg)
        if row.fracture:
            bone = str(row.fracture_structure).split("_")[0]
            finding = f"fracture déplacée de la structure {bone}, trait net."
        else:
            finding = "pas de fracture visible, structures osseuses intègres."
        rows.append(
            {
                "report_id": f"gen-{n:04d}",
                "source": "generated",
                "lang": "fr",
                "text": f"Compte rendu. Radiographie thoracique {views}. {finding}",
                "findings": f"Radiographie thoracique {views}. {finding.capitalize()}",
                "sample_id": row.sample_id,
                "split": row.split,
                "image_ids": [row.sample_id],
                "views": ["AP" if view_name(a) == "de face" else "LAT" for a in row.primary_deg],
                "fracture": bool(row.fracture),
                "region": "thorax",
            }
        )
    rows.append(
        {
            "report_id": "nlm-0001",
            "source": "nlmcxr",
            "lang": "en",
            "text": "The heart is normal in size. No acute bony abnormality.",
            "findings": "The heart is normal in size. No acute bony abnormality.",
            "sample_id": None,
            "split": "train",
            "image_ids": ["CXR1_1_IM-0001-3001"],
            "views": [],
            "fracture": None,
        }
    )
    rows.append(
        {
            "report_id": "user-0001",
            "source": "user",
            "lang": "fr",
            "text": "Fracture du radius distal.",
            "findings": "Fracture du radius distal.",
            "sample_id": "ct-unknown-train-99999",
            "split": "train",
            "image_ids": ["img-1"],
            "fracture": True,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_parquet(path, index=False)
    return path
