"""Newspapers a note names: "Molotov's speech, published in Pravda on February 20", "an article by Henry
Beecher which appeared in The Wall Street Journal on February 10", "Daily Levant Herald, September 20 and 24,
1875". The paper is a title of the lexicon's `newspapers` list (users add theirs with --lexicon) or a name of
capitalised words ending in a newspaper's word (Times, Herald, Tribune …); the day it printed is the issue.
A day without its year is kept as written (a CSL literal date): no year is guessed."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from zotero_cw.parse.dates import MONTH, MONTHS, literal_date, parse_date
from zotero_cw.parse.lexicon import Lexicon, default_lexicon
from zotero_cw.parse.locators import clean_range
from zotero_cw.parse.names import parse_names

# the last word of a newspaper's name: the ones only a daily paper ends in, and those a journal may end in too
_DAILY_WORDS = ("Times", "Herald", "Tribune", "Inquirer", "Advertiser", "Shimbun", "Shinbun", "Ribao")
_PAPER_WORDS = _DAILY_WORDS + ("Post", "Journal", "Gazette", "Globe", "Citizen", "News", "Chronicle", "Telegraph",
                               "Observer", "Guardian", "Register", "Courier", "Examiner", "Dispatch", "Star", "Sun",
                               "Mail", "Monitor", "Gazeta", "Zeitung")
_PAPER_WORD = rf"(?:{'|'.join(_PAPER_WORDS)})"
_NAMED = rf"(?!(?:See|Cf|Compare|Also|In|On|For|And|The)\s)(?:[A-Z][\w'’&.-]*\s+){{0,4}}{_PAPER_WORD}(?![\w'’-])"
# the day an issue printed: "February 20", "December 10, 1961", "14 February 1956", "September 20 and 24, 1875"
_DAY = (rf"(?:{MONTH}\s+\d{{1,2}}(?:(?:,\s*|\s+and\s+)\d{{1,2}}(?!\d))*(?:,?\s+\d{{4}})?"
        rf"|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)(?![\w-])")
_VERB_AT = re.compile(r"(?=[pcraq])(?<!\w)(?:published|printed|reprinted|carried|reported|appeared|quoted)\s+in\s+")
_AUX = re.compile(r"(?:(?:was|were|is|as|which|that|first|later|also|then)\s+){1,2}$")  # before the verb
_LEAD_AT = re.compile(r"[;(]\s*|\b[Ss]ee\s+")  # where a paper may open a part (and the sentence's start)
_PAGE = r",\s*(?P<page>(?:pp?\.\s*|sec\.\s*)?[A-Z]?\d+(?:\s*(?:–|-|and)\s*[A-Z]?\d+)?)(?=[\s.;)]|$)"
_COMMA_DAY = re.compile(rf",\s+{_DAY}")  # what a paper opening a part is followed by, tested before the paper

# before the verb: who and what ("Molotov's speech", "an article by Henry Beecher", "“The Ninth Congress …”")
_POSSESSIVE = re.compile(r"(?P<who>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,2})[’']s\s+(?P<what>[^,;()]{2,80}?)")
_BY = re.compile(r"(?:[Aa]n?|[Tt]he)\s+(?:article|editorial|report|interview|statement|commentary|letter|speech"
                 r"|column)\s+by\s+(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})")
_QUOTED = re.compile(r"[“\"](?P<what>[^”\"]{2,200}?),?[”\"]")


_DAILY_WORD = re.compile(rf"(?:{'|'.join(_DAILY_WORDS)})$")


def is_newspaper(title: str, lexicon: Lexicon | None = None) -> bool:
    """A container title that names a newspaper: one of the list, or a name ending in Times, Herald …"""
    bare = re.sub(r"^the\s+", "", " ".join(title.lower().split()).strip(" ,.;"))
    known = (lexicon or default_lexicon()).lists.get("newspapers", ())
    return bare in known or bool(_DAILY_WORD.search(title.strip(" ,.;")))


@dataclass
class Press:
    start: int
    end: int
    item: dict[str, Any]
    page: str | None  # the page cited, as a locator ("1 and 3", "A3")


@lru_cache(maxsize=4)
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    titles = sorted(lexicon.lists.get("newspapers", ()), key=len, reverse=True)
    known = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in titles) or r"(?!)"
    paper = rf"(?P<paper>(?:[Tt]he\s+)?(?:(?i:{known})(?![\w'’-])|{_NAMED}))"  # "The" kept, as written
    verb = re.compile(rf"{paper}(?:(?:,\s*|\s+(?:on|of)\s+)(?P<date>{_DAY}))?(?:{_PAGE})?")  # after the verb
    lead = re.compile(rf"{paper},\s+(?P<date>{_DAY})(?:{_PAGE})?(?=\s*(?:[.;)]|$))")  # where a part opens
    return verb, lead


def _page(text: str | None) -> str | None:
    return clean_range(re.sub(r"^(?:pp?|sec)\.\s*", "", text)) if text else None


def _issued(text: str) -> dict[str, Any]:
    parsed = parse_date(text)
    if parsed:
        return parsed
    year = re.search(r"\d{4}", text)
    month = re.search(MONTH, text)
    if year and month:  # "September 20 and 24, 1875": the month the issues share
        return {"date-parts": [[int(year.group()), MONTHS[month.group().rstrip(".").lower()]]]}
    return literal_date(text) or {"literal": " ".join(text.split())}


def _described(s: str, lo: int, at: int) -> tuple[int, dict[str, Any]] | None:
    """(start, author and title) of the work named in s[lo:at] before "published in": a possessive, "an
    article by", or a quoted title, filling what is left of the part."""
    desc = s[lo:at].rstrip(" ,")
    desc_start = lo + len(desc) - len(desc.lstrip(" ,"))
    desc = desc.strip(" ,")
    desc = re.sub(r",?\s+(?:which|that)$", "", desc)
    for rx in (_POSSESSIVE, _BY, _QUOTED):
        m = rx.fullmatch(desc) if rx is _POSSESSIVE else rx.search(desc)  # "Reference is to an article by …"
        if m and m.end() == len(desc):
            fields: dict[str, Any] = {}
            if "who" in m.groupdict() and m.group("who"):
                fields["author"] = parse_names(m.group("who"))[0]
            if "what" in m.groupdict() and m.group("what"):
                fields["title"] = m.group("what").strip(" ,")
            return desc_start + m.start(), fields
    return None


def find_press(s: str, lexicon: Lexicon | None = None) -> list[Press]:
    """The newspapers sentence `s` names with the day they printed (or, for a paper of the list, after
    "published in" alone), each an `article-newspaper`."""
    verbs = list(_VERB_AT.finditer(s)) if " in " in s else []
    dated = "," in s and _COMMA_DAY.search(s) is not None  # a paper opening a part is cited with its day
    if not (verbs or dated):
        return []
    verb, lead = _patterns(lexicon or default_lexicon())
    out: list[Press] = []
    for v in verbs:
        m = verb.match(s, v.end())
        if not m:
            continue
        named = not re.fullmatch(_NAMED, re.sub(r"^[Tt]he\s+", "", m.group("paper")))
        if not (m.group("date") or named):
            continue  # "appeared in the Sunday Times" of something: a known paper, or a day, says it is one
        item: dict[str, Any] = {"type": "article-newspaper", "container-title": m.group("paper")}
        if m.group("date"):
            item["issued"] = _issued(m.group("date"))
        start = m.start("paper")
        back = max(0, v.start() - 300)  # a description is short: the look back is bounded (linear in the note)
        lo = max(s.rfind(";", back, v.start()), s.rfind("(", back, v.start()), back - 1) + 1
        lo = max(lo, out[-1].end if out else 0)  # not into the paper before
        aux = _AUX.search(s, lo, v.start())
        desc = _described(s, lo, aux.start() if aux else v.start())
        if desc:
            start = desc[0]
            item.update(desc[1])
        out.append(Press(start, m.end(), item, _page(m.group("page"))))
    verb_hits = list(out)  # in order, never overlapping
    starts = [p.start for p in verb_hits]
    for at in [0, *(x.end() for x in _LEAD_AT.finditer(s))] if dated else ():
        comma = s.find(",", at, at + 80)  # a paper's name is short
        if comma < 0 or not _COMMA_DAY.match(s, comma):
            continue
        m = lead.match(s, at)
        i = bisect_right(starts, at) - 1
        if not m or (i >= 0 and verb_hits[i].end > at):  # inside a paper found after its verb
            continue
        item = {"type": "article-newspaper", "container-title": m.group("paper"), "issued": _issued(m.group("date"))}
        out.append(Press(m.start(), m.end(), item, _page(m.group("page"))))
    return sorted(out, key=lambda p: p.start)
