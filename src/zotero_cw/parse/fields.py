"""Labelled tokens → citations: segments grouped into one citation each, then CSL fields and a kind.

What the labeller marks as commentary stays out of every citation. Fields are cleaned of the punctuation
that joins them in a note ("(Oxford:" → "Oxford"); a date is parsed only when it reads as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.parse.corpus import OUTSIDE
from zotero_cw.parse.dates import literal_date, parse_date
from zotero_cw.parse.labeller import Labelled
from zotero_cw.parse.lexicon import default_lexicon
from zotero_cw.parse.locators import SPELLED, clean_range, label_of
from zotero_cw.parse.names import parse_names
from zotero_cw.parse.press import is_newspaper
from zotero_cw.parse.text import STATUS_WORDS

# labels that may open a new citation when the current one already has a body
_OPENERS = {"signal", "author", "backref"}
_BODY = {"title", "container-title", "publisher", "date", "locator", "pages", "volume", "url", "archive",
         "fond", "delo", "folio"}
ARCHIVAL = frozenset({"archive", "fond", "opis", "delo", "folio", "unit"})  # the archival-level labels
_STRIP = " ,.;:()[]"
_QUOTES = "\"“”«»'‘’"
# a role word, whole ("ed.", "editors", "trans."; not the "Ed" of "Edward" or the "ed" of "eds.")
_ONE_ROLE = r"(?:ed(?:ited|itors?)?(?:\.|\b)|eds\.|trans(?:lated)?(?:\.|\b)|transl\.|comp(?:iled)?(?:\.|\b))"
# "ed. Mary Gregor", "ed. and trans. Mary Gregor", "под ред.", and a role after the names ("Smith, ed.")
_ROLE = re.compile(rf"^(?:/\s*)?(?:in\s+)?(?:{_ONE_ROLE}(?:\s+and\s+{_ONE_ROLE})?(?:\s*by)?"
                   r"|под\s+ред\.|пер\.|сост\.|отв\.\s*ред\.)\s*|\s*,?\s*\(?(?:eds?|ed|trans|comp)\.?\)?\s*$",
                   re.IGNORECASE)
_AND_TRANSLATED = re.compile(r"(?i)^\W*(?:ed(?:ited)?\.?|eds\.)\s+and\s+trans")
_IN = re.compile(r"^(?:in|в|//)\s+", re.IGNORECASE)
_LOC_LABEL = re.compile(r"^(?P<label>pp?|chaps?|ch|ll?|fols?|nn?|sec|para|cols?|fig|vol|pt|с|сс|л|лл|ark|арк)\.\s*",
                        re.IGNORECASE)
_LOC_WORD = re.compile(rf"^(?P<label>{'|'.join(map(re.escape, SPELLED))})\s*(?=[0-9IVXLC])", re.IGNORECASE)
ROLE_WORD = re.compile(r"(?i)\b(?:eds?\.|ed\b|edited|editors?|comp\.|compiled|trans\.|transl|translated|introd"
                        r"|под\s+ред|ред\.|сост\.|пер\.|упоряд)|/")
_LAST_INITIAL = re.compile(r"(?:^|\s)[A-ZА-ЯЁІЇЄҐ]\.$")
_NUM = re.compile(r"[0-9IVXLCivxlc]+[a-z]?(?:\s*[–-]\s*[0-9IVXLCivxlc]+)?")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_VOL_ISSUE = re.compile(r"(?P<vol>\d+|[IVXLC]+)\s*(?:[,:]\s*(?:[Nn]o\.|№|[Ii]ssue)?\s*|,?\s*[Nn]o\.\s*)"
                        r"(?P<iss>\d+(?:[–-]\d+)?)")


@dataclass
class Read:
    """One citation read from labelled tokens: its kind, CSL fields, pinpoint, prefix and span."""

    kind: str  # full | short | ibid | supra
    start: int
    end: int
    item: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    author: str | None = None
    short_title: str | None = None
    segments: list[tuple[str, str]] = field(default_factory=list)
    doubtful: str | None = None  # why the reading should be reported rather than trusted


def _segments(tokens: list[Labelled]) -> list[tuple[str, list[Labelled]]]:
    out: list[tuple[str, list[Labelled]]] = []
    for t in tokens:
        if out and out[-1][0] == t.label and not out[-1][1][-1].token.text.endswith(";"):
            out[-1][1].append(t)
        else:
            out.append((t.label, [t]))
    return out


_ENDED = {"date", "pages", "locator", "url", "accessed", "folio", "backref"}  # ("See note 8 above. See also …")
_GOST_PART = re.compile(r"^(?:[ТСЛДФ]|Сс|Лл|Оп|Вып|Кн|Ч|№|С\.)")


def _new_sentence(cur: list[tuple[str, list[Labelled]]], nxt: Labelled) -> bool:
    """A full stop after a finished citation (it has its date, pages or locator) and a capitalised Latin
    word: the next sentence is something else, commentary or another citation. GOST references, whose parts
    follow full stops ("М., 1999. Т. 2. С. 45."), are not cut."""
    last = cur[-1][1][-1].token.text
    word = nxt.token.text.lstrip("(\"“")
    if not word[:1].isupper() or not word[:1].isascii():
        return False
    if last.endswith(")") and nxt.label not in ARCHIVAL:  # "(…, Lot 65 D 330) During their conversation": the
        return any(lab in ARCHIVAL for lab, _ in cur)  # bracketed file is over, a new sentence begins
    if not last.endswith(".") or _GOST_PART.match(word) or len(last.rstrip(".")) <= 2:  # "p.", an initial, "М."
        return False
    return any(lab in _ENDED for lab, _ in cur)


def group(tokens: list[Labelled]) -> list[list[tuple[str, list[Labelled]]]]:
    """Segments grouped into citations: a ";" ends one, commentary separates them, and an opener
    (signal, author, back-reference) after a citation's body starts the next."""
    groups: list[list[tuple[str, list[Labelled]]]] = []
    cur: list[tuple[str, list[Labelled]]] = []
    for label, toks in _segments(tokens):
        if label == OUTSIDE:
            if cur:
                groups.append(cur)
                cur = []
            continue
        if cur and label in _OPENERS and any(lab in _BODY for lab, _ in cur):
            if not (label == "author" and cur[-1][0] == "signal"):
                groups.append(cur)
                cur = []
        elif cur and _new_sentence(cur, toks[0]):
            groups.append(cur)
            cur = []
        cur.append((label, toks))
        if toks[-1].token.text.endswith(";"):
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


_IDEM = re.compile(r"^(?:idem|id\.|eadem|он\s+же|она\s+же|они\s+же)", re.IGNORECASE)
_STATUS = re.compile(rf"\s*\(?\b({STATUS_WORDS})\b\)?\.?$", re.IGNORECASE)
_LOCATOR_WORDS = {"passim", "especially", "note", "notes", "chap", "chapter", "plate", "plates", "figure", "table",
                  "part", "book", "section", "appendix", "document", "docs", "folio", "folios", "verso", "recto",
                  "column", "line", "lines", "para", "also", "and", "sheet", "fols"}
_KEEP_DOT = re.compile(r"(?:\b(?:diss|ed|eds|trans|comp|rev|repr|Jr|Sr|Inc|Co|Ltd|St|al|vol|no|n|p|pp)|\b[A-ZА-Я])\.$")
_GOST_NAME = re.compile(r"^(?P<family>[A-ZА-ЯЁ][\w'’-]+),?\s+(?P<given>(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?){1,3})$")


def _clean(text: str) -> str:
    text = " ".join(text.split())
    keep = _KEEP_DOT.search(text.rstrip(",;: )\"”"))
    text = text.strip(_STRIP)
    if text[:1] in _QUOTES and text[-1:] in _QUOTES:
        text = text[1:-1]
    text = text.strip(_QUOTES + _STRIP)
    if keep and text:
        text += "."
    for opening, closing in ("()", "[]", "“”", "«»"):  # "Spalding (1797", "200 Jahre “Reden über die Religion":
        # the bracket or quotation mark the strip took is the title's own
        if text.count(opening) == text.count(closing) + 1 and text.rfind(opening) > text.rfind(closing):
            text += closing
    return text


def _text(note: str, toks: list[Labelled]) -> str:
    return note[toks[0].token.start: toks[-1].token.end].replace("*", "")


_LOC_LEAD = re.compile(r"^(?:esp(?:ecially|\.)|see(?:\s+also)?|cf\.|and|at)\s+", re.IGNORECASE)


def _locator(text: str) -> tuple[str | None, str | None]:
    text = _LOC_LEAD.sub("", text.strip(_STRIP))
    m = _LOC_LABEL.match(text)
    label = "page"
    if m:
        label = label_of(m.group("label") + ".")
        text = text[m.end():]
    elif w := _LOC_WORD.match(text):
        label = label_of(w.group("label"))
        text = text[w.end():]
    text = text.strip(_STRIP)
    if not text:
        return None, None
    return clean_range(text), label


_NUMERIC_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _accessed(text: str) -> dict[str, Any] | None:
    """When a page was read: a date as written, or 2010-05-05 / 05.05.2010 (day first, as Russian notes write)."""
    text = text.strip().rstrip(",.;)")
    m = _NUMERIC_DAY.fullmatch(text)
    if m:
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31:
            return {"date-parts": [[int(y), int(mo), int(d)]]}
        return None
    return parse_date(text)


def build(note: str, segs: list[tuple[str, list[Labelled]]]) -> Read:
    """CSL fields of one citation group."""
    start, end = segs[0][1][0].token.start, segs[-1][1][-1].token.end
    r = Read(kind="full", start=start, end=end)
    values: dict[str, list[str]] = {}
    for label, toks in segs:
        raw = _text(note, toks)
        r.segments.append((label, raw))
        values.setdefault(label, []).append(raw)
    item: dict[str, Any] = {}

    def first(label: str) -> str | None:
        v = values.get(label)
        return _clean(" ".join(v)) if v else None

    if values.get("signal"):
        r.prefix = " ".join(" ".join(values["signal"]).split()).rstrip(",:") or None
        if segs[0][0] == "signal":
            r.start = segs[0][1][0].token.start
    if values.get("editor") and not values.get("author") and not any(ROLE_WORD.search(e) for e in values["editor"]):
        values["author"] = values.pop("editor")  # editors are named with a role word ("ed.", "под ред."); without one,
        # the names lead the citation: "…; Jean Laloy, Yalta (Paris, 1982), 7."
        if not values.get("title") and not values.get("container-title"):
            head, _, rest = values["author"][0].partition(", ")
            if rest.strip(_STRIP) and rest[:1].isupper() and len(head.split()) <= 4:
                values["author"], values["title"] = [head], [rest]
    if set(values) <= {"author", "locator", "signal"} and len(values.get("author", [])) == 1:
        # "Gaddis, We Now Know, 50": a short form read as one name — the words after the first comma are the title
        head, _, rest = values["author"][0].partition(", ")
        if rest.strip(_STRIP) and len(rest.split()) >= 1 and rest[:1].isupper():
            values["author"], values["title"] = [head], [rest]
    for role in ("author", "editor", "translator"):
        text = first(role)
        if text:
            text = _ROLE.sub("", _IN.sub("", text))
            initial = _LAST_INITIAL.search(text.rstrip(",;: "))  # "Хрущев Н. С.": the initial keeps its stop
            text = text.strip(_STRIP) + ("." if initial and text.strip(_STRIP) else "")
            names, et_al = _names(text) if text else ([], False)
            names = [n for n in names if n.get("family")]
            if names:
                item[role] = names
                if role == "editor" and _AND_TRANSLATED.match(first(role)) and not values.get("translator"):
                    item["translator"] = names  # "ed. and trans. Mary Gregor": she did both
            if et_al:
                item.setdefault("custom", {})["et_al"] = True
    title = first("title")
    if title:
        status = _STATUS.search(title)
        if status:
            item["status"] = status.group(1)
            title = title[: status.start()].strip(_STRIP)
        item["title"] = title
    container = first("container-title")
    if container and not title and values.get("editor") and not values.get("author") and not values.get("pages"):
        # "Gaimushō, ed., Nihon gaikō bunsho: Shōwa ki, vol. 2 (Tokyo: …)": the edited book itself, not a chapter
        title, container = container.strip(_STRIP), None
        item["title"] = title
    if (container and not title and values.get("author") and not _IN.match(container)
            and (values.get("publisher") or values.get("location"))
            and not (values.get("pages") or values.get("volume") or values.get("issue"))):
        # "Vogel, Japan as Number One (Cambridge, MA: …)", "Kant, Groundwork …, ed. and trans. Mary Gregor (…)":
        # no "in", no chapter title, no volume or issue: the book itself
        title, container = container.strip(_STRIP), None
        item["title"] = title
    if container and not title and _INTERVIEW.match(container):
        # "Interview with Tarora Sadao, November 26, 1968": the interview is the work, not a container
        title, container = container, None
        item["title"] = title
    if container and _NUMERAL.fullmatch(container.strip(_STRIP)):
        # "vol. XIV": a volume's number is no journal's title, whatever the labeller called it
        values["volume"] = [" ".join(values.get("volume", []) + [container])]
        container = None
    if container:
        item["container-title"] = _IN.sub("", container).strip(_STRIP)
    for label, key in (("collection-title", "collection-title"), ("publisher", "publisher"),
                       ("location", "publisher-place"), ("genre", "genre"), ("edition", "edition"),
                       ("url", "URL"), ("number", "number")):
        text = first(label)
        if text:
            item[key] = text
    if "URL" in item:
        url = " ".join(values["url"]).strip().rstrip(".,;)").lstrip("(<").rstrip(">")
        item["URL"] = re.sub(r"^(?:URL|url|Режим доступа|Available at):?\s+", "", url)  # "URL: https://…" (GOST)
    vol = first("volume")
    if vol and not values.get("issue") and re.match(r"(?i)(?:nos?\.|№|number)\s*\d", vol):
        values["issue"], vol = [vol], None  # "no. 8–9": the issue, whatever the labeller called it
    if vol:
        m = _VOL_ISSUE.search(vol)
        if m and "issue" not in values:
            item["volume"], item["issue"] = m.group("vol"), m.group("iss")
        else:
            m2 = _NUM.search(re.sub(r"(?i)^(?:vol\.|vols\.|т\.|tom)\s*", "", vol))
            item["volume"] = m2.group() if m2 else vol
    iss = first("issue")
    if iss:
        m2 = re.search(r"\d+(?:\s*[–/-]\s*\d+)?", iss)
        item["issue"] = m2.group() if m2 else iss
    pages = first("pages")
    date = first("date")
    date = _year_then_day([_clean(d) for d in values.get("date", [])]) or date
    if date:
        parsed = parse_date(date) or _loose_date(date) or literal_date(date)
        if parsed:
            item["issued"] = parsed
    acc = first("accessed")
    if acc:
        parsed = _accessed(re.sub(r"(?i)^\(?(?:accessed|retrieved|viewed|дата обращения:?)(?:\s+on)?\s*", "", acc))
        if parsed:
            item["accessed"] = parsed
    loc_text = " ".join(values.get("locator", []))
    if loc_text:
        r.locator, r.label = _locator(loc_text)
        odd = [w for w in re.findall(r"[^\W\d_]{4,}", r.locator or "") if w.lower() not in _LOCATOR_WORDS]
        if odd:
            r.doubtful = f"locator {r.locator!r} is not a page, leaf or range"
    archival = any(values.get(k) for k in ("archive", "fond", "opis", "delo", "unit"))
    if not r.locator and values.get("folio"):
        r.locator, _ = _locator(" ".join(values["folio"]))
        r.label = ("folio" if archival or r.segments[0][0] == "backref" else "page") if r.locator else None
    if not archival:
        values.pop("folio", None)
    if (not title and not container and item.get("author") and len(item["author"]) == 1 and item.get("issued")
            and len(item["issued"].get("date-parts", [[]])[0]) == 3 and _is_serial_name(first("author") or "")):
        # "Pravda, 14 February 1956, 1": a newspaper issue
        item["container-title"] = first("author")
        del item["author"]
        container = item["container-title"]
    if pages:
        single = not re.search(r"\d\s*[–—-]\s*\d", pages)
        if item.get("container-title") and (r.locator or not single):  # "300–315": the article's (or chapter's)
            item["page"] = clean_range(re.sub(r"(?i)^(?:pp?\.|с\.)\s*", "", pages))  # pages, then the place cited
        elif not r.locator:  # one page is the place a note cites: "Sobornost 9 (1987): 25", not the article's range
            r.locator, r.label = _locator(pages)
    if item.get("publisher") and ": " in item["publisher"] and "publisher-place" not in item:
        # British order "Praeger: New York 1968": publisher, then place
        pub, place = item["publisher"].split(": ", 1)
        item["publisher"], item["publisher-place"] = pub.strip(), place.strip()
    paper = _PLACE_IN_BRACKETS.fullmatch(item.get("container-title") or "")
    if paper and "publisher-place" not in item and (
            paper.group("close") or paper.group("place").lower() in default_lexicon().lists["places"]):
        # "The Times (London)": a paper and the city it is published in (Chicago 14.203)
        item["container-title"], item["publisher-place"] = paper.group("paper"), paper.group("place")
    _page_of_an_issue(item, r)
    word = " ".join(values.get("backref", [])).lower()
    if word and _IDEM.match(word) and (title or container):
        # "Idem, The Soviet Union and the Arms Race (London, 1983)": a new work by the previous author
        item.setdefault("custom", {})["idem"] = True
        item["type"] = _type(item, values)
        r.item = item
        return r
    if values.get("backref"):
        r.kind = "supra" if re.search(r"op\.|cit|supra|infra|above|указ|loc\.|n\.\s*\d|note", word) else "ibid"
        r.author = first("author")
        r.short_title = title
    elif _is_short(item, values):
        r.kind = "short"
        names = item.get("author") or []
        r.author = " and ".join(n["family"] for n in names) if names else None
        r.short_title = item.get("title")
    item["type"] = _type(item, values)
    r.item = item
    return r


def _year_then_day(dates: list[str]) -> str | None:
    """GOST gives an issue's year, then its day: "1917. - 7 сентября" → "7 сентября 1917"; several days of one
    month ("11, 18 вересня") → the month and year."""
    if len(dates) != 2 or not re.fullmatch(r"\d{4}", dates[0]):
        return None
    day = re.sub(r"^(?:\d{1,2},\s*)+(?=\d{1,2}\s)", "", dates[1])  # "11, 18 вересня" → "18 вересня"
    written = f"{day} {dates[0]}" if day == dates[1] else f"{day.split()[-1]} {dates[0]}"
    return written if parse_date(written) else None


def _page_of_an_issue(item: dict[str, Any], r: Read) -> None:
    """"Japan Times, 14 March 1958, 3": a bare number after a day's date is the page cited, not a volume."""
    parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
    labels = [lab for lab, _ in r.segments]
    if (item.get("container-title") and len(parts) == 3 and not r.locator and not item.get("issue")
            and str(item.get("volume", "")).isdigit() and "volume" in labels and "date" in labels
            and labels.index("volume") > labels.index("date")
            and not re.search(r"(?i)vol|т\.", dict(r.segments)["volume"])):
        r.locator, r.label = str(item.pop("volume")), "page"


def _names(text: str) -> tuple[list[dict[str, Any]], bool]:
    """CSL names; "Хрущев Н. С." and "Smith, J." (family name, then initials, as GOST prints) kept in order."""
    parts = [p.strip() for p in re.split(r",\s+(?=[A-ZА-ЯЁ][\w'’-]+,?\s+[A-ZА-ЯЁ]\.)|\s+(?:and|и)\s+", text)
             if p.strip()]
    gost = [_GOST_NAME.match(p.rstrip(",")) for p in parts]
    if parts and all(gost):
        return [{"family": m.group("family"), "given": " ".join(m.group("given").split())} for m in gost if m], False
    return parse_names(text)


def _is_serial_name(text: str) -> bool:
    words = default_lexicon().lists["journal_words"]
    return any(w.lower().strip(",.") in words for w in text.split())


def _loose_date(text: str) -> dict[str, Any] | None:
    m = _YEAR.search(text)
    return {"date-parts": [[int(m.group(1))]]} if m else None


_NAME_WORD = re.compile(r"[\w'’.-]+")
_PARTICLES = {"and", "et", "al", "al.", "и", "de", "van", "von", "der", "da", "del", "di", "la", "le", "du"}


def _name_word(w: str) -> bool:
    """A word of a name: capitalised in any script ("Gaddis", "Żeromski", "Хрущев"), or a particle."""
    return w in _PARTICLES or (w[:1].isupper() and _NAME_WORD.fullmatch(w) is not None)


_PLACE_IN_BRACKETS = re.compile(r"(?P<paper>[A-Z].*\S)\s+\((?P<place>[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2})"
                                r"(?P<close>\))?")


def _is_short(item: dict[str, Any], values: dict[str, list[str]]) -> bool:
    """Author (a name) and title only: "Gaddis, We Now Know" (and the volume cited: "Khrushchev, Memoirs, Vol. 1");
    "Some archive file" is not a name."""
    present = {k for k in item if k not in ("type", "custom")}
    if not (present and present <= {"author", "title", "volume"} and "title" in item
            and ("volume" not in present or "author" in present)):
        return False
    title = item["title"]
    if not (title[:1].isupper() or title[:1].isdigit() or not title[:1].isalpha()):
        return False
    author = " ".join(values.get("author", [])).replace(",", " ").split()
    return all(_name_word(w) for w in author)


_INTERVIEW = re.compile(r"(?i)\W*interview(?:ed)?\s+(?:with|by)\b")
_NUMERAL = re.compile(r"[IVXLC]+|\d+")
_MAGAZINE = re.compile(r"(?i)\b(?:bulletin|digest|magazine|weekly|review|newsletter|newsweek)\b")
_LETTER_TITLE = re.compile(r"(?:letters?|письмо|лист)\s+(?:to|from|of|к|в|до)\b")


def _type(item: dict[str, Any], values: dict[str, list[str]]) -> str:
    genre = (item.get("genre") or "").lower()
    title = (item.get("title") or "").lower()
    if any(values.get(k) for k in ARCHIVAL):
        return "manuscript"
    if "diss" in genre or "thesis" in genre or "диссертац" in genre:
        return "thesis"
    if "interview" in genre or title.startswith("interview"):
        return "interview"
    if _LETTER_TITLE.match(title) and not item.get("container-title") and not item.get("publisher"):
        return "personal_communication"  # "letter to his mother", "Letter from Stalin to Mao", "письмо …"
    if item.get("container-title"):
        parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
        if item.get("editor") or item.get("publisher") or (item.get("publisher-place") and (len(parts) < 3
                                                                              or item.get("volume"))):
            return "chapter"  # (a place and a day's date: "The Guardian (Manchester), 4 May 1951", a paper's)
        if not item.get("volume") and is_newspaper(item["container-title"]):
            return "article-newspaper"  # "Pravda, no. 43", "Izvestiia, 1956": a newspaper, however cited
        if len(parts) == 3 and not item.get("volume"):  # (a paper numbers its issues too: "№ 140")
            # a dated issue: "Pravda, 14 February 1956"; of a weekly or a bulletin, a magazine's
            return "article-magazine" if _MAGAZINE.search(item["container-title"]) else "article-newspaper"
        if item.get("volume") or item.get("issue") or item.get("page"):
            return "article-journal"
        if len(parts) >= 2:
            return "article-newspaper"
        if item.get("URL"):
            return "webpage"
        return "article-journal"
    if item.get("URL") and not item.get("publisher"):
        return "webpage"
    if item.get("publisher") or item.get("publisher-place") or item.get("edition"):
        return "book"
    if item.get("author") and item.get("title") and (item.get("issued") or item.get("status")):
        return "book"
    if item.get("title") and item.get("volume"):
        return "book"  # "Documents on Disarmament, 1962, vol. I": a volume of a work in several
    return "document"


def read_labelled(note: str, tokens: list[Labelled]) -> list[Read]:
    """Every citation in a labelled note, in order."""
    return [build(note, g) for g in group(tokens)]
