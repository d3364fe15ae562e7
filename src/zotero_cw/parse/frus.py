"""Volumes of Foreign Relations of the United States cited by series, years and volume, with or without
italics: "Foreign Relations, 1961-1963, vol. XIV, pp. 705-708" (or "…, 705–708"), "FRUS, 1955–1957, vol. XXIII,
Part 1, p. 3",
"Foreign Relations, 1969–1976, vol. I, Foundations of Foreign Policy, 1969–1972, Document 3", "Foreign
Relations of the United States: The Conferences at Washington and Quebec, 1943, pp. 1334–1335". The volume is
a book (its title the series and years as written, its number and part, its own title as volume-title) and the
pages the place cited; a document named by number is that document of the volume."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zotero_cw.text import clean_range

_FRUS = re.compile(
    r"(?<![\w])\*?(?P<series>Foreign\s+Relations(?:\s+of\s+the\s+United\s+States)?|FRUS)"
    r"(?:(?:(?::|,)\s*(?P<colon>[A-Z][^,;()*]{2,120}?))?,?\s+(?P<years>1[89]\d\d(?:\s*[–-]\s*\d{2,4})?))\*?"
    r"(?:,\s*(?P<vol>[Vv]ol(?:ume)?s?\.?\s*(?:[IVXLC\d]+|[ivxlc]+)(?:\s*(?:and|&)\s*(?:[IVXLC\d]+|[ivxlc]+))?))?"
    # the older volumes number in lower case and have supplements: "vol. vi", "supp. 1"
    r"(?:,\s*(?P<part>(?:[Pp]art|[Pp]t\.)\s*\d+|[Ss]upp(?:lement|\.)(?:\s*\d+)?))?"
    r"(?:(?:,|:)\s*\*?(?P<sub>[A-Za-z][^,;:()\d*]{2,80}?(?:,\s*\d{4}(?:\s*[–-]\s*\d{2,4})?)?)\*?"
    r"(?=,\s*(?:pp?\.|Documents?\s|[Dd]oc\.)|\s*\(|\s*[.;]|$))?"
    r"(?:\s*\((?P<place>[A-Z][^():]{1,40}):\s*(?P<publisher>[^():]{2,80}?),\s*(?P<year>\d{4})\))?"
    # pages with "p."/"pp." or bare, as Chicago prints them ("vol. VI, 696–709"; not a year: "1961, 1962")
    r"(?:,\s*(?:(?:pp?\.\s*|(?!(?:1[5-9]|20)\d\d\b(?!\s*[–-]))(?=\d+(?:\s*[–-]\s*\d+)?\s*(?:[.;,)]|$)))"
    r"(?P<pages>\d+(?:\s*[–-]\s*\d+)?(?:,\s*\d+(?:\s*[–-]\s*\d+)?)*)(?:\s*ff\.)?"
    r"|(?:Documents?|[Dd]oc\.)\s*(?P<doc>\d+)))?"
    r"(?:\s*\(?(?P<url>https?://[^\s()]+[^\s().,;])\)?)?")
_NUMBER = re.compile(r"(?:[IVXLC\d]+|[ivxlc]+)(?:\s*(?:and|&)\s*(?:[IVXLC\d]+|[ivxlc]+))?$")


@dataclass
class Printed:
    """A published volume a sentence cites: where, its CSL item, and the pages cited."""

    start: int
    end: int
    item: dict[str, Any]
    locator: str | None


@dataclass
class Volume(Printed):
    series: str  # "Foreign Relations of the United States", "FRUS": as written
    years: str | None


def find_frus(s: str) -> list[Volume]:
    """Each FRUS volume sentence `s` cites with its volume, pages or document."""
    if "Foreign Relations" not in s and "FRUS" not in s:
        return []
    out = []
    for m in _FRUS.finditer(s):
        if not (m.group("vol") or m.group("pages") or m.group("doc")) or not (m.group("years") or m.group("colon")):
            continue  # "the Foreign Relations series": not a volume
        title = clean_range(" ".join(s[m.start("series"): m.end("years")].split()))  # as written
        item: dict[str, Any] = {"type": "book", "title": title}
        for key, group in (("publisher-place", "place"), ("publisher", "publisher"), ("URL", "url")):
            if m.group(group):
                item[key] = " ".join(m.group(group).split())
        if m.group("year"):
            item["issued"] = {"date-parts": [[int(m.group("year"))]]}
        if m.group("vol"):
            item["volume"] = _NUMBER.search(m.group("vol")).group()  # type: ignore[union-attr]
        if m.group("part"):
            digits = re.sub(r"\D", "", m.group("part"))  # "Part 2" → "2"; "supp." → "Supplement", "Supplement 1"
            item["part"] = digits if m.group("part")[0] in "Pp" else f"Supplement {digits}".strip()
        if m.group("sub"):
            sub = " ".join(m.group("sub").split())
            item["volume-title"] = sub[:1].upper() + sub[1:]
        end = m.end()
        locator = clean_range(m.group("pages")) if m.group("pages") else None
        if m.group("doc"):  # "Document 3": that document of the volume
            rest = {k: v for k, v in item.items() if k not in ("type", "title")}
            item = {"type": "chapter", "container-title": item["title"], "number": m.group("doc"), **rest}
        out.append(Volume(m.start(), end, item, locator, " ".join(m.group("series").split()),
                          clean_range(m.group("years")) if m.group("years") else None))
    return out
