"""Documents a note describes in prose, and the archival item of a reference: U.S. correspondence ("X memorandum
to Y, date, file"), a document's description before its file or its "ibid." ("Telegram 6333 from Tokyo, August 1;
ibid."), a sentence's subject placed in the archive cited ("Idemitsu's note is in"), each with its title and date."""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.archives import ArchivalRef, Registry, find_compact_refs
from zotero_cw.parse.dates import DATE, DAY_AS_WRITTEN, HOUR, literal_date, parse_date
from zotero_cw.parse.leads import AND_OR, lead_parts, prefix_start
from zotero_cw.parse.locators import clean_range
from zotero_cw.parse.text import SIGNAL, strip_markup, words

DECIMAL = r"\d{3}[A-Z]?\.[\dA-Z]+(?:[-–][A-Z]+)?"  # the State Department's decimal files: "611.61", "033.1100-KE"


# U.S. documentary notes describe a document and say it is in the file cited last: "Telegram 6333 from Tokyo,
# August 1; ibid.", "(Memorandum of conversation, November 10; ibid., 848.00/11–1058)", "Secto 17 from New York;
# ibid." — the description is the whole text before the ibid. (after an opening bracket or a signal)
DOCUMENT_WORD = (r"(?:(?:[Cc]ircular|[Jj]oint)\s+)?"
                  r"(?:[Tt]elegrams?|[Mm]emorand(?:um|a)|[Dd][ei]spatch(?:es)?|[Aa]irgrams?|[Ll]etters?"
                  r"|[Ii]nstructions?|[Cc]ables?|[Mm]essages?|[Mm]inutes|[Rr]eports?|Secto|Tosec|Dulte|Tedul|Delga"
                  r"|Gadel|Polto|Topol)\b")
IBID_DESCRIPTION = re.compile(
    rf"^\s*\(?\s*(?:[Ss]ee\s+(?:also\s+)?)?(?P<desc>{DOCUMENT_WORD}[^;()]{{0,160}}?)\s*[;,]\s*$")


# ... or end a sentence with the document and give its file in brackets after it: "… was transmitted in telegram
# 2827 from Bonn, May 22. (Ibid.)", "despatch 338 from Tokyo, October 17. (Department of State, Central Files, …)"
DOCUMENT_WORD_RE = re.compile(rf"(?<!\w){DOCUMENT_WORD}")


_BRACKETED_AFTER = re.compile(rf"(?P<desc>(?<!\w){DOCUMENT_WORD}[^.;()]{{0,160}}?)"
                              r"(?:[;,]\s*not\s+(?:printed|found|reproduced|declassified))?\.\s*\(\s*$")


def bracketed_description(text: str, start: int) -> tuple[int, dict[str, Any]] | None:
    """(where the description starts, its title and date) when the citation at `start` is in brackets after a
    sentence ending with a document's description, or follows one and ";" inside the brackets ("(Memorandum by
    Osborn; Department of State, …)"); None otherwise."""
    m = _BRACKETED_AFTER.search(text, max(0, start - 200), start)
    if not m:
        paren = text.rfind("(", max(0, start - 200), start)
        inside = IBID_DESCRIPTION.match(text[paren:start]) if paren >= 0 else None  # (its "^": a slice)
        return (paren + inside.start("desc"), description_fields(inside.group("desc"))) if inside else None
    at = [w.start() for w in DOCUMENT_WORD_RE.finditer(text, m.start("desc"), m.end("desc"))][-1]  # the last named
    desc = text[at:m.end("desc")]
    # "Despatch 399, April 13, dealt with …", "Telegram 4415 from Paris reported that …": the document ends at
    # its date, or at its number and place when the sentence goes on with what it did
    dated = _DATED_THEN_VERB.match(desc) or _NUMBERED_THEN_VERB.match(desc)
    return at, description_fields(dated.group("head") if dated else desc)


_NUMBERED_THEN_VERB = re.compile(
    rf"(?P<head>{DOCUMENT_WORD}\s+[A-Z]{{0,3}}[-–]?\d[\w–/-]*(?:\s+(?:from|to)\s+[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)?)?)"
    r",?\s+(?!(?:and|or|from|to|of|for|in|on|at|by|the|a|an)\b)[a-z]{3,}\b")
_DATED_THEN_VERB = re.compile(rf"(?P<head>.+?,\s*(?:{DATE}|{DAY_AS_WRITTEN})),?\s+(?!and\b|or\b)[a-z]")


def description_fields(desc: str) -> dict[str, Any]:
    """Title and date of a described document: "Telegram 6333 from Tokyo, August 1, 1969" → the title and the
    date; a day without its year ("…, August 1") is the date as written (dates.literal_date)."""
    m = _DATE_AT_END.search(desc)
    issued = (parse_date(m.group("date")) or literal_date(m.group("date"))) if m else None
    if m and issued:
        return {"title": desc[:m.start()].strip(), "issued": issued, "type": "manuscript"}
    return {"title": desc.strip(), "type": "manuscript"}


_DATE_AT_END = re.compile(rf",\s*(?P<date>{DATE}|{DAY_AS_WRITTEN})\s*$")


_DOC_NOUNS = re.compile(
    r"^(?:transcripts?|memorand(?:um|a)|notes?|reports?|letters?|telegrams?|minutes|records?|resolutions?|"
    r"stenograms?|protocols?|cables?|decrees?|drafts?|directives?|instructions?|speech|conversation|"
    r"diary|record)\b")
# "Mikoyan's thank-you note dates from 1 December 1975 and is stored in", "The KGB report can be found in":
# a document named by the subject of the sentence, just before its archive
_DOC_HEAD = (r"(?:notes?|letters?|reports?|memorand(?:um|a)|telegrams?|transcripts?|records?|minutes|resolutions?"
             r"|stenograms?|protocols?|cables?|decrees?|drafts?|directives?|instructions?|speech(?:es)?"
             r"|conversations?|diar(?:y|ies)|correspondence|messages?|repl(?:y|ies)|requests?|proposals?"
             r"|petitions?|appeals?)")
_DESCRIBED = re.compile(
    rf"(?P<np>(?P<det>[Tt]he\s+)?(?P<mods>(?:[\w'’-]+\s+){{1,4}}){_DOC_HEAD})"
    rf"(?:\s+dates?\s+from\s+(?P<date>{DATE})\s+and)?"
    r"\s+(?:(?:is|are)(?:\s+(?:stored|kept|held|preserved|located))?|(?:can|may)\s+be\s+found"
    r"|(?:is|are)\s+to\s+be\s+found)\s+in(?:\s+the)?")
_NOT_MODIFIER = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "his", "her", "their", "our", "my", "he", "she",
    "they", "we", "i", "of", "and", "or", "in", "on", "to", "for", "with", "from", "by", "at", "as", "which", "who",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "also", "said", "says", "much", "some",
    "all", "both", "each", "any", "other", "such", "same", "there", "here", "one",
}
_POSSESSIVE = re.compile(r"\w['’]s|\ws['’]$")
_ACRONYM_WORD = re.compile(r"[A-Z][A-Z0-9]+")
_SAME_DAY = re.compile(r"\s+(?:on|of|from)\s+(?:the\s+same|that)\s+(?:day|date)\s*$")
_PERSON = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
_LETTER = re.compile(rf"^(?:[Ll]etter\s+from\s+)?{_PERSON}\s+to\s+{_PERSON}$")
# U.S. archival correspondence, as diplomatic historians cite it: the writer, the kind of document, the
# addressee and the date with its year ("Cyril Wynne memorandum to Stanley Hornbeck, October 10, 1936", "Houston
# to Colby, March 21, 1972", "Ronald Reagan memorandum for Secretary of State, et al., November 12, 1985"); what
# follows up to the ";" is where it is kept ("026 Foreign Relations/1097 in DoS CDF 1930-1939") or its page
_NAME_WORD = r"(?:[A-Z][a-z][\w'’-]*|[A-Z]\.|Mc[A-Z][\w'’-]*)"
_ADDRESSEE_WORD = rf"(?:{_NAME_WORD}|\[[^\]]{{1,40}}\])"
_LETTER_WORD = (r"(?:memorand(?:um|a)|despatch|dispatch|letter|instruction|telegram|cable|airgram|note|message"
                r"|report|circular)")
_ASIDE = r"(?:\s*\((?:with|attention|enclos|covering)[^()]{0,160}\))?"  # "(with attached …)", "(attention to …)"
_PERSON_WORDS = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_PARTIES = rf"{_PERSON_WORDS}(?:(?:,\s+(?:and\s+)?|\s+and\s+){_PERSON_WORDS}){{0,6}}(?:,?\s+et\s+al\.)?"
_CORRESPONDENCE = re.compile(
    rf"(?=[A-Zmrnt])(?<![\w.’'-])(?!(?:See|Cf|Also|And|For|In|On|From|To|The)\b)(?P<title>"
    # "Memorandum of conversation between Edwin Wilson and M. Massigli", "memorandum of conversation (March 27,
    # 1980) between Clayton McManaway, et al."
    rf"(?P<talk>[Mm]emorand(?:um|a)|[Rr]ecord|[Mm]inutes|[Nn]otes|[Tt]ranscript)\s+of\s+(?:a\s+)?(?:telephone\s+)?"
    rf"(?:conversation|meeting|discussion)(?:\s*\([^()]{{1,40}}\))?\s+(?:between|among|with)\s+{_PARTIES}"
    # "Cyril Wynne memorandum to Stanley Hornbeck", "Houston to Colby", "Ben Read memorandum to all Assistant
    # Secretaries", "Richardson Dougall memorandum for the files"
    rf"|(?=[A-Z]){_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}{_ASIDE}(?:\s+(?P<word>{_LETTER_WORD})\s+for\s+the\s+(?:files|record)"
    rf"|(?:\s+(?P<word2>(?:personal\s+)?{_LETTER_WORD}))?\s+(?:to|for)\s+(?:the\s+|all\s+)?"
    rf"{_ADDRESSEE_WORD}(?:\s+(?:of|the|and|for|{_ADDRESSEE_WORD})){{0,6}}"
    rf"(?:,\s+(?:and\s+)?{_PERSON_WORDS}){{0,6}}?(?:,\s+et\s+al\.)?"  # "to Jay Moffat, Charles Hosmer, and …"
    # "Cyril Wynne memorandum, November 15, 1937": a writer's document, no addressee
    rf"|\s+(?P<word3>{_LETTER_WORD})(?=,\s+{DATE})))"
    rf"{_ASIDE},\s+(?P<date>{DATE})(?=[,;.\s)]|$)")
_UNADDRESSED = re.compile(rf"\s{_LETTER_WORD},\s")  # "Cyril Wynne memorandum, November 15, 1937"
# a sentence's words before a letter: "The original referral is", "Quote from attached"
_PROSE_BEFORE = re.compile(r"(?:\b(?:is|was|are|were|see|in|attached|enclosed))\s+$")
_LETTER_LEAD = re.compile(rf"{_CORRESPONDENCE.pattern}(?:,|\s+in)?$")  # before an archive the rules found
# it opens the note, a ";" part or a sentence, or follows a signal or "and"
_OPENS_PART = re.compile(r"(?:^|[;(]|\band)\s*(?:(?:[Ss]ee|[Cc]f\.)(?:,?\s+also)?(?:,?\s+for\s+example)?,?\s+)?$")
_AND_NEXT = re.compile(r"\s+and\s+(?=[A-Z“\"])")  # another citation joined by "and"
_ENCLOSED = re.compile(r",?\s+(?:enclosed\s+(?:with|in)|attached\s+(?:to|as)|transmitted\s+(?:with|in|by))\s")
_DATE_THEN = re.compile(rf"(?<=\s){DATE}(?=,|\s+in\s)")
_KEPT_IN = re.compile(r"^(?:,\s*(?:in\s+)?|\s+in\s+)(?P<where>[A-Z0-9“\"][^;]*?)\.?\s*$")
WHERE_LONGEST = 400  # how far after a letter's date its location is read (a note of letters stays linear)
_FILE_PAGE = re.compile(r",\s*pp?\.\s*(?P<pages>\d{1,4}(?:\s*[–-]\s*\d{1,4})?)(?=,|$)")  # a page of a file
_LEADING_PAGES = re.compile(r",\s*(?P<pages>\d{1,4}(?:\s*[–-]\s*\d{1,4})?)(?=,\s)")
# where a letter was printed, not kept: a volume, a page, a collection's volume and pages ("in Foreign Relations
# 1876, 57-58", "DBFP, vol. VIII, p. 745", "FRUS 1945, 2:45")
_PRINTED = re.compile(r"\b(?:vols?|pp?|nos?)\.\s*[\dIVXLC]|,\s*\d+(?:\s*[–-]\s*\d+)?$|\d:\d"
                      r"|^(?:Foreign\s+Relations|FRUS|DBFP)\b")
# a dated document named right before the volume it is printed in ("X memorandum for Y, September 9, 1943, ")
SENT_NO = r"\s+(?:No\.\s*)?[A-Z]{0,5}[-–]?\d[\w–-]*"  # a telegram's or despatch's number: " 743", " No. 19", " A–301"
PRINTED_IN = re.compile(rf"\s*(?:(?:[Ss]ee(?:\s+also)?|[Cc]f\.)\s+)?"
                         rf"(?P<desc>(?:[A-Z“\"]|{DOCUMENT_WORD})[^;]{{2,300}}?),\s+"
                         rf"(?P<date>{DATE}|{DAY_AS_WRITTEN})"
                         # the older volumes: the hour, and whence the telegram came ("…, 6 p. m., from Paris")
                         rf"(?:,\s*{HOUR})?"
                         r"(?:,\s*(?P<whence>(?:from|to|by)\s+[^,;]{2,60}?)(?=,))?"
                         r",?\s*(?:(?:printed\s+)?in\s+|see\s+)?"
                         r"(?:(?P<corp>(?:U\.\s?S\.\s+)?Department\s+of\s+State),\s+)?")
_PAGE_AFTER = re.compile(r"^,\s*pp?\.\s*(?P<loc>\d+(?:\s*[–-]\s*\d+)?)\.?\s*$")


# a State Department file, then the files it is in: "026 Foreign Relations/1097 in DoS CDF 1930-1939",
# "023.1/12-461", "026 Foreign Relations (P.C. 1919)/77, DoS CDF 1940-1944"
_OLD_FILE = r"\d{3}\s+[A-Z][^,;/]*?"  # a file of the pre-1950 decimal scheme: "026 Foreign Relations"
_FILE_NAMED = re.compile(rf"(?:{DECIMAL}|\b{_OLD_FILE})/\s?\d")  # a decimal file, old or new style
_FILE_IN = re.compile(rf"(?P<file>(?:{DECIMAL}|{_OLD_FILE})/[\w.()–-]+)"
                      r"(?:(?:,\s*|\s+in\s+)(?P<files>.+))?")


def _kept_at(item: dict[str, Any], where: str) -> None:
    """Where a letter is kept, as written; a decimal file is its file (delo) and what follows the files it is
    in (opis), as the State Department's Central Decimal Files are cited."""
    item["archive_location"] = where
    m = _FILE_IN.fullmatch(where)
    if m:
        levels = {"opis": m.group("files"), "delo": m.group("file")}
        item["custom"] = {"archival": {**{k: v for k, v in levels.items() if v}, "notation": "as-written",
                                       "location": where}}


def _read_correspondence(s: str, m: re.Match[str],
                    registry: Registry) -> tuple[dict[str, Any], int, str | None] | None:
    """(item, where the citation ends, pinpoint) for a `_CORRESPONDENCE` match in sentence `s`: the rest of the
    part is where the document is kept (an archive's own notation, read by its rule: "NARA, RG 59, …"), or its
    page; other text after the date is left to the rest. None when the letter is printed in a book or a
    collection ("Lampson to Reading, 10 December 1931, DBFP, vol. VIII, p. 745"): the labeller reads those."""
    item = document_item(m.group("title"), m.group("date"))
    window = min(len(s), m.end() + WHERE_LONGEST)
    part_end = s.find(";", m.end(), window)
    part_end = window if part_end < 0 else part_end
    after = _AND_NEXT.search(s, m.end(), part_end)  # "…, 026 Foreign Relations/8 and Warren Cohen, “…”"
    rest = s[m.end(): after.start() if after else part_end]
    enclosed = _ENCLOSED.match(rest)
    if enclosed:  # "… enclosed with Edward Reed despatch to Secretary of State, June 27, 1938, 026 …": one citation
        dates = list(_DATE_THEN.finditer(rest))
        where = _KEPT_IN.match(rest[dates[-1].end():]) if dates else None
        if where:
            _kept_at(item, " ".join(where.group("where").split()))
        end = len(rest.rstrip(" .,"))
        return item, m.end() + end, None
    lead = len(rest) - len(rest.lstrip(", ")) if rest.startswith(",") else 0
    refs = [(a, b, ref) for (a, b), ref in find_compact_refs(rest, registry) if a == lead]
    if refs:
        a, b, ref = max(refs, key=lambda r: r[1])
        return {**archival_item(ref, registry), **item}, m.end() + b, ref.leaves
    page = _PAGE_AFTER.match(rest)
    if page:
        return item, m.end() + page.end(), clean_range(page.group("loc"))
    leaves = _LEADING_PAGES.match(rest)  # "…, March 31, 1921, 1–3, PBAFP KFYA": its pages, then the papers
    skip = leaves.end() if leaves else 0
    kept = _KEPT_IN.match(rest[skip:])
    if kept:
        where = " ".join(kept.group("where").split())
        page = _FILE_PAGE.search(where) if "/" in where else None
        if page and _FILE_NAMED.search(where, 0, page.start()):  # "026 Foreign Relations/1357, p. 2, DoS CDF …"
            where = where[:page.start()] + where[page.end():]
            leaves = leaves or page
        if _PRINTED.search(where):
            return None
        _kept_at(item, where)
        later = find_compact_refs(where, registry)  # "File 116/174C, CDF, RG 59, NA": the file, then its archive
        named = registry.lookup(where.strip("() ")) if not later else None  # "PBAFP KFYA": a document's acronym
        if later:
            item = {**archival_item(max(later, key=lambda r: r[0][1])[1], registry), **item}
        elif named:  # the archive's acronym, after the collection's own ("PBAFP KFYA": the papers, the archive)
            collection = " ".join(w for w in where.strip("() ").split() if w != named[0].acronym)
            ref = ArchivalRef(named[0].acronym, collection or None,
                              extra={"notation": "as-written", "location": collection})
            item = {**archival_item(ref, registry), **item}
            if not collection:
                item.pop("archive_location", None)
        at = m.end() + skip + kept.end("where")
        return item, at, clean_range(leaves.group("pages")) if leaves else None
    return item, m.end(), None


# U.S. statutes, regulations and treaties cited by volume, code and page: "22 USC 4351, et seq.", "72 Stat. 1012",
# "22 Fed. Reg. 4007", "E.O. 11010 (27 Fed. Reg. 2621)", "9 UST 13", "TIAS 4509", "248 UNTS 223" — a closed grammar
_YEAR = re.compile(r"\d{4}")  # a letter's date has its year


_ENDS_IN = re.compile(r"\bin$")
_DATED_BODY = re.compile(rf"(?P<title>[A-Z][^;]*?),\s*(?P<date>{DATE}),\s*in")
_PLAIN_BODY = re.compile(r"(?P<title>[A-Z][^;\"“”]*?),\s*in")
_TRAILING_IN = re.compile(r",?\s*in$")


def _described(lead: str) -> tuple[dict[str, Any], int] | None:
    """(title and date, offset in lead) when the whole lead is a sentence's subject naming a document and a
    verb placing it in the archive that follows: "Idemitsu's note is in", "Mikoyan's thank-you note dates
    from 1 December 1975 and is stored in". The subject must name its document specifically — a possessive
    ("Idemitsu's") or a proper name or acronym ("The KGB report"); "The letter", "Much of it" are left alone."""
    text = lead.rstrip()
    conj = AND_OR.match(text.lstrip(" ;,"))
    offset = len(text) - len(text.lstrip(" ;,")) + (conj.end() if conj else 0)
    m = _DESCRIBED.fullmatch(text, offset)
    if not m:
        return None
    mods = m.group("mods").split()
    if any(w.lower() in _NOT_MODIFIER for w in mods):
        return None
    # the first word is capitalised anyway when it opens the sentence: only a possessive or an acronym counts
    named = [w for i, w in enumerate(mods)
             if _POSSESSIVE.search(w) or _ACRONYM_WORD.fullmatch(w) or (w[0].isupper() and (i or m.group("det")))]
    if not named:
        return None
    title = m.group("np")[len(m.group("det") or ""):]
    fields = document_item(title[0].upper() + title[1:], m.group("date"))
    return fields, offset


def archival_lead(lead: str) -> tuple[str | None, dict[str, Any], int]:
    """(prefix, item fields, offset in lead where the document's description starts) for the text before
    an archival reference: "Transcript of X, 16 August 1961, in" gives title and date, and so does a
    sentence's subject ("Mikoyan's thank-you note dates from 1 December 1975 and is stored in")."""
    described = _described(lead)
    if described:
        return None, described[0], described[1]
    stripped = lead.rstrip()
    letter = _LETTER_LEAD.search(stripped)
    if letter and _OPENS_PART.search(stripped, 0, letter.start()):  # "Noble to Brooks, September 13, 1960, NARA, …"
        prefix, _ = lead_parts(stripped[: letter.start()])
        return prefix, document_item(letter.group("title"), letter.group("date")), letter.start()
    if not _ENDS_IN.search(stripped):
        prefix, _ = lead_parts(lead)
        return (prefix if prefix and words(prefix) <= 12 else None), {}, len(lead)
    # the document description starts after the last signal phrase (or at the lead start)
    signals = list(SIGNAL.finditer(stripped))
    body_start = signals[-1].end() if signals else 0
    body = stripped[body_start:]
    offset = body_start + (len(body) - len(body.lstrip(" ,")))
    body = body.strip(" ,")
    conj = AND_OR.match(body)
    if conj:
        offset += conj.end()
        body = body[conj.end():]
    signal = signals[0] if signals else None
    signal_start = prefix_start(stripped, signal) if signal else 0
    prefix = stripped[signal_start: body_start].strip(" ,") if signal else None
    dated = _DATED_BODY.fullmatch(body)
    if dated:
        return prefix, document_item(dated.group("title"), dated.group("date")), offset
    plain = _PLAIN_BODY.fullmatch(body)
    if plain and words(plain.group("title")) <= 12 and " (" not in plain.group("title"):
        return prefix, document_item(plain.group("title"), None), offset
    if signal and _DOC_NOUNS.match(body):
        title = _SAME_DAY.sub("", _TRAILING_IN.sub("", body))
        return prefix, document_item(title[0].upper() + title[1:], None), offset
    if signal:  # "see the materials in": the description belongs to the prefix
        return stripped[signal_start:].strip(" ,"), {}, len(lead)
    p, _ = lead_parts(lead)
    return (p if p and words(p) <= 8 else None), {}, len(lead)


def document_item(title: str, date: str | None) -> dict[str, Any]:
    title = strip_markup(title)
    # "X to Y" or "Letter from X to Y" — but not "Memorandum to Y"
    letter = _LETTER.match(title) and (title[:6].lower() == "letter" or not _DOC_NOUNS.match(title.lower()))
    item: dict[str, Any] = {"type": "personal_communication" if letter else "manuscript", "title": title}
    issued = (parse_date(date) or literal_date(date)) if date else None
    if issued:  # "May 2, 1950"; a day without its year ("September 25") as written
        item["issued"] = issued
    return item


def archival_item(ref: ArchivalRef, registry: Registry) -> dict[str, Any]:
    """CSL fields for an archival reference (without the document's title and date)."""
    item: dict[str, Any] = {"type": "manuscript"}
    archive = registry.find(ref.archive) if ref.archive else None
    item["archive"] = archive.canonical if archive else (ref.archive or "")
    if not item["archive"]:
        del item["archive"]
    loc = ref.location()
    if loc:
        item["archive_location"] = loc
    if archive and archive.place:
        item["archive-place"] = archive.place
    item["custom"] = {"archival": ref.as_custom()}
    return item


def find_correspondence(s: str, registry: Registry) -> list[tuple[int, int, dict[str, Any], str | None]]:
    """(start, end, item, page cited) of each letter or memorandum sentence `s` describes by its parties and
    date ("Noble to Brooks, September 13, 1960, NARA, …"): not inside a quoted title, and only where a part of
    the note opens or prose names a document."""
    out: list[tuple[int, int, dict[str, Any], str | None]] = []
    if not ((" to " in s or " for " in s or _UNADDRESSED.search(s)) and _YEAR.search(s)):
        return out
    quotes, seen = 0, 0  # quotation marks open before the match, counted once over the sentence
    for m in _CORRESPONDENCE.finditer(s):
        quotes += s.count("“", seen, m.start()) - s.count("”", seen, m.start())
        seen = m.start()
        before = max(0, m.start() - 60)
        named = m.group("talk") or m.group("word") or m.group("word2") or m.group("word3")  # prose may lead in
        if quotes > 0 or not (_OPENS_PART.search(s, before, m.start())
                              or (named and _PROSE_BEFORE.search(s, before, m.start()))):
            continue  # inside a quoted title, or inside a sentence that does not name a document
        read = _read_correspondence(s, m, registry)
        if read is not None:
            item, end, page = read
            out.append((m.start(), end, item, page))
    return out
