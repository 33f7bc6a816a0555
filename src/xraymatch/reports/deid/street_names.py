"""Street names that read as a person's name ("Adrian Inlet", "Grace Isle", "Jonathan Motorway") told apart by the
address around them (round 15, blind14's false alarms as a class).

A street named after a first name or surname is taken for a PERSON by the name layers. When one to three capitalised
words end with a street-type word (faker's English street suffixes: "Knoll", "Forges", "Plains", "Wall", "Cape"...)
and a town with a UK postcode follows (", Winterhaven B37 7BF"), the words are a street: LOCATION, replacing the
overlapping name spans. Without the town and postcode after it ("Jack Hill, radiographer"), a name stays a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_CAP = r"[A-Z][\w'’-]*"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}"


@lru_cache(maxsize=1)
def _street_pattern() -> re.Pattern[str]:
    """Capitalised words ending with a street suffix, followed by a town and a UK postcode."""
    from faker.providers.address.en_GB import Provider as GB  # heavy import, once
    from faker.providers.address.en_US import Provider as US

    suffixes = sorted(set(GB.street_suffixes) | set(US.street_suffixes), key=len, reverse=True)
    return re.compile(
        rf"(?:(?<=^)|(?<=\n)|(?<=,[ \t])|(?<=\d[ \t]))(?P<street>{_CAP}(?:[ \t]{_CAP}){{0,2}}[ \t]"
        rf"(?:{'|'.join(map(re.escape, suffixes))}))(?=,[ \t]+{_CAP}(?:[ \t]{_CAP}){{0,2}}[ \t]+{_UK_POSTCODE}\b)",
        re.MULTILINE,
    )


def mark_street_names(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with person-looking street names before a town and postcode as LOCATION; sorted by start."""
    if not re.search(_UK_POSTCODE, text):
        return entities
    kept = list(entities)
    for m in _street_pattern().finditer(text):
        kept = place(text, kept, Entity(m.start("street"), m.end("street"), "LOCATION"))
    return sorted(kept, key=lambda e: (e.start, e.end))
