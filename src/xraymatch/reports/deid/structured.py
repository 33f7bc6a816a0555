"""Names, dates and numbers in FHIR JSON and CDA XML fragments, typed by the structure around them.

- FHIR `"family"`/`"given"` values are PATIENT inside a `Patient` resource (or with no resource type in sight), PERSON
  inside any other resource (Practitioner, RelatedPerson) or a patient's `"contact"`; a `"display"` next to a
  `"reference": "Patient/..."` is the patient's name;
- CDA `<given>`/`<family>` are PATIENT under `<patient>`, PERSON under any other person element
  (`<assignedPerson>`, `<guardianPerson>`, ...); `<birthTime value="19470211"/>` is a DATE; the `extension` of an
  `<id>` element is the record number (ID). OIDs in `root`, codes and code systems are left alone;
- the `"value"` of a FHIR identifier (after its `"system"`) is an ID whatever its shape (a 10-digit MBI is no phone
  number); telecom systems (phone, fax, email) are left to the phone and e-mail patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

_RESOURCE = re.compile(r'"resourceType"[ \t]*:[ \t]*"(\w+)"')
_FHIR_NAME = re.compile(r'"(?:family|given)"[ \t]*:[ \t]*(?P<value>\[[^\]\n]{0,200}\]|"[^"\n]{1,80}")')
_JSON_STRING = re.compile(r'"([^"\\\n]{1,80})"')
_CONTACT_KEY = re.compile(r'"(?:contact|generalPractitioner|practitioner|performer|author)"[ \t]*:')
_PATIENT_DISPLAY = re.compile(
    r'"reference"[ \t]*:[ \t]*"Patient/[^"\n]{0,64}"[ \t]*,[ \t]*"display"[ \t]*:[ \t]*"(?P<value>[^"\n]{2,80})"'
)
_CDA_NAME = re.compile(r"<(?P<tag>given|family)(?:[ \t][^<>]{0,60})?>(?P<value>[^<>\n]{1,80})</(?P=tag)>")
_CDA_PERSON_OPEN = re.compile(
    r"<(?:patient|assignedPerson|guardianPerson|associatedPerson|relatedPerson|informationRecipient|"
    r"intendedRecipient|playingEntity|person|name)\b[^<>]{0,200}>|</patient>"
)
_CDA_BIRTH = re.compile(r"<birthTime[ \t]+value=\"(?P<value>\d{8}(?:\d{4,6})?)\"")
_CDA_ID = re.compile(r"<id\b[^<>]{0,200}?\bextension=\"(?P<value>[^\"<>\n]{3,40})\"")
_FHIR_IDENTIFIER = re.compile(
    r'"system"[ \t]*:[ \t]*"(?!(?:phone|fax|email|pager|url|sms|other)")[^"\n]{1,200}"[ \t]*,[ \t]*'
    r'"value"[ \t]*:[ \t]*"(?P<value>[^"\n]{3,64})"'
)
_NAME_TEXT = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’ .-]*")


def _fhir_label(text: str, pos: int) -> str:
    """PATIENT inside a Patient resource (or none named), PERSON inside any other one or a patient's contact."""
    resources = list(_RESOURCE.finditer(text, 0, pos))
    last = resources[-1] if resources else None
    if last is not None and last.group(1) != "Patient":
        return "PERSON"
    start = last.end() if last is not None else max(0, pos - 400)
    return "PERSON" if _CONTACT_KEY.search(text, start, pos) else "PATIENT"


def _cda_label(text: str, pos: int) -> str:
    """PATIENT when the nearest person element opened before `pos` is <patient>, PERSON otherwise."""
    opened = None
    for m in _CDA_PERSON_OPEN.finditer(text, max(0, pos - 600), pos):
        if not m.group(0).startswith("<name"):
            opened = m.group(0)
    return "PATIENT" if opened is not None and opened.startswith("<patient") else "PERSON"


def find_structured(text: str) -> Iterator[Candidate]:
    """Candidates from FHIR JSON and CDA XML structure (see the module docstring)."""
    if '"family"' in text or '"given"' in text:
        for m in _FHIR_NAME.finditer(text):
            label = _fhir_label(text, m.start())
            for s in _JSON_STRING.finditer(text, m.start("value"), m.end("value")):
                if _NAME_TEXT.fullmatch(s.group(1)):
                    yield Candidate(s.start(1), s.end(1), label, 83)
    if '"system"' in text:
        for m in _FHIR_IDENTIFIER.finditer(text):
            if any(c.isdigit() for c in m.group("value")):  # a record number, whatever its shape (not a phone)
                yield Candidate(m.start("value"), m.end("value"), "ID", 86)
    if '"Patient/' in text:
        for m in _PATIENT_DISPLAY.finditer(text):
            if _NAME_TEXT.fullmatch(m.group("value")):
                yield Candidate(m.start("value"), m.end("value"), "PATIENT", 83)
    if "</" not in text:
        return
    for m in _CDA_NAME.finditer(text):
        if _NAME_TEXT.fullmatch(m.group("value").strip()):
            yield Candidate(m.start("value"), m.end("value"), _cda_label(text, m.start()), 83)
    for m in _CDA_BIRTH.finditer(text):
        yield Candidate(m.start("value"), m.end("value"), "DATE", 83)
    for m in _CDA_ID.finditer(text):
        if any(c.isdigit() for c in m.group("value")):
            yield Candidate(m.start("value"), m.end("value"), "ID", 83)
