"""Column-aware typing of identifiers in CSV-like rows and HL7 v2 segments.

A free-text rule cannot tell the patient's name from a doctor's in `"Garcia, Luis",M0029381,1979-08-30` or type the
`67` of `|67|`; the column can. Two sources of columns:

- a header line of a delimited table (`,` `;` `|` or tab; `Name,MRN,DOB,Age`, `Nom;Prénom;IPP;DDN`) types the cells
  of the rows under it by the header word (patient/nom/prénom -> PATIENT, médecin/prescripteur/ordering -> PERSON,
  age/âge -> AGE, dob/ddn -> DATE, mrn/ipp/nir -> ID, ...); quoted cells may hold the delimiter;
- a header-less row of quoted cells that also holds a record number or a date (an export line of one patient):
  its leading name-like cells are the patient's name;
- HL7 v2 segments (`MSH|`, `PID|`, `PV1|`, `NK1|`, `ORC|`, `OBR|`): fields by position (PID-3 ID, PID-5 PATIENT,
  PID-7 DATE, PID-11 LOCATION, PID-13 PHONE, MSH-4/6 INSTITUTION, PV1-7/8/9/17 and OBR-16 PERSON, ...).

Candidates get priority 82: a column says more than a title or a lexicon; shape detectors of higher priority
(e-mail 90, NIR 95) still win inside a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

PRIORITY = 82

# Header words (lower case, accents kept, inner spaces/underscores/dots normalised to one space) and their type.
_HEADER_TYPES: dict[str, str] = {}
for _label, _words in {
    "PATIENT": "name|patient|patient name|patientname|pt name|nom|prénom|prenom|nom prénom|nom prenom|nom patient|"
    "nom du patient|patient nom|first name|firstname|last name|lastname|surname|given name|family name|full name|"
    "nom de naissance|nom d'usage|nom usuel|pid-5|pid 5",
    "PERSON": "médecin|medecin|prescripteur|médecin prescripteur|medecin prescripteur|médecin traitant|"
    "medecin traitant|radiologue|ordering|ordering provider|ordering physician|referring|referring physician|"
    "referring provider|physician|doctor|radiologist|reading radiologist|reader|attending|provider|signed by|"
    "signataire|opérateur|operateur|operator|technologist|manipulateur|correspondant",
    "AGE": "age|âge|age (y)|age (years)|age years|age (ans)|âge (ans)|age ans",
    "DATE": "dob|ddn|date de naissance|birth date|birthdate|date of birth|né le|née le|date|exam date|"
    "date examen|date d'examen|study date|admit|admission|date admission|discharge",
    "ID": "mrn|ipp|id|patient id|patientid|pid|nir|ssn|nss|ins|accession|accession number|acc|n° accession|"
    "numéro|n°|no|dossier|n° dossier|account|account number|encounter|nda|n° séjour|séjour|visit|visit number|"
    "matricule|nhs number|medicare|rpps|npi",
    "PHONE": "phone|tel|tél|téléphone|telephone|mobile|portable|fax|contact phone",
    "EMAIL": "email|e-mail|mail|courriel|adresse mail|adresse e-mail",
    "LOCATION": "address|adresse|city|ville|commune|code postal|cp|zip|zip code|postcode|postal code|street|rue|"
    "domicile|home address",
    "INSTITUTION": "hospital|hôpital|hopital|site|établissement|etablissement|facility|institution|clinic|"
    "clinique|centre|center|cabinet|practice|sending facility",
}.items():
    for _word in _words.split("|"):
        _HEADER_TYPES[_word] = _label

_DELIMITERS = ",;|\t"
_HL7_SEGMENT = re.compile(r"(?m)^(MSH|PID|PV1|NK1|ORC|OBR|PD1|EVN)\|[^\n]*")
# HL7 v2 fields by segment and position (MSH counts its own field separator as MSH-1).
_HL7_FIELDS: dict[str, dict[int, str]] = {
    "MSH": {4: "INSTITUTION", 6: "INSTITUTION", 7: "DATE"},
    "EVN": {2: "DATE", 6: "DATE"},
    "PID": {
        2: "ID",
        3: "ID",
        4: "ID",
        5: "PATIENT",
        6: "PATIENT",
        7: "DATE",
        9: "PATIENT",
        11: "LOCATION",
        13: "PHONE",
        14: "PHONE",
        18: "ID",
        19: "ID",
        20: "ID",
        29: "DATE",
    },
    "PD1": {3: "INSTITUTION", 4: "PERSON"},
    "NK1": {2: "PERSON", 4: "LOCATION", 5: "PHONE", 6: "PHONE"},
    "PV1": {7: "PERSON", 8: "PERSON", 9: "PERSON", 17: "PERSON", 19: "ID", 44: "DATE", 45: "DATE"},
    "ORC": {2: "ID", 3: "ID", 9: "DATE", 12: "PERSON", 14: "PHONE", 21: "INSTITUTION"},
    "OBR": {2: "ID", 3: "ID", 6: "DATE", 7: "DATE", 8: "DATE", 16: "PERSON", 22: "DATE", 32: "PERSON"},
}
_NAME_LABELS = ("PATIENT", "PERSON")
_NAME_CELL = re.compile(r"[^\W\d_][\w'’.\- ,^]*")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _cells(line: str, delimiter: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of `line` (offsets within the line); a double-quoted cell may hold the delimiter
    and its span excludes the quotes."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i <= n:
        if i < n and line[i] == '"':
            close = line.find('"', i + 1)
            while close != -1 and close + 1 < n and line[close + 1] == '"':
                close = line.find('"', close + 2)  # "" is an escaped quote
            if close == -1:
                close = n
            spans.append((i + 1, close))
            nxt = line.find(delimiter, close)
            i = n + 1 if nxt == -1 else nxt + 1
        else:
            nxt = line.find(delimiter, i)
            end = n if nxt == -1 else nxt
            spans.append((i, end))
            i = end + 1
    return spans


_DATE_HEAD = re.compile(r"[ \t]*(?:[^\W\d_]{3,9}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}[ \t]+[^\W\d_]{3,9}\.?)[ \t]*")
_YEAR_TAIL = re.compile(r"[ \t]*(?:19|20)\d{2}[ \t]*")


def _merge_split_dates(line: str, cells: list[tuple[int, int]], expected: int) -> list[tuple[int, int]]:
    """Join a date that an unquoted comma split into two cells ("July 4, 1960" in a comma-separated row) while the
    row has more cells than the header."""
    out = list(cells)
    i = 0
    while len(out) > expected and i + 1 < len(out):
        (a, b), (c, d) = out[i], out[i + 1]
        if _DATE_HEAD.fullmatch(line[a:b]) and _YEAR_TAIL.fullmatch(line[c:d]):
            out[i : i + 2] = [(a, d)]
        else:
            i += 1
    return out


def _strip(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start] in " \t\"'":
        start += 1
    while end > start and line[end - 1] in " \t\"'\r":
        end -= 1
    return start, end


def _header_key(cell: str) -> str:
    return re.sub(r"[\s_.]+", " ", cell.strip().strip("\"'").strip().lower()).rstrip(" :#")


def _delimiter(line: str) -> str | None:
    """The delimiter of a header line: the one that splits it into the most (at least two) cells."""
    counts = {d: line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] >= 1 else None


def _value_fits(label: str, value: str) -> bool:
    """A cell value plausible for its column type (a name has letters and no digits; a number-like type has digits)."""
    if not value:
        return False
    if label in _NAME_LABELS:
        return _NAME_CELL.fullmatch(value) is not None and _LETTER_WORD.search(value) is not None
    if ":" in value and label != "DATE":
        return False  # "Encounter: 123": a labelled field, not a cell value
    if label in ("AGE", "DATE", "ID", "PHONE"):
        return any(ch.isdigit() for ch in value)
    if label == "EMAIL":
        return "@" in value
    return _LETTER_WORD.search(value) is not None or any(ch.isdigit() for ch in value)


_CELL_TITLE = re.compile(r"(?i)(?:dr|dre|pr|prof|docteure?|professeure?|mr|mrs|ms|mme|mlle|m)\.?[ \t]+(?=\S)")


def _emit(label: str, start: int, end: int, text: str = "") -> Candidate:
    """A candidate for a typed cell; a name cell loses its leading title ("Dr Anne Blanc" -> "Anne Blanc")."""
    if label in _NAME_LABELS and text:
        title = _CELL_TITLE.match(text, start, end)
        if title and title.end() < end:
            start = title.end()
    return Candidate(start, end, label, PRIORITY)


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        out.append((pos, raw))
        pos += len(raw) + 1
    return out


def find_header_tables(text: str) -> Iterator[Candidate]:
    """Cells of the rows under a header line whose words name identifier columns."""
    lines = _lines(text)
    k = 0
    while k < len(lines):
        line = lines[k][1]
        delimiter = _delimiter(line) if not _HL7_SEGMENT.match(line) else None
        if delimiter is None:
            k += 1
            continue
        header = [_header_key(line[a:b]) for a, b in _cells(line, delimiter)]
        types = [_HEADER_TYPES.get(h) for h in header]
        if not any(types) or any(ch.isdigit() for h in header for ch in h if h not in ("pid-5", "pid 5")):
            k += 1
            continue
        known = sum(t is not None for t in types)
        if known < 2 or 2 * known < len(header):
            k += 1  # few known words among unknown ones: a sentence with commas, not a header
            continue
        k += 1
        while k < len(lines):
            row_start, row = lines[k]
            if not row.strip():
                break
            cells = _merge_split_dates(row, _cells(row, delimiter), len(header))
            if len(cells) != len(header):
                break
            typed = [(_strip(row, a, b), label) for (a, b), label in zip(cells, types, strict=True) if label]
            if any(b > a and not _value_fits(label, row[a:b]) for (a, b), label in typed):
                break  # a line that does not fit the columns ends the table ("Encounter: 123  Location: ...")
            for (a, b), label in typed:
                if b > a:
                    yield _emit(label, row_start + a, row_start + b, text)
            k += 1


_RECORD_CELL = re.compile(r"\d{6,}|[A-Z]{1,3}\d{5,}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")


def find_quoted_rows(text: str) -> Iterator[Candidate]:
    """A header-less export row of quoted cells with a record number or a date: its leading name cells are the
    patient's (`"DUPONT";"Marie";"2850375123456";"12/03/1985"`)."""
    for line_start, line in _lines(text):
        if line.count('"') < 6:
            continue
        delimiter = next((d for d in ";,|\t" if f'"{d}"' in line or f'" {d} "' in line), None)
        if delimiter is None:
            continue
        cells = [_strip(line, a, b) for a, b in _cells(line, delimiter)]
        values = [line[a:b] for a, b in cells]
        if len(values) < 3 or not any(_RECORD_CELL.fullmatch(v.replace(" ", "")) for v in values):
            continue
        for (a, b), value in zip(cells, values, strict=True):
            if not (_NAME_CELL.fullmatch(value) and value[:1].isupper() and len(value) >= 2):
                break
            yield _emit("PATIENT", line_start + a, line_start + b)


def _component_span(field: str) -> tuple[int, int] | None:
    """The identifying part of an HL7 field: up to the end of its last non-empty component among the first three
    (XPN "LAST^FIRST^MIDDLE", XCN "ID^LAST^FIRST", CX "12345^^^AUTH" -> "12345"), first repetition only."""
    field = field.split("~")[0]
    parts = field.split("^")
    if len(parts) == 1:
        return (0, len(field)) if field.strip() else None
    end = 0
    pos = 0
    for i, part in enumerate(parts[:3]):
        if part.strip():
            end = pos + len(part)
        if i == 0 and part.strip() and parts[1:2] == [""]:
            break  # CX: the number, then empty components and the assigning authority
        pos += len(part) + 1
    return (0, end) if end else None


def find_hl7_fields(text: str) -> Iterator[Candidate]:
    """Identifier fields of HL7 v2 segments by position."""
    for m in _HL7_SEGMENT.finditer(text):
        segment = m.group(1)
        fields = m.group(0).split("|")
        offsets = []
        pos = m.start()
        for field in fields:
            offsets.append(pos)
            pos += len(field) + 1
        for index, label in _HL7_FIELDS[segment].items():
            k = index - 1 if segment == "MSH" else index
            if k >= len(fields):
                continue
            field = fields[k]
            if label in ("PERSON",) and re.match(r"\d+\^", field):
                number = field.split("^")[0]
                yield _emit("ID", offsets[k], offsets[k] + len(number))  # the provider's number
                rest = field[len(number) + 1 :]
                span = _component_span(rest)
                if span and _value_fits(label, rest[span[0] : span[1]].replace("^", " ")):
                    base = offsets[k] + len(number) + 1
                    yield _emit(label, base + span[0], base + span[1])
                continue
            span = _component_span(field)
            if span is None:
                continue
            value = field[span[0] : span[1]]
            if _value_fits(label, value.replace("^", " ")):
                yield _emit(label, offsets[k] + span[0], offsets[k] + span[1])


def find_table_cells(text: str) -> list[Candidate]:
    """Every column-typed candidate in `text`."""
    if "|" not in text and "," not in text and ";" not in text and "\t" not in text:
        return []
    return [*find_header_tables(text), *find_quoted_rows(text), *find_hl7_fields(text)]
