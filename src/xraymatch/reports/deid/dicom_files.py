"""DICOM export paths and file names, and the root OIDs that are not identifiers.

- An export path "/pacs/export/2024/03/12/1234567/" holds the study date as three folders (one DATE span) and, right
  after them, the study folder (a number: ID);
- a file name "IMG_20240312_DUPONT_J.dcm" holds a date (DATE) and the patient's surname and initial joined by "_"
  (one PATIENT span, the DICOM habit of NAME_I);
- a camera or phone file name "IMG_20240312_081455.jpg", "PXL_20240312_081455123.jpg", "VID_20240312_081455.mp4",
  "Screenshot_20240312-081455.png" holds the day it was taken (DATE, the date part only: a time of day is no
  identifier, round 20);
- OIDs that name a registry or a standard rather than one examination (the INS OID 1.2.250.1.213.1.4.x, the DICOM
  root 1.2.840.10008.x of transfer syntaxes and SOP classes, the HL7 OIDs of the NHS number, SSN and NPI
  2.16.840.1.113883.2.1.4.1, .4.1, .4.6) are left alone: `is_root_oid`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

_DATE_FOLDERS = re.compile(
    r"(?<=/)(?P<date>(?:19|20)\d\d/(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01]))/(?:(?P<study>\d{4,12})(?=/|\s|$))?"
)
_FILE_NAME = re.compile(
    r"(?<![\w])[A-Za-z]{1,8}_(?P<date>(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"(?:_\d{4,6})?_(?P<name>[A-ZÀ-Þ][A-ZÀ-Þ'’-]+(?:_[A-ZÀ-Þ][A-ZÀ-Þ'’-]+){0,3}_[A-Z])"
    r"(?:_[\w-]+)?\.(?:dcm|DCM|dicom|jpe?g|png)\b"
)
_PHOTO_FILE = re.compile(
    r"(?<![\w])(?:IMG|PXL|VID|DSC|Screenshot|Capture)[_-](?P<date>(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"[_-]\d{6,9}(?:[_~-]\w+)?\.(?i:jpe?g|png|heic|mp4|mov|gif)\b"
)
_ROOT_OID = re.compile(
    r"1\.2\.250\.1\.213\.1\.4\.\d{1,2}|1\.2\.840\.10008(?:\.\d{1,6}){0,8}|2\.16\.840\.1\.113883\.(?:2\.1\.4\.1|4\.[16])"
)


def is_root_oid(value: str) -> bool:
    """True for an OID naming a registry or a standard (INS, DICOM transfer syntaxes/SOP classes), not one study."""
    return _ROOT_OID.fullmatch(value.strip().rstrip(".,;)")) is not None


def find_dicom_files(text: str) -> Iterator[Candidate]:
    """Dates, study folders and NAME_I patient names inside DICOM export paths and file names."""
    if "/" not in text and "_" not in text:
        return
    for m in _DATE_FOLDERS.finditer(text):
        yield Candidate(m.start("date"), m.end("date"), "DATE", 85)
        if m.group("study"):
            yield Candidate(m.start("study"), m.end("study"), "ID", 85)
    for m in _PHOTO_FILE.finditer(text):
        yield Candidate(m.start("date"), m.end("date"), "DATE", 85)
    for m in _FILE_NAME.finditer(text):
        yield Candidate(m.start("date"), m.end("date"), "DATE", 85)
        yield Candidate(m.start("name"), m.end("name"), "PATIENT", 85)
