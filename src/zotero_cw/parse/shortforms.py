"""Chicago short forms as labelled spans: "[See] Gaddis, We Now Know, 45.", "Ward and Lee, “Title,” pp. 3–4.",
"Khrushchev, Memoirs, Vol. 1, p. 689.", after commentary ("… is published in Donovan, Strangers on a Bridge,
pp. 367-368"), before the author's commentary ("…, 293–303, for a critique of …"), and by the title alone
("Diplomatic Year, 12-13.")."""

from __future__ import annotations

import re

from zotero_cw.archives import Registry
from zotero_cw.parse.dates import DATE, MONTH, parse_date
from zotero_cw.parse.lexicon import default_lexicon
from zotero_cw.parse.spans import BACKREF, RuleSpan
from zotero_cw.text.sentences import split_sentences

# Chicago short form, one per chunk: "[See] Gaddis, We Now Know, 45." / "Ward and Lee, "Title," pp. 3–4."
_CAPITAL = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽА-ЯЁІЇЄҐ"  # "Über die Religion", "Łotman"
_SURNAME = rf"[{_CAPITAL}][\w'’-]+(?:\s+[{_CAPITAL}][\w'’-]+)?"
SHORT_FORM = re.compile(
    rf"(?P<signal>(?:[Ss]ee(?:\s+also)?|[Cc]f\.|[Cc]ompare)\s+)?"
    rf"(?P<author>{_SURNAME}(?:(?:,?\s+(?:and|&|и)\s+|,\s+){_SURNAME}){{0,2}}),\s+"
    rf"(?P<title>(?![Vv]ol\.)[“\"«]?[{_CAPITAL}0-9*][^;“”\"«»()]{{0,90}}?[”\"»]?),?\s+"
    r"(?:(?P<vol>[Vv]ol\.\s*[\dIVXLC]+),\s+)?"  # "Khrushchev, Memoirs, Vol. 1, p. 689."
    r"(?P<loc>(?:(?:pp?|vol|ch|chap|[Сс]|[Лл]л?|ll?)\.\s*)?[\dIVXLCivxlc][\dIVXLCivxlc]*[a-z]?(?:\s*(?:ob|об)\.?)?"
    r"(?:\s*[–-]\s*\d+[a-z]?)?(?:,\s*\d+(?:\s*[–-]\s*\d+)?)*)\.?")
_CHUNK = re.compile(r"[^;]+")
# where a short form may start after commentary: a signal, or "in" ("most of this letter is published in Donovan,
# Strangers on a Bridge, pp. 367-368")
# or right after a quotation ("… of his works,” Ramelli, Social Justice, 178.")
_SIGNAL_WORD = re.compile(r"(?<=\s)(?:[Ss]ee|[Cc]f\.|[Cc]ompare|(?P<into>in|from)|(?P<joined>and))\s"
                          r"|(?<=[,.][”\"]\s)(?=[A-Z])")
_CITATION_ENDED = re.compile(r"\d[.,]?\s*$")  # "…, pp. 244-245, and Claflin, …": a citation ended before "and"
YEAR_ONLY = re.compile(r"(?:1[5-9]|20)\d\d")


_STARTS_DATED = re.compile(rf"(?:{DATE}),")  # "14 March 1958, 3, accessed …": an issue's day, then more
_DAY_MONTH = re.compile(r"^(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?$")
_LEVEL_END = re.compile(r"(?i)\b(?:box|folder|file|reel|carton|series|entry|f|op|d|l|ll|p|pap|part|pt|no|vol)\.?$")
_MONTH_AT_END = re.compile(rf"\b(?:{MONTH})$")


# commentary after a short form's page, in the same part: "See also Williams, Sergii Bulgakov, 293–303, for a
# critique of …" (not ", and Jones, …": another citation)
_AFTER_PAGE = re.compile(r",\s+(?!and\s+[A-Z])[a-z]{2,}\b(?![.’'])[^;()]*")
# "Translation from Arjakovsky, The Way, 436–437.": what a short form may follow "from" in
_TAKEN_FROM = re.compile(r"(?:[Tt]ranslat|[Qq]uot|[Cc]it|[Aa]dapt|[Tt]aken|[Rr]eprint|[Ee]xcerpt)\w*\s+$")


def _short(text: str, a: int, b: int) -> re.Match[str] | None:
    """A short form that is the whole of text[a:b], or that the author's commentary follows (a title of a
    few words, a page that is no year: "…, Sergii Bulgakov, 293–303, for a critique of …")."""
    m = SHORT_FORM.fullmatch(text, a, b)
    if m is None and (m := SHORT_FORM.match(text, a, b)) is not None and not (
            _AFTER_PAGE.fullmatch(text, m.end(), b) and not YEAR_ONLY.match(m.group("loc"))
            and m.group("title").count(",") == 0 and not _MONTH_AT_END.search(m.group("title"))):
        m = None
    return m


def short_form_spans(text: str, registry: Registry | None = None) -> list[RuleSpan]:
    """Each ";"-separated part of a note that is exactly a Chicago short form, as labelled spans."""
    out: list[RuleSpan] = []
    pieces = [(c.start() + a, c.start() + b) for c in _CHUNK.finditer(text)
              for a, b in split_sentences(c.group())]
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if text.find(",", a, b) < 0:  # every short form has "Author, Title"
            continue
        m = _short(text, a, b)
        if not m:  # commentary, then "see Ward, Brezhnev's Folly, p. 133."
            m = next((hit for sig in _SIGNAL_WORD.finditer(text, a, b)
                      if (not sig.group("joined") or _CITATION_ENDED.search(text, a, sig.start())
                          or not text[a: sig.start()].strip())  # "…; and Ramelli, Social Justice, 178."
                      and (sig.group("into") != "from" or _TAKEN_FROM.search(text, a, sig.start()))
                      and (hit := _short(text, sig.end() if sig.group("into") or sig.group("joined")
                                         else sig.start(), b))
                      and not (sig.group("into") and (YEAR_ONLY.fullmatch(hit.group("loc"))
                                                      or text[a: sig.start()].rstrip(" ”\"'’").endswith(",")))),
                     None)
            # after "in", a place and a year ("held in Geneva, Switzerland, 1954") is not a short form, and a
            # chapter's book ("Miller, “We Can’t Yet Read Our Own Mail,” in Theoharis, A Culture of Secrecy") is
            # the chapter's
        if not m:  # "Diplomatic Year, 12-13.", "… discussed the article in White House Years, pp. 234–235."
            _title_only(text, a, b, out)
            continue
        if BACKREF.search(m.group()) or _LEVEL_END.search(m.group("title")):
            continue
        title = m.group("title").strip("“”\"«» ,")
        if parse_date(title) or _DAY_MONTH.match(title) or _STARTS_DATED.match(title):
            continue  # "Pravda, 14 February 1956, 1": a newspaper issue, not an author's short title
        if registry is not None and registry.find(m.group("author")):
            continue  # "HIA, Nicolaevsky Collection, box 13": an archive, not an author
        if m.start() > a and not re.search(r"[\d()“”\"]", text[a: m.start()]):
            out.append(RuleSpan(a, m.start(), "comment"))  # "Translation from": prose before the short form
        for name in ("signal", "author", "title", "vol", "loc"):
            if m.group(name):
                out.append(RuleSpan(m.start(name), m.end(name), {"loc": "locator", "vol": "volume"}.get(name, name)))
    return out


# a short form by its title alone, the author named before or not at all: a title in title case (a few words,
# each capitalised but the small ones), then the page; the whole part, or after "in" or "see"
_TITLE_ONLY = re.compile(
    rf"(?:(?P<lead>(?:.*?\s)?(?:in|see|See|cf\.)\s+))?(?P<title>[{_CAPITAL}][\w'’-]+(?:\s+(?:of|the|and|on|in|a|an|for|"
    rf"[{_CAPITAL}][\w'’-]*)){{0,6}}),\s+(?P<loc>(?:pp?\.\s*)?\d+(?:\s*[–-]\s*\d+)?)\.?")
_LEAD_PROSE = re.compile(r"(?:(?:.*\s)?[a-z][\w'’-]*\s+)?(?:in|see|See|cf\.)\s+")  # "… described in", "See"
PART_WORD = re.compile(r"(?i)^(?:part|chapter|chap|document|doc|volume|vol|section|appendix|annex|table|figure|"
                       r"note|footnote|box|folder|file|tab|item|enclosure|attachment|page|number|no|series)\b")
_PROSE_START = re.compile(r"(?:See|Cf|Compare|Also|In|On|For|According|As|This|That|These|Those|He|She|It|They|We|His|"
                          r"Her)\b")  # a sentence's first word, not a title's


def _title_only(text: str, a: int, b: int, out: list[RuleSpan]) -> None:
    m = _TITLE_ONLY.fullmatch(text, a, b)
    lead = m.group("lead") if m else None
    if m is None or (lead and not _LEAD_PROSE.fullmatch(lead)):
        return  # (after a comma or a quoted title: a chapter's book; after a capital: more of a title)
    title = m.group("title")
    lead = lead or ""
    if (PART_WORD.match(title) or _PROSE_START.match(title) or BACKREF.search(title) or parse_date(title)
            or _DAY_MONTH.match(title)
            or title.split()[-1] in ("in", "of", "the", "and", "on", "a", "an", "to", "for")
            or title.lower() in default_lexicon().lists["places"] or re.search(r"[\d()]", lead)):
        return  # ("in Berlin, p. 5": a place; a lead with numbers or brackets may hold a citation of its own)
    if lead:  # "Kissinger later discussed the article in": commentary
        out.append(RuleSpan(m.start("lead"), m.end("lead"), "comment"))
    out.append(RuleSpan(m.start("title"), m.end("title"), "title"))
    out.append(RuleSpan(m.start("loc"), m.end("loc"), "locator"))
