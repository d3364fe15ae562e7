"""Rules for what has a closed grammar, applied over the labeller's output: archival references (Latin and
Cyrillic fond/opis/delo/list, papka, spr./ark., TNA, NARA), back-references (ibid., idem, op. cit., там же,
указ. соч., "see note 12 above") and signal phrases. Each rule gives spans with a label; tokens inside a span
take the rule's label (archival references get one label per level)."""

from __future__ import annotations

import re
from bisect import bisect_left

from zotero_cw.archives import Registry, find_archival_refs, find_compact_refs, find_unnamed_refs
from zotero_cw.parse.dates import DATE, MONTH, SHORT_MONTH
from zotero_cw.parse.fields import ROLE_WORD
from zotero_cw.parse.gost import gost_press_spans, gost_spans
from zotero_cw.parse.labeller import Labelled
from zotero_cw.parse.lexicon import default_lexicon
from zotero_cw.parse.shortforms import YEAR_ONLY, short_form_spans
from zotero_cw.parse.spans import BACKREF, RuleSpan
from zotero_cw.parse.text import REMARK, STATUS_WORDS

SUPRA_WORDS = re.compile(r"op\.|cit\.|supra|infra|above|указ|loc\.|note\s+\d", re.IGNORECASE)
NOTE_REF = re.compile(r"(?:note|n\.)\s*(\d+)", re.IGNORECASE)
SIGNAL = re.compile(  # the lookahead: every alternative's first letter, tested before the lookbehinds
    r"(?=[SsCcQqFfEeAaСсЦцПп])(?:^|(?<=[;(]\s)|(?<=[.;]\s\s)|(?<=[.]\s))(?:[Ss]ee(?:,?\s+also)?(?:,?\s+for\s+example)?|[Cc]f\.|[Cc]ompare"
    r"|[Qq]uoted\s+in|[Cc]ited\s+in|[Ff]or\s+(?:example|instance),?(?:\s+see)?|[Ee]\.g\.,?|[Aa]lso"
    r"|[Сс]м\.(?:\s+также)?:?|[Цц]ит\.\s+по:?|[Пп]одробнее\s+см\.:?|[Сс]р\.:?)(?=\s)")

_LEVEL_WORDS = [
    ("fond", re.compile(r"^(?:f|ф|fond|фонд|rg|record)\.?$", re.IGNORECASE)),
    ("opis", re.compile(r"^(?:op|оп|opis['’]?|опись)[.,]?$", re.IGNORECASE)),
    ("delo", re.compile(r"^(?:d|д|delo|дело|spr|спр)\.?$", re.IGNORECASE)),
    ("folio", re.compile(r"^(?:l|ll|л|лл|list|listy|ark|арк)\.?$", re.IGNORECASE)),
    ("unit", re.compile(r"^(?:p|pap|pa|papka|п|папка|box|folder|reel|carton)\.?$", re.IGNORECASE)),
]


def archival_spans(text: str, registry: Registry) -> list[RuleSpan]:
    found = find_archival_refs(text, registry) + find_compact_refs(text, registry) + find_unnamed_refs(text)
    found.sort(key=lambda pair: (pair[0][0], -pair[0][1]))
    out: list[RuleSpan] = []
    last = -1
    for (a, b), ref in found:
        if a < last:
            continue
        out.append(RuleSpan(a, b, "archival", ref))
        last = b
    return out


def backref_spans(text: str) -> list[RuleSpan]:
    return [RuleSpan(m.start(), m.end(), "backref") for m in BACKREF.finditer(text)]


# when a web page was read: "accessed May 5, 2010", "accessed on 5 May 2010", "retrieved 2010-05-05", "дата
# обращения: 05.05.2010" — the word and its date
ACCESSED = re.compile(rf"(?<!\w)\(?(?:[Aa]ccessed|[Rr]etrieved|[Vv]iewed|[Дд]ата\s+обращения:?)(?:\s+on)?\s+"
                      rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|{DATE})(?![\w-])\)?")


def accessed_spans(text: str) -> list[RuleSpan]:
    if "ccessed" not in text and "etrieved" not in text and "iewed" not in text and "обращения" not in text:
        return []
    return [RuleSpan(m.start(), m.end(), "accessed") for m in ACCESSED.finditer(text)]


# a book's imprint in brackets: "(St Petersburg: Nauka, 2016)", "(Cambridge, MA: Harvard University Press,
# 1995)", "(Moscow: Izdatel'stvo politicheskoi literatury, 1987)" — place, publisher and year, whatever words
# the place has (the labeller knows the common places only)
_IMPRINT = re.compile(
    r"\((?P<location>[A-ZА-ЯЁ][\w'’.-]*(?:,?\s+[A-ZА-ЯЁ][\w'’.-]*){0,3}):\s*"
    r"(?P<publisher>[^():;,\d][^():;\d]{0,100}?),\s*(?P<date>(?:1[5-9]|20)\d\d(?:\s*[–-]\s*\d{2,4})?)\)")


_AFTER_IMPRINT = ("volume", "date", "pages", "locator")
_KEEPER_AT_END = re.compile(r",\s+(?P<name>(?:[A-Z][\w'’.&-]*\s+){0,5}(?:Archives?|Library|Libraries))"
                            r"(?=\s*(?:[.;)]|$))")
_PAPERS_BEFORE_BOX = re.compile(r"(?:^|[;(]\s*|\.\s+)(?P<papers>(?:[A-Z][\w'’.&-]*\s+){0,6}"
                                r"(?:[Pp]apers|[Cc]ollection|[Ff]iles)),\s+(?=(?:[Bb]ox|[Ff]older)\s+\d)")
_INTERVIEW_WITH = re.compile(r"(?:^|(?<=[;.(]\s)|(?<=\())\s*Interview(?:ed)?\s+(?:with|by)\s+[^,;()]{2,80}")
_PLACE_THEN_DAY = re.compile(rf",\s+(?P<place>[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+)?),\s+"
                             rf"(?P<day>\d{{1,2}}\s+(?:{MONTH}|{SHORT_MONTH})\s+\d{{4}}|{MONTH}\s+\d{{1,2}},\s+\d{{4}})")
_SERIAL_VOLUME = re.compile(
    r"(?<!\w)(?P<title>(?!(?:See|Also|In|On|For|The)\s)[A-Z][\w'’-]*"
    r"(?::?\s+(?:of|on|the|and|for|in|[A-Z][\w'’-]*)){1,8}),\s+"
    r"(?P<year>(?:1[89]|20)\d\d(?:[–-]\d{2,4})?),\s+(?P<vol>[Vv]ol\.\s*[IVXLC\d]+)(?=[,.;)\s]|$)")
_DAY_ELEMENT = re.compile(rf",[”\"]?\s+(?P<day>\d{{1,2}}\s+(?:{MONTH}|{SHORT_MONTH})\s+(?:\d{{4}}|\d{{2}})"
                          rf"|{MONTH}\s+\d{{1,2}},\s+\d{{4}})(?=\s*[,;)]|\.(?:\s|$)|$)")
_STATUS = re.compile(rf"\((?:{STATUS_WORDS})\)", re.IGNORECASE)
ARCHIVAL_LABELS = ("archive", "fond", "opis", "delo", "folio", "unit")
_DATED = re.compile(rf"(?<![\w-])(?:{DATE}),\s+(?=\d)")  # a whole date, then a number
_DIGIT_COMMA = re.compile(r"[\d.],\s+\d")  # what every such date and number has: looked for first (cheap)
_PAGE_TOKEN = re.compile(r"\d+(?:[–-]\d+)?[,.;]?")


# the State Department's weekly, whose publisher's name the labeller reads apart: "Department of State Bulletin,
# July 10, 1961, pp. 57-58"
_BULLETIN = re.compile(r"(?<!\w)(?:(?:[Tt]he\s+)?Department\s+of\s+State|State\s+Department)\s+Bulletin\b,?")


def bulletin_spans(text: str) -> list[RuleSpan]:
    return [RuleSpan(m.start(), m.end(), "container-title") for m in _BULLETIN.finditer(text)] \
        if "Bulletin" in text else []


def imprint_spans(text: str) -> list[RuleSpan]:
    if ":" not in text:
        return []
    return [RuleSpan(m.start(name) - (name == "location"), m.end(name) + 1, name)
            for m in _IMPRINT.finditer(text) for name in ("location", "publisher", "date")]


def signal_spans(text: str) -> list[RuleSpan]:
    return [RuleSpan(m.start(), m.end(), "signal") for m in SIGNAL.finditer(text)]


_PART = (r"(?:[Ff]\.|[Ff]ond|[Фф]\.|[Oo]p\.|[Оо]п\.|[Pp]ap?\.|[Dd]\.|[Дд]\.|[Ss]pr\.|[Сс]пр\.|[Ll]l?\."
         r"|[Лл]л?\.|[Aa]rk\.|[Аа]рк\.)\s*(?:[A-ZР]-?)?\d+[a-zа-я]?(?:\s*(?:ob|об)\.?)?"
         r"(?:\s*[–-]\s*\d+(?:\s*(?:ob|об)\.?)?)?")


# what follows a back-reference and ends the citation: its locator ("Ibid., 45." "Ibid, Appendix 2." "Там же. С. 7.")
_BACK_LOCATOR = re.compile(
    r"[\s,.]*(?P<loc>(?:(?:pp?|vols?|chaps?|ch|nos?|docs?|figs?|pts?|apps?|secs?|paras?|[Сс]|[Тт])\.\s*"
    r"|(?:[Aa]ppendix|[Aa]nnex|[Tt]able|[Dd]ocument|[Pp]art|[Cc]hapter)\s+)?"
    r"[\dIVXLC]+[a-z]?(?:\s*[-–]\s*[\dIVXLC]+[a-z]?)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*)\.?\s*(?=$|;)")


def locator_spans(text: str, backrefs: list[RuleSpan]) -> list[RuleSpan]:
    """The locator that alone follows a back-reference, up to the end of the citation."""
    out = []
    for sp in backrefs:
        m = _BACK_LOCATOR.match(text, sp.end)
        if m:
            out.append(RuleSpan(m.start("loc"), m.end("loc"), "locator"))
    return out


_PARTIAL = re.compile(rf"[\s,.]*{_PART}(?:[\s,.]+{_PART})*")


def partial_spans(text: str, backrefs: list[RuleSpan]) -> list[RuleSpan]:
    """Archival levels named right after a back-reference: "Ibid., op. 5, d. 212", "Там же. Д. 88. Л. 3"."""
    out = []
    for sp in backrefs:
        m = _PARTIAL.match(text, sp.end)
        if m:
            out.append(RuleSpan(sp.end, m.end(), "archival"))
    return out


def _archival_labels(text: str, tokens: list[Labelled], span: RuleSpan) -> list[str]:
    """Per-token labels inside an archival span: the archive's name, then each level word and its number."""
    labels = []
    current = "archive"
    notation = span.ref.extra.get("notation") if span.ref is not None else None
    if notation == "mofa":  # the archive's name, then the file number
        return ["unit" if re.search(r"\d", t.token.text) else "archive" for t in tokens]
    if notation == "as-written":  # a library's papers: the library, its collection, then series and files
        level = 0
        for t in tokens:
            labels.append(("archive", "fond", "opis")[level])
            if t.token.text.endswith(","):
                level = min(level + 1, 2)
        return labels
    compact = notation in ("tna", "nara")
    for t in tokens:
        word = t.token.text.strip(",.;:()")
        if compact:
            if re.fullmatch(r"[A-Z]{1,5}", word) and re.match(r"\d", text[t.token.end + 1: t.token.end + 2] or ""):
                current = "fond"  # "FO 371/84532": department, then series/piece
            elif word.lower() in ("rg", "record"):
                current = "fond"
            elif word.lower() in ("box", "folder"):
                current = "unit"
            elif current == "fond" and "/" in word:
                current = "delo" if span.ref and span.ref.extra.get("notation") == "tna" else current
            elif current == "fond" and not re.match(r"\d", word) and labels and labels[-1] == "fond" \
                    and word.lower() not in ("group",):
                current = "opis"
            labels.append(current)
            continue
        for level, rx in _LEVEL_WORDS:
            if rx.match(word) or rx.match(t.token.text.split(".")[0].lower() + "."):
                current = level
                break
        labels.append(current)
    return labels


_NAME_BEFORE = re.compile(r"[A-ZА-ЯЁІЇЄ][\w'’-]+,")
_INITIAL = re.compile(r"[A-ZА-ЯЁІЇЄ]\.(?:[A-ZА-ЯЁІЇЄ]\.)?")
_GOST_SURNAME = re.compile(r"[А-ЯЁІЇЄ][а-яёіїєʼ'’-]+")


def _tokens_in(starts: list[int], a: int, b: int) -> range:
    """Indices of the tokens starting in [a, b) (token starts are sorted): a binary search, not a scan."""
    return range(bisect_left(starts, a), bisect_left(starts, b))


def _set(labels: list[str], indices: range | list[int], label: str, only: tuple[str, ...] | None = None) -> None:
    """Give these tokens `label` (only those now labelled one of `only`, when it is given)."""
    for k in indices:
        if only is None or labels[k] in only:
            labels[k] = label


# what a sentence that ends in an imprint starts with: the author, a comma, the title ("… from morality.” Maureen
# Junker-Kenny, Self, Christ and God in Schleiermacher's Dogmatics (Berlin: …)")
_AUTHOR_TITLE = re.compile(
    r"(?P<author>(?:[A-Z][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|de|van|von|der)){1,4}),\s+(?P<title>[A-Z0-9“\"«][^;()]{2,240})$")
_SENTENCE_END = re.compile(r"(?:(?<=[a-z0-9)]{2})(?<![\s(]ed)(?<![\s(]eds)(?<!trans)(?<!vol)(?<![\s(]no)(?<![\s(]pp)"
                           r"[.!?]|[.!?][”\"]|;)\s+(?=[A-Z])")  # not after an initial or "ed.", "trans.", "vol."


_PLACE_YEAR = re.compile(r"\((?=[A-Z])[\w'’. -]{2,40}?,\s*(?:1[5-9]|20)\d\d\)")  # "(Paris, 1982)": place and year


def _after_imprints(imprints: list[RuleSpan], tokens: list[Labelled], starts: list[int], labels: list[str],
                    text: str) -> None:
    for m in _PLACE_YEAR.finditer(text) if ", " in text else ():
        i = bisect_left(starts, m.start()) - 1
        if i >= 0 and labels[i] not in ARCHIVAL_LABELS:
            _author_and_title(text, m.start(), tokens, starts, labels)
    for sp in imprints:
        if sp.label == "location":  # the title runs up to the imprint: "Saint Sergius in Paris: The Orthodox
            # Theological Institute (New York: …)" has no place or publisher before the bracket
            i = bisect_left(starts, sp.start) - 1
            while i >= 0 and labels[i] in ("title", "location", "publisher"):
                labels[i] = "title"
                i -= 1
            if i < 0 or labels[i] not in ARCHIVAL_LABELS:
                _author_and_title(text, sp.start, tokens, starts, labels)
        elif sp.label == "date":  # "(…, 1951), 90, 19–20.": numbers after the imprint read as a volume, a
            # date or nothing at all are the pages cited (a chapter's pages, all labelled pages, stay its pages)
            i = j = bisect_left(starts, sp.end)
            while j < len(tokens) and _PAGE_TOKEN.fullmatch(tokens[j].token.text) and labels[j] in (
                    *_AFTER_IMPRINT, "other"):
                j += 1
            if {"volume", "date", "other"} & set(labels[i:j]):  # the year is in the bracket, a volume before it
                labels[i:j] = ["locator"] * (j - i)


# where "Author, Title" may begin after prose: "… are recounted in Walter LaFeber, The Clash (…)", "see also
# Donald Mackenzie Wallace, Russia (…)", "the main argument of Oscar Sanchez-Sibony, Red Globalization (…)"
_AFTER_PROSE = re.compile(r"(?:(?<=\s)|^)(?:[Ss]ee|[Cc]f\.|[Cc]ompare|also|esp\.|especially)(?:,?\s+(?:also|for\s+"
                          r"example|e\.g\.),?)?\s+(?=[A-Z])|(?<=[a-z]\s)(?P<prose>in|by|of|from|to)\s+(?=[A-Z])")
# prose before "in", "by", "of": a lowercase word of its own ("recounted in", "the work of"), which a title in
# title case lacks ("The International Conferences of American States, First Supplement")
_PROSE_WORD = re.compile(r"(?<![\w'’-])(?!(?:with|from|that|this|than|into|upon|over|under)\b)[a-z]{4,}"
                         r"(?:\s+\w+){0,3}\s+$")
_BREAK = re.compile(r"(?:[a-z]{2}|[A-Z]{2})[.!?]\s+[A-Z]")  # "… PBAFP KFYA. For discussion …": a sentence ends
_CHAPTER = re.compile(r"[,”\"’]\s+in\s+[A-ZА-ЯЁ“\"«]")  # "“Title,” in Book": a chapter, its container's author
# a title ends where its editor, translator or edition begins: "…, The Vocation of Man, trans. William Smith, 2nd ed."
_TITLE_END = re.compile(r",\s+(?:(?P<preface>(?:with\s+an?\s+)?(?:preface|foreword|introduction|afterword)\s+by)"
                        r"|(?:ed|trans|transl|comp|rev)\.(?!,)|(?:edited|translated|compiled)\s+by"
                        r"|\d+(?:st|nd|rd|th)\s+ed\.)")


def _author_and_title(text: str, at: int, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """The sentence before the imprint at `at` is "Author, Title" (or ends in it, after prose and "in", "see" or
    "by"): its words get those labels where the labeller took them for commentary after prose or a quotation,
    the prose before is commentary, and the sentence before is not the author's."""
    begin = max([m.end() for m in _SENTENCE_END.finditer(text, max(0, at - 320), at)], default=0)
    end = at - 1 if text[at - 1: at] == " " else at
    cut = _TITLE_END.search(text, begin, end)
    head = ROLE_WORD.search(text, begin, cut.start() if cut else end)
    if head:  # (names with a role word before the title are editors or translators, read as such)
        return
    end = cut.start() if cut else end
    m = _AUTHOR_TITLE.fullmatch(text, begin, end)
    if m is None or SIGNAL.match(m.group("author") + " "):
        m = next((m for p in _AFTER_PROSE.finditer(text, begin, end)
                  if (not p.group("prose") or _PROSE_WORD.search(text, max(begin, p.start() - 40), p.start()))
                  and (m := _AUTHOR_TITLE.fullmatch(text, p.end(), end)) and not m.group("title")[0].isdigit()
                  and not _BREAK.search(m.group("title"))), None)
    if m is None or SIGNAL.match(m.group("author") + " ") or _CHAPTER.search(m.group("title")):
        return
    first = bisect_left(starts, m.start("author"))
    misread = ("comment", "other", "author", "editor", "container-title", "title")  # no role word: no editor
    _set(labels, _tokens_in(starts, m.start("author"), m.end("author") + 1), "author", misread)
    _set(labels, _tokens_in(starts, m.start("title"), m.end("title")), "title", misread)
    if cut and cut.group("preface"):  # ", preface by Ivan Belov": who wrote the preface, no field of the book's
        _set(labels, _tokens_in(starts, cut.start() + 1, at), "other", ("title", "editor"))
    i = first - 1
    while i >= 0 and starts[i] >= begin and labels[i] in ("title", "author", "container-title"):
        labels[i] = "comment"  # "… are recounted in": prose, not the title's first words
        i -= 1
    if i == first - 1 and first > 0 and labels[first - 1] == "author" and tokens[first - 1].token.text[:1].islower():
        labels[first - 1] = "comment"  # "… comments and suggestions. Iver G. Neumann, …"


def _keeper_at_end(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"…, box 14, folder 3, Hoover Institution Archives.": the archive named last, after its files."""
    for m in _KEEPER_AT_END.finditer(text) if ("rchiv" in text or "ibrar" in text) else ():
        inside = list(_tokens_in(starts, m.start("name"), m.end("name")))
        if inside and all(labels[k] in ARCHIVAL_LABELS for k in inside):
            _set(labels, inside, "archive")


def _papers_before_box(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"Foreign Trade Ministry papers, box 14": the papers are the collection the box is in."""
    for m in _PAPERS_BEFORE_BOX.finditer(text) if ("ox " in text or "older " in text) else ():
        inside = list(_tokens_in(starts, m.start("papers"), m.end("papers")))
        after = bisect_left(starts, m.end("papers"))
        if inside and after < len(labels) and labels[after] in ARCHIVAL_LABELS:
            _set(labels, inside, "fond")


# a chapter as Chicago cites it: the quoted title, then "in" and the book up to its editors, its imprint or its
# pages ("“Semën Frank's Expressivist Humanism,” in A History of Russian Philosophy, 1830–1930: …, ed. G. M.
# Hamburg and Randall A. Poole (Cambridge: …)"); the editors' names run to the bracket or the next comma
_CHAPTER_IN = re.compile(
    r"[,.]?[”\"]\s+(?P<book>in\s+(?!(?:the\s+)?(?:[Ss]ee|[Ff]ootnote|[Nn]ote|[Dd]ocuments?)\b)[A-Z0-9][^;]{0,300}?)"
    r"(?=,\s+(?:ed\.|eds\.|edited\s+by|trans\.|comp\.)\s|\s+\((?=[^()]*\d{4}\)))")
_EDITORS = re.compile(
    r",\s+(?P<role>(?:ed\.|eds\.|edited\s+by)(?:\s+and\s+trans(?:lated)?\.?(?:\s+by)?)?)\s+"
    r"(?P<names>(?:[A-Z][\w'’.-]*|and|de|van|von|der)(?:[\s,]+(?:[A-Z][\w'’.-]*|and|de|van|von|der)){0,12}?)(?=\s*\(|,\s*\d)")


def _chapter_in(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"“Title,” in Book, ed. X and Y (Place: …": the book is the container, the names after "ed." its editors."""
    if "in " not in text or not ("”" in text or '"' in text):
        return
    for m in _CHAPTER_IN.finditer(text):
        book = list(_tokens_in(starts, m.start("book"), m.end("book")))
        if book and not any(labels[k] in ARCHIVAL_LABELS for k in book):
            eds = _EDITORS.match(text, m.end("book"))  # the editors' names after the book: the book is no name
            _set(labels, book, "container-title",
                 ("title", "other", "comment", "container-title", "author") + (("editor",) if eds else ()))
            if eds:
                _set(labels, _tokens_in(starts, m.end("book"), eds.end("names")), "editor",
                     ("title", "other", "comment", "container-title", "author", "editor"))


def _interview_with(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"Interview with Tarora Sadao, November 26, 1968": the interview is the work, whom it was with in its
    title."""
    for m in _INTERVIEW_WITH.finditer(text) if "nterview" in text else ():
        _set(labels, _tokens_in(starts, m.start(), m.end()), "title",
             ("author", "container-title", "other", "comment", "editor"))
        where = _PLACE_THEN_DAY.match(text, m.end())
        if where and (" " not in where["place"] or where["place"].lower() in default_lexicon().lists["places"]):
            # "…, Moscow, 14 June 1998": where and when it took place (a place of one word, or a known one)
            _set(labels, _tokens_in(starts, where.start("place"), where.end("place")), "location",
                 ("comment", "other", "publisher", "container-title", "title"))
            _set(labels, _tokens_in(starts, where.start("day"), where.end("day")), "date",
                 ("comment", "other", "issue", "volume", "pages", "locator"))


def _serial_volume(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"Documents on Disarmament, 1962, vol. I, pp. 49-57": a yearly collection's volume, however the labeller
    read the capitalised words of its title (as commentary, after "Also printed in")."""
    for m in _SERIAL_VOLUME.finditer(text) if ("vol." in text or "Vol." in text) else ():
        for name, label in (("title", "title"), ("year", "title"), ("vol", "volume")):
            _set(labels, _tokens_in(starts, m.start(name), m.end(name)), label,
                 ("comment", "other", "container-title", "title", "signal", "date", "volume"))


def _day_element(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """", 2 Nov 44,", ", 14 June 1998,": a day between commas is the document's date, whatever the labeller made
    of it (a title's own dates are inside its quotation marks)."""
    for m in _DAY_ELEMENT.finditer(text) if ", " in text else ():
        at = m.start("day")
        if text.count("“", 0, at) > text.count("”", 0, at) or text.count('"', 0, at) % 2:
            continue
        _set(labels, _tokens_in(starts, at, m.end("day")), "date",
             ("unit", "other", "comment", "volume", "pages", "locator"))


def _not_yet_out(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"Jane Smith, The Unfinished Book (forthcoming).": a work not yet out, its title up to the bracket (the
    status is read off the title's end)."""
    for m in _STATUS.finditer(text) if "(" in text else ():
        i = bisect_left(starts, m.start() + 1) - 1
        inside = range(max(i, 0), bisect_left(starts, m.end()))
        if i >= 0 and not any(labels[k] in ARCHIVAL_LABELS for k in inside):
            _set(labels, inside, "title")
            j = i - 1
            while j >= 0 and labels[j] in ("other", "comment", "container-title", "title", "publisher") \
                    and not (labels[j] == "author" or tokens[j].token.text.endswith(",")):
                labels[j] = "title"
                j -= 1


def _page_after_date(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"letter to his mother, October 10, 1920, 4 (PBAFP KFYA)": a number after a whole date is a page of the
    document, not more of the date."""
    for m in _DATED.finditer(text) if _DIGIT_COMMA.search(text) else ():
        i = bisect_left(starts, m.end())
        if (i < len(tokens) and labels[i] in ("date", "accessed") and _PAGE_TOKEN.fullmatch(tokens[i].token.text)
                and not YEAR_ONLY.match(tokens[i].token.text)):
            labels[i] = "locator"


def _remark(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """", 27, emphasis mine.": the author's remark belongs to the citation it follows, not a title of its own."""
    for m in REMARK.finditer(text) if ("mphasis" in text or "talics" in text or "ranslation" in text
                                        or "espectively" in text) else ():
        inside = _tokens_in(starts, m.start("r"), m.end("r"))
        i = inside.start - 1
        if inside and i >= 0 and _PAGE_TOKEN.fullmatch(tokens[i].token.text):
            _set(labels, inside, "other")
            if labels[i] == "volume" and i > 0 and labels[i - 1] == "date":  # "(1958): 41, emphasis mine": the page
                labels[i] = "locator"


def _prose_before_quote(text: str, tokens: list[Labelled], starts: list[int], labels: list[str]) -> None:
    """"… parallel to what Timothy Mitchell describes in “Economentality: …,” Critical Inquiry, …": the title is
    what the quotation marks hold; the prose before "in" that the labeller ran into it is commentary."""
    if " in “" not in text and ' in "' not in text:
        return
    i = 0
    while i < len(labels):
        if labels[i] != "title":
            i += 1
            continue
        j = i
        while j < len(labels) and labels[j] == "title":
            j += 1
        for q in range(i + 2, j):  # a word of prose and "in" at least, before the quotation
            word = tokens[q].token.text
            if word[:1] in "“\"" and tokens[q - 1].token.text == "in" and j < len(labels) \
                    and labels[j] == "container-title" and tokens[j - 1].token.text.rstrip(",.").endswith(("”", '"')):
                labels[i:q] = ["comment"] * (q - i)
                break
        i = j


_ACRONYMS_IN_BRACKETS = re.compile(
    r"\((?P<acrs>[A-Z][A-Za-z]{1,7}[A-Z](?:\s+[A-Z][A-Za-z]{1,7}[A-Z]){0,2})\)(?=\s*(?:[.;)]|$))")
_NAME_PART = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:of|the|and|for|at|[A-Z][\w'’.&-]*))*")
_COMMA_PART = re.compile(r"[^,;()]+")


def _archive_in_brackets(text: str, tokens: list[Labelled], starts: list[int], labels: list[str],
                         registry: Registry) -> None:
    """"letter to his mother, October 10, 1920, 1–3 (PBAFP KFYA).": acronyms in brackets that end a citation,
    one of them an archive's (a document's own "Kautz Family YMCA Archives, … (KFYA)" included), are where the
    document is kept; so is the archive's name spelled out before them, and "X Papers" before that its fond."""
    for m in _ACRONYMS_IN_BRACKETS.finditer(text) if "(" in text else ():
        if not any((hit := registry.lookup(w)) and not hit[1] for w in m.group("acrs").split()):
            continue
        _set(labels, _tokens_in(starts, m.start(), m.end()), "archive")
        base = max(0, m.start() - 240)
        parts = list(_COMMA_PART.finditer(text[base: m.start()]))
        k = len(parts)
        while k and _NAME_PART.fullmatch(parts[k - 1].group().strip()):  # the comma-separated names before it
            k -= 1
        run = parts[k:]
        first = next((i for i, p in enumerate(run) if re.search(r"rchiv|ibrar", p.group())), None)
        if first is None:
            continue
        _set(labels, _tokens_in(starts, base + run[first].start(), m.start()), "archive")
        if first and re.search(r"\b(?:[Pp]apers|[Cc]ollection)\s*$", run[first - 1].group()):
            _set(labels, _tokens_in(starts, base + run[first - 1].start(), base + run[first].start()), "fond")


# the passes over the labels after the rule spans, in this order (a later one sees what an earlier one set)
_PASSES = (_keeper_at_end, _papers_before_box, _interview_with, _serial_volume, _day_element, _not_yet_out,
           _page_after_date, _remark, _chapter_in, _prose_before_quote)


def apply(text: str, tokens: list[Labelled], registry: Registry) -> tuple[list[Labelled], list[RuleSpan]]:
    """The labelled tokens with rule spans laid over them, and the archival spans found."""
    labels = [t.label for t in tokens]
    starts = [t.token.start for t in tokens]
    arch = archival_spans(text, registry)
    backrefs = backref_spans(text)
    partial = partial_spans(text, backrefs)
    imprints = imprint_spans(text)
    for spans in (imprints, bulletin_spans(text), gost_spans(text), gost_press_spans(text),
                  short_form_spans(text, registry),
                  signal_spans(text), accessed_spans(text), backrefs, locator_spans(text, backrefs)):
        for sp in spans:
            for i in _tokens_in(starts, sp.start, sp.end):
                if tokens[i].token.end <= sp.end + 1:
                    labels[i] = sp.label
    _after_imprints(imprints, tokens, starts, labels, text)
    for relabel in _PASSES:
        relabel(text, tokens, starts, labels)
    _archive_in_brackets(text, tokens, starts, labels, registry)
    for sp in backrefs:  # "Зубок, указ. соч.", "Zubok, op. cit.": the name before a back-reference is its author
        i = bisect_left(starts, sp.start) - 1
        if (i >= 0 and labels[i] != "author" and _NAME_BEFORE.fullmatch(tokens[i].token.text)
                and SUPRA_WORDS.search(text, sp.start, sp.end) and not SIGNAL.match(tokens[i].token.text[:-1] + " ")):
            labels[i] = "author"
        elif i >= 1 and SUPRA_WORDS.search(text, sp.start, sp.end):  # GOST: "Зубок В. М. Указ. соч."
            j = i
            while j >= 0 and _INITIAL.fullmatch(tokens[j].token.text) and i - j < 2:
                j -= 1
            if j < i and j >= 0 and _GOST_SURNAME.fullmatch(tokens[j].token.text):
                _set(labels, range(j, i + 1), "author")
    for sp in arch + partial:
        idx = list(_tokens_in(starts, sp.start, sp.end))
        first = idx[0] - 1 if idx else bisect_left(starts, sp.start) - 1
        if first >= 0 and tokens[first].token.end > sp.start and not text[starts[first]: sp.start].strip("([“\"'"):
            idx.insert(0, first)  # "(Department of State, …": the token the bracket opens is the archive's
        for i, lab in zip(idx, _archival_labels(text, [tokens[i] for i in idx], sp), strict=True):
            labels[i] = lab
    if not arch and not partial and "archive" not in labels:
        _no_archive(tokens, labels)
    out = [t if lab == t.label else Labelled(t.token, lab) for t, lab in zip(tokens, labels, strict=True)]
    return out, arch


_LEVEL_WORD = re.compile(r"(?i)\(?(?:f|fond|op|opis'?|d|delo|l|ll|ob|box|folder|file|series|ф|оп|д|л|лл|спр|арк)\.?,?")


def _no_archive(tokens: list[Labelled], labels: list[str]) -> None:
    """Archival levels the labeller saw in a note that names no archive and has no archival reference: "…, Vol. 1,
    Commissar, 1918–1945, ed. by …" is a book's volume title, not an opis. A run with a level word of its own
    ("d. 5, l. 3") is kept."""
    i = 0
    while i < len(labels):
        if labels[i] not in ("fond", "opis", "delo"):  # (a folio or unit alone may be a letter's page or box)
            i += 1
            continue
        j = i
        while j < len(labels) and labels[j] in ("fond", "opis", "delo"):
            j += 1
        if not any(_LEVEL_WORD.fullmatch(tokens[k].token.text) for k in range(i, j)) and i > 0 \
                and labels[i - 1] in ("title", "volume", "container-title"):
            labels[i:j] = [labels[i - 1]] * (j - i)
        i = j
