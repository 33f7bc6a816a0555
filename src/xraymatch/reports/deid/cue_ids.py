"""Record numbers found by their cue word rather than their shape: company registrations, legal and police
references, access codes and practice codes.

- SIRET (14 digits) and SIREN (9 digits), spaced or not, kept only when the Luhn check holds (so "SIRET" before a
  phone number or a typo is left to the other rules); "RCS <city> B 123 456 789" is the SIREN again;
- "réquisition", "PV", "écrou", "licence" (a sports "licence fédérale" too, round 17), "claim", "crime ref.",
  "case no.", "collar no.", "service no.",
  "player registration", "practice code" then the value (letters, digits, "/", "-");
- round 20 (blind19): tax and student numbers after their name, whatever their shape ("numéro fiscal 01 74 702
  728 004", "SPI", "INE 0912304578K", "TFN", "SIN", "ITIN", "student no."): a spaced 13-digit tax number or a
  10-digit INE starting with 0 reads as a phone number to the shape rules;
- round 21 (blind20): a trial participant's number after its word ("participant(e) 033-118-0452", "trial subject
  GB-419-2893"), never a phone number whatever its grouping;
- round 22 (blind21): a file number after "dossier" and its owner ("dossier MDPH de l'Ain 001-2025-004217"), a
  spaced UK National Insurance number after its name ("CS 83 12 21 A");
- "code d'accès (au dossier|aux images)", "access code", "(code ABC-DEF-GHI)": grouped alphanumeric codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

_SIRET = re.compile(
    r"(?<![\w])(?:SIRET|SIREN|Siret|Siren)[ \t]*(?:n°|no\.?)?[ \t]*:?[ \t]*(?P<value>\d[\d \t]{7,18}\d)"
)
_RCS = re.compile(r"(?<![\w])RCS[ \t]+[^\n\d]{1,40}?[ \t]+[AB][ \t]+(?P<value>\d{3}[ \t]?\d{3}[ \t]?\d{3})(?!\d)")
_CUE = re.compile(
    r"(?i)(?<![\w])(?:réquisition(?:[ \t]+OPJ)?|PV|procès-verbal|écrou|"
    r"licence(?:[ \t]+(?:[A-Z]{2,6}|fédérale|sportive))?|license|"
    r"claim|crime[ \t]+ref(?:erence)?\.?|case|collar|service|warrant|badge|practice[ \t]+code|"
    r"player[ \t]+registration|reg\.?|registration|dossier[ \t]+judiciaire|parquet|"
    r"participant(?:\(e\)|e)?|trial[ \t]+subject|subject[ \t]+(?:id|no\.?|number))"
    r"[ \t]*(?:n°|no\.?|number|num\.?|#|ref\.?)?[ \t]*[:#]?[ \t]*"
    r"(?P<value>(?=[\w/-]*\d)[A-Z0-9][A-Z0-9/-]{3,24}[A-Z0-9])(?![\w])"
)
_CUE_NEEDS_NUMBER_WORD = re.compile(r"(?i)^(?:case|service|reg\.?|registration|claim|collar|badge|warrant|parquet)")
_ACCESS = re.compile(
    r"(?i:code(?:[ \t]+QR)?[ \t]+d['’]accès(?:[ \t]+(?:au dossier|aux images|patient))?|access code|"
    r"\(code)[ \t]*:?[ \t]*(?P<value>[A-Z0-9]{2,6}(?:-[A-Z0-9]{2,6}){1,4})(?![\w-])"
)

_PERSONAL_NUMBER = re.compile(
    r"(?<![\w])(?:(?i:num[ée]ro|n°)[ \t]+(?i:fiscal|SPI)|(?i:identifiant[ \t]+fiscal)|SPI|INE|TFN|SIN|ITIN|"
    r"(?i:tax[ \t]+file[ \t]+number|social[ \t]+insurance[ \t]+number))"
    r"[ \t]*(?:n°|no\.?|number|#)?[ \t]*:?[ \t]*(?P<value>\d[\d \t-]{6,18}\d[A-Z]?)(?![\w])"
)

# Round 22 (blind21): a file number after "dossier" and its owner ("N° de dossier patient 0944454222", "dossier MDPH
# de l'Ain 001-2025-004217") and a UK National Insurance number after its name, spaced ("CS 83 12 21 A"): record
# numbers that read as phone numbers or postcodes to the shape rules.
_FILE_NUMBER = re.compile(
    r"(?i)\bdossier(?:[ \t]+(?:patient|médical|medical|administratif|MDPH|CDAPH|AAH|PCH|CAF|CPAM|n°))?"
    r"(?:[ \t]+(?:de|du|des)(?:[ \t]+la|[ \t]+l['’])?[ \t]*(?-i:[A-ZÀ-Ý][\w'’-]*))?"
    r"[ \t]*(?:n°|no\.?|numéro)?[ \t]*:?[ \t]*(?P<value>\d[\d -]{5,20}\d)(?![\w])"
)
_NI_NUMBER = re.compile(
    r"(?i:national[ \t]+insurance[ \t]+(?:number|no\.?)|\bNI(?:NO)?[ \t]+(?:number|no\.?))[ \t]*:?[ \t]*"
    r"(?P<value>[A-CEGHJ-PR-TW-Z]{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-D])(?![\w])"
)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def find_cued_ids(text: str) -> Iterator[Candidate]:
    """ID candidates named by a cue word (see the module docstring)."""
    for m in _SIRET.finditer(text):
        raw = m.group("value")
        digits = re.sub(r"\D", "", raw)
        for size in (14, 9):
            if len(digits) >= size and _luhn(digits[:size]):
                # end after the size-th digit
                seen, end = 0, m.start("value")
                while seen < size:
                    seen += text[end].isdigit()
                    end += 1
                yield Candidate(m.start("value"), end, "ID", 80)
                break
    for m in _RCS.finditer(text):
        if _luhn(re.sub(r"\D", "", m.group("value"))):
            yield Candidate(m.start("value"), m.end("value"), "ID", 80)
    for m in _CUE.finditer(text):
        cue = m.group(0)[: m.start("value") - m.start()]
        if _CUE_NEEDS_NUMBER_WORD.match(cue) and not re.search(r"(?i)n°|no\.|\bno\b|number|num|#|ref", cue):
            continue  # "Date of service: 2022/11/28" is a date
        yield Candidate(m.start("value"), m.end("value"), "ID", 74)
    for m in _ACCESS.finditer(text):
        yield Candidate(m.start("value"), m.end("value"), "ID", 78)
    for pattern in (_PERSONAL_NUMBER, _FILE_NUMBER, _NI_NUMBER):
        for m in pattern.finditer(text):
            yield Candidate(m.start("value"), m.end("value"), "ID", 78)
