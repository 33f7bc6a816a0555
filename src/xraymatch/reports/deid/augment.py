"""Damaged copies of labelled training documents, so that the learned tagger does not lean on clean typography.

Why: the generated training documents are typeset cleanly (names in Title or UPPER case, accents kept), so the CRF
learns that case is most of what makes a name. Real text reaches the detector dictated in lower case, exported from
upper-case-only systems, or with its accents stripped by an old interface; there a tagger that trusts case alone
misses names. Each damage here is length-preserving (one character for one character), so every entity offset stays
valid and the labels are unchanged:

- `lower`: the whole document in lower case (speech recognition, chat exports);
- `upper`: the whole document in upper case (legacy RIS/HL7 systems, telex-era forms);
- `strip_accents`: accents removed ("Hélène Lefèvre" -> "Helene Lefevre"; ASCII-only interfaces);
- `title_words`: every word capitalised (headings, letterhead blocks), so capitalisation stops meaning "name".

Characters whose case mapping changes the length ("ß" -> "SS", "İ" -> "i̇") are left as they are.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from xraymatch.errors import ConfigError


def _per_char(text: str, mapping: Callable[[str], str]) -> str:
    """Apply `mapping` to each character, keeping those it would turn into more or fewer characters."""
    out = []
    for ch in text:
        mapped = mapping(ch)
        out.append(mapped if len(mapped) == 1 else ch)
    return "".join(out)


def _strip_accent(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


_WORD = re.compile(r"[^\W\d_]+")


def title_words(text: str) -> str:
    """Every word capitalised, the rest of it lower case (length-preserving)."""
    return _WORD.sub(lambda m: _per_char(m.group(0)[0], str.upper) + _per_char(m.group(0)[1:], str.lower), text)


DAMAGES: dict[str, Callable[[str], str]] = {
    "lower": lambda text: _per_char(text, str.lower),
    "upper": lambda text: _per_char(text, str.upper),
    "strip_accents": lambda text: _per_char(text, _strip_accent),
    "title_words": title_words,
}


def check_damages(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The damage names, validated against DAMAGES (a ConfigError names the field and the valid values)."""
    unknown = [n for n in names if n not in DAMAGES]
    if unknown:
        raise ConfigError(f"deid.tagger.augment: unknown damage {unknown[0]!r}; expected some of {', '.join(DAMAGES)}")
    return tuple(names)


def _draw(doc_id: str, seed: int, share: float, names: tuple[str, ...]) -> str | None:
    """The damage a document gets (None: no copy), decided by a hash of its id and the seed: reproducible, and
    independent of the order of the documents."""
    digest = hashlib.sha256(f"{seed}:{doc_id}".encode()).digest()
    if int.from_bytes(digest[:4], "big") / 2**32 >= share:
        return None
    return names[int.from_bytes(digest[4:8], "big") % len(names)]


def damaged_copies(
    docs: list[dict[str, Any]], damages: tuple[str, ...], share: float, seed: int
) -> list[dict[str, Any]]:
    """One damaged copy for about `share` of `docs` (each with one damage of `damages`); entities are unchanged
    because every damage keeps the length of the text. Copies that come out identical to their source are dropped."""
    out = []
    for k, doc in enumerate(docs):
        name = _draw(str(doc.get("id", k)), seed, share, damages) if damages else None
        if name is None:
            continue
        text = DAMAGES[name](doc["text"])
        if text == doc["text"]:
            continue
        if len(text) != len(doc["text"]):  # a damage must never move an offset
            raise AssertionError(f"damage {name!r} changed the length of document {doc.get('id', k)!r}")
        out.append({**doc, "id": f"{doc.get('id', k)}~{name}", "text": text})
    return out
