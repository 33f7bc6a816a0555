"""A second identifier detector, independent of the de-identifier, used only to check its output.

Design. The de-identifier (reports/deid) replaces identifiers by realistic surrogates: fake names, shifted dates,
same-shape phone numbers and IDs (NIRs even get a valid key). Scanning its output for names, dates, phones or NIRs
would flag those surrogates, so the check does not look for identifiers in the output; it looks for identifiers
that went through UNCHANGED:

1. `independent_spans(original)` finds identifiers in the ORIGINAL text with its own means, sharing no code with
   reports/deid: edsnlp's `eds.dates` (absolute dates with a year or month-year) plus regexes for numeric and
   English dates, e-mails, URLs, French and North-American phone numbers, NIRs (own mod-97 key check), long digit
   runs and letter+digit record numbers, and names after a title (Dr, Pr, Mme, M., Mr, Mrs...) or a first name from
   faker's name lists followed by a capitalised surname.
2. `residual_spans(original, replaced, gold)` keeps the spans (detected ones, plus the true planted spans of a
   generated report) that the de-identifier did not replace: a span is handled when every letter and digit of it
   lies inside one of the de-identifier's reported entities (which are exactly what it substituted). Gold strings of
   types whose surrogates cannot collide with an original (ID, PHONE, EMAIL, URL) must also be absent from the output.
3. `placeholder_residuals(output)` scans the de-identified text alone for the patterns whose surrogates are
   placeholders: any e-mail or URL outside the reserved example.org/.com/.net domains is a residual. This one needs
   no original, so the reports suite re-runs it on the stored corpus.

Spans are returned as (start, end, label) without text, so nothing identifying reaches a log or a check report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")  # RFC 2606 reserved names
GOLD_VERBATIM_LABELS = frozenset({"ID", "PHONE", "EMAIL", "URL"})


@dataclass(frozen=True, order=True)
class Residual:
    """An identifier span (offsets into the text it was found in) with its type and which detector found it."""

    start: int
    end: int
    label: str
    source: str = "detector"  # detector | gold | placeholder


# --------------------------------------------------------------------------------------------- patterns

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_PHONE_FR = re.compile(r"(?<![\d+])(?:\+33\s?(?:\(0\)\s?)?|0033\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
_PHONE_NA = re.compile(r"(?<!\d)(?:\+1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)")
_NIR = re.compile(r"(?<!\d)[12][\s.]?\d{2}[\s.]?\d{2}[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{2}(?!\d)")
_LONG_DIGITS = re.compile(r"(?<![\w/.-])\d{8,}(?![\w/.-])")
_RECORD = re.compile(r"\b[A-Z]{1,3}-?\d{2,4}-?\d{5,}\b|\b[A-Z]{1,3}\d{6,}\b")
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d/.-])"
)  # fmt: skip
_MONTHS_EN = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TEXT_DATE_EN = re.compile(
    rf"\b(?:{_MONTHS_EN}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS_EN}\s+\d{{4}}|{_MONTHS_EN}\s+\d{{4}})\b"
)
_TITLE = re.compile(
    r"\b(?:Dr|Drs|Docteur|Doctor|Pr|Prof|Professeur|Mme|Mmes|Mlle|Madame|Monsieur|Mr|Mrs|Ms|Miss)\b\.?\s+"
    r"|(?<!\w)M\.\s+"
)
_REDACTED = re.compile(r"X{2,}")  # a publisher's redaction mark (NLMCXR writes XXXX), not a name
_NAME_TOKEN = re.compile(r"(?:[A-ZÀ-Ý][\w'’-]*\.?|[A-Z]\.)")


def _nir_key_ok(digits: str) -> bool:
    """Own NIR check: 13 digits (Corsica 2A/2B as 19/18) and a 2-digit key = 97 - (number mod 97)."""
    body = digits[:13].upper().replace("2A", "19").replace("2B", "18")
    if len(digits) != 15 or not body.isdigit() or not digits[13:].isdigit():
        return False
    return 97 - int(body) % 97 == int(digits[13:])


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased first names and surnames from faker's fr_FR and en_US person providers."""
    import importlib

    first: set[str] = set()
    last: set[str] = set()
    for locale in ("fr_FR", "en_US"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(n.lower() for n in _names(getattr(provider, attr, ())))
        last.update(n.lower() for n in _names(getattr(provider, "last_names", ())))
    return frozenset(first), frozenset(last)


def _names(value: Any) -> list[str]:
    return list(value.keys()) if isinstance(value, dict) else list(value)


@lru_cache(maxsize=1)
def _date_pipeline() -> Any:
    import edsnlp

    nlp = edsnlp.blank("eds")
    nlp.add_pipe("eds.dates")
    return nlp


def _eds_dates(text: str) -> Iterable[tuple[int, int]]:
    """Absolute dates carrying a year (full dates and month-year) found by edsnlp's eds.dates."""
    doc = _date_pipeline()(text)
    for span in doc.spans.get("dates", []):
        date = span._.date
        if getattr(date, "mode", None) is not None and str(date.mode).endswith("ABSOLUTE") and date.year is not None:
            yield span.start_char, span.end_char


def _titled_names(text: str) -> Iterable[tuple[int, int]]:
    for title in _TITLE.finditer(text):
        pos, end = title.end(), None
        for _ in range(4):
            token = _NAME_TOKEN.match(text, pos)
            if not token or _REDACTED.fullmatch(token.group(0).rstrip(".-")):
                break
            end = token.end()
            gap = re.match(r"[ \t]+", text[end:])
            pos = end + (gap.end() if gap else 0)
            if not gap:
                break
        if end is not None:
            yield title.end(), end


def _lexicon_names(text: str) -> Iterable[tuple[int, int]]:
    """A faker first name followed by a capitalised word that is a faker surname (or written in capitals)."""
    first, last = _name_lists()
    for m in re.finditer(r"\b([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)[ \t]+([A-ZÀ-Ý][\w'’-]+)", text):
        given, family = m.group(1), m.group(2)
        if given.lower() in first and (family.lower() in last or (family.isupper() and len(family) > 1)):
            yield m.start(), m.end()


def independent_spans(text: str, use_edsnlp: bool = True) -> list[Residual]:
    """Identifier candidates in `text` (sorted; may overlap), found without the de-identifier's code."""
    spans: list[Residual] = []

    def add(matches: Iterable[tuple[int, int]], label: str) -> None:
        spans.extend(Residual(s, e, label) for s, e in matches)

    add(((m.start(), m.end()) for m in _EMAIL.finditer(text)), "EMAIL")
    add(((m.start(), m.end()) for m in _URL.finditer(text)), "URL")
    add(((m.start(), m.end()) for m in _PHONE_FR.finditer(text)), "PHONE")
    add(((m.start(), m.end()) for m in _PHONE_NA.finditer(text)), "PHONE")
    nirs = [m for m in _NIR.finditer(text) if _nir_key_ok(re.sub(r"[\s.]", "", m.group(0)))]
    add(((m.start(), m.end()) for m in nirs), "ID")
    add(((m.start(), m.end()) for m in _LONG_DIGITS.finditer(text)), "ID")
    add(((m.start(), m.end()) for m in _RECORD.finditer(text)), "ID")
    add(((m.start(), m.end()) for m in _NUMERIC_DATE.finditer(text)), "DATE")
    add(((m.start(), m.end()) for m in _TEXT_DATE_EN.finditer(text)), "DATE")
    if use_edsnlp:
        add(_eds_dates(text), "DATE")
    add(_titled_names(text), "PERSON")
    add(_lexicon_names(text), "PERSON")
    return sorted(set(spans))


# --------------------------------------------------------------------------------------------- residuals


def _covered(text: str, start: int, end: int, replaced: Sequence[tuple[int, int]]) -> bool:
    """Every letter/digit of text[start:end] lies inside a replaced span."""
    return all(any(s <= i < e for s, e in replaced) for i in range(start, end) if text[i].isalnum())


def residual_spans(
    original: str,
    replaced: Iterable[Any],
    deidentified: str,
    gold: Iterable[Any] = (),
    use_edsnlp: bool = True,
) -> list[Residual]:
    """Identifiers of `original` that went through de-identification unchanged (see the module docstring).

    `replaced`: the de-identifier's entities (anything with .start/.end, offsets into `original`); `gold`: true
    identifier spans (.start/.end/.label) of a generated report, or nothing.
    """
    done = [(int(e.start), int(e.end)) for e in replaced]
    out = [r for r in independent_spans(original, use_edsnlp) if not _covered(original, r.start, r.end, done)]
    for entity in gold:
        start, end, label = int(entity.start), int(entity.end), str(entity.label)
        missed = not _covered(original, start, end, done)
        leaked = label in GOLD_VERBATIM_LABELS and original[start:end] in deidentified
        if missed or leaked:
            out.append(Residual(start, end, label, "gold"))
    return sorted(set(out))


def placeholder_residuals(deidentified: str) -> list[Residual]:
    """E-mails and URLs left in de-identified text outside the reserved placeholder domains."""
    out = []
    for pattern, label in ((_EMAIL, "EMAIL"), (_URL, "URL")):
        for m in pattern.finditer(deidentified):
            value = m.group(0).lower()
            host = value.split("@", 1)[1] if label == "EMAIL" else re.sub(r"^(?:https?://)?", "", value).split("/")[0]
            if not any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS):
                out.append(Residual(m.start(), m.end(), label, "placeholder"))
    return out
