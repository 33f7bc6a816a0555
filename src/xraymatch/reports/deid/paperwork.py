"""Administrative paperwork around a report: who it is about, payment and vehicle numbers, courts and firms, and the
registry numbers that are NOT identifiers.

Candidates (`find_paperwork`):
- the patient after a foreign or paperwork lead-in: "Paciente :", "Paziente :", "Grenzgänger : Herr", "Italian
  resident", "Spanish visitor", "report on", "identified as", "Identity checked:", the greeting of an SMS/TEXT
  reminder ("TEXT: Hi Tom,"), a name followed by a nickname and the nickname itself ("dit « Jojo »", "(known as
  Bill)", "William 'Bill' Turner"), CRF initials ("Initiales M-D");
- a staff name in lower case after a dictation cue ("dictated by doc patel");
- IBANs (mod-97 checked), vehicle plates, aircraft registration marks after their cue ("immatriculé F-GKZB"),
  passport / residence-permit / driving-licence / identity-card numbers, booking, invoice and fax references ("Ref",
  "V/Réf", "N/Réf"), trial subject codes, a month-year of birth;
- courts with their seat ("County Court at Leeds"), solicitors' and other firms (round 22: "AARPI X Y", "X Y Injury
  Law"), a company named in a claim, the
  sender of a fax, screening centres after their programme, Italian/German/Spanish hospitals.

Traps (`registry_traps`): EudraCT and NCT registry numbers with their cue, trial protocol acronyms, FHIR `"system"`
URLs, FHIR coding `"code"` values and, for the safety net, bracketed all-capital mnemonics ("(ATMIST)"): spans no
identifier may be found in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from xraymatch.reports.deid.patterns import Candidate

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_NAME = rf"{_CAP}(?:[ \t]+(?:(?:de|da|del|van|von|di|le|la)[ \t]+)?{_CAP}){{0,3}}"
_HONORIFIC = (
    r"(?:(?:Herr|Frau|Sr|Sra|Dña|Dn|Don|Doña|Sig|Sig\.ra|Signora|Signor|Mr|Mrs|Ms|Miss|Mme|Mlle|M|Madame|Monsieur)"
    r"\.?[ \t]+)?"
)
_NATION = (
    r"Spanish|Italian|German|Portuguese|Belgian|Swiss|Dutch|Polish|French|Irish|British|American|Austrian|"
    r"Romanian|Greek|Swedish|Danish|Norwegian|Canadian|Australian|Moroccan|Algerian|Tunisian|Luxembourgish"
)
_PATIENT_LEAD = re.compile(
    r"(?:\b(?:Paciente|Paziente|Patientin|Assistit[oa]|Grenzgänger(?:in)?|Versicherte[rn]?)[ \t]*:[ \t]*"
    rf"|\b(?:{_NATION})[ \t]+(?:visitor|resident|tourist|national|patient|citizen|worker|student)[ \t]+"
    r"|(?i:\b(?:medico-legal |expert |medical )?report on|rapport d['’]expertise (?:concernant|de))[ \t]+"
    r"|(?i:\b(?:later |subsequently )?identified as|identifi[ée]e? comme)[ \t]+"
    r"|(?i:\bidentity checked|identité vérifiée)[ \t]*:[ \t]*"
    r"|(?i:\bvisiting patient from|patient(?:e)? frontali[eè]re?)[^\n:]{0,40}:[ \t]*"
    r"|\b(?:SMS|TEXT|Texto|Text message)\b[^\n:]{0,16}:[ \t]*(?:Hi|Hello|Dear|Bonjour|Bonsoir|Hola|Ciao|Hallo)[ \t]+)"
    rf"{_HONORIFIC}(?P<name>{_NAME})"
)
_NICK_AFTER = re.compile(
    rf"(?P<name>{_CAP}(?:[ \t]+{_CAP}){{0,3}})[ \t]*(?:,[ \t]*)?"
    r"(?:\((?:known as|aka|a\.k\.a\.|dite?|dit\(e\)|surnomm[ée]e?)[ \t]+[\"“«'‘]?[ \t]?(?P<nick1>"
    + _CAP
    + r")[ \t]?[\"”»'’]?\)"
    r"|(?:dite?|dit\(e\)|surnomm[ée]e?|known as|aka|alias)[ \t]+[\"“«'‘][ \t]?(?P<nick2>" + _CAP + r")[ \t]?[\"”»'’])"
)
_SINGLE_QUOTED_NICK = re.compile(rf"(?P<first>{_CAP})[ \t]+['‘](?P<nick>{_CAP})['’][ \t]+(?P<last>{_CAP})")
_INITIALS = re.compile(r"(?i:\binitiales|\binitials)[ \t]*:?[ \t]*(?P<value>[A-Z](?:[.-]?[A-Z]){1,3})(?![\w])")
_DICTATED = re.compile(
    r"(?i:dictated by|dict[ée]e? par|relu par|read by|checked by|revu par)[ \t]+(?i:doc|docteur|doctor|dr)\.?[ \t]+"
    r"(?P<first>[a-zà-ÿ][a-zà-ÿ'’-]+)(?:[ \t]+(?P<second>[a-zà-ÿ][a-zà-ÿ'’-]+))?"
)
_PAGER_OWNER = re.compile(rf"(?i:\bbip|\bbleep|\bpager|\bbeeper)[ \t]+\d{{3,5}}[ \t]*\((?P<name>{_NAME})\)")
_CREW_LAST = re.compile(
    r"(?m)(?:\b(?i:crew|équipage)[ \t]*:[^\n]*?,[ \t]*|\b(?i:ambulanci(?:er|ère)|paramedic|brancardier)[ \t]+)"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{2,})(?=[ \t]*$)"
)
_FUNCTION_WORDS = frozenset(
    ("le", "la", "les", "de", "du", "des", "en", "et", "the", "of", "on", "in", "and", "a", "au", "aux", "un", "une")
)

_IBAN = re.compile(r"(?<![\w])(?P<value>[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?![\w])")
_PLATE = re.compile(
    r"(?i:vehicle reg(?:istration)?\.?(?:[ \t]+(?:no\.?|number|mark))?|reg(?:istration)?\.?[ \t]+(?:no\.?|number|"
    r"plate|mark)|number plate|licen[cs]e plate|plaque(?: d['’]immatriculation)?|immatricul[ée]e?|immatriculation|"
    r"Kennzeichen|targa|matrícula)[ \t]*:?[ \t]*"
    r"(?P<value>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,4}){0,2})(?![\w-])"
)
# Round 22: an aircraft's registration mark after its cue ("immatriculé F-GKZB", "aircraft registration G-CKMT",
# "N4721K"): ICAO nationality prefix, hyphen, 3-5 letters; like a licence plate it points to an owner.
_AIRCRAFT_MARK = re.compile(
    r"(?i:immatricul\w*|registration(?:[ \t]+mark)?|registered|reg\.|aircraft|avion|appareil|aéronef|ULM|microlight|"
    r"glider|planeur|hélicoptère|helicopter|tail[ \t]+number)[ \t]*:?[ \t]*(?:n°[ \t]*)?"
    r"(?P<value>(?:[A-Z]{1,2}|\d[A-Z]|[A-Z]\d)-[A-Z]{3,5}|N\d{1,5}[A-HJ-NP-Z]{0,2})(?![\w-])"
)
_PERMIT = re.compile(
    r"(?:(?i:residence permit|permis de séjour|titre de séjour|carte de séjour|passport|passeport|reisepass|pasaporte|"
    r"passaporto|driving licen[cs]e|driver['’]?s licen[cs]e|permis de conduire|führerschein|patente|"
    r"carnet de conducir|carte d['’]identité|carta d['’]identità|identity card|ID card|Personalausweis)"
    r"|\b(?:DNI|NIE|NIF|KVNR|CF))"
    r"(?:[ \t]+(?i:no\.?|n°|nr\.?|number|numéro|num\.?))?[ \t]*[:#]?[ \t]*"
    r"(?P<value>(?=[A-Z0-9]*\d)[A-Z0-9]{6,20}|[A-Z][A-Z0-9]{7,11})(?![\w])"
)
_AGE_AFTER_PATIENT = re.compile(
    r"(?m)^(?:Patient|Patiente|Victime|Victim|Casualty)[ \t]*:[^\n,]{2,50},[ \t]*(?P<value>\d{1,3}[ \t]?[MF])(?![\w])"
)
_REFERENCE = re.compile(
    r"(?:(?i:booking|appointment|confirmation|invoice|facture|order|ticket|reservation|réservation|dossier CAF|"
    r"dossier MDPH|CAF|MDPH|allocataire)[ \t]+(?i:ref(?:erence)?\.?|réf(?:érence)?\.?|n°|no\.?|number|numéro|#)"
    r"|\b(?:V|N|Y|O|Vos|Nos)/R[ée]f\.?|\b(?i:our|your) ref\.?|\b(?:Ref|REF|Réf|RÉF)\.?)"
    r"[ \t]*[:#]?[ \t]*(?P<value>(?=[\w/.-]*\d)[A-Z0-9][A-Z0-9/.-]{3,30}[A-Z0-9]"
    r"|(?-i:[A-Z]{2,4}-[A-Z0-9]{5,12}|[A-Z][A-Z0-9]{6,11}))(?![\w])"
)
_NOT_REFERENCE = re.compile(r"NCT\d{8}|\d{4}-\d{6}-\d{2}|[A-Z]{4}\d{3}|\d{1,3}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")
_SUBJECT = re.compile(
    r"\b(?:Subject|Sujet|Participant|Patient)[ \t]+(?i:no\.?|n°|code|ID|number)?[ \t]*:?[ \t]*"
    r"(?P<value>(?=[\w-]*\d)[A-Z0-9]{1,6}(?:-[A-Z0-9]{2,6}){1,3})(?![\w-])"
)
_MONTH_OF_BIRTH = re.compile(
    r"(?i:\bDOB|date of birth|date de naissance|né(?:e)? en|born)[ \t]*:?[ \t]*"
    r"(?P<value>(?:19|20)\d{2}-(?:0[1-9]|1[0-2]))(?![\d-])"
)

_COURT = re.compile(
    rf"(?P<value>(?:{_CAP}[ \t]+){{1,3}}(?:Crown|County|Magistrates['’]?|Family|Coroner['’]?s)[ \t]+Court"
    r"(?![ \t]+(?:at|of))"
    r"|(?:High Court|County Court|Crown Court|Magistrates['’]? Court|Family Court|Employment Tribunal|"
    r"Tribunal judiciaire|Tribunal de grande instance|Tribunal d['’]instance|Tribunal de commerce|"
    r"Tribunal administratif|Cour d['’]appel|Conseil de prud['’]hommes|Amtsgericht|Landgericht|Sozialgericht|"
    r"Tribunale|Juzgado)(?:,?[ \t]+(?:at|of|de|du|des|d['’]|di|del|in)?[ \t]*"
    rf"{_CAP}(?:[ \t-]+(?:(?:de|du|la|sur|en|on|upon)[ \t-]+)?{_CAP}){{0,4}})?)"
)
_FIRM = re.compile(
    rf"(?P<value>{_CAP}(?:[ \t]+(?:&|and|et|{_CAP})){{0,4}}[ \t]+"
    r"(?:Solicitors|LLP|Avocats|Associés|SARL|SAS|SELARL|GmbH|Ltd|Limited|plc|S\.A\.|Inc\.?))(?![\w])"
    # round 22: a law firm by its head ("Delgado Fisher Injury Law", "Hart Legal") or its French form before the
    # partners' names ("AARPI Vidal Okonkwo", "SCP Martin & Roux")
    r"|(?P<law>(?!(?:Dr|Pr|Prof|Mr|Mrs|Ms|Mme|Mlle|Me|M|Miss|Sir)\b)"
    rf"{_CAP}(?:[ \t]+(?:&|and|{_CAP})){{1,4}}[ \t]+(?:Law|Legal|Lawyers|Attorneys)"
    r"(?:[ \t]+(?:Firm|Group|Offices?|LLP|PC))?)(?![\w])(?![ \t]+(?:Act|Society|Commission|Review|Reform|School))"
    rf"|(?:AARPI|SCP|SELAS|SELAFA|SELARL)[ \t]+(?P<partners>{_CAP}(?:[ \t]+(?:&|et|{_CAP})){{0,3}})"
)
_COMPANY = re.compile(
    r"(?i:la société|l['’]entreprise|son employeur|employeur|employer|the company|la compagnie)[ \t]*:?[ \t]+"
    rf"(?P<value>{_CAP}(?:[ \t]+(?:de|du|des|&)?[ \t]*{_CAP}){{0,3}})"
)
_ORG_WORD = (
    r"(?i:imagerie|imaging|radiolog\w*|clinique|clinic|centre|center|cabinet|hôpital|hospital|diagnostics?|scanner|"
    r"santé|health|medical|médical|polyclinique|infirmary|surgery|practice|EHPAD|résidence)"
)
_FAX_FROM = re.compile(
    r"(?m)^(?:De|From|Expéditeur|Sender)[ \t]*:[ \t]*(?P<value>(?!(?:Dr|Mr|Mrs|Ms|Pr|M)\.?[ \t])"
    r"[A-ZÀ-ÖØ-Þ][^\n,;<>@]{2,60}?)[ \t]*(?=,|;|$)"
)
_ORG_IN_NAME = re.compile(rf"\b{_ORG_WORD}")
_SCREENING = re.compile(
    r"(?i:screening programme|screening program|dépistage organisé[^\n\-–]{0,40})[ \t]*[-–:][ \t]*"
    r"(?P<value>[A-ZÀ-ÖØ-Þ][^\n]{2,70}?)[ \t]*$",
    re.MULTILINE,
)
_FOREIGN_HOSPITAL = re.compile(
    r"(?P<value>(?:Ospedale|Policlinico|Azienda Ospedaliera|Klinikum|Krankenhaus|Universitätsklinikum|Clínica|"
    rf"Clinica|Hospital Universitario)(?:[ \t]+(?:di|de|del|della|der|des)?[ \t]*{_CAP}){{1,3}})"
)

_REGISTRY = re.compile(r"(?i:EudraCT)(?:[ \t]+(?:no\.?|n°|number))?[ \t]*:?[ \t]*\d{4}-\d{6}-\d{2}|\bNCT\d{8}\b")
_EUDRACT_WORD = re.compile(r"\bEudraCT\b")
_PROTOCOL = re.compile(
    r"\b(?i:study|étude|etude|trial|essai|protocol|protocole|studie|studio|estudio)[ \t]+"
    r"(?P<value>[A-Z]{3,}[A-Z0-9]{0,3}(?:-[A-Z]{1,8}[0-9]{0,2}|-[0-9]{1,2})*)(?![\w-])"
)
_FHIR_SYSTEM = re.compile(r'"system"[ \t]*:[ \t]*"(?P<value>[^"\n]{4,200})"')
_FHIR_CODE = re.compile(r'"code"[ \t]*:[ \t]*"(?P<value>[^"\n]{1,64})"')
_BRACKETED_CAPS = re.compile(r"\((?P<value>[A-Z]{4,8})\)")


def _iban_valid(value: str) -> bool:
    compact = value.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """First names and surnames of the name lexicons, lower case."""
    from xraymatch.reports.deid.lexicons import name_lexicons

    first, last = name_lexicons()
    return frozenset(first | last)


def _trim_name(text: str, start: int, end: int) -> int:
    """End of a name run without trailing common words ("Marc DUBOIS Radiographie" stays "Marc DUBOIS")."""
    from xraymatch.reports.deid.lexicons import common_words

    if re.match(r"[ \t]*[,(]", text[end : end + 3]):
        return end  # "Paciente : Manon François, DNI": a name closed by its comma keeps every word
    common = common_words()
    words = list(re.finditer(r"\S+", text[start:end]))
    while len(words) > 1 and words[-1].group(0).lower() in common and words[-1].group(0).lower() not in name_words():
        words.pop()
    return start + words[-1].end()


def _patients(text: str) -> Iterator[Candidate]:
    for m in _PATIENT_LEAD.finditer(text):
        end = _trim_name(text, m.start("name"), m.end("name"))
        yield Candidate(m.start("name"), end, "PATIENT", 79)
    for m in _NICK_AFTER.finditer(text):
        nick = "nick1" if m.group("nick1") else "nick2"
        yield Candidate(m.start(nick), m.end(nick), "PATIENT", 79)
        yield Candidate(m.start("name"), m.end("name"), "PATIENT", 61)
    if "'" in text or "‘" in text:
        for m in _SINGLE_QUOTED_NICK.finditer(text):
            if m.group("first").lower() in name_words() or m.group("last").lower() in name_words():
                yield Candidate(m.start("nick"), m.end("nick"), "PATIENT", 79)
    for m in _INITIALS.finditer(text):
        yield Candidate(m.start("value"), m.end("value"), "PATIENT", 78)
    for pattern in (_PAGER_OWNER, _CREW_LAST):
        for m in pattern.finditer(text):
            yield Candidate(m.start("name"), m.end("name"), "PERSON", 80)
    for m in _DICTATED.finditer(text):
        if m.group("first") in _FUNCTION_WORDS:
            continue
        end = m.end("first")
        second = m.group("second")
        if second and second in name_words():
            end = m.end("second")
        yield Candidate(m.start("first"), end, "PERSON", 72)


def _ids(text: str) -> Iterator[Candidate]:
    from xraymatch.reports.deid.lexicons import common_words

    for m in _IBAN.finditer(text):
        if _iban_valid(m.group("value")):
            yield Candidate(m.start("value"), m.end("value"), "ID", 86)
    for pattern in (_PLATE, _PERMIT, _SUBJECT, _AIRCRAFT_MARK):
        for m in pattern.finditer(text):
            if not (m.group("value").isalpha() and m.group("value").lower() in common_words()):
                yield Candidate(m.start("value"), m.end("value"), "ID", 82)
    for m in _AGE_AFTER_PATIENT.finditer(text):
        yield Candidate(m.start("value"), m.end("value"), "AGE", 80)
    for m in _REFERENCE.finditer(text):
        value = m.group("value")
        if not _NOT_REFERENCE.fullmatch(value) and not (value.isalpha() and value.lower() in common_words()):
            yield Candidate(m.start("value"), m.end("value"), "ID", 78)
    for m in _MONTH_OF_BIRTH.finditer(text):
        yield Candidate(m.start("value"), m.end("value"), "DATE", 84)


def _institutions(text: str) -> Iterator[Candidate]:
    for pattern, priority in (
        (_COURT, 79),
        (_FIRM, 78),
        (_COMPANY, 78),
        (_FAX_FROM, 70),
        (_SCREENING, 70),
        (_FOREIGN_HOSPITAL, 70),
    ):
        for m in pattern.finditer(text):
            if pattern is _FAX_FROM and not _ORG_IN_NAME.search(m.group("value")):
                continue  # a fax sent by a person, not by a practice
            group = next(g for g in ("value", "law", "partners") if g in m.groupdict() and m.group(g))
            yield Candidate(m.start(group), m.end(group), "INSTITUTION", priority)


def find_paperwork(text: str) -> Iterator[Candidate]:
    """Patient, staff, ID and institution candidates of administrative paperwork (see the module docstring)."""
    yield from _patients(text)
    yield from _ids(text)
    yield from _institutions(text)


def registry_traps(text: str, mnemonics: bool = False) -> list[tuple[int, int]]:
    """Spans that name a study or a numbering scheme, not a person: no identifier is found inside. With `mnemonics`
    (for the safety net, which has no institution lexicon), bracketed all-capital words outside the name lexicons
    ("(ATMIST)") too; the detector keeps its bracketed institution acronyms ("(CHUM)")."""
    from xraymatch.reports.deid.record_traps import record_traps

    spans = [(m.start(), m.end()) for m in _REGISTRY.finditer(text)] + record_traps(text)
    if "EudraCT" in text:
        spans += [(m.start(), m.end()) for m in _EUDRACT_WORD.finditer(text)]
    spans += [(m.start("value"), m.end("value")) for m in _PROTOCOL.finditer(text)]
    if '"system"' in text:
        spans += [(m.start("value"), m.end("value")) for m in _FHIR_SYSTEM.finditer(text)]
    if '"code"' in text:  # a coding's code (SNOMED, LOINC) names a concept
        spans += [(m.start("value"), m.end("value")) for m in _FHIR_CODE.finditer(text)]
    if mnemonics:
        spans += [
            (m.start("value"), m.end("value"))
            for m in _BRACKETED_CAPS.finditer(text)
            if m.group("value").lower() not in name_words()
        ]
    return spans
