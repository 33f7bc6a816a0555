"""People and places of the patient's social context, found by the role word before them.

- home helps, carers and mandataires ("aide à domicile Mme X", "carer Graham Iqbal", "mandataire judiciaire Mme X"),
  "c/o" hosts and relatives named with the patient as reference ("la fille de la patiente, Mme X", "Frère du
  patient, M. X") are PERSON, even when they share the patient's surname;
- guardianship associations ("UDAF de la Gironde", "ATI du Nord") are INSTITUTION (they point at one person);
- a town and postcode in brackets ("(Saint-Pierre, 97410)") are one LOCATION;
- "lives with partner X in Town;" / "vit avec son compagnon M. X à Town ;": the partner is PERSON, the town LOCATION;
- a birth name after "née"/"name at birth" ("Mme PONS, née ROY", "(name at birth LITTLE)") and the "nom d'usage"
  field are the patient's own name (PATIENT);
- next of kin and emergency contacts named after their cue are PERSON;
- a child's age in the compact forms "4a6m", "8y9m" or in months after the name ("Enfant X, 130 mois,"), and a bare
  number after the name on a patient field ("Patient: X Y, 41, 215 rue ...") are AGE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.patterns import Candidate

_TITLE = r"(?:(?:M\.|Mme|Mlle|Mr|Mrs|Ms|Miss|Dr|Monsieur|Madame)\.?[ \t]+)?"
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[A-ZÀ-ÖØ-Þa-zà-ÿ][\w'’]*)*"
_PARTICLE = (
    r"(?:de[ \t]+la|de|du|des|d['’]|le|la|van[ \t]+den|van[ \t]+der|van|von|den|der|dos|da|del|di|ben|el|al|bin|"
    r"ibn|ní|ó|o['’]|te)"
)
_NAME = rf"{_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP}){{0,3}}"
_HELPER = re.compile(
    rf"(?i:aide[ \t]+à[ \t]+domicile|auxiliaire[ \t]+de[ \t]+vie|aide-ménagère|home[ \t]+help|carer|caregiver|"
    rf"mandataire(?:[ \t]+judiciaire)?|tut(?:eur|rice)|curat(?:eur|rice)|c/o|next[ \t]+of[ \t]+kin|"
    rf"personne[ \t]+à[ \t]+prévenir|emergency[ \t]+contact)[ \t]*:?[ \t]+{_TITLE}"
    rf"(?P<name>{_NAME})"
)
_RELATIVE_OF_PATIENT = re.compile(
    rf"(?i:(?:fille|fils|frère|s(?:œ|oe)ur|mère|père|épouse|époux|conjointe?|nièce|neveu)[ \t]+(?:de[ \t]+la|du)"
    rf"[ \t]+patiente?|(?:daughter|son|brother|sister|wife|husband|mother|father)[ \t]+of[ \t]+the[ \t]+patient),?"
    rf"[ \t]+{_TITLE}(?P<name>{_NAME})"
)
_GUARDIAN_BODY = re.compile(
    r"(?<![\w])(?:UDAF|UDAPEI|ATMP|ATI|APAJH|Association[ \t]+tutélaire)(?:[ \t]+(?:de[ \t]+la|de[ \t]+l['’]|du|des|de|"
    r"d['’])[ \t]*[A-ZÀ-ÖØ-Þ][\w'’]*(?:[ -][A-ZÀ-ÖØ-Þa-zà-ÿ][\w'’]*){0,4}|(?=[ \t]*[),]))"
)
_PARTNER = re.compile(
    rf"(?i:lives[ \t]+with[ \t]+(?:his[ \t]+|her[ \t]+|their[ \t]+)?(?:partner|wife|husband|spouse)|"
    rf"(?:vit[ \t]+)?avec[ \t]+(?:son|sa)[ \t]+(?:compagnon|compagne|conjointe?|mari|époux|épouse))[ \t]+{_TITLE}"
    rf"(?P<name>{_NAME})[ \t]+(?:in|à|at)[ \t]+(?P<town>{_CAP}(?:[ \t-]+{_CAP}){{0,3}})(?=[ \t]*[;,.\n(]|$)"
)
_BIRTH_NAME = re.compile(
    r"(?:\((?i:name[ \t]+at[ \t]+birth|born|nom[ \t]+de[ \t]+naissance)[ \t]+|,[ \t]+n[ée]e?[ \t]+)"
    r"(?P<name>[A-ZÀ-ÖØ-Þ]{2,}(?:['’-][A-ZÀ-ÖØ-Þ]+)*(?:[ \t]+[A-ZÀ-ÖØ-Þ]{2,}(?:['’-][A-ZÀ-ÖØ-Þ]+)*){0,2}"
    r"(?:[ \t]+[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)?(?=[ \t]+le[ \t]|,))?)(?![\w])"
)
_USUAL_NAME = re.compile(
    r"(?i:nom[ \t]+d['’]usage)[ \t]*:?[ \t]*(?P<name>[A-ZÀ-ÖØ-Þ]{2,}(?:['’ -][A-ZÀ-ÖØ-Þ]{2,}){0,2})"
    r"(?:,[ \t]*(?P<first>[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)?))?(?![\w])"
)
# "Patient: Émilie Tremblay, 41, 215 rue ...": a bare number right after the patient's name on a patient field.
_BARE_AGE = re.compile(
    rf"(?i:patient|patiente|name|nom)[ \t]*:[ \t]*{_TITLE}{_NAME},[ \t]+(?P<age>\d{{1,3}})(?=,[ \t])"
)
# "(Saint-Pierre, 97410)": a town and its postcode in brackets, as overseas addresses are often written.
_TOWN_POSTCODE_BRACKETS = re.compile(
    r"\((?P<place>[A-ZÀ-ÖØ-Þ][\w'’]*(?:[- ][A-ZÀ-ÖØ-Þa-zà-ÿ][\w'’]*){0,4},[ \t]+\d{5})\)"
)
_COMPACT_AGE = re.compile(r"(?<![\w.,/-])(?P<age>\d{1,2}[ \t]?[ay][ \t]?\d{1,2}[ \t]?m)(?![\w])")
_MONTHS_AFTER_NAME = re.compile(
    rf"(?i:enfant|infant|child|b[ée]b[ée]|baby|nourrisson)[ \t:]+{_TITLE}{_NAME},[ \t]+"
    rf"(?P<age>\d{{1,3}}[ \t]?(?:mois|months?|mo))(?=[ \t]*[,)])"
)


def find_households(text: str) -> Iterator[Candidate]:
    """Helpers, mandataires, relatives, partners and their towns, guardianship bodies, birth names, child ages."""
    common = common_words()

    def named(value: str) -> bool:  # "carer Support Service" names nobody
        return any(w.lower() not in common for w in re.findall(r"[^\W\d_][\w'’-]*", value))

    for pattern in (_HELPER, _RELATIVE_OF_PATIENT):
        for m in pattern.finditer(text):
            if named(m.group("name")):
                yield Candidate(m.start("name"), m.end("name"), "PERSON", 82)
    for m in _PARTNER.finditer(text):
        if not named(m.group("name")):
            continue
        yield Candidate(m.start("name"), m.end("name"), "PERSON", 82)
        yield Candidate(m.start("town"), m.end("town"), "LOCATION", 82)
    for m in _GUARDIAN_BODY.finditer(text):
        yield Candidate(m.start(), m.end(), "INSTITUTION", 83)
    for m in _TOWN_POSTCODE_BRACKETS.finditer(text):
        yield Candidate(m.start("place"), m.end("place"), "LOCATION", 80)
    for m in _BIRTH_NAME.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PATIENT", 80)
    for m in _USUAL_NAME.finditer(text):
        yield Candidate(m.start("name"), m.end("first") if m.group("first") else m.end("name"), "PATIENT", 80)
    for pattern in (_COMPACT_AGE, _MONTHS_AFTER_NAME, _BARE_AGE):
        for m in pattern.finditer(text):
            yield Candidate(m.start("age"), m.end("age"), "AGE", 80)
