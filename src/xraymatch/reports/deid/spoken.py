"""Identifiers written the way they are said: dictation transcripts and letters spell out what forms print as digits.

- dates in words, French and English ("trois mars deux mille vingt-quatre", "le premier mai", "mars deux mille vingt",
  "March third, twenty twenty-four", "the fourth of July nineteen sixty-two", "the 2nd of May");
- ages in words or with an infant's unit after an age cue ("soixante-dix-huit ans", "seventy-two years old",
  "nourrisson de 3 semaines", "aged 7 weeks", "9 days old");
- phone numbers dictated in words, digit by digit or in pairs ("zéro deux quatre-vingt-dix-huit quarante-trois douze
  douze", "oh one six one four nine six ...");
- obfuscated e-mail addresses ("x [at] y [dot] org", "x (at) y.fr", "j point martin arobase chu-x point fr");
- surnames spelled letter by letter ("je répète M A R T I N", "I spell O-B-R-I-E-N"), typed like the name they spell.

Durations ("il y a trois semaines", "for two years", "three weeks ago") are not ages and stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import DURATION_BEFORE, MONTHS_EN, MONTHS_FR, Candidate

# ------------------------------------------------------------------------------------------------ number words

_FR_UNIT = r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf"
_FR_TEEN = r"dix-sept|dix-huit|dix-neuf|dix|onze|douze|treize|quatorze|quinze|seize"
_FR_TENS = r"vingt|trente|quarante|cinquante|soixante"
FR_1_99 = (
    rf"(?:soixante(?:[- ]et[- ]onze|-(?:{_FR_TEEN}))|quatre-vingt-(?:{_FR_TEEN}|{_FR_UNIT})|quatre-vingts?|"
    rf"(?:{_FR_TENS})(?:[- ]et[- ](?:un|une)|-(?:{_FR_UNIT}))?|{_FR_TEEN}|{_FR_UNIT})(?![\w-])"
)
_FR_DAY = rf"(?:premier|1er|{FR_1_99})"
_FR_YEAR = rf"(?:deux[- ]mille(?:[- ](?:{FR_1_99}))?|(?:mille|dix-neuf)[- ]neuf[- ]cents?(?:[- ](?:{FR_1_99}))?)"
_EN_UNIT = r"one|two|three|four|five|six|seven|eight|nine"
_EN_TEEN = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_EN_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
EN_1_99 = rf"(?:(?:{_EN_TENS})(?:[- ](?:{_EN_UNIT}))?|{_EN_TEEN}|{_EN_UNIT})(?![\w-])"
_EN_ORD_UNIT = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_EN_ORD = (
    rf"(?:(?:twenty|thirty)[- ](?:{_EN_ORD_UNIT})|twentieth|thirtieth|tenth|eleventh|twelfth|"
    rf"(?:thir|four|fif|six|seven|eigh|nine)teenth|{_EN_ORD_UNIT}|(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?![\w-])"
)
_EN_YEAR = (
    rf"(?:(?:nineteen|twenty|eighteen)[- ](?:hundred|oh[- ](?:{_EN_UNIT})|{EN_1_99})|"
    rf"two[- ]thousand(?:[- ](?:and[- ])?{EN_1_99})?|(?:19|20)\d{{2}}(?!\d))"
)
_MONTH_EN_CAP = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)

_SPOKEN_DATES = (
    # trois mars deux mille vingt-quatre, le premier mai, 3 mars deux mille vingt, vingt et un janvier 2024
    re.compile(
        rf"(?<![\w-])(?:{_FR_DAY}|\d{{1,2}})[ \t]+(?:{MONTHS_FR})(?:[ \t]+(?:{_FR_YEAR}|(?:19|20)\d{{2}}))?(?![\w-])",
        re.IGNORECASE,
    ),
    # mars deux mille vingt et un (a month and a year in words)
    re.compile(rf"(?<![\w-])(?:{MONTHS_FR})[ \t]+{_FR_YEAR}(?![\w-])", re.IGNORECASE),
    # March third, twenty twenty-four ; March 3rd, twenty twenty-four ; March third (capitalised month)
    re.compile(rf"(?<![\w-]){_MONTH_EN_CAP}[ \t]+(?i:{_EN_ORD})(?:,?[ \t]+(?i:{_EN_YEAR}))?"),
    # the fourth of July nineteen sixty-two ; the 2nd of May ; 21st of March, 2024
    re.compile(
        rf"(?<![\w-])(?:{_EN_ORD})[ \t]+of[ \t]+(?:{MONTHS_EN})(?:,?[ \t]+(?:{_EN_YEAR}))?(?![\w-])", re.IGNORECASE
    ),
    # March twenty twenty-one (a month and a year in words)
    re.compile(rf"(?<![\w-]){_MONTH_EN_CAP}[ \t]+(?i:(?:nineteen|twenty)[- ]{EN_1_99}|two thousand[- \w]*?)(?![\w-])"),
)
# English words that are also month names: a lower-case "may"/"march" is a verb.
_LOWER_MONTH_WORD = re.compile(r"^(?:may|march|mar)\b")

# Ages: a number (digits or words) and a unit after an age cue; infants' units too.
_AGE_NUMBER = rf"(?:\d{{1,3}}|{FR_1_99}|{EN_1_99}|cent|one hundred)"
_AGE_UNIT = (
    r"(?:ans?|mois|semaines?|sem\.?|jours?|years?|yrs?|months?|mos?|weeks?|wks?|days?)(?![\w-])"
    r"(?:[ \t-]old\b)?"
)
# After "âge :" / "aged", short banner units too ("AGE: 3m", "ÂGE : 65a", "Age: 7w").
_AGE_UNIT_SHORT = rf"(?:{_AGE_UNIT}|[mwayjd](?![\w-]))"
_AGE_CUE = re.compile(
    rf"(?i)(?:\b[âa]g[ée]+(?:\(e\)|e)?[ \t]+de|\bnourrisson[ \t]+de|\bb[ée]b[ée][ \t]+de|\benfant[ \t]+de|"
    rf"\bgar[çc]on[ \t]+de|\bfillette[ \t]+de|\bpatiente?[ \t]+de|\bpatient\(e\)[ \t]+de|\baged|\bage[ \t]*[:=]|"
    rf"\bâge[ \t]*[:=])[ \t]*(?P<age>{_AGE_NUMBER}[ \t]?{_AGE_UNIT_SHORT})"
)
_AGE_WORDS = re.compile(
    rf"(?i)(?<![\w-])(?P<age>(?:{FR_1_99}|{EN_1_99}|cent)[ \t]+ans|(?:{EN_1_99})[ \t-]years?[ \t-]old|"
    rf"(?:{EN_1_99})-year-old)(?![\w-])"
)
_AGE_OLD = re.compile(r"(?i)(?<![\w.,])(?P<age>\d{1,3}[ \t-](?:days?|weeks?|wks?|months?|mos?)[ \t-]old)\b")
_AFTER_DURATION = re.compile(r"(?i)^[ \t]*(?:ago|auparavant|plus tôt|plus tard|later|earlier)\b")

# Phones dictated in words.
_DIGIT_WORDS = {
    **dict.fromkeys(("zéro", "zero", "oh"), 0),
    **{w: i for i, w in enumerate(["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"], 1)},
    **{w: i for i, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], 1)},
    "une": 1,
    **{w: i for i, w in enumerate(["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"], 10)},
    **{w: i for i, w in enumerate(["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"], 10)},
    **{w: i for i, w in enumerate(["seventeen", "eighteen", "nineteen"], 17)},
    **{w: 10 * i for i, w in enumerate(["vingt", "trente", "quarante", "cinquante", "soixante"], 2)},
    **{
        w: 10 * i
        for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)
    },
    "vingts": 20,
}
_QUANTITY_WORDS = frozenset(_DIGIT_WORDS) | {"cent", "cents", "hundred", "mille", "thousand"}


def holds_quantity(fragment: str) -> bool:
    """Whether `fragment` holds a number, in digits or in words: an age span without one ("year-old" beside a
    publisher's "XXXX") states no age."""
    return any(c.isdigit() for c in fragment) or any(
        w in _QUANTITY_WORDS for w in re.findall(r"[^\W\d_]+", fragment.lower())
    )


_NUMBER_WORD = (
    r"(?:z[ée]ro|zero|oh|double|triple|et|and|"
    + "|".join(sorted((w for w in _DIGIT_WORDS if w not in ("zéro", "zero", "oh")), key=len, reverse=True))
    + r")"
)
# Groups may be set apart by commas, as a transcript writes the pauses ("zéro six, quarante-deux, dix-huit, ...").
_SPOKEN_RUN = re.compile(rf"(?i)(?<![\w-]){_NUMBER_WORD}(?:(?:,?[ \t]+|-){_NUMBER_WORD}){{4,}}(?![\w-])")
_PHONE_CUE = re.compile(
    r"(?i)(?:appel\w*|joign\w*|t[ée]l[ée]phon\w*|t[ée]l\.?|phone|call|ring|num[ée]ro|number|poste|fax|contact|"
    r"au|on)\W{0,12}$"
)


def spoken_digits(words: str) -> str | None:
    """The digit string a dictated number says ("zéro deux quatre-vingt-dix-huit" -> "0298"), group by group; None
    when it holds a hundred or a thousand (a quantity, not a number read out)."""
    if "," in words:  # a comma is a pause between groups: "cinquante, quatre-vingt-huit" is 50 88, never 54 ...
        parts = [spoken_digits(part) for part in words.split(",")]
        return None if any(p is None for p in parts) else "".join(p for p in parts if p)
    tokens = [t for t in re.split(r"[ \t-]+", words.lower()) if t and t not in ("et", "and")]
    groups: list[int] = []
    repeat = 1
    previous = ""
    for token in tokens:
        if token in ("double", "triple"):
            repeat = 2 if token == "double" else 3
            continue
        value = _DIGIT_WORDS.get(token)
        if value is None:
            return None
        if groups and previous == "quatre" and token in ("vingt", "vingts"):
            groups[-1] = 80  # quatre-vingt(s)
        elif groups and groups[-1] in (60, 80) and 10 <= value <= 19 and previous not in ("et",):
            groups[-1] += value  # soixante-dix-sept, quatre-vingt-douze
        elif groups and groups[-1] % 10 == 0 and 20 <= groups[-1] <= 90 and 1 <= value <= 9 and repeat == 1:
            groups[-1] += value  # vingt-trois, forty-two
        else:
            groups.extend([value] * repeat)
            repeat = 1
        previous = token
    return "".join(str(g) for g in groups)


# Obfuscated e-mail addresses: a bracketed or spoken "at" / "dot".
_AT = r"(?:[ \t]?[\[(<{][ \t]?(?i:at|arobase|@)[ \t]?[\])>}][ \t]?|[ \t]+(?i:arobase|at-sign)[ \t]+)"
_DOT = r"(?:\.|[ \t]?[\[(<{][ \t]?(?i:dot|point|pt)[ \t]?[\])>}][ \t]?|[ \t]+(?i:dot|point)[ \t]+)"
_TLD = r"(?i:fr|com|org|net|edu|gov|uk|ie|be|ch|ca|au|nz|re|eu|de|lu|io|info|us|it|es|nl|pt|gp|mq|nc|pf|mc|nhs)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w+-]+(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}{_TLD}(?:{_DOT}{_TLD})?(?![\w-])"
)


def find_spoken_dates(text: str) -> Iterator[Candidate]:
    for pattern in _SPOKEN_DATES:
        for m in pattern.finditer(text):
            if _LOWER_MONTH_WORD.match(m.group(0)):
                continue
            yield Candidate(m.start(), m.end(), "DATE", 61)


def find_spoken_ages(text: str) -> Iterator[Candidate]:
    for pattern in (_AGE_CUE, _AGE_WORDS, _AGE_OLD):
        for m in pattern.finditer(text):
            start, end = m.start("age"), m.end("age")
            if pattern is not _AGE_CUE and (
                DURATION_BEFORE.search(text[max(0, start - 20) : start]) or _AFTER_DURATION.match(text[end:])
            ):
                continue  # "il y a trois ans", "for two years", "three years ago"
            yield Candidate(start, end, "AGE", 56)


def find_spoken_phones(text: str) -> Iterator[Candidate]:
    for m in _SPOKEN_RUN.finditer(text):
        value = m.group(0)
        start = m.start()
        lead = re.match(r"(?i)(?:et|and)[ \t]+", value)
        if lead:
            start += lead.end()
        digits = spoken_digits(text[start : m.end()])
        if digits is None or not 8 <= len(digits) <= 13:
            continue
        cue = _PHONE_CUE.search(text, max(0, start - 40), start)
        if cue or digits.startswith("0"):
            yield Candidate(start, m.end(), "PHONE", 71)


def find_obfuscated_emails(text: str) -> Iterator[Candidate]:
    for m in _OBFUSCATED_EMAIL.finditer(text):
        if "@" in m.group(0) and not re.search(r"[\[(<{]|\s", m.group(0)):
            continue  # a plain address: patterns.EMAIL has it
        yield Candidate(m.start(), m.end(), "EMAIL", 91)


def find_spoken(text: str) -> list[Candidate]:
    """Every spoken or obfuscated identifier in `text`."""
    out: list[Candidate] = []
    for finder in (find_spoken_dates, find_spoken_ages, find_spoken_phones, find_obfuscated_emails):
        out.extend(finder(text))
    return out


# -------------------------------------------------------------------------------------------- spelled-out names

_SPELLED = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ](?:(?P<sep>[ -])[A-ZÀ-ÖØ-Þ])(?:(?P=sep)[A-ZÀ-ÖØ-Þ]){1,}(?![\w-])")
_SPELL_CUE = re.compile(
    r"(?i)(?:je r[ée]p[èe]te|j['’][ée]pelle|[ée]pel[ée]e?|[ée]pellation|lettre par lettre|I spell|I'll spell|"
    r"spelled|spelt|spelling|letter by letter|that is|c['’]est-à-dire)\W{0,12}$"
)


def _letters(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isalpha())


def find_spelled_names(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """`candidates` plus each spelled-out name: the type of the detected name whose letters it spells (a whole name
    or a run of its words), else PATIENT after a spelling cue ("je répète", "I spell")."""
    if not _SPELLED.search(text):
        return candidates
    spelled_as: dict[str, str] = {}
    for c in candidates:
        if c.label in ("PATIENT", "PERSON"):
            words = re.findall(r"[^\W\d_][\w'’]*", text[c.start : c.end])
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    key = _letters("".join(words[i:j]))
                    if len(key) >= 3 and (key not in spelled_as or c.label == "PATIENT"):
                        spelled_as[key] = c.label
    out = list(candidates)
    for m in _SPELLED.finditer(text):
        letters = _letters(m.group(0))
        label = spelled_as.get(letters)
        cue = _SPELL_CUE.search(text, max(0, m.start() - 40), m.start())
        if label is None and cue:
            label = "PATIENT"
        if label is None:
            continue
        out.append(Candidate(m.start(), m.end(), label, 74))
        if cue:  # "patiente Kerbrat je répète K E R B R A T": the word before the cue is the name spelled
            before = _WORDS_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
            if before and _letters(before.group(1)) == letters:
                out.append(Candidate(before.start(1), before.end(1), label, 74))
    return out


_WORDS_BEFORE = re.compile(r"((?:[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ \t]+[a-z]{1,3})?[ \t]+)*?[A-ZÀ-ÖØ-Þ][\w'’-]*)[ \t,]*$")
