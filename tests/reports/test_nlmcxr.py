"""The real NLMCXR archive torchxrayvision ships parses into 3,955 reports with findings, images and views."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from xraymatch.errors import InputError
from xraymatch.reports.nlmcxr import EXPECTED_REPORTS, load_reports, metadata_key, parse_report


@pytest.fixture(scope="module")
def reports() -> list:
    return load_reports()


def test_every_report_of_the_real_archive_is_parsed(reports: list) -> None:
    assert len(reports) == EXPECTED_REPORTS == 3955
    assert len({r.uid for r in reports}) == len(reports)
    findings_share = sum(bool(r.sections["FINDINGS"]) for r in reports) / len(reports)
    assert 0.85 < findings_share < 0.88  # 3,425 reports have a FINDINGS section with text
    assert sum(r.has_findings for r in reports) == 3927  # FINDINGS or IMPRESSION
    assert sum(bool(r.image_ids) for r in reports) == 3851


def test_reports_carry_text_images_views_and_mesh(reports: list) -> None:
    first = next(r for r in reports if r.uid == "CXR1")
    assert first.image_ids == ("CXR1_1_IM-0001-3001", "CXR1_1_IM-0001-4001")
    assert first.text.startswith("COMPARISON: None.\nINDICATION: Positive TB test\nFINDINGS: The cardiac silhouette")
    assert first.mesh == ("normal",) and not first.fracture
    views = [v for r in reports for v in r.views]
    assert views.count("frontal") > 3500 and views.count("lateral") > 800
    assert 50 < sum(r.fracture for r in reports) < 150  # MeSH "Fractures, Bone"
    assert metadata_key("CXR1_1_IM-0001-3001") == "CXR1_IM-0001-3001"


def test_damaged_inputs_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not well-formed XML"):
        parse_report(b"<eCitation><uId id='CXR1'/>", "x.xml")
    with pytest.raises(InputError, match="no <uId"):
        parse_report(b"<eCitation/>", "x.xml")
    with pytest.raises(InputError, match="archive not found"):
        load_reports(tmp_path / "missing.tgz")
    archive = tmp_path / "one.tgz"
    xml = b"<eCitation><uId id='CXR7'/><AbstractText Label='FINDINGS'> Clear  lungs. </AbstractText></eCitation>"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("ecgen-radiology/7.xml")
        info.size = len(xml)
        tar.addfile(info, io.BytesIO(xml))
    (report,) = load_reports(archive)
    assert report.uid == "CXR7" and report.text == "FINDINGS: Clear lungs." and report.image_ids == ()
    (tmp_path / "bad.tgz").write_bytes(b"not a tar")
    with pytest.raises(InputError, match="cannot read"):
        load_reports(tmp_path / "bad.tgz")
