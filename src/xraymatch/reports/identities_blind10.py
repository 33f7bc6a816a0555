"""Blind10 template family: patients named in running prose, letters addressed to the patient, emergency discharge
summaries, fracture-clinic follow-ups, prior-authorisation requests, occupational-injury declarations, sports and
school certificates, transport vouchers, interpreters and chaperones, radiographer technique notes.

Written by an independent auditor who never read the detector (reports/deid/), for a tenth blind estimate of how it
generalises. The weak spot it aims at: telling the patient from staff when no "Patient:" field is there. New shapes:
the patient named only in prose ("J'ai revu ce jour {first} {LAST} pour ...", "Seen today: Ms {LAST}, who ..."), as
the subject of clinical verbs inside the findings ("Mme BLANC décrit ...", "Mr Young reports ..."), addressed in a
letter ("Chère Madame Rouvière,", "Dear Mr Hope,"), patient-facing result letters ("Votre radiographie du ...");
emergency discharge summaries (urgentiste, IAO / triage nurse, box, tri / ESI level); prior-authorisation (accord
préalable) and occupational-injury (AT/MP, workers' compensation) numbers; sports-licence and school certificates;
transport vouchers (bon de transport, ambulance companies); interpreters and chaperones named in the consult;
radiographer technique notes with initials and a badge number; rural addresses (route départementale, chemin rural,
"Le Bourg", farm cottages); Dutch and Portuguese patients with their national numbers (BSN eleven-test, NIF mod 11)
and postcodes ("1012 AB Amsterdam", "1200-195 Lisboa"); French prescriber RPPS numbers (Luhn); surnames that are
common words (Blanc, Petit, Marchand, Meunier, Rose; Young, Black, Hope, Baker, Mills) next to the same words used as
words; surnames that are eponyms used as people ("Dr Paget", "Mme Colles") next to the eponyms used as such.

Gold conventions (those of blind9 and `entities.LABELS`), with these decisions:
- A span is the identifier text only: no titles ("Mme", "Dr", "Ms", "Chère Madame"), no field words.
- The patient named anywhere (prose, letter salutation, findings sentence, signature of receipt) is PATIENT, also by
  surname alone ("Chère Madame Rouvière," -> "Rouvière"; "Mr Young reports" -> "Young"). The same word used as a
  word ("substance blanche", "young adult", "triangle de Petit", "no hope of union") is not an identifier (trap).
- A surname that is also an eponym is PERSON / PATIENT when it names a person ("avis du Dr Paget"), never when it
  names a disease, sign, fracture or structure ("maladie de Paget", "fracture de Pouteau-Colles", "ampoule de
  Vater", "hernie de Morgagni", "canal de Guyon", "trou de Monro") - those are traps.
- Urgentistes, triage nurses (IAO), interpreters, chaperones, radiographers (also by initials alone, "MERM : J.-L.D."),
  GPs, sports doctors and the relative who accompanies the patient are PERSON. The interpreter's language is a trap.
- Prior-authorisation numbers, AT/MP declaration numbers, workers' compensation claim numbers, radiographer badge
  numbers, RPPS numbers, sports-licence numbers, BSN and NIF are ID.
- Employers (AT/MP), sports clubs, schools, ambulance and taxi companies are INSTITUTION (round 6 scope:
  organisations that can point to one person); hospitals and clinics as usual.
- Week numbers with a year ("S12 2024", "semaine 12 de 2024", "week 12 of 2024", "wk 12/2024") and mid-months with
  a year ("mi-mars 2024", "mid-March 2024") are DATE, the whole expression. "le 3 courant" / "the 3rd inst." (a day of
  the current month, old letter style) is DATE, span "3 courant" / "3rd inst.". Relative dates ("dans 6 semaines",
  "J+10", "in 6 weeks") stay traps.
- Ages are AGE with their unit in every spelling: "80a", "80 ans révolus", "3 ans 1/2", "18 mois", "6/12" (UK
  paediatric months: span "6/12", the following "old" outside), "3½ years", "47-year-old" (the whole hyphenated
  word). A bare number that is an age in prose ("She is 41", "Mrs Noori, 52,") is AGE too.
- Insurers and funds ("CPAM des Landes", "Aetna") are not INSTITUTION (they cannot point to one person; blind5 and
  blind8 left them unlabelled); the prior-authorisation number sent to them is ID.
- Lieu-dit-free rural addresses ("1250 route départementale 934", "chemin rural n° 7, Le Bourg") and foreign
  addresses are LOCATION in one span with postcode and town when written together.
- NOT identifiers (traps): eponyms and anatomical eponyms used as such, classifications and scores (Gustilo, Garden,
  Neer, AO, Weber), triage levels (tri 3, CCMU 2, ESI 3, MTS orange), implants and devices with brand names and
  catalogue references ("REF 02.124.012" - a catalogue number, shared by every plate of the model), lot numbers of
  contrast media and implants (a lot is shared by thousands of patients: not an ID, decided here), drugs, X-ray
  equipment models, exposure settings (kV, mAs, DAP), times, durations, box and room numbers, salutations.
`blind10_draw(lang, rng)` returns (slots, family) like `blind9_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _faker, format_date
from xraymatch.reports.identities_blind4 import luhn_digit
from xraymatch.reports.identities_blind5 import _d, _pick, _slug

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "{salut} {LAST},\nVeuillez trouver ci-joint le résultat de votre radiographie du {exam_date}.\n",
            "J'ai revu ce jour {first} {LAST}, {age}, en consultation de traumatologie pour le suivi de sa fracture.\n",
            "Compte rendu de passage aux urgences (box {box}) : {LAST} {first}, {age}, vu(e) par le Dr {urgentiste}, "
            "urgentiste ; accueil par {iao}, IAO, {triage}.\n",
            "Demande d'accord préalable n° {prior_auth} du {sign_date} concernant {first} {LAST} ({age}).\n",
            "Accident du travail n° {atmp} survenu le {event_date} : {LAST} {first}, employé(e) de {employer}.\n",
            "Je soussigné(e), Dr {referrer}, certifie avoir examiné ce jour {first} {LAST}, {child_age}, licence n° "
            "{licence} au {club}.\n",
            "Bon de transport du {exam_date} pour {LAST} {first} - transport assis par {transport}.\n",
        ],
        [
            "Étaient présents : {interpreter}, interprète en {language}, et {chaperone}, aide-soignante (chaperon).\n",
            "Note technique : {technique} sur {equipment}, MERM {initials}, badge {badge}.\n",
            "Accompagné(e) de {relative}, son/sa conjoint(e), joignable au {phone}.\n",
            "Avis orthopédique du Dr {eponym_doc} obtenu le {day_courant}.\n",
            "Prescripteur : Dr {referrer} (RPPS {rpps}), {school}.\n",
            "",
        ],
        [
            "Domicile : {rural_address} - tél. {phone}\n",
            "Résidant à l'étranger : {foreign_address} - {foreign_id_name} {foreign_id}\n",
            "Pour toute question : {phone} ou {email}\n",
            "Contrôle radiographique programmé en {week_date} à {inst}, {inst_address}.\n",
        ],
        [
            "Images consultables sur {url}\n",
            "Date approximative de la chute : {mid_month}.\n",
            "{inst} - secrétariat {phone}\n",
            "",
        ],
    ],
    "pre": [
        [
            "{title} {LAST} décrit une douleur persistante, contrôle {rel_date}. Antécédents : {eponym}. "
            "Aspect normal : {anatomy}. "
            "Matériel : {implant}, lot {lot}. Traitement : {drug}. {classif}. Durée {duration}, salle {room}, "
            "{time}.\n",
            "{title} {LAST} signale une chute. {common_word_fr}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nJe vous prie d'agréer, {salut_short}, l'expression de mes salutations distinguées.\n"
            "Dr {signer}, {inst}\n",
            "\nCompte rendu remis à {first} {LAST} le {sign_date}.\n",
            "\nDouble au Dr {gp}, médecin traitant, {gp_address}.\n",
            "\nRevu(e) le {day_courant} ; nouveau contrôle {rel_date}.\n",
        ],
        [
            "Messagerie sécurisée : {email}\n",
            "{url}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "{salut} {LAST},\nYour X-ray of {exam_date} has now been reported; the result is below.\n",
            "Seen today in fracture clinic: {title} {LAST}, {age}, who returns for review of the wrist.\n",
            "Emergency department discharge summary (cubicle {box}) - {first} {LAST}, {age}, seen by Dr {urgentiste}; "
            "triage nurse {iao}, {triage}.\n",
            "Prior authorization request {prior_auth} submitted {sign_date} for {first} {LAST} ({age}).\n",
            "Workers' compensation claim {atmp}: injury on {event_date}; {first} {LAST}, employed by {employer}.\n",
            "I, Dr {referrer}, examined {first} {LAST}, {child_age}, today and find them fit to play for {club} "
            "(registration {licence}).\n",
            "Transport booking for {exam_date}: {first} {LAST}, seated transfer by {transport}.\n",
        ],
        [
            "Present: {interpreter} ({language} interpreter) and {chaperone}, healthcare assistant, as chaperone.\n",
            "Radiographer note: {technique} on {equipment}; radiographer {initials}, badge {badge}.\n",
            "Accompanied by {relative}, partner, contactable on {phone}.\n",
            "Orthopaedic opinion from Dr {eponym_doc} received on the {day_courant}.\n",
            "Requested by Dr {referrer}, school doctor, {school}.\n",
            "",
        ],
        [
            "Home: {rural_address}; tel. {phone}\n",
            "Lives abroad: {foreign_address} - {foreign_id_name} {foreign_id}\n",
            "Questions: call {phone} or write to {email}\n",
            "Check X-ray booked for {week_date} at {inst}, {inst_address}.\n",
        ],
        [
            "View your images at {url}\n",
            "Approximate date of the fall: {mid_month}.\n",
            "{inst} - appointments line {phone}\n",
            "",
        ],
    ],
    "pre": [
        [
            "{title} {LAST} reports persistent pain, next check {rel_date}. History: {eponym}. Normal: {anatomy}. "
            "Hardware: {implant}, lot {lot}. Medication: {drug}. {classif}. Duration {duration}, room {room}, "
            "{time}.\n",
            "{title} {LAST} describes a fall. {common_word_en}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nYours sincerely,\nDr {signer}, {inst}\n",
            "\nReport handed to {first} {LAST} on {sign_date}.\n",
            "\ncc Dr {gp}, general practitioner, {gp_address}.\n",
            "\nReviewed on the {day_courant}; next check {rel_date}.\n",
        ],
        [
            "Secure messaging: {email}\n",
            "{url}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

COMMON_SURNAMES_FR = ("Blanc", "Petit", "Marchand", "Meunier", "Rose", "Lebrun", "Boulanger")
COMMON_SURNAMES_EN = ("Young", "Black", "Hope", "Baker", "Mills", "Wood", "Rose")
# The same words used as words (traps), written next to a patient who may carry them as a surname.
COMMON_WORDS_FR = (
    "Pas d'hypersignal de la substance blanche",
    "Petit épanchement articulaire",
    "Aspect marchand du cal osseux",
    "Le triangle de Petit est libre",
    "Boulanger de profession",
)
COMMON_WORDS_EN = (
    "Young adult skeleton",
    "Black cortical line artefact",
    "There is little hope of union without fixation",
    "Baker's cyst",
    "Works at the paper mills",
)
EPONYM_DOCTORS = ("Paget", "Colles", "Barton", "Smith", "Monteggia", "Galeazzi", "Bennett")
EPONYMS_FR = ("maladie de Paget", "fracture de Pouteau-Colles", "fracture de Monteggia", "fracture de Bennett")
EPONYMS_EN = ("Paget's disease", "Colles fracture", "Monteggia fracture-dislocation", "Bennett fracture")
ANATOMY_FR = ("ampoule de Vater", "hernie de Morgagni", "canal de Guyon", "trou de Monro")
ANATOMY_EN = ("ampulla of Vater", "foramen of Morgagni", "Guyon canal", "foramen of Monro")
CLASSIF = ("Gustilo II", "Garden III", "Neer 3 parts", "AO 23-A2", "Weber B", "Schatzker II")
IMPLANTS = ("plaque Synthes LCP 3,5 REF 02.124.012", "clou Gamma3 Stryker", "prothèse Corail DePuy", "vis Acutrak 2")
IMPLANTS_EN = ("Synthes LCP 3.5 plate REF 02.124.012", "Stryker Gamma3 nail", "DePuy Corail stem", "Acutrak 2 screw")
LOTS = ("4HX221", "23B0917", "L2403-118", "0402 1187 22")
DRUGS_FR = ("Xarelto 10 mg", "Doliprane 1 g x 3/j", "Lovenox 4000 UI", "Ibuprofène 400 mg")
DRUGS_EN = ("rivaroxaban 10 mg", "co-codamol 30/500", "enoxaparin 40 mg", "ibuprofen 400 mg")
EQUIPMENT = ("Carestream DRX-Evolution", "Fujifilm FDR D-EVO II", "Siemens Ysio Max", "Philips DigitalDiagnost C90")
TECHNIQUE_FR = ("60 kV, 4 mAs", "70 kV, 8 mAs, PDS 0,12 Gy.cm²", "55 kV, 2,5 mAs")
TECHNIQUE_EN = ("60 kV, 4 mAs", "70 kV, 8 mAs, DAP 0.12 Gy.cm2", "55 kV, 2.5 mAs")
TRIAGE_FR = ("tri 3", "CCMU 2", "tri 2 (FRENCH)", "CCMU 3")
TRIAGE_EN = ("ESI 3", "MTS orange", "ATS 4", "CTAS 3")
LANGUAGES_FR = ("tamoul", "dari", "roumain", "langue des signes")
LANGUAGES_EN = ("Tamil", "Dari", "Romanian", "BSL")
# Foreign patients: (country, national number name, postcode + town examples).
DUTCH_TOWNS = (("1012 AB", "Amsterdam"), ("3511 LX", "Utrecht"), ("9711 HV", "Groningen"))
PORTUGUESE_TOWNS = (("1200-195", "Lisboa"), ("4050-262", "Porto"), ("3000-214", "Coimbra"))

# --------------------------------------------------------------------------------------------------- check digits


def luhn_check(digits: str) -> str:
    """The Luhn check digit completing `digits` (French RPPS numbers carry one as their 11th digit)."""
    return luhn_digit(digits)


def bsn_valid(number: str) -> bool:
    """The Dutch BSN eleven-test: 9 digits weighted 9..2 and -1 sum to a multiple of 11."""
    if len(number) != 9 or not number.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(number, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def nif_check(eight: str) -> str:
    """The Portuguese NIF check digit: weights 9..2, 11 minus the sum mod 11 (0 when that is 10 or 11)."""
    rest = sum(int(c) * w for c, w in zip(eight, range(9, 1, -1), strict=True)) % 11
    return "0" if rest < 2 else str(11 - rest)


def bsn_number(rng: np.random.Generator) -> str:
    """A Dutch BSN passing the eleven-test (drawn again until the last digit can complete it)."""
    while True:
        eight = str(int(rng.integers(1, 10))) + _d(rng, 7)
        total = sum(int(c) * w for c, w in zip(eight, range(9, 1, -1), strict=True))
        last = total % 11  # the last digit weighs -1: it must equal the sum mod 11
        if last < 10:
            return eight + str(last)


def nif_number(rng: np.random.Generator) -> str:
    """A Portuguese personal NIF (first digit 1-3) with its check digit."""
    eight = str(int(rng.integers(1, 4))) + _d(rng, 7)
    return eight + nif_check(eight)


def rpps_number(rng: np.random.Generator) -> str:
    """A French RPPS number: 10 then 8 digits, then the Luhn check digit."""
    body = "10" + _d(rng, 8)
    return body + luhn_check(body)


def week_date(date: dt.date, lang: str, rng: np.random.Generator) -> str:
    """An ISO week number with its year, as planning sheets write it."""
    year, week, _ = date.isocalendar()
    if lang == "fr":
        return _pick(rng, (f"S{week} {year}", f"semaine {week} de {year}", f"S{week:02d}/{year}"))
    return _pick(rng, (f"week {week} of {year}", f"wk {week}/{year}", f"W{week:02d} {year}"))


# --------------------------------------------------------------------------------------------------- draw


def _alnum(rng: np.random.Generator, n: int) -> str:
    return "".join(_pick(rng, tuple("abcdefghjkmnpqrstuvwxyz23456789")) for _ in range(n))


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def blind10_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    first = fake.first_name_male() if male else fake.first_name_female()
    last = fake.last_name()
    if rng.random() < 0.35:  # a surname that is also a common word, next to that word used as a word
        last = _pick(rng, COMMON_SURNAMES_FR if fr else COMMON_SURNAMES_EN)
    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 92 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    event = exam - dt.timedelta(days=int(rng.integers(1, 40)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 4)))
    follow = exam + dt.timedelta(days=int(rng.integers(20, 60)))
    fall = exam - dt.timedelta(days=int(rng.integers(30, 200)))
    child_years = int(rng.integers(3, 16))
    child_months = int(rng.integers(4, 23))

    def person() -> str:
        return f"{fake.first_name()} {fake.last_name()}"

    city = fake.city()
    foreign_kind = _pick(rng, ("nl", "pt"))
    if foreign_kind == "nl":
        postcode, town = _pick(rng, DUTCH_TOWNS)
        street = _pick(rng, ("Prinsengracht", "Oudegracht", "Herestraat", "Vondelstraat"))
        foreign_address = f"{street} {int(rng.integers(1, 300))}, {postcode} {town}"
        foreign_id_name, foreign_id = "BSN", bsn_number(rng)
    else:
        postcode, town = _pick(rng, PORTUGUESE_TOWNS)
        street = _pick(rng, ("Rua Augusta", "Rua de Santa Catarina", "Avenida da Liberdade", "Rua Ferreira Borges"))
        foreign_address = f"{street}, {int(rng.integers(1, 300))}, {postcode} {town}"
        foreign_id_name, foreign_id = "NIF", nif_number(rng)
    initials = "".join(f"{p[0]}." for p in person().split())
    if rng.random() < 0.3:
        initials = initials.replace(".", "").upper()

    if fr:
        inst = _pick(rng, (f"CH de {city}", f"Clinique {fake.last_name()}", f"Centre d'imagerie de {city}"))
        inst_address = f"{fake.street_address()}, {fake.postcode()} {city}"
        gp_address = f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        rural_address = _pick(
            rng,
            (
                f"{int(rng.integers(100, 3000))} route départementale {int(rng.integers(1, 999))}, {fake.postcode()} "
                f"{fake.city()}",
                f"chemin rural n° {int(rng.integers(1, 40))}, Le Bourg, {fake.postcode()} {fake.city()}",
                f"{int(rng.integers(1, 40))} RD {int(rng.integers(1, 999))}, {fake.postcode()} {fake.city()}",
            ),
        )
        pairs = " ".join(_d(rng, 2) for _ in range(4))
        phone = _pick(rng, (f"0{_pick(rng, ('6', '7', '5', '2'))} {pairs}", f"0{_pick(rng, ('1', '3', '4'))}.{pairs}"))
        age = _pick(rng, (f"{years} ans", f"{years}a", f"{years} ans révolus"))
        child_age = _pick(rng, (f"{child_years} ans 1/2", f"{child_months} mois", f"{child_years} ans"))
        salut = "Cher Monsieur" if male else "Chère Madame"
        salut_short = "Monsieur" if male else "Madame"
        title = "M." if male else "Mme"
        email = _pick(rng, (f"{_slug(first)}.{_slug(last)}@laposte.net", f"{_slug(last)}.{_d(rng, 2)}@sfr.fr"))
        url = f"https://resultats.{_slug(city)}-imagerie.fr/r/{_alnum(rng, 10)}"
        employer = _pick(rng, (f"{fake.company()}", f"Transports {fake.last_name()}", f"SARL {fake.last_name()}"))
        club = _pick(rng, (f"Stade {city} rugby", f"AS {city} football", f"Judo club de {city}"))
        school = _pick(rng, (f"collège {fake.last_name()} de {city}", f"lycée {fake.last_name()}"))
        transport = _pick(rng, (f"Ambulances {fake.last_name()}", f"Taxi {fake.last_name()} (conventionné)"))
        prior_auth = f"DAP{_d(rng, 9)}"
        atmp = f"{exam.year % 100:02d}{_d(rng, 7)}"
        licence = f"{_d(rng, 7)}"
        day_courant = f"{exam.day} courant"
        mid_month = f"mi-{MONTHS_FR[fall.month - 1]} {fall.year}"
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("dans 6 semaines", "à J+10", "dans 3 semaines"))
        duration = _pick(rng, ("8 min", "2 minutes", "35 s"))
    else:
        inst = _pick(rng, (f"{city} Royal Infirmary", f"{city} Community Hospital", f"{fake.last_name()} Imaging"))
        inst_address = f"{fake.street_address()}, {city} {fake.postcode()}".replace("\n", ", ")
        gp_address = f"{fake.street_address()}, {fake.city()} {fake.postcode()}".replace("\n", ", ")
        rural_address = _pick(
            rng,
            (
                f"{_pick(rng, ('Lower', 'Upper', 'Home'))} Farm Cottage, {fake.street_name()}, {fake.city()} "
                f"{fake.postcode()}",
                f"The Old {_pick(rng, ('Rectory', 'Forge', 'Dairy'))}, {fake.city()} {fake.postcode()}",
                f"{int(rng.integers(1, 9))} {fake.last_name()} Cottages, {fake.city()} {fake.postcode()}",
            ),
        )
        phone = _pick(rng, (f"01{_d(rng, 3)} {_d(rng, 6)}", f"07{_d(rng, 3)} {_d(rng, 3)} {_d(rng, 3)}"))
        age = _pick(rng, (f"{years}-year-old", f"{years} years", f"{years}y"))
        child_age = _pick(rng, (f"{child_years}½ years", f"{child_months} months", f"{child_months % 12 or 6}/12"))
        salut = "Dear Mr" if male else _pick(rng, ("Dear Ms", "Dear Mrs"))
        salut_short = ""
        title = "Mr" if male else _pick(rng, ("Ms", "Mrs"))
        email = _pick(rng, (f"{_slug(first)}.{_slug(last)}@btinternet.com", f"{_slug(last)}{_d(rng, 2)}@gmail.com"))
        url = f"https://patientview.{_slug(city)}-nhs.uk/img/{_alnum(rng, 10)}"
        employer = _pick(rng, (f"{fake.company()}", f"{fake.last_name()} Haulage Ltd", f"{fake.last_name()} & Sons"))
        club = _pick(rng, (f"{city} Rugby Club", f"{city} Town FC", f"{city} Judo Club"))
        school = _pick(rng, (f"{fake.last_name()} Primary School", f"{city} Academy"))
        transport = _pick(rng, (f"{fake.last_name()} Ambulance Services", f"{city} Patient Transport Ltd"))
        prior_auth = f"PA-{_d(rng, 8)}"
        atmp = f"WC{_d(rng, 8)}"
        licence = f"RFU{_d(rng, 6)}"
        day_courant = f"{_ordinal(exam.day)} inst."
        mid_month = f"mid-{MONTHS_EN[fall.month - 1]} {fall.year}"
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("in 6 weeks", "in 3 weeks", "at 10 days"))
        duration = _pick(rng, ("8 min", "2 minutes", "35 s"))

    eponym_doc = (
        f"{fake.first_name()} {_pick(rng, EPONYM_DOCTORS)}" if rng.random() < 0.5 else _pick(rng, EPONYM_DOCTORS)
    )

    slots: Slots = {
        # patient
        "first": (first, "PATIENT"),
        "LAST": (last.upper() if rng.random() < 0.4 else last, "PATIENT"),
        # other persons
        "urgentiste": (person(), "PERSON"),
        "iao": (person(), "PERSON"),
        "referrer": (person(), "PERSON"),
        "interpreter": (person(), "PERSON"),
        "chaperone": (person(), "PERSON"),
        "initials": (initials, "PERSON"),
        "relative": (person(), "PERSON"),
        "eponym_doc": (eponym_doc, "PERSON"),
        "signer": (person(), "PERSON"),
        "gp": (person(), "PERSON"),
        # dates and ages
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "sign_date": (format_date(sign, lang, int(rng.integers(7))), "DATE"),
        "event_date": (format_date(event, lang, int(rng.integers(7))), "DATE"),
        "week_date": (week_date(follow, lang, rng), "DATE"),
        "mid_month": (mid_month, "DATE"),
        "day_courant": (day_courant, "DATE"),
        "age": (age, "AGE"),
        "child_age": (child_age, "AGE"),
        # places and organisations
        "inst": (inst, "INSTITUTION"),
        "employer": (employer, "INSTITUTION"),
        "club": (club, "INSTITUTION"),
        "school": (school, "INSTITUTION"),
        "transport": (transport, "INSTITUTION"),
        "inst_address": (inst_address, "LOCATION"),
        "gp_address": (gp_address, "LOCATION"),
        "rural_address": (rural_address, "LOCATION"),
        "foreign_address": (foreign_address, "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "email": (email, "EMAIL"),
        "url": (url, "URL"),
        # numbers
        "prior_auth": (prior_auth, "ID"),
        "atmp": (atmp, "ID"),
        "licence": (licence, "ID"),
        "badge": (f"{_pick(rng, ('B', 'MERM-', 'RAD'))}{_d(rng, 5)}", "ID"),
        "rpps": (rpps_number(rng), "ID"),
        "foreign_id": (foreign_id, "ID"),
        # unlabelled: field words, traps
        "salut": (salut, None),
        "salut_short": (salut_short, None),
        "title": (title, None),
        "foreign_id_name": (foreign_id_name, None),
        "box": (str(int(rng.integers(1, 15))), None),
        "triage": (_pick(rng, TRIAGE_FR if fr else TRIAGE_EN), None),
        "language": (_pick(rng, LANGUAGES_FR if fr else LANGUAGES_EN), None),
        "technique": (_pick(rng, TECHNIQUE_FR if fr else TECHNIQUE_EN), None),
        "equipment": (_pick(rng, EQUIPMENT), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "anatomy": (_pick(rng, ANATOMY_FR if fr else ANATOMY_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "implant": (_pick(rng, IMPLANTS if fr else IMPLANTS_EN), None),
        "lot": (_pick(rng, LOTS), None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "common_word_fr": (_pick(rng, COMMON_WORDS_FR), None),
        "common_word_en": (_pick(rng, COMMON_WORDS_EN), None),
        "time": (time, None),
        "duration": (duration, None),
        "rel_date": (rel_date, None),
        "room": (str(int(rng.integers(1, 9))), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
