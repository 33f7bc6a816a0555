"""Who is the patient of a structured record or a first-person message: names found by the role a record gives them.

- DICOM Structured Report dumps: the value of "Subject Name" is the patient, that of "Person Observer Name" (or any
  other PNAME item) a member of staff (`(121029, DCM, "Subject Name") PNAME = "ROBIN Élodie"`);
- first-person messages written by the patient: "it's <Name> here", "je suis <Name>", "je m'appelle <Name>",
  "my name is <Name>" (a bare "hi it's <Name>, call me back" on a voicemail may be anyone: blind6's gold has PERSON);
- a name that leaked past placeholders: "signed in error by <Name>", "signé par erreur « <Name> »";
- twins: "<Name> et <First>, jumeaux nés le ...", "<Name> and <First> (twins)": the first is the patient, the named
  twin a relative (PERSON).

Once a patient is found, detector._type_and_propagate types every other mention of the name as PATIENT.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽŁŚŻ"
_NAME_WORD = rf"[{_UP}][\w'’]*(?:-[ \t]?\n?[{_UP}][\w'’]*)?"
_NAME = rf"{_NAME_WORD}(?:[ \t]{_NAME_WORD}){{0,2}}"
_SR_ITEM = re.compile(
    r'"(?P<concept>Subject Name|(?:Person|Observer|Operator|Physician|Performing|Referring|Reading|Recording)'
    r'[\w ]{0,30} Name)"\)?[ \t]*(?:PNAME[ \t]*)?=[ \t]*'
    r'"(?P<value>[^"\n]{2,80})"'
)
_SELF_NAMED = re.compile(
    rf"(?i:\bit['’]s|\bthis is)[ \t]+(?P<value>{_NAME})(?=[ \t]+(?i:here)\b)|"
    rf"(?i:\bmy name is|\bje suis|\bje m['’]appelle)[ \t]+(?P<named>{_NAME})(?=[ \t]*(?:,|\.|;|$))",
    re.MULTILINE,
)
_LEAKED = re.compile(
    rf"(?i:signed in error by|signé par erreur|signée par erreur)[ \t]*[«\"“]?[ \t]*(?P<value>{_NAME})"
)
_TWINS = re.compile(
    rf"(?P<patient>{_NAME})[ \t]+(?:et|and|&)[ \t]+(?P<twin>{_NAME_WORD}),?[ \t]+"
    r"(?:\(?(?i:jumeaux|jumelles|twins)\b)"
)


def find_record_names(text: str) -> Iterator[Candidate]:
    """PATIENT and PERSON candidates given by a record's structure or a first-person sentence."""
    if "Name" in text:
        for m in _SR_ITEM.finditer(text):
            label = "PATIENT" if m.group("concept") == "Subject Name" else "PERSON"
            if re.search(r"[^\W\d_]{2}", m.group("value")):
                yield Candidate(m.start("value"), m.end("value"), label, 82)
    for m in _SELF_NAMED.finditer(text):
        group = "value" if m.group("value") else "named"
        yield Candidate(m.start(group), m.end(group), "PATIENT", 74)
    for m in _LEAKED.finditer(text):
        yield Candidate(m.start("value"), m.end("value"), "PATIENT", 80)
    for m in _TWINS.finditer(text):
        yield Candidate(m.start("patient"), m.end("patient"), "PATIENT", 78)
        yield Candidate(m.start("twin"), m.end("twin"), "PERSON", 78)
