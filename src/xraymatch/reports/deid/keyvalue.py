"""DICOM / RIS key-value dumps: the key types its value.

Exports of DICOM headers and RIS records write `Key : value` or `Key=value` with abbreviated keys ("PatName^",
"PatID", "Ref.Phys", "Perf.Phys", "Inst.Name", "ReferringPhysicianName"). A free-text rule cannot tell the patient's
`LAST^First` from the referrer's, nor see that "Martinez Bone & Joint Clinic" after "Inst.Name=" is one institution;
the key can. The value runs to the end of the line or to a ";" / "|" separator; for names a trailing DICOM PN prefix
component ("GARNIER^Luc^^Dr": family^given^middle^prefix) is not part of the span. Keys that name equipment or the
study ("StationName", "StudyDescription", "Manufacturer", "SoftwareVersions", "InstitutionalDepartmentName") are left
alone. Priority 81: a key says more than a title or a shape (e-mail 90 and NIR 95 still win inside a value).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

PRIORITY = 81

# Keys written as one token (dots and underscores optional, case ignored; "Patient name" with a space is free text,
# left to the field rules) and the label of their value.
_KEYS: dict[str, str] = {
    r"pat(?:ient)?'?s?[._]?name\^?": "PATIENT",
    r"pat(?:ient)?[._]?id|other[._]?patient[._]?ids|accession[._]?(?:number|no)|acc[._]?no": "ID",
    r"pat(?:ient)?'?s?[._]?birth[._]?date|(?:study|series|acquisition|content)[._]?date": "DATE",
    r"pat(?:ient)?'?s?[._]?age": "AGE",
    r"(?:ref|perf|req|read|att)[._]?phys(?:ician)?(?:'?s)?(?:[._]?name)?|"
    r"(?:referring|performing|requesting|reading|attending)[._]?physician(?:'?s)?(?:[._]?name)?|"
    r"name[._]?of[._]?physicians?[._]?reading[._]?study|operators?'?[._]?name": "PERSON",
    r"inst(?:itution)?[._]?name": "INSTITUTION",
    r"inst(?:itution)?[._]?addr(?:ess)?|pat(?:ient)?'?s?[._]?addr(?:ess)?": "LOCATION",
    r"pat(?:ient)?'?s?[._]?(?:tele)?phone(?:[._]?numbers?)?": "PHONE",
}
_KEY_VALUE = re.compile(
    r"(?im)(?:^|(?<=[;|])|(?<=[;|][ \t]))[ \t]*(?:"
    + "|".join(f"(?P<k{i}>{key})" for i, key in enumerate(_KEYS))
    + r")[ \t]*[:=][ \t]*(?P<value>[^;|\n]*[^;|\n \t])"
)
_LABELS = list(_KEYS.values())
# A DICOM PN prefix/suffix component at the end of a name ("^^Dr", "^^^MD") and empty trailing components.
_PN_TAIL = re.compile(r"(?:\^+(?:Dr|Dre|Pr|Prof|Mr|Mrs|Ms|Mme|M|MD|PhD|Jr|Sr)?\.?)+$", re.IGNORECASE)


def find_key_values(text: str) -> Iterator[Candidate]:
    """Values of identifying DICOM/RIS keys, typed by the key."""
    if ":" not in text and "=" not in text:
        return
    for m in _KEY_VALUE.finditer(text):
        index = next(i for i in range(len(_LABELS)) if m.group(f"k{i}"))
        label = _LABELS[index]
        start, end = m.start("value"), m.end("value")
        value = m.group("value")
        if label in ("PATIENT", "PERSON"):
            bracket = value.find("(")
            if bracket > 0:  # "Ref.Phys: Dr A. Brennan (Beacon Hospital)": the bracket holds another identifier
                value = value[:bracket].rstrip()
                end = start + len(value)
            tail = _PN_TAIL.search(value)
            if tail and "^" in value[: tail.start()]:
                end = start + tail.start()
        if label == "AGE" and not re.fullmatch(r"\d{1,3}[ \t]?[DWMYdwmy]?|\d{1,3}[ \t]?(?:ans|years?|yrs?)", value):
            continue
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            yield Candidate(start, end, label, PRIORITY)
