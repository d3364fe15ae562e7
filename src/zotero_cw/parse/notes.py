"""A note → the citations it makes (full, ibid., short, supra, unparsed), in order, with spans.

Per sentence: find ibid. and supra markers, archival references and title anchors; what lies between
two citations is a `lead` (signal phrase → prefix, document title and date for an archival reference,
otherwise commentary, which is no citation).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from zotero_cw.archives import (
    BOX,
    DECIMAL_FILE,
    LIBRARY_PART,
    SUBJECT_FILE,
    ArchivalRef,
    Registry,
    default_registry,
    find_archival_refs,
    find_compact_refs,
    next_files,
)
from zotero_cw.models import FULL, IBID, SHORT, SUPRA, UNPARSED, Citation, Note, Span
from zotero_cw.parse import abbreviated
from zotero_cw.parse.captions import described_in_russian
from zotero_cw.parse.dates import DATE, DAY_AS_WRITTEN, HOUR
from zotero_cw.parse.defined import define_archives, packaged_abbreviations
from zotero_cw.parse.diaries import find_diaries
from zotero_cw.parse.documents import (
    DECIMAL,
    DOCUMENT_WORD,
    IBID_DESCRIPTION,
    PRINTED_IN,
    SENT_NO,
    WHERE_LONGEST,
    archival_item,
    archival_lead,
    description_fields,
    document_item,
    find_correspondence,
)
from zotero_cw.parse.frus import Volume, find_frus
from zotero_cw.parse.labeller import Labeller, default_labeller
from zotero_cw.parse.leads import lead_parts
from zotero_cw.parse.locators import (
    BARE,
    CHAIN,
    LOCATOR,
    PART_LABEL,
    chain_locator,
    clean_range,
    label_of,
    match_locator,
)
from zotero_cw.parse.military import find_army_papers
from zotero_cw.parse.model import model_citations
from zotero_cw.parse.papers import find_public_papers
from zotero_cw.parse.press import find_press
from zotero_cw.parse.statutes import TEXT_OF, find_statutes, statute_named
from zotero_cw.parse.text import SIGNAL, split_sentences, strip_markup, words
from zotero_cw.parse.works import (
    HEREINAFTER,
    ITALIC,
    QUOTED,
    WorkMatch,
    foreign_serials,
    read_article,
    read_book,
    read_chapter,
    read_collection_document,
    read_forum,
    read_paper,
    read_serial,
    read_short,
)


@dataclass
class ParseContext:
    """State carried from note to note of one document: abbreviations defined so far, the archive
    registry, and warnings about notes (no citation found, guesses made)."""

    registry: Registry = field(default_factory=default_registry)
    abbreviations: dict[str, dict[str, Any]] = field(default_factory=packaged_abbreviations)
    works: dict[str, dict[str, Any]] = field(default_factory=dict)  # "(Henceforth HSS)": abbreviated works
    warnings: list[str] = field(default_factory=list)
    use_model: bool = True  # read what the rules leave with the trained labeller
    use_rules: bool = True  # the anchored rules (italic/quoted titles); off = the labeller reads everything
    model: str | None = None  # a model file other than the packaged one (or $ZOTERO_CW_MODEL)
    _labeller: tuple[Any, ...] = field(default=(), init=False, repr=False, compare=False)

    def labeller(self) -> Labeller:
        """The labeller for this context's archives (their acronyms are a feature), looked up again only when
        the registry is replaced (a note defining an archive) or the model changes."""
        if not self._labeller or self._labeller[0] is not self.registry or self._labeller[1] != self.model:
            self._labeller = (self.registry, self.model, default_labeller(tuple(self.registry.archives), self.model))
        return self._labeller[2]


# the locator after ibid. is a CHAIN of parts ("Ibid., no. 25, note 2"), else a locator that runs into prose
_IBID = re.compile(rf"(?P<ibid>\*?\b[Ii]bid\b\.?\*?)(?:(?:,?\s*(?={PART_LABEL}\s*\d)|,\s*)(?P<chain>{CHAIN})"
                   rf"|,?\s*(?:{LOCATOR})|,\s*{BARE})?")
# U.S. notes name another file of the same archive after ibid.: a decimal file of the State Department's Central
# Files ("Ibid., 611.61/2-562", "ibid., 033.1100-KE/2-1062", "ibid., 794C.0221") or a lot file ("ibid., Bruce
# Diaries: Lot 64 D 327") — a partial ibid., as "Ibid., op. 5, d. 212" is
_IBID_FILE = re.compile(
    rf"[,:]?\s*(?:(?:(?P<dfiles>[A-Z][\w'’/–-]*(?:\s+[A-Z][\w'’/–-]*)*\s+Files),\s*)?"  # "ibid., Central Files, 794C…"
    rf"(?P<file>{DECIMAL}(?:\s?/\s?[\dA-Z][\w–-]*)?|{SUBJECT_FILE})"  # or "ibid., POL 19 RYU IS"
    r"|(?:(?P<files>[A-Z][\w'’/-]*(?:\s+(?:of|and|the|for|[A-Z&][\w'’/-]*))*):\s*)?"  # "S/S Files: …"
    r"(?P<lot>Lot\s+\d+\s*[A-Z]\s*\d+)(?:,\s*(?P<unit>[A-Z]{1,4}\s*\d+(?:,\s*(?:and\s+)?\d+(?:/[A-Z])?)*"
    r"|[A-Z][\w'’–-]*(?:\s+[\w'’–-]+){0,6}))?)"  # "CF 2375, 2380, and 2384/E", "Volunteer Freedom Corps"
    r"(?=[\s.,;)]|$)\.?")
_IBID_PAPERS = re.compile(
    r",\s*(?P<files>[A-Z][\w'’.-]*(?:\s+(?:of|and|the|for|[A-Z][\w'’.-]*))*\s+(?:Files?|Papers|Series|Collection|Records|Diary|Diaries))"
    r"(?P<rest>(?:,\s*[A-Z0-9][^;,.()]*)*)(?=\s*(?:[.;)]|$))")
_A_SERIES = re.compile(r"(?:Series|Diary|Diaries)$")
_MORE_DECIMAL = re.compile(rf",?\s*(?:and\s+)?(?P<file>{DECIMAL}\s?/\s?[\dA-Z][\w–-]*)(?=[\s.,;)]|$)")
_PAGE_AFTER_FILE = re.compile(rf",?\s*(?=pp?\.\s*\d){LOCATOR}")  # ", p. 12" after a file with no leaves
_IBID_BOX = re.compile(rf",\s*(?P<box>{BOX})"
                      rf"(?P<rest>(?:,\s*{LIBRARY_PART})*)"
                      r"(?=\s*(?:[.;)]|$))")
_SUPRA_PAREN = re.compile(
    rf"\s*\((?:see\s+)?(?:note|n\.)\s*(?P<n>\d+)\s*,?\s*\*?(?:supra|above)\*?\)(?:,\s*{LOCATOR})?")
_SUPRA_INLINE = re.compile(
    rf",?\s*(?:\*?supra\*?,?\s*(?:note|n\.)\s*(?P<n>\d+)|(?:see\s+)?(?:note|n\.)\s*(?P<n2>\d+)\s*\*?(?:supra|above)\*?)"
    rf"(?:,\s*{LOCATOR})?")
# FRUS volumes point at other documents of the volume by number: "See Document 140.", "(see Document 150)",
# "See footnote 5, Document 19.", "Attached to Document 137." — a cross-reference, not a work. Without a signal
# or footnote it must open the sentence or follow "(", "to", "in" ("…, vol. I, Document 3" is a locator).
_CROSS_DOCUMENT = re.compile(
    r"(?P<lead>(?:(?:[Ss]ee(?:,?\s+also)?|[Cc]f\.)\s+)?(?:(?:[Aa]ttach(?:ment|ed)|[Ee]nclos(?:ure|ed))\s+(?:to|in)\s+)?"
    r"(?:this\s+volume,\s+|the\s+source\s+note,?\s+(?:to\s+)?)?"
    r"(?:(?:[Ff]oot)?note\s+(?P<fn>\d+)\s*,?\s*(?:to\s+|of\s+|in\s+)?)?)"
    r"(?P<doc>(?:[Pp]art\s+\d+,\s+)?Documents?\s+\d+(?:\s*[–-]\s*\d+)?(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+)*)"
    r"(?:\s+and\s+(?:foot)?note\s+\d+(?:\s+thereto)?)?(?=[\s.,;)]|$)\.?")
# ... or at a page of the volume, or of another volume of the series, as the older volumes do: "Ante, p. 5.",
# "post, p. 55", "See pp. 153 ff.", "Cf. vol. i, p. 135.", "Vol. ii, pp. 211 and 219." — a whole sentence
_CROSS_PAGE = re.compile(
    rf"(?P<dated>(?:[Dd]ated\s+)?(?:{DATE}|{DAY_AS_WRITTEN}),\s+)?"  # "Dated January 17, p. 1510.": a document there
    r"(?P<lead>(?:(?:[Ss]ee(?:,?\s+also)?|[Cc]f\.)\s+)?)(?:(?:the\s+)?[Ee]ditorial\s+[Nn]ote,\s+)?"
    r"(?:(?P<where>[Aa]nte|[Pp]ost),?\s+|(?P<vol>[Vv]ol(?:\.|ume)\s+[ivxlcIVXLC]+(?:,\s+[Pp]art\s+\d+)?)(?:,\s+|(?=\.?\s*$)))?"
    r"(?P<pages>pp?\.\s*(?P<first>\d+)(?:\s*(?:[–-]|and)\s*\d+)?(?:\s+ff?\.)?)?(?=\s*(?:[.;)]|$))\.?")
_FOR_OR_ON = re.compile(r"(?:[Ff]or|[Oo]n)\s+(?!example\b|instance\b)")  # "For text of …, see", "On Burma, see"
# what a bare "Document 163" follows: "(", "in", "and", or a verb ("The letter to Eden is Document 163")
_CROSS_BEFORE = re.compile(r"(?:^|[(;:.]|\b(?:[Tt]o|[Ii]n|[Aa]lso|[Aa]nd|is|are|was|were))\s*$")
# ... or name the document as the subject of "is ibid.": "A record of his conversation with Chiang on April 16 is
# ibid., POL 15–1 CHINAT", "Notes of the May 9 OCB meeting are ibid."
_IS_IBID = re.compile(
    r"^\s*(?P<desc>(?:(?:An?|The)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?i:records?|memorand(?:um|a)|notes|minutes|transcripts?|copy|copies|texts?|summary|report|letters?"
    r"|telegrams?|despatch(?:es)?|airgrams?)\b[^;()]{0,160}?)\s+(?:is|are)\s+(?:printed\s+)?$")


def _is_ibid(lead: str) -> re.Match[str] | None:
    """"A record of the conversation on April 16 is ibid.": the document, named in more than "Another copy"."""
    m = _IS_IBID.match(lead)
    return m if m and len(m.group("desc").split()) > 2 else None


_SEVERAL_DOCUMENTS = re.compile(r"Documents\s+\d+(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+)+")  # not a range
_NUMBER = re.compile(r"\d+")
_INFRA = re.compile(r"(?:^|(?<=[;(]\s)|(?<=\.\s))(?:[Ss]ee\s+)?\*?[Ii]nfra\*?(?=\s*(?:[.;)]|and\b|$))\.?")
_CROSS_DOC_PAGE = re.compile(
    rf"(?:^|(?<=[;(]\s)|(?<=\.\s))(?:[Ss]ee(?:\s+also)?|[Cc]f\.)\s+(?P<desc>{DOCUMENT_WORD}[^;()]{{2,140}}?),\s+"
    r"(?P<pages>pp?\.\s*\d+(?:\s*[–-]\s*\d+)?(?:\s+ff?\.)?)(?=\s*(?:[.;)]|$))\.?")
_DATED_DESC = re.compile(rf"(?:{DATE}|{DAY_AS_WRITTEN})")
# (a document printed in another volume or publication is a citation of it: "…, Foreign Relations, 1937, vol. iii")
_PRINTED_ELSEWHERE = re.compile(r"Foreign\s+Relations|FRUS|\b[Vv]ol(?:\.|ume)|Bulletin|Papers|Documents\s+on")
# ("Circular airgram CA-4523, October 23, 1963; not printed. (Department of State, …)": FRUS's own remark)


_SUFFIX_TAIL = re.compile(r"^,\s*([a-z][^,;.]*?)\s*[.;]?\s*$")
_ONLY_PUNCT = re.compile(r"[\s,;.]*(?:and\s*)?")
# what still looks like a reference: pages, "(Place: Publisher, 1999)", archival levels, boxes and folders,
# an italic title followed by a comma or by a parenthesis, "2:115", "611.61/2-562"
_LOOKS_CITED = re.compile(r"(?=[p(FODLBbfRrCc*,])"  # the first characters of the branches: a fast scan
                          r"(?:\bpp?\.\s*\d|\(\s*[A-Z][^():]*:\s*[^()]+,\s*\d{4}\)|\b(?:F|Op|D|Ll?)\.\s*\d"
                          r"|\b(?:[Bb]ox|[Ff]older|[Rr]eel|[Cc]arton)\s+\d|\*[^*]+\*,\s|\*[^*]+\*\s*\("
                          r"|,\s*\d+:\d)")  # volume:page
_DECIMAL_FILE = re.compile(rf"\b{DECIMAL}/\d")  # "611.61/2-562", tested only where there is a slash


# a FRUS source note of the pre-1950 volumes: the document's decimal file alone, and what the document is
# ("740.00/1531: Telegram", "500.A15a3/621", "894.00 P.R./144", "123G861/839", "File No. 861.51/305.")
_FILE_NOTE = re.compile(
    rf"\(?(?:File\s+No\.\s*)?(?P<file>{DECIMAL_FILE})"
    r"(?::\s*(?P<genre>(?:[Cc]ircular\s+)?(?:[Tt]elegram|[Mm]emorandum|[Dd]espatch|[Ll]etter|[Aa]irgram|[Ii]nstruction"
    r"|[Nn]ote|[Rr]eport)(?:\s*\([^()]{1,30}\))?))?\)?\.?")


_BRACKETED_FILE = re.compile(rf"\((?:File\s+No\.\s*)?(?P<file>{DECIMAL_FILE})\)")
# a telegram named in brackets inside a sentence, as the older volumes give their sources: "… by 348 to 202
# (telegram 1031, March 13, 2 p. m., from Paris)."
_BRACKETED_TELEGRAM = re.compile(
    rf"\((?P<desc>{DOCUMENT_WORD}{SENT_NO}),\s*(?P<date>{DATE}|{DAY_AS_WRITTEN})"
    rf"(?:,\s*{HOUR})?(?:,\s*(?P<whence>(?:from|to)\s+[^,;()]{{2,40}}))?\)")


# a telegram, despatch or airgram a note names with its day, when the note gives no file: "The Department gave its
# approval to this in telegram 743, March 9, 4 p. m.", "Transmitted … as Department's telegram No. 19, January 25,
# 9 a.m." — that document (with a file given, the file's citation takes the description: bracketed_description)
_SENT_DOCUMENT = re.compile(
    rf"(?<![\w-])(?P<desc>(?:Department[’']s\s+)?(?:[Cc]ircular\s+)?(?:[Tt]elegram|[Dd][ei]spatch|[Aa]irgram)"
    rf"{SENT_NO}),\s*(?P<date>{DATE}|{DAY_AS_WRITTEN})(?:,\s*{HOUR})?"
    r"(?:,?\s+(?P<whence>(?:from|to)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}))?")


_PRINTED_AT = re.compile(r"[^;.]*?\b(?:vol\.|pp?\.)\s*[\dIVXLCivxlc]")  # "…, from the Ambassador, vol. i, p. 623"


def _sent(m: re.Match[str], whence: str | None) -> dict[str, Any]:
    """The item of a telegram or despatch a match names: its description (and whence it came) and its day."""
    return document_item(m.group("desc") + (f" {whence}" if whence else ""), m.group("date"))


@lru_cache(maxsize=256)
def _files_given(text: str) -> tuple[int, ...]:
    """Where the note gives a document's file ("(Ibid.)", "(Department of State, …)"), every place a mention
    starts: looked for once a note, not once a sentence (a note of many sentences stays linear)."""
    return tuple(m.start() for m in _FILE_GIVEN_AT.finditer(text))


def _file_given_after(text: str, at: int) -> bool:
    """The note gives a file at `at` or after it."""
    places = _files_given(text)
    return bisect_left(places, at) < len(places)


def _decimal_file(file: str, registry: Registry) -> dict[str, Any]:
    """A document kept in a decimal file the note gives with no archive: the file as written, nothing added."""
    return archival_item(ArchivalRef(None, None, delo=file, extra={"notation": "as-written", "location": file}),
                         registry)


def _file_note(note: Note, registry: Registry) -> list[Citation]:
    """The note is a document's decimal file and nothing else: one manuscript, kept there (no archive named)."""
    text = (note.text or "").strip()
    m = _FILE_NOTE.fullmatch(text) if text[:1].isdigit() or text[:1] in "(F" else None
    if not m:
        return []
    item = _decimal_file(m.group("file"), registry)
    if m.group("genre"):  # what the note says the document is: its only title
        item["genre"] = item["title"] = m.group("genre")
    start = (note.text or "").index(text)
    return [Citation(kind=FULL, document=note.document, note=note.n, text=text, span=Span(start, start + len(text)),
                     item=item)]


@dataclass
class _Found:
    start: int
    end: int
    citation: Citation
    kind: str  # "ibid", "supra", "cross", "archive", "work"
    lead_used: int | None = None  # for archives: how much of the lead was read as the document's title


def _cit(kind: str, note: Note, **kw: Any) -> Citation:
    return Citation(kind=kind, document=note.document, note=note.n, text="", **kw)


class _Taken:
    """The spans found so far (never overlapping), sorted: is [a, b) free, and where does the last span
    before a position end — each by binary search, so a note of thousands of references stays linear."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, a)
        if i and self.ends[i - 1] > a:
            return False
        return i == len(self.starts) or self.starts[i] >= b

    def add(self, a: int, b: int) -> None:
        i = bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)

    def end_before(self, pos: int) -> int:
        i = bisect_right(self.ends, pos)
        return self.ends[i - 1] if i else 0


class _FoundList(list):
    """The found citations of a sentence, with their spans indexed."""

    def __init__(self) -> None:
        super().__init__()
        self.taken = _Taken()

    def append(self, f: _Found) -> None:  # type: ignore[override]
        super().append(f)
        self.taken.add(f.start, f.end)


def _ibid_compact(s: str, at: int, registry: Registry) -> tuple[dict[str, str], int] | None:
    """(levels, end) of a record group or a library's files named right after an ibid. at `at`: the levels
    it names, in its own notation (the archive is the antecedent's unless it is named)."""
    if not s.startswith(",", at):  # find_compact_refs tests its own notations' words first
        return None
    lead = len(s) - at - len(s[at:].lstrip(", "))
    for (a, b), ref in find_compact_refs(s[at: at + WHERE_LONGEST], registry):
        if a == lead and ref.extra.get("notation") in ("nara", "as-written"):
            custom = ref.as_custom()
            if s.startswith(("RG", "Record Group"), at + a):
                custom.pop("archive", None)  # NARA's rule names NARA for any record group: the ibid. keeps its own
            return custom, at + b
    return None


_FOR_TEXT = re.compile(rf"\s*[Ff]or\s+{TEXT_OF}\s+of\s+")
_SIGNAL_AT_START = re.compile(rf"\s*(?:{SIGNAL.pattern})[,:]?\s+")


def _frus_citation(s: str, v: Volume, note: Note, ctx: ParseContext,
                   free: Callable[[int, int], bool]) -> _Found | None:
    """The citation a FRUS volume makes in sentence `s`: the volume itself, or the dated document named just
    before it as printed there; an abbreviation of the series is expanded, and a "hereinafter" defines one."""
    start, end, item, locator = v.start, v.end, dict(v.item), v.locator
    known = ctx.abbreviations.get(v.series)
    if known and v.years:  # "FRUS, 1961–1963": the series' full title, the abbreviation its short form
        key = "title" if "title" in item else "container-title"
        item[key], item[f"{key}-short"] = f"{known['title']}, {v.years}", v.series
        if known.get("container-author"):
            item["container-author"] = [dict(n) for n in known["container-author"]]
    back = max(s.rfind(";", max(0, v.start - 400), v.start), v.start - 401, -1) + 1
    printed = PRINTED_IN.fullmatch(s, back, v.start)
    if printed and free(printed.start("desc"), v.end) and not SIGNAL.fullmatch(printed.group("desc") + " "):
        # "Cordell Hull memorandum for President, September 9, 1943, Foreign Relations …": printed there
        start = printed.start("desc")
        desc = printed.group("desc")
        while signal := _SIGNAL_AT_START.match(desc) or _FOR_TEXT.match(desc):
            # "See for example Seward to Fish", "For text of the President's address": the prefix, not the title
            start, desc = start + signal.end(), desc[signal.end():]
        of_volume = {k: val for k, val in item.items() if k not in ("type", "title", "title-short")}
        short = item.get("title-short")
        whence = f" {printed.group('whence')}" if printed.group("whence") else ""  # "telegram 5398 from Paris"
        item = {**document_item(desc.strip() + whence, printed.group("date")), "type": "chapter", **of_volume,
                "container-title": item.get("title") or item.get("container-title")}
        if short:
            item["container-title-short"] = short
        if locator:  # the document's pages in the volume
            item["page"], locator = locator, None
        if printed.group("corp"):
            item["container-author"] = [{"literal": " ".join(printed.group("corp").split())}]
    defined = HEREINAFTER.match(s, end)
    if defined:  # "(hereinafter referred to as *FRUS*, …)": the series' abbreviation, for later notes
        by = {"container-author": item["container-author"]} if "container-author" in item else {}
        ctx.abbreviations[defined.group("abbr").strip()] = {"title": v.series, **by}
        end = defined.end()
    if not free(start, end):
        return None
    return _Found(start, end, _cit(FULL, note, item=item, locator=locator, label="page" if locator else None), "work")


def _partial_ibid(note: Note, level: dict[str, str | None], start: int, end: int) -> _Found:
    """An ibid. naming levels of its own ("Ibid., 611.61/2-762", "ibid., Box 533"): resolve lays them over the
    antecedent's archival parts."""
    override = {k: v for k, v in level.items() if v}
    return _Found(start, end, _cit(IBID, note, item={"custom": {"archival_override": override}}), "ibid")


# a U.S. note opens with the document it reports on: "In telegram 408 from Budapest, May 8, Ravndal reported …",
# "According to telegram 2183 from Tokyo, February 6, …" — the document is cited, unless the note gives its
# file after ("… (Ibid.)", "(Department of State, …)"), which then takes the description (bracketed_description)
_REPORTED_IN = re.compile(
    r"^(?:In|According\s+to)\s+(?P<desc>(?:[Cc]ircular\s+)?(?:telegram|despatch|airgram|cable|Secto|Tosec|Dulte|Tedul)"
    rf"{SENT_NO}(?:\s+(?:from|to)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,2}})?)"
    rf",\s*(?P<date>{DATE}|{DAY_AS_WRITTEN}),")
_FILE_GIVEN = (r"\(\s*(?:[Ii]bid|Department\s+of\s+State|National\s+Archives|[A-Z][a-z]+\s+Library)|\b[Ii]bid\b")
_FILE_GIVEN_AT = re.compile(rf"(?=(?:{_FILE_GIVEN}))")  # every place a mention starts, overlapping ones too


def _find_in_sentence(s: str, note: Note, ctx: ParseContext) -> list[_Found]:
    found = _FoundList()
    free = found.taken.free
    reported = _REPORTED_IN.match(s) if s[:1] in "IA" else None
    if reported and not _file_given_after(note.text or "", (note.text or "").find(s) + reported.end()):
        item = description_fields(f"{reported.group('desc')}, {reported.group('date')}")
        found.append(_Found(reported.start("desc"), reported.end("date") + 1, _cit(FULL, note, item=item), "letter"))

    for m in _IBID.finditer(s) if "bid" in s else ():
        named = _IBID_FILE.match(s, m.end("ibid"))
        if named:  # "Ibid., 611.61/2-562": the file, not page 611
            # the levels named replace the antecedent's from the highest down, as the State Department's own
            # notation is read (archives._STATE_RE): files and a decimal file; files (fond), lot (opis), file
            level = ({"opis": named.group("dfiles"), "delo": named.group("file")} if named.group("file")
                     else {"fond": named.group("files"), "opis": named.group("lot"), "delo": named.group("unit")})
            found.append(_partial_ibid(note, level, m.start(), named.end()))
            end = named.end()
            while named.group("file") and (more := _MORE_DECIMAL.match(s, end)):
                # "(Ibid., 611.48/5–1856, 911.6248/5–1856, and 848.181/5–1856, respectively)": each another file
                found.append(_partial_ibid(note, {**level, "delo": more.group("file")}, more.start("file"), more.end()))
                end = more.end()
            continue
        papers = _IBID_PAPERS.match(s, m.end("ibid"))
        if papers:  # "ibid., President’s Office Files, USSR": other papers of the same library
            parts = [p.strip() for p in papers.group("rest").split(",") if p.strip()]
            named = papers.group("files")
            if _A_SERIES.search(named):  # "ibid., ACW Diary": a series of the same papers
                level = {"opis": ", ".join([named, *parts])}
            else:
                level = {"fond": named, "opis": ", ".join(parts) or None}
            found.append(_partial_ibid(note, level, m.start(), papers.end()))
            continue
        box = _IBID_BOX.match(s, m.end("ibid"))
        if box:  # "ibid., Box 533, Country Files, Far East, Japan, Vol. I": another box of the same papers
            level = {"unit": box.group("box"), "delo": (box.group("rest") or "").strip(" ,") or None}
            found.append(_partial_ibid(note, level, m.start(), box.end()))
            continue
        compact = _ibid_compact(s, m.end("ibid"), ctx.registry)
        if compact:  # "ibid., RG 59, Central Files 1967–69, DEF 15 RYU IS–US": the archive's own notation
            level, end = compact
            found.append(_partial_ibid(note, level, m.start(), end))
            continue
        loc, label = chain_locator(m.group("chain")) if m.group("chain") else match_locator(m)
        c = _cit(IBID, note, locator=loc, label=label)
        found.append(_Found(m.start(), m.end(), c, "ibid"))
    for rx in (_SUPRA_PAREN, _SUPRA_INLINE) if ("supra" in s or "above" in s) else ():
        for m in rx.finditer(s):
            if not free(m.start(), m.end()):
                continue
            n = int(m.group("n") or m.groupdict().get("n2"))
            loc = clean_range(m.group("loc")) if m.group("loc") else None
            c = _cit(SUPRA, note, note_ref=n, locator=loc, label=label_of(m.group("label")) if loc else None)
            found.append(_Found(m.start(), m.end(), c, "supra"))
    for m in _CROSS_DOCUMENT.finditer(s) if "Document" in s else ():
        if free(m.start(), m.end()) and (m.group("lead") or _CROSS_BEFORE.search(s, 0, m.start())):
            # "See footnote 2, Document 53": that document's note 2 is the place cited
            doc = " ".join(m.group("doc").split())
            several = _SEVERAL_DOCUMENTS.fullmatch(doc) if not m.group("fn") else None
            if several:  # "Documents 252 and 253": a cross-reference to each
                numbers = list(_NUMBER.finditer(s, m.start("doc"), m.end("doc")))
                for k, x in enumerate(numbers):
                    c = _cit(SUPRA, note, cross_reference=f"Document {x.group()}")
                    found.append(_Found(m.start() if k == 0 else x.start(),
                                        m.end() if k == len(numbers) - 1 else x.end(), c, "cross"))
                continue
            c = _cit(SUPRA, note, cross_reference=doc, locator=m.group("fn"),
                     label="note" if m.group("fn") else None)
            found.append(_Found(m.start(), m.end(), c, "cross"))
    for m in _INFRA.finditer(s) if "nfra" in s else ():
        if free(m.start(), m.end()):  # "Infra.", "See infra": a place further on, named no more precisely
            found.append(_Found(m.start(), m.end(), _cit(SUPRA, note, cross_reference="infra"), "cross"))
    for m in _CROSS_DOC_PAGE.finditer(s) if ("p." in s or "pp." in s) else ():
        if free(m.start(), m.end()) and _DATED_DESC.search(m.group("desc")) and not _PRINTED_ELSEWHERE.search(
                m.group("desc")):
            # "See memorandum of January 13, p. 19.": a document printed at that page of this volume
            pages = " ".join(m.group("pages").split())
            c = _cit(SUPRA, note, cross_reference=f"{m.group('desc')}, {pages}",
                     locator=re.sub(r"^pp?\.\s*", "", pages), label="page")
            found.append(_Found(m.start(), m.end(), c, "cross"))
    for m in _CROSS_PAGE.finditer(s) if ("p." in s or "pp." in s or "vol" in s) else ():
        if not (m.group("pages") or m.group("vol")) or not free(m.start(), m.end()):
            continue
        dated_alone = m.group("dated") and m.group("pages") and not s[: m.start()].strip()  # "May 6, p. 22."
        before = s[: m.start("lead")].rstrip()
        led = m.group("lead") and (before.endswith(";") or _FOR_OR_ON.match(before))  # "For text of X, see p. 79"
        if dated_alone or ((m.group("lead") or m.group("where") or m.group("vol"))
                           and (m.group("where") or led or _CROSS_BEFORE.search(s, 0, m.start()))):
            pages = " ".join(m.group("pages").split()) if m.group("pages") else None
            where = ", ".join(x for x in (m.group("vol"), pages) if x)
            c = _cit(SUPRA, note, cross_reference=where, locator=re.sub(r"^pp?\.\s*", "", pages) if pages else None,
                     label="page" if pages else None)
            start = m.start() if dated_alone else m.start("lead")
            found.append(_Found(start, m.end(), c, "cross"))
    for paper in find_army_papers(s):  # "Ltr, TAG to CG Hawaiian Dept, 12 Jan 44, sub: …, AG 381 (12-27-40)"
        if free(paper.start, paper.end):
            item = {**archival_item(paper.ref, ctx.registry), **paper.item} if paper.ref else paper.item
            found.append(_Found(paper.start, paper.end, _cit(FULL, note, item=item), "letter"))
    for (a, b), ref in find_archival_refs(s, ctx.registry):
        if not free(a, b):
            continue
        item = archival_item(ref, ctx.registry)
        loc, label = ref.leaves, "folio" if ref.leaves else None
        page = _PAGE_AFTER_FILE.match(s, b) if not ref.leaves else None
        if page:  # "RGASPI, f. 17, op. 3, d. 5, p. 12": a page of the file, not a folder after it
            (loc, label), b = match_locator(page), page.end()
        c = _cit(FULL, note, item=item, locator=loc, label=label, warnings=list(ref.warnings))
        found.append(_Found(a, b, c, "archive"))
        for (a2, b2), other in next_files(s, b, ref) if not page else ():
            # "…, d. 410, l. 17; d. 415, l. 3": another file of the same fond, a citation of its own
            if not free(a2, b2):
                break
            c2 = _cit(FULL, note, item=archival_item(other, ctx.registry), locator=other.leaves,
                      label="folio" if other.leaves else None)
            found.append(_Found(a2, b2, c2, "file"))
    for m in _BRACKETED_TELEGRAM.finditer(s) if "(" in s else ():
        if free(m.start(), m.end()):
            found.append(_Found(m.start(), m.end(), _cit(FULL, note, item=_sent(m, m.group("whence"))), "file"))
    sent = ("elegram" in s or "espatch" in s or "irgram" in s) and not _files_given(note.text or "")
    for m in _SENT_DOCUMENT.finditer(s) if sent else ():
        if free(m.start(), m.end()) and not _PRINTED_AT.match(s, m.end()):
            whence = m.group("whence").rstrip(".") if m.group("whence") else None
            found.append(_Found(m.start(), m.end(), _cit(FULL, note, item=_sent(m, whence)), "letter"))
    for m in _BRACKETED_FILE.finditer(s) if "/" in s else ():
        if free(m.start(), m.end()):  # "… was proceeding without incident (793.94/12019).": the document's file
            found.append(_Found(m.start(), m.end(), _cit(FULL, note, item=_decimal_file(m.group("file"), ctx.registry)),
                                "file"))
    for start, end, item, page in find_correspondence(s, ctx.registry):
        if free(start, end):  # an archive named after it: the archive's citation takes it (archival_lead)
            c = _cit(FULL, note, item=item, locator=page, label="page" if page else None)
            found.append(_Found(start, end, c, "letter"))
    for law in find_statutes(s):
        if free(law.start, law.end):
            c = _cit(FULL, note, item=law.item, locator=law.locator, label=law.label)
            found.append(_Found(law.start, law.end, c, "statute"))
    for hit in find_press(s):
        if free(hit.start, hit.end):
            c = _cit(FULL, note, item=hit.item, locator=hit.page, label="page" if hit.page else None)
            found.append(_Found(hit.start, hit.end, c, "press"))
    for volume in find_frus(s):
        hit = _frus_citation(s, volume, note, ctx, free)
        if hit is not None:
            found.append(hit)
    for p in find_public_papers(s):  # read as a FRUS volume is: a dated document before it is printed in it
        hit = _frus_citation(s, Volume(p.start, p.end, p.item, p.locator, "Public Papers", None), note, ctx, free)
        if hit is not None:
            found.append(hit)
    for d in find_diaries(s):
        if free(d.start, d.end):
            known = ctx.registry.find(d.kept) if d.kept else None
            item = {**(archival_item(ArchivalRef(known.acronym, None), ctx.registry) if known else
                       {"type": "manuscript", **({"archive": d.kept} if d.kept else {})}), "title": d.title}
            found.append(_Found(d.start, d.end, _cit(FULL, note, item=item), "diary"))
    _find_works(s, note, ctx, found)
    found.sort(key=lambda f: f.start)
    return found


def _find_works(s: str, note: Note, ctx: ParseContext, found: _FoundList) -> None:
    free = found.taken.free
    italic = [(m, False) for m in ITALIC.finditer(s)] if "*" in s else []
    quoted_ = [(m, True) for m in QUOTED.finditer(s)] if ('"' in s or "“" in s) else []
    anchors = sorted(italic + quoted_, key=lambda pair: pair[0].start())
    for anchor, quoted in anchors:
        if not free(anchor.start(), anchor.end()):
            continue
        prev_end = found.taken.end_before(anchor.start())
        prev_end = max(prev_end, anchor.start() - 400)  # authors / document titles are never longer
        head = s[prev_end: anchor.start()]
        work: WorkMatch | None
        if quoted:
            work = (read_forum(s, anchor, head, prev_end, len(s))
                    or read_article(s, anchor, head, prev_end)
                    or read_chapter(s, anchor, head, prev_end)
                    or read_paper(s, anchor, head, prev_end)
                    or read_short(s, anchor, head, prev_end, quoted=True))
        else:
            work = (read_book(s, anchor, head, prev_end)
                    or read_collection_document(s, anchor, head, prev_end, ctx.abbreviations)
                    or read_serial(s, anchor.start(), anchor.end(), anchor.group("t"), len(s))
                    or read_short(s, anchor, head, prev_end, quoted=False))
        _add_work(work, note, ctx, found)
    for start, end in foreign_serials(s) if "series" in s else ():  # the title's language marks it
        if free(start, end):
            _add_work(read_serial(s, start, end, s[start:end], len(s)), note, ctx, found)


def _add_work(work: WorkMatch | None, note: Note, ctx: ParseContext, found: _FoundList) -> None:
    if work is not None and found.taken.free(work.start, work.end):
        if work.abbreviation:
            ctx.abbreviations[work.abbreviation[0]] = work.abbreviation[1]
        if work.kind == SHORT:
            c = _cit(SHORT, note, author=work.author, short_title=work.short_title, locator=work.locator,
                     label=work.label, item=work.item, warnings=work.warnings)
        else:
            c = _cit(FULL, note, item=work.item, locator=work.locator, label=work.label, suffix=work.suffix,
                     warnings=work.warnings)
        found.append(_Found(work.start, work.end, c, "work"))


def _supra_hint(lead: str) -> tuple[str | None, str | None, int]:
    """(prefix, title hint, offset of the hint in lead) from the text before "(see note 45 supra)"."""
    text = lead.rstrip()
    first = SIGNAL.search(text)
    prefix = text[first.start(): first.end()] if first else None
    start = first.end() if first else 0
    hint = text[start:]
    offset = start + len(hint) - len(hint.lstrip(" ,"))
    hint = strip_markup(hint).strip(" ,")
    return prefix, (hint or None), offset


def parse_note(note: Note, context: ParseContext | None = None) -> list[Citation]:
    """The citations note `note` makes, in reading order. Notes with no citation are reported in
    `context.warnings`; text that looks like a reference but could not be read becomes UNPARSED.

    The anchored rules (italic and quoted titles, archives, ibid., supra) read first; the trained labeller
    reads whatever text they leave, so a note without markup loses nothing the model can read."""
    ctx = context or ParseContext()
    if note.text is None:
        ctx.warnings.append(f"{note.document} note {note.n}: text missing")
        return []
    ctx.registry, defined = define_archives(note.text, ctx.registry)
    ctx.warnings += defined
    if ctx.use_rules and (filed := _file_note(note, ctx.registry)):
        return filed
    out = _rule_citations(note, ctx) if ctx.use_rules else []
    if ctx.works:  # "HSS, 45.": a work the document abbreviated, cited by its abbreviation
        short = abbreviated.cited(note, ctx.works)
        out = sorted([c for c in out if not any(_overlap(c, s) for s in short)] + short,
                     key=lambda c: c.span.start if c.span else 0)
    if ctx.use_model and not _all_read(note.text, out):
        out = model_citations(note, ctx, out)
    out = described_in_russian(note.text, out)
    abbreviated.define(note, out, ctx.works, lambda a: a in ctx.abbreviations or ctx.registry.lookup(a) is not None)
    if not out:
        ctx.warnings.append(f"{note.document} note {note.n}: no citation found (commentary only)")
    return out


def _overlap(a: Citation, b: Citation) -> bool:
    return bool(a.span and b.span and a.span.start < b.span.end and b.span.start < a.span.end)


def parse_notes(notes: list[Note], context: ParseContext | None = None) -> list[list[Citation]]:
    """`parse_note` for each note of a document, in order; the labeller reads the notes a batch at a time
    (the same labels, decoded together: most of the time a note costs)."""
    ctx = context or ParseContext()
    out: list[list[Citation]] = []
    ready = None
    for i, note in enumerate(notes):
        if ctx.use_model and note.text:  # a note defining an archive ("hereafter") changes the labeller
            labeller = ctx.labeller()
            if labeller is not ready:
                labeller.prefetch([n.text or "" for n in notes[i:]])
                ready = labeller
        out.append(parse_note(note, ctx))
    return out


def prefetch(documents: list[list[Note]], context: ParseContext) -> None:
    """Tell the labeller the notes of several documents will come, in this order, ahead of `parse_notes` on
    each: notes of small documents cost less decoded together. Only the labeller every document starts with
    (the context's archives) is used; a document that defines archives reads on with its own."""
    if not context.use_model:
        return
    context.labeller().prefetch([n.text for notes in documents for n in notes if n.text])


_LEFT_OVER = re.compile(r"[^\s.,;:()\[\]*]")
_JOINING = re.compile(r"\b(?:and|or|и|или|і|та)\b")  # words that only join two citations


def _all_read(text: str, found: list[Citation]) -> bool:
    """True when the rules' citations cover every word of the note ("Ibid., 45."): nothing is left to label.
    A back-reference followed by more text ("Ibid., op. 5, d. 212") is not covered."""
    if not found or any(c.kind == UNPARSED or c.span is None for c in found):
        return False
    pos = 0
    for c in sorted(found, key=lambda c: c.span.start if c.span else 0):
        assert c.span is not None
        if pos and _LEFT_OVER.search(_JOINING.sub("", text[pos: c.span.start])):  # "… l. 5 and op. 2, d. 12"
            return False
        if not pos and _LEFT_OVER.search(text, 0, c.span.start):
            return False
        pos = max(pos, c.span.end)
    return not _LEFT_OVER.search(text, pos)


def _rule_citations(note: Note, ctx: ParseContext) -> list[Citation]:
    assert note.text is not None
    text = note.text
    out: list[Citation] = []
    for s0, s1 in split_sentences(text):
        s = text[s0:s1]
        found = _find_in_sentence(s, note, ctx)
        prev = 0
        for i, f in enumerate(found):
            c = f.citation
            lead = s[prev: f.start]
            start = f.start
            if f.kind == "archive":
                prefix, fields, used = archival_lead(lead)
                c.prefix = prefix
                if fields:
                    start = prev + used
                    c.item = {**c.item, **fields, "custom": c.item["custom"]}
            elif f.kind == "statute" and (named := statute_named(lead)):  # "the 1959 agreement, see 10 UST 1934"
                at, fields = named
                start = prev + at
                c.item = {**c.item, **fields}
            elif f.kind == "cross":
                pass  # its signal is part of it; the text before is the sentence it annotates
            elif f.kind in ("press", "diary"):  # "See The New York Times, …" takes its signal; prose stays prose
                signal = SIGNAL.search(lead)
                c.prefix = (lead[signal.start():].strip(" ,") or None) if signal else None
            elif f.kind == "ibid" and (described := IBID_DESCRIPTION.match(lead) or _is_ibid(lead)):
                # "Telegram 6333 from Tokyo, August 1; ibid.", "A record of the conversation on April 16 is ibid.":
                # another document of the same file
                start = prev + described.start("desc")
                c.item = {**c.item, **description_fields(described.group("desc"))}
            elif f.kind == "supra":
                prefix, hint, offset = _supra_hint(lead)
                c.prefix, c.short_title = prefix, hint
                if hint:
                    start = prev + offset
                else:  # the citation text starts at "note", not at the space or comma before it
                    start += len(s[start: f.end]) - len(s[start: f.end].lstrip(" ,"))
            else:
                prefix, _ = lead_parts(lead)
                if f.kind == "work" and c.kind == FULL and prefix and words(prefix) > 12:
                    prefix = None
                c.prefix = prefix if c.prefix is None else c.prefix
            nxt = found[i + 1].start if i + 1 < len(found) else len(s)
            after = s[f.end: nxt]
            tail = _SUFFIX_TAIL.match(after) if after else None
            if tail and words(tail.group(1)) <= 3 and c.suffix is None:
                c.suffix = tail.group(1)
            c.span = Span(s0 + start, s0 + f.end)
            c.text = text[s0 + start: s0 + f.end]
            prev = f.end
            out.append(c)
        _report_leftovers(s, s0, found, note, out)
    out.sort(key=lambda c: c.span.start if c.span else 0)
    return out


def _report_leftovers(s: str, s0: int, found: list[_Found], note: Note, out: list[Citation]) -> None:
    """Text outside every citation that still looks like a reference → an UNPARSED citation."""
    pos = 0
    pieces = []
    for f in found:
        pieces.append((s0 + pos, s0 + f.start))
        pos = f.end
    pieces.append((s0 + pos, s0 + len(s)))
    out += unparsed_pieces(note.text or "", pieces, note)


def unparsed_pieces(text: str, pieces: list[tuple[int, int]], note: Note) -> list[Citation]:
    """The pieces [a, b) of a note's text that still look like a reference, as UNPARSED citations."""
    out = []
    for a, b in pieces:
        chunk = text[a:b]
        if len(chunk) < 3:  # too short for any reference pattern ("p.5")
            continue
        m = _LOOKS_CITED.search(chunk) or ("/" in chunk and _DECIMAL_FILE.search(chunk))
        if not m:
            continue
        if _ONLY_PUNCT.fullmatch(chunk[m.end():]) and not chunk.strip():
            continue
        c = _cit(UNPARSED, note, reason="looks like a reference but matches no known form")
        c.span = Span(a, b)
        c.text = chunk.strip()
        out.append(c)
    return out
