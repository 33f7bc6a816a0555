"""The recall-first safety net (reports/deid/safety_net.py): what it masks, what it keeps, how it types, and that
switching it off leaves the detector unchanged."""

from __future__ import annotations

import itertools

import pytest

from xraymatch.config import load_params
from xraymatch.reports.deid.detector import detect, mask_markup
from xraymatch.reports.deid.evaluation import FR_BODY
from xraymatch.reports.deid.pipeline import DeidConfig, deidentify
from xraymatch.reports.deid.safety_net import SafetyNet, add_safety_net, default_net, masked_per_thousand
from xraymatch.reports.entities import Entity


def _net_only(text: str) -> list[tuple[str, str]]:
    """(span text, label) of the spans the net adds to the detector's."""
    before = detect(text, "en")
    after = detect(text, "en", safety_net=True)
    return [(text[e.start : e.end], e.label) for e in after if e not in before]


def _masked(text: str, word: str, net: SafetyNet | None = None) -> bool:
    start = text.index(word)
    spans = (net or default_net())(text, [])
    return any(s.start < start + len(word) and start < s.end for s in spans)


def test_unknown_capitalised_names_are_masked() -> None:
    text = "Reviewed with Okwuosa Thrandeil at the bedside; films compared."
    assert _masked(text, "Okwuosa Thrandeil")
    spans = default_net()(text, [])
    assert [(text[s.start : s.end], s.label) for s in spans] == [("Okwuosa Thrandeil", "PERSON")]


def test_frequent_lexicon_names_are_not_safe_but_eponyms_and_clinical_words_are() -> None:
    net = default_net()
    assert not net.is_safe_word("Martin")  # frequent, but a name of the lexicons
    assert net.is_safe_word("Paget") and net.is_safe_word("Salter-Harris")  # eponyms
    assert net.is_safe_word("Pneumothorax") and net.is_safe_word("Épanchement")  # clinical vocabulary
    assert net.is_safe_word("Hospital") and net.is_safe_word("Findings")  # everyday words
    assert net.is_safe_word("IRM")  # short acronym


def test_identifier_free_clinical_text_is_left_alone() -> None:
    text = (
        "FINDINGS: Cardiomediastinal silhouette within normal limits. Maladie de Paget du bassin. "
        "Encoche de Hill-Sachs. Signe de Murphy négatif. Tubercule de Gerdy respecté. Appareil Siemens Ysio Max."
    )
    assert default_net()(text, []) == []


def test_field_labels_and_sentence_openers_are_kept() -> None:
    text = "StationName=CT01\nLoculated effusion at the left base."
    assert default_net()(text, []) == []


def test_codes_are_masked_and_measurements_are_not() -> None:
    text = "Accession QZ77341920 done; lesion 25x14mm, dose 12.5mGy, level L4-L5, ICD M54.5, CCAM ZBQK002, lot 4417B29."
    spans = [(text[s.start : s.end], s.label) for s in default_net()(text, [])]
    assert spans == [("QZ77341920", "ID")]
    case = "Case number 48213377."
    assert [(case[s.start : s.end], s.label) for s in default_net()(case, [])] == [("48213377", "ID")]
    assert default_net()("Follow-up at 9.25am, version 2.4.1, 1.2.840.10008.5.1.4 root.", []) == []


def test_typing_of_places_institutions_and_the_patient() -> None:
    net = default_net()
    text = "Transferred from Clinique Vrendoliet, lives in Quarnsby."
    got = {text[s.start : s.end]: s.label for s in net(text, [])}
    assert got == {"Clinique Vrendoliet": "INSTITUTION", "Quarnsby": "LOCATION"}
    text = "Patient: Zorvath. Reviewed by Zorvath Ilmarenko."
    patient = [Entity(9, 16, "PATIENT")]
    added = [s for s in net(text, patient) if s not in patient]
    assert [(text[s.start : s.end], s.label) for s in added] == [("Zorvath Ilmarenko", "PATIENT")]


def test_net_extends_a_detected_name_with_its_type() -> None:
    text = "Zorvath Ilmarenko"
    spans = default_net()(text, [Entity(0, 7, "PATIENT")])
    assert spans == [Entity(0, 7, "PATIENT"), Entity(8, 17, "PATIENT")]


def test_off_means_detector_unchanged_and_on_only_adds() -> None:
    text = "Dr Martin Dupont a vu Mme Okwuosa Thrandeil (né le 12/03/1961), dossier QZ77341920, à Quarnsby."
    off = detect(text, "fr")
    assert detect(text, "fr", safety_net=False) == off
    on = detect(text, "fr", safety_net=True)
    assert set(off) <= set(on)
    assert add_safety_net(mask_markup(text), off) == on
    for a, b in itertools.pairwise(on):
        assert a.end <= b.start  # no overlaps


def test_pipeline_reads_the_parameter() -> None:
    text = "Seen with Okwuosa Thrandeil today."
    with_net = deidentify(text, "en", DeidConfig(safety_net=True), salt="s")
    without = deidentify(text, "en", DeidConfig(safety_net=False), salt="s")
    assert "Thrandeil" not in with_net.text and "Thrandeil" in without.text
    assert isinstance(load_params().get("deid", {}).get("safety_net"), bool)
    assert DeidConfig.from_params({"deid": {"safety_net": False}}).safety_net is False


@pytest.mark.parametrize("bodies", [FR_BODY])
def test_false_hit_cost_on_identifier_free_french_bodies(bodies: tuple[str, ...]) -> None:
    per_thousand, _masked_tokens, tokens = masked_per_thousand(bodies, SafetyNet(holdout=1))
    assert tokens > 100 and per_thousand < 5.0


def test_clinical_words_real_reports_write_in_lower_case_are_safe_on_an_indication_line() -> None:
    """The even half of the real Indiana reports writes "syncope" and "preop" in lower case somewhere, so an
    INDICATION line that capitalises them is no name; a surname of the lexicons ("Dubois") on that line still is."""
    from xraymatch.reports.deid.evaluation import nlmcxr_whole_reports

    even = nlmcxr_whole_reports(2000, parity=0)
    if not even:
        pytest.skip("torchxrayvision's NLMCXR archive is not installed")
    lower = {w for report in even for w in report.split() if w.islower()}
    assert {"syncope", "preop"} <= lower  # the premise: real radiologists write these in lower case
    for word in ("Syncope", "Preop"):
        assert _net_only(f"INDICATION: {word}\nFINDINGS: The lungs are clear.") == []
    assert _masked("INDICATION: Dubois\nFINDINGS: The lungs are clear.", "Dubois")


def test_whole_report_halves_alternate_over_the_archive() -> None:
    """The false-mask measure reads the odd reports; the vocabulary learns from the even ones only (identical short
    normal reports do occur in both halves: the split is by report, not by text)."""
    import itertools

    from xraymatch.reports.deid.evaluation import nlmcxr_whole_reports
    from xraymatch.reports.nlmcxr import iter_reports

    odd, even = nlmcxr_whole_reports(20, parity=1), nlmcxr_whole_reports(20, parity=0)
    if not odd:
        pytest.skip("torchxrayvision's NLMCXR archive is not installed")
    first = [r.text for r in itertools.islice(iter_reports(with_views=False), 120)]
    assert list(even) == [t for t in first[0::2] if t][:20]  # reports with no section are skipped, not shifted
    assert list(odd) == [t for t in first[1::2] if t][:20]
