"""Dates in notes → CSL date objects ({"date-parts": [[y, m, d]]}, seasons, year ranges)."""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.text import SEASON, SEASONS

MONTHS = {
    m: i for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ], start=1) for m in names
}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
MONTH = _MONTH  # a month's name as notes write it, for patterns elsewhere
# Russian and Ukrainian months: the genitive after a day ("22 июня 1941 г.", "20 грудня 1989 р."), the
# nominative before a year alone ("июнь 1941 г.", "червень 1941 р.")
_CYR_MONTHS = [  # (names written out, abbreviations)
    (("января", "январь", "січня", "січень"), ("янв", "січ")),
    (("февраля", "февраль", "лютого", "лютий"), ("февр", "фев", "лют")),
    (("марта", "март", "березня", "березень"), ("мар", "бер")),
    (("апреля", "апрель", "квітня", "квітень"), ("апр", "квіт")),
    (("мая", "май", "травня", "травень"), ("трав",)),
    (("июня", "июнь", "червня", "червень"), ("июн", "черв")),
    (("июля", "июль", "липня", "липень"), ("июл", "лип")),
    (("августа", "август", "серпня", "серпень"), ("авг", "серп")),
    (("сентября", "сентябрь", "вересня", "вересень"), ("сент", "сен", "вер")),
    (("октября", "октябрь", "жовтня", "жовтень"), ("окт", "жовт")),
    (("ноября", "ноябрь", "листопада", "листопад"), ("нояб", "ноя", "лист")),
    (("декабря", "декабрь", "грудня", "грудень"), ("дек", "груд")),
]
MONTHS.update({name: i for i, (full, short) in enumerate(_CYR_MONTHS, start=1) for name in full + short})
_CYR_MONTH = "|".join(sorted((n for full, _ in _CYR_MONTHS for n in full), key=len, reverse=True))
_CYR_SHORT = "|".join(sorted((n for _, short in _CYR_MONTHS for n in short), key=len, reverse=True))
CYRILLIC_MONTH = _CYR_MONTH  # a Russian or Ukrainian month written out, for patterns elsewhere
_CYR_YEAR = r"\d{4}(?:\s*(?:г|р)(?:\.|(?![\w]))|\s*(?:года|году|року)(?!\w))?"  # "1941 г.", "1941 года", "1989 р."
CYRILLIC_DATE = (rf"(?:\d{{1,2}}\s+(?:(?:{_CYR_MONTH})|(?:{_CYR_SHORT})\.)\s+{_CYR_YEAR}"
                 rf"|(?:{_CYR_MONTH})\s+{_CYR_YEAR})")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+"
HOUR = r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.\s?m\.|noon|midnight)"  # a telegram's hour: "6 p. m.", "noon"
# "13 July 1962", "July 13, 1962", "Tuesday, 12 March 1957", "July 1995", "Spring 2013", "1998", "1955–1957"
DATE = (rf"(?:(?:{_WEEKDAY})?(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},\s+\d{{4}})"
        rf"|{_MONTH}\s+\d{{4}}|{SEASON}\s+\d{{4}}(?:\s*/\s*\d{{2,4}})?|{CYRILLIC_DATE}"
        rf"|\d{{4}}(?:\s*[–-]\s*\d{{2,4}})?)")
_DATE_RE = re.compile(rf"^{DATE}$")
# a day the note gives without its year ("August 1", "1 August"), or with two digits, as U.S. Army records write
# it ("26 Sep 44"): kept as written (a CSL literal), since the century or the year would be a guess
_SHORT_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
SHORT_MONTH = _SHORT_MONTH  # "Sep", "Oct.": as U.S. Army records abbreviate, for patterns elsewhere
DAY_AS_WRITTEN = (rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}|(?:\d{{1,2}}\s+)?{_SHORT_MONTH}\s+\d{{2}})"
                  r"(?![\w-])")
_AS_WRITTEN_RE = re.compile(rf"^{DAY_AS_WRITTEN}$")
_DATE_WORD = re.compile(r"[^\W\d_]+|\d+")
_YEAR_RANGE = re.compile(r"(\d{4})\s*[–-]\s*(\d{2,4})")
_WINTER_SPAN = re.compile(r"(\d{4})\s*/\s*(\d{2,4})$")  # "Winter 1996/1997": a season across two years


def parse_date(text: str) -> dict[str, Any] | None:
    """A CSL date object for one date as written in a note, or None if it is not a date."""
    text = text.strip().rstrip(",.")
    if not _DATE_RE.match(text):
        return None
    words = _DATE_WORD.findall(text)
    year = int(next(w for w in reversed(words) if w.isdigit() and len(w) == 4))
    month = day = None
    season = None
    for w in words:
        lw = w.lower()
        if lw in MONTHS:
            month = MONTHS[lw]
        elif lw in SEASONS:
            season = SEASONS[lw]
        elif w.isdigit() and len(w) <= 2:
            day = int(w)
    span = _WINTER_SPAN.search(text) if season else None
    if span:
        start, end = span.groups()
        return {"date-parts": [[int(start)], [int(start[: 4 - len(end)] + end)]], "season": season}
    range_m = _YEAR_RANGE.fullmatch(text)
    if range_m:
        start, end = range_m.groups()
        end_year = int(start[: 4 - len(end)] + end)
        return {"date-parts": [[int(start)], [end_year]]}
    parts = [year] + ([month] if month else []) + ([day] if month and day else [])
    out: dict[str, Any] = {"date-parts": [parts]}
    if season:
        out["season"] = season
    return out


def literal_date(text: str) -> dict[str, Any] | None:
    """{"literal": "August 1"} for a day written without a four-digit year; None for anything else."""
    text = " ".join(text.strip().rstrip(",.").split())
    return {"literal": text} if _AS_WRITTEN_RE.match(text) else None


def year_of(date: dict[str, Any] | None) -> int | None:
    """The (first) year of a CSL date object."""
    try:
        return int(date["date-parts"][0][0]) if date else None
    except (KeyError, IndexError, TypeError, ValueError):
        return None
