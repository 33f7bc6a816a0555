"""French radiology report bodies written from what each DRR sample really contains.

`sample_facts(sample)` reads one `DRRCache` item: the views (face/profil/oblique from the camera centre of each
projection matrix, so no angle convention is assumed), the visible structures (landmarks inside any view), the exam
region they point to, and the synthetic fracture (bone, side, where on the bone, vertebral level, the views that show
it, gap and displacement). `write_report(facts, rng)` turns the facts into a report with technique / résultats /
conclusion sections, several phrasings per sentence and negations for intact samples. The body holds no identifier;
`identities.plant_identifiers` adds the header and footer. Everything is deterministic given the rng (see
`sample_rng`). Lesions: the DRR cache stores none (AFiRe draws its lesions at training time), so reports have none.

World frame (see anatomy_fr): +x patient's right, +y anterior, +z superior; the camera centre C of view v is the
null vector of its (3, 4) projection matrix (the X-ray source).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from xraymatch.reports import anatomy_fr as A

FACE_MAX_DEG = 20.0  # |azimuth| up to this from AP (or PA) is a frontal view
PROFILE_RANGE_DEG = (70.0, 110.0)  # azimuth within this range is a lateral view; anything else is oblique
TILT_REPORTED_DEG = 10.0  # a cranio-caudal tilt is mentioned from this angle on
DISPLACED_MM = 2.0  # a fracture shifted more than this is "déplacée"


@dataclass(frozen=True)
class ViewFacts:
    """One view: `code` (AP, PA, PROFIL-D, PROFIL-G, OAD, OAG, OPD, OPG), its French phrase, azimuth and tilt."""

    index: int
    kind: str  # face | profil | oblique
    code: str
    phrase: str  # "de face (incidence antéro-postérieure)"
    azimuth_deg: float  # source direction about the long axis: 0 anterior, +90 patient's left, +-180 posterior
    tilt_deg: float  # source elevation: > 0 the source is cranial (beam directed caudally)


@dataclass(frozen=True)
class FractureFacts:
    """The synthetic fracture as a radiologist would describe it."""

    structure: str
    bone: A.Bone
    location: str  # "de l'arc postérieur" / "du corps vertébral" / "" (no finer detail)
    level: str | None  # nearest vertebra ("T8") for ribs, scapulae and sternum
    side_note: str | None  # for midline bones: "à droite" / "à gauche" when off-centre
    visible_views: tuple[int, ...]
    gap_mm: float
    shift_mm: float

    @property
    def displaced(self) -> bool:
        return self.shift_mm > DISPLACED_MM


@dataclass(frozen=True)
class SampleFacts:
    """What one DRR sample contains, in reportable terms."""

    sample_id: str
    region: str  # a key of anatomy_fr.REGION_TITLES
    views: tuple[ViewFacts, ...]
    structures: tuple[str, ...]  # cache names of the structures visible in at least one view
    fracture_present: bool  # the cache's truth (a fracture may lie outside every view)
    fracture: FractureFacts | None  # None when absent


@dataclass(frozen=True)
class GeneratedReport:
    """A report body (no identifiers) and its findings part (résultats + conclusion), a substring of `text`."""

    text: str
    findings: str


# --------------------------------------------------------------------------------------------- facts


def camera_centre(projection: np.ndarray) -> np.ndarray:
    """The world position (3,) of the X-ray source: the null vector of the (3, 4) projection matrix."""
    P = np.asarray(projection, dtype=np.float64)
    return -np.linalg.solve(P[:, :3], P[:, 3])


def view_facts(index: int, projection: np.ndarray) -> ViewFacts:
    """Classify a view from its source position (frontal AP/PA, lateral with the side against the detector, oblique)."""
    c = camera_centre(projection)
    right = c[0] * A.WORLD_RIGHT_SIGN  # > 0: source on the patient's right
    azimuth = math.degrees(math.atan2(-right, c[1]))  # 0: anterior source (AP); +90: source on the patient's left
    tilt = math.degrees(math.atan2(c[2], math.hypot(c[0], c[1])))
    a = abs(azimuth)
    detector_right = right < 0  # the detector faces the source across the patient
    side = "droit" if detector_right else "gauche"
    if a <= FACE_MAX_DEG:
        kind, code, phrase = "face", "AP", "de face (incidence antéro-postérieure)"
    elif a >= 180.0 - FACE_MAX_DEG:
        kind, code, phrase = "face", "PA", "de face (incidence postéro-antérieure)"
    elif PROFILE_RANGE_DEG[0] <= a <= PROFILE_RANGE_DEG[1]:
        kind, code, phrase = "profil", f"PROFIL-{side[0].upper()}", f"de profil {side}"
    else:
        anterior = c[1] < 0  # detector in front of the patient: an anterior oblique
        obliquity = round(min(a, 180.0 - a) if anterior else a)
        word = "antérieure" if anterior else "postérieure"
        code = f"O{'A' if anterior else 'P'}{'D' if detector_right else 'G'}"
        kind, phrase = "oblique", f"en oblique {word} {A.agree(side, 'f')} ({code}) à {obliquity}°"
    return ViewFacts(index, kind, code, phrase, azimuth, tilt)


def _landmarks(sample: Mapping[str, Any]) -> tuple[list[str], np.ndarray | None, np.ndarray | None]:
    names = list(sample.get("landmark_names") or [])
    if not names:
        return [], None, None
    points = np.asarray(sample["landmarks_3d"], dtype=np.float64)
    visible = np.asarray(sample["landmarks_visible"], dtype=bool)
    return names, points, visible


def _nearest_vertebra(z: float, names: list[str], points: np.ndarray | None) -> str | None:
    if points is None:
        return None
    levels = [(abs(points[i, 2] - z), lab) for i, n in enumerate(names) if (lab := A.vertebra_label(n))]
    return min(levels)[1] if levels else None


def _location(bone: A.Bone, where: np.ndarray, centre: np.ndarray | None) -> tuple[str, str | None]:
    """Where on the bone: (location phrase, side note for midline bones). `centre` is the bone's landmark."""
    x, y, z = (float(v) for v in where)
    if bone.kind == "rib":
        theta = math.degrees(math.atan2(y, abs(x)))  # about the body axis: < 0 posterior, > 0 anterior
        arc = "postérieur" if theta < -30 else "antérieur" if theta > 30 else "latéral"
        return f"de l'arc {arc}", None
    if centre is None:
        return "", None
    dx, dy, dz = x - centre[0], y - centre[1], z - centre[2]
    if bone.kind == "vertebra":
        side = A.side_of_x(dx, 8.0)
        note = None if side is None else ("à droite" if side == "droit" else "à gauche")
        return ("du corps vertébral" if dy > 0 else "de l'arc postérieur"), note
    if bone.kind == "clavicle":
        delta = abs(x) - abs(centre[0])
        third = "interne" if delta < -10 else "externe" if delta > 10 else "moyen"
        return f"du tiers {third}", None
    if bone.kind in ("humerus", "femur"):
        part = "de l'extrémité supérieure" if dz > 30 else "de l'extrémité inférieure" if dz < -30 else "de la diaphyse"
        return part, None
    if bone.kind == "sternum":
        return ("du manubrium" if dz > 20 else "du corps"), None
    if bone.kind == "scapula":
        return ("du col" if abs(x) > abs(centre[0]) + 15 else "du corps"), None
    return "", None


def sample_facts(sample: Mapping[str, Any], region_hint: str | None = None) -> SampleFacts:
    """Reportable facts of one DRRCache item (torch tensors or numpy arrays).

    `region_hint` names the region of a CT without labels (from its manifest); labelled CTs use their visible
    structures.
    """
    projections = np.asarray(sample["projection"], dtype=np.float64)
    views = tuple(view_facts(v, projections[v]) for v in range(projections.shape[0]))
    names, points, visible = _landmarks(sample)
    seen = [n for i, n in enumerate(names) if visible is not None and bool(visible[:, i].any())]
    region = A.region_from_structures(seen) if seen else (A.normalise_region(region_hint) or "inconnu")
    record = sample.get("fracture") or {}
    present = bool(record.get("present", False))
    fracture = None
    if present:
        structure = str(record["structure"])
        where = np.asarray(record["location_3d"], dtype=np.float64)
        bone = A.bone_of(structure)
        centre = points[names.index(structure)] if points is not None and structure in names else None
        location, side_note = _location(bone, where, centre)
        level = (
            _nearest_vertebra(float(where[2]), names, points) if bone.kind in ("rib", "scapula", "sternum") else None
        )
        shown = tuple(int(v) for v, flag in enumerate(record.get("visible") or []) if bool(flag))
        shift = float(np.linalg.norm(np.asarray(record.get("shift_mm") or [0.0], dtype=np.float64)))
        fracture = FractureFacts(
            structure, bone, location, level, side_note, shown, float(record.get("gap_mm") or 0.0), shift
        )
    return SampleFacts(str(sample["sample_id"]), region, views, tuple(seen), present, fracture)


# --------------------------------------------------------------------------------------------- text

INDICATIONS = (
    "traumatisme après chute de sa hauteur",
    "douleur persistante après traumatisme",
    "bilan d'une chute",
    "accident de la voie publique, bilan lésionnel",
    "douleur à la palpation, recherche de fracture",
    "contrôle systématique",
    "douleur mécanique",
)
HEAD_TECHNIQUE = ("Technique :", "TECHNIQUE :", "Incidences :", "Technique d'examen :")
HEAD_FINDINGS = ("Résultats :", "RÉSULTATS :", "Description :", "Analyse :", "Constatations :")
HEAD_CONCLUSION = ("Conclusion :", "CONCLUSION :", "En conclusion :", "Synthèse :")
NEGATIVE_FINDINGS = (
    "Pas de fracture visible.",
    "Absence de trait de fracture décelable.",
    "Pas de lésion osseuse traumatique décelable sur les incidences réalisées.",
    "Structures osseuses d'aspect intègre, sans trait de fracture.",
    "Pas de solution de continuité corticale visible.",
)
NEGATIVE_CONCLUSIONS = (
    "Pas de fracture visible.",
    "Examen sans anomalie osseuse traumatique décelable.",
    "Absence de lésion traumatique osseuse visible.",
    "Pas d'argument radiologique pour une fracture.",
)
EXTRA_NEGATIVES = ("Pas de luxation visible.", "Pas d'autre anomalie osseuse décelable.", "")


def sample_rng(seed: int, sample_id: str) -> np.random.Generator:
    """One generator per sample, independent of the order samples are visited in."""
    digest = int(hashlib.sha256(sample_id.encode()).hexdigest()[:12], 16)
    return np.random.default_rng([int(seed), digest])


def _pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _technique(views: tuple[ViewFacts, ...], rng: np.random.Generator) -> str:
    phrases = []
    for view in views:
        text = view.phrase
        if abs(view.tilt_deg) >= TILT_REPORTED_DEG:
            direction = "caudale" if view.tilt_deg > 0 else "crâniale"
            text += f", rayon incliné de {round(abs(view.tilt_deg))}° en direction {direction}"
        phrases.append(text)
    count = {2: "Deux incidences", 3: "Trois incidences", 4: "Quatre incidences"}.get(
        len(views), f"{len(views)} incidences"
    )
    style = int(rng.integers(3))
    if style == 0:
        return f"{count} : " + "; ".join(phrases) + "."
    if style == 1:
        return "Clichés réalisés " + _join(phrases) + "."
    return " ".join(f"Incidence {v.index + 1} : {p}." for v, p in zip(views, phrases, strict=True))


def _views_phrase(facts: SampleFacts, shown: tuple[int, ...]) -> str:
    if len(shown) == len(facts.views):
        return ""
    kinds = [facts.views[v].phrase.split(" (")[0] for v in shown]
    return f", visible sur l'incidence {_join(kinds)} uniquement"


def _fracture_sentence(facts: SampleFacts, fracture: FractureFacts, rng: np.random.Generator) -> str:
    where = f" {fracture.location}" if fracture.location else ""
    of_bone = ("de " + fracture.bone.phrase).replace("de le ", "du ")
    side = f" {fracture.side_note}" if fracture.side_note else ""
    level = f", en regard de {fracture.level}" if fracture.level and rng.random() < 0.7 else ""
    shown = _views_phrase(facts, fracture.visible_views)
    gap, shift = round(fracture.gap_mm), round(fracture.shift_mm)
    if fracture.displaced:
        detail = _pick(
            rng,
            (
                f", déplacée d'environ {shift} mm",
                f", avec un diastasis interfragmentaire de {gap} mm et un déplacement de {shift} mm",
                f" avec un décalage des fragments de {shift} mm",
            ),
        )
        adjective = "déplacée "
    else:
        detail = _pick(rng, (f", avec un diastasis de {gap} mm", ", sans déplacement notable"))
        adjective = "non déplacée "
    style = int(rng.integers(4))
    if style == 0:
        return f"Fracture {adjective}{where[1:] + ' ' if where else ''}{of_bone}{side}{level}{shown}.".replace(
            "  ", " "
        )
    if style == 1:
        return f"Trait de fracture{where} {of_bone}{side}{detail}{level}{shown}."
    if style == 2:
        return f"Solution de continuité corticale{where} {of_bone}{side} évoquant une fracture{detail}{shown}."
    return f"On note une fracture{where} {of_bone}{side}{level}{detail}{shown}."


def _fracture_conclusion(fracture: FractureFacts, rng: np.random.Generator) -> str:
    short = fracture.bone.short
    state = "déplacée" if fracture.displaced else "non déplacée"
    if fracture.bone.kind == "rib":
        side = "droite" if short.endswith("droite") else "gauche"
        number = short.split(" ")[0]
        options = (
            f"Fracture {state} de la {short}.",
            f"Fracture costale {side} ({number} côte).",
            f"Aspect de fracture de la {short}.",
        )
    else:
        of = ("de " + fracture.bone.phrase).replace("de le ", "du ")
        options = (f"Fracture {state} {of}.", f"Fracture {of}.", f"Aspect en faveur d'une fracture {of}.")
    return _pick(rng, options)


def write_report(facts: SampleFacts, rng: np.random.Generator) -> GeneratedReport:
    """A French report body for `facts`: title, optional indication, technique, résultats, conclusion."""
    lines = [_pick(rng, A.REGION_TITLES[facts.region]), ""]
    if rng.random() < 0.5:
        lines += [f"{_pick(rng, ('Indication :', 'Contexte :', 'Renseignements cliniques :'))} "
                  f"{_pick(rng, INDICATIONS)}.", ""]  # fmt: skip
    lines += [_pick(rng, HEAD_TECHNIQUE), _technique(facts.views, rng), ""]

    result: list[str] = []
    field = A.REGION_FIELDS[facts.region]
    result.append(_pick(rng, (f"Le champ d'exploration couvre {field}.", f"Clichés centrés sur {field}.",
                              f"Région explorée : {field}.")))  # fmt: skip
    structures = A.describe_structures(list(facts.structures))
    if structures:
        order = list(rng.permutation(len(structures))) if rng.random() < 0.3 else list(range(len(structures)))
        listed = _join([structures[i] for i in order])
        result.append(_pick(rng, (f"Structures analysables : {listed}.", f"Sont visualisés : {listed}.",
                                  f"On individualise {listed}.")))  # fmt: skip
    fracture = facts.fracture
    seen = fracture is not None and bool(fracture.visible_views)
    if seen:
        assert fracture is not None
        result.append(_fracture_sentence(facts, fracture, rng))
        extra = _pick(rng, EXTRA_NEGATIVES)
        conclusion = _fracture_conclusion(fracture, rng)
    else:
        result.append(_pick(rng, NEGATIVE_FINDINGS))
        extra = _pick(rng, (*EXTRA_NEGATIVES[:1], ""))
        conclusion = _pick(rng, NEGATIVE_CONCLUSIONS)
    if extra:
        result.append(extra)
    findings_head = _pick(rng, HEAD_FINDINGS)
    conclusion_head = _pick(rng, HEAD_CONCLUSION)
    findings = "\n".join([findings_head, " ".join(result), "", conclusion_head, conclusion])
    text = "\n".join(lines) + "\n" + findings + "\n"
    return GeneratedReport(text=text, findings=findings)


# --------------------------------------------------------------------------------------------- cache


def regions_from_manifest(ct_dir: str | Path | None, by_source_kind: Mapping[str, str]) -> dict[str, str]:
    """case_id -> region hint for CTs without labels: the manifest's body_part (DICOM BodyPartExamined) when it
    has one, else `by_source_kind[source_kind]` (e.g. the InVesalius example is a head CT). Missing manifest: {}."""
    import pandas as pd

    if ct_dir is None:
        return {}
    path = Path(ct_dir) / "manifest.parquet"
    if not path.is_file():
        return {}
    manifest = pd.read_parquet(path)
    hints: dict[str, str] = {}
    for _, row in manifest.iterrows():
        body_part = row.get("body_part") if "body_part" in manifest.columns else None
        hint = A.normalise_region(body_part if isinstance(body_part, str) else None)
        hint = hint or A.normalise_region(by_source_kind.get(str(row.get("source_kind")), ""))
        if hint:
            hints[str(row["case_id"])] = hint
    return hints


def generate_from_cache(
    cache_root: str | Path, seed: int, region_by_case: Mapping[str, str] | None = None
) -> Iterator[tuple[dict[str, Any], SampleFacts, GeneratedReport, np.random.Generator]]:
    """For every sample of the cache (all splits): its index row, facts, report body and its rng (for planting)."""
    from xraymatch.data.cache import DRRCache

    cache = DRRCache(cache_root)
    hints = dict(region_by_case or {})
    for i in range(len(cache)):
        row = cache.index.iloc[i].to_dict()
        sample = cache[i]
        facts = sample_facts(sample, hints.get(str(row["case_id"])))
        rng = sample_rng(seed, facts.sample_id)
        yield row, facts, write_report(facts, rng), rng
