"""Identifier spans shared by the report generator (gold spans) and the de-identifier (detected spans)."""

from __future__ import annotations

from dataclasses import dataclass

LABELS: tuple[str, ...] = (
    "PATIENT",  # the patient's own name (first and/or last)
    "PERSON",  # any other person: radiologist, referring physician, technician, relative
    "DATE",  # a calendar date or a month-year (not durations)
    "AGE",  # an age with its unit ("45 ans", "45 yo")
    "LOCATION",  # street address, postcode, city
    "INSTITUTION",  # hospital, clinic, practice, department name; also any organisation that can point to one
    # person (decision of deid round 6): employers, sports clubs, police/gendarmerie units, courts, prisons, military
    # units, law firms, child-welfare services
    "ID",  # NIR, IPP, accession, MRN, any record number
    "PHONE",  # telephone / fax numbers
    "EMAIL",
    "URL",
)


@dataclass(frozen=True, order=True)
class Entity:
    """One identifier: text[start:end] (character offsets into the original text) of type `label` (see LABELS)."""

    start: int
    end: int
    label: str

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown entity label {self.label!r}; expected one of {', '.join(LABELS)}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"entity span [{self.start}, {self.end}) is empty or negative")

    def to_dict(self) -> dict[str, int | str]:
        """The JSON form used by `xraymatch deid` output lines."""
        return {"start": self.start, "end": self.end, "label": self.label}
