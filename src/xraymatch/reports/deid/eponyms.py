"""Medical eponyms: surnames that name a sign, fracture or disease and must survive de-identification.

A word from this list is protected unless a person title ("Dr", "Pr", "Mme", "Mr") directly precedes it: "maladie
de Paget" stays, "Dr Paget" is a person. Hyphenated eponyms (Pouteau-Colles, Salter-Harris) are protected whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Hand-written: musculoskeletal and general radiology eponyms (lower case; hyphenated pairs are split too).
EPONYMS = frozenset(
    [
        "pouteau", "colles", "pouteau-colles", "salter", "harris", "salter-harris", "kellgren", "lawrence",
        "kellgren-lawrence", "lachman", "paget", "bankart", "hill", "sachs", "hill-sachs", "monteggia", "galeazzi",
        "segond", "bennett", "rolando", "smith", "barton", "chopart", "lisfranc", "maisonneuve", "jones", "osgood",
        "schlatter", "osgood-schlatter", "scheuermann", "baker", "garden", "hoffa", "terry", "thomas", "terry-thomas",
        "neer", "weber", "danis", "danis-weber", "lauge", "hansen", "lauge-hansen", "schatzker", "gustilo", "anderson",
        "tillaux", "essex", "lopresti", "essex-lopresti", "hangman", "jefferson", "chance", "malgaigne", "pipkin",
        "pauwels", "frykman", "kienböck", "kienbock", "preiser", "perthes", "legg", "calvé", "calve",
        "legg-calvé-perthes", "sever", "köhler", "kohler", "freiberg", "sinding", "larsen", "johansson",
        "sinding-larsen", "blount", "madelung", "sudeck", "dupuytren", "tietze", "bechterew", "bekhterev", "forestier",
        "hoffa", "stener", "gamekeeper", "boxer", "klippel", "feil", "klippel-feil", "sprengel", "morton", "haglund",
        "charcot", "baastrup", "schmorl", "modic", "pfirrmann", "meyerding", "wiberg", "hilgenreiner", "perkins",
        "shenton", "klein", "graf", "tönnis", "tonnis", "hawkins", "mason", "milch", "tossy", "rockwood", "bosworth",
        "cotton", "pott", "dupuytren", "kocher", "hohl", "moore", "monro", "cobb", "risser", "ferguson", "wackenheim",
        "chamberlain", "mcgregor", "mcrae", "ranawat", "redlund-johnell", "harrison", "luschka", "magendie", "willis",
        "bell", "babinski", "lasègue", "lasegue", "trendelenburg", "tinel", "phalen", "finkelstein", "mcmurray",
        "homans", "thompson", "hawkins-kennedy", "kennedy", "jobe", "yergason", "speed", "neer-hawkins", "crohn",
        "hodgkin", "alzheimer", "parkinson", "down", "turner", "marfan", "ehlers", "danlos", "ehlers-danlos", "gaucher",
        "wilson", "cushing", "addison", "graves", "hashimoto", "kaposi", "ewing", "wilms", "brodie", "codman", "looser",
        "milkman", "looser-milkman", "kerley", "fleischner", "hampton", "westermark", "golden", "felson", "swyer",
        "james", "swyer-james", "mounier", "kuhn", "mounier-kuhn", "wegener", "horner", "pancoast", "hutchinson",
        "barlow", "ortolani", "galeazzi-sign", "allis", "stulberg", "catterall", "herring", "salter-thompson", "ogden",
        "aitken", "greulich", "pyle", "greulich-pyle", "lichtman", "bochdalek", "morgagni"
    ]
)  # fmt: skip

# Words that introduce an eponym; a name right after them is an eponym use, not a person.
EPONYM_CONTEXT = re.compile(
    r"(?:fracture|fractures|maladie|signe|syndrome|lésion|lésions|luxation|kyste|encoche|classification|stade|"
    r"type|ligne|angle|manœuvre|manoeuvre|test|triade|articulation|interligne|ligament|tubercule|épine|"
    r"entorse|amputation|arrachement|avulsion|fracture-luxation|fracture-tassement|"
    r"cyphose|ostéochondrose|ostéochondrite|apophysite|nodule|nodules|arthrose|"
    r"disease|sign|lesion|lesions|cyst|deformity|injury|kyphosis|classification|grade|stage|line|angle|"
    r"maneuver|manoeuvre|joint|ligament|test|node|nodes|ulcer)\s+(?:de\s+|d['’]\s*|du\s+|of\s+)?$",
    re.IGNORECASE,
)
_EPONYM_AFTER = re.compile(
    r"^(?:[ \t]+(?-i:[ABC]|I{1,3}|IV|VI?|[1-6][ABCabc]?)(?![\w-])"  # a grade: "Weber B", "Garden III", "Neer 3"
    r"|['’]?s?\s*(?:fracture|disease|sign|lesion|cyst|deformity|injury|kyphosis|classification|grade|stage|"
    r"test|line|angle|joint|type|syndrome|component|fragment|positi(?:f|ve)|n[ée]gati(?:f|ve)|sign[ée]?|"
    r"hump|hernia|node|nodule|ulcer|tumou?r))",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def is_eponym_word(word: str) -> bool:
    """True when every hyphen-part of `word` is a known eponym (Pouteau-Colles, Salter-Harris, Paget)."""
    lower = word.lower().strip("'’")
    if lower in EPONYMS:
        return True
    parts = [p for p in re.split(r"[-‐]", lower) if p]
    return bool(parts) and all(p in EPONYMS for p in parts)


# Sign, test, manoeuvre, view and law names: any capitalised word in these slots is an eponym, listed or not
# ("signe de Murphy", "test de Finkelstein", "loi de Wolff", "incidence de Lamy", "McMurray's test", "Hawkins and
# Neer tests", "Murphy sign"; round 20: "lignes de Kerley", "Kerley B lines"). French needs the preposition ("signé
# par X" and "Signe par" are not slots).
_SLOT_BEFORE = re.compile(
    r"(?i)(?:\b(?:signes?|tests?|manœuvres?|manoeuvres?|maladie|syndrome|loi|incidence|clichés?|position|"
    r"classification|score|critères|triade|réflexe|phénomène|méthode|technique|opération|fracture|"
    r"fractures|lésion|kyste|signo|lignes?|stries?)[ \t]+(?:de[ \t]+|d['’][ \t]*|du[ \t]+)"
    r"|\bposition[ \t]+(?:en|de)[ \t]+|\ben[ \t]+(?=Trendelenburg))$"
)
_SLOT_AFTER = re.compile(
    r"(?i)^(?:['’]s)?[ \t]+(?:(?:[A-C][ \t]+)?lines|signs?|tests?|maneuvers?|manoeuvres?|disease|syndrome|"
    r"fractures?|views?|projection|"
    r"position|classification|score|criteria|reflex|phenomenon|procedure|operation|law|triad|technique|method|"
    r"fragments?|deformity|lesions?|cysts?)\b"
)
_SLOT_CHAIN_AFTER = re.compile(
    r"^(?:['’]s)?[ \t]*(?:,|&|and|or|et|ou|nor|ni)[ \t]+(?:de[ \t]+|d['’])?"
    r"(?P<next>[A-Z][\w'’-]+)"
)
_SLOT_CHAIN_BEFORE = re.compile(
    r"(?P<prev>[A-Z][\w'’-]+)(?:['’]s)?[ \t]*(?:,|&|and|or|et|ou|nor|ni)[ \t]+(?:de[ \t]+|d['’])?$"
)


def slot_eponym(text: str, start: int, end: int, depth: int = 0) -> bool:
    """True when text[start:end], any capitalised word, sits in a sign/test/manoeuvre/view/law slot, directly or
    through a chain ("signes de Lachman et de Murphy", "Hawkins and Neer tests")."""
    if not text[start:end][:1].isupper():
        return False
    before = text[max(0, start - 40) : start]
    if _SLOT_BEFORE.search(before):
        return True
    after = text[end : end + 40]
    if _SLOT_AFTER.match(after):
        return True
    if depth >= 3:
        return False
    nxt = _SLOT_CHAIN_AFTER.match(after)
    if nxt and slot_eponym(text, end + nxt.start("next"), end + nxt.end("next"), depth + 1):
        return _SLOT_AFTER.match(text[end + nxt.end("next") : end + nxt.end("next") + 40]) is not None
    prev = _SLOT_CHAIN_BEFORE.search(before)
    if prev:
        offset = start - len(before)
        return (
            _SLOT_BEFORE.search(text[max(0, offset + prev.start("prev") - 40) : offset + prev.start("prev")])
            is not None
        )
    return False


def eponym_use(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is used as an eponym: a sign/test/view/law slot (any word, see `slot_eponym`), or,
    for a known eponym word, an eponym context before it ("fracture de", "maladie de", "signe de") or after it
    ("Colles fracture", "Paget's disease"), or a hyphenated pair of eponyms."""
    word = text[start:end]
    if slot_eponym(text, start, end):
        return True
    if not is_eponym_word(word):
        return False
    if "-" in word and all(p.lower() in EPONYMS for p in word.split("-") if p):
        return True
    before = text[max(0, start - 40) : start]
    if EPONYM_CONTEXT.search(before):
        return True
    after = text[end : end + 30]
    if _EPONYM_AFTER.match(after):
        return True
    # A chain of eponyms: "de Monteggia ni de Galeazzi", "No Smith or Barton fracture".
    chain = re.search(r"([A-Z][\w'’-]+)\s*(?:,|ou|ni|et|or|and|nor)\s+(?:de\s+|d['’])?$", before)
    if chain and is_eponym_word(chain.group(1)):
        return eponym_use(text, start - len(before) + chain.start(1), start - len(before) + chain.end(1))
    nxt = re.match(r"\s*(?:,|ou|ni|et|or|and|nor)\s+(?:de\s+|d['’])?([A-Z][\w'’-]+)", after)
    if nxt and is_eponym_word(nxt.group(1)):
        return bool(_EPONYM_AFTER.match(after[nxt.end(1) :]))
    return False
