"""Institution names that carry no hospital word: companies, military hospitals, teleradiology providers, a doctor's
affiliation in brackets, the value of a facility field and the place a prior study was done.

- company forms: "<Name> SA/SAS/SARL/S.A.R.L./SELARL/SCM/GIE/EURL", "<Name> Inc./Ltd/LLC/LLP/PLC/GmbH", "<Name> and
  Sons", "<Name> & Co"; French legal forms also before the name ("SELARL Imagerie du Lac", "SCM Radiologie Nord");
- military hospitals: "HIA <Name>", "HIAs", "Hôpital d'instruction des armées <Name>";
- teleradiology providers: "Téléradiologie - <Brand>", "Teleradiology: <Brand> read for";
- "Dr <name> (<Affiliation>)": capitalised words in brackets after a doctor's name name the practice (roles and
  credentials in brackets, "(interne)", "(MD)", and ward acronyms, "(ED)", stay roles; a known city after a last
  comma is left to the places; a dictation reference "(BC/vk)" gives the author's capitals as PERSON);
- "Location:", "Facility:", "Site :", "Établissement :" fields: the value up to a comma, a column gap or the line end;
- "prior study ... at <Name Name>", "seen at <Name> Children's": where an exam was done.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.lexicons import CITIES, basic_stop_words, common_words
from xraymatch.reports.deid.patterns import Candidate

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
_CAP_WORD = rf"(?:[{_UPPER}][\w'’.-]*|d['’][{_UPPER}][\w'’-]*)"
_JOIN = r"(?:[ \t](?:de la|de|du|des|et|and|&|of|the|la|le|les|l['’]|d['’])(?=[ \t]))?[ \t]"
_NAME = rf"{_CAP_WORD}(?:{_JOIN}{_CAP_WORD}){{0,4}}"

_COMPANY_AFTER = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME}),?[ \t]+(?P<form>S\.?A\.?R\.?L\.?|S\.?A\.?S\.?U?|S\.A\.|SA|SELARL|SELAS|SCM|"
    r"SCP|GIE|EURL|SNC|Inc\.?|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|PLC|plc|GmbH|Pty\.? Ltd\.?|and Sons|& Sons|& Co\.?|"
    r"et Fils|& Fils)(?![\w])(?![ \t]*\d{4})(?![ \t]+(?:[A-ZÀ-Ý]|d['’]|de |du |des ))"
)
_COMPANY_BEFORE = re.compile(
    rf"(?<![\w-])(?:SELARL|SELAS|SCM|SCP|GIE|EURL)[ \t]+(?:(?:de la|de|du|des|d['’])[ \t]*)?{_NAME}"
    r"(?:[ \t](?:de la|de|du|des|d['’])[ \t]*[\w'’-]+)?"
)
_MILITARY = re.compile(
    rf"(?<![\w-])(?:HIAs?|H\.I\.A\.|Hôpital d['’]instruction des armées|Hôpital d['’]Instruction des Armées)"
    rf"[ \t]+(?:{_NAME})"
)
_TELERADIOLOGY = re.compile(
    r"(?i:t[ée]l[ée]-?radiolog(?:ie|y)(?:[ \t]+(?:provider|company|partner|prestataire|soci[ée]t[ée]))?)"
    r"[ \t]*(?:[-–—:|]|par|by)?[ \t]*(?P<brand>[\w][\w'’&.-]*(?:[ \t][A-Z][\w'’&.-]*){0,2})"
)
# Roles, credentials, relations and ages in brackets: not an affiliation.
_NOT_AFFILIATION = re.compile(
    r"(?i)^(?:interne|externe|s[ée]nior|MERM|registrar|consultant|radiographer|resident|fellow|wife|husband|son|"
    r"daughter|mother|father|fille|fils|[ée]pouse|[ée]poux|m[èe]re|p[èe]re|sister|brother|s(?:œ|oe)ur|fr[èe]re|"
    r"partner|GP|MD|DO|PA|NP|RN|PhD|MBBS|FRCR|FRCPC|remplaçant|remplaçante|locum|attending|médecin|medecin|"
    r"radiologue|radiologist|chef de clinique|CCA|PH|PU-PH|assistant|assistante|signataire|absent|absente|"
    r"retraité|retraitée|retired|deceased|décédé|décédée|tél|tel|fax)\b"
    # a ward or department acronym alone ("Dr Farah (ED)", "(ICU registrar)") is where the doctor works, not a name
    r"|^(?:ED|A&E|AED|ICU|ITU|HDU|CCU|NICU|PICU|MAU|AMU|SAU|OR|SAU|UHCD|SAUV|SMUR|SAMU|USIC|REA)\b"
)
# A dictation reference after the doctor's name ("Dr Bopha Chea (BC/vk)"): the author's capitals are that person,
# the typist's lower-case initials are not an identifier (blind7's rule).
_DICTATION_REF = re.compile(rf"^(?P<author>[{_UPPER}]{{2,4}})/[a-z]{{1,3}}$")
_DOCTOR = re.compile(
    r"(?<![\w.])(?i:Dr|Dre|Docteure?|Doctor|Pr|Prof|Professeure?)\.?[ \t]+"
    rf"(?:{_CAP_WORD}|[{_UPPER}]\.)(?:[ \t-](?:de la|de|du|le|la|van|von|da|di|{_CAP_WORD}|[{_UPPER}]\.)){{0,4}}"
    r"(?:,[ \t]*(?:MD|M\.D\.|DO|PhD))?[ \t]*\((?P<inner>[^()\n]{2,60})\)"
)
_FACILITY_FIELD = re.compile(
    r"(?im)(?:^|(?<=[ \t|;]))(?:location|facility|site|lieu|établissement|etablissement|structure|performing site|"
    r"sending facility|lieu d['’]examen|lieu de l['’]examen)[ \t]*[:=][ \t]*"
    rf"(?P<value>{_CAP_WORD},[ \t]{_CAP_WORD}[ \t](?:and|&|et)[ \t]{_CAP_WORD}|[^,\n|;]{{2,80}}?)"
    r"(?=[ \t]*(?:,|\n|$|\||;|[ \t]{2}))"
)
# A ward, bay, room or department is a place inside the institution, not its name ("Location: ED Resus").
_DEPARTMENT = re.compile(
    r"(?i)^(?:ED|ER|A&E|AE|ICU|CCU|HDU|NICU|PICU|OR|PACU|SAU|SAMU|SMUR|UHCD|USC|USIC|réa|resus|ward|bay|room|bed|"
    r"box|salle|chambre|lit|urgences?|emergency|réanimation|reanimation|radiology|radiologie|imaging|imagerie|"
    r"x-?ray|CT|MRI|IRM|TDM|scanner|outpatients?|inpatients?|consultations?|level|floor|étage|niveau|bloc|dept|"
    r"department|service|unit|unité|theatre|theater|recovery|triage|fast ?track|majors|minors|home|domicile)\b"
)
_DONE_AT = re.compile(
    r"(?i:prior|previous|outside|ancien(?:ne)?|précédent(?:e)?|study|studies|exam|examination|imaging|performed|"
    r"done|obtained|seen|réalisé(?:e)?|effectué(?:e)?|fait(?:e)?)[^.\n]{0,40}?\b(?:at|à la|au|à l['’]|chez)[ \t]+"
    rf"(?P<name>{_CAP_WORD}(?:[ \t]{_CAP_WORD}){{1,3}})"
)
_CHILDRENS = re.compile(rf"(?<![\w-])(?P<name>{_CAP_WORD}(?:[ \t]{_CAP_WORD}){{0,2}})[ \t]Children['’]s(?![ \t]+[A-Z])")


def _all_common(value: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", value)
    common = common_words()
    return not words or all(w.lower() in common for w in words)


def _trim_leading_stop(text: str, start: int, end: int) -> int:
    """Move `start` past leading stop words ("at", "the", "le") of a candidate name."""
    stop = basic_stop_words()
    for w in re.finditer(r"\S+", text[start:end]):
        if w.group(0).lower() not in stop:
            return start + w.start()
    return end


def find_organisations(text: str) -> Iterator[Candidate]:
    """Institution candidates from company forms, military hospitals, teleradiology brands, affiliations, facility
    fields and exam places."""
    for m in _COMPANY_AFTER.finditer(text):
        start = _trim_leading_stop(text, m.start(), m.end())
        name = text[start : m.end("name")]
        if start < m.end("name") and not _all_common(name):
            yield Candidate(start, m.end(), "INSTITUTION", 56)
    for pattern in (_COMPANY_BEFORE, _MILITARY):
        for m in pattern.finditer(text):
            yield Candidate(m.start(), m.end(), "INSTITUTION", 56)
    for m in _TELERADIOLOGY.finditer(text):
        brand = m.group("brand").rstrip(".")
        if not _all_common(brand):
            yield Candidate(m.start("brand"), m.start("brand") + len(brand), "INSTITUTION", 56)
    for m in _DOCTOR.finditer(text):
        inner = m.group("inner").strip()
        ref = _DICTATION_REF.match(inner)
        if ref:
            start = m.start("inner") + m.group("inner").index(inner)
            yield Candidate(start, start + len(ref.group("author")), "PERSON", 77)
            continue
        if (
            _NOT_AFFILIATION.match(inner)
            or any(ch.isdigit() for ch in inner)
            or "@" in inner
            or not inner[:1].isupper()
            or _all_common(inner)
        ):
            continue
        head, _, tail = inner.rpartition(", ")
        if head and tail.lower().replace(" ", "-") in CITIES:
            inner = head  # "(Clinique Saint-Roch, Montpellier)": the city after the comma is a LOCATION
        start = m.start("inner") + m.group("inner").index(inner)
        yield Candidate(start, start + len(inner), "INSTITUTION", 77)
    for m in _FACILITY_FIELD.finditer(text):
        value = m.group("value").strip()
        if not value[:1].isupper() or any(ch.isdigit() for ch in value) or _all_common(value):
            continue
        if _DEPARTMENT.match(value):
            continue
        if value.lower().replace(" ", "-") in CITIES:
            continue
        start = m.start("value") + m.group("value").index(value)
        yield Candidate(start, start + len(value), "INSTITUTION", 57)
    for m in _DONE_AT.finditer(text):
        name = m.group("name")
        if _all_common(name) or name.lower().replace(" ", "-") in CITIES:
            continue
        yield Candidate(m.start("name"), m.end("name"), "INSTITUTION", 50)
    for m in _CHILDRENS.finditer(text):
        start = _trim_leading_stop(text, m.start("name"), m.end("name"))
        if start < m.end("name") and not _all_common(text[start : m.end("name")]):
            yield Candidate(start, m.end(), "INSTITUTION", 55)
