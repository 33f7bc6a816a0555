"""Patients named in paperwork about several people (round 12): who is the patient is told by the words around a name.

Ward lists, hand-overs, social-work and home-care notes, complaints by relatives, medico-legal reports and
video-consult transcripts name patients and staff side by side, without a "Patient:" field. The people with beds,
ages, living situations, visits at home or claims are patients; those with roles, signatures or titles are staff
(refine.py's staff rules and the detector keep those PERSON). A name after (or before) one of these cues becomes one
PATIENT span over the whole name, replacing the PERSON/PATIENT/LOCATION pieces it overlaps and covering the name words
no layer found:
- before the name: a bed ("lit 4 :", "bed 7:", "- bay 2, bed 3 -"), an SBAR situation ("S :", "S:"), "claimant",
  "victime", "victim", "insured person:", "assuré(e) :", "adhérent(e) :", "[patient]", "visited ... at home"
  ("visited NAME"), "chez" (a home visit: "passage ... chez NAME"), "on behalf of my mother/parent ...", "enfant/fils/
  fille de" after "Je soussigné(e)", "issued for", "établi au nom de";
- before the name: "patient(e) ... :" ("Visiting Polish patient: NAME"), a greeting that opens a quoted message to
  the patient ("'Hi NAME, your scan ..."), the row after a "surname,forename" header;
- after the name: an age (", 64 ans", " (9 years)", ", 58yo", or bare between commas in a list: "NAME, 91, fall" -
  the number is then AGE too), "lives alone / with", "vit seul(e) / avec", a date of birth (", DOB", ", née le"), a
  speaker turn giving an age ("NAME : Oui docteur, j'ai 64 ans", "NAME: Yes, I'm 58").
Never when the name follows a clinician's title (Dr, Pr, Prof, Me).
Round 13 (blind12's misses): after the name, ", aged 61" and a nickname at home (' ("Bee" at home)', "(« Bibi » à la
maison)"); a bare age may end its sentence ("in NAME, 32."); "chez" after "famille d'accueil" is the foster home, not
the patient's. Strong cues add the name even when no layer found it: the patient's signature line ("Signature de
l'intéressé(e) :", "Signed (patient):") and a member/beneficiary cell of a pipe-separated export ("|member NAME|").
Round 15 (blind14's misses): the subject of a cover sheet ("concerne :", "re:", "regarding:", the name possibly on the
next line), a name passed on or left by someone else ("identité transmise :", "name as transmitted:", "first name
left:"), a self-declared name ("se dit", "gives the name"); a name broken by a hyphenated line wrap ("GUÉ-\nRIN") is
read across the break as one name.
Round 17 (blind16's pedigrees): an age after a relative's name ("mother Siobhan, 70 years old", "oncle Yannick
Le Goff, 61 ans") marks a relative, not the patient: no after-name cue when a kinship word comes just before the
name. A possessive before a body part or an exam ("look at Orla Brennan's right wrist", "Ann Roe's CT") marks the
patient.
Round 18 (blind17's misses as classes): a bare number in parentheses right after a name ("Mme Roux (54)", "Baker (77)")
is that patient's age (AGE, the number only; a four-digit birth year is no age and no date); on a bed line of a
hand-over ("lit 5 : Bonheur (26)", "bed 3: Hope (81)") the name before it is added even when no layer found it (a
surname made of a common word).
Round 19 (blind18's misses): the hyphenated age after a name (", 33-year-old") is an age cue like ", 33 years old".
Round 20 (blind19's pasted lab lines): the short unit ", 26y", ", 40 yrs" is an age cue like ", 26 yo"; a name
before a quoted first-person complaint ('NAME writes: "it has hurt since..."', "note de NAME : « ça me fait mal »")
is the patient writing about their own pain.
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

_PARTICLES = frozenset(
    ["de", "la", "du", "des", "le", "van", "der", "den", "von", "dos", "da", "das", "del", "di", "ben", "bin", "abu",
     "el", "al", "ter", "ten", "y", "d'", "d’"]
)  # fmt: skip
_TITLES = frozenset(["m", "m.", "mme", "mlle", "mr", "mrs", "ms", "miss", "mx", "madame", "monsieur", "mister"])
_NOT_NAMES = frozenset(
    ["oui", "non", "yes", "no", "le", "la", "les", "the", "dr", "pr", "prof", "patient", "patiente", "bed", "lit", "s",
     "b", "a", "r", "sbar", "i", "je", "mon", "ma", "my", "son", "sa", "his", "her", "at", "home", "on", "to", "à",
     "nourrisson", "bébé", "enfant", "baby", "infant", "child", "patiente", "monsieur", "madame", "dob", "ddn",
     "born", "né", "née", "ipp", "mrn", "nhs", "pesel", "age", "âge", "sex", "sexe", "boulevard", "rue", "avenue",
     "route", "chemin", "road", "street", "lane", "place", "allée", "impasse", "quai", "bd", "square", "drive"]
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]|(?<=[ÂÃÅÄ])[\u0080-\u00bf\u0152-\u2122])*")  # "SiÃ¢n": mojibake kept in
_AGE = r"\d{1,3}(?:[ \t]*(?:ans?|years?(?:[ \t]+old)?|yo|y/o|y\.o\.|yrs?|y|a|mois|months?)\b|-year-old\b)"
_BEFORE_CUES = re.compile(
    r"(?im)(?:^[ \t]*[-*•]?[ \t]*(?:(?:bay|baie|salle|chambre|room)[ \t]*\d+[ \t]*[,-][ \t]*)?(?:lit|bed|box)[ \t]*"
    r"\d+[a-z]?[ \t]*[:-][ \t]*"
    r"|^[ \t]*S[ \t]*:[ \t]*"
    r"|\b(?:claimant|victime|victim|insured[ \t]+person|assurée?|adhérente?|bénéficiaire)[ \t]*:?[ \t]*"
    r"|\[patient\][ \t]*"
    r"|\bvisited[ \t]+(?=[^\n]{0,60}\bat[ \t]+home\b)"
    r"|(?<!accueil[ \t])(?<!accueilli[ \t])(?<!accueillie[ \t])(?<!placé[ \t])(?<!placée[ \t])(?<!confié[ \t])"
    r"(?<!confiée[ \t])(?<!hébergé[ \t])(?<!hébergée[ \t])\bchez[ \t]+"  # a foster home (round 21), no visit
    r"|\bon[ \t]+behalf[ \t]+of[ \t]+my[ \t]+(?:parent|mother|father|mum|mom|dad|husband|wife|son|daughter|"
    r"grandmother|grandfather|partner),?[ \t]+"
    r"|\bpatiente?\b[^\n:.;]{0,40}?:[ \t]*"
    r"|[\"'‘“«][ \t]*(?:Hi|Hello|Dear|Bonjour|Bonsoir|Chère|Cher)[ \t]+"
    r"|\bsoussignée?(?:\(e\))?[^\n]{1,60}?,[ \t]*(?:enfant|fils|fille|épouse|époux|conjointe?)[ \t]+de[ \t]+"
    r"|\bissued[ \t]+for[ \t]+|\bau[ \t]+nom[ \t]+de[ \t]+"
    r"|\b(?:concerne|regarding|re)[ \t]*:[ \t]*\n?[ \t]*"
    r"|\b(?:identité[ \t]+(?:transmise|déclarée|communiquée)|name[ \t]+as[ \t]+(?:transmitted|received|given|keyed)|"
    r"first[ \t]+name[ \t]+left|prénom[ \t]+(?:laissé|restant|visible))[ \t]*:[ \t]*"
    r"|\bse[ \t]+dit[ \t]+|\bgives[ \t]+(?:the[ \t]+|his[ \t]+|her[ \t]+)?name[ \t]+(?:as[ \t]+)?)"
)
_AFTER_CUES = re.compile(
    rf"(?i)(?:,[ \t]*{_AGE}|[ \t]*\([ \t]*{_AGE}[ \t]*\)|[ \t]+(?:lives[ \t]+(?:alone|with)|vit[ \t]+(?:seule?|"
    r"seul\(e\)|avec|en[ \t]+EHPAD))\b"
    r"|(?:[ \t]*:[^\n]{0,60}?|,[ \t]*)\b(?:j'ai|j’ai|i'm|i’m|i[ \t]+am)[ \t]+"
    r"\d{1,3}(?:[ \t]*(?:ans?|a|years?|yo))?\b"
    r"|,[ \t]*(?P<bare>\d{1,3})(?:\.(?=[ \t]*(?:\n|$))|,[ \t]*(?![ \t\d]|(?:rue|avenue|av\.|bd|boulevard|"
    r"chemin|allée|impasse|place|route|street|st\b|road|rd\b|lane|avenue|close|drive|way|flat|apt)\b))"
    r"|,[ \t]*(?:DOB|D\.O\.B\.?|born|née?[ \t]+le|date[ \t]+of[ \t]+birth|date[ \t]+de[ \t]+naissance)\b"
    r"|,[ \t]*(?:aged|âgée?[ \t]+de)[ \t]+\d"
    r"|[ \t]*\([ \t]*(?P<paren>\d{1,3})[ \t]*\)(?![ \t]*(?:[-–/x×*]|mm|cm|ml|%))"
    r"|[ \t]*\([ \t]*[«\"“][^()\n]{1,24}[»\"”][ \t]*(?:at[ \t]+home|à[ \t]+la[ \t]+maison)[ \t]*\))"
    r"|(?:[ \t]+(?:writes|wrote|écrit)[ \t]*:?|[ \t]*:)[ \t]*[«\"“][ \t]*(?:it[ \t]+(?:has[ \t]+)?hurts?|it['’]s[ \t]+"
    r"been[ \t]+hurting|I[ \t]+(?:have|had|feel)[ \t]+(?:pain|a[ \t]+pain)|my[ \t]+[a-z]+[ \t]+(?:hurts|is[ \t]+sore)|"
    r"(?:ça|cela|il|elle)[ \t]+me[ \t]+fait[ \t]+mal|j['’]ai[ \t]+(?:mal|une[ \t]+douleur)"
    r"|mon[ \t]+[a-zé]+[ \t]+me[ \t]+fait)"
    r"|['’]s[ \t]+(?:(?:left|right|lower|upper)[ \t]+)?(?:pelvis|hip|knee|wrist|ankle|shoulder|elbow|chest|"
    r"abdomen|spine|skull|head|neck|hand|foot|leg|arm|femur|tibia|scan|x-ray|xray|films?|images?|CT|MRI)\b"
)
# Cues strong enough to add a name no layer found: the patient's own signature line, a member cell of an export row.
_STRONG_BEFORE = re.compile(
    r"(?i)\b(?:signature[ \t]+de[ \t]+l['’]intéressée?(?:\(e\))?|signature[ \t]+du[ \t]+patient"
    r"|signature[ \t]+de[ \t]+la[ \t]+patiente"
    r"|signed[ \t]+\((?:by[ \t]+)?(?:the[ \t]+)?patient\)|patient(?:'s)?[ \t]+signature)[ \t]*:[ \t]*"
    r"|(?:^|\|)[ \t]*(?:member|adhérent|bénéficiaire|assuré)[ \t]+(?=[^\n|]{2,40}\|)"
)
_BED_LINE = re.compile(r"(?im)^[ \t]*[-*•]?[ \t]*(?:lit|bed|box|bay)[ \t]*\d+[a-z]?[ \t]*[:-][ \t]*")
_PAREN_AGE = re.compile(r"[ \t]*\([ \t]*(\d{1,3})[ \t]*\)")
_WRAPPED_TAIL = re.compile(r"[ \t]*\r?\n[ \t]*(-?[^\W\d_][\w'’-]*)")
_STAFF_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|pr|prof|professeur|docteur|me|maître)\.?[ \t]*$")
# A relative named before their age in a pedigree or family history ("II-2 father Declan, 70 years old", "tante
# Rozenn Le Goff, 61 ans", "cousin germain Yann Morvan (44 ans)"): the age cue marks them, not the patient (round 17).
_KIN_BEFORE = re.compile(
    r"(?i)\b(?:père|mère|frère|sœur|soeur|demi-(?:frère|sœur|soeur)|jumelle?|jumeau|fils|fille|oncle|tante|"
    r"cousine?(?:[ \t]+germaine?)?|neveu|nièce|grand-(?:père|mère)|grand-parent|épouse?|époux|conjointe?|"
    r"father|mother|brother|sister|half-(?:brother|sister)|twin(?:[ \t]+(?:brother|sister))?|son|daughter|"
    r"uncle|aunt|(?:first[ \t]+)?cousin|nephew|niece|grand(?:father|mother|parent)|husband|wife|spouse)[ \t]+$"
)


def _tokens(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """The word spans from `start` up to the end of the line (at most `limit` characters)."""
    end = text.find("\n", start)
    end = min(len(text), start + limit) if end < 0 else min(end, start + limit)
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _name_forward(text: str, start: int) -> tuple[int, int] | None:
    """The name that begins at `start` (after a title): capitalised words and particles, one space apart, with an
    optional ", First" after an upper-case surname ("DĄBROWSKI, Łukasz"); None when no name starts there."""
    pos = start
    if re.match(r"(?:Me|Maître|Dr|Pr|Prof)\.?[ \t]", text[pos:]):
        return None  # a lawyer's or a clinician's title: staff, never the patient
    title = re.match(r"(?i)(?:m\.|mme|mlle|mr|mrs|ms|miss|mx|madame|monsieur)\.?[ \t]+", text[pos:])
    if title:
        pos += title.end()
    words: list[tuple[int, int]] = []
    for a, b in _tokens(text, pos, 80):
        gap = text[words[-1][1] : a] if words else text[pos:a]
        if (words and gap not in (" ", ", ")) or (not words and gap.strip()):
            break
        word = text[a:b].rstrip(".")
        lower = word.lower()
        if gap == ", " and not (text[words[0][0] : words[-1][1]].isupper() and word[:1].isupper()):
            break
        if lower in _NOT_NAMES and not (lower in _PARTICLES and words):
            break
        if word[:1].isupper() or lower in _PARTICLES:
            words.append((a, a + len(word)))
            if gap == ", " or (text[b - 1] == "." and len(word) > 1):
                break  # after the first name of an inverted name, or at the end of a sentence
        else:
            break
        if len(words) >= 5:
            break
    while words and text[words[-1][0] : words[-1][1]].lower() in _PARTICLES:
        words.pop()
    if words and text[words[-1][1] - 1] == "-":  # a name broken by a hyphenated line wrap: "GUÉ-\nRIN"
        tail = _WRAPPED_TAIL.match(text, words[-1][1])
        if tail:
            words.append(tail.span(1))
    return (words[0][0], words[-1][1]) if words else None


def _name_backward(text: str, end: int, inverted: bool = False) -> tuple[int, int] | None:
    """The name that ends at `end`: capitalised words and particles one space apart, read leftwards; with
    `inverted`, one ", " may join a surname before the first name ("Khan, Sandra, DOB ...")."""
    line_start = text.rfind("\n", 0, end) + 1
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, max(line_start, end - 80), end)]
    picked: list[tuple[int, int]] = []
    for a, b in reversed(words):
        following = picked[0][0] if picked else end
        gap = text[b:following]
        if gap != ("" if not picked else " ") and not (inverted and picked and gap == ", "):
            break
        if gap == ", ":
            inverted = False
        word = text[a:b]
        lower = word.lower().rstrip(".")
        if lower in _TITLES or (lower in _NOT_NAMES and lower not in _PARTICLES):
            break
        if picked and word.endswith(".") and len(word) > 2:
            break  # a sentence ends there ("... Mme Kaci. Nourrisson Lyam, 5 mois")
        if word[:1].isupper() or (lower in _PARTICLES and picked):
            picked.insert(0, (a, b))
        else:
            break
        if len(picked) >= 5:
            break
    while picked and text[picked[0][0] : picked[0][1]].lower() in _PARTICLES:
        picked.pop(0)
    return (picked[0][0], picked[-1][1]) if picked else None


# An exported record row: "CSV row: Waters,Darren,..." / "Ligne d'export : "Lamy";"Christine";...".
_ROW = re.compile(
    r"(?im)\b(?:csv[ \t]+row|ligne[ \t]+d['’]export|export(?:ed)?[ \t]+row|ligne[ \t]+csv)[ \t]*:[ \t]*"
    r"|^[ \t]*\"?(?:surname|last[ _]?name|nom)\"?[ \t]*[,;][ \t]*\"?(?:forename|first[ _]?name|prénom)[^\n]*\n"
)
_CELL = re.compile(r"\"([^\"\n;,]{1,40})\"|([^\"\n;,]{1,40})")


def _row_names(text: str, start: int) -> list[tuple[int, int]]:
    """The first two cells of an exported row when they look like names (capitalised words): surname, first name."""
    names: list[tuple[int, int]] = []
    pos = start
    for _ in range(2):
        cell = _CELL.match(text, pos)
        if not cell:
            break
        group = 1 if cell.group(1) is not None else 2
        value = cell.group(group).strip()
        words = value.split()
        if (
            not words
            or not all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)
            or any(ch.isdigit() for ch in value)
        ):
            break
        a = cell.start(group) + cell.group(group).index(value)
        names.append((a, a + len(value)))
        pos = cell.end()
        if pos >= len(text) or text[pos] not in ",;":
            break
        pos += 1
    return names


def _placeholder(name: str) -> bool:
    """A name already masked ("XXXX XXXX", "X. XXX"): nothing left to hide."""
    return set(name.replace(" ", "").replace(".", "").replace(",", "").upper()) <= {"X"}


def bare_ages(text: str) -> list[tuple[int, int]]:
    """Bare numbers that are a listed patient's age ("Doris Featherstone, 91, fall"): 0 to 120."""
    found = []
    for cue in re.finditer(r"(?<=[^\W\d_]),[ \t]*\d", text):
        match = _AFTER_CUES.match(text, cue.start())
        if match and match.group("bare") and int(match.group("bare")) <= 120 and _name_backward(text, cue.start()):
            found.append((match.start("bare"), match.end("bare")))
    return found


def paren_ages(text: str) -> list[tuple[int, int]]:
    """Bare numbers in parentheses right after a name ("Roux (54)"): 0 to 120."""
    found = []
    for cue in re.finditer(r"(?<=[^\W\d_])[ \t]*\(", text):
        match = _AFTER_CUES.match(text, cue.start())
        if match and match.group("paren") and int(match.group("paren")) <= 120:
            found.append((match.start("paren"), match.end("paren")))
    return found


def _strong_names(text: str) -> list[tuple[int, int]]:
    """Names after a strong cue (`_STRONG_BEFORE`) and names with a parenthesised age on a bed line."""
    found = []
    for cue in _BED_LINE.finditer(text):
        name = _name_forward(text, cue.end())
        if name and _PAREN_AGE.match(text, name[1]) and not _placeholder(text[name[0] : name[1]]):
            found.append(name)
    for cue in _STRONG_BEFORE.finditer(text):
        name = _name_forward(text, cue.end())
        if name and not _placeholder(text[name[0] : name[1]]) and not text.startswith("_", name[1]):
            found.append(name)  # "patient(e) : IMG_20210127_224141.jpg": a file name's prefix is no name
    return found


def patient_spans(text: str) -> list[tuple[int, int]]:
    """Name spans that the cues above mark as patients."""
    found: list[tuple[int, int]] = [span for row in _ROW.finditer(text) for span in _row_names(text, row.end())]
    found += _strong_names(text)
    for cue in _BEFORE_CUES.finditer(text):
        name = _name_forward(text, cue.end())
        if name and not _placeholder(text[name[0] : name[1]]) and not text.startswith("_", name[1]):
            found.append(name)  # "patient(e) : IMG_20210127_224141.jpg": a file name's prefix is no name
    for cue in re.finditer(
        r"(?<=[^\W\d_])(?=,|[ \t]*\(|[ \t]+(?:lives|vit|writes|wrote|écrit)\b|[ \t]*:|['’]s[ \t])", text
    ):
        match = _AFTER_CUES.match(text, cue.start())
        too_old = any(match and match.group(g) and int(match.group(g)) > 120 for g in ("bare", "paren"))
        if not match or too_old:
            continue
        inverted = re.match(r",[ \t]*(?:DOB|D\.O\.B|born|née?|date)", text[cue.start() : cue.start() + 20]) is not None
        name = _name_backward(text, cue.start(), inverted)
        if (
            name
            and not _placeholder(text[name[0] : name[1]])
            and not _STAFF_TITLE_BEFORE.search(text, max(0, name[0] - 12), name[0])
            and not _KIN_BEFORE.search(text, max(0, name[0] - 24), name[0])
        ):
            found.append(name)
    return found


_NAMEISH = frozenset(["PERSON", "PATIENT", "LOCATION"])


def mark_patients(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with every cue-marked patient name as one PATIENT span: name-like spans it overlaps are replaced;
    a name that overlaps a span of any other label (a date, an ID) is left as it was, and a name that no layer found
    at all is added only from an exported row's cells."""
    out = list(entities)
    spans = patient_spans(text)
    strong = {span for row in _ROW.finditer(text) for span in _row_names(text, row.end())}
    strong |= set(_strong_names(text))
    for start, end in spans:
        overlapping = [e for e in out if e.start < end and start < e.end]
        if any(e.label not in _NAMEISH for e in overlapping):
            continue
        if not overlapping and (start, end) not in strong:
            continue  # capitalised words no layer took for a name: too weak alone ("chez Renault", "S : Toux Sèche")
        lo = min([start] + [e.start for e in overlapping])
        hi = max([end] + [e.end for e in overlapping])
        out = [e for e in out if e not in overlapping]
        out.append(Entity(lo, hi, "PATIENT"))
    for start, end in bare_ages(text) + paren_ages(text):
        if not any(e.start < end and start < e.end for e in out) and any(
            e.label == "PATIENT" and 0 <= start - e.end <= 3 for e in out
        ):
            out.append(Entity(start, end, "AGE"))
    return sorted(out, key=lambda e: (e.start, e.end))
