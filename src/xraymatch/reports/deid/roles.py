"""Who a name is, from the words around it: relatives are PERSON, the patient is named by role words.

- A relative ("sa sœur Mme X", "son fils X", "the patient's brother, Mr X", "his brother's study (Mr X", "(daughter,
  Mrs X)", "Mère : Mme X") is another person, PERSON, even when sharing the patient's surname and title; so is a
  parent named after the patient ("fils de Mme X", "daughter of Mr X").
- The patient is named after a role word ("Nourrisson X", "Patient(e) X", "Infant X", "Baby girl X", "Enfant X") and
  as the person a letter is about ("Je vous remercie de m'avoir adressé X", "Thank you for referring baby X",
  "concernant Mme X", "RE: X").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.lexicons import common_words, raw_name_lexicons
from xraymatch.reports.deid.patterns import Candidate

_KIN_FR = (
    r"s(?:œ|oe)ur|fr[èe]re|m[èe]re|p[èe]re|fils|fille|[ée]poux|[ée]pouse|mari|conjointe?|compagne|compagnon|"
    r"concubine?|grand-m[èe]re|grand-p[èe]re|oncle|tante|cousine?|neveu|ni[èe]ce|jumeau|jumelle|beau-p[èe]re|"
    r"belle-m[èe]re|beau-fr[èe]re|belle-s(?:œ|oe)ur|tut(?:eur|rice)|voisine?"
)
_KIN_EN = (
    r"sister|brother|mother|father|daughter|wife|husband|spouse|twin|grandmother|grandfather|grandson|"
    r"granddaughter|aunt|uncle|cousin|niece|nephew|guardian|neighbou?r|mum|mom|dad|sibling|step-?(?:mother|father|son|daughter)|"
    r"(?<=\bthe )son|(?<=\bher )son|(?<=\bhis )son|(?<=['’]s )son"
)
_CIVIL = r"(?:Mr|Mrs|Ms|Miss|Mme|Mlle|M\.|Madame|Monsieur|Mademoiselle|Dr)\.?[ \t]+"
_CIVIL_PATIENT = r"(?:Mr|Mrs|Ms|Miss|Mme|Mlle|M\.|Madame|Monsieur|Mademoiselle)\.?[ \t]+"
# The relative's name follows the kin word: "sa sœur Mme ", "the patient's brother, Mr ", "brother's study (Mr ",
# "Mère : ", "(daughter, Mrs ". French kin words need a determiner or a colon ("Mme X épouse Y" is the patient's
# married name).
KIN_BEFORE = re.compile(
    rf"(?i)(?:\b(?:sa|son|ses|leur|notre|votre|la|le|l['’]|du|de la)[ \t]+(?:{_KIN_FR})|\b(?:{_KIN_EN})"
    r"|\b(?:veuve?|veuf|widow(?:er)?)[ \t]+(?:de|d['’]|of)"
    rf"|\b(?:{_KIN_FR})(?=[ \t]*:))"
    rf"(?:['’]s(?:[ \t]+(?:study|exam|examination|film|images?|x-?rays?|radiographs?|record|chart))?)?"
    rf"[ \t]*[,:(]?[ \t]*\(?[ \t]*(?:{_CIVIL})?$"
)
# The same cue, where the name follows (a candidate of its own: "the twin brother, Minh Boateng").
KIN_CUE = re.compile(KIN_BEFORE.pattern.removesuffix("$") + r"(?=[A-ZÀ-ÖØ-Þ])")
# A parent named after the child: "fils de Mme X", "daughter of Adrian Gordon", and the second parent of a pair
# ("fils de Julien Roussel et de Mme Y", "Parents contactable: X on 07..., Y", "Parents joignables : X au ..., Y").
_PAIR = r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]*[ \t]+){1,3}(?:et|and)[ \t]+(?:de[ \t]+|d['’][ \t]*|of[ \t]+)?"
PARENT_BEFORE = re.compile(
    rf"(?i)\b(?:fils|fille|enfant|b[ée]b[ée]|son|daughter|child|baby)[ \t]+(?:de|d['’]|of)[ \t]*"
    rf"(?:(?-i:{_PAIR}))?(?:{_CIVIL})?$"
    rf"|\bparents(?:[ \t]+(?:contactable|joignables?|à joindre|à prévenir))?[ \t]*:[ \t]*"
    rf"(?:[^\n,;:]{{0,50}}[,;][ \t]*)?(?:{_CIVIL})?$"
)
# A parent named before the word saying so ("madame X la maman de Y", "Mme X, mère de", "X (father)").
_PARENT_AFTER = re.compile(
    r"(?i),?[ \t]+(?:la|le|the|sa|son|his|her)?[ \t]*(?:maman|papa|m[èe]re|p[èe]re|mum|mom|dad|mother|father)"
    r"[ \t]+(?:de|d['’]|of)\b"
)
# The child a parent speaks of is the patient ("la maman de Noa", "Oliver Bright's mum").
_CHILD_BEFORE = re.compile(r"(?i)\b(?:maman|papa|mum|mom|dad)[ \t]+(?:de|d['’]|of)[ \t]*$")
_CHILD_AFTER = re.compile(r"(?i)['’]s[ \t]+(?:mum|mom|dad|mother|father|parents?)\b")

# The patient: the person a letter is about.
REFERRED_BEFORE = re.compile(
    r"(?i)(?:thank you for referring|thanks for referring|(?:merci|remercie|remercions)[ \t]+(?:de|d['’])[ \t]*"
    r"(?:m['’]|nous[ \t]+)avoir[ \t]+adress[ée]e?(?:\(e\))?|concernant|au sujet de|regarding|\bre[ \t]*:)[ \t]+"
    rf"(?:(?:baby|bébé|le petit|la petite|l['’]enfant|the child|young)[ \t]+)?(?:(?:{_CIVIL_PATIENT}))?$"
)

# Role words before the patient's name.
_ROLE = re.compile(
    r"(?<![\w-])(?:[Nn]ourrisson|[Nn]ouveau-n[ée]e?|[Bb][ée]b[ée]|Enfant|L['’]enfant|[Pp]atient(?:e|\(e\))?|PATIENT\(E\)|"
    r"Infant|Child|[Bb]aby|Newborn|Neonate|Toddler)(?:[ \t]+(?:girl|boy|garçon|fille))?[ \t]+"
    rf"(?:{_CIVIL})?(?=[A-ZÀ-ÖØ-Þ])"
    # The examined person named by a service or custody role ("Militaire : sergent X", "Service member: Cpl X",
    # "Patient détenu : X", "your player X"), past a military rank.
    r"|(?<![\w-])(?:Militaire|Service member|Patient détenu|Détenue?|[Yy]our player|[Ll]e joueur|[Ll]a joueuse)"
    r"[ \t]*:?[ \t]+(?:(?:sergent(?:-chef)?|caporal(?:-chef)?|soldat(?: de 1re classe)?|lieutenant|capitaine|"
    r"adjudant(?:-chef)?|brigadier(?:-chef)?|matelot|LCpl|Cpl|Pte|Lt|Capt|Sgt|Maj|Spr|Gnr|Tpr|AB)\.?[ \t]+)?"
    r"(?=[A-ZÀ-ÖØ-Þ])"
)


def _known_name(words: list[str]) -> bool:
    first, last = raw_name_lexicons()
    return any(w.lower() in first or w.lower() in last for w in words)


def find_role_patients(text: str) -> Iterator[Candidate]:
    """The name after a role word ("Nourrisson Moussa Traoré", "Infant Grace Ward", "Baby girl Nguyen"), the person a
    letter is about, and staff after "par"/"by"."""
    from xraymatch.reports.deid.rules import _name_run  # rules imports this module's neighbours

    common = common_words()
    yield from find_referred_patients(text)
    yield from find_staff_after_by(text)
    for m in KIN_CUE.finditer(text):
        span = _name_run(text, m.end(), allow_lower=False, strong=True)
        words = re.findall(r"[\w'’-]{2,}", text[span[0] : span[1]]) if span else []
        if span is not None and words and not all(w.lower() in common for w in words):
            yield Candidate(span[0], span[1], "PERSON", 77)  # "(twin B)" is no name
    for m in _ROLE.finditer(text):
        span = _name_run(text, m.end(), allow_lower=False, strong=True)
        if span is None:
            continue
        words = re.findall(r"[^\W\d_][\w'’-]*", text[span[0] : span[1]])
        words = [w for w in words if not (len(w) == 1 and w == "I")]  # "Infant Grace Ward I spell ..."
        if not words or all(w.lower() in common for w in words):
            continue  # "Patient Name", "Child Protection"
        if len(words) == 1 and len(words[0]) <= 3 and words[0].isupper() and not _known_name(words):
            continue  # "Patient ID", "Infant CPR": an acronym
        end = span[1]
        if text[span[0] : end].endswith(" I"):
            end -= 2
        yield Candidate(span[0], end, "PATIENT", 74)


_REFERRED_CUE = re.compile(
    r"(?i)(?:thank you for referring|thanks for referring|(?:merci|remercie|remercions)[ \t]+(?:de|d['’])[ \t]*"
    r"(?:m['’]|nous[ \t]+)avoir[ \t]+adress[ée]e?(?:\(e\))?|concernant)[ \t]+"
    rf"(?:(?:baby|bébé|le petit|la petite|l['’]enfant|the child|young)[ \t]+)?(?:{_CIVIL_PATIENT})?(?=[A-ZÀ-ÖØ-Þ])"
)
# A staff member after "par" / "by" in a sentence ("réalisé le 12/03 (J+2) par Issa Koné.").
_BY = re.compile(r"(?<![\w-])(?:par|by)[ \t]+(?=[A-ZÀ-ÖØ-Þ])")


def find_referred_patients(text: str) -> Iterator[Candidate]:
    """The person a letter is about, named or not in the name lists ("m'avoir adressé Fatoumata Koné")."""
    from xraymatch.reports.deid.rules import _name_run

    for m in _REFERRED_CUE.finditer(text):
        span = _name_run(text, m.end(), allow_lower=False, strong=True)
        if span is not None:
            yield Candidate(span[0], span[1], "PATIENT", 74)


def find_staff_after_by(text: str) -> Iterator[Candidate]:
    """Two or more capitalised name words after "par"/"by", none of them common words or eponyms: staff."""
    from xraymatch.reports.deid.eponyms import is_eponym_word
    from xraymatch.reports.deid.rules import _name_run

    common = common_words()
    for m in _BY.finditer(text):
        span = _name_run(text, m.end(), allow_lower=False, strong=False)
        if span is None:
            continue
        words = re.findall(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\.?", text[span[0] : span[1]])
        words = [w for w in words if w.rstrip(".").lower() not in _PARTICLES]
        if len(words) < 2 or any(
            w.lower() in common or is_eponym_word(w) or (w.isupper() and not w.endswith(".")) for w in words
        ):
            continue
        yield Candidate(span[0], span[1], "PERSON", 60)


_PARTICLES = frozenset(
    [
        "de",
        "la",
        "le",
        "du",
        "des",
        "van",
        "der",
        "den",
        "von",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "del",
        "ben",
        "el",
        "ait",
        "aït",
    ]
)
# The rest of a relative's name after the part a title rule took ("son fils Van Minh | Quéméner").
RELATIVE_TAIL = re.compile(
    r"(?:[ \t]+(?:(?:de la|de|du|des|van der|van den|van|von|der|den|ter|ten|da|do|dos|das|di|del|le|la|ben|el|ait|aït|"
    r"Ní|Nic|Ó|"
    r"Ua|Mac)[ \t]+|"
    r"d['’])?[A-ZÀ-ÖØ-Þ][\w'’-]*)+"
)


def relative_before(text: str, start: int) -> bool:
    """True when the name starting at `start` is named as a relative or a parent of the patient."""
    before = text[max(0, start - 60) : start]
    return bool(KIN_BEFORE.search(before) or PARENT_BEFORE.search(before))


def parent_after(text: str, end: int) -> bool:
    """True when the name ending at `end` is followed by the word saying it is a parent ("X la maman de")."""
    return _PARENT_AFTER.match(text, end) is not None


def child_of_speaker(text: str, start: int, end: int) -> bool:
    """True when the name at text[start:end] is the child a parent speaks of ("la maman de X", "X's mum")."""
    return bool(_CHILD_BEFORE.search(text, max(0, start - 20), start) or _CHILD_AFTER.match(text, end))


def referred_before(text: str, start: int) -> bool:
    """True when the name starting at `start` is the person a letter is about."""
    return REFERRED_BEFORE.search(text[max(0, start - 70) : start]) is not None
