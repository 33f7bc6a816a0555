"""The audit families: report headers and footers written apart from the de-identification detector.

Each family `<name>` is three things: a module `identities_<name>.py` with `<name>_draw(lang, rng) -> (slots,
templates)` (slot values with their labels, and header/pre/footer template groups in the shape of
`identities.TEMPLATES`), a file `deid/<name>_cases.jsonl` of hand-written documents with gold spans, and a seed in
params (`deid.evaluation.family_seeds.<name>`). Its author never reads the detector, so its first score estimates how
de-identification does on paperwork it was not tuned on. A family is blind until that score is recorded here; tuning
on it afterwards makes it a development set, which `deid-eval` reports with `"blind": false` and the note.

Adding a family: its module, its case file, its seed, and one entry below (blind=True, no score yet). Families are
never used to build the training corpus (`corpus.EVALUATION_ONLY_STYLES`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

Slots = dict[str, tuple[str, str | None]]  # slot name -> (value, label; None for an unlabelled trap)
Templates = dict[str, list[list[str]]]  # "header" / "pre" / "footer" -> groups of templates, one drawn per group
DEVELOPMENT_NOTE = "used for development after its first blind score"
CASES_DIR = Path(__file__).with_name("deid")


@dataclass(frozen=True)
class AuditFamily:
    """One audit family: what it covers, and its first blind score once it has one (then it is a development set)."""

    name: str
    covers: str
    first_blind_score: str | None = None  # overlap P/R on its generated set and its cases, as first measured

    @property
    def blind(self) -> bool:
        """Blind until its first score is recorded: after that it has been looked at and tuned on."""
        return self.first_blind_score is None

    @property
    def cases_path(self) -> Path:
        return CASES_DIR / f"{self.name}_cases.jsonl"

    @property
    def set_names(self) -> tuple[str, str]:
        """The two `deid-eval` sets: the generated one and the hand-written cases."""
        return f"generated_{self.name}", f"{self.name}_cases"

    @property
    def note(self) -> str | None:
        return None if self.blind else f"{DEVELOPMENT_NOTE} ({self.first_blind_score})"


AUDIT_FAMILIES: tuple[AuditFamily, ...] = (
    AuditFamily(
        "audit",
        "letterheads with CEDEX addresses, patient banners, DICOM/HL7 names, HTML fragments, referral and copy blocks",
        "generated P/R 0.863/0.787, cases 0.889/0.774",
    ),
    AuditFamily(
        "blind2",
        "French of France, Belgium, Switzerland and Québec; US, Irish, Australian, UK and Canadian English",
        "generated P/R 0.925/0.870, cases 0.824/0.760",
    ),
    AuditFamily(
        "blind3",
        "RIS/PACS exports, HL7/CSV fragments, teleradiology, emergency, military and paediatric headers",
        "generated P/R 0.918/0.918, cases 0.855/0.855",
    ),
    AuditFamily(
        "blind4",
        "dictation transcripts, OCR'd letters, all-caps banners, letters to the GP, relatives, numbers in words",
        "generated P/R 0.887/0.836, cases 0.850/0.699",
    ),
    AuditFamily(
        "blind5",
        "RIS/SR key-value dumps, forwarded e-mail threads, second opinions from abroad, patients named like places",
        "generated P/R 0.960/0.856, cases 0.977/0.876",
    ),
    AuditFamily(
        "blind6",
        "private-practice letterheads with SIRET, requisitions, occupational/sports/prison/military health, chat "
        "handles, voicemails, unaccented lowercase text, initials",
        "generated P/R 0.914/0.795, cases 0.839/0.746",
    ),
    AuditFamily(
        "blind7",
        "PDF-to-text running headers and merged columns, married/birth names, particles, overseas France, INS, DICOM "
        "file names/paths/UIDs, guardianship, dictation initials; US/AU/NZ/IE/CA/IN/NG English records",
        "generated P/R 0.948/0.814, cases 0.881/0.768",
    ),
    AuditFamily(
        "blind8",
        "FHIR/CDA fragments, ambulance transfers, tumour boards, screening letters, trial CRFs, court, insurance, fax "
        "and invoice paperwork (IBAN, plates, passports), appointment SMS, cross-border DE/IT/ES patients, nicknames",
        "generated P/R 0.830/0.752, cases 0.769/0.749",
    ),
    AuditFamily(
        "blind9",
        "structured-report Markdown/JSON, DICOM SR dumps, worklists, peer review, incident and dose records, teaching "
        "files, leaky XXXX texts, patient-portal messages, translations, neonates and twins, names of many traditions",
        "generated P/R 0.817/0.839, cases 0.729/0.811",
    ),
    AuditFamily(
        "blind10",
        "patients named only in prose, findings sentences and letters to them, emergency discharges, fracture clinic, "
        "prior-authorisation, AT/MP and workers' comp, sports/school certificates, transport vouchers, interpreters, "
        "chaperones, radiographer notes, week numbers, surnames that are common words or eponyms, NL/PT patients",
        "generated P/R 0.833/0.872, cases 0.793/0.885",
    ),
    AuditFamily(
        "blind11",
        "multi-patient ward lists and SBAR hand-overs, addenda, transfers, video-consult turns, medico-legal reports, "
        "home-care/social-work notes, mutuelle forms, implant UDIs, relatives' complaints, particle and world names, "
        "ISO 8601 timestamps, dates in words, DICOM AS/DA, WhatsApp numbers, CSV-cell addresses, PESEL",
        "generated P/R 0.878/0.898, cases 0.779/0.867",
    ),
    AuditFamily(
        "blind12",
        "patients named by signatures, forms, burned-in OCR and unedited dictation: MRI-safety and consent forms "
        "(witness, interpreter, guardian), DICOM PN prefix components, paediatric nicknames/crèches/foster carers, "
        "dental OPGs, midwife/physio/podiatrist requests, biobank subject/sample codes, billing exports (CCAM, NGAP, "
        "ICD-10, CPT, LOINC, RadLex traps), eponymous hospitals/wings/streets, word names, obfuscated e-mails, "
        "scheme-less URLs, GPS, quarters/seasons, age bands, fr/en code-switching",
        "generated P/R 0.811/0.884, cases 0.822/0.872",
    ),
    AuditFamily(
        "blind13",
        "machine trails and procedure paperwork naming the patient without a field: PACS audit logs with IPv4/IPv6 "
        "and logins, file paths with names, viewer URLs with ids in the query, iCalendar invitations, QR payloads, "
        "interventional room sheets, contrast-reaction and dosimetry records, PACS discrepancy reviews, implanted and "
        "loaned device serials, driving/professional licences (DVLA, RPPS, SA ID, NRIC, CHI), employee and account "
        "numbers, holiday and Hijri dates, ages in words beside decade words, regional French and Gaelic/African/"
        "Singaporean names",
        "generated P/R 0.718/0.770, cases 0.737/0.754",
    ),
    AuditFamily(
        "blind14",
        "patients named once and sideways: post-mortem CT requisitions and mortuary numbers, organ-donor work-ups, "
        "forensic age estimation, immigration medicals with passport MRZ, intercountry adoption, occupational "
        "screening rosters; text damaged in transit (cp1252 mojibake, hyphenated line-wrapped names, OCR'd fax "
        "digits), half-done anonymisation ([NOM], ***, initials, masked birth dates), Cyrillic/Greek/Arabic/CJK "
        "names beside transliterations, IDs with dots, phones in words, US/EU/YYYY-DD-MM dates in one document",
        "generated P/R 0.784/0.830, cases 0.777/0.772",
    ),
    AuditFamily(
        "blind15",
        "patients named by paperwork around the exam: GDPR/subject-access requests in the first person, quoted e-mail "
        "reply chains, birth/usage names and previous first names, curatelle/tutelle and powers of attorney, care-home "
        "transfer sheets, night teleradiology across time zones (UTC date, local D+1), leaky research exports, speech-"
        "recognition split names, infant ages in weeks/months, one-month date ranges, Swiss AVS, Belgian NISS, "
        "Luxembourg matricule, Québec RAMQ and Senegalese numbers with +41/+32/+352/+1/+221 phones; DICOM class UIDs",
        "generated P/R 0.866/0.879, cases 0.876/0.904",
    ),
    AuditFamily(
        "blind16",
        "patients named among other people and things: genetic pedigrees (proband, named relatives with ages and "
        "years of death, twins, 'famille X'), Teams-like channels (display names with hospital, @mentions, reactions, "
        "edited), OCR'd paper forms (underscores, [x] boxes, values under their labels), team doctors' notes (clubs, "
        "squad numbers, camps), pets named in home visits, Telegram/Signal ids, lieu-dit/hameau/BP/CS and 971-974 "
        "addresses, c/o, BFPO, townlands and Eircodes, hospital-day dates (J3 post-op, POD 5), Hungarian/Chinese/"
        "Korean second opinions in family-given order with romanisation variants, TAJ, PRC resident id, PPSN; gene "
        "variants and HLA traps",
        "generated P/R 0.816/0.884, cases 0.787/0.857",
    ),
    AuditFamily(
        "blind17",
        "patients named by ear and by habit: voicemail and phone-call transcripts with names spelled letter by letter "
        "or in spelling alphabets (French, NATO) and phone numbers read in words, surnames with particles (de La, van "
        "der, Ní, binti, al-) or made of common words, possessive and plural uses, ages in parentheses after a name, "
        "birth years, Roman-numeral months, ordinal dates, two-digit years and short month-years, ethics-committee "
        "letters quoting participants (Luhn participant numbers), complaint mediation, night handovers with beds, "
        "multi-trauma summaries naming paramedics, police officers with badge numbers and interpreters",
        "generated P/R 0.807/0.894, cases 0.815/0.870",
    ),
    AuditFamily(
        "blind18",
        "patients named by title and by journey: medical repatriation files (assistance cases, flights, seats, hotels, "
        "consulates), maritime radio-medical advice (ships, IMO numbers, call signs, seafarer's books, ports), asylum "
        "and migrant health (OFPRA, AME, reception centres, telephone interpreters, domiciliation), homeless 115/SIAO "
        "referrals and outreach teams, religious/noble/honorific titles with religious names, imaging prescriptions "
        "with ADELI/AM numbers and pregnancy dating (LMP, EDD, weeks), smartwatch/CPAP serials and cloud e-mails, "
        "prior exams at other centres, bleeps; Hong Kong (HKID) and Kenyan (SHA) English",
        "generated P/R 0.866/0.934, cases 0.696/0.871",
    ),
    AuditFamily(
        "blind19",
        "patients named inside complete everyday reports and what is pasted into them: private-practice RIS "
        "letterheads (associated radiologists, RPPS, SELARL), NHS/US/AU/CA report templates with identifiers only in "
        "indication, comparison and conclusion, critical-result call-backs, typist references, pasted lab results "
        "(specimen numbers, sampling times, ranges), DXA follow-up letters (T/Z-scores, FRAX), INS traits (given-name "
        "lists, INSEE birth codes incl. 2A/2B and 99xxx), PDS traces, Mon espace santé/NHS App deposits, tax numbers "
        "(SPI, TFN, SIN, ITIN), NPI/DEA, student and sports-licence numbers, patients' photo file names and notes",
        "generated P/R 0.850/0.930, cases 0.776/0.937",
    ),
    AuditFamily(
        "blind20",
        "patients followed through series and hand-offs: cast-clinic and fracture follow-up weeks after surgery, "
        "joint-registry entries (implant serials beside catalogue references and lots), physiotherapy referrals, "
        "child-protection skeletal surveys (safeguarding/IP referral numbers, parents and step-parents with other "
        "surnames, social workers, school nurses, schools and classes, police references), radiotherapy planning "
        "(course ids, dose/fractions, linacs) and oncology trial visits (tumour-marker tables, RECIST targets, visit "
        "codes), ED triage sheets (arrival times, bays, CIMU/Manchester/NEWS2, ambulance incident numbers), certified "
        "translations; Romanian CNP, Bulgarian EGN (patronymics), Swedish personnummer, Norwegian fødselsnummer, "
        "Finnish HETU and Spanish NIE with their keys",
        "generated P/R 0.864/0.978, cases 0.828/0.921",
    ),
    AuditFamily(
        "blind21",
        "patients named by entitlements, fitness and claims: disability files (MDPH/CDAPH and CMI numbers, PIP/ESA "
        "with DWP references and National Insurance numbers, SSDI consultative exams), personal-injury expert "
        "assessments (loss adjusters, claim numbers, lawyers and law firms, court references, 'taux d'IPP' beside the "
        "IPP), solicitors' requests for images, aviation medicals (classes, Part-MED, pilot licence and AME numbers, "
        "airlines, aircraft registration marks), divers' fitness, doping-control forms (sample codes, DCOs, "
        "chaperones, TUEs, prohibited-list classes), national agencies as traps, laws named after people; Brazilian "
        "CPF, Chilean RUT, Croatian OIB, Greek AMKA, Indian Aadhaar and Estonian isikukood with their keys",
        "generated P/R 0.868/0.961, cases 0.835/0.930",
    ),
    AuditFamily(
        "blind22",
        "patients named under provisional and shared identities: unidentified and mass-casualty patients imaged "
        "under aliases ('Inconnu 4217', 'Trauma Zulu 12') with SINUS bracelets and major-incident tags, identified by "
        "relatives or police (missing-person and DVI references) and merged into their records (old and new IPP), "
        "nuclear-medicine discharge papers (radioiodine/lutetium activities, batches, calibration times, isolation "
        "rooms, radiation-precaution cards with validity dates, household children with ages), fertility imaging "
        "(HSG/HyCoSy, partners, IVF files, donor and straw codes, cycle days, attempts, embryo days, AMH); JMBG/EMŠO, "
        "Czech/Slovak rodné číslo, Icelandic kennitala, Thai ID and Korean RRN with their keys",
    ),
)
FAMILY_NAMES: tuple[str, ...] = tuple(f.name for f in AUDIT_FAMILIES)


def audit_family(name: str) -> AuditFamily:
    """The family called `name`; a clear error naming the known ones otherwise."""
    for family in AUDIT_FAMILIES:
        if family.name == name:
            return family
    raise ValueError(f"unknown audit family {name!r}; known: {', '.join(FAMILY_NAMES)}")


def draw_family(name: str, lang: str, rng: np.random.Generator) -> tuple[Slots, Templates]:
    """Slot values and templates of one document of family `name` (its module is imported on first use)."""
    audit_family(name)
    module = importlib.import_module(f"xraymatch.reports.identities_{name}")
    return getattr(module, f"{name}_draw")(lang, rng)


def split_towns(slots: Slots, templates: Templates, *names: str) -> tuple[Slots, Templates]:
    """Labelling convention (entities.py): a town after an institution's name and a comma is a LOCATION span of its
    own. Each slot `n` of `names` whose value reads "Name, Town" keeps "Name" (and its label) and gains `n_sep` (", ",
    unlabelled) and `n_town` ("Town", LOCATION), both empty for a value without a town; the templates write
    {n}{n_sep}{n_town}, so the text is unchanged."""
    slots = dict(slots)
    for name in names:
        value, label = slots[name]
        head, sep, town = value.rpartition(", ")
        slots[name] = (head, label) if sep else (value, label)
        slots[f"{name}_sep"] = (sep, None)
        slots[f"{name}_town"] = (town if sep else "", "LOCATION")

    def write(template: str) -> str:
        for name in names:
            template = template.replace(f"{{{name}}}", f"{{{name}}}{{{name}_sep}}{{{name}_town}}")
        return template

    return slots, {part: [[write(t) for t in group] for group in groups] for part, groups in templates.items()}
