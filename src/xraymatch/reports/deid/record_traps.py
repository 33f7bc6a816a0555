"""Traps of structured records and teaching files: spans that look like identifiers but name a concept or a tool.

- DICOM coded concepts ("(121008, DCM, "Person Observer Name")", "(111060,DCM,...)"): the code value before a coding
  scheme designator (DCM, SRT, SCT, LN, UCUM, 99...) names a concept, not a record;
- a software name with its version ("Smart Reporting 4.2", "RadReport Studio v3.1.0", "Logiciel DoseWatch 3.2"):
  capitalised words right before a dotted version number, or before a product word ("Teamplay Dose");
- reading scores and eponymous classifications with their grade ("RADPEER 2a", "score RADPEER : 3b", "Graf IIa",
  "Herbert B2", "Garden III"; not after a title: "Dr Garden 2"), and "Peer review" / "peer-reviewed";
- DICOM SR value types opening a content item ("UIDREF (121012, DCM, ...)");
- teaching-file sites written as a bare domain ("Radiopaedia.org", "MyPACS.net"): the site, not the patient's case
  (a case URL with a path, "radiopaedia.org/cases/12345", stays a URL);
- multilingual "patient" field words of bilingual banners ("Patientin", "Paziente", "Patiënt(e)").

`record_traps(text)` returns (start, end) spans inside which the detector and the safety net find no identifier.
"""

from __future__ import annotations

import re

_CODED_CONCEPT = re.compile(
    r"\([ \t]*(?P<value>[A-Za-z0-9.-]{2,20})[ \t]*,[ \t]*(?:DCM|SRT|SCT|SNM3|LN|UCUM|RADLEX|RID|99[A-Z0-9_]{1,12})"
    r"[ \t]*,"
)
_WORD = r"[A-Z][\w+-]*"
_SOFTWARE = re.compile(
    rf"(?<![\w.])(?P<value>{_WORD}(?:[ \t]{_WORD}){{0,2}})[ \t]+v?\d{{1,2}}\.\d{{1,2}}(?:\.\d{{1,3}})?"
    r"(?![\d/-])(?!\.\d)"
    r"(?![ \t]?(?:mm|cm|ml|mL|m|kg|g|mGy|mSv|Gy|s|min|%|x|×)\b)"
)
_PRODUCT = re.compile(rf"(?<![\w.])(?P<value>{_WORD}[ \t]+(?:Dose|PACS|RIS|Viewer|Reporting))\b")
# A title before or opening the words makes them a person ("Dr Smart 4.2" is not a product).
_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|dre|pr|prof|mr|mrs|ms|miss|mme|m|mlle)\.?[ \t]+$")
_TITLE_FIRST = re.compile(r"(?i)(?:dr|dre|pr|prof|mr|mrs|ms|miss|mme|mlle)\b")
_SCORE = re.compile(
    r"(?i)\b(?:RADPEER|peer[ -]review(?:ed)?|relecture par les pairs)(?:[ \t]+(?:score|grade))?[ \t]*:?"
    r"(?:[ \t]*[1-4][a-b]?\b)?|\bGraf[ \t]+(?:type[ \t]+)?I{1,3}V?[a-d]?\b"
)
# An eponymous classification with its grade ("Herbert B2", "Garden III", "Lichtman IIIa", "Weber B", "Graf IIa").
_CLASSIFICATION = re.compile(
    r"\b(?:Herbert|Garden|Gustilo(?:-Anderson)?|Neer|Weber|Danis-Weber|Schatzker|Salter-Harris|Graf|Lichtman|"
    r"Kellgren(?:-Lawrence)?|Tönnis|Tonnis|Pauwels|Mason|Frykman|Hawkins|Tossy|Rockwood|Meyerding|Pfirrmann|"
    r"Modic|Risser|Catterall|Herring|Stulberg)[ \t]+(?:type[ \t]+|stade[ \t]+|stage[ \t]+|grade[ \t]+)?"
    r"(?:[IV]{1,4}[a-d]?|[A-D][1-5]?|[0-5][a-c]?)(?![\w'’-])"
)
# DICOM SR value types opening a content item ("UIDREF (121012, DCM, ...)", "PNAME (121008, ...)").
_VALUE_TYPE = re.compile(
    r"(?<![\w-])(?:CONTAINER|PNAME|UIDREF|DATETIME|DATE|TIME|NUM|CODE|TEXT|IMAGE|COMPOSITE|SCOORD3?D?|TCOORD)"
    r"(?=[ \t]*\([ \t]*[A-Za-z0-9.-]{2,20}[ \t]*,)"
)
_TEACHING_SITE = re.compile(
    r"(?i)(?<![\w./@-])(?:www\.)?(?:radiopaedia|mypacs|eurorad|learningradiology|radrounds|auntminnie|imaios|"
    r"e-anatomy|radiologyassistant|pedrad|ctisus)\.(?:org|net|com|nl|eu)(?![\w/-])"
)
_PATIENT_WORD = re.compile(
    r"(?<![\w-])(?:Patientin|Paziente|Pazientin|Patiënt(?:\(e\)|e)?|PATIENTIN|PAZIENTE)(?![\w-])"
)


def record_traps(text: str) -> list[tuple[int, int]]:
    """Spans of `text` (concept codes, software, scores, teaching sites, field words) that hold no identifier."""
    spans: list[tuple[int, int]] = []
    if "," in text:
        spans += [(m.start("value"), m.end("value")) for m in _CODED_CONCEPT.finditer(text)]
    for pattern in (_SOFTWARE, _PRODUCT):
        for m in pattern.finditer(text):
            if not _TITLE_BEFORE.search(text, max(0, m.start() - 8), m.start()) and not _TITLE_FIRST.match(
                m.group("value")
            ):
                spans.append((m.start("value"), m.end("value")))
    spans += [(m.start(), m.end()) for m in _SCORE.finditer(text)]
    for m in _CLASSIFICATION.finditer(text):
        if not _TITLE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            spans.append((m.start(), m.end()))
    if "(" in text:
        spans += [(m.start(), m.end()) for m in _VALUE_TYPE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _TEACHING_SITE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _PATIENT_WORD.finditer(text)]
    return spans
