"""Identifier spans shared by the report generator (gold spans) and the de-identifier (detected spans).

Labelling conventions (project decisions binding every audit family, identities*.py and deid/*_cases.jsonl; chosen
by: what protects the patient, then HIPAA Safe Harbor / CNIL, then the majority of families; tests/reports/
test_label_conventions.py checks them):
- Titles and honorifics ("Dr", "Pr", "Mme", "Mr") stay outside PATIENT/PERSON spans: they identify no one (all
  families but blind3's cases, aligned).
- A neonate's age in days or hours of life ("J5 de vie", "3 jours de vie", "day 3 of life", "9 days old") is AGE:
  with the exam date it gives the birth date, a Safe Harbor date element (blind4, blind9; blind7's cases aligned).
- A gestational age ("31+2 SA", "28 weeks' gestation") is NOT an AGE: it dates a pregnancy, not a person (blind7,
  blind9, unanimous).
- A phone extension is inside its PHONE span ("... poste 4321", "... ext. 2204"); a standalone extension, pager or
  bleep number is PHONE: it rings one person (blind2, blind5, blind8, train; blind3's cases aligned).
- An ISO 8601 timestamp's DATE is its calendar part: times of day and zones are not identifiers, as times alone are
  traps in every family (blind5, blind6, blind8; blind11's generator aligned, its cases pending).
- A year alone is not a DATE (Safe Harbor keeps years; blind2, unanimous); a month-year or a week number with its
  year is (blind8, blind10).
- A DICOM/HL7 person name "LAST^FIRST" is one span of its person; prefix/suffix components ("^^Dr") stay outside
  (audit, blind2, blind3, blind5, blind7, blind11, unanimous).
- Relatives, carers and callers are PERSON, and so is whoever writes or speaks unless it is the patient (PATIENT):
  labelled by who they are, not by the channel (blind4, blind6 to blind11, unanimous).
- Initials standing for a person carry that person's label: the patient's are PATIENT, staff's PERSON (blind6, blind7,
  blind8, blind10); a nickname of the patient is PATIENT (blind7, blind8).
- Ages keep their unit and are AGE at any value, over 89 included (Safe Harbor's 90+ rule asks at least that).
- A hospital named after a person ("Hôpital Foch", "Clinique Saint-Roch") is one INSTITUTION span, never a PERSON.
- An IP address (v4/v6) is URL, like the web address it stands for (Safe Harbor lists both); a URL whose query holds
  a patient number is one URL span (blind13).
- A login or username built from a name takes that person's label (the patient's portal login PATIENT, staff logins
  PERSON), as chat handles do (blind6, blind13); numeric staff, badge and account numbers are ID.
- Ages in words are AGE; decade words and age bands ("septuagénaire", "in her seventies", "60-69 ans") are not
  (blind12, blind13).
- Insurers and mutuelles are not INSTITUTION (they cover millions); their member numbers are ID (blind5 to blind11).
- A place that follows an institution's name after a comma, a dash or in brackets is its own LOCATION span, the
  separator unlabelled: "Clinique du Parc, Lyon", "Apollo Hospitals, Chennai", "Children's Social Care, Lewisham" are
  INSTITUTION + LOCATION (a town, district, county or country; a street likewise). A place inside the proper name stays
  in the INSTITUTION span ("Hôpital Lyon Sud", "CHU de Bordeaux", "Leeds General Infirmary", "Royal London Hospital"),
  and so does a site or branch after a dash ("CHU de Marseille - Hôpital Nord"). Both are masked either way; split,
  each gets its own typed surrogate (audit, blind2 to blind5, blind7, blind9, blind10, blind13, blind15 cases; the
  audit, blind12, blind18, blind20 and blind21 generators and the blind18, blind20 and blind21 cases aligned).
"""

from __future__ import annotations

from dataclasses import dataclass

LABELS: tuple[str, ...] = (
    "PATIENT",  # the patient's own name (first and/or last), initials or nickname; titles ("Mme", "Mr") outside
    "PERSON",  # any other person: radiologist, referring physician, technician, relative (names or initials, no title)
    "DATE",  # a calendar date or a month-year (not durations, not a year alone; an ISO timestamp's calendar part)
    "AGE",  # an age with its unit ("45 ans", "45 yo", "J5 de vie", "day 3 of life"); not a gestational age ("31 SA")
    "LOCATION",  # street address, postcode, city
    "INSTITUTION",  # hospital, clinic, practice, department name; also any organisation that can point to one
    # person (decision of deid round 6): employers, sports clubs, police/gendarmerie units, courts, prisons, military
    # units, law firms, child-welfare services
    "ID",  # NIR, IPP, accession, MRN, any record number
    "PHONE",  # telephone / fax numbers, their extensions ("poste 4321" inside the span), pager / bleep numbers
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
