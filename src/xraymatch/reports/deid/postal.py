"""Postal boxes and rural routes, with the town written after them on the same line: one LOCATION span.

"RR 4, Site 1, Box 21, Port Garrytown", "Rural Route 2", "Private Bag 677, New Francisburgh", "PO Box 44, Alice
Springs NT 0870", "BP 590, 78338 Lacroix", "CS 47937, 97180 Camus", "lieu-dit le Moulin, 12340 Bozouls", and
named farms and cottages of rural addresses ("Jenkins Farm, Clarkeville BH7 6PU"). The town
(capitalised words, an optional postcode before or after) stops at a punctuation mark other than a hyphen, a column
gap or the line end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

_UP = "A-ZÀ-ÖØ-Þ"
_TOWN_WORD = rf"(?:[{_UP}][\w'’]*(?:-[\w'’]+)*|sur|lès|les|la|le|de|du|en)"
_TOWN = (
    rf"(?:\d{{4,5}}[ \t]+)?[{_UP}][\w'’]*(?:-[\w'’]+)*(?:[ \t]{_TOWN_WORD}){{0,3}}"
    r"(?:[ \t]+[A-Z]{2,3})?(?:[ \t]+\d{4,5})?"
)
_BOX = re.compile(
    r"(?<![\w-])(?:(?:RR|R\.R\.|Rural Route)[ \t]*\d{1,4}(?:,[ \t]*Site[ \t]*\d{1,4})?(?:,[ \t]*(?:Box|Comp\.?)[ \t]*"
    r"\d{1,5})?|Private Bag[ \t]*\d{1,6}|(?:P\.?[ \t]?O\.?|Post Office)[ \t]*Box[ \t]*\d{1,6}|GPO Box[ \t]*\d{1,6}|"
    r"(?:BP|B\.P\.|CS|TSA)[ \t]*\d{2,6}|(?i:lieu-dit|lieudit)[ \t]+(?:(?:le|la|les|l['’])[ \t]*)?[\w'’-]+"
    r"(?:[ \t][A-Z][\w'’-]*){0,2}|"
    rf"[{_UP}][\w'’-]+[ \t](?:Farm|Cottage|Croft|Barn|Farmhouse|Steading)(?![\w'’-])(?![ \t]+[A-Z]))"
    rf"(?:,?[ \t]+(?P<town>{_TOWN}))?"
)

_UK_OUTWARD = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?$")
_UK_INWARD = re.compile(r"[ \t]?\d[A-Z]{2}(?![\w])")


def find_postal_boxes(text: str) -> Iterator[Candidate]:
    """LOCATION candidates for post-office boxes, private bags, rural routes and lieux-dits with their town."""
    for m in _BOX.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in " \t-":
            end -= 1
        inward = _UK_INWARD.match(text, end)
        if inward and _UK_OUTWARD.search(text, m.start(), end):
            end = inward.end()  # "Clarkeville BH7 6PU": the inward half of the postcode
        yield Candidate(m.start(), end, "LOCATION", 45)
