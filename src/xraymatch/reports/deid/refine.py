"""Last pass over the detector's and tagger's spans (round 11): traps removed, shapes no earlier layer knows added.

Removed (never identifiers, whichever layer proposed them):
- anatomical eponyms in a structure slot ("ampoule de Vater", "hernie de Morgagni", "canal de Guyon", "trou de
  Monro", "foramen of Morgagni", "Guyon canal", "Bochdalek hernia"): any capitalised word there names a structure;
- implant and device brands next to a device word ("vis Acutrak 2", "prothèse Corail DePuy", "DePuy Corail stem",
  "Stryker Gamma3 nail"): a catalogue product, shared by every patient who has one;
- catalogue (REF) and lot / batch numbers ("REF 02.124.012", "lot 0402 1187 22"): shared by thousands of patients.
Added (replacing any overlapping span of another label):
- week numbers with a year ("S12 2024", "S06/2019", "semaine 12 de 2024", "wk 12/2024", "week 12 of 2024", "W15
  2021") and mid-months ("mi-mars 2024", "mid-March 2024") as DATE: a partial date still dates the visit;
- organisations named by a capitalised name and a head noun ("Evans Ambulance Services", "Hunt Primary School",
  "Jeremyburgh Academy", "Oakfield Nursery", "Taylor Imaging", "Transports Rémy", "Ambulances Martin") as
  INSTITUTION: they can point to one person (an employer, a school, a transport company);
- Portuguese-style street addresses with their postcode and town ("Rua Augusta, 120, 1100-053 Lisboa") as LOCATION.
Round 12 (blind11's misses, as classes):
- removed: GS1 element strings' GTIN (01), lot (10), production/expiry dates (11)/(17) and counts (the serial (21)
  stays ID: it points to one implant); eponymous scores with their value ("Braden 14", "Waterlow 18"); a word of an
  organisation's name ("Patient Advice and Liaison Service"); a role in a salutation ("Madame la Directrice");
- added: pharmacies, chemists, community-nursing and home-care services ("Hallam Pharmacy", "Pharmacie du centre de
  Vire", "Santé Service Bayonne", "Oakdale Community Nursing Team") as INSTITUTION; UK mobile numbers ("07700 900123",
  "+44 7700 900123") as PHONE; the place a document is signed at ("Signed at New Hope on ...") as LOCATION;
- retyped: a name after a staff role ("expert witness: Mr X", "assistante sociale (Mme X)") or before post-nominal
  letters ("X FRCS") is PERSON.
Round 15 (blind14's false alarms): the person to call back about a relative's results ("rappeler Mme X ... pour les
  résultats de son mari", "please call Mrs X back ... about her husband's scan") is PERSON, not the patient: the
  kin word says whose exam it is; an INSTITUTION span run across a line break onto a record-number label ("Brenda
  Williamson\nHospital no. 123") is cut at the break, the name before it PERSON: "Hospital no." names a number.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.lexicons import CITIES
from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-Ý][\w'’-]*"

# A structure word then "de"/"of" before the name, or the name then a structure word after it.
_STRUCTURE_BEFORE = re.compile(
    r"(?i)\b(?:ampoule|ampulla|hernie|hernia|canal|canaux|trou|foramen|foramina|loge|espace|triangle|tubercule|"
    r"ligament|sinus|cercle|polygone|circle|space|tubercle|duct|canal|crypte|crypts?|appendix|appendice|"
    r"glandes?|glands?|valvule|valve|hiatus|annulus|anneau|ring|tendon|fossa|fosse|pouch)"
    r"[ \t]+(?:de[ \t]+|d['’][ \t]*|du[ \t]+|of[ \t]+(?:the[ \t]+)?)$"
)
_STRUCTURE_AFTER = re.compile(
    rf"(?i)^['’]?s?(?:[ \t]+(?:or|and|nor|et|ou|ni)[ \t]+{_CAP})?"
    r"[ \t]+(?:canal|hernias?|foramen|duct|space|triangle|tubercle|ampulla)\b"
)
# A classification with its grade: "Gartland II", "Lagrange et Rigault stade II", "Smith and Jones type 3".
_GRADE_AFTER = re.compile(
    rf"^(?:[ \t]+(?:et|and|&)[ \t]+{_CAP})?[ \t]+(?:(?:stade|type|grade|stage)[ \t]+)?(?:I{{1,3}}|IV|V|[1-5])[abAB]?\b"
    r"(?![.,]\d|[ \t]*(?:ans|years|yo|y|mois|months))"
)
# A name with a lettered grade ("Fontaine IIb"); a bare roman numeral may be a name's suffix ("John Smith III").
_GRADED = re.compile(rf"{_CAP}(?:[ \t]+(?:et|and|&)[ \t]+{_CAP})?[ \t]+(?:I{{1,3}}|IV)[abc]")
_STAGE_OF = re.compile(
    rf"(?i)\b(?:stade|stage|grade|type|classe|class)[ \t]+(?:I{{1,3}}|IV|V|[1-5])[abc]?[ \t]+(?:de|d['’]|of|selon|"
    rf"according[ \t]+to)[ \t]+(?:{_CAP}[ \t]+(?:et|and|&)[ \t]+)?$"
)
_DEVICE_WORD = (
    r"(?:vis|plaque|prothèse|prothese|clou|tige|cupule|implant|ancre|broche|agrafe|screws?|plates?|nails?|stems?|"
    r"cups?|prosthesis|anchors?|implants?|hardware|matériel)"
)
# The optional word between device word and brand must be capitalised (another brand word), never "par"/"de"/"by":
# "prothèse posée par Dupont" names the surgeon.
_BRAND_BEFORE = re.compile(
    rf"(?i)\b{_DEVICE_WORD}(?:[ \t]+(?:totale|partielle|intermédiaire))?(?:[ \t]+(?:de|d['’])[ \t]*(?:hanche|genou|"
    rf"épaule|cheville|coude|rachis))?[ \t]+(?:(?-i:[A-Z])[\w-]*[ \t]+)?$"
)
_BRAND_AFTER = re.compile(
    rf"(?i)^(?:[ \t]+(?-i:[A-Z])[\w-]*)?(?:[ \t]+[\d.,]+)?(?:[ \t]+(?:hip|knee|shoulder|ankle|elbow|femoral|"
    rf"tibial|acetabular|spinal|dental))?[ \t]+{_DEVICE_WORD}\b"
)
_BRAND_MODEL_AFTER = re.compile(r"^[ \t]+\d+(?:[.,]\d+)?\b")  # "Acutrak 2", "LCP 3,5"
# Upper-case REF is the implant-label convention; "Réf.", "N/Réf", "Your ref" are file references (identifiers).
_CATALOGUE_BEFORE = re.compile(r"(?<![\w/])(?:REF|(?i:lot|batch|lot[ \t]+n[°o]|cat\.[ \t]*n[°o]))[ \t:]*$")

_MONTHS_FR = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
)
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_YEAR = r"(?:19|20)\d\d"
_WEEK_DATE = re.compile(
    rf"(?<![\w/-])(?:(?:S|W|Sem\.?|wk|week|semaine)[ \t]?(?:[1-9]|[0-4]\d|5[0-3])"
    rf"(?:[ \t]*/[ \t]*|[ \t]+|[ \t]+(?:de|of|du)[ \t]+|-)(?:{_YEAR})"
    rf"|(?:mi|début|debut|fin)-(?:{_MONTHS_FR})[ \t]+{_YEAR}"
    rf"|(?i:mid|early|late)-(?:{_MONTHS_EN})[ \t]+{_YEAR})(?![\w/])",
)
_ORG_HEAD = re.compile(
    rf"(?<![\w-])(?:{_CAP}[ \t]+){{0,1}}{_CAP}[ \t]+(?:(?:Primary|Secondary|Grammar|High|Junior|Infant|Nursery)"
    rf"[ \t]+School|Academy|Nursery|(?:Judo|Football|Rugby|Tennis|Cricket|Athletic)[ \t]+Club"
    rf"|Ambulance[ \t]+Services?|Ambulances|Taxis?|Imaging)\b"
    rf"|(?<![\w-])(?:Transports|Ambulances|Taxis?)[ \t]+{_CAP}(?:[ \t]+{_CAP})?"
    # round 14: Welsh and plural French hospital heads ("Ysbyty Gwynedd", "Hôpitaux universitaires de Strasbourg")
    rf"|(?<![\w-])Ysbyty[ \t]+{_CAP}(?:[ \t]+{_CAP})?"
    rf"|(?<![\w-])Hôpitaux[ \t]+(?:universitaires|civils|réunis)[ \t]+(?:de|du|d['’])[ \t]*{_CAP}(?:[ \t-]+{_CAP})?"
    rf"|(?<![\w-])(?:école|collège|lycée|crèche|(?:Judo|Football|Rugby|Tennis|Basket|Hand|Athletic)[ \t]+club)"
    rf"(?:[ \t]+(?:maternelle|primaire|élémentaire))?(?:[ \t]+(?!de\b){_CAP}){{1,2}}"
    rf"(?:[ \t]+(?:de|d['’])[ \t]*(?:{_CAP}|le|la)(?:[ \t]+{_CAP})?)?"
    rf"|(?<![\w-])(?:Judo|Football|Rugby|Tennis|Basket|Hand|Athletic)[ \t]+club[ \t]+(?:de|d['’])[ \t]*{_CAP}"
    rf"(?:[ \t]+{_CAP})?"
)
# Round 22: a town's hyphenated shape ("Sherburn-in-Elmet", "Stratford-upon-Avon", "Châlons-en-Champagne") is never a
# person's name, nor a word before "airfield"/"aérodrome".
_HYPHEN_TOWN = re.compile(
    r"[A-ZÀ-Ý][\w'’]+(?:-(?:in|on|upon|under|by|en|sur|sous|lès|lez|aux)-[A-ZÀ-Ý][\w'’]+)+(?:-[A-ZÀ-Ý][\w'’]+)*"
)
# Airlines and offshore operators (employers of pilots and divers) read as surnames when named alone ("licence ...,
# Volotea, 380 h de vol"); a real-world list, names that are common surnames left out.
_OPERATORS = frozenset(
    """
volotea loganair ryanair easyjet transavia vueling lufthansa klm flybe jet2 jet2.com wizz aer-lingus eurowings
aigle-azur corsair air-austral chalair twin-jet cityjet binter iberia finnair airbaltic subsea acteon saipem
technip technipfmc oceaneering
""".split()  # noqa: SIM905 - a word list reads better as text (a hyphen stands for a hyphen or a space)
)
_AIRFIELD_AFTER = re.compile(r"[ \t]+(?:airfield|aerodrome|airstrip|aérodrome|aéroport|airport)\b")
_KNOWN_CITY = "(?i:" + "|".join(sorted((c.replace("-", "[ -]") for c in CITIES), key=len, reverse=True)) + ")"
_TITLE_WORD = r"(?:Dr|Pr|Prof|Mr|Mrs|Ms|Mme|Mlle|Miss|Me|Sir|M)\b"
# An employer after its cue ("employé(e) de SARL Guyon", "employed by Khan, Jones and Slater", "works for X Ltd").
_EMPLOYER = re.compile(
    r"(?:employé(?:\(e\))?|employée|salariée?|embauchée?)[ \t]+(?:de|chez|par)[ \t]+"
    r"|(?:employed|hired)[ \t]+by[ \t]+|works[ \t]+(?:for|at)[ \t]+(?=[A-Z])"
    # round 14: a job then its employer ("chauffeur chez Brittany Ferries", "driver for Golden Arrow Bus Services")
    r"|\b(?i:chauffeur|chauffeuse|conducteur|conductrice|livreur|livreuse|magasinier|magasinière|ouvrier|ouvrière|"
    r"caissier|caissière|vendeur|vendeuse|agent|agente|driver|worker|labourer|cashier|clerk|warehouseman|courier)"
    r"[ \t]+(?:chez|de|pour|for|at|with)[ \t]+(?=[A-Z][a-z])"
    # round 22: flight and dive crews, seconded engineers ("first officer with Jet2.com", "flying for Bristow
    # Helicopters", "student pilot with Loganair", "ingénieur détaché chez Volotea")
    r"|\b(?i:pilot|pilote|copilote|co-pilot|first[ \t]+officer|captain|flight[ \t]+attendant|cabin[ \t]+crew|"
    r"steward|hôtesse(?:[ \t]+de[ \t]+l['’]air)?|commandant[ \t]+de[ \t]+bord|officier[ \t]+pilote|diver|"
    r"plongeur|plongeuse|engineer|ingénieure?|mechanic|mécanicien(?:ne)?)[ \t]+(?:chez|pour|for|with)[ \t]+"
    rf"(?!{_TITLE_WORD})(?=[A-Z][\w.-]*[a-z0-9])"
    rf"|\b(?i:flying|flies|travaille|works?)[ \t]+(?:for|pour|chez)[ \t]+(?!{_TITLE_WORD})(?=[A-Z][\w.-]*[a-z0-9])"
    # the employer heading a fitness-to-work certificate ("Commercial diver medical - Bristow Helicopters",
    # "Aptitude au travail en milieu hyperbare - Volotea")
    r"|(?m:^[^\n]{0,40}?\b(?i:diver|plongeur|plongée|hyperbare|offshore|fitness[ \t]+to[ \t]+work|aptitude[ \t]+au"
    r"[ \t]+travail)[^\n()]{0,30}?[ \t]+[-–][ \t]+)"
    rf"(?!{_TITLE_WORD})(?=[A-Z][^\n]{{0,40}}(?:\n|$))"
    rf"|\bdétachée?[ \t]+(?:chez|auprès[ \t]+de)[ \t]+(?!{_TITLE_WORD})(?=[A-Z])"
)
_EMPLOYER_NAME = re.compile(
    rf"(?:(?:SARL|SAS|SA|EURL|SCI|Ets\.?|Établissements)[ \t]+)?{_CAP}(?:\.(?:com|co\.uk|fr|de|eu|aero))?"
    rf"(?:(?:[ \t]+|,[ \t]+|[ \t]+(?:&|and|et)[ \t]+)(?:{_CAP}|&))*"
)
# Words that make "X Imaging" a department or modality, not an organisation ("Diagnostic Imaging").
_GENERIC_WORDS = frozenset(
    ["diagnostic", "medical", "musculoskeletal", "interventional", "breast", "cardiac", "molecular", "paediatric",
     "pediatric", "neuro", "body", "nuclear", "advanced", "digital", "chest", "emergency", "general", "community",
     "private", "national", "regional", "district", "the", "department", "joint", "women's", "vascular", "oncology",
     "dental", "spine", "sports", "head", "neck", "abdominal", "cross-sectional", "clinical", "specialist"]
)  # fmt: skip
_FOREIGN_STREET = re.compile(
    rf"\b(?:Rua|Avenida|Travessa|Largo|Praça|Calle|Avda\.?)(?:[ \t]+(?:da|de|do|dos|das|del|la)?[ \t]*{_CAP})+"
    rf",?[ \t]+\d{{1,4}}[A-Za-z]?,?[ \t]+\d{{4}}-\d{{3}}[ \t]+{_CAP}(?:[ \t]+{_CAP})?"
)


# GS1 application identifiers that name a product, a batch or a date, never one person: (01) GTIN, (02), (10) lot,
# (11) production date, (13) packaging date, (15)/(16)/(17) best-before/sell-by/expiry, (30)/(37) counts.
_GS1_NOT_PERSONAL = re.compile(r"\((?:01|02|10|11|13|15|16|17|30|37)\)$")
# Scores and scales named after people, with their value: the name is the scale's ("Braden 14", "Waterlow: 18").
_EPONYM_SCORES = (
    r"(?:Braden|Waterlow|Norton|Glasgow|Apgar|Karnofsky|Barthel|Katz|Mallampati|Tanner|Wells|Caprini|Padua|Ranson|"
    r"Balthazar|Fazekas|Bosniak|Gleason|Breslow|Hinchey|Kellgren|Outerbridge|Pfirrmann|Modic|Meyerding|Ficat|"
    r"Fontaine|Rutherford|Rankin|Lown|Killip|Forrest|Child|Pugh|Ottawa|Genève|Geneva|Rockall|Blatchford|Wexner|"
    r"Harris|Constant|Oxford|Lysholm|Womac|Lequesne|Tinetti|Folstein|Hamilton|Beck|Borg|Lund|Mackay)"
)
_SCORE_VALUE_AFTER = re.compile(r"^(?:[ \t]*[:=][ \t]*|[ \t]+)\d{1,3}(?:[.,]\d)?(?:[ \t]*/[ \t]*\d{1,3})?\b")
# A word that continues into an organisation's name: "Patient Advice and Liaison Service", "Sickle Cell Team".
_ORG_CONTINUES = re.compile(
    rf"^(?:[ \t]+(?:and|&|et)[ \t]+{_CAP}|[ \t]+{_CAP}){{0,3}}[ \t]+(?:Service|Services|Team|Office|Unit|"
    r"Department|Committee|Board|Trust|Authority|Council|Society|Association)\b"
)
# A role in a salutation or a signature block ("Madame la Directrice", "Monsieur le Médiateur").
_ROLE_WORDS = re.compile(
    r"(?i)^(?:la|le|l['’])?[ \t]*(?:directrice|directeur|présidente?|médiat(?:eur|rice)|responsable|cheffe?|"
    r"secrétaire|déléguée?|défenseur|administrat(?:eur|rice)|manager|director|chair|ombudsman|sir|madam)$"
)
# A staff role right before the name ("expert witness: Mr X", "l'assistante sociale (Mme X)", "IDE : X").
_STAFF_BEFORE = re.compile(
    r"(?i)\b(?:expert(?:[ \t]+witness)?|experte?[ \t]+désignée?|assistante?[ \t]+sociale?|social[ \t]+worker|"
    r"travailleu(?:r|se)[ \t]+sociale?|pharmacien(?:ne)?|pharmacist|conseil|counsel|solicitor|avocate?|"
    r"barrister|interprète|interprete|interpreter|traducteur|traductrice|agent|outreach[ \t]+worker)"
    r"(?:[ \t]+(?:par|by|au|over[ \t]+the)[ \t]+(?:téléphone|telephone|phone|visio))?"  # "interprète par téléphone"
    r"(?:[ \t]+(?:n[°o]|no\.|number)[ \t]*\d{1,8})?"  # "interprète n° 21873, M. X"
    r"[ \t]*[:(,]?[ \t]*(?:(?:m|mme|mlle|mr|mrs|ms|miss|me|maître)\.?[ \t]+)?$"
)
_POSTNOMINALS_AFTER = re.compile(r"^,?[ \t]+(?:FRCS|FRCR|FRCP|FRCPath|MRCP|MRCS|MBBS|MBChB|FRACS|FRCSEd|PhD|DM)\b")
_UK_MOBILE = re.compile(r"(?<![\w+])(?:\+44[ \t]?(?:\(0\))?[ \t]?7\d{3}|07\d{3})[ \t]\d{3}[ \t]?\d{3}(?![\w])")
_SIGNED_AT = re.compile(
    rf"\b(?:Signed|Written|Dictated|Done|Fait|Signé|Rédigé|Printed|Issued|Édité|Imprimé|Établi|Sent)[ \t]+"
    rf"(?:at|in|à)[ \t]+"
    rf"(?P<place>{_CAP}(?:[ \t]+(?:{_CAP}|upon|on|sur|en|les|la|le)(?=[ \t]+{_CAP}|[ \t]*[,\n]|[ \t]+(?:on|le)\b))*"
    rf"(?:[ \t]+{_CAP})?)(?=[ \t]*,|[ \t]+(?:on|le)\b)"
)
# Pharmacies, chemists, community-nursing and home-care services: they point to the patient's home.
_CARE_ORG = re.compile(
    rf"(?<![\w-])(?:{_CAP}[ \t]+){{0,2}}{_CAP}[ \t]+(?:Pharmacy|Chemists?|(?:Community|District)[ \t]+Nursing"
    r"(?:[ \t]+(?:Team|Service))?|Home[ \t]+Care|Homecare)\b"
    rf"|(?<![\w-])Pharmacie[ \t]+(?:(?:du|de[ \t]+la|des|de|de[ \t]+l['’])[ \t]*)?(?:(?:centre|gare|marché|place|"
    rf"mairie|église|poste|port|parc|pont|rond-point|village|bourg)[ \t]+(?:de|du|d['’])[ \t]*)?"
    rf"(?:{_CAP})(?:[ \t]+{_CAP}){{0,2}}"
    rf"|(?<![\w-])(?:Santé[ \t]+Service|SSIAD|HAD)[ \t]+(?:(?:de|du|d['’])[ \t]*)?{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
)


# DICOM attributes that name a machine, not a person: DeviceSerialNumber (0018,1000), SoftwareVersions (0018,1020),
# ManufacturerModelName (0008,1090), StationName (0008,1010), with or without the VR.
_DEVICE_TAG_BEFORE = re.compile(
    r"(?:\((?:0018,10[02]0|0008,1090|0008,1010)\)[ \t]*(?:[A-Z]{2}[ \t]+)?(?:\[)?"
    r"|\b(?:DeviceSerialNumber|SoftwareVersions|ManufacturerModelName|StationName)[ \t]*[=:][ \t]*)$"
)
# Someone who writes on behalf of the patient ("I, Kevin Doyle, write on behalf of my mother") is a relative.
_WRITER_FOR = re.compile(
    r"\bI,[ \t]+(?P<name>[^,\n]{2,60}),[ \t]+(?:write|am[ \t]+writing|writing)[ \t]+(?:on[ \t]+behalf[ \t]+of|for)\b"
)
_SIGNED_BY_BEFORE = re.compile(
    r"(?i)\b(?:e-?signed|signed|dictated|validated|verified|reported|approved)[ \t]+by[ \t]+(?:dr\.?[ \t]+)?$"
)


# Dutch street, number, postcode ("1012 AB") and town: one address.
_DUTCH_STREET = re.compile(
    rf"\b{_CAP}(?:straat|gracht|weg|laan|plein|kade|singel|dijk|steeg|markt|park)[ \t]+\d{{1,4}}[a-zA-Z]?,?[ \t]+"
    rf"\d{{4}}[ \t]?[A-Z]{{2}}[ \t]+{_CAP}(?:[ \t]+{_CAP})?"
)
# The language of an interpreter ("Dari interpreter", "interprète en tamoul") names no one.
_INTERPRETER_AFTER = re.compile(r"(?i)^[ \t]+(?:interpreter|interpreting|speaker|-speaking)\b")
_INTERPRETER_BEFORE = re.compile(
    r"(?i)\b(?:interprète|interprete|interpreter|traducteur|traductrice)[ \t]+(?:en|in|for)[ \t]+$"
)
# A person followed by their employer in an injury declaration is the injured worker, the patient.
_EMPLOYEE_AFTER = re.compile(r",?[ \t]+(?:employed[ \t]+by|employée?(?:\(e\))?[ \t]+(?:de|chez)|salariée?[ \t]+de)\b")

# A name followed by a staff role ("Mme Selvi Raj, interprète en tamoul", "Mr Ahmad Rahimi (Dari interpreter)",
# "Ms Joy Evans, healthcare assistant") is staff, never the patient; a role with a workplace is the patient's job.
_STAFF_AFTER = re.compile(
    r"(?i),?[ \t]*[,(][ \t]*(?:[A-Z][a-z]+[ \t]+)?(?:interprète|interpreter|traducteur|traductrice|"
    r"aide-soignante?|chaperone?|healthcare[ \t]+assistant|infirmi[eè]re?|nurse|manipulat(?:eur|rice)|"
    r"radiographer|secrétaire|secretary|urgentiste|registrar|kinésithérapeute|physiotherapist)\b"
    r"(?![ \t]+(?:à|au|aux|at|chez|dans|working)\b(?![ \t]+cabinet\b))"  # "aide-soignante à l'EHPAD": the patient's job
)


def _trap(text: str, e: Entity) -> bool:
    """True when the span is a structure eponym, a device brand, a catalogue / lot number, a GS1 or DICOM device
    code, an eponymous score with its value, a word of an organisation's name or a role in a salutation."""
    word = text[e.start : e.end]
    before = text[max(0, e.start - 40) : e.start]
    after = text[e.end : e.end + 40]
    if e.label in ("ID", "PHONE", "DATE") and _GS1_NOT_PERSONAL.search(before):
        return True
    if e.label in ("PERSON", "PATIENT") and _ROLE_WORDS.match(word.strip()):
        return True
    if e.label == "LOCATION" and re.match(
        r"^(?:[ \t]+(?:I{1,3}|IV)[abc]?\b|[ \t]+(?:Scientific|Medical|Instruments)\b)", after
    ):
        return True  # a classification's grade ("Clavien-Dindo II") or a company ("Boston Scientific")
    if e.label == "PERSON" and (_GRADED.fullmatch(word) or _STAGE_OF.search(before)):
        return True  # a classification with its grade inside the span ("Fontaine IIb") or after a stage
    if e.label in ("PERSON", "PATIENT", "LOCATION") and " " not in word.strip() and word[:1].isupper():
        if _STRUCTURE_BEFORE.search(before) or _STRUCTURE_AFTER.match(after):
            return True
        if _INTERPRETER_AFTER.match(after) or _INTERPRETER_BEFORE.search(before):
            return True
        if re.search(r"(?i)\b(?:dr|pr|prof|mr|mrs|ms|mme|m)\.?[ \t]+$", before):
            return False
        if re.fullmatch(_EPONYM_SCORES, word) and _SCORE_VALUE_AFTER.match(after):
            return True
        if _ORG_CONTINUES.match(after):
            return True
        if re.search(r"(?:FRCS|FRCR|FRCP|MRCP|MRCS)[ \t]*\($", before) and after.startswith(")"):
            return True  # the specialty of a fellowship, "FRCS (Orth)"
        if word == "Ward" and re.match(r"(?i)^[ \t]+rounds?\b", after):
            return True
        if e.label == "PERSON" and _GRADE_AFTER.match(after):
            return True
        if _BRAND_BEFORE.search(before) or _BRAND_AFTER.match(after):
            return True
        if _BRAND_MODEL_AFTER.match(after) and re.search(rf"(?i){_DEVICE_WORD}[ \t]+$", before):
            return True
    if e.label in ("ID", "PHONE") and _DEVICE_TAG_BEFORE.search(before):
        return True
    return e.label in ("ID", "PHONE") and _CATALOGUE_BEFORE.search(before) is not None


# A radiographer named by initials after the role word ("radiographer F.W.,", "MERM : J.-L.D.", "MERM T.F.,").
_STAFF_INITIALS = re.compile(
    r"\b(?:(?i:radiographer|manipulat(?:eur|rice)|technologist)|MERM)[ \t]*:?[ \t]+"
    r"(?P<ini>[A-Z]\.?(?:-?[A-Z]\.?){1,3})(?=[ \t]*[,;)\n]|[ \t]*$)"
)


def _one_name(text: str, kept: list[Entity]) -> list[Entity]:
    """Two halves of an injured worker's name ("Amanda" PERSON, "Black" PATIENT, one space apart, then "employed
    by") share the PATIENT type."""
    out = list(kept)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (
            a.label == "PERSON"
            and b.label == "PATIENT"
            and text[a.end : b.start] == " "
            and _EMPLOYEE_AFTER.match(text, b.end)
        ):
            out[i], out[i + 1] = Entity(a.start, a.end, "PATIENT"), Entity(b.start, b.end, "PATIENT")
    return out


_CALLBACK_BEFORE = re.compile(
    r"(?i)\b(?:rappeler|appeler|joindre|contacter|recontacter|call|ring|phone|contact)(?:[ \t]+back)?[ \t]+"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mme|Mlle|M\.|Madame|Monsieur)\.?[ \t]+)?$"
)
_KIN = (
    r"mari|épouse|femme|conjointe?|fils|fille|enfant|mère|père|frère|sœur|soeur|husband|wife|partner|son|"
    r"daughter|child|mother|father|brother|sister|mum|dad"
)
_RELATIVE_SUBJECT_AFTER = re.compile(rf"(?i)^[^.;\n]{{0,140}}?\b(?:son|sa|ses|her|his|their)[ \t]+(?:{_KIN})\b")


_LABEL_HEAD_TAIL = re.compile(r"\n[ \t]*(?:Hospital|Hôpital|Hopital|Clinic|Clinique|Unit|Ward|Service)$")
_NUMBER_LABEL_AFTER = re.compile(r"(?i)[ \t]*(?:no\b\.?|number\b|n°|num\b\.?|#)")
_NAME_LINE = re.compile(r"[A-ZÀ-Ý][^\W\d_]*(?:[ \t-]+[A-ZÀ-Ý][^\W\d_]*){1,3}")


def _retyped(text: str, e: Entity, writers: list[re.Match[str]]) -> Entity:
    """An injured employee becomes PATIENT; a name after or before a staff role, a relative who writes on the
    patient's behalf (`writers`) and a signer or expert taken for a place become PERSON."""
    if e.label == "INSTITUTION" and "\n" in text[e.start : e.end]:
        tail = _LABEL_HEAD_TAIL.search(text, e.start, e.end)
        if tail and _NUMBER_LABEL_AFTER.match(text, e.end) and _NAME_LINE.fullmatch(text, e.start, tail.start()):
            return Entity(e.start, tail.start(), "PERSON")  # "Brenda Williamson\nHospital no. 58604487"
    if (
        e.label in ("PERSON", "PATIENT")
        and text[e.start : e.end].lower().replace(" ", "-") in _OPERATORS
        and not re.search(rf"\b{_TITLE_WORD}\.?[ \t]*$", text[max(0, e.start - 8) : e.start])
    ):
        return Entity(e.start, e.end, "INSTITUTION")  # round 22: an airline or offshore operator named alone
    if e.label in ("PERSON", "PATIENT") and (
        _HYPHEN_TOWN.fullmatch(text, e.start, e.end) or _AIRFIELD_AFTER.match(text, e.end)
    ):
        return Entity(e.start, e.end, "LOCATION")  # round 22: "Sherburn-in-Elmet", "Netherthorpe airfield"
    if e.label == "PERSON" and _EMPLOYEE_AFTER.match(text, e.end):
        return Entity(e.start, e.end, "PATIENT")
    if e.label == "PATIENT" and _STAFF_AFTER.match(text, e.end):
        return Entity(e.start, e.end, "PERSON")
    if (
        e.label == "PATIENT"
        and _CALLBACK_BEFORE.search(text, max(0, e.start - 30), e.start)
        and _RELATIVE_SUBJECT_AFTER.match(text[e.end : e.end + 160])
    ):
        return Entity(e.start, e.end, "PERSON")  # the relative to call back about the patient's results
    if e.label == "PATIENT" and any(m.start("name") <= e.start and e.end <= m.end("name") for m in writers):
        return Entity(e.start, e.end, "PERSON")
    if e.label == "LOCATION" and (
        _SIGNED_BY_BEFORE.search(text, max(0, e.start - 40), e.start)
        or re.match(r",[ \t]+(?:expert[ \t]+witness|experte?[ \t]+désignée?)\b", text[e.end : e.end + 30])
    ):
        return Entity(e.start, e.end, "PERSON")
    if e.label == "PATIENT" and (
        _STAFF_BEFORE.search(text, max(0, e.start - 50), e.start) or _POSTNOMINALS_AFTER.match(text[e.end : e.end + 12])
    ):
        return Entity(e.start, e.end, "PERSON")
    return e


def _additions(text: str) -> list[Entity]:
    found = [Entity(m.start(), m.end(), "DATE") for m in _WEEK_DATE.finditer(text)]
    found += [
        Entity(m.start(), m.end(), "INSTITUTION")
        for m in _ORG_HEAD.finditer(text)
        if not any(w.lower() in _GENERIC_WORDS for w in m.group().split())
    ]
    found += [Entity(m.start(), m.end(), "LOCATION") for m in _FOREIGN_STREET.finditer(text)]
    found += [Entity(m.start(), m.end(), "INSTITUTION") for m in _CARE_ORG.finditer(text)]
    found += [Entity(m.start(), m.end(), "PHONE") for m in _UK_MOBILE.finditer(text)]
    found += [Entity(m.start("place"), m.end("place"), "LOCATION") for m in _SIGNED_AT.finditer(text)]
    found += [Entity(m.start(), m.end(), "LOCATION") for m in _DUTCH_STREET.finditer(text)]
    found += [Entity(m.start("ini"), m.end("ini"), "PERSON") for m in _STAFF_INITIALS.finditer(text)]
    for cue in _EMPLOYER.finditer(text):
        name = _EMPLOYER_NAME.match(text, cue.end())
        if name:
            # "chez Volotea, M. X", "Acteon Diving Services, Aberdeen": the name ends at the comma
            titled = re.search(rf",[ \t]+(?:{_TITLE_WORD}|{_KNOWN_CITY}(?![\w-]))", name.group())
            end = name.start() + titled.start() if titled else name.end()
            found.append(Entity(name.start(), end, "INSTITUTION"))
    return found


def refine(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` without the traps above, with the added shapes replacing what they overlap; sorted by start."""
    writers = list(_WRITER_FOR.finditer(text))
    kept = [_retyped(text, e, writers) for e in entities if not _trap(text, e)]
    for new in _additions(text):
        trimmed: list[Entity] = []
        for e in kept:
            if e.end <= new.start or new.end <= e.start:
                trimmed.append(e)
                continue
            for a, b in ((e.start, new.start), (new.end, e.end)):  # what sticks out of the new span survives
                piece = text[a:b] if a < b else ""
                lead = len(piece) - len(piece.lstrip(" \t,;:-"))
                stripped = piece.strip(" \t,;:-")
                if len(stripped) > 1 and e.label != new.label:
                    trimmed.append(Entity(a + lead, a + lead + len(stripped), e.label))
        kept = trimmed
        kept.append(new)
    return _one_name(text, sorted(kept, key=lambda e: (e.start, e.end)))
