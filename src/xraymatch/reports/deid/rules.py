"""Context rules for names, institutions and places (French and English, both always applied).

- Person titles ("Dr", "Pr", "Docteur", "Mme", "M.", "Monsieur", "Mr", "Mrs", "Doctor") and field labels ("Patient :",
  "Nom :", "Name:", "Signed by", "Radiologue :") make the following name-like tokens a PATIENT or PERSON.
- Name lexicons (faker's first/last names minus common words) catch names without context: a first name followed
  by a capitalised word, or a known surname written with a capital, unless it is an eponym used as such.
- Institutions: a head word (Centre Hospitalier, CHU, Clinique, Hôpital, Cabinet, Hospital, Medical Center...) with
  its name; places: street addresses (faker's street types), postcode + city, "Fait à <City>", known cities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from xraymatch.reports.deid.eponyms import eponym_use, is_eponym_word
from xraymatch.reports.deid.lexicons import (
    CITIES,
    REPORT_WORDS,
    basic_stop_words,
    common_words,
    name_lexicons,
    raw_name_lexicons,
)
from xraymatch.reports.deid.organisations import find_organisations
from xraymatch.reports.deid.patterns import Candidate

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒÁÃÅÍÌÑÒÓÕØÚÝ"
_LOWER = "a-zàâäçéèêëîïôöùûüÿæœßáãåíìñòóõøúý"  # Portuguese/Spanish letters too
# A name token: Capitalised, UPPER, hyphenated/apostrophed compounds, or an initial "J." (lower case allowed only
# where the caller says so).
NAME_TOKEN = re.compile(
    rf"(?:[{_UPPER}]\.(?:-[{_UPPER}]\.)?|"
    rf"(?:[{_UPPER}][{_LOWER}{_UPPER}'’]*)(?:[-'’][{_UPPER}]?[{_LOWER}{_UPPER}]+)*)"
)
LOWER_TOKEN = re.compile(rf"[{_LOWER}][{_LOWER}'’-]+")
PARTICLE = re.compile(
    r"(?:de la|de|du|des|le|la|van der|van den|van|von|da|dos|di|del|della|mc|mac|d['’]|ben|el|al|ait|saint)\s",
    re.IGNORECASE,
)

PERSON_TITLES = (
    r"Dre?\.?[ \t]+méd\.|Dr\.?|Docteure?|Doctor|Pr\.?|Professeure?|Prof\.?|Drs\.?|Dre|"
    r"Interne|Externe|Manipulat(?:eur|rice)\s*:?|"
    r"Radiologue\s*:?|Technologist\s*:?|Resident\s*:?|Attending\s*:?|Fellow\s*:?|Sage-femme|IDE|Infirmi[eè]re?\s*:?|"
    r"/s/"
)
PATIENT_TITLES = (
    r"Mme|Mlle|MME|MLLE|Madame|Mademoiselle|Monsieur|MADAME|MONSIEUR|madame|monsieur|mme|M\.|MM\.|Mr\.?|Mrs\.?|"
    r"Ms\.?|MR\.?|MRS\.?|Miss|Mister|Enfant|L['’]enfant"
)
# Person titles in any case ("dr martin"), civil titles case-sensitive ("mm." is millimetres, not "Messieurs").
TITLE = re.compile(rf"(?<![\w.])(?:(?P<person>(?i:{PERSON_TITLES}))|(?P<patient>{PATIENT_TITLES}))(?=[ \t])[ \t]*")
# Field labels followed by a name, with the label type.
FIELD = re.compile(
    r"(?im)(?:^|[|;(]\s*|\b)(?:(?P<patient>patient(?:e)?(?: name)?|nom(?: de naissance| d['’]usage| marital)?|"
    r"pr[ée]nom|identit[ée]|identity|name|nom et pr[ée]nom|last name|first name|surname|assur[ée]e?|"
    r"b[ée]n[ée]ficiaire|pt\.?|"
    r"[ée]pouse|[ée]poux|veuve)|"
    r"(?P<person>m[ée]decin(?: prescripteur| traitant| demandeur| radiologue)?|prescripteur|radiologue|"
    r"manipulat(?:eur|rice)|interne|op[ée]rateur|sign[ée](?: [ée]lectroniquement)? par|sign[ée]|valid[ée] par|"
    r"dict[ée] par|r[ée]alis[ée] par|interpr[ée]t[ée] par|lu par|relu par|vu par|adress[ée]\(?e?\)? par|"
    r"transcrit par|cc|copie(?: [àa])?|copy to|referring(?: physician| provider)?|ordering(?: physician| provider)?|"
    r"physician|radiologist|secr[ée]tariat|secr[ée]taire|secretary|frapp[ée] par|tap[ée] par|saisi par|"
    r"dactylographi[ée] par|correspondant|demand[ée]\(?e?\)? par|communicated to|discussed with|"
    r"technologist|technician|radiographer|radiographe|sonographer|technologue|resident|attending|fellow|"
    r"dictated by|signed by|electronically signed by|"
    r"reported by|read by|reviewed by|performed by|verified by|transcribed by|requested by|by))(?!\w)"
    r"[ \t]*(?:\((?:e|s|es|[A-Z]{2,6})\))?[ \t]*[:\-]?[ \t]*(?=\S)"
)
# Words that end a name run or cannot start one even when capitalised (round 19: obstetric dating and exam
# abbreviations after a bare "by": "EDD by LMP", "dated by CRL").
_NAME_STOP = frozenset(
    """
md m.d. mr mrs ms dr pr né née le la les de du des et ou and or the on le la pour for avec with à a au aux en
in ipp nir dob mrn ssn ins tel tél fax chu ch chr irm tdm rx scanner echo ct mri us
radiologist radiologue physician consultant resident attending technologist secretary secrétaire pa-c np gp
virgule point comma stop colon paragraph ligne répète repete spell tiret slash parenthèse
rpps adeli finess gmc npi nmc hcpc dea ahpra upin nhs pin nda ccam cpt loinc cim icd dap pds bp cedex cs
lmp edd crl bpd efw ddr dpa ecg ekg eeg emg pet spect cxr kub ivu
""".split()  # noqa: SIM905 - a word list reads better as text
)


# Between two name tokens: one or two spaces, or a comma before a capitalised word that is not a degree ("MD").
_GAP = re.compile(
    rf"[ \t]{{1,2}}(?=\S)|,[ \t]+(?=(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}})\b(?![ \t]*[,(]?[ \t]*(?:MD|M\.D)))"
)


_PLACEHOLDER = re.compile(r"(\w)\1{2,}")
# A month name before a day or year number starts a date, never a name ("Dr. Ann LEE June 3, 2024 10:12").
_DATE_START = re.compile(
    r"(?i)(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sept?|oct|nov|dec|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre)\.?[ \t]+(?:\d|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|twenty|thirtieth|thirty|deux mille|mille neuf)\b)"
)
_UPPER_PARTICLES = frozenset({"DE", "DU", "DES", "LE", "LA", "DA", "DOS", "DI", "VAN", "VON", "DEL", "BEN", "EL"})


def _name_run(
    text: str, pos: int, allow_lower: bool, max_tokens: int = 4, strong: bool = False
) -> tuple[int, int] | None:
    """The span of consecutive name tokens starting at `pos` (skipping a comma between "LAST, First").

    `strong` (after a title or a field label): capitalised common words are names too ("Dr Blanc", "Nom : Claire
    PETIT"); otherwise a common word cannot start a name and ends one."""
    start = end = None
    i = pos
    count = 0
    while count < max_tokens:
        m = NAME_TOKEN.match(text, i)
        if m and (_PLACEHOLDER.fullmatch(m.group(0)) or _DATE_START.match(text, m.start())):
            m = None  # "XXXX", "***": text redacted upstream is no name; "June 3": a date
        if m and strong and m.group(0) in _UPPER_PARTICLES and NAME_TOKEN.match(text, m.end() + 1):
            i = m.end() + 1  # "Mme DE OLIVEIRA", "M. LE GALL": an upper-case particle inside a surname
            start = m.start() if start is None else start
            end = m.end()
            continue
        if m and m.group(0).lower().rstrip(".") in _NAME_STOP and not re.fullmatch(r"[A-Z]\.", m.group(0)):
            m = None
        if m and m.group(0) == "I" and re.match(r"[ \t]+[a-z]", text[m.end() : m.end() + 3]):
            m = None  # "Grace Ward I spell ...": the English pronoun
        if m and not strong and count > 0 and not m.group(0).isupper() and m.group(0).lower() in common_words():
            m = None  # "Justin  Age", "Fracture de Smith": a common word ends the name
        if m is None and allow_lower and count == 0:
            m = LOWER_TOKEN.match(text, i)
            if m and (m.group(0).lower() in common_words() or m.group(0).lower() in _NAME_STOP):
                m = None
        if m is None:
            particle = PARTICLE.match(text, i) if count > 0 or strong else None
            nxt = NAME_TOKEN.match(text, particle.end()) if particle else None
            if particle is not None and nxt is not None and count == 0:
                word = nxt.group(0)
                if (
                    word.lower().rstrip(".") in _NAME_STOP
                    or eponym_use(text, nxt.start(), nxt.end())
                    or (particle.group(0)[0].islower() and word.lower() in common_words())
                ):
                    nxt = None  # "signe de Lachman", "interne des Hôpitaux": no surname
            if particle is not None and nxt is not None:
                if start is None:
                    start = i  # "Le Floch", "de Villiers": the particle is part of the surname
                i = particle.end()
                continue
            break
        if start is None:
            if m.group(0).lower() in common_words() and not strong:
                return None  # "Fracture", "Signé": a common word does not start a name outside a title
            start = m.start()
        end = m.end()
        count += 1
        gap = _GAP.match(text, end)
        if gap is None:
            break
        if "," in gap.group(0):
            nxt = NAME_TOKEN.match(text, gap.end())
            known_first = nxt is not None and nxt.group(0).lower() in name_lexicons()[0]
            if count > 3 or "," in text[start:end] or not (text[start:end].isupper() or known_first):
                break  # "LAST, First" / "Last, Jean" only: otherwise a comma ends the name
        i = gap.end()
    if start is None or end is None:
        return None
    return start, end


def find_titled_names(text: str) -> Iterator[Candidate]:
    """Names after a person title (PERSON) or a civil title (PATIENT); lower-case names allowed after a title."""
    for m in TITLE.finditer(text):
        span = _name_run(text, m.end(), allow_lower=True, strong=True)
        if span is None:
            continue
        if m.group("patient") and m.group(0).strip().lower().endswith("enfant") and text[span[0]].islower():
            continue  # "Enfant confié à l'ASE": a role word then a verb, no name
        label = "PERSON" if m.group("person") else "PATIENT"
        yield Candidate(span[0], span[1], label, 75)


# Labels after which only a name can come (a capitalised common word is then a name: "Prénom : Olive").
_NAMING_FIELD = re.compile(
    r"(?i)pr[ée]nom|\bnom\b|name|identit|frapp|tap[ée]|saisi|dactylo|secr[ée]ta|transcri|communicated|correspondant|"
    r"[ée]pou|veuve|\bpt\b"
)


# "SUNDAY, Will", "MAY, April": a surname in capitals, a comma, a capitalised given name.
_LAST_COMMA_FIRST = re.compile(rf"[{_UPPER}][{_UPPER}'’-]+(?: [{_UPPER}][{_UPPER}'’-]+)?, [{_UPPER}][{_LOWER}'’-]+")


@lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    """Stop words and report words: never a name, even after a naming label."""
    return frozenset(REPORT_WORDS) | basic_stop_words()


def find_field_names(text: str) -> Iterator[Candidate]:
    """Names after a field label ("Patient :", "Nom :", "Radiologue :", "Signed by", "adressé par")."""
    for m in FIELD.finditer(text):
        label = "PATIENT" if m.group("patient") else "PERSON"
        pos = m.end()
        article = re.compile(r"(?:le|la|l['’])[ \t]+", re.IGNORECASE).match(text, pos)
        if article and TITLE.match(text, article.end()):
            pos = article.end()  # "validé par le Pr X"
        title = TITLE.match(text, pos)
        pos = title.end() if title else pos
        if title is not None:
            label = "PERSON" if title.group("person") else label
        span = _name_run(text, pos, allow_lower=False, strong=True)
        if span is None:
            continue
        if _EN_SUFFIX.match(text, span[1] + 1) or _INSTITUTION_WORD.search(text[span[0] : span[1]]):
            continue  # "Copy to Riverside Urgent Care": an institution follows the label, not a person
        tokens = re.findall(r"[\w'’-]+", text[span[0] : span[1]])
        raw_first, raw_last = raw_name_lexicons()
        known = any(
            t.lower() in raw_first
            or t.lower() in raw_last
            or ("-" in t and all(p in raw_first or p in raw_last for p in t.lower().split("-") if p))
            for t in tokens
        )  # "Anne-Aimée": a compound of known names
        upper = any(t.isupper() and len(t) > 1 for t in tokens)
        words = [t.lower() for t in tokens]
        naming = _NAMING_FIELD.search(m.group(0)) is not None
        if naming and all(t[0].isupper() for t in tokens) and not all(w in _never_names() for w in words):
            known = True  # "Prénom : Olive", "Frappé par Prune": the label says a name follows
        if naming and _LAST_COMMA_FIRST.fullmatch(text[span[0] : span[1]]):
            # "Identity: SUNDAY, Will": the shape says a name, common words or not
            yield Candidate(span[0], span[1], label, 76)
            continue
        if all(w in common_words() for w in words) and not (known and all(t[0].isupper() for t in tokens)):
            continue  # "Signé par Radiologie" is no name; "by Green" (a known surname) is
        if title is None and not (known or upper or len(tokens) >= 2):
            continue
        if all(is_eponym_word(t) for t in tokens) and eponym_use(text, span[0], span[1]):
            continue
        yield Candidate(span[0], span[1], label, 76)  # a field label says more than a civil title after it


# DICOM PN / HL7 XPN "LAST^FIRST[^MIDDLE...]": the patient unless a physician tag or label precedes it.
_CARET_NAME = re.compile(
    rf"(?<![\w^])[{_UPPER}{_LOWER}][\w'’-]*(?: [\w'’-]+){{0,3}}\^[{_UPPER}{_LOWER}][\w'’-]*(?: [\w'’-]+){{0,2}}"
    rf"(?:\^[\w'’.-]*)*"
)
_CARET_PERSON = re.compile(
    r"(?i)(?:physician|doctor|operator|performing|referring|reading|requesting|\bphys\b|\(0008,0090\)|"
    r"\(0008,1050\)|\(0008,1060\)|\(0008,1070\))[^\n]{0,30}$"
)


_PN_TITLE = re.compile(r"(?i)(?:Dr|Dre|Pr|Prof|Doctor|Docteur)\.?")


def find_caret_names(text: str) -> Iterator[Candidate]:
    """DICOM/HL7 person names written LAST^FIRST ("WHITE^HOPE", "O'BRIEN^SEAN")."""
    if "^" not in text:
        return
    for m in _CARET_NAME.finditer(text):
        value = m.group(0).rstrip("^")
        parts = value.split("^")
        first, second = parts[:2]
        if len(first) < 2 or len(second) < 2 or any(ch.isdigit() for ch in value):
            continue
        # PN components: family^given^middle^prefix^suffix; a title prefix ("^^Dr") makes a staff member and is no
        # part of the span.
        titled = len(parts) >= 4 and _PN_TITLE.fullmatch(parts[3]) is not None
        if titled:
            value = "^".join(parts[:3]).rstrip("^")
        before = text[max(0, m.start() - 60) : m.start()]
        label = "PERSON" if titled or _CARET_PERSON.search(before) else "PATIENT"
        yield Candidate(m.start(), m.start() + len(value), label, 78)


# A greeting names the addressee ("Bonjour Pierre,", "Hi Mark,", "Dear Aoife"): a PERSON unless the word after it
# is a role or a collective ("Dear Colleague", "Bonjour Docteur", "Hi all").
_GREETING = re.compile(
    rf"(?m)^[ \t]*(?:Bonjour|Bonsoir|Salut|Coucou|Hi|Hello|Hey|Dear|Cher|Chère)[ \t]+"
    rf"([{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}'’]+)?)(?=[ \t]*[,!\n])"
)
_NOT_ADDRESSEE = frozenset(
    {
        "colleague", "colleagues", "collègue", "collègues", "confrère", "consœur", "consoeur", "docteur", "docteure",
        "doctor", "sir", "madam", "madame", "monsieur", "all", "everyone", "team", "tous", "toutes", "équipe",
        "equipe", "professeur", "professor", "friend", "ami", "amie",
    }
)  # fmt: skip


def find_greeted_names(text: str) -> Iterator[Candidate]:
    """The first name after a greeting at a line start."""
    for m in _GREETING.finditer(text):
        if m.group(1).lower() not in _NOT_ADDRESSEE:
            yield Candidate(m.start(1), m.end(1), "PERSON", 62)


# A list of people after "cc", "Copie à", "Copy to": the items after the first one.
_LIST_FIELD = re.compile(r"(?im)(?:^|[|;(]\s*|\b)(?:cc|copie(?: [àa])?|copy to|copies? to)[ \t]*[:\-]?[ \t]*(?=\S)")
_ITEM_TAIL = re.compile(r"\s*(?:,\s*(?:MD|M\.D\.|PA-C|NP|RN|DO|GP)\b\.?|\((?:GP|MD|ED|[\w .-]{1,20})\))?\s*(?:[;,]|$)")


def find_listed_names(text: str) -> Iterator[Candidate]:
    """Every item of a copy list that is a name ("cc : BERNARD Inès, Marie-Édith Marchand ; Dr Le Gall")."""
    for m in _LIST_FIELD.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        pos = m.end()
        while pos < line_end:
            title = TITLE.match(text, pos)
            start = title.end() if title else pos
            span = _name_run(text, start, allow_lower=False, strong=True)
            if span is None or span[1] > line_end:
                break
            tail = _ITEM_TAIL.match(text[:line_end], span[1])
            if tail is None:
                break  # not a whole item: an institution or free text follows
            value = text[span[0] : span[1]]
            if not _INSTITUTION_WORD.search(value) and not all(
                w.lower() in _never_names() for w in re.findall(r"[\w'’-]+", value)
            ):
                yield Candidate(span[0], span[1], "PERSON", 76)
            pos = tail.end()
            while pos < line_end and text[pos] in " \t;,":
                pos += 1


_INSTITUTION_WORD = re.compile(
    r"(?i)\b(?:h[oô]pital|hospital|clinique|clinic|centre|center|institut|infirmary|practice|care|health|cabinet|"
    r"chu|ch|chem|chl|ehu|eph|ehs|dossier|patient|m[ée]decin|pmi|ssr|ehpad|usld|groupe|imagerie|cabinet)\b"
)
# A name alone on its line, above a role line ("Attending Radiologist", "Radiologue") or below "Fait à X, le ...".
_ROLE_LINE = re.compile(r"(?i)^[ \t]*(?:attending |consultant |staff |senior )?(?:radiologist|radiologue|md\b|m\.d\.)")
_SIGN_OFF = re.compile(r"(?i)(?:^[ \t]*fait [àa] [^\n]*|^[ \t]*le radiologue,?[ \t]*|/s/[ \t]*)$")


def find_signature_names(text: str) -> Iterator[Candidate]:
    """Signature lines: a name alone on a line above a role line or below a "Fait à ..." / "Le radiologue," line."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    for k, (line_start, raw) in enumerate(lines):
        value = raw.strip()
        if not value or len(value) > 60:
            continue
        nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
        prev = lines[k - 1][1] if k >= 1 else ""
        if not (_ROLE_LINE.match(nxt) or _SIGN_OFF.search(prev)):
            continue
        offset = line_start + raw.index(value)
        title = TITLE.match(text, offset)
        start = title.end() if title else offset
        span = _name_run(text, start, allow_lower=False, strong=True)
        if span is None or span[1] != offset + len(value.rstrip(".,")):
            continue  # the whole line must be the name
        words = re.findall(r"[\w'’-]+", text[span[0] : span[1]])
        if all(w.lower() in _never_names() or w.lower() in common_words() for w in words) and len(words) > 1:
            continue
        if _INSTITUTION_WORD.search(text[span[0] : span[1]]):
            continue
        yield Candidate(span[0], span[1], "PERSON", 76)  # above a civil title: "M. Leroy" signing is staff


def find_lexicon_names(text: str) -> Iterator[Candidate]:
    """Names without context: first name + capitalised word, or a lone known surname (capitalised/UPPER)."""
    first_names, last_names = name_lexicons()
    stop = common_words()
    for m in NAME_TOKEN.finditer(text):
        word = m.group(0)
        if len(word) < 2 or word.endswith("."):
            continue
        lower = word.lower()
        if lower in stop or lower in _NAME_STOP:
            continue
        if eponym_use(text, m.start(), m.end()):
            continue
        is_first = lower in first_names
        is_last = lower in last_names or all(p in last_names for p in lower.split("-") if p)
        if not (is_first or is_last):
            continue
        if word.isupper() and len(word) <= 3:
            continue  # acronyms
        span = _name_run(text, m.start(), allow_lower=False, max_tokens=3)
        if span is None:
            continue
        if is_first or is_last:
            yield Candidate(span[0], span[1], "PERSON", 20 if not is_eponym_word(word) else 10)


INSTITUTION_HEAD = re.compile(
    r"(?<!\w)(?:Centre Hospitalier(?: Universitaire| Régional(?: Universitaire)?| Intercommunal| Départemental)?|"
    r"Centre hospitalier(?: universitaire| régional)?|CHRU|C\.?H\.?U\.?|C\.?H\.?R\.?|CHIC?|CHS|CH|"
    r"CIUSSS|CISSS|GMF-U|GMF|GHU|CHEM|CHdN|CHL|EHU|EPH|EHS|SELARL(?: [Ii]magerie)?|[ÉE]tablissements? hospitaliers?|"
    r"Cliniques? (?:universitaires?|radiologique|médicale)|Centre [Mm]édical|Réseau hospitalier|"
    r"Centre d['’]Imagerie(?: Médicale)?|(?:Hôpital|Hôpitaux) (?:régional|cantonal|universitaire|"
    r"intercantonal|de zone|psychiatrique)|"
    r"Groupe [Hh]ospitalier|"
    r"Hôpital(?: [Pp]rivé| [Dd]épartemental| [Ii]nstitut)?|Hôpitaux(?= [A-Z])|Hopital|H[ôo]tel-Dieu|"
    r"Clinique|Polyclinique|Cabinet(?: de radiologie| "
    r"médical| d['’]imagerie(?: médicale)?)?|Centre d['’]imagerie(?: médicale)?|Centre de radiologie|"
    r"Institut(?: de radiologie| d['’]imagerie(?: médicale)?)?|Fondation|Maison de santé|EHPAD|Pôle santé|"
    r"Groupe médical|Imagerie médicale|Site|SSR|USLD|PMI|CAMSP|CMPP|CMP|HAD|Groupe d['’][Ii]magerie|Groupe [Ii]magerie|"
    r"GROUPE D['’]IMAGERIE|GROUPE IMAGERIE|cabinet de radiologie|cabinet d['’]imagerie(?: médicale)?|"
    r"centre d['’]imagerie(?: médicale)?|centre de radiologie|groupe d['’]imagerie|"
    r"Hospital|Clinic|Medical Center|Medical Centre|Health Center|Imaging Center|Radiology Associates|"
    r"University Hospital|General Hospital|Memorial Hospital|Children['’]s Hospital|Infirmary|"
    r"Maternit[ée]|P[ôo]le (?:[Ff]emme|[Mm][èe]re)-[Ee]nfant|Spital|Kantonsspital|Klinik|Ospedale(?: regionale)?)(?!\w)"
)
_INSTITUTION_TAIL = re.compile(
    r"(?:[ \u00a0](?:p[ée]diatrique|g[ée]riatrique|psychiatrique|priv[ée]e?|mutualiste|sp[ée]cialis[ée]e?|"
    r"polyvalente?)(?=[ \u00a0][A-ZÀ-Þ]))?"
    rf"(?:[ \u00a0](?:de la |de l['’]|du |des |de |d['’]|of |of the |la |le |les |)(?:(?:Saint|Sainte|St\.?|Ste)[- ]?)?"
    rf"[{_UPPER}][\w'’.-]*(?:[- ](?:[{_UPPER}][\w'’-]*|sur|lès|les|la|le|de|en))*)+"
)
_EN_INSTITUTION_SUFFIX = re.compile(
    r"(?:General Hospital|Medical Center|Medical Centre|Imaging Center|Radiology Associates|Memorial Hospital|"
    r"Hospital|Clinic|Health Center|Infirmary|Health System)(?!\w)"
)


# English institution names end with one of these words; the capitalised words before it are the name.
_EN_SUFFIX = re.compile(
    r"(?<![\w-])(?:Hospitals?|Infirmary|Clinic|Medical Cent(?:er|re)|Health(?: System| Cent(?:er|re)| Care)?|"
    r"Urgent Care|Family Practice|Practice|Institute|Pavilion|Campus|Wing|(?:NHS )?(?:Foundation )?Trust|"
    r"Surgery|Medical Group|Imaging Cent(?:er|re)|Radiology Associates|Nursing Home|Care Home|Retirement Home|"
    r"Rest Home|Aged Care|Family Medicine|Family Health(?: Cent(?:er|re))?|Medical Practice|Primary Care|"
    r"Health Partners|Medical Associates|Spital|Kantonsspital|Klinik|Krankenhaus|Klinikum|"
    r"Maternity (?:Unit|Hospital|Centre|Center)|Women['’]s Hospital|"
    r"(?:Spine|Cancer|Heart|Surgical|Orthop(?:a)?edic|Rehabilitation|Children['’]s|Trauma|Eye|Sports Medicine|"
    r"Bone & Joint|Bone and Joint|Imaging) Cent(?:er|re))(?![\w-])"
)
# Suffixes that need a non-common word before them ("Public Health", "Private Practice" name no one).
_WEAK_SUFFIX = ("Health", "Practice", "Institute", "Pavilion", "Campus", "Wing", "Surgery", "Trust")
_EN_NAME_WORD = re.compile(r"(?:St\.|[A-Z][\w'’.-]*|&|and|of|the|upon|on)$")
_NOT_INSTITUTION_WORDS = frozenset({"dr", "dr.", "gp", "cc", "tel", "fax", "md", "re", "copy", "pt", "mr", "mrs", "ms"})
# Label words a head word's tail must not be ("Hospital No: 123" is a field label).
_TAIL_STOP = re.compile(r"\s*(?:No|Number|Nos?\.|ID|Records?|Name|#)\b")
_DEPARTMENT_WORD = re.compile(r"(?:Department|DEPARTMENT|Dept\.?|Division|Service|Unit|Section)$")
_INSURER_BEFORE = re.compile(
    r"(?i)(?:insurer|insurance|assureur|assurance|mutuelle|caisse|health plan|payer|payor)[ \t]*:?[ \t]*$"
)
# Upper-case letterhead keywords: a line in capitals that holds one of them is an institution name.
_UPPER_KEYWORDS = re.compile(
    r"\b(?:CENTRE HOSPITALIER|H[OÔ]PITA(?:L|UX)|CHU|CHRU|CHR|CHI|CLINIQUE|POLYCLINIQUE|INSTITUT|INSTITUTE|"
    r"HOSPITALS?|INFIRMARY|CLINIC|MEDICAL CENT(?:ER|RE)|HEALTH|TRUST|URGENT CARE|CENTRE D['’]IMAGERIE|"
    r"CABINET|GROUPE HOSPITALIER|FONDATION|CLINIQUES|CENTRE MÉDICAL|INC\.|LLC|CHILDREN['’]S|IMAGING|RADIOLOGIE|"
    r"HEALTH SCIENCES|X-RAY)(?!\w)"
)
# Capitals that make a heading, not a name ("DIAGNOSTIC IMAGING REPORT", "SERVICE DE RADIOLOGIE").
_UPPER_HEADING = re.compile(
    r"\b(?:REPORT|DEPARTMENT|DEPT|SERVICE|DIAGNOSTIC|MUSCULOSKELETAL|UNIT|SECTION|FINAL|COMPTE|RENDU|EXAMEN|"
    r"FINDINGS|IMPRESSION|INTERVENTIONNELLE|INTERVENTIONAL|PÔLE|POLE)\b"
)


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str


def _en_institutions(text: str) -> Iterator[Candidate]:
    """English names before a suffix: "Hillburgh Royal Infirmary", "St. Jude's Children's Hospital", "Larson
    Orthopedic & Spine Institute", "Lakeside Family Practice" (the capitalised words back to a punctuation mark)."""
    stop = basic_stop_words()
    common = common_words()
    for m in _EN_SUFFIX.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        words = list(re.finditer(r"\S+", before))
        kept: list[_Word] = []
        for w in reversed(words[-7:]):
            gap = before[w.end() : kept[0].start] if kept else before[w.end() :]
            if gap != " ":
                break  # a column gap or a tab separates fields
            opener = re.match(r"[(\[\"“«]+", w.group(0))
            if opener:  # "(Lakeside Family Practice)": the bracket opens the name
                inner = re.match(r"\S+", before[w.start() + opener.end() : w.end()])
                if inner and _EN_NAME_WORD.match(inner.group(0)):
                    kept.insert(0, _Word(w.start() + opener.end(), w.end(), inner.group(0)))
                break
            if not _EN_NAME_WORD.match(w.group(0)) or w.group(0).endswith((",", ";", ":")):
                break
            kept.insert(0, _Word(w.start(), w.end(), w.group(0)))
        while kept and (kept[0].text.lower() in stop or kept[0].text.lower() in _NOT_INSTITUTION_WORDS):
            kept.pop(0)
        if not kept or _DEPARTMENT_WORD.match(kept[0].text):
            continue  # "Department of Orthopaedic Surgery" is a ward, not an institution
        if _INSURER_BEFORE.search(text, max(0, line_start + kept[0].start - 30), line_start + kept[0].start):
            continue  # "Insurer: AXA Health": insurer names are not labelled
        raw_first, raw_last = raw_name_lexicons()
        if m.group(0).split()[0] in _WEAK_SUFFIX and all(
            w.text.lower() in common and w.text.lower() not in raw_last and w.text.lower() not in raw_first
            for w in kept
        ):
            continue
        yield Candidate(line_start + kept[0].start, m.end(), "INSTITUTION", 52)


def _upper_letterheads(text: str) -> Iterator[Candidate]:
    """A segment in capitals (a letterhead line, or a cell between tags) holding an institution keyword."""
    for line in re.finditer(r"[^\n]+", text):
        for seg in re.finditer(r"\S+(?: (?![-–—|·] )\S+)*", line.group(0)):  # " - " separates segments
            value = seg.group(0)
            letters = [c for c in value if c.isalpha()]
            if len(letters) < 6 or any(c.islower() for c in letters) or " " not in value:
                continue
            if _UPPER_KEYWORDS.search(value) and not _UPPER_HEADING.search(value):
                start = line.start() + seg.start()
                yield Candidate(start, start + len(value.rstrip(".,;:")), "INSTITUTION", 53)


# Institution acronyms that name one place on their own ("CHUM", "CHUV", "HUG", "CHIREC"), a hospital adjective of
# place ("Hôpital fribourgeois"), a company suffix ("Radiologie Joliette inc.", "Gibson Imaging Associates, LLC"),
# imaging chains with a site after the brand ("Lake Imaging Randwick", "I-MED Radiology Fremantle").
_INSTITUTION_ACRONYM = re.compile(
    r"(?<![\w-])(?:CHU[MVLSQ]|CHIREC|HUG|HFR|eHnv|CHUQ|CUSM|MUHC|APHM|AP-HP|HCL|CHRU|CHR|CHUV|CHEM|CHdN|CHL)(?![\w-])"
)
_DEMONYM_HOSPITAL = re.compile(
    r"(?<!\w)(?:Hôpital|Hopital|Clinique|Centre hospitalier|Réseau hospitalier) [a-zà-ÿ]+(?:ois|oise|ais|aise)\b"
)
_COMPANY = re.compile(
    rf"(?<![\w-])(?:[{_UPPER}][\w'’-]*[ \t]+){{1,4}}"
    r"(?:inc\.|Inc\.|ltée|Ltée|(?:Associates|Imaging|Radiology),? (?:LLC|PC|PLLC|Pty Ltd|Ltd))"
)
_CHAIN = re.compile(
    rf"(?<![\w-])(?:(?P<brand>[{_UPPER}][\w'’-]*) (?:Imaging|X-Ray|Radiology|Children['’]s)|Health Sciences)"
    rf"(?P<site>(?: [{_UPPER}][\w'’-]*){{1,2}})"
)
_CHAIN_NOT_BRAND = frozenset(
    [
        "diagnostic",
        "medical",
        "musculoskeletal",
        "interventional",
        "paediatric",
        "pediatric",
        "thoracic",
        "chest",
        "general",
        "emergency",
        "body",
        "breast",
        "neuro",
        "cardiac",
        "nuclear",
        "of",
        "the",
        "department",
        "joint",
        "digital",
        "final",
        "preliminary",
        "abdominal",
    ]
)
_CHAIN_NOT_SITE = frozenset(
    [
        "department",
        "report",
        "reports",
        "service",
        "unit",
        "findings",
        "request",
        "requested",
        "division",
        "section",
        "dept",
    ]
)


# Lower-case notes: "aux urgences du chu de brest".
_LOWER_CHU = re.compile(r"(?<![\w-])(?:chu|chru|chr|chi)[ \t]+(?:de[ \t]+|d['’])[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")


def _named_institutions(text: str) -> Iterator[Candidate]:
    for pattern in (_INSTITUTION_ACRONYM, _DEMONYM_HOSPITAL, _COMPANY, _LOWER_CHU):
        for m in pattern.finditer(text):
            yield Candidate(m.start(), m.end(), "INSTITUTION", 54)
    for m in _CHAIN.finditer(text):
        site = m.group("site").split()
        if (m.group("brand") or "").lower() in _CHAIN_NOT_BRAND or site[0].lower() in _CHAIN_NOT_SITE:
            continue
        end = (
            m.end() if len(site) == 1 or site[1].lower() not in _CHAIN_NOT_SITE else m.start("site") + 1 + len(site[0])
        )
        yield Candidate(m.start(), end, "INSTITUTION", 54)


def find_institutions(text: str) -> Iterator[Candidate]:
    """Institution names: a French head word with its name after it, an English name before its suffix, or an
    upper-case letterhead line with an institution keyword."""
    yield from _en_institutions(text)
    yield from _upper_letterheads(text)
    yield from _named_institutions(text)
    for m in INSTITUTION_HEAD.finditer(text):
        if _TAIL_STOP.match(text, m.end()):
            continue  # "Hospital No:", "Hôpital N°"
        tail = _INSTITUTION_TAIL.match(text, m.end())
        start = m.start()
        end = tail.end() if tail else m.end()
        before = re.search(
            rf"((?:(?:St\.|Saint)\s+)?(?:[{_UPPER}][\w'’-]*\s+){{1,3}})$", text[max(0, start - 60) : start]
        )
        if m.group(0)[0].isupper() and _EN_INSTITUTION_SUFFIX.fullmatch(m.group(0)) and before:
            words = before.group(1).split()
            stop = basic_stop_words()
            keep = words[next((i for i, w in enumerate(words) if w.lower() not in stop), len(words)) :]
            if keep:
                start -= len(before.group(1))
                start += before.group(1).index(keep[0])
        if end == m.end() and start == m.start():
            continue  # a bare head word ("la clinique", "Hospital") names no one
        yield Candidate(start, end, "INSTITUTION", 52)


_STREET_TYPES_FR = (
    r"rue|avenue|av\.|boulevard|bd|chemin|impasse|allée|allee|place|route|quai|cours|square|passage|rond-point|"
    r"voie|sentier|résidence|residence|lotissement|hameau|lieu-dit|faubourg|chaussée|parvis|esplanade|montée|"
    r"promenade|villa|cité|cite|mail|domaine|parc|ruelle|traverse"
)


def _street_suffixes_en() -> str:
    from faker.providers.address.en_US import Provider

    suffixes = sorted({s for s in Provider.street_suffixes} | {"St", "Ave", "Rd", "Blvd", "Ln", "Dr"}, key=len)
    suffixes += [s.upper() for s in suffixes if len(s) > 3]  # banners in capitals: "630 HAWKINS PARKWAY"
    return "|".join(re.escape(s) for s in sorted(set(suffixes), key=len, reverse=True))


_ADDRESS_RE: list[re.Pattern[str]] = []
_US_STATES = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|"
    r"PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)"
)
# A street named after a titled person ("rue du Docteur Roux", "place du Professeur Calmette") is a place, not a name.
_TITLED_STREET = re.compile(
    r"(?i)\b(?:du|de la|of)\s+(?:docteur|professeur|général|maréchal|président|abbé|chanoine|pasteur|colonel|"
    r"commandant|capitaine|lieutenant|sergent|dr|pr)\b"
)
# A sign-off place at a line start: "Carouge, le 11/06", "Bienne, le 01.06".
_SIGN_OFF_PLACE = re.compile(rf"(?m)^([{_UPPER}][\w'’]*(?:-[{_UPPER}]?[\w'’]+)*), le \d")
# "à Saint-Pierre", "in St-Lambert": a Saint compound after a place preposition names a town.
_SAINT_PLACE = re.compile(rf"\b(?:à|a|in|de|from)[ \t]+((?:Saint|Sainte|St|Ste)-[{_UPPER}][\w'’]*(?:-[\w'’]+)*)")
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}"


def _address_patterns() -> list[re.Pattern[str]]:
    if not _ADDRESS_RE:
        city = rf"[{_UPPER}][\w'’]*(?:[- ](?:[{_UPPER}][\w'’]*|sur|sous|lès|les|la|le|de|du|en|aux|d['’]\w+))*"
        _ADDRESS_RE.extend(
            [
                # 12 bis, rue des Lilas[, 75011 Paris]
                re.compile(
                    rf"(?<!\w)(?:\d{{1,4}}(?:\s?(?:bis|ter|[A-Ba-b]))?,?\s+)?(?:{_STREET_TYPES_FR})\s+"
                    rf"(?:(?:de la|de l['’]|du|des|de|d['’]|la|le|les)\s*)?[\w'’.-]+(?:[ -][\w'’.-]+){{0,5}}?"
                    rf"(?=\s*(?:,|\n|$|\||;|\)|\s[–—·-]\s|\s\d{{5}}\b))(?:,?\s*\d{{5}}[ \t]+{city})?",
                    re.IGNORECASE | re.MULTILINE,
                ),
                # Belgian/Swiss number-last streets: "Rue du Bugnon 23A", "Chaussée Albert Ier 159 bte 12",
                # "Rue Albert Ier, 133", "Bâtiment C, 63 rue ..." (building prefix)
                re.compile(
                    rf"(?<!\w)(?:(?:Bâtiment|Bât\.|Building|Level|Niveau)\s+\w{{1,3}},\s+)?(?:\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+)?"
                    rf"(?i:{_STREET_TYPES_FR})\s+(?:(?i:de la|de l['’]|du|des|de|d['’]|la|le|les)\s*)?"
                    rf"[\w'’.-]+(?:[ -][\w'’.-]+){{0,5}}?,?\s\d{{1,4}}[A-Za-z]?(?:\s+(?:bte|boîte|bus)\s+\d{{1,4}})?"
                    rf"(?=\s*(?:,|\n|$|\||;|\)|\s[–—·-]\s))",
                    re.MULTILINE,
                ),
                # Postcode + town outside France: "B-1420 Braine-l'Alleud", "CH-1920 Martigny", "1630 Bulle FR",
                # "7500 TOURNAI" after a separator or at a line start (a bare 4-digit number could be a year).
                re.compile(
                    rf"(?<![\w/-])(?:(?:B|CH|L|A|D|F|NL)-\d{{4,5}}[ \t\u00a0]+{city}"
                    rf"|(?:(?<=[,·–—|]\s)|(?<=^)|(?<=\n)|(?<=\t))\d{{4}}[ \t\u00a0]+{city})"
                    rf"(?:[ \t]+(?:VD|VS|GE|FR|NE|BE|JU|ZH|TI|LU|BS|BL|SG|GR|AG|TG|SO|ZG|SZ|VIC|NSW|QLD)(?![\w]))?",
                    re.MULTILINE,
                ),
                # Canada "Laval, QC H7N 7M2", Australia "Alice Springs NT 0870", Ireland "Kilkenny R95 AFAN",
                # "Naas, Co. Kildare"
                re.compile(
                    rf"(?<![\w-]){city},?[ \t]+(?:(?:QC|ON|AB|BC|NS|NB|MB|SK|PE|NL|YT|NT|NU)"
                    rf"[ \t]+[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"
                    rf"|(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)[ \t]+\d{{4}}"
                    rf"|[ACDEFHKNPRTVWXY]\d[\dW][ \t][ACDEFHKNPRTVWXY\d]{{4}}"
                    rf"|Co\.?[ \t]+{city})(?![\w])"
                ),
                # 393 Johnson Heights Apt. 764, Stevenstown, AS 02542
                re.compile(
                    rf"(?<!\w)\d{{1,6}}[a-zA-Z]?\s+(?:[{_UPPER}][\w'.-]*\s+){{1,4}}(?:{_street_suffixes_en()})\.?"
                    rf"(?:\s+(?:Apt\.|Suite|Unit|#|APT\.|SUITE|UNIT)\s*\w+)?(?:,\s*{city})?(?:,?\s*[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?)?"
                    rf"(?!\w)"
                ),
                # 75011 Paris ; 69003 LYON ; 35033 RENNES CEDEX 9 (on one line)
                re.compile(
                    rf"(?<![\w/-])(?:[0-9]{{5}}|2[AB][0-9]{{3}})[ \t\u00a0]+{city}"
                    rf"(?:[ \t]+(?i:cedex)(?:[ \t]*\d{{1,2}})?)?"
                ),
                # Flat 2, Stone Pines[, Town][, N4 6FN] ; Studio 38, Karen Isle (UK addresses without a number)
                re.compile(
                    rf"(?<!\w)(?:Flat|Studio|Apartment|Unit|Suite|Apt\.?|FLAT|STUDIO|APARTMENT|UNIT|SUITE|APT\.?)\s+\w{{1,5}},\s+(?:[{_UPPER}][\w'.-]*\s+){{1,4}}"
                    rf"(?:{_street_suffixes_en()})(?:,\s*{city})?(?:,?\s*{_UK_POSTCODE})?(?!\w)"
                ),
                # Town N4 6FN ; West Kelly B70 2EW ; a UK postcode alone
                re.compile(rf"(?<![\w-])(?:{city},?[ \t]+)?{_UK_POSTCODE}(?!\w)"),
                # Springfield, IL 62701 ; FLORENCE SC 29501
                re.compile(rf"(?<!\w){city}(?:,\s*[A-Z]{{2}}|[ \t]+{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?(?!\w)"),
                # Irish/UK named buildings: "Ashgrove House, O'Connell Street", "Apt 26, Wilton Road"
                re.compile(
                    rf"(?<!\w)(?:[{_UPPER}][\w'’]+[ \t]+(?:House|Court|Building|Centre|Lodge)"
                    rf"|(?:Apt|Flat|Unit|Level)\.?"
                    rf"[ \t]+\w{{1,5}}),[ \t]+(?:[{_UPPER}][\w'’]*[ \t]+){{1,3}}"
                    rf"(?:{_street_suffixes_en()}|Hwy|Pde|Cres|Tce)\.?"
                    rf"(?!\w)"
                ),
                # A street without a number between commas: ", Ennis Road,", ", Stockman's Lane, Belfast"
                re.compile(
                    rf"(?<=, )(?:[{_UPPER}][\w'’]*[ \t]+){{1,2}}"
                    rf"(?:Road|Lane|Street|Avenue|Drive|Crescent|Terrace|Close|Parade|Boulevard|Highway|Row|Square|Quay|Hill)(?=,)"
                ),
                # Australian highways etc. missing from the suffix list: "7 Stirling Hwy", "Unit 15/14 Stirling Hwy"
                re.compile(
                    rf"(?<!\w)(?:Unit[ \t]+)?\d{{1,4}}(?:/\d{{1,4}})?[ \t]+(?:[{_UPPER}][\w'’]*[ \t]+){{1,3}}"
                    rf"(?:Hwy|Highway|Pde|Parade|Cres|Tce|Esplanade)\.?(?!\w)"
                ),
            ]
        )
    return _ADDRESS_RE


_PLACE_CONTEXT = re.compile(
    rf"(?:\b[Ff]ait à|\b[Hh][ôo]pitaux de|\b[Hh]ospices(?: [Cc]ivils)? de|\bà|\b[Hh]abite (?:à|au|aux)|"
    rf"\b[Dd]omicilié(?:e)? (?:à|au|aux)|"
    rf"\b[Rr]eported (?:in|at)|\b[Ll]ives in|\b[Rr]esides in|"
    rf"\bin|\bde|\bfrom|\bvers)\s+([{_UPPER}][\w'’]*(?:[- ](?:[{_UPPER}][\w'’]*|sur|sous|lès|les|la|le|de|en))*)"
)


# US military mail addresses: "PSC 1234, Box 5678, APO AE 09012", "Unit 2210 Box 41, DPO AA 34020", "USS Carl Vinson,
# FPO AP 96601" (the ship's name is a place here, not a person).
_MILITARY_ADDRESS = re.compile(
    rf"(?<![\w-])(?:(?:PSC|CMR|Unit)[ \t]+\d{{1,5}},?[ \t]+Box[ \t]+\d{{1,5}}|"
    rf"(?:USS|USNS|USNV|USCGC|HMS|HMCS|HMAS)[ \t]+[{_UPPER}][\w'’.-]*(?:[ \t][{_UPPER}][\w'’.-]*){{0,2}}),?[ \t]+"
    rf"(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{{5}}(?:-\d{{4}})?(?!\w)"
)
# A French commune written as a hyphenated compound with a lower-case link ("Saint-Priest-en-Jarez",
# "Boulogne-sur-Mer", "Châlons-en-Champagne", "Villeneuve-d'Ascq"): a place, whatever its context.
_COMPOUND_COMMUNE = re.compile(
    rf"(?<![\w'’-])[{_UPPER}][\w'’]+(?:-[{_UPPER}][\w'’]+)*"
    rf"-(?:sur|sous|en|lès|lez|les|le|la|de|du|des|aux|au|et|d['’](?=[{_UPPER}]))-?[{_UPPER}][\w'’]+"
    rf"(?:-(?:[{_UPPER}][\w'’]+|sur|sous|en|lès|les|le|la|de|du|des|aux|au))*(?![\w-])"
)
# Where a person comes from or lives: "a 94 year old female from Galway", "patiente originaire de Quimperlé",
# "résidant à Plouha".
_FROM_PLACE = re.compile(
    rf"(?:\b(?:male|female|man|woman|boy|girl|gentleman|lady|patient|resident|native|homme|femme|garçon|"
    rf"fille|patiente?|enfant)[ \t]+(?:from|of)|\boriginaire d['’]?e?|\brésid(?:ant|ante|ent|ente)[ \t]+(?:à|a)|"
    rf"\bvenant d['’]?e?|\bhabitant[ \t]+(?:à|a)|\bwho lives in|\bliving in)[ \t]*"
    rf"([{_UPPER}][\w'’]*(?:[- ](?:[{_UPPER}][\w'’]*|sur|sous|lès|les|la|le|de|en))*)"
)


# A city written before its country in brackets ("Rabat (Maroc)", "Achrafieh, Beyrouth (Liban)", "L-4240
# Esch-sur-Alzette (Luxembourg)"): the city is a LOCATION, the country name is not labelled.
_COUNTRIES = (
    r"Maroc|Morocco|Alg[ée]rie|Algeria|Tunisie|Tunisia|Liban|Lebanon|Belgique|Belgium|Suisse|Switzerland|Schweiz|"
    r"Luxembourg|Canada|Qu[ée]bec|Ontario|USA|U\.S\.A\.|US|United States|[ÉE]tats-Unis|Scotland|[ÉE]cosse|England|"
    r"Angleterre|Wales|UK|United Kingdom|Royaume-Uni|Ireland|Irlande|France|Germany|Allemagne|Deutschland|"
    r"Italy|Italie|Spain|Espagne|Portugal|Netherlands|Pays-Bas|Austria|Autriche|S[ée]n[ée]gal|Cameroun|Cameroon|"
    r"C[ôo]te d['’]Ivoire|Mali|Madagascar|Australia|Australie|New Zealand|Nouvelle-Z[ée]lande|Monaco|Andorre|"
    r"Andorra|Syrie|Syria|Jordanie|Jordan|Egypte|[ÉE]gypte|Egypt|Turquie|Turkey|Israel|Isra[ëe]l|Mauritanie|"
    r"Mauritania|Haïti|Haiti|Guin[ée]e|Guinea|Congo|Gabon|B[ée]nin|Benin|Togo|Niger|Burkina Faso"
)
_CITY_BEFORE_COUNTRY = re.compile(
    rf"(?<![\w'’-])([{_UPPER}][\w'’]*(?:[- ](?:[{_UPPER}][\w'’]*|sur|sous|lès|les|la|le|de|en|am|an|im))*"
    rf"(?:,[ \t][{_UPPER}][\w'’]*(?:[- ][{_UPPER}][\w'’]*)*)?)[ \t]*$"
)
_COUNTRY_IN_BRACKETS = re.compile(rf"\((?:{_COUNTRIES})\)")


def find_locations(text: str) -> Iterator[Candidate]:
    """Addresses (French and English), postcode + city, and cities named after "à"/"in" or known to the city list."""
    for country in _COUNTRY_IN_BRACKETS.finditer(text):
        m = _CITY_BEFORE_COUNTRY.search(text, max(0, country.start() - 60), country.start())
        if m is None:
            continue
        words = m.group(1).replace(",", " ").split()
        if all(w.lower() in common_words() and w.lower() not in CITIES for w in words):
            continue  # "Report (USA)": a common word, not a city
        yield Candidate(m.start(1), m.end(1), "LOCATION", 47)
    for m in _MILITARY_ADDRESS.finditer(text):
        yield Candidate(m.start(), m.end(), "LOCATION", 80)
    first_names = name_lexicons()[0]
    for m in _COMPOUND_COMMUNE.finditer(text):
        head = m.group(0).split("-")[0].lower()
        if head in first_names and re.match(rf"[ \t]+[{_UPPER}]", text[m.end() : m.end() + 3]):
            continue  # "Jean-de-Dieu Martin": a compound first name before a surname
        yield Candidate(m.start(), m.end(), "LOCATION", 40)
    for m in _FROM_PLACE.finditer(text):
        if m.group(1).lower() not in common_words():
            yield Candidate(m.start(1), m.end(1), "LOCATION", 46)  # below institutions: "from X Nursing Home"
    for pattern in _address_patterns():
        for m in pattern.finditer(text):
            year_like = re.match(r"((?:19|20)\d\d)[ \t\u00a0]+([\w'’-]+)", m.group(0))
            if year_like and year_like.group(2).lower() in common_words() and year_like.group(2).lower() not in CITIES:
                continue  # "2021 Comparaison ...": a year, then a common word, not a postcode and town
            yield Candidate(m.start(), m.end(), "LOCATION", 80 if _TITLED_STREET.search(m.group(0)) else 45)
    for m in re.finditer(rf"([{_UPPER}][\w'’-]+)[ \t]+\((\d{{5}})\)", text):
        if m.group(1).lower() in CITIES:  # "domiciliée à Laval (53000)"
            yield Candidate(m.start(2), m.end(2), "LOCATION", 45)
    for m in _SAINT_PLACE.finditer(text):
        yield Candidate(m.start(1), m.end(1), "LOCATION", 45)
    for m in _SIGN_OFF_PLACE.finditer(text):
        yield Candidate(m.start(1), m.end(1), "LOCATION", 45)
    for m in _PLACE_CONTEXT.finditer(text):
        name = m.group(1)
        lower = name.lower()
        strong = (
            m.group(0)
            .lower()
            .startswith(
                ("fait", "habite", "domicili", "reported", "lives", "resides", "hôpitaux", "hopitaux", "hospices")
            )
        )
        if strong or lower.replace(" ", "-") in CITIES:
            yield Candidate(m.start(1), m.end(1), "LOCATION", 77 if strong else 35)
    for m in re.finditer(rf"(?<![\w-])[{_UPPER}][\w'’]*(?:[- ][{_UPPER}]?[\w'’]*)?", text):
        word = m.group(0)
        if m.start() > 0 and _COUNTRY_IN_BRACKETS.match(text, m.start() - 1):
            continue  # "(Luxembourg)" after a city names the country
        if word.lower().replace(" ", "-") in CITIES:
            yield Candidate(m.start(), m.end(), "LOCATION", 33)
        elif word.split()[0].lower() in CITIES:
            end = m.start() + len(word.split()[0])
            yield Candidate(m.start(), end, "LOCATION", 33)


# An initial and a surname in a staff slot: after "par", "Radiographer:", "Équipe :" or before a role in brackets
# ("réalisé ... par F. Mbappé.", "J. Petrovic (registrar)", "Radiographer: J. Van Buren").
_INITIAL_NAME = rf"[{_UPPER}]\.?[ \t](?:(?:Le|La|De|Van|Von|Mc|Mac|Ní|Ó)[ \t])?[{_UPPER}][\w'’-]+"
_STAFF_INITIAL = re.compile(
    rf"(?:(?<=\bpar )|(?<=\bby )|(?<=[Rr]adiographer: )|(?<=[ÉE]quipe : )|(?<=[Tt]eam: ))({_INITIAL_NAME})(?![\w'’-])"
    rf"|(?<![\w.])({_INITIAL_NAME})(?=[ \t]*\((?:registrar|interne|externe|MERM|radiographer|resident|fellow|"
    rf"s[ée]nior|consultant)\))"
)


def find_staff_initials(text: str) -> Iterator[Candidate]:
    """Staff named by an initial and a surname in a staff slot."""
    for m in _STAFF_INITIAL.finditer(text):
        group = 1 if m.group(1) else 2
        yield Candidate(m.start(group), m.end(group), "PERSON", 74)


def find_rules(text: str) -> list[Candidate]:
    """Every context-rule candidate in `text`."""
    out: list[Candidate] = []
    for finder in (
        find_titled_names,
        find_field_names,
        find_caret_names,
        find_listed_names,
        find_staff_initials,
        find_greeted_names,
        find_signature_names,
        find_lexicon_names,
        find_institutions,
        find_organisations,
        find_locations,
    ):
        out.extend(finder(text))
    return out
