"""The "blind2" template family: a second blind de-identification test set, written without the detector's rules.

`blind2_draw(lang, rng)` returns the slot values and the template family of one report; `identities.plant_identifiers`
(style "blind2") renders them around a clinical body. Each report is drawn from one national variety: French of
France, Belgium, Switzerland and Québec; English of the USA, Ireland, Australia, the UK and Canada. Every variety has
its own names (faker locales plus hand lists with particles, apostrophes and accents), real towns with matching
postcodes, phone spellings, date spellings, national and hospital identifiers with valid check digits (NIR with Corsican
departments, Belgian NISS, Swiss AVS, Québec RAMQ, Australian Medicare, UK NHS, Irish PPSN, Ontario OHIP, US SSN),
practitioner numbers (RPPS, INAMI, GLN, NPI, provider numbers), institutions, e-mails and URLs.

Gold conventions (those of `entities.LABELS`): titles ("Dr", "Mme", "Mr") and qualifications stay outside name spans;
an address is two LOCATION spans (street, then postcode/town line); an age keeps its unit; a year alone is not a DATE;
a generic department ("Service de radiologie") is not an INSTITUTION. Deliberate unlabelled traps: times of day, doses
and exposure settings, procedure and diagnosis codes (CCAM, CPT, MBS, TARMED, ICD-10), equipment models and serials,
page numbers, rooms, durations, years, qualifications (FMH, FRCPC, FRANZCR) and eponyms (Pouteau-Colles, Salter-Harris,
Kellgren-Lawrence, Lachman, Paget, Lisfranc, Hill-Sachs, Bankart, Segond). Never tune a detector on this family.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family

if TYPE_CHECKING:
    import numpy as np


VARIETIES: dict[str, tuple[str, ...]] = {
    "fr": ("fr_FR", "fr_BE", "fr_CH", "fr_CA"),
    "en": ("en_US", "en_IE", "en_AU", "en_GB", "en_CA"),
}
FAKER_LOCALE = {
    "fr_FR": "fr_FR",
    "fr_BE": "fr_BE",
    "fr_CH": "fr_CH",
    "fr_CA": "fr_CA",
    "en_US": "en_US",
    "en_IE": "en_IE",
    "en_AU": "en_GB",  # faker has no en_AU person provider; hand lists add the Australian mix
    "en_GB": "en_GB",
    "en_CA": "en_US",
}

MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MOIS_ABR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Eponyms kept in the clinical lines as traps (none of them is an identifier there).
TRAP_EPONYMS = (
    "Pouteau-Colles", "Salter-Harris", "Kellgren-Lawrence", "Lachman", "Paget", "Lisfranc", "Hill-Sachs", "Bankart",
    "Segond", "Colles", "Schuss",
)  # fmt: skip
# ...and, now and then, a staff member carries an eponym as surname ("Dr Paget" is a person).
STAFF_EPONYMS = {
    "fr": ("Paget", "Segond", "Lisfranc", "Bankart", "Pouteau"),
    "en": ("Harris", "Salter", "Paget", "Colles"),
}

# --------------------------------------------------------------------------------------------------- hand lists

EXTRA_LAST = {
    "fr_FR": ("Le Gall", "de La Fontaine", "Da Silva", "N'Diaye", "Ben Ahmed", "Le Goff", "Dupont-Moreau",
              "Saint-Martin",
              "Nguyen", "Lefèvre-Utile", "Mbappé", "Abdelkader", "Kerbrat", "Oulmi", "Delacroix"),
    "fr_BE": ("Van den Bossche", "De Smet", "Vandenberghe", "Peeters", "Janssens", "Wauters", "Delvaux", "Van Hecke",
              "Lambotte", "Dewulf", "El Amrani", "Vanderlinden", "d'Ursel", "Mertens", "Claes"),
    "fr_CH": ("Favre", "Rochat", "Chappuis", "Müller", "de Weck", "Berset", "Python", "Rossier", "Pittet", "Gygax",
              "Perret-Gentil", "Dubuis", "Zufferey", "Schaller", "Bonvin"),
    "fr_CA": ("Tremblay", "Gagnon", "Côté", "Bouchard", "Gauthier", "Lévesque", "Bélanger", "Ouellet", "St-Pierre",
              "Pelletier", "Lachance", "Nadeau-Dubois", "Thibodeau", "Paquette", "Lapointe"),
    "en_US": ("Nguyen", "Washington", "Rodriguez", "O'Neal", "Kowalski", "Patel", "Jefferson", "Hernández", "Kim",
              "Van Buren", "McAllister", "Goldberg", "Baptiste", "Okafor", "Chen"),
    "en_IE": ("O'Brien", "Ó Súilleabháin", "Ní Bhriain", "Mac Giolla Phádraig", "McCarthy", "Fitzgerald",
              "Ó Ceallaigh", "Byrne", "Kavanagh", "Ní Dhomhnaill", "O'Connor", "Breathnach", "Doherty", "Mulcahy",
              "Kowalczyk"),
    "en_AU": ("Nguyen", "Papadopoulos", "Kowalczyk", "Singh", "Tran", "Rossi", "O'Sullivan", "Nakamura", "Wong",
              "Costa", "Yunupingu", "Petrovic", "Haddad", "MacKenzie", "Chua"),
    "en_GB": ("Ahmed", "McLaughlin", "Ferguson", "Khan", "Okonkwo", "ap Rhys", "Davies", "Ní Chonaill", "Gallagher",
              "Hughes", "Mullan", "Pritchard", "Begum", "Armstrong", "Quinn"),
    "en_CA": ("Tremblay", "MacDonald", "Singh", "Leblanc", "Wong", "Campbell", "Desjardins", "Fraser", "Li",
              "Martin-Okafor", "St. Clair", "Beaulieu", "Chartrand", "Ahenakew", "Kaur"),
}  # fmt: skip
EXTRA_FIRST = {  # (male, female)
    "fr_FR": (("Jean-Baptiste", "Loïc", "Gwenaël", "Yanis", "Pierre", "Dominique"),
              ("Anne-Sophie", "Marie-Hélène", "Maëlys", "Océane", "Inès", "Rose", "Florence")),
    "fr_BE": (("Jean-Philippe", "Maxime", "Wim", "Thibault", "Pieter", "Grégory"),
              ("Anne-Catherine", "Amélie", "Lotte", "Noor", "Ludivine", "Marie-Christine")),
    "fr_CH": (("Jean-Daniel", "Sébastien", "Urs", "Cédric", "Yves-Alain", "Gilles"),
              ("Valérie", "Nadia", "Léa", "Maude", "Corinne", "Fabienne")),
    "fr_CA": (("Jean-François", "Félix", "Marc-André", "Sylvain", "Gaétan"),
              ("Marie-Ève", "Geneviève", "Maude", "Josée", "Karine", "Marie-Pier", "Rosalie")),
    "en_US": (("Tyrone", "Jayden", "Dakota", "Chase", "DeShawn"),
              ("Madison", "Guadalupe", "Brittany", "Hope", "Grace", "Destiny", "Mercedes")),
    "en_IE": (("Seán", "Oisín", "Pádraig", "Eoin", "Ciarán", "Tadhg"),
              ("Aoife", "Siobhán", "Niamh", "Caoimhe", "Gráinne", "Saoirse")),
    "en_AU": (("Lachlan", "Jarrah", "Shane", "Duc", "Sione", "Darcy", "Warrick"),
              ("Bronwyn", "Kylie", "Mei", "Narelle", "Bree")),
    "en_GB": (("Callum", "Gareth", "Hamish", "Mohammed", "Alistair"),
              ("Rhiannon", "Siân", "Priya", "Bethan", "Imogen", "Ffion", "Victoria")),
    "en_CA": (("Tyler", "Brendan", "Harpreet", "Kyle", "Mathieu", "Wei"),
              ("Marie-Claude", "Chantal", "Autumn", "Raven", "Brianne", "Florence")),
}  # fmt: skip

# (town, postcode or postcode prefix, extra): real towns, several of them also words or person names.
TOWNS = {
    "fr_FR": (("Paris", "75013", ""), ("Lyon", "69003", ""), ("Marseille", "13005", ""), ("Rennes", "35033", ""),
              ("Nantes", "44093", ""), ("Tours", "37044", ""), ("Nancy", "54035", ""), ("Nice", "06001", ""),
              ("Orange", "84100", ""), ("Vienne", "38200", ""), ("Sens", "89100", ""), ("Auch", "32000", ""),
              ("Laval", "53000", ""), ("Saint-Étienne", "42055", ""), ("Clermont-Ferrand", "63003", ""),
              ("Le Kremlin-Bicêtre", "94275", ""), ("Bron", "69500", ""), ("Pessac", "33604", ""),
              ("Bourg-en-Bresse", "01012", ""), ("Quimper", "29107", ""), ("Annecy", "74000", ""),
              ("Châlons-en-Champagne", "51005", ""), ("Ajaccio", "20000", ""), ("Bastia", "20200", "")),
    "fr_BE": (("Bruxelles", "1000", ""), ("Ixelles", "1050", ""), ("Uccle", "1180", ""),
              ("Woluwe-Saint-Lambert", "1200", ""), ("Anderlecht", "1070", ""), ("Jette", "1090", ""),
              ("Liège", "4000", ""), ("Seraing", "4100", ""), ("Verviers", "4800", ""), ("Spa", "4900", ""),
              ("Huy", "4500", ""), ("Namur", "5000", ""), ("Dinant", "5500", ""), ("Charleroi", "6000", ""),
              ("Mons", "7000", ""), ("La Louvière", "7100", ""), ("Tournai", "7500", ""), ("Mouscron", "7700", ""),
              ("Wavre", "1300", ""), ("Ottignies-Louvain-la-Neuve", "1340", ""), ("Nivelles", "1400", ""),
              ("Waterloo", "1410", ""), ("Braine-l'Alleud", "1420", ""), ("Arlon", "6700", ""),
              ("Marche-en-Famenne", "6900", "")),
    "fr_CH": (("Genève", "1205", "GE"), ("Lausanne", "1011", "VD"), ("Fribourg", "1700", "FR"), ("Sion", "1950", "VS"),
              ("Neuchâtel", "2000", "NE"), ("La Chaux-de-Fonds", "2300", "NE"), ("Delémont", "2800", "JU"),
              ("Yverdon-les-Bains", "1400", "VD"), ("Montreux", "1820", "VD"), ("Vevey", "1800", "VD"),
              ("Nyon", "1260", "VD"), ("Morges", "1110", "VD"), ("Martigny", "1920", "VS"), ("Bulle", "1630", "FR"),
              ("Porrentruy", "2900", "JU"), ("Sierre", "3960", "VS"), ("Bienne", "2502", "BE"),
              ("Carouge", "1227", "GE"), ("Renens", "1020", "VD")),
    "fr_CA": (("Montréal", "H2X", ""), ("Québec", "G1R", ""), ("Laval", "H7N", ""), ("Gatineau", "J8T", ""),
              ("Longueuil", "J4K", ""), ("Sherbrooke", "J1H", ""), ("Trois-Rivières", "G9A", ""),
              ("Saguenay", "G7H", ""), ("Lévis", "G6V", ""), ("Rimouski", "G5L", ""), ("Terrebonne", "J6W", ""),
              ("Saint-Jérôme", "J7Z", ""), ("Drummondville", "J2B", ""), ("Granby", "J2G", ""),
              ("Saint-Hyacinthe", "J2S", ""), ("Rouyn-Noranda", "J9X", ""), ("Sept-Îles", "G4R", ""),
              ("Joliette", "J6E", ""), ("Victoriaville", "G6P", "")),
    "en_US": (("Boston", "02115", "MA"), ("Rochester", "55905", "MN"), ("Cleveland", "44195", "OH"),
              ("Madison", "53792", "WI"), ("Portland", "97239", "OR"), ("Aurora", "80045", "CO"),
              ("Mobile", "36604", "AL"), ("Columbia", "65212", "MO"), ("Temple", "76508", "TX"),
              ("Florence", "29501", "SC"), ("Troy", "12180", "NY"), ("Jackson", "39216", "MS"),
              ("Lincoln", "68510", "NE"), ("Tyler", "75701", "TX"), ("Marion", "43302", "OH"),
              ("Springfield", "62704", "IL"), ("Burlington", "05401", "VT"), ("Savannah", "31404", "GA")),
    "en_IE": (("Dublin", "D04", "Dublin 4"), ("Dublin", "D08", "Dublin 8"), ("Dublin", "D09", "Dublin 9"),
              ("Cork", "T12", "Cork"), ("Galway", "H91", "Galway"), ("Limerick", "V94", "Limerick"),
              ("Waterford", "X91", "Waterford"), ("Drogheda", "A92", "Louth"), ("Dundalk", "A91", "Louth"),
              ("Sligo", "F91", "Sligo"), ("Letterkenny", "F92", "Donegal"), ("Tralee", "V92", "Kerry"),
              ("Kilkenny", "R95", "Kilkenny"), ("Ennis", "V95", "Clare"), ("Athlone", "N37", "Westmeath"),
              ("Mullingar", "N91", "Westmeath"), ("Naas", "W91", "Kildare"), ("Bray", "A98", "Wicklow"),
              ("Navan", "C15", "Meath"), ("Castlebar", "F23", "Mayo"), ("Mallow", "P51", "Cork"),
              ("Clonmel", "E91", "Tipperary"), ("Cavan", "H12", "Cavan")),
    "en_AU": (("Sydney", "2000", "NSW"), ("Randwick", "2031", "NSW"), ("Camperdown", "2050", "NSW"),
              ("Westmead", "2145", "NSW"), ("Wagga Wagga", "2650", "NSW"), ("Orange", "2800", "NSW"),
              ("Newcastle", "2300", "NSW"), ("Wollongong", "2500", "NSW"), ("Parkville", "3052", "VIC"),
              ("Geelong", "3220", "VIC"), ("Ballarat", "3350", "VIC"), ("Bendigo", "3550", "VIC"),
              ("Woolloongabba", "4102", "QLD"), ("Townsville", "4810", "QLD"), ("Cairns", "4870", "QLD"),
              ("Toowoomba", "4350", "QLD"), ("Adelaide", "5000", "SA"), ("Nedlands", "6009", "WA"),
              ("Fremantle", "6160", "WA"), ("Hobart", "7000", "TAS"), ("Launceston", "7250", "TAS"),
              ("Darwin", "0810", "NT"), ("Alice Springs", "0870", "NT"), ("Canberra", "2605", "ACT")),
    "en_GB": (("Belfast", "BT9", ""), ("Londonderry", "BT47", ""), ("Newry", "BT35", ""), ("Enniskillen", "BT74", ""),
              ("Leeds", "LS9", ""), ("Manchester", "M13", ""), ("Oxford", "OX3", ""), ("Cardiff", "CF14", ""),
              ("Glasgow", "G51", ""), ("Bristol", "BS2", ""), ("Sheffield", "S10", ""), ("Norwich", "NR4", ""),
              ("Exeter", "EX2", ""), ("Swansea", "SA6", ""), ("Reading", "RG1", ""), ("Bath", "BA1", "")),
    "en_CA": (("Toronto", "M5G", "ON"), ("Ottawa", "K1H", "ON"), ("Hamilton", "L8N", "ON"), ("Kingston", "K7L", "ON"),
              ("London", "N6A", "ON"), ("Halifax", "B3H", "NS"), ("Winnipeg", "R3A", "MB"), ("Calgary", "T2N", "AB"),
              ("Edmonton", "T6G", "AB"), ("Vancouver", "V5Z", "BC"), ("Victoria", "V8R", "BC"),
              ("Saskatoon", "S7N", "SK"), ("Moncton", "E1C", "NB"), ("Sudbury", "P3E", "ON")),
}  # fmt: skip

STREET_NAMES = {
    "fr_FR": ("Jean Jaurès", "Victor-Hugo", "du Général de Gaulle", "de la République", "Pasteur", "des Lilas",
              "du Maréchal Foch", "Émile Zola", "de Verdun", "Gambetta", "Carnot", "de la Gare", "Paul Bert",
              "du Docteur Roux", "du Professeur Calmette", "Ambroise Paré", "Jean Moulin", "des Écoles"),
    "fr_BE": ("Hippocrate", "de Waterloo", "de Louvain", "de Mons", "de la Station", "Albert Ier", "Reine Astrid",
              "du Roi Baudouin", "Léopold II", "des Déportés", "Joseph Wauters", "Émile Vandervelde", "de l'Hôpital",
              "du Docteur Decroly"),
    "fr_CH": ("du Bugnon", "Gabrielle-Perret-Gentil", "de Beaumont", "des Pensionnats", "de Berne", "de la Gare",
              "du Léman", "des Moulins", "Pierre-Fatio", "de la Vuachère", "du Grand-Pré", "des Alpes",
              "du Docteur-César-Roux"),
    "fr_CA": ("Sherbrooke Est", "Saint-Denis", "Saint-Laurent", "René-Lévesque Ouest", "de l'Église", "Wellington Nord",
              "Principale", "Notre-Dame Ouest", "Laurier", "des Érables", "du Sacré-Cœur", "Jean-Talon Est"),
    "en_US": ("Longwood Avenue", "Euclid Avenue", "Main Street", "Highland Drive", "Medical Center Blvd",
              "Martin Luther King Jr Blvd", "Jefferson Street", "Elm Street", "Washington Avenue", "Park Lane"),
    "en_IE": ("Merrion Road", "James's Street", "Eccles Street", "Beaumont Road", "Newcastle Road", "Dublin Road",
              "Main Street", "O'Connell Street", "Bóthar na Trá", "Patrick Street", "Wilton Road", "Church View"),
    "en_AU": ("Missenden Rd", "Grattan St", "Ipswich Road", "Oxford Street", "Smith St", "Parramatta Rd",
              "Flemington Rd", "Hawkesbury Road", "Barry Drive", "Botany Street", "Stirling Hwy", "Collins St"),
    "en_GB": ("Lisburn Road", "Oxford Road", "Beckett Street", "Headley Way", "Heath Park", "Govan Road",
              "Marlborough Street", "Glossop Road", "Colney Lane", "Barrack Road", "Craigavon Avenue"),
    "en_CA": ("University Avenue", "Bayview Avenue", "Queen Street West", "Barton Street East", "Stuart Street",
              "Spring Garden Road", "Sherbrook Street", "Foothills Drive", "Oak Street", "Richmond Road"),
}  # fmt: skip

INSTITUTIONS = {
    "fr_FR": ("Centre Hospitalier de {town}", "CHU de {town}", "Hôpital Privé Jean Mermoz", "Clinique du Parc",
              "Clinique Saint-{saint}", "Polyclinique de {town}", "Centre d'Imagerie Médicale {town} Sud",
              "Cabinet de radiologie des Drs {last} et {last2}", "Hôpital Lariboisière AP-HP", "Hôpital Bicêtre",
              "Groupe Hospitalier {saint2}", "SELARL Imagerie {town} Centre", "Hôpital d'instruction des armées Bégin",
              "Institut Arnault Tzanck", "GHU Paris Psychiatrie et Neurosciences"),
    "fr_BE": ("CHU de {town}", "Cliniques universitaires Saint-Luc", "CHR de la Citadelle",
              "Grand Hôpital de Charleroi",
              "Clinique Saint-{saint}", "CHU Ambroise Paré", "Hôpital Erasme", "CHIREC", "CHR {town}",
              "Centre Médical de {town}", "Clinique André Renard", "Vivalia – Hôpital de {town}",
              "Centre Hospitalier de Wallonie picarde"),
    "fr_CH": ("HUG – Hôpitaux Universitaires de Genève", "CHUV", "Hôpital fribourgeois", "Hôpital du Valais",
              "Clinique de La Source", "Hôpital de la Tour", "Réseau hospitalier neuchâtelois",
              "Institut de radiologie de {town}", "Centre d'imagerie de {town} SA", "Hôpital régional de {town}",
              "Hôpital Riviera-Chablais", "Clinique Cecil", "eHnv – Établissements hospitaliers du Nord vaudois"),
    "fr_CA": ("CHUM", "CHU de Québec–Université Laval", "Hôpital Maisonneuve-Rosemont",
              "Hôpital du Sacré-Cœur-de-Montréal",
              "CIUSSS du Centre-Sud-de-l'Île-de-Montréal", "CISSS de Laval", "Clinique radiologique de {town}",
              "Centre hospitalier régional de {town}", "Radiologie {town} inc.", "Hôpital de {town}",
              "GMF-U Saint-{saint}", "Hôpital Pierre-Le Gardeur", "Hôpital Charles-LeMoyne"),
    "en_US": ("{town} General Hospital", "Mercy Medical Center", "St. Mary's Regional Medical Center",
              "{last} Imaging Associates, LLC", "{town} Orthopedic & Spine Center", "Good Samaritan Hospital",
              "University of {state_name} Medical Center", "Kaiser Permanente {town} Medical Center",
              "{last} Memorial Hospital", "Shriners Children's {town}"),
    "en_IE": ("St Vincent's University Hospital", "Beaumont Hospital", "Mater Misericordiae University Hospital",
              "Cork University Hospital", "University Hospital Galway", "Tallaght University Hospital",
              "Bon Secours Hospital {town}", "Beacon Hospital", "{town} Regional Hospital",
              "Our Lady of Lourdes Hospital", "Cappagh National Orthopaedic Hospital", "St James's Hospital",
              "Hermitage Medical Clinic", "{town} Community Hospital"),
    "en_AU": ("Royal Prince Alfred Hospital", "St Vincent's Hospital Sydney", "Royal Melbourne Hospital",
              "Princess Alexandra Hospital", "Westmead Hospital", "Sir Charles Gairdner Hospital",
              "{town} Base Hospital", "{town} District Hospital", "I-MED Radiology {town}", "Lake Imaging {town}",
              "Queensland X-Ray {town}", "Royal Hobart Hospital", "Alice Springs Hospital", "Canberra Hospital"),
    "en_GB": ("Royal Victoria Hospital", "Musgrave Park Hospital", "{town} Royal Infirmary",
              "St James's University Hospital",
              "{town} and District General Hospital", "Leeds Teaching Hospitals NHS Trust", "John Radcliffe Hospital",
              "University Hospital of Wales", "Queen Elizabeth University Hospital", "Altnagelvin Area Hospital",
              "Nuffield Health {town} Hospital"),
    "en_CA": ("Sunnybrook Health Sciences Centre", "Toronto Western Hospital", "{town} General Hospital",
              "Kingston Health Sciences Centre", "The Ottawa Hospital – Civic Campus", "Foothills Medical Centre",
              "Vancouver General Hospital", "Health Sciences North", "Victoria General Hospital",
              "{town} Health Centre",
              "Royal University Hospital", "QEII Health Sciences Centre"),
}  # fmt: skip
TLDS = {
    "fr_FR": ("fr",), "fr_BE": ("be",), "fr_CH": ("ch",), "fr_CA": ("qc.ca", "ca"), "en_US": ("org", "com", "edu"),
    "en_IE": ("ie",), "en_AU": ("com.au", "org.au", "health.nsw.gov.au"), "en_GB": ("nhs.uk", "co.uk", "hscni.net"),
    "en_CA": ("ca", "on.ca"),
}  # fmt: skip
FREE_MAIL = {
    "fr_FR": "wanadoo.fr", "fr_BE": "skynet.be", "fr_CH": "bluewin.ch", "fr_CA": "videotron.ca", "en_US": "gmail.com",
    "en_IE": "eircom.net", "en_AU": "bigpond.com", "en_GB": "btinternet.com", "en_CA": "rogers.com",
}  # fmt: skip
SAINTS = ("Jean", "Luc", "Joseph", "Vincent", "Pierre", "Martin", "Élisabeth", "Michel", "Camille", "Hubert")
US_STATE_NAMES = {"MA": "Massachusetts", "MN": "Minnesota", "OH": "Ohio", "WI": "Wisconsin", "OR": "Oregon",
                  "CO": "Colorado", "AL": "Alabama", "MO": "Missouri", "TX": "Texas", "SC": "South Carolina",
                  "NY": "New York", "MS": "Mississippi", "NE": "Nebraska", "IL": "Illinois", "VT": "Vermont",
                  "GA": "Georgia"}  # fmt: skip

DEVICES = ("Carestream DRX-Evolution Plus", "Fujifilm FDR D-EVO II", "Siemens Ysio Max", "Philips DigitalDiagnost C90",
           "GE Definium 656 HD", "Agfa DX-D 600", "Canon CXDI-710C", "Shimadzu RADspeed Pro")  # fmt: skip

# Per-variety constants: labels written before identifiers, titles, codes (all unlabelled text).
META: dict[str, dict[str, Any]] = {
    "fr_FR": {
        "nid_label": ("NIR", "N° de sécurité sociale", "N° SS", "Matricule assuré"),
        "ipp_label": ("IPP",), "rad_id_label": ("RPPS", "N° RPPS", "ADELI"), "ref_id_label": ("RPPS",),
        "act_label": ("CCAM", "Code CCAM", "Acte"), "act_code": ("MZQK002", "NEQK010", "NZQK002", "MGQK003", "LAQK009"),
        "dept": ("Service d'imagerie médicale", "Pôle Imagerie – Radiologie ostéo-articulaire",
                 "Service de Radiologie et Imagerie Musculo-Squelettique", "Imagerie Médicale"),
        "quals": ("", "", "Ancien chef de clinique", "Radiologue"),
    },
    "fr_BE": {
        "nid_label": ("NISS", "N° national", "N° registre national"), "ipp_label": ("N° de dossier", "N° patient"),
        "rad_id_label": ("INAMI", "N° INAMI"), "ref_id_label": ("INAMI",),
        "act_label": ("Code nomenclature", "Prestation INAMI"), "act_code": ("455015", "460574", "461016", "455133"),
        "dept": ("Service de radiologie", "Département d'imagerie médicale",
                 "Imagerie médicale – consultations externes"),
        "quals": ("", "radiologue", "Chef de service"),
    },
    "fr_CH": {
        "nid_label": ("N° AVS", "AVS", "NAVS13"), "ipp_label": ("N° patient", "N° EDS", "N° IPP"),
        "rad_id_label": ("GLN", "N° GLN"), "ref_id_label": ("GLN", "RCC"),
        "act_label": ("TARMED", "Position TARMED"), "act_code": ("39.0020", "39.0030", "39.0090", "39.0130"),
        "dept": ("Service de radiodiagnostic et radiologie interventionnelle", "Département de radiologie médicale",
                 "Centre d'imagerie"),
        "quals": ("Spécialiste FMH en radiologie", "FMH radiologie", "Médecin adjoint"),
    },
    "fr_CA": {
        "nid_label": ("NAM", "N° RAMQ", "N° d'assurance maladie"), "ipp_label": ("N° dossier", "Dossier"),
        "rad_id_label": ("permis", "Permis n°"), "ref_id_label": ("permis",),
        "act_label": ("Code RAMQ", "Code d'acte"), "act_code": ("08142", "08130", "08215", "08154"),
        "dept": ("Département d'imagerie médicale", "Service de radiologie diagnostique", "Imagerie médicale"),
        "quals": ("M.D., FRCPC", "radiologiste", "M.D."),
    },
    "en_US": {
        "nid_label": ("SSN", "Social Security No."), "ipp_label": ("MRN", "Med Rec #"), "rad_id_label": ("NPI",),
        "ref_id_label": ("NPI",), "act_label": ("CPT", "CPT code"), "act_code": ("73110", "73610", "73562", "71046"),
        "dept": ("Department of Radiology", "Diagnostic Imaging Services", "Musculoskeletal Radiology"),
        "quals": ("MD", "M.D.", "DO"),
    },
    "en_IE": {
        "nid_label": ("PPSN", "PPS No."), "ipp_label": ("MRN", "Hosp No", "Chart No."), "rad_id_label": ("MCRN",),
        "ref_id_label": ("MCRN",), "act_label": ("Exam code",), "act_code": ("XWRIB", "XKNEEB", "XSHOUL", "XANKLB"),
        "dept": ("Department of Radiology", "Radiology Department", "Diagnostic Imaging"),
        "quals": ("FFR RCSI", "MB BCh BAO, FFR RCSI", "MRCPI FFR RCSI"),
    },
    "en_AU": {
        "nid_label": ("Medicare No.", "Medicare"), "ipp_label": ("UR", "UR No.", "MRN"),
        "rad_id_label": ("Provider No.", "Prov No"), "ref_id_label": ("Provider No.",),
        "act_label": ("MBS item", "Medicare item"), "act_code": ("57506", "57712", "57524", "58500"),
        "dept": ("Medical Imaging Department", "Department of Radiology", "Radiology"),
        "quals": ("MBBS FRANZCR", "FRANZCR", "MBBS (Hons) FRANZCR"),
    },
    "en_GB": {
        "nid_label": ("NHS No.", "NHS Number", "H&C No."), "ipp_label": ("Hospital No.", "Unit No.", "MRN"),
        "rad_id_label": ("GMC", "GMC No."), "ref_id_label": ("GMC",),
        "act_label": ("NICIP code", "Exam code"), "act_code": ("XWRIBL", "XKNEEL", "XSHOUR", "XANKBR"),
        "dept": ("Department of Radiology", "Imaging Department", "Radiology Department"),
        "quals": ("FRCR", "MBChB FRCR", "MB BS FRCR"),
    },
    "en_CA": {
        "nid_label": ("OHIP", "Health Card No.", "HCN"), "ipp_label": ("MRN", "Chart #"),
        "rad_id_label": ("CPSO #", "CPSO No."), "ref_id_label": ("CPSO #",),
        "act_label": ("OHIP fee code", "Fee code"), "act_code": ("X023", "X043", "X111", "X208"),
        "dept": ("Department of Medical Imaging", "Diagnostic Imaging", "Joint Department of Medical Imaging"),
        "quals": ("MD, FRCPC", "M.D., FRCPC", "MD FRCPC"),
    },
}  # fmt: skip

# --------------------------------------------------------------------------------------------------- check digits


def nir_key(body13: str) -> int:
    """The mod-97 key of a 13-character NIR body; Corsican departments 2A/2B count as 19/18."""
    digits = body13[:5] + {"2A": "19", "2B": "18"}.get(body13[5:7], body13[5:7]) + body13[7:]
    return 97 - int(digits) % 97


def niss_check(birth: dt.date, serial: int) -> int:
    """Belgian NISS check number: 97 - (YYMMDDSSS mod 97), with a leading 2 for births from 2000 on."""
    base = f"{birth.year % 100:02d}{birth.month:02d}{birth.day:02d}{serial:03d}"
    return 97 - int(("2" if birth.year >= 2000 else "") + base) % 97


def ean13_check(payload12: str) -> int:
    """EAN-13 check digit (Swiss AVS number, GLN): weights 1, 3, 1, 3... from the left."""
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(payload12))
    return (10 - total % 10) % 10


def luhn_digit(payload: str) -> int:
    """The Luhn check digit appended to `payload`."""
    total = 0
    for i, c in enumerate(reversed(payload)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def medicare_check(payload8: str) -> int:
    """Australian Medicare check digit (9th digit): weights 1, 3, 7, 9, 1, 3, 7, 9, mod 10."""
    return sum(int(c) * w for c, w in zip(payload8, (1, 3, 7, 9, 1, 3, 7, 9), strict=True)) % 10


def nhs_check(payload9: str) -> int | None:
    """UK NHS number check digit (mod 11, weights 10..2); None when the payload has no valid number."""
    r = 11 - sum(int(c) * (10 - i) for i, c in enumerate(payload9)) % 11
    return None if r == 10 else (0 if r == 11 else r)


def ppsn_letter(payload7: str, second: str = "") -> str:
    """Irish PPSN check letter (weights 8..2, second letter x9, mod 23; 0 is W)."""
    total = sum(int(c) * (8 - i) for i, c in enumerate(payload7)) + (9 * (ord(second) - 64) if second else 0)
    r = total % 23
    return "W" if r == 0 else chr(64 + r)


# --------------------------------------------------------------------------------------------------- helpers


@lru_cache(maxsize=16)
def _faker(locale: str) -> Any:
    from faker import Faker

    return Faker(locale)


def _pick(rng: np.random.Generator, seq: Any) -> Any:
    return seq[int(rng.integers(len(seq)))]


def _digits(rng: np.random.Generator, n: int) -> str:
    return "".join(str(int(x)) for x in rng.integers(0, 10, size=n))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    words = [w for w in "".join(c if c.isalnum() else " " for c in _ascii(text).lower()).split() if len(w) > 1]
    stop = {"de", "du", "des", "la", "le", "les", "of", "the", "and", "et", "st", "sa", "llc", "inc"}
    kept = [w for w in words if w not in stop] or words or ["imagerie"]
    return "-".join(kept[:3])


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_date(date: dt.date, variety: str, rng: np.random.Generator) -> str:
    """One real-world spelling of `date` as the variety writes it."""
    d, m, y = date.day, date.month, date.year
    if variety.startswith("fr"):
        day = "1er" if d == 1 else str(d)
        weekday = JOURS[date.weekday()]
        common = (f"{d:02d}/{m:02d}/{y}", f"{day} {MOIS[m - 1]} {y}", f"{weekday} {day} {MOIS[m - 1]} {y}",
                  f"{d} {MOIS_ABR[m - 1]} {y}", f"{d:02d}/{m:02d}/{y % 100:02d}", f"{y}{m:02d}{d:02d}")  # fmt: skip
        local = {
            "fr_FR": (f"{d:02d}/{m:02d}/{y}", f"{d:02d}-{m:02d}-{y}"),
            "fr_BE": (f"{d:02d}/{m:02d}/{y}", f"{d:02d}-{m:02d}-{y}", f"{d}/{m}/{y}"),
            "fr_CH": (f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{y % 100:02d}"),
            "fr_CA": (f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{day} {MOIS[m - 1]} {y}"),
        }[variety]
        return _pick(rng, common + local + local)
    mon = MONTHS[m - 1]
    options: tuple[str, ...]
    if variety == "en_US":
        options = (f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y % 100:02d}", f"{mon} {d}, {y}", f"{mon[:3]} {d}, {y}",
                   f"{DAYS[date.weekday()]}, {mon} {d}, {y}", f"{m:02d}-{d:02d}-{y}", f"{y}{m:02d}{d:02d}")  # fmt: skip
    elif variety == "en_CA":
        options = (f"{y}-{m:02d}-{d:02d}", f"{mon} {d}, {y}", f"{d:02d}-{mon[:3]}-{y}", f"{y}/{m:02d}/{d:02d}",
                   f"{d:02d}/{m:02d}/{y}")  # fmt: skip
    else:  # en_IE, en_AU, en_GB: day first
        options = (f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{_ordinal(d)} {mon} {y}", f"{d} {mon[:3]} {y}",
                   f"{d:02d}-{mon[:3]}-{y}", f"{d:02d}-{mon[:3].upper()}-{y}", f"{DAYS[date.weekday()]} {d} {mon} {y}",
                   f"{d:02d}.{m:02d}.{y % 100:02d}", f"{d} {mon} {y}")  # fmt: skip
    return _pick(rng, options)


def format_month(date: dt.date, variety: str, rng: np.random.Generator) -> str:
    """A month-year (a DATE by the label rules)."""
    if variety.startswith("fr"):
        return _pick(rng, (f"{MOIS[date.month - 1]} {date.year}", f"{date.month:02d}/{date.year}"))
    return _pick(rng, (f"{MONTHS[date.month - 1]} {date.year}", f"{MONTHS[date.month - 1][:3]} {date.year}"))


def format_time(rng: np.random.Generator, variety: str) -> str:
    """A time of day (unlabelled: not a date)."""
    h, mi = int(rng.integers(7, 20)), int(rng.integers(0, 60))
    if variety.startswith("fr"):
        return _pick(rng, (f"{h:02d}h{mi:02d}", f"{h}h{mi:02d}", f"{h:02d}:{mi:02d}"))
    if variety == "en_US":
        return _pick(rng, (f"{(h - 1) % 12 + 1}:{mi:02d} {'AM' if h < 12 else 'PM'}", f"{h:02d}{mi:02d} hrs"))
    return _pick(
        rng, (f"{h:02d}:{mi:02d}", f"{h:02d}{mi:02d}h", f"{(h - 1) % 12 + 1}.{mi:02d}{'am' if h < 12 else 'pm'}")
    )


def format_phone(variety: str, rng: np.random.Generator, mobile: bool = False) -> str:
    """A telephone number as written in the variety (sometimes with non-breaking spaces)."""
    two = [_digits(rng, 2) for _ in range(4)]
    if variety == "fr_FR":
        lead = _pick(rng, ("06", "07")) if mobile else f"0{int(rng.integers(1, 6))}"
        options: tuple[str, ...] = (" ".join([lead, *two]), ".".join([lead, *two]), "".join([lead, *two]),
                   f"+33 {lead[1]} {' '.join(two)}", f"+33 (0){lead[1]} {' '.join(two)}")  # fmt: skip
    elif variety == "fr_BE":
        if mobile:
            m = f"04{int(rng.integers(70, 100))}"
            options = (f"{m} {two[0]} {two[1]} {two[2]}", f"{m}/{two[0]}.{two[1]}.{two[2]}",
                       f"+32 {m[1:]} {two[0]} {two[1]} {two[2]}")  # fmt: skip
        else:
            zone = _pick(rng, ("02", "04", "071", "065", "081", "010"))
            rest = f"{_digits(rng, 3)} {two[0]} {two[1]}" if len(zone) == 2 else f"{two[0]} {two[1]} {two[2]}"
            options = (f"{zone} {rest}", f"{zone}/{rest.replace(' ', '.')}", f"+32 {zone[1:]} {rest}")
    elif variety == "fr_CH":
        zone = _pick(rng, ("079", "078", "076")) if mobile else _pick(rng, ("022", "021", "026", "027", "032"))
        rest = f"{_digits(rng, 3)} {two[0]} {two[1]}"
        options = (f"{zone} {rest}", f"+41 {zone[1:]} {rest}", f"+41 (0){zone[1:]} {rest}", f"{zone}/{rest}")
    elif variety in ("fr_CA", "en_CA", "en_US"):
        area = _pick(rng, {"fr_CA": ("514", "418", "450", "819", "438"), "en_CA": ("416", "613", "905", "604", "902"),
                           "en_US": ("617", "507", "216", "608", "503", "303", "251")}[variety])  # fmt: skip
        a, b = _digits(rng, 3), _digits(rng, 4)
        options = (f"{area} {a}-{b}", f"({area}) {a}-{b}", f"{area}-{a}-{b}", f"1 {area} {a}-{b}", f"{area}.{a}.{b}")
        if not mobile:
            ext = "poste" if variety == "fr_CA" else "ext."
            options += (f"{area} {a}-{b}, {ext} {_digits(rng, 4)}",)
    elif variety == "en_IE":
        if mobile:
            m = _pick(rng, ("083", "085", "086", "087", "089"))
            options = (f"{m} {_digits(rng, 3)} {_digits(rng, 4)}", f"+353 {m[1:]} {_digits(rng, 3)} {_digits(rng, 4)}")
        else:
            zone = _pick(rng, ("01", "021", "091", "061", "051", "041"))
            rest = f"{_digits(rng, 3)} {_digits(rng, 4)}"
            options = (f"({zone}) {rest}", f"{zone} {rest}", f"+353 {zone[1:]} {rest}", f"+353 (0){zone[1:]} {rest}")
    elif variety == "en_AU":
        if mobile:
            m = f"04{_digits(rng, 2)}"
            options = (f"{m} {_digits(rng, 3)} {_digits(rng, 3)}", f"+61 {m[1:]} {_digits(rng, 3)} {_digits(rng, 3)}")
        else:
            zone, rest = _pick(rng, ("02", "03", "07", "08")), f"{_digits(rng, 4)} {_digits(rng, 4)}"
            options = (
                f"({zone}) {rest}",
                f"{zone} {rest}",
                f"+61 {zone[1]} {rest}",
                f"1300 {_digits(rng, 3)} {_digits(rng, 3)}",
            )
    else:  # en_GB
        if mobile:
            options = (f"07{_digits(rng, 3)} {_digits(rng, 6)}", f"+44 7{_digits(rng, 3)} {_digits(rng, 6)}")
        else:
            a, b = _digits(rng, 2), _digits(rng, 4)
            local = _pick(rng, (f"028 90{a} {b}", f"0113 {a}{b[0]} {b}", f"0161 {a}{b[0]} {b}", f"01865 {a}{b}",
                                f"029 20{a} {b}", f"0141 {a}{b[0]} {b}"))  # fmt: skip
            options = (local, f"+44 (0){local[1:]}", f"+44 {local[1:]}")
    phone = _pick(rng, options)
    if rng.random() < 0.12:
        phone = phone.replace(" ", "\u00a0")  # pasted from a word processor
    return phone


# --------------------------------------------------------------------------------------------------- identifiers


def national_id(variety: str, rng: np.random.Generator, male: bool, birth: dt.date, first: str, last: str) -> str:
    """The patient's national health / social-security identifier in the variety's spelling, check digits valid."""
    if variety == "fr_FR":
        dept = _pick(rng, (f"{int(rng.integers(1, 96)):02d}", "2A", "2B", "99", f"{int(rng.integers(1, 96)):02d}"))
        body = f"{1 if male else 2}{birth.year % 100:02d}{birth.month:02d}{dept}{_digits(rng, 3)}{_digits(rng, 3)}"
        key = f"{nir_key(body):02d}"
        if rng.random() < 0.5:
            return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key}"
        return body + _pick(rng, ("", " ")) + key
    if variety == "fr_BE":
        serial = int(rng.integers(1, 499)) * 2 - (1 if male else 0)
        chk = niss_check(birth, serial)
        base = f"{birth.year % 100:02d}.{birth.month:02d}.{birth.day:02d}-{serial:03d}.{chk:02d}"
        return _pick(rng, (base, base.replace(".", "").replace("-", ""), base.replace(".", " ").replace("-", " ")))
    if variety == "fr_CH":
        payload = "756" + _digits(rng, 9)
        full = payload + str(ean13_check(payload))
        return _pick(rng, (f"{full[:3]}.{full[3:7]}.{full[7:11]}.{full[11:]}", full))
    if variety == "fr_CA":
        letters = (_ascii(last).upper().replace(" ", "").replace("-", "").replace("'", "") + "XXX")[:3]
        letters += _ascii(first)[0].upper()
        month = birth.month + (0 if male else 50)
        code = f"{letters}{birth.year % 100:02d}{month:02d}{birth.day:02d}{_digits(rng, 2)}"
        return _pick(rng, (f"{code[:4]} {code[4:8]} {code[8:]}", code))
    if variety == "en_US":
        area = int(rng.integers(1, 900))
        area = 667 if area == 666 else area
        return f"{area:03d}-{int(rng.integers(1, 100)):02d}-{int(rng.integers(1, 10000)):04d}"
    if variety == "en_IE":
        payload = _digits(rng, 7)
        second = _pick(rng, ("", "A"))
        return f"{payload}{ppsn_letter(payload, second)}{second}"
    if variety == "en_AU":
        payload = str(int(rng.integers(2, 7))) + _digits(rng, 7)
        full = f"{payload}{medicare_check(payload)}{int(rng.integers(1, 10))}"
        return _pick(rng, (f"{full[:4]} {full[4:9]} {full[9]}", full))
    if variety == "en_GB":
        while True:
            payload = _digits(rng, 9)
            check = nhs_check(payload)
            if check is not None:
                full = f"{payload}{check}"
                return _pick(rng, (f"{full[:3]} {full[3:6]} {full[6:]}", full))
    payload = str(int(rng.integers(1, 10))) + _digits(rng, 8)  # en_CA: Ontario health number + version code
    full = f"{payload}{luhn_digit(payload)}"
    version = "".join(_pick(rng, "ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(2))
    return _pick(rng, (f"{full[:4]}-{full[4:7]}-{full[7:]}-{version}", f"{full[:4]} {full[4:7]} {full[7:]} {version}"))


def practitioner_id(variety: str, rng: np.random.Generator, label: str) -> str:
    """A practitioner number (RPPS, INAMI, GLN, permit, NPI, MCRN, provider number, GMC, CPSO)."""
    if variety == "fr_FR":
        if label == "ADELI":
            return f"{int(rng.integers(1, 96)):02d}1{_digits(rng, 6)}"
        payload = "10" + _digits(rng, 8)
        return payload + str(luhn_digit(payload))
    if variety == "fr_BE":
        return f"1-{_digits(rng, 5)}-{_digits(rng, 2)}-{_pick(rng, ('580', '480', '000', '004'))}"
    if variety == "fr_CH":
        if label == "RCC":
            return f"{_pick(rng, 'ABCDEFGHKLMNPRSTVWZ')}{_digits(rng, 6)}"
        payload = "7601000" + _digits(rng, 5)
        return payload + str(ean13_check(payload))
    if variety == "fr_CA":
        return _pick(rng, (_digits(rng, 5), f"1-{_digits(rng, 5)}"))
    if variety == "en_US":
        payload = str(int(rng.integers(1, 3))) + _digits(rng, 8)
        return payload + str(luhn_digit("80840" + payload))
    if variety == "en_IE":
        return _digits(rng, 6)
    if variety == "en_AU":
        stem = _digits(rng, 6)
        plv_chars = "0123456789ABCDEFGHJKLMNPQRTUVWXY"
        loc = _pick(rng, plv_chars[:12])
        total = sum(int(c) * w for c, w in zip(stem, (3, 5, 8, 4, 2, 1), strict=True)) + plv_chars.index(loc) * 6
        return f"{stem}{loc}{'YXWTLKJHFBA'[total % 11]}"
    if variety == "en_GB":
        return str(int(rng.integers(2, 8))) + _digits(rng, 6)
    return _digits(rng, int(rng.integers(5, 7)))


def _record_ids(variety: str, rng: np.random.Generator, exam: dt.date) -> dict[str, str]:
    """Hospital record, visit and accession numbers, study UID, results access code."""
    yy, yyyy = f"{exam.year % 100:02d}", str(exam.year)
    ipp = {
        "fr_FR": lambda: _pick(rng, (_digits(rng, 8), "0" + _digits(rng, 9), f"{yy}{_digits(rng, 6)}")),
        "fr_BE": lambda: _digits(rng, 10),
        "fr_CH": lambda: _pick(rng, (_digits(rng, 8), f"{_digits(rng, 3)}.{_digits(rng, 3)}.{_digits(rng, 3)}")),
        "fr_CA": lambda: _pick(rng, (_digits(rng, 7), f"{_digits(rng, 2)}-{_digits(rng, 5)}")),
        "en_US": lambda: _pick(rng, (_digits(rng, 9), f"E{_digits(rng, 7)}")),
        "en_IE": lambda: _pick(rng, (_digits(rng, 7), f"H{_digits(rng, 6)}")),
        "en_AU": lambda: _digits(rng, int(rng.integers(6, 8))),
        "en_GB": lambda: _pick(rng, (f"{_pick(rng, 'BHKRX')}{_digits(rng, 7)}", _digits(rng, 8))),
        "en_CA": lambda: _pick(rng, (_digits(rng, 7), f"{_digits(rng, 2)}-{_digits(rng, 6)}")),
    }[variety]()
    accession = _pick(rng, (f"RX{yy}{_digits(rng, 7)}", f"{yyyy}{exam.month:02d}{exam.day:02d}{_digits(rng, 4)}",
                            f"A{_digits(rng, 8)}", f"CR-{yy}-{_digits(rng, 6)}", f"{yyyy}-{_digits(rng, 6)}",
                            f"ACC{_digits(rng, 8)}", f"RAD{yy}{_digits(rng, 6)}"))  # fmt: skip
    visit = _pick(rng, (_digits(rng, 9), f"{yyyy}{_digits(rng, 6)}", f"EP{_digits(rng, 7)}", _digits(rng, 10)))
    root = {"fr": "1.2.250.1", "en": "1.2.840.113619"}[variety[:2]]
    stamp = f"{yyyy}{exam.month:02d}{exam.day:02d}{_digits(rng, 6)}"
    uid = f"{root}.{int(rng.integers(2, 999))}.{_digits(rng, 4)}.{stamp}.{int(rng.integers(1, 99))}"
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(_pick(rng, alphabet) for _ in range(8))
    access = _pick(rng, (f"{code[:4]}-{code[4:]}", code[:6], f"{code[:3]}-{code[3:6]}-{code[6:]}"))
    return {"ipp": ipp, "accession": accession, "visit": visit, "study_uid": uid, "access_code": access}


# --------------------------------------------------------------------------------------------------- people, places


def _name(variety: str, rng: np.random.Generator, male: bool | None = None) -> tuple[str, str, bool]:
    """(first, last, male) from the variety's faker locale, a hand list now and then."""
    fake = _faker(FAKER_LOCALE[variety])
    male = bool(rng.random() < 0.5) if male is None else male
    first = fake.first_name_male() if male else fake.first_name_female()
    last = fake.last_name()
    if rng.random() < 0.3:
        last = _pick(rng, EXTRA_LAST[variety])
    if rng.random() < 0.2:
        first = _pick(rng, EXTRA_FIRST[variety][0 if male else 1])
    return first, last, male


def _staff(variety: str, rng: np.random.Generator) -> tuple[str, str, str, str]:
    """A staff member: (name as written, first name, surname, title). Titles stay outside the name span."""
    first, last, male = _name(variety, rng)
    if rng.random() < 0.05:
        last = _pick(rng, STAFF_EPONYMS[variety[:2]])
    fr = variety.startswith("fr")
    initial = first[0] + "." if "-" not in first else "-".join(p[0] + "." for p in first.split("-"))
    styles = [f"{first} {last}", f"{first} {last.upper()}", f"{initial} {last}", last, f"{last.upper()} {first}"]
    if not fr:
        styles += [f"{first[0]} {last}", f"{first} {_pick(rng, 'ABCDEJKLMPRST')}. {last}"]
    name = _pick(rng, styles)
    if variety == "fr_CA":
        title = _pick(rng, ("Dr", "Docteur")) if male else _pick(rng, ("Dre", "Docteure", "Dre"))
    elif variety == "fr_CH":
        title = _pick(rng, ("Dr", "Dr méd.", "Prof.")) if male else _pick(rng, ("Dre", "Dr", "Dre méd."))
    elif fr:
        title = _pick(rng, ("Dr", "Dr.", "Docteur", "Pr", "Dr"))
    elif variety == "en_US":
        title = _pick(rng, ("Dr.", "Dr"))
    else:
        title = _pick(
            rng,
            (
                "Dr",
                "Dr",
                "Prof.",
                "A/Prof" if variety == "en_AU" else "Professor",
                ("Mr" if male else "Ms") if variety in ("en_IE", "en_GB") else "Dr",  # surgeons are "Mr" there
            ),
        )
    return name, first, last, title


def _street(variety: str, rng: np.random.Generator) -> str:
    n = int(rng.integers(1, 250))
    name = _pick(rng, STREET_NAMES[variety])
    if variety == "fr_FR":
        kind = _pick(rng, ("rue", "avenue", "boulevard", "place", "allée", "chemin", "quai", "rue"))
        return _pick(rng, (f"{n} {kind} {name}", f"{n} bis, {kind} {name}", f"{n}, {kind} {name}",
                           f"Bâtiment C, {n} {kind} {name}"))  # fmt: skip
    if variety == "fr_BE":
        kind = _pick(rng, ("Rue", "Avenue", "Chaussée", "Boulevard", "Place"))
        return _pick(
            rng, (f"{kind} {name} {n}", f"{kind} {name}, {n}", f"{kind} {name} {n} bte {int(rng.integers(1, 30))}")
        )
    if variety == "fr_CH":
        kind = _pick(rng, ("Rue", "Avenue", "Chemin", "Route"))
        return _pick(rng, (f"{kind} {name} {n}", f"{kind} {name} {n}A"))
    if variety == "fr_CA":
        kind = _pick(rng, ("rue", "boulevard", "avenue", "chemin"))
        return _pick(rng, (f"{n * 10}, {kind} {name}", f"{n * 10} {kind} {name}, bureau {int(rng.integers(100, 600))}"))
    if variety == "en_AU":
        return _pick(
            rng,
            (
                f"{n} {name}",
                f"Unit {int(rng.integers(1, 20))}/{n} {name}",
                f"Level {int(rng.integers(1, 9))}, {n} {name}",
            ),
        )
    if variety == "en_IE":
        return _pick(
            rng,
            (
                f"{n} {name}",
                f"Apt {int(rng.integers(1, 80))}, {name}",
                f"{_pick(rng, ('Ashgrove', 'Castleview', 'Glenbrook'))} House, {name}",
            ),
        )
    if variety == "en_US":
        return _pick(rng, (f"{n * 10} {name}", f"{n * 10} {name}, Suite {int(rng.integers(100, 900))}",
                           _faker("en_US").street_address()))  # fmt: skip
    return _pick(
        rng,
        (
            f"{n} {name}",
            f"Flat {int(rng.integers(1, 30))}, {n} {name}",
            f"{n} {name}, Suite {int(rng.integers(100, 900))}",
        ),
    )


def _town_line(variety: str, rng: np.random.Generator, town: tuple[str, str, str]) -> str:
    """The postcode-and-town line of an address (one LOCATION span)."""
    name, code, extra = town
    alnum = "ACDEFHKNPRTVWXY0123456789"
    if variety == "fr_FR":
        return _pick(
            rng, (f"{code} {name}", f"{code} {name.upper()}", f"{code} {name} Cedex {int(rng.integers(1, 20)):02d}")
        )
    if variety == "fr_BE":
        return _pick(rng, (f"{code} {name}", f"B-{code} {name}", f"{code} {name.upper()}"))
    if variety == "fr_CH":
        return _pick(rng, (f"{code} {name}", f"CH-{code} {name}", f"{code} {name} {extra}"))
    if variety in ("fr_CA", "en_CA"):
        postal = f"{code} {int(rng.integers(0, 10))}{_pick(rng, 'ABCEGHJKLMNPRSTVWXYZ')}{int(rng.integers(0, 10))}"
        if variety == "fr_CA":
            return _pick(rng, (f"{name} (Québec) {postal}", f"{name}, QC {postal}", f"{name} QC  {postal}"))
        return _pick(rng, (f"{name}, {extra} {postal}", f"{name} {extra}  {postal}"))
    if variety == "en_US":
        return _pick(
            rng,
            (f"{name}, {extra} {code}", f"{name}, {extra} {code}-{_digits(rng, 4)}", f"{name.upper()} {extra} {code}"),
        )
    if variety == "en_IE":
        eircode = f"{code} {''.join(_pick(rng, alnum) for _ in range(4))}"
        if name == "Dublin":
            return _pick(rng, (extra, f"{extra}, {eircode}", f"{extra} {eircode}"))
        return _pick(rng, (f"{name}, Co. {extra}", f"{name}, Co. {extra}, {eircode}", f"{name} {eircode}"))
    if variety == "en_AU":
        return _pick(rng, (f"{name} {extra} {code}", f"{name.upper()} {extra} {code}", f"{name}, {extra} {code}"))
    postcode = (
        f"{code} {int(rng.integers(1, 10))}{_pick(rng, 'ABDEFGHJLNPQRSTUWXYZ')}{_pick(rng, 'ABDEFGHJLNPQRSTUWXYZ')}"
    )
    return _pick(rng, (f"{name} {postcode}", f"{name}, {postcode}", f"{name.upper()} {postcode}"))


def _institution(variety: str, rng: np.random.Generator, town: tuple[str, str, str]) -> str:
    template = _pick(rng, INSTITUTIONS[variety])
    fake = _faker(FAKER_LOCALE[variety])
    return template.format(
        town=town[0],
        saint=_pick(rng, SAINTS),
        saint2=_pick(rng, ("Pellegrin", "Nord-Essonne", "Paris Saint-Joseph", "Diaconesses Croix Saint-Simon")),
        last=fake.last_name(),
        last2=fake.last_name(),
        state_name=US_STATE_NAMES.get(town[2], "Vermont"),
    )


def _age_text(variety: str, rng: np.random.Generator, age: int, months: int) -> str:
    if variety.startswith("fr"):
        if age < 2:
            return f"{months} mois"
        return _pick(
            rng,
            (
                f"{age} ans",
                f"{age} ans",
                f"{age} a",
                f"{age}a",
                f"{age} ans et {months % 12} mois" if age < 10 else f"{age} ans",
            ),
        )
    if age < 2:
        return _pick(rng, (f"{months} months", f"{months}-month-old", f"{months} mo"))
    return _pick(
        rng, (f"{age} yo", f"{age} y/o", f"{age}-year-old", f"{age} years", f"{age} yrs", f"{age}yo", f"{age} y.o.")
    )


# --------------------------------------------------------------------------------------------------- slots


def blind2_slots(variety: str, rng: np.random.Generator) -> Slots:
    """All slot values (text, label or None) of one report of `variety`."""
    _faker(FAKER_LOCALE[variety]).seed_instance(int(rng.integers(0, 2**31 - 1)))
    meta = META[variety]
    fr = variety.startswith("fr")
    first, last, male = _name(variety, rng)
    first2 = _name(variety, rng, male)[0]
    maiden = _name(variety, rng, False)[1]
    exam = dt.date(2014, 1, 1) + dt.timedelta(days=int(rng.integers(0, 4200)))
    days_old = int(rng.integers(200, 100 * 365)) if rng.random() < 0.15 else int(rng.integers(18 * 365, 97 * 365))
    birth = exam - dt.timedelta(days=days_old)
    age = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    months = (exam.year - birth.year) * 12 + exam.month - birth.month - (exam.day < birth.day)
    prior = exam - dt.timedelta(days=int(rng.integers(10, 1200)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 4)))
    printed = sign + dt.timedelta(days=int(rng.integers(0, 30)))
    towns = TOWNS[variety]
    town, ref_town, home_town = (_pick(rng, towns) for _ in range(3))
    institution = _institution(variety, rng, town)
    ref_institution = _institution(variety, rng, ref_town)
    cc_institution = _institution(variety, rng, _pick(rng, towns))
    prior_institution = _institution(variety, rng, _pick(rng, towns))
    if fr:
        practice = f"Cabinet médical {_pick(rng, ('des Tilleuls', 'du Centre', 'de la Gare'))}"
        ref_institution = _pick(rng, (ref_institution, practice,
                                      f"Maison de santé de {ref_town[0]}"))  # fmt: skip
    domain = f"{_slug(institution)}.{_pick(rng, TLDS[variety])}"
    radiologist, rad_first, rad_last, rad_title = _staff(variety, rng)
    radiologist2, _, _, rad_title2 = _staff(variety, rng)
    referrer, _, ref_last, ref_title = _staff(variety, rng)
    cc_doctor, _, _, cc_title = _staff(variety, rng)
    rfirst, rlast, _ = _name(variety, rng)
    technician = f"{rfirst} {rlast}" if rng.random() < 0.7 else f"{rfirst[0]}. {rlast}"
    res_first, res_last, _ = _name(variety, rng)
    spouse = bool(rng.random() < 0.4)
    relative_first, other_last, relative_male = _name(variety, rng, (not male) if spouse else None)
    relative = _pick(rng, (f"{relative_first} {last}", f"{relative_first} {other_last}"))
    if fr:
        relation = ("époux" if relative_male else "épouse") if spouse else ("fils" if relative_male else "fille")
        title = _pick(rng, ("M.", "Monsieur", "M")) if male else _pick(rng, ("Mme", "Madame", "Mme"))
        sex = _pick(rng, ("M", "Masculin")) if male else _pick(rng, ("F", "Féminin"))
    else:
        relation = ("husband" if relative_male else "wife") if spouse else ("son" if relative_male else "daughter")
        title = _pick(rng, ("Mr", "Mr.")) if male else _pick(rng, ("Mrs", "Ms", "Ms.", "Miss"))
        sex = _pick(rng, ("M", "Male")) if male else _pick(rng, ("F", "Female"))
    local = _pick(rng, ("radiologie", "secretariat.imagerie", "imagerie", "rdv-radio", "accueil.irm") if fr
                  else ("radiology", "imaging.enquiries", "xray", "mi.bookings", "radiology.reports"))  # fmt: skip
    doc_local = _pick(rng, (f"{_ascii(rad_first).lower()}.{_ascii(rad_last).lower()}",
                            f"{_ascii(rad_last).lower()}", f"dr.{_ascii(rad_last).lower()}"))  # fmt: skip
    doc_local = doc_local.replace(" ", "").replace("'", "")
    doc_domain = _pick(rng, (domain, FREE_MAIL[variety]))
    token = "".join(_pick(rng, "abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10))
    section = "radiologie" if fr else "radiology"
    url = _pick(rng, (f"www.{domain}", f"https://www.{domain}", f"https://{domain}/{section}",
                      f"http://www.{domain}/{'imagerie-medicale' if fr else 'services/medical-imaging'}/"))  # fmt: skip
    portal_first = (
        f"https://resultats.{domain}/consult?t={token}" if fr else f"https://portal.{domain}/images?t={token}"
    )
    portal = _pick(rng, (portal_first,
                         f"https://{'mes-images' if fr else 'myimages'}.{domain}",
                         f"{'imagerie' if fr else 'pacs'}.{domain}/viewer/{token}"))  # fmt: skip
    rad_id_label = _pick(rng, meta["rad_id_label"])
    ref_id_label = _pick(rng, meta["ref_id_label"])
    records = _record_ids(variety, rng, exam)
    dap_value = f"{int(rng.integers(1, 90))}{',' if fr else '.'}{int(rng.integers(0, 10))}"
    kv, mas = int(rng.integers(50, 125)), f"{int(rng.integers(1, 20))}{',' if fr else '.'}{int(rng.integers(0, 10))}"
    serial = _pick(rng, (f"SN {_pick(rng, ('DX', 'FX', 'YS', 'DR'))}{_digits(rng, 7)}",
                         f"S/N {_digits(rng, 2)}-{_digits(rng, 4)}-{_digits(rng, 2)}",
                         f"{'n° de série' if fr else 'serial'} {_digits(rng, 9)}"))  # fmt: skip
    durations = (
        ("3 semaines", "10 jours", "2 mois", "6 ans", "48 heures")
        if fr
        else ("3 weeks", "10 days", "2 months", "6 years", "48 hours")
    )
    slots: Slots = {
        # unlabelled text and traps
        "title": (title, None),
        "ne": ("né" if male else "née", None),
        "Ne": ("Né" if male else "Née", None),
        "sex": (sex, None),
        "sex1": ("M" if male else "F", None),
        "relation": (relation, None),
        "dept": (_pick(rng, meta["dept"]), None),
        "nid_label": (_pick(rng, meta["nid_label"]), None),
        "ipp_label": (_pick(rng, meta["ipp_label"]), None),
        "rad_id_label": (rad_id_label, None),
        "ref_id_label": (ref_id_label, None),
        "rad_title": (rad_title, None),
        "rad_title2": (rad_title2, None),
        "ref_title": (ref_title, None),
        "cc_title": (cc_title, None),
        "rad_quals": (_pick(rng, meta["quals"]) or ("radiologue" if fr else "MD"), None),
        "act_label": (_pick(rng, meta["act_label"]), None),
        "act_code": (_pick(rng, meta["act_code"]), None),
        "icd": (_pick(rng, ("S52.50", "S62.00", "M17.1", "S83.5", "S43.0", "M88.8", "S93.3")), None),
        "device": (_pick(rng, DEVICES), None),
        "serial": (serial, None),
        "kv": (f"{kv} kV – {mas} mAs" if fr else f"{kv} kVp, {mas} mAs", None),
        "dap": (f"{dap_value} {_pick(rng, ('cGy.cm²', 'µGy.m²', 'mGy.cm²', 'dGy·cm²'))}", None),
        "protocol": (
            _pick(
                rng,
                ("GENOU_F+P+SCHUSS", "POIGNET 2 INC", "CHEV F/P", "EPAULE 3 INC (Neer)")
                if fr
                else ("XR WRIST 2V", "MSK_HIP_AP_LAT", "KNEE AP/LAT/SKYLINE", "SHOULDER 3V (Neer)"),
            ),
            None,
        ),
        "exam_time": (format_time(rng, variety), None),
        "sign_time": (format_time(rng, variety), None),
        "print_time": (format_time(rng, variety), None),
        "room": (
            _pick(
                rng,
                ("salle 3", "Salle RX 2", "box 4", "salle des urgences")
                if fr
                else ("Room 3", "XR2", "ED Resus", "Bay 7"),
            ),
            None,
        ),
        "page": (_pick(rng, ("1/2", "1 / 1", "2/2") if fr else ("1 of 2", "1/1", "2 of 2")), None),
        "year_only": (str(int(rng.integers(1990, exam.year))), None),
        "duration": (_pick(rng, durations), None),
        # the patient
        "patient": (
            _pick(rng, (f"{first} {last}", f"{last.upper()} {first}", f"{last} {first}", f"{first} {last.upper()}")),
            "PATIENT",
        ),
        "patient_uc": (f"{last.upper()} {first.upper()}", "PATIENT"),
        "patient_lfm": (
            _pick(
                rng, (f"{last.upper()}, {first}", f"{last}, {first} {first2[0]}.", f"{last.upper()}, {first.upper()}")
            ),
            "PATIENT",
        ),
        "patient_dicom": (
            _pick(rng, (f"{_ascii(last).upper()}^{_ascii(first).upper()}", f"{last.upper()}^{first}^{first2[0]}")),
            "PATIENT",
        ),
        "first": (first, "PATIENT"),
        "first2": (first2, "PATIENT"),
        "last": (last, "PATIENT"),
        "LAST": (last.upper(), "PATIENT"),
        "maiden": (maiden, "PATIENT"),
        "maiden_uc": (maiden.upper(), "PATIENT"),
        "relative": (relative, "PERSON"),
        # dates and ages
        "dob": (format_date(birth, variety, rng), "DATE"),
        "exam_date": (format_date(exam, variety, rng), "DATE"),
        "prior_date": (format_date(prior, variety, rng), "DATE"),
        "sign_date": (format_date(sign, variety, rng), "DATE"),
        "print_date": (format_date(printed, variety, rng), "DATE"),
        "prior_month": (format_month(prior, variety, rng), "DATE"),
        "age": (_age_text(variety, rng, age, months), "AGE"),
        "age_n": (str(age), "AGE"),
        "age_dicom": (f"{age:03d}Y" if age >= 2 else f"{months:03d}M", "AGE"),
        # staff
        "radiologist": (radiologist, "PERSON"),
        "radiologist_uc": (radiologist.upper(), "PERSON"),
        "radiologist2": (radiologist2, "PERSON"),
        "referrer": (referrer, "PERSON"),
        "ref_last": (ref_last, "PERSON"),
        "cc_doctor": (cc_doctor, "PERSON"),
        "technician": (technician, "PERSON"),
        "resident": (
            _pick(rng, (f"{res_first} {res_last}", f"{res_first[0]}. {res_last}", f"{res_last.upper()} {res_first}")),
            "PERSON",
        ),
        "rad_id": (practitioner_id(variety, rng, rad_id_label), "ID"),
        "ref_id": (practitioner_id(variety, rng, ref_id_label), "ID"),
        # places
        "institution": (institution, "INSTITUTION"),
        "institution_uc": (institution.upper(), "INSTITUTION"),
        "ref_institution": (ref_institution, "INSTITUTION"),
        "cc_institution": (cc_institution, "INSTITUTION"),
        "prior_institution": (prior_institution, "INSTITUTION"),
        "street": (_street(variety, rng), "LOCATION"),
        "city_line": (_town_line(variety, rng, town), "LOCATION"),
        "city": (town[0], "LOCATION"),
        "ref_street": (_street(variety, rng), "LOCATION"),
        "ref_city_line": (_town_line(variety, rng, ref_town), "LOCATION"),
        "patient_street": (_street(variety, rng), "LOCATION"),
        "patient_city_line": (_town_line(variety, rng, home_town), "LOCATION"),
        # numbers
        "national_id": (national_id(variety, rng, male, birth, first, last), "ID"),
        **{k: (v, "ID") for k, v in records.items()},
        "site_id": (_site_id(variety, rng), "ID"),
        "phone": (format_phone(variety, rng), "PHONE"),
        "fax": (format_phone(variety, rng), "PHONE"),
        "ref_phone": (format_phone(variety, rng), "PHONE"),
        "mobile": (format_phone(variety, rng, mobile=True), "PHONE"),
        "kin_phone": (format_phone(variety, rng, mobile=True), "PHONE"),
        "email": (f"{local}@{domain}", "EMAIL"),
        "email_doc": (f"{doc_local}@{doc_domain}", "EMAIL"),
        "url": (url, "URL"),
        "url_portal": (portal, "URL"),
    }
    slots["_female"] = ("" if male else "f", None)  # read by the family builder, never rendered
    return slots


def _site_id(variety: str, rng: np.random.Generator) -> str:
    """An establishment number (FINESS, GLN, CLIA...): it names the institution, so it is an ID."""
    if variety == "fr_FR":
        payload = f"{int(rng.integers(1, 96)):02d}0{_digits(rng, 5)}"
        return payload + str(luhn_digit(payload))
    if variety == "fr_CH":
        payload = "7601001" + _digits(rng, 5)
        return payload + str(ean13_check(payload))
    if variety == "en_US":
        return f"{_digits(rng, 2)}D{_digits(rng, 7)}"
    return _digits(rng, 8)


# --------------------------------------------------------------------------------------------------- templates

FR: dict[str, list[str]] = {
    "banner": [
        "{institution}\n{dept}\n{street}\n{city_line}\nTél. : {phone} – Fax : {fax}\n",
        "{institution_uc}\n{dept} — Secrétariat {phone}\n",
        "{institution} · {street} · {city_line}\nTéléphone {phone} · {email}\n",
        "{dept}\n{institution}\nAccueil : {phone} (du lundi au vendredi, 8h–18h30)\n",
        "{institution} – {dept}\t\t\tPage {page}\n{street} – {city_line}\n",
    ],
    "identity": [
        "Patient(e) : {title} {LAST} {first}\t{ne} le {dob}\t({age})\n",
        "Nom : {LAST}\tPrénom : {first}\tDate de naissance : {dob}\tSexe : {sex}\n",
        "{title} {first} {LAST}, {ne} le {dob}, {age}\n",
        "Identité : {patient_dicom} — DDN {dob} — Âge : {age_n}\n",
        "Examen de : {title} {patient}\n{Ne} le {dob} — domicile : {patient_street}, {patient_city_line}\n",
        "PATIENT : {patient_uc} / DDN : {dob} / ÂGE : {age}\n",
    ],
    "identity_f": [
        "Nom de naissance : {maiden_uc}\nNom d'usage : {LAST}\nPrénom(s) : {first}, {first2}\nNée le : {dob}\n",
        "{title} {LAST} {first}, née {maiden_uc} — {age}\n",
    ],
    "ids": [
        "IPP : {ipp}\tN° de venue : {visit}\tN° d'examen : {accession}\n",
        "{nid_label} : {national_id}\n{ipp_label} : {ipp}\n",
        "Dossier n° {ipp} — Examen n° {accession}\n",
        "N° patient {ipp} | Accession {accession} | Study UID {study_uid}\n",
        "Réf. : {accession}/{ipp}\n",
    ],
    "exam": [
        "Examen du {exam_date} à {exam_time} — {room}\n",
        "Date de l'examen : {exam_date}\nMédecin demandeur : {ref_title} {referrer}\n",
        "Prescripteur : {ref_title} {referrer} — {ref_institution}, {ref_street}, {ref_city_line} — Tél. {ref_phone}\n",
        "Adressé(e) par {ref_title} {referrer} ({ref_id_label} {ref_id}) le {prior_date}.\n",
        "Cher confrère,\nMerci de m'avoir adressé {title} {LAST}, {age}, vu(e) ce {exam_date}.\n",
        "Demandé par : {ref_title} {ref_last} (médecin traitant) — réalisé le {exam_date} par {technician}.\n",
    ],
    "context": [
        "Indication : chute de sa hauteur le {prior_date}, suspicion de fracture de Pouteau-Colles.\n",
        "Renseignements cliniques : entorse du genou il y a {duration}, Lachman positif ; arrachement de Segond ?\n",
        "Antécédents : prothèse totale de hanche gauche en {year_only}, maladie de Paget connue.\n",
        "Contexte : luxation récidivante de l'épaule ; encoche de Hill-Sachs, lésion de Bankart ?\n",
        "Motif : traumatisme du médio-pied le {prior_date}, lésion de Lisfranc ?\n",
        "Indication : douleur du poignet, patient(e) de {age} ; décollement épiphysaire Salter-Harris ?\n",
        "Suivi de gonarthrose (Kellgren-Lawrence 3), dernier contrôle en {prior_month}.\n",
        "Codage : {icd} — douleur depuis {duration}.\n",
        "Contexte : {title} {LAST} rapporte une chute dans l'escalier le {prior_date}, sans perte de connaissance.\n",
        "",
    ],
    "compare": [
        "Comparaison : cliché du {prior_date} ({prior_institution}).\n",
        "Comparatif : examen antérieur du {prior_date}.\n",
        "Pas d'examen antérieur disponible.\n",
        "Examens antérieurs : {prior_month} et {year_only}.\n",
        "",
    ],
    "technique": [
        "Technique : {device} ({serial}). {kv}. PDS : {dap}.\n",
        "Acte : {act_label} {act_code} — radiographie, 2 incidences. Heure : {exam_time}.\n",
        "Protocole {protocol} — incidences de face, profil et Schuss ; PDS {dap}.\n",
        "Appareil : {device}, {serial}.\n",
        "",
    ],
    "sign": [
        "\nCompte rendu dicté par {rad_title} {radiologist}, validé le {sign_date} à {sign_time}.\n",
        "\n{rad_title} {radiologist}\n{rad_quals}\n{rad_id_label} {rad_id}\n",
        "\nInterne : {resident}\nSénior : {rad_title} {radiologist} — validation électronique du {sign_date}\n",
        "\nBien confraternellement,\n{rad_title} {radiologist_uc}\n",
        "\nRelu et signé par {rad_title} {radiologist} et {rad_title2} {radiologist2}, le {sign_date}.\n",
        "\nManipulateur(trice) : {technician} — Radiologue : {rad_title} {radiologist}\n",
        "\nÉquipe : {technician} (MERM), {resident} (interne), {rad_title} {radiologist} (sénior)\n",
    ],
    "copy": [
        "Copie : {cc_title} {cc_doctor} ({cc_institution})\n",
        "Copies à : {ref_title} {referrer} ; {cc_title} {cc_doctor}, {cc_institution}\n",
        "Destinataire : {ref_title} {referrer}, {ref_street}, {ref_city_line}\n",
        "Personne à prévenir : {relative} ({relation}) — {kin_phone}\n",
        "",
    ],
    "contact": [
        "Résultats et images en ligne : {url_portal} — code d'accès {access_code}\n",
        "{institution} — {street}, {city_line} — {phone} — {url}\n",
        "Contact : {email} · Secrétariat médical {phone}\n",
        "Document imprimé le {print_date} à {print_time} — page {page}\n",
        "CONFIDENTIEL — {LAST} {first} — {dob} — IPP {ipp}\n",
        "Fait à {city}, le {sign_date}.\n",
        "Courriel du médecin : {email_doc}\n",
    ],
}
EN: dict[str, list[str]] = {
    "banner": [
        "{institution}\n{dept}\n{street}, {city_line}\nTel: {phone}   Fax: {fax}\n",
        "{institution_uc}\n{dept}\n",
        "{institution} | {street} | {city_line} | T {phone} | {email}\n",
        "{dept}, {institution}\nReading room: {phone}\n",
        "*** FINAL REPORT ***\t{institution}\tPage {page}\n",
    ],
    "identity": [
        "Patient: {patient_lfm}\tDOB: {dob}\tAge: {age}\tSex: {sex}\n",
        "Name: {title} {first} {last}\nDate of birth: {dob} ({age})\n",
        "PATIENT NAME: {patient_dicom}   PATIENT AGE: {age_dicom}   SEX: {sex}\n",
        "Pt: {LAST}, {first} ({age_n}{sex1})\n",
        "{title} {first} {LAST}, DOB {dob}, {age}\nAddress: {patient_street}, {patient_city_line}\n",
        "Patient {patient} — {age} — Ph {mobile}\n",
    ],
    "identity_f": [
        "Name: {first} {LAST} (née {maiden})\nDOB: {dob}\n",
        "{title} {patient} (maiden name {maiden_uc}), {age}\n",
    ],
    "ids": [
        "{ipp_label}: {ipp}\tAcc#: {accession}\tVisit: {visit}\n",
        "{nid_label}: {national_id}\t{ipp_label}: {ipp}\n",
        "Accession No. {accession} | Study UID {study_uid}\n",
        "{ipp_label} {ipp} / {accession}\n",
    ],
    "exam": [
        "Date of service: {exam_date} {exam_time}\tLocation: {room}\n",
        "Exam date: {exam_date}\nReferring physician: {ref_title} {referrer}, {ref_institution}\n",
        "Referred by {ref_title} {referrer}, {ref_street}, {ref_city_line} (Ph {ref_phone}; {ref_id_label} {ref_id})\n",
        "Dear {ref_title} {ref_last},\nThank you for referring {title} {last} ({age}), seen on {exam_date}.\n",
        "Requested by: {referrer} ({ref_institution}) on {prior_date}; performed {exam_date} by {technician}.\n",
    ],
    "context": [
        "Clinical history: FOOSH on {prior_date}. ?Colles fracture ?scaphoid.\n",
        "History: twisting knee injury {duration} ago, positive Lachman test, ?Segond fracture.\n",
        "Indication: recurrent anterior dislocation; assess for Hill-Sachs or bony Bankart lesion.\n",
        "Background: Paget disease of the pelvis; right THR in {year_only}.\n",
        "Clinical details: midfoot pain after fall {prior_date}, query Lisfranc injury.\n",
        "Clinical information: {age} with wrist pain; Salter-Harris II fracture on previous film.\n",
        "Indication: knee OA follow-up (Kellgren-Lawrence grade 2 in {prior_month}).\n",
        "ICD-10: {icd}. Pain for {duration}.\n",
        "History: {title} {last} reports a fall down the stairs on {prior_date}; no loss of consciousness.\n",
        "",
    ],
    "compare": [
        "Comparison: {prior_date} ({prior_institution}).\n",
        "Comparison: None available.\n",
        "Comparison is made with prior imaging from {prior_month}.\n",
        "",
    ],
    "technique": [
        "Technique: {device} ({serial}); {kv}; DAP {dap}.\n",
        "Procedure code: {act_label} {act_code}. Time of exam: {exam_time}.\n",
        "Protocol: {protocol}. Dose: {dap}.\n",
        "Equipment: {device}, {serial}.\n",
        "",
    ],
    "sign": [
        "\nReported by: {rad_title} {radiologist}, {rad_quals}\nConsultant Radiologist\n",
        "\nElectronically signed by {radiologist}, {rad_quals} on {sign_date} at {sign_time}\n",
        "\nDictated by: {rad_title} {radiologist}\nVerified by: {rad_title2} {radiologist2} ({sign_date})\n",
        "\nResident: {resident}\tAttending: {rad_title} {radiologist}\n",
        "\nRadiographer: {technician}\nReporting radiologist: {rad_title} {radiologist} ({rad_id_label} {rad_id})\n",
        "\nKind regards,\n{rad_title} {radiologist_uc}\n",
        "\nTeam: {technician} (radiographer), {resident} (registrar), {rad_title} {radiologist} (consultant)\n",
    ],
    "copy": [
        "cc: {cc_title} {cc_doctor}, {cc_institution}\n",
        "Copy to: {ref_title} {referrer}; {cc_title} {cc_doctor}\n",
        "Report sent to: {ref_title} {referrer}, {ref_street}, {ref_city_line}\n",
        "Next of kin: {relative} ({relation}) {kin_phone}\n",
        "",
    ],
    "contact": [
        "View images online: {url_portal} (access code {access_code})\n",
        "{institution} · {street}, {city_line} · {phone} · {url}\n",
        "Enquiries: {email} or {phone}\n",
        "Printed {print_date} {print_time}\tPage {page}\n",
        "CONFIDENTIAL — {LAST}, {first} — {ipp_label} {ipp} — DOB {dob}\n",
        "Reported at {city} on {sign_date}.\n",
        "Direct e-mail: {email_doc}\n",
    ],
}
# Lines only one variety writes, added to the shared groups.
LOCAL: dict[str, dict[str, list[str]]] = {
    "fr_FR": {
        "ids": ["N° de sécurité sociale : {national_id} — IPP {ipp} — NDA {visit}\n"],
        "contact": ["SELARL d'imagerie médicale — FINESS {site_id} — {url}\n"],
        "sign": ["\n{rad_title} {radiologist}, ancien interne des hôpitaux\nN° RPPS : {rad_id}\n"],
    },
    "fr_BE": {
        "ids": ["NISS : {national_id} — N° de dossier : {ipp}\n"],
        "exam": ["Médecin prescripteur : {ref_title} {referrer} (INAMI {ref_id}) — {ref_phone}\n"],
        "sign": ["\n{rad_title} {radiologist}, radiologue — n° INAMI {rad_id}\n"],
        "technique": ["Prestation {act_code} (nomenclature INAMI), {kv}.\n"],
    },
    "fr_CH": {
        "ids": ["N° AVS : {national_id} — N° de cas : {visit}\n"],
        "sign": ["\n{rad_title} {radiologist}\n{rad_quals}\nGLN {rad_id}\n"],
        "contact": ["{institution} · GLN {site_id} · {url}\n", "{city}, le {sign_date}\n"],
    },
    "fr_CA": {
        "identity": ["Nom : {LAST}, {first}\tNAM : {national_id}\tDDN : {dob}\n"],
        "exam": ["Médecin référent : {ref_title} {referrer}, {ref_institution} (permis {ref_id})\n"],
        "sign": ["\n{rad_title} {radiologist}, {rad_quals}\nRadiologiste — permis {rad_id}\n"],
        "copy": ["c.c. : {cc_title} {cc_doctor}, {cc_institution} — télécopieur {fax}\n"],
    },
    "en_US": {
        "ids": ["SSN: {national_id}   MRN: {ipp}   CSN: {visit}\n"],
        "sign": ["\n{radiologist}, {rad_quals}\nNPI {rad_id}\n"],
        "contact": ["CLIA #{site_id} · {institution}\n"],
    },
    "en_IE": {
        "identity": ["Name: {first} {LAST}\tPPSN: {national_id}\tD.O.B.: {dob}\n"],
        "sign": ["\n{rad_title} {radiologist} {rad_quals}\nConsultant Radiologist, MCRN {rad_id}\n"],
        "copy": ["cc: GP – {ref_title} {referrer}, {ref_street}, {ref_city_line}\n"],
    },
    "en_AU": {
        "ids": ["Medicare No. {national_id}   UR {ipp}\n"],
        "sign": ["\n{rad_title} {radiologist} {rad_quals}\nProvider No. {rad_id}\n"],
        "technique": ["{act_label} {act_code} (bulk billed). {kv}.\n"],
    },
    "en_GB": {
        "ids": ["NHS No: {national_id}   Hospital No: {ipp}\n"],
        "sign": ["\n{rad_title} {radiologist} {rad_quals}, Consultant Radiologist (GMC {rad_id})\n"],
    },
    "en_CA": {
        "ids": ["Health Card: {national_id}   MRN: {ipp}\n"],
        "sign": ["\n{radiologist}, {rad_quals}\nCPSO #{rad_id}\n"],
    },
}


def blind2_family(variety: str, slots: Slots, rng: np.random.Generator) -> Family:
    """The template groups of one report: shared lines of its language plus the variety's own lines."""
    base = FR if variety.startswith("fr") else EN
    local = LOCAL[variety]
    groups = {name: list(lines) + local.get(name, []) for name, lines in base.items()}
    if slots["_female"][0]:
        groups["identity"] += groups["identity_f"]
    family = {
        "header": [groups["banner"], groups["identity"], groups["ids"], groups["exam"]],
        "pre": [groups["context"], groups["compare"], groups["technique"]],
        "footer": [groups["sign"], groups["copy"], groups["contact"]],
    }
    if rng.random() < 0.08:  # a report exported with Windows line ends
        family = {k: [[t.replace("\n", "\r\n") for t in g] for g in v] for k, v in family.items()}
    return family


def blind2_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """One report's slots and template family: a variety of `lang` ("fr" or "en") drawn with `rng`."""
    variety = _pick(rng, VARIETIES[lang])
    slots = blind2_slots(variety, rng)
    slots["variety"] = (variety, None)
    return slots, blind2_family(variety, slots, rng)
