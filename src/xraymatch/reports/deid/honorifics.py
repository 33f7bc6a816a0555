"""Titles and post-nominal letters kept out of name spans (round 19, blind18's titled patients as a class).

The labelling conventions keep titles outside PATIENT/PERSON spans ("Mme", "Dr"). Religious, noble and honorific
titles ("Sœur", "Père", "Rabbin", "Comtesse", "Sir", "Dame", "Lady", "Sister") and post-nominal letters of honours
and degrees ("DBE", "OBE", "FRCS", "PhD") were swallowed by the layers that grow a name to its neighbours ("Sir Nigel
Ashcombe", "Mr Rupert Gale FRCS"). `trim_titles` strips them from the ends of name spans, so a surrogate replaces the
name alone and a staff cue after the name ("X FRCS": refine's post-nominal rule) can be read. A span that is only a
title is left to `non_identifiers` (dropped when a name follows).
Round 22 (blind21): the role word that heads a form line ("Diver Georgios X", "Athlete Julian Y", "Pilote Luka Z",
"Claimant Minh W") is cut from the name span like a title, and the same word in lower case elsewhere ("commercial
diver medical"), once taken for a mention of that name, is dropped.
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

HONORIFIC_LEAD = re.compile(
    r"(?:Sœur|Soeur|Frère|Père|Mère|Abbé|Abbesse|Rabbin|Rabbi|Imam|Pasteur|Chanoine|Monseigneur|Mgr|Comtesse|Comte|"
    r"Marquise?|Baronne?|Duchesse|Duc|Vicomtesse|Vicomte|Sister|Brother|Father|Mother|Reverend|Rev\.?|Sir|Dame|Lady|"
    r"Lord|Countess|Count|Baroness|Baron|Sheikh|Cheikh)[ \t]+(?=[A-ZÀ-Ý])"
)
_ROLE_WORDS = (
    r"Athlete|Athlète|Sportif|Sportive|Diver|Plongeur|Plongeuse|Pilot|Pilote|Claimant|Examinee|Applicant|Appellant|"
    r"Requérant|Requérante|Demandeur|Demandeuse|Victime|Victim|Driver|Conducteur|Conductrice|Player|Joueur|Joueuse|"
    r"Candidate|Candidat|Employee|Assuré|Assurée|Allocataire|Bénéficiaire|Beneficiary|Veteran|Vétéran|Référent|"
    r"Référente|Examinateur|Examinatrice|Chaperone|Escorte"
)
ROLE_LEAD = re.compile(rf"(?:{_ROLE_WORDS})[ \t]+(?=[A-ZÀ-Ý][\w'’-]*[ \t]+[A-ZÀ-Ý])")
_ROLE_WORD = re.compile(rf"(?i:{_ROLE_WORDS})")
POSTNOMINALS = (
    r"DBE|CBE|OBE|MBE|KBE|GBE|KCMG|CMG|KCVO|CVO|LVO|FRCS(?:Ed)?|FRCR|FRCP|FRCPath|MRCP|MRCS|MBBS|"
    r"MBChB|FRACS|FRANZCR|FRCPC|FRCSC|FACR|FRACP|DMRD|PhD|DPhil|MD|QC|KC|JP|DL"
)
_POSTNOMINAL_TAIL = re.compile(rf"(?:,?[ \t]+(?:{POSTNOMINALS}))+$")


def trim_titles(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with leading honorific titles or role words and trailing post-nominal letters cut from PATIENT/PERSON
    spans; a lower-case role word alone is dropped."""
    out = []
    for e in entities:
        if (
            e.label in ("PATIENT", "PERSON", "INSTITUTION", "LOCATION")
            and _ROLE_WORD.fullmatch(text, e.start, e.end)
            and (text[e.start : e.end].islower() or re.match(r"[ \t]+[A-ZÀ-Ý]", text[e.end : e.end + 2]))
        ):
            continue  # "commercial diver medical", "Pilot Triin X": the role word, not a name or a centre
        if e.label in ("PATIENT", "PERSON"):
            start, end = e.start, e.end
            lead = HONORIFIC_LEAD.match(text, start, end) or ROLE_LEAD.match(text, start, end)
            if lead and lead.end() < end:
                start = lead.end()
            tail = _POSTNOMINAL_TAIL.search(text, start, end)
            if tail and tail.start() > start:
                end = tail.start()
            e = Entity(start, end, e.label)
        out.append(e)
    return out


# A name and its civil-status name in parentheses: one person ("Sœur Marie-Agnès (à l'état civil Jeanne Morvan)",
# "Father Columba (Diana Lloyd by birth registration)"). A maiden name ("née Y") is left alone: relatives have one.
_CIVIL_NAME = re.compile(
    r"[ \t]*\((?:(?:à[ \t]+l['’]état[ \t]+civil|état[ \t]+civil|birth[ \t]+name|civil[ \t]+name|"
    r"name[ \t]+at[ \t]+birth)[ \t]*:?[ \t]*"
    r"(?P<first>[^()\n]{2,60})|(?P<last>[^()\n]{2,60}?)[ \t]+(?:by[ \t]+birth[ \t]+registration|à[ \t]+l['’]état"
    r"[ \t]+civil|at[ \t]+birth))[ \t]*\)"
)


def unify_civil_names(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` where a name and the civil-status name in parentheses right after it are one person: when either
    is typed PATIENT, both are. Two PERSON names stay PERSON (a relative's maiden name: "sa mère Mme X (née Y)")."""
    names = sorted((e for e in entities if e.label in ("PATIENT", "PERSON")), key=lambda e: e.start)
    patient: set[Entity] = set()
    for outer in names:
        m = _CIVIL_NAME.match(text, outer.end)
        if not m:
            continue
        inner = [e for e in names if m.start() < e.start and e.end <= m.end()]
        group = [outer, *inner]
        if inner and any(e.label == "PATIENT" for e in group):
            patient.update(group)
    return [Entity(e.start, e.end, "PATIENT") if e in patient else e for e in entities]
