"""The detector: markup masking, pattern and rule candidates, overlap resolution, name propagation and typing.

`detect(text, lang)` returns sorted, non-overlapping Entity spans with offsets into `text` itself. Both languages'
rules always run (reports mix French and English); `lang` only breaks ties where a spelling is ambiguous.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.authorities import find_authorities
from xraymatch.reports.deid.cue_ids import find_cued_ids
from xraymatch.reports.deid.dicom_files import find_dicom_files, is_root_oid
from xraymatch.reports.deid.eponyms import eponym_use
from xraymatch.reports.deid.foreign_ids import find_foreign_ids
from xraymatch.reports.deid.households import find_households
from xraymatch.reports.deid.informal import find_informal_names, instrument_use
from xraymatch.reports.deid.international import find_international
from xraymatch.reports.deid.keyvalue import find_key_values
from xraymatch.reports.deid.layout import find_layout
from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.normalise import normalise
from xraymatch.reports.deid.paperwork import find_paperwork, name_words, registry_traps
from xraymatch.reports.deid.patterns import Candidate, find_patterns
from xraymatch.reports.deid.postal import find_postal_boxes
from xraymatch.reports.deid.record_names import find_record_names
from xraymatch.reports.deid.roles import (
    RELATIVE_TAIL,
    child_of_speaker,
    find_role_patients,
    parent_after,
    referred_before,
    relative_before,
)
from xraymatch.reports.deid.rules import find_rules
from xraymatch.reports.deid.spoken import find_spelled_names, find_spoken
from xraymatch.reports.deid.structured import find_structured
from xraymatch.reports.deid.tables import find_table_cells
from xraymatch.reports.entities import Entity

_HTML_TAG = re.compile(r"<[^<>]{0,500}>|&[a-zA-Z]{2,8};|&#\d{1,6};")
# E-mails and URLs inside a tag ("Dr X <x@y.org>", "<https://...>", '<a href="mailto:x@y.org">') are addresses, not
# markup: masking keeps them so that the pattern detectors still see (and replace) them.
# So are a CDA record number and birth date (`<id ... extension="123"/>`, `<birthTime value="19470211"/>`).
_ADDRESS_IN_TAG = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"']+|(?<=\bextension=\")[^\"<>\s]{3,40}(?=\")|"
    r"(?<=<birthTime value=\")\d{8,14}(?=\")"
)
_RTF_CONTROL = re.compile(r"\\par[d]?\b ?|\\line\b ?|\\[a-zA-Z]{1,32}-?\d{0,10} ?|\\['][0-9a-fA-F]{2}|[{}]")
# After a name: a birth date or age cue ("né le", "DOB", ", 34 ans", "(8 ans)"), possibly past masked table tags.
_PATIENT_CUE = re.compile(
    r"^\W{0,16}?(?:n[ée]+\(?e?\)?\s+le|born|dob|âg[ée]|aged|sexe?\b|\(?\d{1,3}\s*(?:ans|a\b|y|mo\b|mois|months))",
    re.IGNORECASE,
)


# A parenthesised age right after a name ("Mr Allen (67 yo)", "BROWN, DeShawn (58M)", "(67F)") makes it the patient.
_AGE_AFTER_NAME = re.compile(
    r"^[ \t]*\((?:\d{1,3}[ \t]?(?:ans|an|a|y|yo|y/o|y\.o\.|yrs?|years?|-year|[MF])\b|\d{1,3}[MF]\))"
)
# A relative or contact ("Personne à prévenir : Anne N'Diaye (épouse)", "Next of kin: Hope Cortez") is not the patient
# even when sharing the patient's surname.
_CONTACT_BEFORE = re.compile(
    r"(?i)(?:personne à prévenir|personne de confiance|next of kin|emergency contact|contact d['’]urgence|"
    r"contact|proche|consultant|referring (?:doctor|physician|clinician)|referrer|GP|médecin traitant|"
    r"médecin demandeur|prescripteur|requested by|ordering (?:physician|provider)|case manager|gestionnaire|"
    r"[ée]ducat(?:rice|eur)(?: référente?)?|référente?|officier requérant|requesting officer|conseil|avocate?|"
    r"lawyer|solicitor)[ \t]*:[ \t]*"
    r"(?:(?:sa|son|ses|his|her|their)[ \t]+[\w-]+,[ \t]*)?(?:(?:Mr|Mrs|Ms|Miss|Mme|M\.|Dr|Me|Maître)\.?[ \t]+)?$"
)
# Addressed, copied, team or performing names ("Dear Ms Moran", "Report sent to: Ms X", "réalisé ... par M. X") and
# names followed by a role or credentials ("M. Ouellet (interne)", "Mr D Bolger MRCPI FFR") are not the patient.
_PERSON_BEFORE = re.compile(
    r"(?i)(?:\bdear|\bpar|\breport sent to[ \t]*:|\bcc[ \t]*:(?:[ \t]*GP[ \t]*[–-])?|\béquipe[ \t]*:|"
    r"\bradiographer[ \t]*:)[ \t]*(?:(?:Mr|Mrs|Ms|Miss|Mme|M\.|Dr|Professor|Prof\.?)\.?[ \t]+)?$"
)
# Staff named by their role in records and forms ("operator Owen Davies", "opérateur : X", '"lecteur": "X"',
# "reviewer Dr X", "Translator: X", "déclarant(e) : X") are not the patient, whatever name they share.
_STAFF_BEFORE = re.compile(
    r"(?i)(?:\b(?:operator|op[ée]rat(?:eur|rice)|translator|traduct(?:eur|rice)|interpreter|interpr[èe]te|reviewer|"
    r"relecteur|relectrice|reader|lecteur|lectrice|d[ée]clarant(?:\(e\)|e)?|reporter)\b\"?[ \t]*[:=]?[ \t]*\"?)"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mme|M\.|Dr|Pr|Prof)\.?[ \t]+)?$"
)
_ROLE_AFTER = re.compile(
    r"(?i)^[ \t]*(?:\((?:interne|externe|s[ée]nior|MERM|registrar|consultant|radiographer|resident|fellow|wife|"
    r"husband|son|daughter|mother|father|fille|fils|"
    r"assistante[ \t]+familiale|foster[ \t]+carer|social[ \t]+worker|"
    r"[ée]pouse|[ée]poux|m[èe]re|p[èe]re|sister|brother|s(?:œ|oe)ur|"
    r"fr[èe]re|partner|GP|MD)\)|\([\w -]{0,30}(?:olog(?:y|ie)|iatr(?:y|ie|ics)|surgery|chirurgie|infirmi[eè]re?|"
    r"nurse|coordinat\w*|physio\w*|pharmac\w*|orthop(?:a|æ)?edics)[\w -]{0,30}\)|"
    r",?[ \t]*(?:MD|M\.D\.|MRCPI|FFR|FRCPC|FRCR|FRANZCR|MBBS|PhD)\b)"
)
# Round 21: a civil title right after a job or a family role ("Surgeon: Ms X", "son enseignante Mme X", "Grandmother
# present, Mrs X", "school nurse at St Mary's School, Mrs X") names that person, not the patient.
_ROLE_NOUN_BEFORE = re.compile(
    r"(?i)\b(?:surgeon|chirurgien(?:ne)?|operating[ \t]+surgeon|anaesthetist|anesthésiste|(?:school[ \t]+)?nurse|"
    r"infirmi[eè]re?(?:[ \t]+scolaire)?|enseignante?|teacher|instit(?:uteur|utrice)?|ma[iî]tresse|"
    r"head[ \t]*teacher|directeur|directrice|grand(?:mother|father|parent|-?m[èe]re|-?p[èe]re)|"
    r"step-?(?:mother|father|parent)|beau-p[èe]re|belle-m[èe]re|mother|father|mum|dad|m[èe]re|p[èe]re|aunt|uncle|"
    r"tante|oncle|social[ \t]+worker|assistante?[ \t]+sociale?|assistante[ \t]+familiale|foster[ \t]+(?:carer|mother|"
    r"father|parent)|physio(?:therapist)?|kin[ée]sith[ée]rapeute|ambulanci(?:er|ère)|paramedic|coach|entra[iî]neur|"
    r"witness|t[ée]moin|childminder|nounou|nanny)"
    r"(?:[ \t]+(?:present|présente?|at[ \t]+[^,.;:\n]{1,50}|de[ \t]+[^,.;:\n]{1,50}))?[ \t]*[:,]?[ \t]*"
    r"(?:Mr|Mrs|Ms|Miss|Mme|M\.|Madame|Monsieur)\.?[ \t]+$"
)
# "Thank you for referring Kylie", "Merci de m'avoir adressé M. X": the referred person is the patient.
_REFERRED_BEFORE = re.compile(
    r"(?i)(?:thank you for referring|merci de m['’]avoir adress[ée]e?|merci de nous avoir adress[ée]e?)[ \t]+"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mme|M\.|Madame|Monsieur)\.?[ \t]+)?$"
)
# A one-word "name" followed by a colon is a field label ("Ward: 7B", "Patient ID:"); one glued to digits is a code
# ("RXSALLE2").
_LABEL_AFTER = re.compile(r"[ \t]*:|\d")
_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|dre|pr|prof|docteure?|professeure?|mr|mrs|ms|miss|mme|m)\.?[ \t]+$")


# Title words read as names ("Prof" of "Prof. L. Bochud", "Dre" of "Dre méd."), words of equipment model names
# ("Siemens Ysio Max") and fee-code words ("Fee code X043") are not names.
_TITLE_WORD = re.compile(
    r"(?i)^(?:prof|professor|professeure?|dre?|docteure?|doctor|méd|mr|mrs|ms|miss|mme|a/prof)\.?$"
)
_MAKER_BEFORE = re.compile(
    r"(?i)\b(?:siemens|philips|ge|canon|fujifilm|agfa|carestream|shimadzu|konica(?: minolta)?|samsung|hologic|"
    r"toshiba|kodak)[ \t]+(?:[\w-]+[ \t]+){0,3}$"
)
_CODE_AFTER = re.compile(r"(?i)[ \t]+code\b")
# Insurer names are not labelled ("Insurer: Blue Cross Blue Shield", "Mutuelle Harmonie"): a name word on an insurer
# field is part of the insurer's name.
_INSURER_FIELD = re.compile(
    r"(?i)(?:insurer|insurance|assureur|mutuelle|health plan|payer|payor)[ \t]*:?[ \t]*(?:[A-Z][\w&'’-]*[ \t]+){0,3}$"
)


_DICTATION_BEFORE = re.compile(r"(?i)\b(?:doc|docteur|doctor|dr)\.?[ \t]+$")


def _not_a_label(text: str, c: Candidate) -> bool:
    """False for a name candidate that is a field label, a title word, a model-name word or a code word."""
    if c.label not in ("PERSON", "PATIENT"):
        return True
    value = text[c.start : c.end].strip()
    if _TITLE_WORD.match(value) or _CODE_AFTER.match(text, c.end):
        return False
    if (
        value.islower()
        and value not in name_words()
        and not _DICTATION_BEFORE.search(text, max(0, c.start - 12), c.start)
    ):
        return False  # a lower-case word that is no name ("Interne joignable au bip")
    if c.priority < 76 and _INSURER_FIELD.search(text, max(0, c.start - 50), c.start):
        return False
    if c.priority < 70 and _MAKER_BEFORE.search(text, max(0, c.start - 40), c.start):
        return False
    single = not re.search(r"\s", text[c.start : c.end].strip())
    titled = _TITLE_BEFORE.search(text, max(0, c.start - 12), c.start)
    return not (single and not titled and _LABEL_AFTER.match(text, c.end))


_NAME_TAIL = re.compile(r"(?:[ \t][A-ZÀ-ÖØ-Þ][\w'’-]*){1,2}(?=\W{0,16}?(?i:n[ée]|dob|âg|aged|sexe?\b|\(?\d))")
# A bare name as the subject of a clinical verb is the patient ("Durand a chuté le ...", "Williams was seen ...").
_CLINICAL_VERB_AFTER = re.compile(
    r"(?i)[ \t]+(?:a chuté|a fait une chute|est tombée?|a été vue?|a été admise?|se plaint|consulte|présente une|"
    r"was seen|was admitted|was reviewed|presents|presented|fell|complains|has had a fall|attended)\b"
)


_MARKDOWN_BOLD = re.compile(r"\*\*(?=[^*\n]{1,60}\*\*)|(?<=[^*\s])\*\*")


def mask_markup(text: str) -> str:
    """`text` with HTML tags/entities and RTF control words blanked out, same length, so offsets still hold."""
    if "**" in text:  # Markdown bold marks around a field name ("- **Patient** : X") are no text
        text = _MARKDOWN_BOLD.sub(lambda m: " " * len(m.group(0)), text)
    if "<" not in text and "\\" not in text and "&" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        token = m.group(0)
        if token.startswith(("\\par", "\\line")) or token.lower() in ("<br>", "<br/>", "<br />", "</p>", "</div>"):
            return "\n" + " " * (len(token) - 1)
        kept = [" "] * len(token)
        if token.startswith("<"):
            for address in _ADDRESS_IN_TAG.finditer(token):
                kept[address.start() : address.end()] = address.group(0)
        return "".join(kept)

    masked = _HTML_TAG.sub(blank, text) if "<" in text or "&" in text else text
    return _RTF_CONTROL.sub(blank, masked) if "\\" in masked else masked


def _names_yield_to_institutions(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A name span inside an institution name ("Alice Springs Hospital", "Queensland X-Ray Darwin") is dropped, and a
    name run that ran on into one ("Kowalczyk, Alice Springs Hospital") is cut before it."""
    institutions = [c for c in candidates if c.label == "INSTITUTION"]
    if not institutions:
        return candidates
    out: list[Candidate] = []
    for c in candidates:
        if c.label in ("PERSON", "PATIENT"):
            if any(
                (i.start <= c.start and c.end <= i.end and (i.end - i.start) > (c.end - c.start))
                or (i.start, i.end) == (c.start, c.end)
                for i in institutions
            ):
                continue
            inner = [i.start for i in institutions if c.start < i.start < c.end <= i.end]
            if inner:
                end = min(inner)
                while end > c.start and text[end - 1] in " ,;(\t":
                    end -= 1
                if end <= c.start:
                    continue
                c = Candidate(c.start, end, c.label, c.priority)
        out.append(c)
    return out


def _places_yield_to_institutions(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Inside a longer institution name, a weak place ("CHR Marche-en-Famenne", "CHRU de Bouvier-sur-Mer") is part of
    it, and a one-word acronym at its start ("CHRU") gives way to the whole name."""
    institutions = [c for c in candidates if c.label == "INSTITUTION"]
    if not institutions:
        return candidates

    def inside(c: Candidate, i: Candidate) -> bool:
        return i.start <= c.start and c.end <= i.end and (i.end - i.start) > (c.end - c.start)

    out: list[Candidate] = []
    for c in candidates:
        if c.label == "LOCATION" and c.priority <= 40 and any(inside(c, i) for i in institutions):
            continue
        if (
            c.label == "INSTITUTION"
            and not re.search(r"\s", text[c.start : c.end])
            and any(i.start == c.start and inside(c, i) for i in institutions)
        ):
            continue
        out.append(c)
    return out


# A number read on past a spaced dash into an age ("n° national 32729999280 - 79 ans"): the ID ends before the dash.
_AGE_TAIL = re.compile(r"[ \t]+[-–—][ \t]+\d{1,3}$")
_AGE_UNIT_AFTER = re.compile(r"(?i)[ \t]?(?:ans|an|a|years?|yrs?|yo|y/o|jahre|mois|months?)\b")


def _ids_stop_before_ages(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Cut an ID candidate before a spaced dash when what follows it is an age with its unit."""
    out: list[Candidate] = []
    for c in candidates:
        if c.label == "ID" and (tail := _AGE_TAIL.search(text, c.start, c.end)) and _AGE_UNIT_AFTER.match(text, c.end):
            c = Candidate(c.start, tail.start(), c.label, c.priority)
        out.append(c)
    return out


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the highest-priority (then longest) candidates that do not overlap one another."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def _name_tokens(text: str, span: Candidate) -> list[str]:
    stop = common_words()
    return [
        w
        for w in _WORD.findall(text[span.start : span.end])
        if len(w) >= 2 and w.lower() not in stop and not w.isdigit()
    ]


def _type_and_propagate(text: str, spans: list[Candidate]) -> list[Candidate]:
    """Give lexicon-only names the type of a titled/field name sharing a token, mark patient cues, then find every
    other occurrence of each name token (except eponym uses) with that type."""
    names = [s for s in spans if s.label in ("PATIENT", "PERSON")]
    patient_tokens: set[str] = set()
    for s in names:
        if s.label == "PATIENT" and s.priority >= 70:
            patient_tokens.update(t.lower() for t in _name_tokens(text, s))
    typed: list[Candidate] = []
    for s in spans:
        if s.label in ("PERSON", "PATIENT") and (relative_before(text, s.start) or parent_after(text, s.end)):
            tail = RELATIVE_TAIL.match(text, s.end)  # "son fils Van Minh Quéméner": the whole name
            end = tail.end() if tail and "\n" not in tail.group(0) else s.end
            typed.append(Candidate(s.start, end, "PERSON", max(s.priority, 77)))  # a relative, not the patient
            continue
        if s.label in ("PERSON", "PATIENT") and (
            _CONTACT_BEFORE.search(text, max(0, s.start - 40), s.start)
            or _STAFF_BEFORE.search(text, max(0, s.start - 30), s.start)
            or _ROLE_NOUN_BEFORE.search(text, max(0, s.start - 80), s.start)
            or _ROLE_AFTER.match(text[s.end : s.end + 45])
            or (s.priority >= 70 and _PERSON_BEFORE.search(text, max(0, s.start - 30), s.start))
        ):
            tail = (
                RELATIVE_TAIL.match(text, s.end)
                if _CONTACT_BEFORE.search(text, max(0, s.start - 40), s.start)
                else None
            )
            end = tail.end() if tail and "\n" not in tail.group(0) else s.end  # "Next of kin: Gráinne Ní Dhomhnaill"
            typed.append(Candidate(s.start, end, "PERSON", max(s.priority, 76)))
            continue
        if s.label == "PERSON" and (
            _AGE_AFTER_NAME.match(text[s.end : s.end + 16])
            or _REFERRED_BEFORE.search(text, max(0, s.start - 40), s.start)
            or referred_before(text, s.start)
            or child_of_speaker(text, s.start, s.end)
            or (
                _CLINICAL_VERB_AFTER.match(text, s.end)
                and not _TITLE_BEFORE.search(text, max(0, s.start - 12), s.start)
            )
        ):
            s = Candidate(s.start, s.end, "PATIENT", s.priority)
        elif (
            s.label == "PERSON"
            and s.priority >= 70
            and len(tokens := {t.lower() for t in _name_tokens(text, s)}) >= 2
            and tokens <= patient_tokens
            and not _TITLE_BEFORE.search(text, max(0, s.start - 12), s.start)
        ):
            s = Candidate(s.start, s.end, "PATIENT", s.priority)  # the patient's full name again, without a title
        elif s.label == "PERSON" and s.priority < 70:
            tokens = {t.lower() for t in _name_tokens(text, s)}
            # "Martin Blanc, 71 ans", "CARRE Guy</td><td>Né(e) le": capitalised words left out of the lexicon span
            # (common words) belong to the name when a patient cue follows them.
            more = _NAME_TAIL.match(text, s.end)
            end = more.end() if more else s.end
            if tokens & patient_tokens or _PATIENT_CUE.match(text[end : end + 40]):
                s = Candidate(s.start, end, "PATIENT", s.priority)
        typed.append(s)
    out = list(typed)
    seen: dict[str, str] = {}
    for s in typed:
        if s.label not in ("PATIENT", "PERSON"):
            continue
        for token in _name_tokens(text, s):
            if len(token) >= 3 and (token.lower() not in seen or s.label == "PATIENT"):
                seen[token.lower()] = s.label
    for token, label in seen.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text, re.IGNORECASE):
            found = Candidate(m.start(), m.end(), label, 15)
            if eponym_use(text, m.start(), m.end()) or instrument_use(text, found):
                continue  # "Dr Herbert" does not make "vis de Herbert" a person
            out.append(found)
    return out


def detect(text: str, lang: str = "fr", *, safety_net: bool = False) -> list[Entity]:
    """Identifier spans in `text` (French and English rules both applied; `lang` is accepted for the contract).

    The detectors read a repaired view (markup blanked, OCR damage undone, see normalise.py); spans map back to
    `text`. `safety_net` (params.yaml deid.safety_net) adds the recall-first second pass of safety_net.py over the
    text the detector left uncovered; the detector's own spans are unchanged either way."""
    if not text:
        return []
    view = normalise(mask_markup(text))
    structured = list(find_structured(text))  # FHIR/CDA structure: read before the markup is blanked
    if structured and view.origin is not None:
        inverse: dict[int, int] = {}
        for i, o in enumerate(view.origin):
            inverse.setdefault(o, i)
        structured = [
            Candidate(inverse[c.start], inverse[c.end - 1] + 1, c.label, c.priority)
            for c in structured
            if c.start in inverse and c.end - 1 in inverse
        ]
    entities = []
    for start, end, label in _detect_view(view.text, structured):
        start, end = view.to_input(start, end)
        entities.append(Entity(start, end, label))
    if safety_net:
        from xraymatch.reports.deid.safety_net import add_safety_net

        masked = mask_markup(text)
        for start, end in registry_traps(masked, mnemonics=True):  # the net reads no identifier into a registry number
            masked = masked[:start] + " " * (end - start) + masked[end:]
        entities = add_safety_net(masked, entities)
    return entities


def _detect_view(view: str, structured: list[Candidate] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, label) spans detected in the repaired view (`structured`: FHIR/CDA candidates in its offsets)."""
    found = find_patterns(view) + find_international(view) + find_rules(view) + find_table_cells(view)
    found += list(find_role_patients(view)) + list(find_key_values(view))
    found += list(find_authorities(view)) + list(find_cued_ids(view)) + list(find_foreign_ids(view))
    found += list(find_dicom_files(view)) + list(find_households(view)) + list(find_layout(view))
    found += list(structured or []) + list(find_paperwork(view)) + list(find_record_names(view))
    found += list(find_postal_boxes(view))
    found = [c for c in found if not (c.label == "ID" and is_root_oid(view[c.start : c.end]))]
    traps = registry_traps(view)
    if traps:  # registry numbers, protocol acronyms, FHIR system URLs: no identifier inside
        found = [c for c in found if not any(s <= c.start and c.end <= e for s, e in traps)]
    candidates = [c for c in found if _not_a_label(view, c) and not instrument_use(view, c)] + find_spoken(view)
    candidates += list(find_informal_names(view))  # a chat handle before its colon is no field label
    candidates = _names_yield_to_institutions(view, _ids_stop_before_ages(view, candidates))
    candidates = _places_yield_to_institutions(view, candidates)
    first = _resolve(candidates)
    final = _resolve(find_spelled_names(view, _type_and_propagate(view, first)))
    entities: list[tuple[int, int, str]] = []
    for c in final:
        start, end = c.start, c.end
        while end > start and view[end - 1] in " \t\n,;:":
            end -= 1
        while start < end and view[start] in " \t\n,;:":
            start += 1
        if (
            c.label in ("INSTITUTION", "LOCATION")
            and view[end - 1] == "."
            and not re.search(r"\b(?:St|Apt|Ste)\.$", view[start:end])
        ):
            end -= 1
        if end > start:
            entities.append((start, end, c.label))
    return _city_after_address(view, entities)


# After a street address, a lone name word that ends the line is its town ("12, rue Rocher, Techer", "17, rue de
# Laporte, Saint Martin"), not a person.
_ADDRESS_GAP = re.compile(r",[ \t]*(?:(?:Saint|Sainte|St|Ste)[ \t-]+)?$")
_LINE_END = re.compile(r"[ \t.]*(?:\n|$)")
_STREET = re.compile(
    r"(?i)\b(?:rue|avenue|boulevard|bd|chemin|allée|impasse|place|route|quai|cours|street|road|lane)\b"
)


# After an institution, ", Town." closing a sentence is where it is ("Mercy General Hospital, Sacramento."; on a
# letterhead line, "St. Joseph's Hospital, Normanchester" is the institution's own name); after a
# place, a bracketed postcode is part of the address ("domiciliée à Laval (53000)").
_TOWN_AFTER_INSTITUTION = re.compile(r",[ \t]+(?P<town>[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)?)(?=\.(?:[ \t]|$))")
_POSTCODE_AFTER_PLACE = re.compile(r"[ \t]*\((?P<code>\d{4,5})\)")
# "CH de Mayotte (Mamoudzou)": a capitalised place in brackets right after an institution is where it is.
# ... but not a unit or site of it ("Hôpital Nord (Pédiatrie)", "(Maternité)", "(Outpatients)").
UNIT_WORD = re.compile(
    r"(?i)(?:logie|iatrie|p[ée]die|th[ée]rapie|graphie|scopie|iatrics|ology)\b|^(?:maternit[ée]|r[ée]animation|"
    r"chirurgie|imagerie|urgences?|consultations?|hospitalisation|soins|service|annexe|site|b[âa]timent|pavillon|"
    r"maternity|emergency|outpatients?|inpatients?|annex|campus|wing|ward|theatres?|surgery)$"
)
_TOWN_IN_BRACKETS = re.compile(r"[ \t]*\((?P<town>[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’]+(?:[ -][A-ZÀ-ÖØ-Þ][a-zà-ÿ'’]+){0,2})\)")


def _places_after(view: str, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Add the town closing an institution's sentence or bracketed after it, and a bracketed postcode after a place."""
    common = common_words()
    taken = {(s, e) for s, e, _ in entities}
    extra: list[tuple[int, int, str]] = []
    for _start, end, label in entities:
        if label == "INSTITUTION":
            m = _TOWN_AFTER_INSTITUTION.match(view, end)
            if m and not all(w.lower() in common for w in re.split(r"[ -]", m.group("town"))):
                extra.append((m.start("town"), m.end("town"), "LOCATION"))
            m = _TOWN_IN_BRACKETS.match(view, end)
            if (
                m
                and not UNIT_WORD.search(m.group("town"))
                and not all(w.lower() in common for w in re.split(r"[ -]", m.group("town")))
            ):
                extra.append((m.start("town"), m.end("town"), "LOCATION"))
        elif label == "LOCATION":
            m = _POSTCODE_AFTER_PLACE.match(view, end)
            if m:
                extra.append((m.start("code"), m.end("code"), "LOCATION"))
    extra = [x for x in extra if not any(x[0] < e and s < x[1] for s, e in taken)]
    return sorted(entities + extra) if extra else entities


# A nickname in quotes inside a name ('Robert "Bobby" McAllister', "Claire « Coco » Vidal") is part of that name.
_NICKNAMED = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+[ \t]+[\"“«][ \t]?[A-ZÀ-ÖØ-Þ][\w'’-]*[ \t]?[\"”»][ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+"
)


def _merge_nicknames(view: str, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One name span over 'First "Nick" Last' when its first word is a detected name, typed PATIENT if any part is."""
    if '"' not in view and "“" not in view and "«" not in view:
        return entities
    for m in _NICKNAMED.finditer(view):
        inside = [x for x in entities if x[0] < m.end() and m.start() < x[1]]
        names = [x for x in inside if x[2] in ("PERSON", "PATIENT")]
        if not names or len(names) != len(inside) or names[0][0] != m.start():
            continue
        label = "PATIENT" if any(x[2] == "PATIENT" for x in names) else "PERSON"
        end = max(m.end(), max(x[1] for x in names))
        entities = sorted([x for x in entities if x not in inside] + [(m.start(), end, label)])
    return entities


def _city_after_address(view: str, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge a PERSON/PATIENT span that closes a street address line into the address's LOCATION."""
    entities = _merge_nicknames(view, _places_after(view, entities))
    out: list[tuple[int, int, str]] = []
    for start, end, label in entities:
        if out and label in ("PERSON", "PATIENT") and out[-1][2] == "LOCATION":
            p_start, p_end, _ = out[-1]
            gap = view[p_end:start]
            if (
                _ADDRESS_GAP.fullmatch(gap) is not None
                and _LINE_END.match(view, end)
                and _STREET.search(view, p_start, p_end)
            ):
                out[-1] = (p_start, end, "LOCATION")
                continue
        out.append((start, end, label))
    return out
