"""Works a document abbreviates: "Gregory of Nyssa, Homilies on the Song of Songs, trans. … 369. (Henceforth
HSS).", "De Jure Belli ac Pacis (DJBP) 2.8.1.2.", "Dostoevsky, Polnoe sobranie sochinenii (hereafter PSS) …" —
and the later notes that cite the work by that abbreviation alone: "HSS, 45.", "(BL, 145)", "cf. UL, 125",
"DJBP Prolegomena, 11.", "“KM,” 2:244." Such a note is a short form of the work (resolve finds the full one).

Archives and series ("hereafter NARA", "hereinafter FRUS") are defined elsewhere (`defined.define_archives`,
`notes._frus_citation`); here only a published work's abbreviation is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from zotero_cw.models import FULL, SHORT, Citation, Note, Span
from zotero_cw.parse.text import REMARK

_ABBR = r"[A-Z][A-Za-z]{0,5}[A-Z]?|[A-Z][a-z]{2,5}"  # "HSS", "KM", "DJBP", "Eccl"
# "(Henceforth HSS)", "(Henceforth “KM”)", "(hereafter cited as PSS)", "(Henceforth PA.)"
_OPENS = r"\(\s*(?:[Hh]enceforth|[Hh]ere(?:in)?after)"
DEFINED = re.compile(
    rf"{_OPENS}[,:]?(?:\s+(?:cited|referred\s+to))?(?:\s+as)?\s+[“\"]?(?P<abbr>{_ABBR})[”\"]?\.?\s*\)")
_DEFINITION_IN_TITLE = re.compile(rf"\s*{_OPENS}\b")  # "Polnoe sobranie sochinenii (hereafter PSS"
# "De Jure Belli ac Pacis (DJBP) 2.8.1.2.": a title at the start of a note, its abbreviation in brackets after it
_TITLE_THEN_ABBR = re.compile(r"^(?P<title>[A-Z][^()\d;]{3,100}?)\s+\((?P<abbr>[A-Z]{2,6})\)")


def define(note: Note, cits: list[Citation], works: dict[str, dict[str, Any]], taken: Callable[[str], bool]) -> None:
    """Record the abbreviations this note defines for works (`taken`: true of a name an archive or a series
    has already); a work's title read with its "(hereafter X" is cut there."""
    text = note.text or ""
    if "(" not in text:
        return
    for m in DEFINED.finditer(text):
        abbr = m.group("abbr")
        work = next((c for c in reversed(cits) if c.span and c.span.start < m.start()), None)
        if (work is None or work.kind != FULL or not work.item.get("title") or "archive" in work.item
                or len(text[work.span.end: m.start()].split()) > 4):  # ", emphasis original. (Henceforth BL)"
            # (the definition in the citation's own text, or a few words after it); a work not read: its later
            # citations are short forms of "BL" itself, which resolve reports as unmatched (never guessed)
            if not taken(abbr):
                works.setdefault(abbr, {"title": abbr, "author": None})
            continue
        # a published work the note defines "BL" for is what BL means in this document, even where BL is an
        # archive's acronym too (the British Library): its later citations are "BL, 145", with a page
        title = str(work.item["title"])
        cut = _DEFINITION_IN_TITLE.search(title)
        if cut:  # "Polnoe sobranie sochinenii (hereafter PSS": the title ends before the definition
            title = title[: cut.start()].rstrip(" ,")
            work.item["title"] = title
        works[abbr] = _entry(title, work.item)
    lead = _TITLE_THEN_ABBR.match(text)
    if lead and not taken(lead.group("abbr")):
        works[lead.group("abbr")] = {"title": lead.group("title").strip(" ,"), "author": None}


def _entry(title: str, item: dict[str, Any]) -> dict[str, Any]:
    names = item.get("author") or item.get("editor") or []
    family = (names[0].get("family") or names[0].get("literal")) if names else None
    return {"title": title, "author": family}


_LOCATOR = (r"(?:[A-Z][a-z]+,?\s+)?\d+(?:[.:]\d+)*[a-z]?(?:\s*[–-]\s*\d+(?:[.:]\d+)*)?"
            r"(?:\s*,\s*\d+(?:[.:]\d+)*(?:\s*[–-]\s*\d+(?:[.:]\d+)*)?)*")


def _pattern(abbrs: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(abbrs, key=len, reverse=True))
    return re.compile(
        r"(?:^|(?<=[;(])|(?<=[;(.]\s)|(?<=\b[Cc]f\.\s)|(?<=\b[Ss]ee\s)|(?<=\b[Ss]ee\s[Aa]lso\s))"
        rf"(?P<q>[“\"]?)(?P<abbr>{names})[,.]?[”\"]?,?\s+(?P<loc>{_LOCATOR})(?=[\s.,;)]|$)")


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def cited(note: Note, works: dict[str, dict[str, Any]]) -> list[Citation]:
    """The note's citations of abbreviated works: short forms with the work's author and title."""
    text = note.text or ""
    if not works or not text:
        return []
    key = tuple(sorted(works))
    rx = _PATTERNS.get(key)
    if rx is None:
        if len(_PATTERNS) > 64:
            _PATTERNS.clear()
        rx = _PATTERNS[key] = _pattern(key)
    out = []
    for m in rx.finditer(text):
        work = works[m.group("abbr")]
        end = m.end()
        while remark := REMARK.match(text, end):  # "TP, 154, emphasis in original, translation modified."
            end = remark.end()
        out.append(Citation(kind=SHORT, document=note.document, note=note.n, text=text[m.start(): end],
                            span=Span(m.start(), end),
                            author=work["author"], short_title=work["title"], locator=m.group("loc"),
                            item={"title-short": m.group("abbr")},  # as the note writes it
                            label="page" if re.fullmatch(r"[\d\s,–-]+", m.group("loc")) else None))
    return out
