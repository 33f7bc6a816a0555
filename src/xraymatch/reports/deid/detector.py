"""The detector: markup masking, pattern and rule candidates, overlap resolution, name propagation and typing.

`detect(text, lang)` returns sorted, non-overlapping Entity spans with offsets into `text` itself. Both languages'
rules always run (reports mix French and English); `lang` only breaks ties where a spelling is ambiguous.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.eponyms import eponym_use
from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.patterns import Candidate, find_patterns
from xraymatch.reports.deid.rules import find_rules
from xraymatch.reports.entities import Entity

_HTML_TAG = re.compile(r"<[^<>]{0,500}>|&[a-zA-Z]{2,8};|&#\d{1,6};")
_RTF_CONTROL = re.compile(r"\\par[d]?\b ?|\\line\b ?|\\[a-zA-Z]{1,32}-?\d{0,10} ?|\\['][0-9a-fA-F]{2}|[{}]")
# After a name: a birth date or age cue ("né le", "DOB", ", 34 ans", "(8 ans)"), possibly past masked table tags.
_PATIENT_CUE = re.compile(
    r"^\W{0,16}?(?:n[ée]+\(?e?\)?\s+le|born|dob|âg[ée]|aged|sexe?\b|\(?\d{1,3}\s*(?:ans|a\b|y|mo\b|mois|months))",
    re.IGNORECASE,
)


_NAME_TAIL = re.compile(r"(?:[ \t][A-ZÀ-ÖØ-Þ][\w'’-]*){1,2}(?=\W{0,16}?(?:n[ée]|dob|âg|aged|sexe?\b|\(?\d))")


def mask_markup(text: str) -> str:
    """`text` with HTML tags/entities and RTF control words blanked out, same length, so offsets still hold."""
    if "<" not in text and "\\" not in text and "&" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        token = m.group(0)
        if token.startswith(("\\par", "\\line")) or token.lower() in ("<br>", "<br/>", "<br />", "</p>", "</div>"):
            return "\n" + " " * (len(token) - 1)
        return " " * len(token)

    masked = _HTML_TAG.sub(blank, text) if "<" in text or "&" in text else text
    return _RTF_CONTROL.sub(blank, masked) if "\\" in masked else masked


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the highest-priority (then longest) candidates that do not overlap one another."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def _name_tokens(text: str, span: Candidate) -> list[str]:
    stop = common_words()
    return [
        w
        for w in _WORD.findall(text[span.start : span.end])
        if len(w) >= 2 and w.lower() not in stop and not w.isdigit()
    ]


def _type_and_propagate(text: str, spans: list[Candidate]) -> list[Candidate]:
    """Give lexicon-only names the type of a titled/field name sharing a token, mark patient cues, then find every
    other occurrence of each name token (except eponym uses) with that type."""
    names = [s for s in spans if s.label in ("PATIENT", "PERSON")]
    patient_tokens: set[str] = set()
    for s in names:
        if s.label == "PATIENT" and s.priority >= 70:
            patient_tokens.update(t.lower() for t in _name_tokens(text, s))
    typed: list[Candidate] = []
    for s in spans:
        if s.label == "PERSON" and s.priority < 70:
            tokens = {t.lower() for t in _name_tokens(text, s)}
            # "Martin Blanc, 71 ans", "CARRE Guy</td><td>Né(e) le": capitalised words left out of the lexicon span
            # (common words) belong to the name when a patient cue follows them.
            more = _NAME_TAIL.match(text, s.end)
            end = more.end() if more else s.end
            if tokens & patient_tokens or _PATIENT_CUE.match(text[end : end + 40]):
                s = Candidate(s.start, end, "PATIENT", s.priority)
        typed.append(s)
    out = list(typed)
    seen: dict[str, str] = {}
    for s in typed:
        if s.label not in ("PATIENT", "PERSON"):
            continue
        for token in _name_tokens(text, s):
            if len(token) >= 3 and (token.lower() not in seen or s.label == "PATIENT"):
                seen[token.lower()] = s.label
    for token, label in seen.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text, re.IGNORECASE):
            if eponym_use(text, m.start(), m.end()):
                continue
            out.append(Candidate(m.start(), m.end(), label, 15))
    return out


def detect(text: str, lang: str = "fr") -> list[Entity]:
    """Identifier spans in `text` (French and English rules both applied; `lang` is accepted for the contract)."""
    if not text:
        return []
    view = mask_markup(text)
    candidates = find_patterns(view) + find_rules(view)
    first = _resolve(candidates)
    final = _resolve(_type_and_propagate(view, first))
    entities: list[Entity] = []
    for c in final:
        start, end = c.start, c.end
        while end > start and view[end - 1] in " \t\n,;:":
            end -= 1
        while start < end and view[start] in " \t\n,;:":
            start += 1
        if (
            c.label in ("INSTITUTION", "LOCATION")
            and view[end - 1] == "."
            and not re.search(r"\b(?:St|Apt|Ste)\.$", view[start:end])
        ):
            end -= 1
        if end > start:
            entities.append(Entity(start, end, c.label))
    return entities
