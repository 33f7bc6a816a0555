"""Find the findings part of a report (French résultats + conclusion, English findings + impression).

Used on de-identified text, so the findings column of the corpus carries the same surrogates as the full text.
A section starts at a header line ("Résultats :", "FINDINGS:", ...; the content may follow on the same line) and
runs to the next header. The last wanted section (conclusion/impression) stops at its first blank line after some
content, since signatures and footers follow it. A report with no recognised header is all findings.
"""

from __future__ import annotations

import re

FINDINGS_HEADERS = (
    "résultats", "résultat", "resultats", "description", "analyse", "constatations", "findings",
)  # fmt: skip
CONCLUSION_HEADERS = ("conclusion", "conclusions", "en conclusion", "synthèse", "impression", "impressions")
OTHER_HEADERS = (
    "technique", "incidences", "technique d'examen", "indication", "indications", "contexte",
    "renseignements cliniques", "comparaison", "comparison", "history", "clinical history", "examination", "exam",
)  # fmt: skip

_HEADER = re.compile(
    r"^[ \t]*(?P<name>"
    + "|".join(re.escape(h) for h in sorted(FINDINGS_HEADERS + CONCLUSION_HEADERS + OTHER_HEADERS, key=len)[::-1])
    + r")[ \t]*:[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)


def split_sections(text: str) -> list[tuple[str, int, int, int]]:
    """(header name lower-cased, header start, content start, section end) for every recognised section, in order."""
    matches = list(_HEADER.finditer(text))
    return [
        (m.group("name").lower(), m.start(), m.end(), matches[k + 1].start() if k + 1 < len(matches) else len(text))
        for k, m in enumerate(matches)
    ]


def extract_findings(text: str) -> str:
    """The findings + conclusion sections of a report, headers kept, as they appear in `text` (one section per
    line group). No recognised header at all, or none of the wanted kind: the whole stripped text. Wanted sections
    that are all empty: ""."""
    sections = split_sections(text)
    wanted = [s for s in sections if s[0] in FINDINGS_HEADERS or s[0] in CONCLUSION_HEADERS]
    if not wanted:
        return text.strip()
    parts = []
    for k, (name, head, body, end) in enumerate(wanted):
        raw = text[body:end]
        content = raw.strip()
        if k == len(wanted) - 1 and name in CONCLUSION_HEADERS:
            content = re.split(r"\n[ \t]*\n", content, maxsplit=1)[0].strip()
        if content:
            gap = raw[: len(raw) - len(raw.lstrip())] + text[head:body][len(text[head:body].rstrip()) :]
            parts.append(text[head:body].rstrip() + ("\n" if "\n" in gap else " ") + content)
    return "\n\n".join(parts)


TECHNIQUE_HEADERS = ("technique", "incidences", "technique d'examen")


def extract_technique(text: str) -> str:
    """The technique/incidences sections (which views were taken), headers kept; "" when the report has none."""
    parts = []
    for name, head, body, end in split_sections(text):
        if name in TECHNIQUE_HEADERS:
            content = re.split(r"\n[ \t]*\n", text[body:end].strip(), maxsplit=1)[0].strip()
            if content:
                parts.append(text[head:body].rstrip() + " " + content)
    return "\n".join(parts)


def alignment_text(text: str, findings: str) -> str:
    """What an image is aligned with: the technique (the views, visible in the image) then the findings."""
    technique = extract_technique(text) if isinstance(text, str) else ""
    return f"{technique}\n{findings}" if technique else findings
