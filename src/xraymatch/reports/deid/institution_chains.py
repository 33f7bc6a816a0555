"""Round 21 (blind20's type errors as a class): an organisation name cut into pieces by the layers before it.

A rule or the tagger often finds only part of a service's name as an INSTITUTION and reads the other part as a name or
a place: "cabinet de kinésithérapie des | Allobroges", "Physio | Plus Hammersmith", "Beatson | West of Scotland",
"Merseyside Police | Child | Protection Unit", "The | Christie". A run of spans separated by one space (not the column
gap of a two-column letterhead), one of them an INSTITUTION and every other one a name or place of capitalised words,
is one INSTITUTION when one of its INSTITUTION spans is "The" or several words with an organisation or function word
("Chi Keung" mistyped by the tagger anchors nothing). A title, a comma or any other word between two spans ("Hôpital
Foch Dr Martin", "(Clinique Saint-Roch, Montpellier)": the town stays a LOCATION, as every older family labels it) or
a span running over a line break ("Kind regards,\nAnn Lee\nX Hospital") keeps them apart.
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

_PIECE_LABELS = frozenset({"PERSON", "PATIENT", "LOCATION"})
_CAPITALISED = re.compile(r"(?:(?:The|the|of|de|des|du|la|le|and|&)[ \t]+)*[A-ZÀ-Ý][\w'’-]*(?:[ \t]+[A-ZÀ-Ý][\w'’-]*)*")


_ORG_WORD = re.compile(
    r"\b(?:of|de|des|du|Police|Unit|Service|Services|Care|Team|Plus|Clinic|Centre|Center|Hospital|School|Trust|"
    r"cabinet|centre|service|brigade|Physio|Kiné)\b"
)


def _anchor(text: str, e: Entity) -> bool:
    """An INSTITUTION that can anchor a chain: "The", or several words with an organisation or function word (not a
    name the tagger mistyped, "Chi Keung", nor a lone word, "in")."""
    words = text[e.start : e.end]
    if e.label != "INSTITUTION" or re.match(r"(?:of|de|des|du|d['’]|for|in|à|at)\b", words):
        return False  # "de l'Enfant-Jésus": a religious name's tail, not an organisation
    return words == "The" or (" " in words and _ORG_WORD.search(words) is not None)


def _is_the(text: str, e: Entity) -> bool:
    return text[e.start : e.end] == "The"


def _piece(text: str, e: Entity) -> bool:
    return e.label in _PIECE_LABELS and _CAPITALISED.fullmatch(text[e.start : e.end]) is not None


def mark_institution_chains(text: str, entities: list[Entity]) -> list[Entity]:
    """The entities with every run of an INSTITUTION and name or place pieces glued by spaces made one INSTITUTION
    (see the module docstring); other spans unchanged."""
    ordered = sorted(entities, key=lambda e: (e.start, e.end))
    out: list[Entity] = []
    i = 0
    while i < len(ordered):
        j = i
        while (
            j + 1 < len(ordered)
            and ordered[j + 1].start >= ordered[j].end
            and text[ordered[j].end : ordered[j + 1].start] == " "
            and all(
                (
                    _piece(text, e)
                    or (
                        e.label == "INSTITUTION"
                        and (" " in text[e.start : e.end] or e.end - e.start > 3 or _is_the(text, e))
                    )
                )
                and "\n" not in text[e.start : e.end]
                and text[e.start : e.end] not in ("for", "pour", "with", "avec", "and", "et")
                for e in (ordered[j], ordered[j + 1])
            )
        ):
            j += 1
        run = ordered[i : j + 1]
        if len(run) > 1 and any(_anchor(text, e) for e in run):
            out.append(Entity(run[0].start, run[-1].end, "INSTITUTION"))
            i = j + 1
            continue
        e = ordered[i]
        out.append(e)
        i += 1
    return out
