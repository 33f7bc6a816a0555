"""Institutions that can point to one person without any hospital word: police and gendarmerie units, courts,
prisons, military units, sports clubs, GP practices, law firms, child-welfare services and employers.

They are labelled INSTITUTION (see the LABELS comment in entities.py): a brigade, a prison or a regiment named next to
a patient narrows them down as much as a hospital does. Each form needs its head word *and* a proper name (a word
outside the common-word lexicon), so "la gendarmerie", "the police", "stade III" or "US abdomen" stay text.

- French: "Brigade de gendarmerie de X", "Gendarmerie de X", "commissariat de X", "Tribunal judiciaire de X",
  "Cour d'appel de X", "juge des enfants / d'instruction / des tutelles de X" (round 15), "Maison d'arrêt de X",
  "Centre pénitentiaire/de détention de X", "Maison de santé ... de X",
  "cabinet d'avocats/de radiologie ... X", "ASE du X", "2e régiment ...", "13e bataillon ...", "BA 701 X";
- English: "X Police/Constabulary", "X Crown/Magistrates'/County Court", "HMP X", "16 Air Assault Brigade",
  "1st Battalion The Rifles", "RAF X", "HM (Senior) Coroner for X", "X County Council (Children's Services)"
  (round 15), "X Surgery/Medical Practice/Health Centre";
- clubs: "Stade X", "Racing X", "Olympique X", "X Handball/Rugby/Hockey (Club)", "X FC/RFC", and "FC/AS/US/RC X"
  when a sports word (licence, club, joueur, player...) is near;
- emergency and police services (round 18): "SAMU de X", "SMUR de X", "BAC de X" (brigade anti-criminalité),
  "SDIS de X", "centre de secours de X", "caserne de X"; a police station named after its town ("Plymouth Charles
  Cross station") when a police word comes shortly before; research-ethics boards named after their place ("Derriford
  IRB", "Leeds West Research Ethics Committee");
- employers: the value after "Employeur :", "Employer:" or "employer's HR at".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.patterns import Candidate

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
_CAP = rf"[{_UP}][\w'’.-]*"
_OF = r"(?:de la|de l['’]|de|du|des|d['’]|of the|of)"
_PLACE = rf"{_CAP}(?:[ \t-](?:(?:sur|sous|les|en|la|le|lès|de|du)[ \t-])?{_CAP}){{0,3}}"
_FR_HEAD = (
    r"brigade(?:[ \t]+(?:de gendarmerie|territoriale|de recherches?|motorisée))?(?:[ \t]+\w+)?|"
    r"compagnie de gendarmerie|groupement de gendarmerie|gendarmerie(?:[ \t]+nationale)?|"
    r"commissariat(?:[ \t]+(?:central|de police|subdivisionnaire))?|hôtel de police|"
    r"tribunal(?:[ \t]+(?:judiciaire|de grande instance|correctionnel|pour enfants|de police|administratif|"
    r"de proximité|des affaires de sécurité sociale))?|cour d['’](?:appel|assises)|parquet|"
    r"maison d['’]arrêt|centre pénitentiaire|centre de détention|maison centrale|"
    r"maison de santé(?:[ \t]+pluriprofessionnelle)?|centre de santé|"
    r"(?:ASE|aide sociale à l['’]enfance)|"
    r"(?-i:SAMU|SMUR|BAC|SDIS)|brigade anti-?criminalité|centre (?:d['’]incendie et )?de secours|caserne|"
    r"juge[ \t]+(?:des[ \t]+enfants|d['’]instruction|des[ \t]+tutelles|aux[ \t]+affaires[ \t]+familiales|"
    r"de[ \t]+l['’]application[ \t]+des[ \t]+peines|des[ \t]+libertés(?:[ \t]+et[ \t]+de[ \t]+la[ \t]+détention)?)"
)
_FR_INSTITUTION = re.compile(rf"(?<![\w-])(?i:{_FR_HEAD})[ \t]+{_OF}[ \t]*(?P<name>{_PLACE})")
_CABINET = re.compile(
    r"(?<![\w-])(?i:cabinet[ \t]+(?:d['’]avocats?|de radiologie|d['’]imagerie(?: médicale)?|médical|infirmier))"
    r"[ \t]+(?P<name>(?:[\w'’-]+[ \t]?){1,4}?)(?=[ \t]*(?:[,;()\n]|$| - ))"
)
_FR_UNIT = re.compile(
    r"(?<![\w-])\d{1,3}(?:e|er|re|ème|ᵉ)[ \t]+(?i:régiment|bataillon|escadron|escadrille|compagnie|brigade|"
    r"division)(?P<name>[ \t]+[\w'’ -]{2,60}?)(?=[ \t]*(?:[,;()\n]|$| - ))"
)
_AIR_BASE = re.compile(rf"(?<![\w-])(?:BA|Base aérienne)[ \t]+\d{{3}}(?:[ \t]+{_PLACE})?")
_EN_FORCE = re.compile(
    rf"(?<![\w-])(?P<name>{_CAP}(?:[ \t](?:and|&)[ \t]{_CAP}|[ \t]{_CAP}){{0,2}})[ \t]+"
    r"(?:Police|Constabulary|Crown Court|Magistrates['’]? Court|County Court|Family Court|Coroner['’]s Court|"
    r"Sheriff Court|Surgery|Medical Practice|Medical Centre|Health Centre|Group Practice|Family Practice)\b"
)
# "Department of Orthopaedic Surgery" is a specialty, not a GP surgery.
_DEPARTMENT_OF = re.compile(r"(?i)(?:department|dept\.?|division|unit|school|faculty|institute|service)[ \t]+of[ \t]+$")
_EN_PRISON = re.compile(rf"(?<![\w-])(?:HMP|HMYOI|HM Prison)[ \t]+{_CAP}(?:[ \t]{_CAP})?")
_EN_UNIT = re.compile(
    r"(?<![\w-])\d{1,3}(?:st|nd|rd|th)?(?:[ \t][A-Z][a-z]+){0,3}[ \t](?:Battalion|Regiment|Brigade|Squadron|"
    r"Commando|Division|Wing|Field Hospital)(?:[ \t](?:The[ \t]|of the[ \t])?[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2})?"
)
_EN_CORONER = re.compile(
    rf"(?<![\w-])(?:HM[ \t]+)?(?:Senior[ \t]+|Assistant[ \t]+|Area[ \t]+)?Coroner[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?"
    rf"{_CAP}(?:[ \t](?:and[ \t])?{_CAP}){{0,3}}"
)
_EN_COUNCIL = re.compile(
    rf"(?<![\w-]){_CAP}(?:[ \t]{_CAP}){{0,2}}[ \t]+(?:County[ \t]+|City[ \t]+|Borough[ \t]+|District[ \t]+)?Council"
    r"(?:[ \t]+Children['’]s[ \t]+(?:Services|Social[ \t]+Care))?(?![\w-])"
)
_EN_ETHICS = re.compile(
    rf"(?<![\w-])(?P<name>{_CAP}(?:[ \t]{_CAP}){{0,2}})[ \t]+(?:IRB|Institutional Review Board|"
    r"(?:Research[ \t]+)?Ethics[ \t]+(?:Committee|Board))(?![\w-])"
)
_POLICE_STATION = re.compile(rf"(?<![\w-])(?P<name>{_CAP}(?:[ \t]{_CAP}){{0,3}})[ \t]+(?:police[ \t]+)?station\b")
_POLICE_NEAR = re.compile(r"\b(?:PC|DC|PS|DS|Sgt|(?i:police|constable|officer|collar|badge|warrant))\b")
_RAF = re.compile(rf"(?<![\w-])(?:RAF|RNAS|HMS)[ \t]+{_CAP}(?:[ \t]{_CAP})?")
_CLUB_BEFORE = re.compile(
    rf"(?<![\w-])(?:Stade|Racing|Olympique|Entente|Sporting)[ \t]+(?P<name>{_PLACE})(?:[ \t]+(?:FC|AC|HB|RC))?"
)
# Sports and club-name words that follow a club's proper name ("Annecy Handball", "Leeds United").
_CLUB_WORDS = (
    "Handball|Rugby|Hockey|Basket|Volley|Football|Cricket|Tennis|Golf|Rowing|Netball|Athletic|Athletics|Swimming|"
    "Boxing|Cycling|Town|United|City|Rovers|Wanderers|"
    # round 22: running, multisport and combat clubs ("Harrogate Harriers", "Leeds Triathlon")
    "Harriers|Striders|Runners|Road Runners|Triathlon|Tri|Judo|Gymnastics|Wrestling|Sailing|Canoe|Ski"
)
_CLUB_AFTER = re.compile(
    rf"(?<![\w-])(?P<name>{_CAP}(?:[ \t]{_CAP}){{0,2}})[ \t]+(?:(?:{_CLUB_WORDS})"
    r"(?:[ \t]+(?:Club|Football Club|FC|RFC|AFC|Union))?|FC|RFC|AFC)(?![\w-])"
)
_CLUB_ACRONYM = re.compile(rf"(?<![\w-])(?:FC|AS|US|SC|RC|ES|AC|ASPTT|US)[ \t]+(?P<name>{_PLACE})")
# Round 22: a club's acronym after its name ("Lyon Duchère AS", "Nantes Atlantique HBC"), near a sports word; not
# after a town in capitals ("FLORENCE SC" is a US state) and never "SC"/"BC" (South Carolina, British Columbia).
_CLUB_ACRONYM_AFTER = re.compile(
    rf"(?<![\w-])(?P<name>(?=[A-ZÀ-Ý][a-zà-ÿ]){_CAP}(?:[ \t]{_CAP}){{0,2}})[ \t]+(?:AS|US|RC|ES|AC|HBC|VB|OC)(?![\w-])"
)
_SPORT_NEAR = re.compile(
    r"(?i)licen[cs]e|club|joueu[rs]e?|player|sport|match|FF[A-Z]{1,4}|fédération|équipe|team|entraînement|training"
)
_CLUB_WORD = re.compile(rf"(?i)^(?:{_CLUB_WORDS})$")
_EMPLOYER = re.compile(
    r"(?i:employeur|employer|entreprise|société employeuse|employer['’]s HR at|RH de l['’]entreprise)"
    rf"[ \t]*:?[ \t]*(?P<name>{_CAP}(?:[ \t](?:&[ \t])?{_CAP}){{0,3}})"
)


def _proper(value: str) -> bool:
    """True when `value` holds at least one word outside the common-word lexicon (a proper name)."""
    common = common_words()
    words = re.findall(r"[^\W\d_][\w'’-]*", value)
    return any(w.lower() not in common and not _CLUB_WORD.match(w) for w in words)


def find_authorities(text: str) -> Iterator[Candidate]:
    """INSTITUTION candidates for police, courts, prisons, military units, clubs, practices, law firms, employers."""
    for m in _FR_INSTITUTION.finditer(text):
        # A long head ("Brigade de gendarmerie de", "Tribunal judiciaire de") names a place even with a common word.
        long_head = len(text[m.start() : m.start("name")].split()) >= 4
        if _proper(m.group("name")) or long_head:
            yield Candidate(m.start(), m.end(), "INSTITUTION", 62)
    for m in _CABINET.finditer(text):
        if m.group("name").strip():
            yield Candidate(m.start(), m.end("name"), "INSTITUTION", 58)
    for pattern in (_FR_UNIT, _AIR_BASE, _EN_PRISON, _EN_UNIT, _RAF, _EN_CORONER, _EN_COUNCIL):
        for m in pattern.finditer(text):
            yield Candidate(m.start(), m.end(), "INSTITUTION", 62)
    for m in _EN_FORCE.finditer(text):
        if _proper(m.group("name")) and not _DEPARTMENT_OF.search(text, max(0, m.start() - 30), m.start()):
            yield Candidate(m.start(), m.end(), "INSTITUTION", 62)
    for m in _EN_ETHICS.finditer(text):
        if _proper(m.group("name")):
            yield Candidate(m.start(), m.end(), "INSTITUTION", 62)
    for m in _POLICE_STATION.finditer(text):
        if _proper(m.group("name")) and _POLICE_NEAR.search(text, max(0, m.start() - 80), m.start()):
            yield Candidate(m.start(), m.end(), "INSTITUTION", 62)
    for pattern in (_CLUB_BEFORE, _CLUB_AFTER):
        for m in pattern.finditer(text):
            if _proper(m.group("name")) and not re.match(r"[IVXL]+\b", m.group("name")):  # "Stade III": a grade
                yield Candidate(m.start(), m.end(), "INSTITUTION", 60)
    for m in (*_CLUB_ACRONYM.finditer(text), *_CLUB_ACRONYM_AFTER.finditer(text)):
        near = text[max(0, m.start() - 80) : m.end() + 80]
        if _proper(m.group("name")) and _SPORT_NEAR.search(near):
            yield Candidate(m.start(), m.end(), "INSTITUTION", 60)
    for m in _EMPLOYER.finditer(text):
        if _proper(m.group("name")):
            yield Candidate(m.start("name"), m.end("name"), "INSTITUTION", 60)
