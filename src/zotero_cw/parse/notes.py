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
from zotero_cw.parse.dates import DATE, DAY_AS_WRITTEN, HOUR, literal_date, parse_date
from zotero_cw.parse.defined import define_archives, packaged_abbreviations
from zotero_cw.parse.diaries import find_diaries
from zotero_cw.parse.frus import Volume, find_frus
from zotero_cw.parse.labeller import Labeller, default_labeller
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
from zotero_cw.parse.model import model_citations
from zotero_cw.parse.papers import find_public_papers
from zotero_cw.parse.press import find_press
from zotero_cw.parse.statutes import TEXT_OF, find_statutes, statute_named
from zotero_cw.parse.text import PARENTHETICAL_SIGNAL, SIGNAL, split_sentences, strip_markup, words
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
_DECIMAL = r"\d{3}[A-Z]?\.[\dA-Z]+(?:[-–][A-Z]+)?"  # the State Department's decimal files: "611.61", "033.1100-KE"
_IBID_FILE = re.compile(
    rf"[,:]?\s*(?:(?:(?P<dfiles>[A-Z][\w'’/–-]*(?:\s+[A-Z][\w'’/–-]*)*\s+Files),\s*)?"  # "ibid., Central Files, 794C…"
    rf"(?P<file>{_DECIMAL}(?:\s?/\s?[\dA-Z][\w–-]*)?|{SUBJECT_FILE})"  # or "ibid., POL 19 RYU IS"
    r"|(?:(?P<files>[A-Z][\w'’/-]*(?:\s+(?:of|and|the|for|[A-Z&][\w'’/-]*))*):\s*)?"  # "S/S Files: …"
    r"(?P<lot>Lot\s+\d+\s*[A-Z]\s*\d+)(?:,\s*(?P<unit>[A-Z]{1,4}\s*\d+(?:,\s*(?:and\s+)?\d+(?:/[A-Z])?)*"
    r"|[A-Z][\w'’–-]*(?:\s+[\w'’–-]+){0,6}))?)"  # "CF 2375, 2380, and 2384/E", "Volunteer Freedom Corps"
    r"(?=[\s.,;)]|$)\.?")
_IBID_PAPERS = re.compile(
    r",\s*(?P<files>[A-Z][\w'’.-]*(?:\s+(?:of|and|the|for|[A-Z][\w'’.-]*))*\s+(?:Files?|Papers|Series|Collection|Records|Diary|Diaries))"
    r"(?P<rest>(?:,\s*[A-Z0-9][^;,.()]*)*)(?=\s*(?:[.;)]|$))")
_A_SERIES = re.compile(r"(?:Series|Diary|Diaries)$")
_MORE_DECIMAL = re.compile(rf",?\s*(?:and\s+)?(?P<file>{_DECIMAL}\s?/\s?[\dA-Z][\w–-]*)(?=[\s.,;)]|$)")
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
# U.S. documentary notes describe a document and say it is in the file cited last: "Telegram 6333 from Tokyo,
# August 1; ibid.", "(Memorandum of conversation, November 10; ibid., 848.00/11–1058)", "Secto 17 from New York;
# ibid." — the description is the whole text before the ibid. (after an opening bracket or a signal)
_DOCUMENT_WORD = (r"(?:(?:[Cc]ircular|[Jj]oint)\s+)?"
                  r"(?:[Tt]elegrams?|[Mm]emorand(?:um|a)|[Dd][ei]spatch(?:es)?|[Aa]irgrams?|[Ll]etters?"
                  r"|[Ii]nstructions?|[Cc]ables?|[Mm]essages?|[Mm]inutes|[Rr]eports?|Secto|Tosec|Dulte|Tedul|Delga"
                  r"|Gadel|Polto|Topol)\b")
_IBID_DESCRIPTION = re.compile(
    rf"^\s*\(?\s*(?:[Ss]ee\s+(?:also\s+)?)?(?P<desc>{_DOCUMENT_WORD}[^;()]{{0,160}}?)\s*[;,]\s*$")
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


# ... or end a sentence with the document and give its file in brackets after it: "… was transmitted in telegram
# 2827 from Bonn, May 22. (Ibid.)", "despatch 338 from Tokyo, October 17. (Department of State, Central Files, …)"
_DOCUMENT_WORD_RE = re.compile(rf"(?<!\w){_DOCUMENT_WORD}")
_SEVERAL_DOCUMENTS = re.compile(r"Documents\s+\d+(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d+)+")  # not a range
_NUMBER = re.compile(r"\d+")
_INFRA = re.compile(r"(?:^|(?<=[;(]\s)|(?<=\.\s))(?:[Ss]ee\s+)?\*?[Ii]nfra\*?(?=\s*(?:[.;)]|and\b|$))\.?")
_CROSS_DOC_PAGE = re.compile(
    rf"(?:^|(?<=[;(]\s)|(?<=\.\s))(?:[Ss]ee(?:\s+also)?|[Cc]f\.)\s+(?P<desc>{_DOCUMENT_WORD}[^;()]{{2,140}}?),\s+"
    r"(?P<pages>pp?\.\s*\d+(?:\s*[–-]\s*\d+)?(?:\s+ff?\.)?)(?=\s*(?:[.;)]|$))\.?")
_DATED_DESC = re.compile(rf"(?:{DATE}|{DAY_AS_WRITTEN})")
# (a document printed in another volume or publication is a citation of it: "…, Foreign Relations, 1937, vol. iii")
_PRINTED_ELSEWHERE = re.compile(r"Foreign\s+Relations|FRUS|\b[Vv]ol(?:\.|ume)|Bulletin|Papers|Documents\s+on")
_BRACKETED_AFTER = re.compile(rf"(?P<desc>(?<!\w){_DOCUMENT_WORD}[^.;()]{{0,160}}?)"
                              r"(?:[;,]\s*not\s+(?:printed|found|reproduced|declassified))?\.\s*\(\s*$")
# ("Circular airgram CA-4523, October 23, 1963; not printed. (Department of State, …)": FRUS's own remark)


def bracketed_description(text: str, start: int) -> tuple[int, dict[str, Any]] | None:
    """(where the description starts, its title and date) when the citation at `start` is in brackets after a
    sentence ending with a document's description, or follows one and ";" inside the brackets ("(Memorandum by
    Osborn; Department of State, …)"); None otherwise."""
    m = _BRACKETED_AFTER.search(text, max(0, start - 200), start)
    if not m:
        paren = text.rfind("(", max(0, start - 200), start)
        inside = _IBID_DESCRIPTION.match(text[paren:start]) if paren >= 0 else None  # (its "^": a slice)
        return (paren + inside.start("desc"), description_fields(inside.group("desc"))) if inside else None
    at = [w.start() for w in _DOCUMENT_WORD_RE.finditer(text, m.start("desc"), m.end("desc"))][-1]  # the last named
    desc = text[at:m.end("desc")]
    # "Despatch 399, April 13, dealt with …", "Telegram 4415 from Paris reported that …": the document ends at
    # its date, or at its number and place when the sentence goes on with what it did
    dated = _DATED_THEN_VERB.match(desc) or _NUMBERED_THEN_VERB.match(desc)
    return at, description_fields(dated.group("head") if dated else desc)


_NUMBERED_THEN_VERB = re.compile(
    rf"(?P<head>{_DOCUMENT_WORD}\s+[A-Z]{{0,3}}[-–]?\d[\w–/-]*(?:\s+(?:from|to)\s+[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)?)?)"
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
_WHERE_LONGEST = 400  # how far after a letter's date its location is read (a note of letters stays linear)
_FILE_PAGE = re.compile(r",\s*pp?\.\s*(?P<pages>\d{1,4}(?:\s*[–-]\s*\d{1,4})?)(?=,|$)")  # a page of a file
_LEADING_PAGES = re.compile(r",\s*(?P<pages>\d{1,4}(?:\s*[–-]\s*\d{1,4})?)(?=,\s)")
# where a letter was printed, not kept: a volume, a page, a collection's volume and pages ("in Foreign Relations
# 1876, 57-58", "DBFP, vol. VIII, p. 745", "FRUS 1945, 2:45")
_PRINTED = re.compile(r"\b(?:vols?|pp?|nos?)\.\s*[\dIVXLC]|,\s*\d+(?:\s*[–-]\s*\d+)?$|\d:\d"
                      r"|^(?:Foreign\s+Relations|FRUS|DBFP)\b")
# a dated document named right before the volume it is printed in ("X memorandum for Y, September 9, 1943, ")
_SENT_NO = r"\s+(?:No\.\s*)?[A-Z]{0,5}[-–]?\d[\w–-]*"  # a telegram's or despatch's number: " 743", " No. 19", " A–301"
_PRINTED_IN = re.compile(rf"\s*(?:(?:[Ss]ee(?:\s+also)?|[Cc]f\.)\s+)?"
                         rf"(?P<desc>(?:[A-Z“\"]|{_DOCUMENT_WORD})[^;]{{2,300}}?),\s+"
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
_FILE_NAMED = re.compile(rf"(?:{_DECIMAL}|\b{_OLD_FILE})/\s?\d")  # a decimal file, old or new style
_FILE_IN = re.compile(rf"(?P<file>(?:{_DECIMAL}|{_OLD_FILE})/[\w.()–-]+)"
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


def _correspondence(s: str, m: re.Match[str],
                    registry: Registry) -> tuple[dict[str, Any], int, str | None] | None:
    """(item, where the citation ends, pinpoint) for a `_CORRESPONDENCE` match in sentence `s`: the rest of the
    part is where the document is kept (an archive's own notation, read by its rule: "NARA, RG 59, …"), or its
    page; other text after the date is left to the rest. None when the letter is printed in a book or a
    collection ("Lampson to Reading, 10 December 1931, DBFP, vol. VIII, p. 745"): the labeller reads those."""
    item = _document(m.group("title"), m.group("date"))
    window = min(len(s), m.end() + _WHERE_LONGEST)
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


# a bare conjunction joining two citations ("…, Ll. 90–94; and RGAE, …"): the separator's job, not a prefix
_AND_OR = re.compile(r"^(?:[;,]\s*)?(?:and|or)(?:\s+|$)")
_CLAUSE_BREAK = re.compile(r"[.?!;:]")
_SENTENCE_MARK = re.compile(r"[.?!]")
_ENDS_IN = re.compile(r"\bin$")
_DATED_BODY = re.compile(rf"(?P<title>[A-Z][^;]*?),\s*(?P<date>{DATE}),\s*in")
_PLAIN_BODY = re.compile(r"(?P<title>[A-Z][^;\"“”]*?),\s*in")
_TRAILING_IN = re.compile(r",?\s*in$")
_SUFFIX_TAIL = re.compile(r"^,\s*([a-z][^,;.]*?)\s*[.;]?\s*$")
_ONLY_PUNCT = re.compile(r"[\s,;.]*(?:and\s*)?")
# what still looks like a reference: pages, "(Place: Publisher, 1999)", archival levels, boxes and folders,
# an italic title followed by a comma or by a parenthesis, "2:115", "611.61/2-562"
_LOOKS_CITED = re.compile(r"(?=[p(FODLBbfRrCc*,])"  # the first characters of the branches: a fast scan
                          r"(?:\bpp?\.\s*\d|\(\s*[A-Z][^():]*:\s*[^()]+,\s*\d{4}\)|\b(?:F|Op|D|Ll?)\.\s*\d"
                          r"|\b(?:[Bb]ox|[Ff]older|[Rr]eel|[Cc]arton)\s+\d|\*[^*]+\*,\s|\*[^*]+\*\s*\("
                          r"|,\s*\d+:\d)")  # volume:page
_DECIMAL_FILE = re.compile(rf"\b{_DECIMAL}/\d")  # "611.61/2-562", tested only where there is a slash


def _prefix_start(text: str, first: re.Match[str]) -> int:
    """Where a prefix holding signal phrase `first` starts: at the signal, or at the start of `text` when the
    signal is a parenthetical ("for example") between commas in one short clause that has no clause-opening
    signal ("This can be seen, for example, in") — the words before it belong to the same lead-in."""
    before = text[: first.start()].rstrip()
    if not (before.endswith(",") and PARENTHETICAL_SIGNAL.fullmatch(first.group())):
        return first.start()
    if _CLAUSE_BREAK.search(text.replace(first.group(), "")):
        return first.start()
    if any(not PARENTHETICAL_SIGNAL.fullmatch(m.group()) for m in SIGNAL.finditer(text)):
        return first.start()  # "On trade, for example, see": the clause the citation belongs to starts at "see"
    return 0 if words(text) - words(first.group()) <= 8 else first.start()


def _lead_parts(lead: str) -> tuple[str | None, str]:
    """Split the text before a citation into (prefix, rest): a short lead-in ("As argued in", "This can be
    seen, for example, in") is the prefix; otherwise the first signal phrase and what follows it ("see the
    materials in"). A bare "and" / "or" joining two citations is dropped."""
    text = lead.strip()
    text = _AND_OR.sub("", text).strip(" ;,")
    if not text:
        return None, ""
    first = SIGNAL.search(text)
    if first:
        return text[_prefix_start(text, first):].strip(" ,") or None, text[first.end():].strip(" ,")
    if words(text) <= 8 and not _SENTENCE_MARK.search(text):
        return text, ""
    return None, text


def _described(lead: str) -> tuple[dict[str, Any], int] | None:
    """(title and date, offset in lead) when the whole lead is a sentence's subject naming a document and a
    verb placing it in the archive that follows: "Idemitsu's note is in", "Mikoyan's thank-you note dates
    from 1 December 1975 and is stored in". The subject must name its document specifically — a possessive
    ("Idemitsu's") or a proper name or acronym ("The KGB report"); "The letter", "Much of it" are left alone."""
    text = lead.rstrip()
    conj = _AND_OR.match(text.lstrip(" ;,"))
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
    fields = _document(title[0].upper() + title[1:], m.group("date"))
    return fields, offset


def _archival_lead(lead: str) -> tuple[str | None, dict[str, Any], int]:
    """(prefix, item fields, offset in lead where the document's description starts) for the text before
    an archival reference: "Transcript of X, 16 August 1961, in" gives title and date, and so does a
    sentence's subject ("Mikoyan's thank-you note dates from 1 December 1975 and is stored in")."""
    described = _described(lead)
    if described:
        return None, described[0], described[1]
    stripped = lead.rstrip()
    letter = _LETTER_LEAD.search(stripped)
    if letter and _OPENS_PART.search(stripped, 0, letter.start()):  # "Noble to Brooks, September 13, 1960, NARA, …"
        prefix, _ = _lead_parts(stripped[: letter.start()])
        return prefix, _document(letter.group("title"), letter.group("date")), letter.start()
    if not _ENDS_IN.search(stripped):
        prefix, _ = _lead_parts(lead)
        return (prefix if prefix and words(prefix) <= 12 else None), {}, len(lead)
    # the document description starts after the last signal phrase (or at the lead start)
    signals = list(SIGNAL.finditer(stripped))
    body_start = signals[-1].end() if signals else 0
    body = stripped[body_start:]
    offset = body_start + (len(body) - len(body.lstrip(" ,")))
    body = body.strip(" ,")
    conj = _AND_OR.match(body)
    if conj:
        offset += conj.end()
        body = body[conj.end():]
    signal = signals[0] if signals else None
    signal_start = _prefix_start(stripped, signal) if signal else 0
    prefix = stripped[signal_start: body_start].strip(" ,") if signal else None
    dated = _DATED_BODY.fullmatch(body)
    if dated:
        return prefix, _document(dated.group("title"), dated.group("date")), offset
    plain = _PLAIN_BODY.fullmatch(body)
    if plain and words(plain.group("title")) <= 12 and " (" not in plain.group("title"):
        return prefix, _document(plain.group("title"), None), offset
    if signal and _DOC_NOUNS.match(body):
        title = _SAME_DAY.sub("", _TRAILING_IN.sub("", body))
        return prefix, _document(title[0].upper() + title[1:], None), offset
    if signal:  # "see the materials in": the description belongs to the prefix
        return stripped[signal_start:].strip(" ,"), {}, len(lead)
    p, _ = _lead_parts(lead)
    return (p if p and words(p) <= 8 else None), {}, len(lead)


def _document(title: str, date: str | None) -> dict[str, Any]:
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
    rf"\((?P<desc>{_DOCUMENT_WORD}{_SENT_NO}),\s*(?P<date>{DATE}|{DAY_AS_WRITTEN})"
    rf"(?:,\s*{HOUR})?(?:,\s*(?P<whence>(?:from|to)\s+[^,;()]{{2,40}}))?\)")


# a telegram, despatch or airgram a note names with its day, when the note gives no file: "The Department gave its
# approval to this in telegram 743, March 9, 4 p. m.", "Transmitted … as Department's telegram No. 19, January 25,
# 9 a.m." — that document (with a file given, the file's citation takes the description: bracketed_description)
_SENT_DOCUMENT = re.compile(
    rf"(?<![\w-])(?P<desc>(?:Department[’']s\s+)?(?:[Cc]ircular\s+)?(?:[Tt]elegram|[Dd][ei]spatch|[Aa]irgram)"
    rf"{_SENT_NO}),\s*(?P<date>{DATE}|{DAY_AS_WRITTEN})(?:,\s*{HOUR})?"
    r"(?:,?\s+(?P<whence>(?:from|to)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}))?")


_PRINTED_AT = re.compile(r"[^;.]*?\b(?:vol\.|pp?\.)\s*[\dIVXLCivxlc]")  # "…, from the Ambassador, vol. i, p. 623"


def _sent(m: re.Match[str], whence: str | None) -> dict[str, Any]:
    """The item of a telegram or despatch a match names: its description (and whence it came) and its day."""
    return _document(m.group("desc") + (f" {whence}" if whence else ""), m.group("date"))


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
    for (a, b), ref in find_compact_refs(s[at: at + _WHERE_LONGEST], registry):
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
    printed = _PRINTED_IN.fullmatch(s, back, v.start)
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
        item = {**_document(desc.strip() + whence, printed.group("date")), "type": "chapter", **of_volume,
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
    rf"{_SENT_NO}(?:\s+(?:from|to)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,2}})?)"
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
    quotes, seen = 0, 0  # quotation marks open before the match, counted once over the sentence
    letters = (" to " in s or " for " in s or _UNADDRESSED.search(s)) and _YEAR.search(s)
    for m in _CORRESPONDENCE.finditer(s) if letters else ():
        quotes += s.count("“", seen, m.start()) - s.count("”", seen, m.start())
        seen = m.start()
        before = max(0, m.start() - 60)
        named = m.group("talk") or m.group("word") or m.group("word2") or m.group("word3")  # prose may lead in
        if quotes > 0 or not (_OPENS_PART.search(s, before, m.start())
                              or (named and _PROSE_BEFORE.search(s, before, m.start()))):
            continue  # inside a quoted title, or inside a sentence that does not name a document
        read = _correspondence(s, m, ctx.registry)
        if read is None:
            continue
        item, end, page = read
        if free(m.start(), end):  # an archive named after it: the archive's citation takes it (_archival_lead)
            c = _cit(FULL, note, item=item, locator=page, label="page" if page else None)
            found.append(_Found(m.start(), end, c, "letter"))
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
                prefix, fields, used = _archival_lead(lead)
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
            elif f.kind == "ibid" and (described := _IBID_DESCRIPTION.match(lead) or _is_ibid(lead)):
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
                prefix, _ = _lead_parts(lead)
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
