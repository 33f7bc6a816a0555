"""Towns named by the words around them rather than by a gazetteer (round 17, blind16's misses as classes).

Invented and rare town names ("Plouzané", "Castlebar", a surname used as a town) read as names to the name layers,
which type them PERSON or PATIENT. One structure says they are places; the town is added as LOCATION (replacing the
overlapping spans of other labels, `span_overlay.place`):
- the town of a training camp or tournament ("hamstring strain at the training camp in X", "blessée au stage de
  préparation de X", "tournoi de X", "tournament in X"): one to three capitalised words after the event word and its
  preposition.
Round 18 (blind17's misses as classes):
- a name right after a place-forming word ("East Antony", "Port Sophie", "Lake Arthur", "Sainte Bernadette",
  "Fort William", "Mount Pleasant") is the place, prefix included: a person's name never follows a compass point,
  a port, lake or mount; it stays a name after a title or inside an institution's name ("Hôpital Sainte Anne",
  "Mount Sinai Hospital") or after a first name ("Grace Saint Clair"). The abbreviated "St"/"Ste" is left out: it
  is a surname's particle as often ("St. John, Joseph").
Round 20 (blind19's misses as classes):
- the town after a requesting doctor's name closing the sentence ("requested by Dr Rosa Quispe, Arnoldland.",
  "bilan demandé par le Dr Yusuf Abdi, Andreboeuf."): after a request cue and a titled name, one to three
  capitalised words between the comma and the full stop are where the doctor practises;
- where a photo was taken ("prise par Fadumo Farah à Delahaye (iPhone 12)", "taken by Mei Ling Cheung in Lake
  Sarahfurt"): the words after the photographer's name and "à"/"in";
- a birth town ("born 9 Jun 1967 in Bradford;", "né le 3 mai 1950 à Quimper", "Place of birth: Bradford"): a
  country is not a place under the conventions (blind5, blind14) and stays text ("born ... in Poland (POL)").
A town after a copy recipient's name ("cc: Niamh Quill, X") is NOT marked: a second recipient named by surname
alone ("cc : Cécile Petit, Laroche") or a hospital ("Copie : Dr X, CHEM Esch") has the same structure.
"""

from __future__ import annotations

import re
from functools import cache

from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_TOWN = rf"{_CAP}(?:(?:[ \t]+|-)(?:(?:sur|sous|en|le|la|les|de|du|des|lès)[ \t-]+)?{_CAP}){{0,2}}"
_EVENT_TOWN = re.compile(
    r"(?:\b(?i:training[ \t]+camp|camp|tournament)[ \t]+(?i:in|at)"
    r"|\b(?i:stage(?:[ \t]+de[ \t]+(?:préparation|cohésion|présaison))?|tournoi|rassemblement)[ \t]+(?i:à|de|d['’]))"
    rf"[ \t]*(?P<town>{_TOWN})(?=[ \t]*(?:[\n,;.)]|$))"
)
_NOT_TOWN = re.compile(
    r"(?i)\b(?:hospital|hôpital|clinic|clinique|centre|center|department|service|radiology|radiologie|unit|unité|"
    r"practice|cabinet|surgery|ward|chu|chr|gp|médecin|doctor|team|équipe)\b"
)
_PLACE_PREFIX = re.compile(
    r"(?<![\w'’-])(?:North|South|East|West|Nord|Sud|Est|Ouest|Port|Lake|Fort|Mount|New|Saint|Sainte)"
    r"[ \t]+$"
)
_INSTITUTION_NEAR = re.compile(
    r"(?i)\b(?:hospital|hôpital|hopital|clinic|clinique|infirmary|centre|center|église|church|chapelle|chapel|"
    r"school|école|collège|college|lycée|university|université|rue|street|avenue|road|boulevard|place|square)\b"
)
_TITLED_NAME = r"(?:Dr|Dre|Pr|Prof|Docteur|Doctor)\.?[ \t]+(?:[A-ZÀ-ÖØ-Þ][\w'’-]*[ \t]+){0,3}[A-ZÀ-ÖØ-Þ][\w'’-]*"
_REQUESTER_TOWN = re.compile(
    r"\b(?i:demand[ée]e?s?[ \t]+par|adress[ée]e?[ \t]+par|prescrite?[ \t]+par|requested[ \t]+by|referred[ \t]+by|"
    r"ordered[ \t]+by|ordering:?|referrer:?|prescripteur[ \t]*:?)"
    rf"[ \t]+(?:(?i:le|la)[ \t]+)?{_TITLED_NAME},[ \t]+(?P<town>{_TOWN})(?=\.(?:[ \t]*\n|$))"
)
_NAME_WORDS = r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3}"
_PHOTO_TOWN = re.compile(
    r"\b(?i:prises?[ \t]+par|photographi[ée]e?s?[ \t]+par|film[ée]e?s?[ \t]+par|taken[ \t]+by|"
    r"photographed[ \t]+by|filmed[ \t]+by)"
    rf"[ \t]+(?:(?i:mon|ma|my|son|sa|his|her)[ \t]+[a-zà-ÿ]+[ \t]+)?{_NAME_WORDS}[ \t]+(?:à|in|at)[ \t]+"
    rf"(?P<town>{_TOWN})(?=[ \t]*(?:[\n,;.)(\"»”]|$))"
)
_BIRTH_TOWN = re.compile(
    r"(?:\b(?i:born)(?:[ \t]+on)?[ \t]+[^\n;]{0,30}?[ \t]+in"
    r"|\b(?i:n[ée]e?|n[ée]\(e\))[ \t]+le[ \t]+[^\n;,]{0,24}?[ \t]+à"
    r"|\b(?i:place[ \t]+of[ \t]+birth|birthplace|lieu[ \t]+de[ \t]+naissance|town[ \t]+of[ \t]+birth)[ \t]*:)"
    rf"[ \t]*(?P<town>{_TOWN})(?=[ \t]*(?:[\n,;.)(]|$))"
)


@cache
def countries() -> frozenset[str]:
    """Country names (Faker's English and French lists): a country of birth is not a place under the conventions."""
    from faker.providers.address.en import Provider as English
    from faker.providers.address.fr_FR import Provider as French

    return frozenset(c.lower() for c in (*English.countries, *French.countries))


# A title opening a capitalised run: the run is a person, not a place (also read by journey_places, institution_places).
TITLES = frozenset(["Dr", "Pr", "Prof", "Mme", "M", "Mr", "Mrs", "Ms", "Miss", "Docteur", "Madame", "Monsieur"])


def mark_cued_places(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with the towns of training camps and tournaments, of requesting doctors, of photos and of birth,
    and names after a place-forming word as LOCATION; sorted by start."""
    kept = list(entities)
    for m in _EVENT_TOWN.finditer(text):
        town = m.group("town")
        if _NOT_TOWN.search(town) or town.split()[0].rstrip(".") in TITLES:
            continue
        kept = place(text, kept, Entity(m.start("town"), m.end("town"), "LOCATION"))
    for pattern in (_REQUESTER_TOWN, _PHOTO_TOWN, _BIRTH_TOWN):
        for m in pattern.finditer(text):
            town = m.group("town")
            if (
                _NOT_TOWN.search(town)
                or town.split()[0].rstrip(".") in TITLES
                or town.isupper()
                or all(w.lower() in common_words() for w in re.split(r"[ \t-]+", town))
            ):
                continue  # "requested by Dr Ana Silva, Consultant.": a common word is no town
            if town.lower() in countries():  # a country (and its ISO code in brackets) is no name either
                code = re.match(r"[ \t]*\([A-Z]{2,3}\)", text[m.end("town") :])
                end = m.end("town") + (code.end() if code else 0)
                kept = [
                    e
                    for e in kept
                    if not (e.label in ("PERSON", "PATIENT") and m.start("town") <= e.start and e.end <= end)
                ]
                continue
            kept = place(text, kept, Entity(m.start("town"), m.end("town"), "LOCATION"))
    for e in [e for e in kept if e.label in ("PERSON", "PATIENT")]:
        prefix = _PLACE_PREFIX.search(text, max(0, e.start - 10), e.start)
        if prefix is None or prefix.end() != e.start:
            continue
        word_before = re.search(r"([\w.]+)[ \t]+$", text[max(0, prefix.start() - 16) : prefix.start()])
        if word_before and (word_before.group(1).rstrip(".") in TITLES or word_before.group(1)[:1].isupper()):
            continue  # "Dr West Smith"; a first name before: "Harold St. John" is a surname with its particle
        around = text[max(0, prefix.start() - 30) : min(len(text), e.end + 30)]
        if _INSTITUTION_NEAR.search(around):
            continue
        kept = place(text, kept, Entity(prefix.start(), e.end, "LOCATION"))
    return sorted(kept, key=lambda e: (e.start, e.end))
