"""Names written informally, and eponymous instruments that look like names.

- chat handles ("[22:47] @c.gauthier: bsr"): the handle without its "@" is a person (PERSON);
- lowercase names after a lowercase title ("radio de mr faivre", "pt jean-paul hurtaud ne le", "dr h. morel"): the
  patient after "pt"/"mr"/"mme"..., staff after "dr"/"pr"; a second word is kept when it is not a common word or a
  birth cue follows ("pt georgina law dob");
- a name in brackets on an identity field or before an age ("Identité : [BERTRAND Odette]", "[SMITH, Gavin] (10
  years)"): the patient;
- a rank then a name then a unit at the head of a line ("Sergent-chef X, 2e régiment", "LCpl X, 1st Battalion"):
  the examined service member (PATIENT);
- the city of a company registry number ("RCS Annecy B 532 418 977"): a LOCATION.

`instrument_use` tells the detector which name-like words are eponymous devices, braces, scores and rules ("vis de
Herbert", "Boston brace", "score de Glasgow 15", "Ottawa ankle rules", "Cobb 32°", "(Cobb)", "Kellgren-Lawrence 3"),
ward numbers ("Ward 23") or letter salutations ("Dear Coach"), none of them a person or a place unless a title
precedes ("Dr Herbert").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.eponyms import is_eponym_word
from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.patterns import Candidate

_HANDLE = re.compile(r"(?<![\w@.+-])@(?P<h>[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*)(?![\w@-])")
_LOWER_WORD = r"[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]+"
_LOWER_TITLED = re.compile(
    rf"(?<![\w.])(?P<title>mr|mrs|ms|mme|mlle|madame|monsieur|pt|dr|pr)\.?[ \t]+"
    rf"(?P<first>(?:[a-z]\.[ \t]*)?{_LOWER_WORD})(?:[ \t]+(?P<second>{_LOWER_WORD}))?"
)
_FUNCTION_WORDS = frozenset(
    ["le", "la", "les", "de", "du", "des", "un", "une", "the", "a", "an", "of", "and", "et", "on", "in", "at", "for",
     "to", "is", "was", "has", "had", "il", "elle", "est", "a", "au", "aux", "with", "avec", "par", "by", "sur"]
)  # fmt: skip
_NAME_END = re.compile(r"[ \t]*(?:[,(\n]|$|n[ée]e?[ \t]+le|dob|born)")
_DATE_AFTER = re.compile(r"[ \t]+(?:le|on|du)[ \t]+\d{1,2}[/.-]\d{1,2}")
# An unnamed image of a lowercase person in chat ("je vous poste la radio de leon dubois", "the x-ray for hazel
# boyle"): two words, the first a known first name, neither a common word unless known as a name.
_IMAGE_OF = re.compile(
    rf"(?i:radio(?:graphie)?|x-?ray|film|scan|clich[ée]|images?|irm|mri|[ée]cho(?:graphie)?)[ \t]+"
    rf"(?:de|du|d['’]|for|of)[ \t]+(?P<first>{_LOWER_WORD})[ \t]+(?P<second>{_LOWER_WORD})(?![\w'’-])"
)
_SERVICE_HANDLE = frozenset(
    ["oncall", "rad", "rads", "radio", "radiology", "radiologie", "admin", "secretariat", "secrétariat", "team",
     "equipe", "accueil", "urgences", "bot", "system", "noreply", "astreinte", "interne", "garde", "imagerie"]
)  # fmt: skip
# The requesting officer of a police requisition, past a rank ("Officier requérant : adjudant-chef X"), and other
# staff fields ("Case manager: X", "Éducatrice référente : X").
_OFFICER = re.compile(
    r"(?i:officier requérant|officier de police judiciaire|OPJ|requesting officer|officer in charge|"
    r"investigating officer|case manager|gestionnaire(?: de cas)?|[ée]ducat(?:rice|eur)(?: référente?)?|"
    r"assistante? sociale?|social worker)[ \t]*:[ \t]*"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mme|M\.|Madame|Monsieur)\.?[ \t]+)?"
    r"(?i:(?:maréchal des logis(?:-chef)?|adjudant(?:-chef)?|gendarme|brigadier(?:-chef)?|capitaine|lieutenant|"
    r"major|commandant|gardien de la paix|lieutenant de police|DS|DC|PC|DI|Sgt|Insp)\.?[ \t]+)?"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})"
)


def _lower_name(first: str, second: str, common: frozenset[str] | set[str]) -> bool:
    """True when two lowercase words read as a first name then a surname."""
    from xraymatch.reports.deid.lexicons import raw_name_lexicons

    firsts, lasts = raw_name_lexicons()
    if first in _FUNCTION_WORDS or second in _FUNCTION_WORDS or first not in firsts:
        return False
    return second not in common or second in lasts


_BIRTH_CUE = re.compile(r"(?i),?[ \t]+(?:n[ée]e?[ \t]+le|dob|born|d\.o\.b|\(?\d{1,3}[ \t]*(?:ans|a|y|yo|years?)\b)")
_BRACKETED = re.compile(
    r"\[(?P<name>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ -]+,?[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+)?)\]"
)
_IDENTITY_FIELD = re.compile(
    r"(?i)(?:identit[ée]|patient(?:e)?|enfant|child|nom|name|pt)[^\n:]{0,20}:[ \t]*$",
)
_AGE_AFTER = re.compile(r"(?i)[ \t]*\(\d{1,3}[ \t]*(?:ans|an|years?|yrs?|y|mois|months?)\)")
# Parents listed on a contact line ("Parents contactable: X on 07..., Y on ...", "Parents joignables : X au ...").
_PARENTS = re.compile(r"(?i)\bparents[ \t]+(?:contactable|joignables?|à joindre|to contact)[ \t]*:")
_PARENT_NAME = re.compile(
    r"(?:^|[,;:][ \t]*|[ \t])(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+(?:(?:Le|La|De|Du|Van|Von|Mac|Da)[ \t]+)?"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2})(?=[ \t]+(?:on|au|at|:|\()|[ \t]*\()"
)
# A parent named after the child ("fille de Honoré Le Gall", "son of Mr James Walker").
_PARENT_OF = re.compile(
    r"(?i:\b(?:fils|fille|son|daughter)[ \t]+(?:de|d['’]|of))[ \t]*"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mme|M\.|Madame|Monsieur)\.?[ \t]+)?"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+(?:(?:Le|La|De|Du|Van|Von|Mac|Da)[ \t]+)?[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2})"
)
_RANK_NAME = re.compile(
    r"(?m)^(?:(?:Sergent|Caporal|Adjudant|Brigadier)(?:-chef)?|Soldat|Lieutenant|Capitaine|Commandant|Matelot|"
    r"Quartier-maître|LCpl|Cpl|Pte|Lt|Capt|Sgt|Maj|Spr|Gnr|Tpr|Rfn|AB|SAC|Cpl)\.?[ \t]+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+(?:Le|La|De|Du|Van|Von|Mac)?[ \t]*[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}),[ \t]+"
    r"(?=[^\n]{0,30}\b(?i:r[ée]giment|regiment|battalion|bataillon|escadron|squadron|brigade|RAF|Royal|corps)\b)"
)
_RCS_CITY = re.compile(
    r"\bRCS[ \t]+(?P<city>[A-ZÀ-ÖØ-Þ][\w'’]*(?:[- ][A-ZÀ-ÖØ-Þa-zé][\w'’]*){0,3}?)[ \t]+[AB][ \t]+\d{3}[ \t]?\d{3}"
)

# The child a parent speaks of ("la maman de Léna", "the mum of Archie Dunn", "Oliver Bright's mum").
_CAP_NAME = r"(?!(?:Mr|Mrs|Ms|Miss|Mme|M|Dr|Madame|Monsieur)\b)[A-ZÀ-ÖØ-Þ][\w’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w’-]+){0,2}"
_CHILD_OF_PARENT = re.compile(rf"(?i:\b(?:maman|papa|mum|mom|dad)[ \t]+(?:de|d['’]|of))[ \t]*(?P<name>{_CAP_NAME})")
_CHILD_POSSESSIVE = re.compile(rf"(?<![\w'’-])(?P<name>{_CAP_NAME})['’]s[ \t]+(?i:mum|mom|dad|mother|father)\b")
# The parent introducing themselves ("it's Gemma, Oliver Bright's mum", "c'est Nadia, la maman de Léna").
_SPEAKING_PARENT = re.compile(
    rf"(?i:it['’]s|this is|c['’]est)[ \t]+(?P<name>{_CAP_NAME}),?[ \t]+"
    r"(?=(?i:la maman|le papa|la m[èe]re|le p[èe]re|the mum|the mom|the dad|the mother|the father)\b|"
    r"[A-ZÀ-ÖØ-Þ][\w’-]+(?:[ \t][A-ZÀ-ÖØ-Þ][\w’-]+)?['’]s[ \t]+(?i:mum|mom|dad|mother|father)\b)"
)
# A patient field whose surname opens with a particle ("Patiente : Van den Bossche Lotte", "Nom : De la Cruz Ana").
_PARTICLE_PATIENT = re.compile(
    r"(?i:\b(?:patient(?:e|\(e\))?|nom(?: de naissance)?|identit[ée]|name)[ \t]*:)[ \t]*"
    r"(?P<name>(?:Van|Von|De|Le|La|Du|Da|Di|Del|Della|El|Ben|Ter|Ten)(?:[ \t]+(?:den|der|de|la|los|las|le))?[ \t]+"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:,?[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})"
)
# "Nourrisson de 3 semaines, Moussa Traoré, adressé ...": a role word and an age, then the patient's name.
_AGED_ROLE_NAME = re.compile(
    r"(?i:nourrisson|enfant|b[ée]b[ée]|infant|baby|child|toddler)[ \t]+(?i:de|d['’]|of|aged)[ \t]+\d{1,2}[ \t]+"
    r"(?i:jours?|semaines?|mois|ans|days?|weeks?|months?|years?)(?:[ \t]+old)?,[ \t]+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2})"
)
# Initials standing for the patient on an initials field ('Patient initials only: "R.T."', "Initiales : M. B. R.").
_QUOTED_INITIALS = re.compile(
    r"(?i:initials?|initiales?)[^\n:]{0,40}:[ \t]*[\"“«]?[ \t]*(?P<initials>(?:[A-Z]\.[ \t-]?){2,3})"
)
# A short age after a name and a comma ("Mr Delroy Campbell, 38y.").
_AGE_AFTER_NAME = re.compile(r"(?<=[a-zà-ÿ]),[ \t]+(?P<age>\d{1,3}[ \t]?(?:y|yo|yrs|a))(?=[.,;)]|[ \t]|$)")
# Emergency-practice networks named with their town ("SOS Médecins Grenoble").
_EMERGENCY_SERVICE = re.compile(r"\bSOS[ \t]+M[ée]decins(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,3}")
# A "Saint-X" town in a parenthesis or after a comma ("(pédiatre, Saint-Priest)", "à Saint-Herblain.").
_SAINT_PLACE = re.compile(
    r"(?:,|\bà|\bin)[ \t]+(?P<place>Saint(?:e)?-[A-ZÀ-ÖØ-Þ][\w'’]+(?:-[\w'’]+){0,3})(?=[ \t]*[),.;\n])"
)


def find_informal_names(text: str) -> Iterator[Candidate]:
    """Chat handles, lowercase titled names, bracketed patients, ranked service members and registry cities."""
    common = common_words()
    if "@" in text:
        for m in _HANDLE.finditer(text):
            parts = [p for p in re.split(r"[._]", m.group("h").lower()) if len(p) > 1]
            if parts and all(p in _SERVICE_HANDLE or p in common for p in parts):
                continue  # "@oncall.rad", "@secretariat": a service, not a person
            yield Candidate(m.start("h"), m.end("h"), "PERSON", 80)
    for m in _LOWER_TITLED.finditer(text):
        first = m.group("first")
        bare = first.split(".")[-1].strip()
        second = m.group("second")
        if len(bare) < 2 or bare in _FUNCTION_WORDS:
            continue
        if second and second not in _FUNCTION_WORDS and _BIRTH_CUE.match(text, m.end("second")):
            end = m.end("second")  # "pt guy williams dob": a birth cue vouches for common words
        elif bare in common and not (_DATE_AFTER.match(text, m.end("first")) or _BIRTH_CUE.match(text, m.end("first"))):
            continue  # "mr scan", "pt has"; but "dr marin le 8/7/2023"
        else:
            end = m.end("second") if second and second not in common else m.end("first")
        if m.group("title") == "mr" and not _NAME_END.match(text, end):
            continue  # "mr scan du genou", "mr arthrography": magnetic resonance, not Mister
        label = "PERSON" if m.group("title") in ("dr", "pr") else "PATIENT"
        yield Candidate(m.start("first"), end, label, 74)
    for m in _IMAGE_OF.finditer(text):
        first, second = m.group("first"), m.group("second")
        if _lower_name(first, second, common):
            yield Candidate(m.start("first"), m.end("second"), "PATIENT", 72)
    for m in _OFFICER.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PERSON", 79)
    for m in _PARENTS.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        for name in _PARENT_NAME.finditer(text, m.end(), line_end):
            yield Candidate(name.start("name"), name.end("name"), "PERSON", 79)
    for m in _PARENT_OF.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PERSON", 79)
    for m in _BRACKETED.finditer(text):
        if _IDENTITY_FIELD.search(text, max(0, m.start() - 40), m.start()) or _AGE_AFTER.match(text, m.end()):
            yield Candidate(m.start("name"), m.end("name"), "PATIENT", 78)
    for m in _RANK_NAME.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PATIENT", 78)
    for m in _RCS_CITY.finditer(text):
        yield Candidate(m.start("city"), m.end("city"), "LOCATION", 80)
    for pattern in (_CHILD_OF_PARENT, _CHILD_POSSESSIVE):
        for m in pattern.finditer(text):
            yield Candidate(m.start("name"), m.end("name"), "PATIENT", 76)
    for m in _SPEAKING_PARENT.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PERSON", 77)
    for m in _PARTICLE_PATIENT.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PATIENT", 78)
    for m in _AGED_ROLE_NAME.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "PATIENT", 78)
    for m in _QUOTED_INITIALS.finditer(text):
        yield Candidate(m.start("initials"), m.end("initials"), "PATIENT", 78)
    for m in _AGE_AFTER_NAME.finditer(text):
        yield Candidate(m.start("age"), m.end("age"), "AGE", 60)
    for m in _EMERGENCY_SERVICE.finditer(text):
        yield Candidate(m.start(), m.end(), "INSTITUTION", 80)
    for m in _SAINT_PLACE.finditer(text):
        yield Candidate(m.start("place"), m.end("place"), "LOCATION", 35)


# Names of braces, screws, scores and rules (beyond eponyms.EPONYMS): a word of these is no person or place when a
# device or score word, a number, or brackets sit around it.
_INSTRUMENT_NAMES = frozenset(
    ["glasgow", "ottawa", "boston", "milwaukee", "herbert", "zimmer", "cobb", "risser", "kirschner", "steinmann",
     "chêneau", "cheneau", "constant", "oswestry", "lequesne", "womac", "denis", "magerl", "garden", "stryker"]
)  # fmt: skip
_DEVICE_AFTER = re.compile(
    r"(?i)['’]?s?[ \t]+(?:screws?|brace|splint|frame|nail|plate|pins?|wires?|rules?|ankle[ \t]+rules|coma|scale|"
    r"score|angle|corset|collar|classification|grade|stage|n[ée]gati(?:f|ve)|positi(?:f|ve)|\d)"
)
_DEVICE_BEFORE = re.compile(
    r"(?i)\b(?:vis|corset|attelle|cadre|clou|plaque|broches?|score|échelle|r[èe]gles?|angle|classification|stade|"
    r"grade|critères)[ \t]+(?:de[ \t]+|d['’][ \t]*|du[ \t]+)$"
)
_PLACE_WORDS = re.compile(
    r"(?i)^(?:ward|room|bed|bay|salle|chambre|lit|box)$"
)  # "Ward 23", "Salle 4": a room, not a name
_ROOM_NUMBER = re.compile(r"[ \t]+[A-Z]?\d")
_RANK_PHRASE = re.compile(r"[ \t]+des[ \t]+logis")  # "maréchal des logis-chef": a rank
_SALUTATION = re.compile(r"(?i)^(?:coach|sir|madam|colleague|colleagues|team)$")
_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|dre|pr|prof|mr|mrs|ms|miss|mme|m|madame|monsieur)\.?[ \t]+$")


def instrument_use(text: str, c: Candidate) -> bool:
    """True when a one-word name or place candidate is an eponymous device, brace, score or rule, a ward number or a
    salutation word, and no person title precedes it."""
    if c.label not in ("PERSON", "PATIENT", "LOCATION") or c.priority >= 80:
        return False
    word = text[c.start : c.end].strip()
    if not word or re.search(r"\s", word) or _TITLE_BEFORE.search(text, max(0, c.start - 12), c.start):
        return False
    if _PLACE_WORDS.match(word) and _ROOM_NUMBER.match(text, c.end):
        return True
    if _SALUTATION.match(word) or (word.lower() == "maréchal" and _RANK_PHRASE.match(text, c.end)):
        return True
    lower = word.lower()
    parts = [p for p in lower.split("-") if p]
    if len(parts) > 1 and all(p in _INSTRUMENT_NAMES or is_eponym_word(p) for p in parts):
        return True  # "Kellgren-Lawrence", "Salter-Harris"
    if lower not in _INSTRUMENT_NAMES and not is_eponym_word(word):
        return False
    if _DEVICE_AFTER.match(text, c.end) or _DEVICE_BEFORE.search(text, max(0, c.start - 20), c.start):
        return True
    return text[c.start - 1 : c.start] == "(" and text[c.end : c.end + 1] == ")"  # "(Cobb)"
