"""Identifiers placed by the layout of PDF-to-text and table exports rather than by a field name.

- running page headers repeat the patient: "Page 2 of 3 | YOUNG, Arjun | DOB ..." and
  "--- Page 1/3 --- BLANC Marie --- né(e) le ..." (the name between the page number and the next separator is
  PATIENT);
- pipe tables whose header row names the patient's name columns ("| Nom d'usage | Nom de naissance | Prénom |",
  "| Surname | First name |"): the cells below are PATIENT;
- a banner cell followed by an age cell ("| Aroha Te Whata | 27y") is the patient;
- imaging practices named after a place or a person ("Steventon Imaging", "Imagerie Laurent") are INSTITUTION;
- a signature line "Aimée Blanc <aimee.blanc@...>" names the sender (PERSON) when the address holds the surname;
- technologist and dictation initials ("Manip : JD", "Dict. JDU/tr", "dictated BSM/tr", "Radiographer: AB") are the
  author's or technologist's (PERSON; the typist's "tr" is not).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.patterns import Candidate

_SEP = r"(?:[ \t]*(?:\||---|–|—|·)[ \t]*)"
_PAGE_HEADER = re.compile(
    rf"(?i:page)[ \t]+\d{{1,3}}[ \t]*(?:/|of|sur)[ \t]*\d{{1,3}}{_SEP}"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:,?[ \t]+[A-ZÀ-ÖØ-Þa-zà-ÿ][\w'’-]*){1,4}?)"
    rf"(?={_SEP}(?i:n[ée]|dob|mrn|born|date|ipp|nhi|ddn))"
)
_NAME_HEADERS = re.compile(
    r"(?i)^(?:nom(?:[ \t]+d['’]usage|[ \t]+de[ \t]+naissance|[ \t]+marital|[ \t]+de[ \t]+jeune[ \t]+fille)?|prénoms?|"
    r"surname|last[ \t]+name|first[ \t]+name|given[ \t]+names?|family[ \t]+name|maiden[ \t]+name|patient[ \t]+name)$"
)
_PRACTICE = re.compile(
    r"(?m)(?:^|(?<=\|[ \t])|(?<=---[ \t]))[ \t]*(?P<inst>(?:[A-Z][\w'’-]+[ \t]+){1,3}Imaging"
    r"(?![ \t]+(?:of|Department|Section|Unit|Service|Division|Centre|Center|Suite))"
    r"|Imagerie[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]+)?)(?![\w])"
)
# Specialty words name a department, not a practice ("Musculoskeletal Imaging", "Imagerie Médicale").
_NOT_A_PRACTICE = frozenset(
    {
        "médicale", "médical", "diagnostic", "diagnostique", "medical", "nuclear", "breast", "musculoskeletal",
        "neuro", "neurological", "paediatric", "pediatric", "cardiac", "cardiovascular", "thoracic", "abdominal",
        "body", "interventional", "vascular", "emergency", "oncologic", "oncology", "molecular", "digital",
        "advanced", "women's", "womens", "spine", "dental", "msk", "fonctionnelle", "interventionnelle",
    }
)  # fmt: skip
_INITIALS = re.compile(
    r"(?:\b(?:Manip|Manipulat(?:eur|rice)|Radiographer|Technologist|Tech|MERM)\.?[ \t]*:?[ \t]*"
    r"|\b(?i:dict\.|dictée?[ \t]+par|dictated(?:[ \t]+by)?|typed[ \t]+by)[ \t]*:?[ \t]*)"
    r"(?P<ini>[A-Z]{2,4})(?=/[a-z]{1,3}\b|[ \t]*(?:$|\n|[-–|,;.]))"
)


def _pipe_cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's stripped content in a "| a | b |" line."""
    cells = []
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    for left, right in itertools.pairwise(bars):
        raw = line[left + 1 : right]
        stripped = raw.strip()
        if stripped:
            start = left + 1 + raw.index(stripped)
            cells.append((start, start + len(stripped)))
        else:
            cells.append((left + 1, left + 1))
    return cells


def _table_names(text: str) -> Iterator[Candidate]:
    """Cells under the name columns of a pipe table whose header row (followed by a "|---|" row) names them."""
    columns: set[int] = set()
    offset = 0
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.lstrip().startswith("|"):
            cells = _pipe_cells(line)
            values = [line[s:e] for s, e in cells]
            header = n + 1 < len(lines) and re.fullmatch(r"[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*", lines[n + 1])
            if header:
                columns = {i for i, v in enumerate(values) if _NAME_HEADERS.match(v)}
            elif columns and not all(set(v) <= set("-: ") for v in values):
                for i in columns:
                    if i < len(cells) and re.fullmatch(r"[^\W\d_][\w'’ -]*", values[i]):
                        yield Candidate(offset + cells[i][0], offset + cells[i][1], "PATIENT", 84)
        else:
            columns = set()
        offset += len(line) + 1


_DISPLAY_NAME = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,3})[ \t]+<?(?P<local>[\w.+-]+)@"
)


def _fold(word: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if ch.isalnum() and ord(ch) < 128)


# A pipe-separated banner cell holding a name and followed by an age cell ("| Aroha Te Whata | 27y") is the patient.
_NAME_CELL_BEFORE_AGE = re.compile(
    r"(?<=\|[ \t])(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,3})[ \t]+\|[ \t]*"
    r"\d{1,3}[ \t]?(?:y|yo|yrs|ans|a)\b"
)


def find_layout(text: str) -> Iterator[Candidate]:
    """Running-header patients, name columns of pipe tables, imaging practices, e-mail display names and
    technologist/dictation initials."""
    for m in _PAGE_HEADER.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PATIENT", 84)
    if "|" in text:
        yield from _table_names(text)
        for m in _NAME_CELL_BEFORE_AGE.finditer(text):
            yield Candidate(m.start("name"), m.end("name"), "PATIENT", 80)
    common = common_words()
    for m in _PRACTICE.finditer(text):
        words = re.findall(r"[\w'’-]+", m.group("inst"))[:-1] if m.group("inst").endswith("Imaging") else []
        if m.group("inst").startswith("Imagerie"):
            words = re.findall(r"[\w'’-]+", m.group("inst"))[1:]
            if words and words[0].lower() in _NOT_A_PRACTICE:
                continue
        elif not words or all(w.lower() in common or w.lower() in _NOT_A_PRACTICE for w in words):
            continue
        yield Candidate(m.start("inst"), m.end("inst"), "INSTITUTION", 83)
    for m in _DISPLAY_NAME.finditer(text):  # "Aimée Blanc <aimee.blanc@...>": the sender, named by their address
        local = _fold(m.group("local"))
        if all(_fold(w) in local for w in m.group("name").split()[-1:]):
            yield Candidate(m.start("name"), m.end("name"), "PERSON", 79)
    for m in _INITIALS.finditer(text):
        yield Candidate(m.start("ini"), m.end("ini"), "PERSON", 80)
