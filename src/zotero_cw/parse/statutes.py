"""Laws and treaties cited by the volume and page of the series that prints them: "10 UST 1934", "UNTS 226:5",
"TIAS 4509", "74 Stat. 462", "22 USC 4351", "E.O. 11010, 27 Fed. Reg. 2621", "Public Law 86-629, approved July
12, 1960 (74 Stat. 462)"; and the agreement a note names before it ("the 1959 agreement, see 10 UST 1934")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zotero_cw.parse.dates import DATE, parse_date
from zotero_cw.parse.locators import clean_range
from zotero_cw.parse.text import SIGNAL

TEXT_OF = r"(?:the\s+)?(?:full\s+)?texts?"  # "for text", "for the full text of": where a document is printed
_TREATY_SERIES = re.compile(r"U\.?\s?S\.?\s?T|U\.?\s?N\.?\s?T\.?\s?S|T\.?\s?I\.?\s?A\.?\s?S")
_CODE = re.compile(r"U\.?\s?S\.?\s?C")  # the U.S. Code: cited by section
_ORDER = re.compile(r"E\.\s?O|Executive")  # an executive order
_STATUTE = re.compile(
    r"(?:(?P<number>(?:E\.\s?O\.|Executive\s+Order|Public\s+Law|Pub\.\s?L\.|P\.\s?L\.)\s+\d[\d-]*)"
    rf"(?:,\s+(?:approved|enacted|signed)\s+(?P<enacted>{DATE}))?\s*(?P<open>\()?\s*)?"
    r"(?<![\w.,/])(?:(?P<volume>\d{1,3})\s+(?P<code>U\.?\s?S\.?\s?T\.?|U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?|Stat\.|Fed\.\s?Reg\."
    r"|U\.?\s?N\.?\s?T\.?\s?S\.?)\s+(?:§+\s*)?(?P<page>\d+(?:\s*[–-]\s*\d+)?)"
    r"|(?P<series>T\.?\s?I\.?\s?A\.?\s?S\.?)\s+(?:[Nn]o\.\s*)?(?P<tias>\d+)"
    r"|(?P<code2>U\.?\s?N\.?\s?T\.?\s?S\.?|U\.?\s?S\.?\s?T\.?)\s+(?P<volume2>\d{1,4}):(?P<page2>\d+(?:\s*[–-]\s*\d+)?))"
    r"(?P<seq>,?\s+(?:et\s+seq\.|ff\.))?(?(open)\))(?![\w/])")
_STATUTE_QUICK = re.compile(r"\d\s+(?:U\.?\s?[SN]|Stat\.|Fed\.)|T\.?\s?I\.?\s?A\.?\s?S"
                            r"|U\.?\s?[NS]\.?\s?T\.?\s?S?\.?\s+\d+:")  # what every match has
# "the 1959 agreement, see 10 UST 1934": what the volume prints, named before it
_STATUTE_LEAD = re.compile(r"(?:^|(?<=[;(]))\s*(?:and\s+)?(?:(?P<desc>[^;,()]{3,100}?),\s*(?:see|in)"
                           rf"|(?P<treaty>[A-Z][^;()]{{3,200}}?)[;,]\s*for\s+{TEXT_OF},\s*see)\s+$")
# "The Treaty of Friendship …, signed at Moscow on February 14, 1950; for text, see UNTS 226:5": its date
_SIGNED = re.compile(rf",?\s+(?:signed|concluded|done)\s+(?:at\s+[A-Z][\w.’' -]*?\s+)?(?:on\s+)?(?P<date>{DATE})$")
_ONLY_TEXT = re.compile(rf"\s*(?:[Ff]or\s+)?{TEXT_OF}\s*")
_STATUTE_LEAD_WORDS = re.compile(r"^(?:(?:[Oo]n|[Ff]or|[Ss]ee)\s+(?:(?:the\s+)?texts?\s+of\s+)?"
                                 r"|(?:[Tt]he\s+)?[Tt]exts?\s+of\s+)")


def _statute(m: re.Match[str]) -> tuple[dict[str, Any], str | None, str | None]:
    """(item, pinpoint, its label) of a `_STATUTE` match: a code's section is the pinpoint ("22 USC 4351"); the
    page a volume prints a treaty or an order at is the item's page."""
    code = " ".join((m.group("code") or m.group("series") or m.group("code2")).split())  # "UNTS 226:5" too
    item: dict[str, Any] = {"type": "treaty" if _TREATY_SERIES.match(code) else "legislation",
                            "container-title": code}
    number = " ".join((m.group("number") or "").split())
    if _ORDER.match(number):
        item["title"] = number  # an executive order is named by its number ("E.O. 11010, 27 Fed. Reg. 2621")
    elif number:
        item["number"] = number.split()[-1]  # a public law's number ("Pub. L. No." is the style's words)
    enacted = parse_date(m.group("enacted")) if m.group("enacted") else None
    if enacted:
        item["issued"] = enacted  # "P.L. 86-629, approved July 12, 1960 (74 Stat. 462)"
    if m.group("tias"):
        item["number"] = m.group("tias")
        return item, None, None
    item["volume"] = m.group("volume") or m.group("volume2")
    page = clean_range(m.group("page") or m.group("page2"))
    if _CODE.match(code):
        return item, page, "section"
    item["page"] = page
    return item, None, None


@dataclass
class Statute:
    start: int
    end: int
    item: dict[str, Any]
    locator: str | None
    label: str | None


def find_statutes(s: str) -> Iterator[Statute]:
    for m in _STATUTE.finditer(s) if _STATUTE_QUICK.search(s) else ():
        item, loc, label = _statute(m)
        yield Statute(m.start(), m.end(), item, loc, label)


def statute_named(lead: str) -> tuple[int, dict[str, Any]] | None:
    """(where its name starts in `lead`, its title and date) of the agreement named in the text before a
    statute's citation: "The Treaty of Friendship …, signed at Moscow on February 14, 1950; for text, see"
    (not "For text, see": no title)."""
    named = _STATUTE_LEAD.search(lead)
    if not named or SIGNAL.match(named["desc"] or named["treaty"]) or _ONLY_TEXT.fullmatch(named["desc"] or ""):
        return None
    group = "desc" if named["desc"] else "treaty"
    written = named.group(group).strip()
    desc = _STATUTE_LEAD_WORDS.sub("", written)  # "On the 1958 agreement" → "the 1958 agreement"
    start = named.start(group) + named.group(group).index(written) + len(written) - len(desc)
    fields: dict[str, Any] = {}
    signed = _SIGNED.search(desc)
    if signed and (issued := parse_date(signed.group("date"))):
        fields["issued"] = issued
        desc = desc[: signed.start()]
    fields["title"] = desc
    return start, fields
