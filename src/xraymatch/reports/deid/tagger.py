"""A learned de-identification tagger: a linear-chain CRF (python-crfsuite) over BIO tags of the 10 labels.

Why: the rule detector reaches ~1.00 recall on the families it was tuned on but generalises little to an unseen one
(its rules follow document shapes). The CRF reads features that name no template: the word's shape, case, length,
affixes, membership in the detector's name/eponym/city lexicons, its wordfreq frequency, its neighbours (+-2), the
cue before it, its place on the line, and (stacking) the rule detector's own label for it. Trained from scratch on
generated documents of the `train` template family and the non-blind audit families plus their hand-written cases
and the hard cases; never on a blind family (`families.AuditFamily.blind`).

`combine` merges the tagger with the rule spans (modes: "rules", "tagger", "union", "union_retype"); which one the
project uses is chosen by leave-one-family-out cross-validation (benchmarks/deid_lofo.py, metrics/deid_lofo.json).
Offsets are always into the input text.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from xraymatch.atomic import atomic_file
from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError
from xraymatch.reports.deid.augment import check_damages, damaged_copies
from xraymatch.reports.deid.spoken import holds_quantity
from xraymatch.reports.entities import LABELS, Entity

MODES = ("rules", "tagger", "union", "union_patient", "union_retype")
FIX = "dvc repro train_deid_tagger"
_TOKEN = re.compile(r"[^\W_]+|\S")  # letter/digit runs, every other non-space character alone
_WORDS = re.compile(r"\w+")
# A doctor's title before a name or a degree after it marks staff: such a PERSON is never retyped PATIENT.
_STAFF_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|dre|pr|prof|docteure?|doctor|professeure?|professor)\.?[ \t]+$")
_DEGREE_AFTER = re.compile(
    r"(?i),?[ \t]*(?:m\.?[ \t]?d\.?|ph\.?[ \t]?d\.?|d\.?o\.?|mbbs|mbchb|frcr|frcpc?|facr|rn|np|pa-c)(?![\w])"
)
_TITLES = frozenset(
    [
        "dr", "dre", "pr", "prof", "docteur", "docteure", "professeur", "professeure", "mr", "mrs", "ms", "miss", "mme",
        "mlle", "m", "madame", "monsieur",
    ]
)  # fmt: skip
_NAME_CUES = frozenset(
    [
        "patient", "patiente", "name", "nom", "prénom", "prenom", "né", "née", "nee", "born", "signé", "signed", "par",
        "by", "de", "from", "to", "à", "chez", "cc", "radiologue", "radiologist", "referring", "adressé", "adressée",
        "demandeur", "requested",
    ]
)  # fmt: skip


@dataclass(frozen=True)
class TaggerConfig:
    """`deid.tagger` in params.yaml: whether `detect` uses the tagger, where its model lives, how it is trained."""

    enabled: bool = False
    model_path: str = "models/deid_tagger/model.crfsuite"
    mode: str = "union"  # how tagger spans join the rule spans (see MODES); chosen by deid_lofo
    retype_threshold: float = (
        0.9  # union_retype/union_patient: retype a rule span when the tagger's mean marginal is above
    )
    add_threshold: float = 0.7  # union*: a tagger span over uncovered text is added when its mean marginal is above
    posterior_add: float = 0.0  # union*: also mask uncovered tokens whose identifier probability is >= this (0: off)
    max_added_words: int = 12  # union*: a longer tagger span is a run-away chain (a whole sentence), not added
    stacking: bool = False  # the rule label of each token as a feature; when on, the CRF learns to copy the rules
    seed: int = 91_000  # training documents' seeds: seed + family index (never an evaluation seed)
    n_per_family: int = 100  # generated training documents per family (and for the train template family)
    c1: float = 0.05  # L1 penalty
    c2: float = 0.01  # L2 penalty
    max_iterations: int = 100
    augment_share: float = 0.0  # share of training documents that also get a damaged copy (deid/augment.py)
    augment: tuple[str, ...] = ("lower", "upper", "strip_accents", "title_words")  # the damages drawn from
    real_negatives: int = 0  # even-half real Indiana reports read as identifier-free training text (see below)

    def validate(self) -> TaggerConfig:
        if self.mode not in MODES:
            raise ConfigError(f"deid.tagger.mode: {self.mode!r} is not one of {', '.join(MODES)}")
        if not 0.0 <= self.retype_threshold <= 1.0:
            raise ConfigError("deid.tagger.retype_threshold: expected a probability in [0, 1], e.g. 0.9")
        if not 0.0 <= self.add_threshold <= 1.0:
            raise ConfigError("deid.tagger.add_threshold: expected a probability in [0, 1], e.g. 0.5")
        if not 0.0 <= self.posterior_add < 1.0:
            raise ConfigError("deid.tagger.posterior_add: expected a probability in [0, 1), e.g. 0.3 (0: off)")
        if self.n_per_family <= 0 or self.max_iterations <= 0 or self.max_added_words <= 0:
            raise ConfigError("deid.tagger: n_per_family, max_iterations and max_added_words must be positive")
        if self.real_negatives < 0:
            raise ConfigError("deid.tagger.real_negatives: expected a count >= 0, e.g. 1000 (0: none)")
        if not 0.0 <= self.augment_share <= 1.0:
            raise ConfigError("deid.tagger.augment_share: expected a share in [0, 1], e.g. 0.5 (0: no damaged copies)")
        check_damages(self.augment)
        return self

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> TaggerConfig:
        section = ((params.get("deid") or {}).get("tagger")) or {}
        return dataclass_from_section(cls, section, "deid.tagger").validate()


# --- tokens and features -------------------------------------------------------------------------------------------


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the tokens of `text`: runs of letters/digits, and each other visible character."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, surnames, cities) from the detector's lexicons (imported, not copied)."""
    from xraymatch.reports.deid.lexicons import CITIES, name_lexicons

    first, last = name_lexicons()
    cities = frozenset(p for c in CITIES for p in c.split("-") if len(p) > 2)
    return first, last, cities


@lru_cache(maxsize=200_000)
def _word_features(word: str) -> tuple[tuple[str, Any], ...]:
    """Features of a word on its own (cached: most words repeat)."""
    from wordfreq import zipf_frequency

    from xraymatch.reports.deid.eponyms import is_eponym_word

    lower = word.lower()
    first, last, cities = _lexicons()
    feats: list[tuple[str, Any]] = [
        ("w", lower if len(lower) < 25 else "<long>"),
        ("shape", _shape(word)),
        ("len", min(len(word), 12)),
        ("p2", lower[:2]),
        ("p3", lower[:3]),
        ("s2", lower[-2:]),
        ("s3", lower[-3:]),
    ]
    if word.isalpha():
        feats.append(("case", "title" if word.istitle() else "upper" if word.isupper() else "lower"))
        zipf = max(zipf_frequency(lower, "fr"), zipf_frequency(lower, "en"))
        feats.append(("zipf", int(zipf)))
        feats.append(("zipf_fr", int(zipf_frequency(lower, "fr"))))
        if lower in first:
            feats.append(("first_name", 1.0))
        if lower in last:
            feats.append(("surname", 1.0))
        if lower in cities or _fold(lower) in cities:
            feats.append(("city", 1.0))
        if is_eponym_word(word):
            feats.append(("eponym", 1.0))
        if lower in _TITLES:
            feats.append(("title", 1.0))
    elif word.isdigit():
        feats.append(("digits", min(len(word), 10)))
    elif any(ch.isdigit() for ch in word):
        feats.append(("alnum", 1.0))
    else:
        feats.append(("punct", word))
    return tuple(feats)


def token_features(text: str, tokens: list[tuple[int, int]], rule_tags: list[str] | None = None) -> list[dict]:
    """One crfsuite feature dict per token (`rule_tags`: the rule detector's BIO tag per token, for stacking)."""
    words = [text[s:e] for s, e in tokens]
    own = [dict(_word_features(w)) for w in words]
    line_first = [True] * len(tokens)
    after_colon = [False] * len(tokens)
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1][1] : tokens[i][0]]
        line_first[i] = "\n" in gap or "\r" in gap
        j = i - 1
        while j >= 0 and words[j] in ("-", " "):
            j -= 1
        after_colon[i] = not line_first[i] and j >= 0 and words[j] == ":"
    out: list[dict] = []
    for i in range(len(words)):
        f: dict[str, Any] = {"bias": 1.0}
        f.update(own[i])
        if line_first[i]:
            f["bol"] = 1.0
        if after_colon[i]:
            f["after_colon"] = 1.0
        if i + 1 < len(tokens) and ("\n" in text[tokens[i][1] : tokens[i + 1][0]]):
            f["eol"] = 1.0
        if i + 1 == len(tokens):
            f["eol"] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(tokens):
                other = own[j]
                f[f"{d}:w"] = other["w"]
                f[f"{d}:shape"] = other["shape"]
                for key in ("first_name", "surname", "title", "eponym"):
                    if key in other:
                        f[f"{d}:{key}"] = 1.0
                if rule_tags is not None:
                    f[f"{d}:rule"] = rule_tags[j]
            else:
                f[f"{d}:w"] = "<edge>"
        # the nearest cue word up to 4 tokens back, skipping capitalised words (names) and punctuation
        for j in range(i - 1, max(-1, i - 5), -1):
            lower = words[j].lower()
            if lower in _TITLES or lower in _NAME_CUES:
                f["cue"] = lower
                break
            if "\n" in text[tokens[j][1] : tokens[j + 1][0]]:
                break
        if i >= 2:
            f["-2:-1"] = f"{own[i - 2]['w']}|{own[i - 1]['w']}"
        if rule_tags is not None:
            f["rule"] = rule_tags[i]
            f["rule_type"] = rule_tags[i][2:] if rule_tags[i] != "O" else "O"
        out.append(f)
    return out


def bio_tags(tokens: list[tuple[int, int]], entities: list[Entity]) -> list[str]:
    """BIO tag per token: a token overlapping an entity takes its label (B- on the entity's first token)."""
    tags = ["O"] * len(tokens)
    ordered = sorted(entities)
    k = 0
    for i, (s, e) in enumerate(tokens):
        while k < len(ordered) and ordered[k].end <= s:
            k += 1
        for ent in ordered[k : k + 3]:
            if ent.start < e and s < ent.end:
                first = i == 0 or not (ent.start < tokens[i - 1][1] and tokens[i - 1][0] < ent.end)
                tags[i] = ("B-" if first else "I-") + ent.label
                break
    return tags


def decode(text: str, tokens: list[tuple[int, int]], tags: list[str]) -> list[Entity]:
    """Spans from BIO tags: a B- (or an I- after another label) opens a span, same-label I- extend it; offsets run from
    the first token's start to the last token's end in the original text."""
    spans: list[Entity] = []
    start = end = -1
    label = ""
    for (s, e), tag in zip(tokens, tags, strict=True):
        if tag != "O" and tag[2:] == label and tag.startswith("I-"):
            end = e
            continue
        if label:
            spans.append(Entity(start, end, label))
        label, start, end = ("", -1, -1) if tag == "O" else (tag[2:], s, e)
    if label:
        spans.append(Entity(start, end, label))
    return spans


# --- training and loading ------------------------------------------------------------------------------------------


def training_documents(config: TaggerConfig, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Labelled training documents: `train` template family, every non-blind audit family not in `exclude` (generated
    with seeds of their own and their cases), and the hard cases, plus damaged copies of a share of them
    (`augment_share`, deid/augment.py) and `real_negatives` whole real reports. English bodies come from the even
    half of the NLM/Indiana bodies and French bodies from the even half of the French pool, so the odd halves stay
    unseen for the false-mask measure. Blind families are never read."""
    from xraymatch.reports.deid.evaluation import load_hard_cases
    from xraymatch.reports.families import AUDIT_FAMILIES

    docs = _generated(config.n_per_family, config.seed, "train")
    for i, family in enumerate(AUDIT_FAMILIES):
        if family.blind or family.name in exclude:
            continue
        docs += _generated(config.n_per_family, config.seed + 1 + i, family.name)
        docs += load_hard_cases(family.cases_path)
    docs += load_hard_cases()
    docs += damaged_copies(docs, config.augment, config.augment_share, config.seed)
    return docs + real_negatives(config.real_negatives)


def real_negatives(limit: int) -> list[dict[str, Any]]:
    """Whole real Indiana reports of the even half (every section: "INDICATION: LYMPHOMA BMT") as training text with
    no identifier, keeping only those where the rules and safety net find nothing: the publisher left a few ages,
    dates and names unmasked, and those must not be taught as non-identifiers. Why: generated text never shows
    the tagger a capitalised clinical phrase after a field key, which it then takes for a patient's name."""
    from xraymatch.reports.deid.evaluation import nlmcxr_whole_reports

    if limit <= 0:
        return []
    return [
        {"id": f"real-negative-{i}", "text": text, "lang": "en", "entities": []}
        for i, text in enumerate(nlmcxr_whole_reports(limit, parity=0))
        if not rule_entities(text, "en")
    ]


def _generated(n: int, seed: int, style: str) -> list[dict[str, Any]]:
    """Like evaluation.generated_documents, with bodies from the even halves of the identifier-free pools only."""
    from xraymatch.reports.deid.evaluation import FR_BODY, generated_documents, nlmcxr_bodies

    return generated_documents(n, seed, style, nlmcxr_bodies()[0::2], FR_BODY[0::2], id_prefix="tagger-")


def rule_entities(text: str, lang: str) -> list[Entity]:
    """The rule detector with its safety net: the spans the tagger stacks on and is combined with."""
    from xraymatch.reports.deid.detector import detect

    return detect(text, lang, safety_net=True)


def train_tagger(
    docs: list[dict[str, Any]],
    config: TaggerConfig,
    model_path: str | Path,
    rules: list[list[Entity]] | None = None,
) -> dict[str, Any]:
    """Train the CRF on labelled `docs` (`rules`: precomputed rule spans per doc, else computed) and write the model
    atomically to `model_path`; return a summary (documents, tokens, seconds, bytes). Deterministic for given docs."""
    import pycrfsuite

    start = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tokens = 0
    for k, doc in enumerate(docs):
        tokens = tokenize(doc["text"])
        if not tokens:
            continue
        rule_tags = None
        if config.stacking:
            spans = rules[k] if rules is not None else rule_entities(doc["text"], doc["lang"])
            rule_tags = bio_tags(tokens, spans)
        trainer.append(token_features(doc["text"], tokens, rule_tags), bio_tags(tokens, doc["entities"]))
        n_tokens += len(tokens)
    trainer.set_params(
        {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    with atomic_file(model_path) as tmp:
        trainer.train(str(tmp))
    seconds = time.perf_counter() - start
    return {
        "documents": len(docs),
        "tokens": n_tokens,
        "seconds": round(seconds, 1),
        "bytes": Path(model_path).stat().st_size,
    }


class DeidTagger:
    """A trained CRF tagger loaded from `model_path`; a missing or unreadable file is a one-line ConfigError."""

    def __init__(self, model_path: str | Path, stacking: bool = False) -> None:
        import pycrfsuite

        self.path = Path(model_path)
        self.stacking = stacking
        if not self.path.is_file():
            raise ConfigError(f"{self.path}: de-identification tagger model not found; build it with `{FIX}`")
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
            labels = set(self._tagger.labels())
        except (OSError, ValueError, RuntimeError):
            raise ConfigError(f"{self.path}: not a readable tagger model (corrupt?); rebuild it with `{FIX}`") from None
        if not labels or not labels <= {"O"} | {f"{p}-{x}" for p in "BI" for x in LABELS}:
            raise ConfigError(f"{self.path}: not a de-identification tagger model; rebuild it with `{FIX}`")
        stacked = any(a.startswith(("rule:", "rule_type:")) for a, _ in self._tagger.info().state_features)
        if stacked != stacking:  # the features it was trained on would not be the ones it reads
            raise ConfigError(
                f"{self.path}: model trained with stacking={stacked} but deid.tagger.stacking is {stacking}; rebuild "
                f"it with `{FIX}`"
            )

    def predict(self, text: str, rules: list[Entity] | None = None) -> tuple[list[Entity], list[float]]:
        """Tagger spans of `text` (offsets into it) and each span's mean marginal probability of its tags."""
        tokens = tokenize(text)
        if not tokens:
            return [], []
        rule_tags = bio_tags(tokens, rules or []) if self.stacking else None
        self._tagger.set(token_features(text, tokens, rule_tags))
        tags = self._tagger.tag()
        spans = decode(text, tokens, tags)
        confidence = []
        for span in spans:
            probs = [
                self._tagger.marginal(tags[i], i)
                for i, (s, e) in enumerate(tokens)
                if span.start <= s and e <= span.end
            ]
            confidence.append(float(np.mean(probs)) if probs else 0.0)
        return spans, confidence

    def label_marginals(self, text: str, rules: list[Entity]) -> tuple[list[tuple[int, int]], list[dict[str, float]]]:
        """Per token, the marginal probability of each entity type (B- and I- summed): used to retype rule spans."""
        tokens = tokenize(text)
        if not tokens:
            return [], []
        rule_tags = bio_tags(tokens, rules) if self.stacking else None
        self._tagger.set(token_features(text, tokens, rule_tags))
        self._tagger.tag()
        labels = self._tagger.labels()
        marg = []
        for i in range(len(tokens)):
            per: dict[str, float] = {}
            for tag in labels:
                if tag != "O":
                    per[tag[2:]] = per.get(tag[2:], 0.0) + self._tagger.marginal(tag, i)
            marg.append(per)
        return tokens, marg


def combine(
    text: str,
    rules: list[Entity],
    tagger: DeidTagger,
    mode: str = "union",
    retype_threshold: float = 0.9,
    add_threshold: float = 0.0,
    max_added_words: int = 12,
    posterior_add: float = 0.0,
) -> list[Entity]:
    """Rule spans merged with the tagger's (offsets into `text`), sorted and non-overlapping.

    rules: the rule spans alone; tagger: the tagger's alone; union: rule spans plus tagger spans (mean marginal >=
    `add_threshold`, at most `max_added_words` words) over text the rules left uncovered; union_patient: union, and
    a rule PERSON span that the tagger calls PATIENT with mean probability >= `retype_threshold` becomes PATIENT;
    union_retype: union, and any rule span the tagger gives another type with such a probability takes that type.
    With `posterior_add` > 0 the union modes also add `posterior_spans` over text still uncovered. An added AGE span
    must hold a number (`spoken.holds_quantity`): "year-old" after a placeholder states no age; the other shape
    checks are `shaped_like`'s."""
    if mode not in MODES:
        raise ConfigError(f"deid.tagger.mode: {mode!r} is not one of {', '.join(MODES)}")
    if mode == "rules":
        return sorted(rules)
    spans, confidence = tagger.predict(text, rules)
    if mode == "tagger":
        return spans
    covered = bytearray(len(text))
    for r in rules:
        covered[r.start : r.end] = b"\x01" * (r.end - r.start)
    added = [
        s
        for s, p in zip(spans, confidence, strict=True)
        if p >= add_threshold
        and not any(covered[s.start : s.end])
        and len(_WORDS.findall(text, s.start, s.end)) <= max_added_words
    ]
    retyping = mode in ("union_retype", "union_patient") and bool(rules)
    tokens, marg = tagger.label_marginals(text, rules) if posterior_add > 0 or retyping else ([], [])
    if posterior_add > 0:
        for a in added:
            covered[a.start : a.end] = b"\x01" * (a.end - a.start)
        added += [
            s
            for s in _posterior_runs(text, tokens, marg, posterior_add, covered)
            if len(_WORDS.findall(text, s.start, s.end)) <= max_added_words
        ]
    added = [a for a in added if shaped_like(a.label, text[a.start : a.end])]
    kept = list(rules)
    if retyping:
        kept = []
        for r in rules:
            inside = [m for (s, e), m in zip(tokens, marg, strict=True) if r.start <= s and e <= r.end]
            label = r.label
            staff = r.label == "PERSON" and marked_as_staff(text, r)
            if inside and not staff and (mode == "union_retype" or r.label == "PERSON"):
                mean = {lab: float(np.mean([m.get(lab, 0.0) for m in inside])) for lab in LABELS}
                best = max(mean, key=mean.__getitem__) if mode == "union_retype" else "PATIENT"
                if best != r.label and mean[best] >= retype_threshold:
                    label = best
            kept.append(Entity(r.start, r.end, label))
    return sorted(kept + added)


_MAIL_MARK = re.compile(r"@|\b(?:at|arobase|dot|point)\b|\[at\]|\(at\)", re.IGNORECASE)
_URL_MARK = re.compile(r"[./]|\bwww\b|\bhttps?\b|\bdot\b|\bpoint\b", re.IGNORECASE)


def shaped_like(label: str, fragment: str) -> bool:
    """Whether a span the tagger adds can be `label` by its shape: an AGE or a PHONE holds a number (digits or
    words), an EMAIL an "@" (or a spelled one: "at", "arobase", "dot"), a URL a dot, slash or "www". The rules find
    well-shaped ones themselves; the tagger's own spans of these types without the shape were words beside them
    ("Contact", "ou", "D" of "M.D." next to an address)."""
    if label in ("AGE", "PHONE"):
        return holds_quantity(fragment)
    if label == "EMAIL":
        return bool(_MAIL_MARK.search(fragment))
    if label == "URL":
        return bool(_URL_MARK.search(fragment))
    return True


def posterior_spans(
    text: str, tagger: DeidTagger, rules: list[Entity], threshold: float, covered: bytearray | None = None
) -> list[Entity]:
    """Recall-first decoding: runs of tokens whose marginal probability of being part of some identifier is >=
    `threshold`, even where the single best tag sequence says "O"; a run stops at a token below it, at a line break
    or at a token already `covered` (by other spans: one byte per character), and takes the type with the largest
    summed probability over its tokens; punctuation tokens at a run's ends are left out, and a run of punctuation
    alone is dropped (round 19: ", EDD" was masked as a date; a "(" before a phone is no identifier of its own).

    Why: Viterbi masks a name only when the whole path prefers it, so a surname the tagger gives 45% stays in clear.
    The threshold trades precision for recall: 0.5 was kept by the pre-registered blind17 A/B, 0.25 by blind18's
    (metrics/deid_ab_blind18.json; before it, out of sample on blind16/17: typed recall +0.2 to +1.5 points for 1.4
    to 3.0 of precision, metrics/deid_posterior_threshold_time_machine.json). Earlier low thresholds (0.3, 0.15) were
    tried when a run touching covered text was dropped whole, and cost precision for little recall."""
    tokens, marg = tagger.label_marginals(text, rules)
    return _posterior_runs(text, tokens, marg, threshold, covered)


def _heaviest(marg: list[dict[str, float]], run: list[int]) -> str:
    """The label with the largest summed marginal over the run's tokens."""
    mass = {lab: sum(marg[i].get(lab, 0.0) for i in run) for lab in LABELS}
    return max(mass, key=mass.__getitem__)


def _posterior_runs(
    text: str,
    tokens: list[tuple[int, int]],
    marg: list[dict[str, float]],
    threshold: float,
    covered: bytearray | None = None,
) -> list[Entity]:
    """`posterior_spans` from precomputed `DeidTagger.label_marginals` (combine computes them once for both uses)."""
    spans: list[Entity] = []
    run: list[int] = []

    def worded(i: int) -> bool:
        return any(c.isalnum() for c in text[tokens[i][0] : tokens[i][1]])

    def close() -> None:
        # Punctuation is no identifier: trimmed from a run's ends (", EDD"), and a run of punctuation alone is
        # dropped, also beside another span (a "," between two place spans, a "(" before a phone number).
        label = _heaviest(marg, run) if run else ""  # typed by the whole run, punctuation included
        while run and not worded(run[0]):
            run.pop(0)
        while run and not worded(run[-1]):
            run.pop()
        if run:
            spans.append(Entity(tokens[run[0]][0], tokens[run[-1]][1], label))
            run.clear()

    for i, per in enumerate(marg):
        start, end = tokens[i]
        if sum(per.values()) < threshold or (covered is not None and any(covered[start:end])):
            close()
            continue
        if run and "\n" in text[tokens[run[-1]][1] : tokens[i][0]]:
            close()
        run.append(i)
    close()
    return spans


def marked_as_staff(text: str, span: Entity) -> bool:
    """ "Dr Ford", "Ford, M.D.", "A. Kim MBBS": the text itself says this person is a clinician, not the patient."""
    return bool(
        _STAFF_TITLE_BEFORE.search(text, max(0, span.start - 16), span.start) or _DEGREE_AFTER.match(text, span.end)
    )


def run_train_tagger(params: dict[str, Any]) -> dict[str, Any]:
    """DVC stage train_deid_tagger: train the CRF on `training_documents` (every non-blind family) and the role model
    (person_roles.py) on the same documents' name spans; write deid.tagger.model_path and deid.roles.model_path
    atomically; return the training summary (no text, counts and seconds only)."""
    from xraymatch.reports.deid.person_roles import RolesConfig, train_roles

    config = TaggerConfig.from_params(params)
    docs = training_documents(config)
    summary = train_tagger(docs, config, config.model_path)
    summary["model_path"] = config.model_path
    roles = RolesConfig.from_params(params)
    summary["roles"] = {**train_roles(docs, roles, roles.model_path), "model_path": roles.model_path}
    return summary
