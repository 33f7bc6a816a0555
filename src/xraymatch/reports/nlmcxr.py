"""The Indiana University chest X-ray reports (NLMCXR / Open-i) that torchxrayvision ships, parsed offline.

`NLMCXR_reports.tgz` holds 3,955 XML reports (ecgen-radiology/<n>.xml) with COMPARISON, INDICATION, FINDINGS and
IMPRESSION sections and the ids of their images (`parentImage`, e.g. CXR3029_IM-1404-1001). The view of each image
(PA, AP, LATERAL, LL) comes from `nlmcxr_dicom_metadata.csv.gz` beside it. The reports were de-identified by their
publisher (identifiers appear as "XXXX"); the corpus still runs them through our de-identifier.
Licence: CC BY-NC-ND 4.0 (research use only, no derivatives distributed), per each report's <licenseURL>.
"""

from __future__ import annotations

import re
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from xraymatch.errors import InputError

SECTIONS = ("COMPARISON", "INDICATION", "FINDINGS", "IMPRESSION")
EXPECTED_REPORTS = 3955
FRONTAL = frozenset({"PA", "AP"})
LATERAL = frozenset({"LATERAL", "LL", "RL", "LARGE LATERAL"})


@dataclass(frozen=True)
class NlmcxrReport:
    """One parsed report: `uid` (CXR<n>), its sections (text, possibly empty) and image ids with their views."""

    uid: str
    sections: dict[str, str]
    image_ids: tuple[str, ...]
    views: tuple[str, ...] = field(default=())  # "frontal" / "lateral" / "unknown", one per image id
    mesh: tuple[str, ...] = field(default=())  # the curated MeSH "major" terms ("normal", "Fractures, Bone/rib"...)

    @property
    def text(self) -> str:
        """The report as one text: one "SECTION: content" line per non-empty section."""
        return "\n".join(f"{name}: {self.sections[name]}" for name in SECTIONS if self.sections.get(name))

    @property
    def fracture(self) -> bool:
        """Whether the curated MeSH terms name a bone fracture."""
        return any(term.startswith("Fractures, Bone") for term in self.mesh)

    @property
    def has_findings(self) -> bool:
        return bool(self.sections.get("FINDINGS") or self.sections.get("IMPRESSION"))


def data_dir() -> Path:
    """torchxrayvision's bundled data folder (no download)."""
    import torchxrayvision

    return Path(torchxrayvision.__file__).resolve().parent / "data"


def default_archive() -> Path:
    return data_dir() / "NLMCXR_reports.tgz"


def image_views(metadata: Path | None = None) -> dict[str, str]:
    """image id -> "frontal" / "lateral" from the DICOM metadata table torchxrayvision ships ({} when absent)."""
    import pandas as pd

    path = metadata or data_dir() / "nlmcxr_dicom_metadata.csv.gz"
    if not path.is_file():
        return {}
    table = pd.read_csv(path, usecols=["imageid", "View Position"], dtype=str)
    views = {}
    for image_id, position in zip(table["imageid"], table["View Position"].fillna(""), strict=True):
        position = position.strip().upper()
        views[image_id] = "frontal" if position in FRONTAL else "lateral" if position in LATERAL else "unknown"
    return views


_SUBFIGURE = re.compile(r"^(CXR\d+)_\d+_(IM-)")


def metadata_key(image_id: str) -> str:
    """The metadata table's id of a report image: CXR1_1_IM-0001-3001 is CXR1_IM-0001-3001 there."""
    return _SUBFIGURE.sub(r"\1_\2", image_id)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def parse_report(xml_bytes: bytes, name: str, views: dict[str, str] | None = None) -> NlmcxrReport:
    """Parse one report's XML; `name` is used in errors only."""
    try:
        root = ET.fromstring(xml_bytes)
    except ET.ParseError as exc:
        raise InputError(f"{name}: not well-formed XML ({exc}); the NLMCXR archive is damaged") from None
    uid_node = root.find("uId")
    if uid_node is None or not uid_node.get("id"):
        raise InputError(f"{name}: no <uId id=...>; not an NLMCXR report")
    sections = {s: "" for s in SECTIONS}
    for node in root.iter("AbstractText"):
        label = (node.get("Label") or "").upper()
        if label in sections:
            sections[label] = _clean(node.text)
    image_ids = tuple(str(node.get("id")) for node in root.iter("parentImage") if node.get("id"))
    lookup = views or {}
    return NlmcxrReport(
        uid=str(uid_node.get("id")),
        sections=sections,
        image_ids=image_ids,
        views=tuple(lookup.get(metadata_key(i), "unknown") for i in image_ids),
        mesh=tuple(_clean(node.text) for node in root.iter("major") if node.text),
    )


def iter_reports(archive: str | Path | None = None, with_views: bool = True) -> Iterator[NlmcxrReport]:
    """Every report of the archive, in a stable order (numeric file name)."""
    path = Path(archive) if archive is not None else default_archive()
    if not path.is_file():
        raise InputError(
            f"{path}: NLMCXR report archive not found; install torchxrayvision or set reports.include_nlmcxr: false"
        )
    views = image_views() if with_views else {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".xml")]
            members.sort(key=lambda m: (len(Path(m.name).stem), Path(m.name).stem))
            for member in members:
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                yield parse_report(handle.read(), f"{path}:{member.name}", views)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read the NLMCXR archive ({exc.__class__.__name__}); reinstall it") from None


def load_reports(archive: str | Path | None = None, limit: int | None = None) -> list[NlmcxrReport]:
    """The first `limit` reports (all when None)."""
    reports: list[NlmcxrReport] = []
    for report in iter_reports(archive):
        if limit is not None and len(reports) >= limit:
            break
        reports.append(report)
    return reports
