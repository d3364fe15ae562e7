"""Published works in Chicago-style notes → CSL-JSON fields.

Each reader looks at one title anchor (an *italic* or "quoted" title) inside a sentence together with
the text before it (`head`, where authors or a document title stand) and after it (publication facts,
locators). It returns a `WorkMatch` whose span covers what it read, or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from zotero_cw.models import FULL, SHORT
from zotero_cw.parse.dates import DATE, parse_date
from zotero_cw.parse.locators import BARE, LOCATOR, PAGES, clean_range, match_locator
from zotero_cw.parse.names import NAME, NAMES, parse_names
from zotero_cw.parse.text import SIGNAL

ITALIC = re.compile(r"\*(?P<t>[^*]+)\*")
QUOTED = re.compile(r"[\"“](?P<t>[^\"“”]+?)(?P<p>[,.:;?!]?)[\"”](?P<p2>,)?")
PUB = r"\((?P<place>[^:()]+?):\s*(?P<publisher>[^()]+?),\s*(?P<year>\d{4})\)"
_END = r"(?=\s*(?:[.;]|$|,\s+(?:[a-z]|and\b)))"  # where a citation may stop
_LOC = rf",\s*{LOCATOR}"
_END_RE = re.compile(_END)

_ROLE = r"(?:ed|trans|comp)\."
_ROLES = rf"{_ROLE}(?:\s+and\s+{_ROLE})?"  # "ed.", "ed. and trans."
_EDITION = r"\d+(?:st|nd|rd|th)\s+ed\.|rev\.\s+ed\."
_BOOK_MID = re.compile(
    rf"(?P<mid>(?:,\s*(?:[Vv]ol\.\s*[\w]+|\d+\s+vols\.|\*[^*]+\*"
    rf"|{_ROLES}\s*(?:by\s+)?{NAMES.replace('?P<etal>', '?:')}|{_EDITION})){{0,6}})\s*{PUB}"  # bounded: linear
    rf"(?:,\s*[Vv]ol\.\s*(?P<vol2>\w+))?(?:{_LOC}|,\s*{BARE})?"
)
_ARTICLE_TAIL = re.compile(
    rf"\s*(?P<in>in\s+)?\*(?P<cont>[^*]+)\*(?:\s*\((?P<cplace>[A-Z][^()\d]*?)\))?"
    rf"(?:,\s*[Vv]ol\.\s*(?P<vol>\w+)(?:,\s*[Nn]o\.\s*(?P<no>[\w/–-]+))?(?:\s*\((?P<jdate>[^)]+)\))?"
    rf"|\s+(?P<cvol>\d+)(?:,\s*[Nn]o\.\s*(?P<cno>[\w/–-]+))?\s*\((?P<cdate>[^)]+)\)"  # Chicago: 61, no. 1 (2002)
    rf"|,\s*(?P<ndate>{DATE}))"
    rf"(?:,\s*pp?\.\s*(?P<pages>{PAGES})|:\s*(?P<cpages>{PAGES}))?"
)
_CHAPTER_TAIL = re.compile(
    rf"\s*in\s+(?:(?P<eds>{NAMES.replace('?P<etal>', '?:')}),\s*eds?\.,\s*)?\*(?P<book>[^*]+)\*"
    rf"(?:,\s*(?:ed\.|eds\.|edited by)\s*(?P<eds2>{NAMES.replace('?P<etal>', '?:')}))?\s*{PUB}"
    rf"(?:,\s*pp?\.\s*(?P<pages>{PAGES}))?"
)
_PAPER_TAIL = re.compile(
    rf"\s*(?P<series>(?:[A-Z][\w-]*\s+)+(?:Working|Discussion|Occasional|Research)\s+Paper)"
    rf"\s+(?:[Nn]o\.\s*)?(?P<num>[\w-]+)"
    rf"(?:,\s*(?P<place>[A-Z][^:;]*?):\s*(?P<pub>[^,;]+),\s*(?P<date>{DATE})"
    rf"|\s*\((?P<place2>[A-Z][^:()]*?):\s*(?P<pub2>[^()]+?),\s*(?P<date2>{DATE})\))"
    rf"(?:{_LOC})?"
)
_COLLECTION_TAIL = re.compile(
    r"(?:,\s*(?P<years>\d{4}\s*[–-]\s*\d{4}))?(?:,\s*[Vv]ol\.\s*(?P<vol>[\w]+))?(?:,\s*pt\.\s*(?P<part>\w+))?"
    r"(?:,\s*(?:[Dd]ocument|[Dd]oc\.)\s*(?P<doc>\d+))?"  # FRUS: "Document 87"
    rf"(?:,\s*pp?\.\s*(?P<pages>{PAGES}))?"
)
HEREINAFTER = re.compile(
    r"\s*\((?:hereinafter|hereafter)(?:\s+(?:referred\s+to|cited))?\s+(?:as\s+)?\*?(?P<abbr>[^*,)]+)\*?[^)]*\)"
)
_AUTHORS_END = re.compile(rf"(?P<names>{NAMES}),\s*(?P<ed>eds?\.,\s*)?$")
_SHORT_AUTHOR_END = re.compile(rf"(?P<names>{NAME}(?:\s+and\s+{NAME})?),\s*$")
_PROSE_AUTHORS_END = re.compile(rf"(?P<names>{NAMES})\s+[^A-Z\"“*]*?\bin\s*$")
_FORUM_END = re.compile(rf"(?P<names>{NAMES}),\s*(?P<forum>[\w-]+(?:\s+[\w-]+)?)\s+(?:Forum|Roundtable)\s+on\s*$")
_IN_END = re.compile(r",?\s*in\s+(?:(?P<corp>[A-Z][^,*;]*?),\s*)?$")
_NEWSPAPER_WORDS = re.compile(
    r"\b(?:Times|Post|News|Herald|Gazette|Tribune|Daily|Telegraph|Guardian|Pravda|Izvestiya|Izvestia|Shimbun"
    r"|Journal|Chronicle|Observer|Courier|Monde|Zeitung)\b")
_ENGLISH = {"the", "of", "and", "in", "on", "for", "to", "with", "from", "a", "an", "at", "by", "as", "is",
            "after", "into", "under", "between", "during", "through", "throughout", "since"}
_RUSSIAN = {"i", "v", "vo", "na", "s", "so", "k", "o", "ob", "ot", "do", "za", "po", "iz", "pri", "dlya", "bez",
            "pod", "nad", "cherez", "kak", "ne", "ili", "eto", "chto"}
_RUSSIAN_END = re.compile(r"(?:yi|ii|aya|yaya|oye|oe|ogo|ego|ykh|ikh|ami|ymi|oi|iya|ya|yu|nye|nyi|my|ty|ny|ie)$")
_RUSSIAN_CLUSTER = re.compile(r"(?:kh|zh|shch|ts|['’])")
_LATIN_WORD = re.compile(r"[A-Za-z'’]+")
_MID_VOL = re.compile(r"[Vv]ol\.\s*(\w+)(?:,\s*\*([^*]+)\*)?")
_MID_VOLS = re.compile(r"(\d+)\s+vols\.")
# a role word right after a comma ("ed. X", "trans. by Y", "ed. and trans. Z"); names run to the next part
_MID_ROLES = tuple((role, re.compile(
    rf"(?:^|,)\s*(?:{_ROLE}\s+and\s+)?{word}\.(?:\s+and\s+{_ROLE})?\s*(?:by\s+)?(.+?)"
    rf"(?=,\s*(?:{_ROLE}|[Vv]ol\.|\d+\s+vols\.|{_EDITION}|\*)|$)"))
    for role, word in (("editor", "ed"), ("translator", "trans"), ("compiler", "comp")))
_MID_EDITION = re.compile(r"(\d+)(?:st|nd|rd|th)\s+ed\.|(rev\.)\s+ed\.")
_DATED_LEAD = re.compile(rf"^(?P<title>[A-Z].+?),\s*(?P<date>{DATE})\s*$")
_CONTAINER_YEARS = re.compile(r"(?P<abbr>.+?),\s*(?P<years>\d{4}\s*[–-]\s*\d{4})")
_SHORT_TAIL = re.compile(rf"(?:,\s*[Vv]ol\.\s*(?P<vol>\w+))?(?:{_LOC}|,\s*{BARE})?")
_SHORT_TAIL_QUOTED = re.compile(rf"\s*(?:{LOCATOR}|{BARE})?")
_SERIES = re.compile(r"\s+series\b")


@dataclass
class WorkMatch:
    kind: str  # FULL or SHORT
    start: int  # in the sentence: where the work's own text starts (authors or title)
    end: int
    item: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None
    label: str | None = None
    author: str | None = None
    short_title: str | None = None
    suffix: str | None = None
    warnings: list[str] = field(default_factory=list)
    abbreviation: tuple[str, dict[str, Any]] | None = None  # a "hereinafter" definition read here


@lru_cache(maxsize=4096)
def language_of(title: str) -> str | None:
    """"ru" for a transliterated Russian title, else None (English is not marked)."""
    ws = [w.lower() for w in _LATIN_WORD.findall(title)]
    if not ws or any(w in _ENGLISH for w in ws):
        return None
    hits = sum(1 for w in ws if w in _RUSSIAN or (len(w) > 3 and (_RUSSIAN_END.search(w)
                                                                  or _RUSSIAN_CLUSTER.search(w))))
    return "ru" if hits >= 2 and hits * 4 >= len(ws) else None


def _title(text: str) -> str:
    return " ".join(text.replace("*", "").split()).strip(" ,")


def _set_title(item: dict[str, Any], title: str) -> None:
    item["title"] = _title(title)
    lang = language_of(item["title"])
    if lang:
        item["language"] = lang


def _names(text: str) -> tuple[list[dict[str, str]], bool]:
    return parse_names(text.replace("*", ""))


def _add_names(item: dict[str, Any], role: str, text: str, warnings: list[str]) -> None:
    names, et_al = _names(text)
    if names:
        item[role] = names
    if et_al:
        item.setdefault("custom", {}).setdefault("et_al", []).append(role)


def _locator(m: re.Match[str]) -> tuple[str | None, str | None]:
    return match_locator(m)


def _stops(s: str, pos: int) -> bool:
    return _END_RE.match(s, pos) is not None


def _ends_with(head: str, *endings: str) -> bool:
    """Cheap test before an end-anchored search: does `head` (trailing space ignored) end so?"""
    return head.rstrip().endswith(endings)


def read_book(s: str, anchor: re.Match[str], head: str, head_start: int) -> WorkMatch | None:
    """*Title*[, Vol. 1, *Vol. title*][, ed. by X][, trans. by Y] (Place: Publisher, Year)[, Vol. N][, p. 5]."""
    m = _BOOK_MID.match(s, anchor.end())
    if not m:
        return None
    item: dict[str, Any] = {"type": "book"}
    warnings: list[str] = []
    start = anchor.start()
    a = _AUTHORS_END.search(head) if _ends_with(head, ",") else None
    if a:
        start = head_start + a.start()
        _add_names(item, "editor" if a.group("ed") else "author", a.group("names"), warnings)
    _set_title(item, anchor.group("t"))
    mid = m.group("mid")
    vol = _MID_VOL.search(mid)
    if vol:
        item["volume"] = vol.group(1)
        if vol.group(2):
            item["volume-title"] = _title(vol.group(2))
    for role, rx in _MID_ROLES:
        r = rx.search(mid)
        if r:
            _add_names(item, role, r.group(1), warnings)
    edition = _MID_EDITION.search(mid)
    if edition:
        item["edition"] = edition.group(1) or "rev."
    vols = _MID_VOLS.search(mid)
    if vols:
        item["number-of-volumes"] = vols.group(1)
    item["publisher-place"] = " ".join(m.group("place").split())
    item["publisher"] = " ".join(m.group("publisher").split())
    item["issued"] = {"date-parts": [[int(m.group("year"))]]}
    if m.group("vol2"):
        item["volume"] = m.group("vol2")
    locator, label = _locator(m)
    return WorkMatch(FULL, start, m.end(), item, locator, label, warnings=warnings)


def read_collection_document(s: str, anchor: re.Match[str], head: str, head_start: int,
                             abbreviations: dict[str, dict[str, Any]]) -> WorkMatch | None:
    """Title, Date, in [Corporate author,] *Collection*[, 1958–1960], Vol. XVIII[, pt. 2], pp. 392–394."""
    inm = _IN_END.search(head)
    if not inm:
        return None
    lead = head[: inm.start()]
    signals = list(SIGNAL.finditer(lead))
    skip = signals[-1].end() if signals else 0
    skip += len(lead[skip:]) - len(lead[skip:].lstrip(" ,"))
    dm = _DATED_LEAD.search(lead[skip:])
    if not dm:
        return None
    m = _COLLECTION_TAIL.match(s, anchor.end())
    container = _title(anchor.group("t"))
    years = None
    cy = _CONTAINER_YEARS.fullmatch(container)
    if cy:
        container, years = cy.group("abbr"), cy.group("years")
    if m.group("years"):
        years = m.group("years")
    if not (m.group("vol") or m.group("pages") or m.group("doc")):
        return None
    item: dict[str, Any] = {"type": "chapter"}
    title_start = head_start + skip + dm.start("title")
    item["title"] = _title(dm.group("title"))
    item["issued"] = parse_date(dm.group("date"))
    corp = inm.group("corp")
    known = abbreviations.get(container)
    if known:
        item["container-title-short"] = container
        if known.get("container-author"):
            item["container-author"] = [dict(n) for n in known["container-author"]]
        container = known["title"]
    if corp:
        item["container-author"] = [{"literal": " ".join(corp.split())}]
    item["container-title"] = f"{container}, {clean_range(years)}" if years else container
    if m.group("vol"):
        item["volume"] = m.group("vol")
    if m.group("part"):
        item["part"] = m.group("part")
    if m.group("doc"):
        item["number"] = m.group("doc")
    if m.group("pages"):
        item["page"] = clean_range(m.group("pages"))
    end = m.end()
    work = WorkMatch(FULL, title_start, end, item)
    h = HEREINAFTER.match(s, end)
    if h:
        abbr = h.group("abbr").strip()
        definition: dict[str, Any] = {"title": container}
        if item.get("container-author"):
            definition["container-author"] = item["container-author"]
        work.abbreviation = (abbr, definition)
        work.end = h.end()
    return work


def read_article(s: str, anchor: re.Match[str], head: str, head_start: int) -> WorkMatch | None:
    """"Title," *Journal*, Vol. 15, No. 2 (Spring 2013), pp. 51–71 — or a magazine / newspaper piece."""
    m = _ARTICLE_TAIL.match(s, anchor.end())
    if not m or m.group("in"):
        return None
    item: dict[str, Any] = {}
    warnings: list[str] = []
    start = _head_authors(item, head, head_start, anchor.start(), warnings)
    _set_title(item, anchor.group("t"))
    container = _title(m.group("cont"))
    item["container-title"] = container
    volume, issue = m.group("vol") or m.group("cvol"), m.group("no") or m.group("cno")
    jdate = m.group("jdate") or m.group("cdate")
    if volume or jdate:
        item["type"] = "article-journal"
        if volume:
            item["volume"] = volume
        if issue:
            item["issue"] = issue
        date = parse_date(jdate or "")
        if date:
            item["issued"] = date
    else:
        newspaper = bool(m.group("cplace")) or bool(_NEWSPAPER_WORDS.search(container))
        item["type"] = "article-newspaper" if newspaper else "article-magazine"
        if m.group("cplace"):
            item["publisher-place"] = m.group("cplace").strip()
        item["issued"] = parse_date(m.group("ndate"))
    pages = m.group("pages") or m.group("cpages")
    if pages and not (volume or jdate) and not re.search(r"[–—-]", pages):
        # a paper's one page is the place cited, as the labeller reads it: "…, Time, 13 July 1962, p. 89."
        return WorkMatch(FULL, start, m.end(), item, locator=clean_range(pages), label="page", warnings=warnings)
    if pages:
        item["page"] = clean_range(pages)
    return WorkMatch(FULL, start, m.end(), item, warnings=warnings)


def read_chapter(s: str, anchor: re.Match[str], head: str, head_start: int) -> WorkMatch | None:
    """"Title," in Editor, ed., *Book* (Place: Publisher, Year), pp. 1–20 (or *Book*, ed. Editor (...))."""
    m = _CHAPTER_TAIL.match(s, anchor.end())
    if not m:
        return None
    item: dict[str, Any] = {"type": "chapter"}
    warnings: list[str] = []
    start = _head_authors(item, head, head_start, anchor.start(), warnings)
    _set_title(item, anchor.group("t"))
    item["container-title"] = _title(m.group("book"))
    eds = m.group("eds") or m.group("eds2")
    if eds:
        _add_names(item, "editor", eds, warnings)
    item["publisher-place"] = " ".join(m.group("place").split())
    item["publisher"] = " ".join(m.group("publisher").split())
    item["issued"] = {"date-parts": [[int(m.group("year"))]]}
    if m.group("pages"):
        item["page"] = clean_range(m.group("pages"))
    return WorkMatch(FULL, start, m.end(), item, warnings=warnings)


def read_paper(s: str, anchor: re.Match[str], head: str, head_start: int) -> WorkMatch | None:
    """"Title," CWIHP Working Paper No. 13, Washington, DC: Publisher, July 1995, pp. 18–19."""
    m = _PAPER_TAIL.match(s, anchor.end())
    if not m:
        return None
    item: dict[str, Any] = {"type": "report"}
    warnings: list[str] = []
    start = _head_authors(item, head, head_start, anchor.start(), warnings)
    _set_title(item, anchor.group("t"))
    item["genre"] = " ".join(m.group("series").split())
    item["number"] = m.group("num")
    item["publisher-place"] = " ".join((m.group("place") or m.group("place2")).split())
    item["publisher"] = " ".join((m.group("pub") or m.group("pub2")).split())
    item["issued"] = parse_date(m.group("date") or m.group("date2"))
    locator, label = _locator(m)
    return WorkMatch(FULL, start, m.end(), item, locator, label, warnings=warnings)


def read_forum(s: str, anchor: re.Match[str], head: str, head_start: int, sentence_end: int) -> WorkMatch | None:
    """Author, H-Diplo Forum on "Subject," ... — an online forum post titled "H-Diplo Forum on “Subject”";
    the rest of the sentence (the discussed work's details) is its note."""
    if not (("Forum" in head or "Roundtable" in head) and _ends_with(head, "on")):
        return None
    f = _FORUM_END.search(head)
    if not f:
        return None
    item: dict[str, Any] = {"type": "post"}
    warnings: list[str] = []
    _add_names(item, "author", f.group("names"), warnings)
    forum = f.group("forum")
    subject = _title(anchor.group("t"))
    item["title"] = f"{forum} {head[f.start('forum') + len(forum):].strip()} “{subject}”"
    item["container-title"] = forum  # the forum discusses the subject: no reviewed-title, which would print
    # "review of Subject" and shorten to "Author, review."; the reviewed work's details stay in the note
    rest = s[anchor.end(): sentence_end].strip(" ,.")
    if rest:
        item["note"] = _title(rest)
    return WorkMatch(FULL, head_start + f.start(), sentence_end, item, warnings=warnings)


def read_short(s: str, anchor: re.Match[str], head: str, head_start: int, quoted: bool) -> WorkMatch | None:
    """Author, *Short Title*[, Vol. 1][, p. 5] — or "Short title," p. 89 — with nothing else around."""
    a = _SHORT_AUTHOR_END.search(head) if _ends_with(head, ",") else None
    bare = not head.strip()
    if not a and not bare:
        return None
    tail = _SHORT_TAIL
    pos = anchor.end()
    if quoted and anchor.group("p") == ",":
        tail = _SHORT_TAIL_QUOTED
    m = tail.match(s, pos)
    if quoted and anchor.group("p") not in (",", "."):
        return None
    if not _stops(s, m.end()) and not (quoted and anchor.group("p") == "." and m.end() == pos):
        return None
    if bare and not m.groupdict().get("loc") and not quoted:
        return None
    if bare and quoted and not m.groupdict().get("loc"):
        return None
    work = WorkMatch(SHORT, head_start + a.start() if a else anchor.start(), m.end())
    work.author = a.group("names") if a else None
    work.short_title = _title(anchor.group("t"))
    work.locator, work.label = _locator(m)
    if m.groupdict().get("vol"):
        work.item["volume"] = m.group("vol")
    return work


def read_serial(s: str, start: int, end: int, title: str, sentence_end: int) -> WorkMatch | None:
    """the *Statistical yearbook* series for 1961–1964 — a serial cited as a whole (`title` is s[start:end],
    with or without its marks)."""
    m = _SERIES.match(s, end)
    if not m:
        return None
    item: dict[str, Any] = {"type": "periodical"}
    _set_title(item, title)
    work = WorkMatch(FULL, start, sentence_end, item)
    work.suffix = s[end: sentence_end].strip(" .")
    return work


# a title's words (one may end its main title: "godu:"), years and ellipsis dots
_TITLE_TOKEN = re.compile(r"(?:[^\W\d_]|['’-])+:?|\d{4}|\.{1,3}|…")
_CYRILLIC_CAPITAL = re.compile(r"[А-ЯЁІЇЄҐ]")
_TITLE_TOKENS = 16


def foreign_serials(s: str) -> list[tuple[int, int]]:
    """(start, end) of each title before "series" that is Russian, in Cyrillic or transliterated, written
    without italics: "See the annual Vneshnyaya torgovlya SSSR za . . . Statisticheskii obzor series for
    1961–1964." A title in another language than the note's marks itself as italics would. The title runs back
    from "series" over words, years and ellipsis dots (no other punctuation than a subtitle's colon, at most 16
    of them) and starts at the first capitalised word from which the rest is Cyrillic or `language_of` reads
    it as Russian."""
    out: list[tuple[int, int]] = []
    for m in _SERIES.finditer(s):
        end = m.start()
        window = max(0, end - 400)
        tokens = [(t.start() + window, t.group()) for t in re.finditer(r"\S+", s[window:end])]
        run: list[tuple[int, str]] = []
        for pos, tok in reversed(tokens[-_TITLE_TOKENS:]):
            if not _TITLE_TOKEN.fullmatch(tok):
                break
            run.append((pos, tok))
        for pos, tok in reversed(run):
            if _CYRILLIC_CAPITAL.match(tok) or (tok[0].isupper() and language_of(s[pos:end]) == "ru"):
                out.append((pos, end))
                break
    return out


def _head_authors(item: dict[str, Any], head: str, head_start: int, default: int, warnings: list[str]) -> int:
    """Read authors written just before a quoted title ("Name, " or "Name ... in "); return the work's start."""
    a = _AUTHORS_END.search(head) if _ends_with(head, ",") else None
    if a:
        _add_names(item, "editor" if a.group("ed") else "author", a.group("names"), warnings)
        return head_start + a.start()
    p = _PROSE_AUTHORS_END.search(head) if _ends_with(head, "in") else None
    if p:
        _add_names(item, "author", p.group("names"), warnings)
    return default
