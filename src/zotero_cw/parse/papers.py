"""The presidents' Public Papers cited by president and year, as FRUS and U.S. diplomatic history cite them:
"Public Papers of the Presidents of the United States: John F. Kennedy, 1961, p. 736", "Public Papers:
Eisenhower, 1957, pp. 12–14", "Public Papers of the Presidents: Lyndon B. Johnson, 1965, Book II, p. 794". The
volume is a book whose title is the series, president and year as written; a book number is its volume and
the pages are the place cited."""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.parse.frus import Printed
from zotero_cw.text import clean_range

_PAPERS = re.compile(
    r"(?<![\w*])\*?(?P<title>Public\s+Papers(?:\s+of\s+the\s+Presidents?(?:\s+of\s+the\s+United\s+States)?)?:\s*"
    r"(?P<president>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}),\s*(?P<years>(?:1[89]|20)\d\d(?:\s*[–-]\s*\d{2,4})?))\*?"
    r"(?:,\s*(?:[Bb]ook|[Vv]ol\.)\s*(?P<book>[IVX]+|\d+))?"
    r"(?:,\s*(?:pp?\.\s*)?(?P<pages>\d+(?:\s*[–-]\s*\d+)?(?:,\s*\d+(?:\s*[–-]\s*\d+)?)*)(?![\w/]))?")


def find_public_papers(s: str) -> list[Printed]:
    """Each volume of the Public Papers sentence `s` cites."""
    if "Public Papers" not in s:
        return []
    out = []
    for m in _PAPERS.finditer(s):
        item: dict[str, Any] = {"type": "book", "title": clean_range(" ".join(m.group("title").split()))}
        if m.group("book"):
            item["volume"] = m.group("book")
        out.append(Printed(m.start(), m.end(), item, clean_range(m.group("pages")) if m.group("pages") else None))
    return out
