"""The trained labeller's reading of a note: the text the anchored rules left, labelled token by token,
laid over with the closed-grammar rules (archives, back-references, signals), grouped into citations."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any

from zotero_cw.archives import DECIMAL_FILE, ArchivalRef
from zotero_cw.models import FULL, IBID, SHORT, SUPRA, UNPARSED, Citation, Note, Span, custom_of
from zotero_cw.parse import rules
from zotero_cw.parse.corpus import OUTSIDE
from zotero_cw.parse.dates import DATE, DAY_AS_WRITTEN, parse_date
from zotero_cw.parse.documents import DOCUMENT_WORD_RE, archival_item, bracketed_description, description_fields
from zotero_cw.parse.fields import ARCHIVAL, Read, read_labelled
from zotero_cw.parse.labeller import Labelled
from zotero_cw.parse.leads import lead_parts
from zotero_cw.parse.lexicon import default_lexicon
from zotero_cw.parse.shortforms import PART_WORD
from zotero_cw.parse.spans import RuleSpan

if TYPE_CHECKING:
    from zotero_cw.parse.notes import ParseContext

_CITED = {"title", "container-title", "publisher", "location", "date", "locator", "pages", "volume", "url",
          "archive", "fond", "delo", "folio", "author", "editor"}


class SpanIndex:
    """Non-overlapping spans, sorted: the ones overlapping [a, b) by binary search."""

    def __init__(self, spans: list[tuple[int, int, Any]]):
        spans = sorted(spans, key=lambda s: s[0])
        self.starts = [s[0] for s in spans]
        self.ends = [s[1] for s in spans]
        self.values = [s[2] for s in spans]

    def overlapping(self, a: int, b: int) -> list[Any]:
        lo = bisect_right(self.ends, a)
        hi = bisect_left(self.starts, b)
        return [self.values[i] for i in range(lo, hi) if self.starts[i] < b and self.ends[i] > a]


def _mask(tokens: list[Labelled], covered: list[tuple[int, int]]) -> list[Labelled]:
    """Tokens inside the rules' citations become commentary for the model's reading (one sweep)."""
    spans = sorted(covered)
    out = []
    j = 0
    for t in tokens:
        while j < len(spans) and spans[j][1] <= t.token.start:
            j += 1
        inside = j < len(spans) and spans[j][0] < t.token.end
        out.append(Labelled(t.token, OUTSIDE) if inside else t)
    return out


def label_note(text: str, ctx: ParseContext) -> tuple[list[Labelled], list[RuleSpan]]:
    """Every token of the note with its label, rules applied."""
    return rules.apply(text, ctx.labeller().label(text), ctx.registry)


def model_citations(note: Note, ctx: ParseContext, found: list[Citation]) -> list[Citation]:
    """`found` (the rules' citations) plus what the labeller reads in the text they leave; an UNPARSED
    citation the labeller reads is replaced by what it read."""
    from zotero_cw.parse.notes import unparsed_pieces  # the one test of what looks cited

    text = note.text or ""
    covered = [(c.span.start, c.span.end) for c in found if c.kind not in (UNPARSED, IBID, SUPRA) and c.span]
    backrefs = [c for c in found if c.kind in (IBID, SUPRA) and c.span]
    tokens, arch = label_note(text, ctx)
    free = _mask(tokens, covered)
    out = list(found)
    dropped: set[int] = set()
    back_index = SpanIndex([(c.span.start, c.span.end, c) for c in backrefs if c.span])
    all_index = SpanIndex([(c.span.start, c.span.end, c) for c in found if c.span])
    unparsed_index = SpanIndex([(c.span.start, c.span.end, c) for c in found if c.kind == UNPARSED and c.span])
    arch_index = SpanIndex([(sp.start, sp.end, sp.ref) for sp in arch if sp.ref])
    for read in read_labelled(text, free):
        c = to_citation(read, note, ctx, arch_index)
        if c is None or c.span is None:
            continue
        a, b = c.span.start, c.span.end
        same = back_index.overlapping(a, b)
        if same:  # the rules read this back-reference: the model's reading wins only where it says more
            if (same[0].cross_reference or c.kind not in (IBID, SUPRA)
                    or not ((c.item and not same[0].item) or (c.locator and not same[0].locator))):
                # what the reading has beyond the back-reference is still reported if it looks cited
                lo, hi = min(u.span.start for u in same if u.span), max(u.span.end for u in same if u.span)
                beyond = [(x, y) for x, y in ((a, lo), (hi, b)) if y > x and not all_index.overlapping(x, y)]
                out += unparsed_pieces(text, beyond, note)
                continue
            dropped.update(id(u) for u in same)
        dropped.update(id(u) for u in unparsed_index.overlapping(a, b))
        out.append(c)
    out = [c for c in out if id(c) not in dropped]
    out += _unread_rest([u for u in found if id(u) in dropped and u.kind == UNPARSED], out, note)
    out.sort(key=lambda c: c.span.start if c.span else 0)
    added = {id(c) for c in out} - {id(c) for c in found}
    kept: list[Citation] = []
    lead: Citation | None = None
    for i, c in enumerate(out):
        if id(c) in added and _lead_in(c, out[i + 1:i + 2], text):
            lead = c
            continue
        prefix = lead_parts(lead.text)[0] if lead is not None else None
        if prefix and (prefix.count("(") != prefix.count(")") or not prefix[:1].isupper()):
            prefix = None  # the tail of a parenthesis or of a sentence is not a lead-in
        if prefix and lead is not None and lead.span and c.span and not c.prefix and _joined(lead, c, text):
            # a short lead-in is the citation's prefix, as a signal is ("As argued in"); longer text is commentary
            c.prefix = prefix
            c.span = Span(lead.span.start + lead.text.index(prefix), c.span.end)
            c.text = text[c.span.start: c.span.end]
        lead = None
        kept.append(c)
    return _outermost(_describe_documents(text, [_bracketed(text, _text_of(text, c)) for c in kept]))


def _outermost(cits: list[Citation]) -> list[Citation]:
    """Citations in reading order without one inside another: a description taken into a bracketed ibid.
    ("telegram 3474 from Bonn, March 14. (Ibid.)") is not also a citation of its own."""
    out: list[Citation] = []
    reach = -1
    for c in sorted(cits, key=lambda c: (c.span.start, -c.span.end) if c.span else (0, 0)):
        if c.span and out and c.span.end <= reach:  # it starts no earlier (the order) and ends inside
            continue
        out.append(c)
        reach = max(reach, c.span.end if c.span else -1)
    return out


def _bracketed(text: str, c: Citation) -> Citation:
    """An ibid. or an untitled archival reference in brackets after a document's description takes it as its
    title and date ("telegram 2827 from Bonn, May 22. (Ibid.)")."""

    untitled = c.kind == IBID or (c.kind == FULL and c.item.get("type") == "manuscript" and not c.item.get("title"))
    if not untitled or not c.span:
        return c
    start = c.span.start if not c.text.startswith("(") else c.span.start + 1
    found = bracketed_description(text, start)
    if found is None:
        return c
    at, fields = found
    c.item = {**c.item, **fields} if c.kind == IBID else {**c.item, **{k: v for k, v in fields.items() if k != "type"}}
    c.span = Span(at, c.span.end)
    c.text = text[at: c.span.end]
    return c


# FRUS and other documentary notes say where a document's text is printed: "For text of the final communiqué of
# the Paris Council of Foreign Ministers Meeting, June 20, 1949, see Foreign Relations, 1949, vol. III, pp. 1062–
# 1065." — the document is the work (its title and date), printed in the publication the labeller read
_TEXT_OF = re.compile(r"(?:^|(?<=[.;)]\s))For\s+(?:the\s+)?(?:full\s+)?texts?\s+of\s+(?P<doc>[^;()]{3,300}?),?\s*"
                      r"(?:(?<=[\s,])see\s*)?$")  # a rule's citation starts after its "see", the labeller's at it
_DOC_DATE = re.compile(rf",?\s+(?:dated\s+|on\s+)?(?P<date>{DATE})$")


def _text_of(text: str, c: Citation) -> Citation:
    if c.kind != FULL or not c.span or not c.prefix or c.prefix.strip().lower() != "see" or c.item.get("archive"):
        return c
    m = _TEXT_OF.search(text, 0, c.span.start)
    if not m or c.item.get("container-title") and c.item.get("title"):
        return c
    doc = m.group("doc").strip()
    item = dict(c.item)
    if item.get("title"):  # what the labeller took for the title is where the document is printed
        item["container-title"] = item.pop("title")
    date = _DOC_DATE.search(doc)
    issued = parse_date(date.group("date")) if date else None
    if date and issued:
        doc = doc[:date.start()].strip(" ,")
        item["issued"] = issued
    item["title"] = doc
    if item.get("type") in (None, "book", "document", "report"):
        item["type"] = "document"
    c.item = item
    c.span = Span(m.start("doc"), c.span.end)
    c.text = text[c.span.start: c.span.end]
    return c


def _unread_rest(replaced: list[Citation], cits: list[Citation], note: Note) -> list[Citation]:
    """What the labeller's citations leave of the unparsed text they replace, where it still looks like a
    reference: kept as UNPARSED, so no part of a note is dropped unread."""
    from zotero_cw.parse.notes import unparsed_pieces  # the one test of what looks cited

    text = note.text or ""
    index = SpanIndex([(c.span.start, c.span.end, c) for c in cits if c.span])
    out: list[Citation] = []
    for u in replaced:
        assert u.span is not None
        pos, gaps = u.span.start, []
        for c in sorted(index.overlapping(u.span.start, u.span.end), key=lambda c: c.span.start):
            gaps.append((pos, c.span.start))
            pos = max(pos, c.span.end)
        gaps.append((pos, u.span.end))
        out += unparsed_pieces(text, [(a, b) for a, b in gaps if b > a], note)
    return out


def _joined(a: Citation, b: Citation, text: str) -> bool:
    return bool(a.span and b.span and not text[a.span.end: b.span.start].strip())


_LEAD_END = re.compile(r"(?:\b(?:in|see|cf\.|from|by|of|also|and|to|at|on|the|a|an|quoted|cited|described"
                       r"|recounted|told)|:)\s*$", re.IGNORECASE)
_AND_END = re.compile(r"\band\s*$")


def _lead_in(c: Citation, following: list[Citation], text: str) -> bool:
    """A short form or a title-only reading that is really the words leading into the next citation
    ("The story is told in detail in", "what Timothy Mitchell describes in"), or a long run of prose."""
    if c.kind in (IBID, SUPRA, UNPARSED) or c.span is None:
        return False  # (text that looks cited but could not be read is reported, never taken as a lead-in)
    nxt = following[0] if following else None
    joined = nxt is not None and _joined(c, nxt, text)
    solid = {"issued", "publisher", "volume", "page", "URL", "archive", "archive_location"} & set(c.item) or c.locator
    if joined and _LEAD_END.search(c.text) and not (solid and _AND_END.search(c.text)):
        return True  # (a dated or placed reading ending in "and" is a citation joined to the next one)
    body = c.text[len(c.prefix):].lstrip(" ,:") if c.prefix and c.text.startswith(c.prefix) else c.text
    if body[:1].islower() and not solid:  # "the annual", "the materials in": words around a citation
        return True
    if c.kind == FULL:
        fields = {k for k in c.item if k not in ("type", "custom")}
        return fields <= {"title"} and len((c.item.get("title") or "").split()) > 20
    return c.kind == SHORT and not c.locator and len((c.short_title or "").split()) > 12


_BETWEEN = re.compile(r"[\s,;:.]*(?:in\s+(?:the\s+)?)?")
_DESCRIPTION_TYPES = {"document", "book", "manuscript", "personal_communication", "interview", "report"}


def _describe_documents(text: str, cits: list[Citation]) -> list[Citation]:
    """An archival reference without a title takes the description just before it as title and date:
    "Memorandum of conversation, Molotov–Sato, 8 August 1945, AVP RF, f. 06, …"."""
    out: list[Citation] = []
    for c in cits:
        prev = out[-1] if out else None
        if (prev is not None and c.kind == FULL and c.item.get("type") == "manuscript" and not c.item.get("title")
                and prev.kind == FULL and prev.span and c.span and prev.item.get("title")
                and not prev.item.get("container-title") and prev.item.get("type") in _DESCRIPTION_TYPES
                and not prev.item.get("archive") and _BETWEEN.fullmatch(text, prev.span.end, c.span.start)
                and not prev.item.get("publisher")
                and not (prev.item.get("author") and ";" in text[prev.span.end - 1: c.span.start])):
            # (a published work, or an author's work a ";" ends, is no description of the file's document)
            desc = prev.text
            if prev.prefix and desc.startswith(prev.prefix):
                desc = desc[len(prev.prefix):]
            date = prev.item.get("issued")
            title = _DATE_TAIL.sub("", desc.strip()).strip(" ,;:.") if date else desc.strip(" ,;:.")
            c.item = {**c.item, "title": title.replace("*", "")}
            if date:
                c.item["issued"] = date
            if prev.item.get("type") == "personal_communication":
                c.item["type"] = "personal_communication"
            c.prefix = prev.prefix
            c.span = Span(prev.span.start, c.span.end)
            c.text = text[c.span.start: c.span.end]
            out[-1] = c
            continue
        out.append(c)
    return out


_DATE_TAIL = re.compile(r",?\s*(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+(?:\d{1,2},\s+)?\d{4}|\d{4}|\d{1,2}\.\d{1,2}\.\d{4}"
                        rf"|{DAY_AS_WRITTEN})[\s,;:.]*$")


def _sender_in_title(read: Read) -> None:
    """"David Trask to Staff of PA/HO, August 31, 1976, NARA, …": the writer is part of the document's
    description, as the rules read such correspondence ("Houston to Colby, …"), not its author: Chicago prints
    the description whole, and an author beside it would print the writer twice."""
    title = str(read.item.get("title") or "")
    if not title.startswith("to ") or not read.item.get("author"):
        return
    order = [lab for lab, _ in read.segments]
    at = order.index("title") if "title" in order else 0
    if at and order[at - 1] == "author":  # the writer's names just before "to …"
        read.item["title"] = f"{read.segments[at - 1][1].rstrip(' ,')} {title}"
        del read.item["author"]


def to_citation(read: Read, note: Note, ctx: ParseContext, arch: SpanIndex) -> Citation | None:
    """A Citation from one read, or None when it is commentary. A read with reference parts but no title,
    author or archive becomes UNPARSED (reported, never guessed)."""

    text = note.text or ""
    labels = {lab for lab, _ in read.segments}
    span = Span(read.start, read.end)
    raw = text[read.start: read.end]
    if not any(ch.isalnum() for ch in raw):  # a stray "/" or "—" the labeller gave a label: nothing cited
        return None
    base: dict[str, Any] = {"document": note.document, "note": note.n, "text": raw, "span": span,
                            "prefix": read.prefix}
    if read.kind in ("ibid", "supra"):
        backref = " ".join(t for lab, t in read.segments if lab == "backref")
        if read.kind == "supra" or rules.SUPRA_WORDS.search(backref):
            m = rules.NOTE_REF.search(backref)
            return Citation(kind=SUPRA, note_ref=int(m.group(1)) if m else None, locator=read.locator,
                            label=read.label, short_title=read.short_title or read.author, **base)
        item, bare = _partial_archival(read)
        if bare and not read.locator:  # "Ibid., 156": the page, whatever the labeller called it
            return Citation(kind=IBID, locator=bare, label="page", item=item, **base)
        return Citation(kind=IBID, locator=read.locator, label=read.label, item=item, **base)
    ref = None
    if labels & ARCHIVAL:
        ref = next(iter(arch.overlapping(read.start, read.end)), None)
        if ref is None:
            ref = _labelled_ref(read, ctx)
    if ref is not None and ref.archive is None and not ref.fond and ref.delo and _DECIMAL_ONLY.fullmatch(ref.delo) \
            and not read.item.get("title"):
        return None  # "… are in files 761.5622/1–1253 and …": the rules report the text (no archive named)
    _sender_in_title(read)
    if ref is not None:
        item = archival_item(ref, ctx.registry)
        for key in ("title", "issued", "author"):
            if key == "title" and _MARKING_ONLY.fullmatch(str(read.item.get("title", ""))):
                continue  # "…, 1969 and 1970. Secret": a marking, not the document's title
            if key in read.item and not (key == "title" and ctx.registry.find(read.item["title"])):
                item[key] = read.item[key]  # (an archive's own name, "Gaimushō Gaikō Shiryōkan", is no title)
        if read.item.get("type") == "personal_communication":
            item["type"] = "personal_communication"
        locator = ref.leaves or read.locator or (read.item.get("page") if ref.extra.get("notation") == "as-written"
                                                 and not read.item.get("container-title") else None)
        return Citation(kind=FULL, item=item, locator=locator, label="folio" if ref.leaves else read.label,
                        warnings=list(ref.warnings), **base)
    if read.doubtful:
        return Citation(kind=UNPARSED, reason=f"looks like a reference, but its {read.doubtful}", **base)
    plain = set(read.item) <= {"author", "title", "publisher", "container-title", "type"}
    dated = set(read.item) <= {"title", "container-title", "type", "issued"}
    if not read.locator and ((read.kind == "short" or plain) and _an_office(raw.partition(",")[2])
                             or (plain or dated) and _office_first(raw)):
        return None  # "Neville Chamberlain, British Prime Minister.": who a person is, not a work
    if read.kind == "short":
        if not read.author and not read.locator:
            dated = description_fields(read.short_title or "")
            if dated.get("issued"):  # "Shafer letter to Kirkland, December 13, 1955": a dated document
                return Citation(kind=FULL, item={**dated, "type": "document"}, **base)
            return None  # a title alone, with nothing cited in it: commentary
        if not read.author and (not read.locator or len((read.short_title or "").split()) > 8
                                or re.search(r"\d", read.short_title or "")):
            return Citation(kind=UNPARSED, reason="looks like a reference, but its author and title could not "
                            "be told apart", **base)
        if not read.author and PART_WORD.match(read.short_title or ""):
            return Citation(kind=UNPARSED, reason="looks like a cross-reference to a part of a work, but names "
                            "no work", **base)  # "See Part I, p. 12."
        return Citation(kind=SHORT, author=read.author, short_title=read.short_title, locator=read.locator,
                        label=read.label, item={"volume": read.item["volume"]} if read.item.get("volume") else {},
                        **base)
    item = dict(read.item)
    if _PROSE_TITLE.match(str(item.get("title") or "")) and not (read.locator or item.get("page")
                                                                 or item.get("volume")):
        return None  # "Yokote Shinji's article in the Journal of Cold War Studies": prose about a work, no reference
    if _routine(text, read.start):
        return None  # "Secret; Sensitive. Sent for action.", "Copies were sent to Dillon, David E. Bell (…), …"
    if _title_alone(item):
        return None  # "taking place a year apart, in July 1964": a phrase of commentary, not a work
    idem = custom_of(item).get("idem")  # "Idem, Title …": resolve gives it the previous author
    if idem or item.get("title") or item.get("container-title") or item.get("URL") or (item.get("author") and (
            item.get("publisher") or item.get("issued") or item.get("genre"))):
        return Citation(kind=FULL, item=item, locator=read.locator, label=read.label, **base)
    if labels & _CITED and len(raw.split()) >= 2 and re.search(r"\d", raw):
        return Citation(kind=UNPARSED, reason="looks like a reference, but its title and author could not be told",
                        **base)
    return None


# what a U.S. documentary source note says after the file: its classification and how the document went ("Secret;
# Sensitive.", "Drafted by Collins and cleared with EE", "Copies were sent to Dillon, …") — commentary, not works
_MARKING = (r"(?:Top\s+Secret|Secret|Confidential|Sensitive|Unclassified|Limited\s+Official\s+Use|Official\s+Use"
            r"\s+Only|Eyes\s+Only|No\s+classification\s+marking|Nodis|Exdis|Limdis|Noforn|Priority|Niact)")
_MARKING_ONLY = re.compile(rf"{_MARKING}(?:\s*[;,]\s*{_MARKING})*[.;]?")
_ROUTINE = re.compile(rf"(?:{_MARKING}\b|(?:Drafted|Cleared|Approved|Initialed|Copies|Copy|Sent|Repeated|Also\s+sent"
                      r"|Pouched|Received|Distributed)\b)")
_SENTENCE_START = re.compile(r"(?:^|[.;]\s+)(?=\S)")


_DECIMAL_ONLY = re.compile(rf"(?:[Ff]iles?\s+)?{DECIMAL_FILE}(?:(?:,\s*(?:and\s+)?|\s+and\s+){DECIMAL_FILE})*\.?")  # 1+
_PROSE_TITLE = re.compile(r"[A-Z][\w'’-]*['’]s\s+(?:article|book|essay|study|memoirs?|account|view|work|paper|speech|"
                          r"diary|report|thesis|argument|analysis)\b")


def _routine(text: str, start: int) -> bool:
    """The sentence the reading at `start` is in opens with a marking or a routing word."""
    begin = max([m.end() for m in _SENTENCE_START.finditer(text, max(0, start - 200), start + 1)], default=0)
    return _ROUTINE.match(text, begin) is not None


_TENURE = re.compile(rf"(?:{DATE}|(?<!\w)(?:1[5-9]|20)\d\d)(?:\s*[–-]\s*(?:{DATE}|(?:1[5-9]|20)?\d\d)(?!\w))?")


def _an_office(title: str) -> bool:
    """"British Prime Minister", "Assistant Chief, Division of Far Eastern Affairs", "Consul General at
    Tientsin": an office within the first words of what follows a name (not "The …", no quotation, no number)."""
    words = title.replace(",", " ").split()
    if (not words or words[0] in ("The", "A", "An") or re.search(r"[“”\"«»]", title)
            or re.search(r"\d", _TENURE.sub("", title))):
        return False  # (the years of a tenure are no number: "Prime Minister of Italy, July 1943–June 1944")
    offices = default_lexicon().lists.get("offices", frozenset())
    low = [w.lower().strip(".;:()") for w in words[:5]]
    return any(w in offices or f"{w} {n}" in offices for w, n in zip(low, [*low[1:], ""], strict=True))


_NATIONALITY = re.compile(r"(?:American|British|French|German|Soviet|Russian|Japanese|Chinese|Italian|Polish|Korean"
                          r"|Indian|Canadian|Australian|Vietnamese|Hungarian|Czech|Yugoslav|Turkish|Iranian)\s+")


# what a person said or wrote, named by the office ("President Eisenhower’s address on …"): a work
_SPOKEN = re.compile(r"\w['’]s\b|\b(?:address|speech|remarks|statement|message|interview|press\s+conference|report)\b")


def _office_first(text: str) -> bool:
    """"Admiral Harry E. Yarnell of the United States Asiatic Fleet.", "American delegate to the Brussels
    Conference": an office (after a nationality) opens the reading, and no document is named in it."""
    text = _NATIONALITY.sub("", text.strip(), count=1)
    first = text.split(None, 1)[0].lower().strip(".,") if text.strip() else ""
    offices = default_lexicon().lists.get("offices", frozenset())
    return (first in offices and not DOCUMENT_WORD_RE.search(text) and not _SPOKEN.search(text)
            and _an_office(text))


def _title_alone(item: dict[str, Any]) -> bool:
    """Only a title (and perhaps a date) that starts with a small letter: works' titles start with a capital
    (or a quotation mark or a number), so this is a run of commentary the labeller took for a title."""
    title = str(item.get("title") or "")
    return bool(title[:1].islower()) and not set(item) - {"title", "issued", "type"}


def _labelled_ref(read: Read, ctx: ParseContext) -> ArchivalRef | None:
    """An archival reference in a notation the rules do not know, from the labeller's segments: the archive
    as named (canonical when the registry knows it) and each level as written ("MS Russ 79, Box 75")."""
    parts: dict[str, list[str]] = {}
    for lab, raw in read.segments:
        if lab in ARCHIVAL:
            parts.setdefault(lab, []).append(raw.strip(" ,;.:()"))
    name = " ".join(parts.get("archive", [])).strip()
    name = re.sub(r"^(?:in\s+)?(?:the\s+)?", "", name, flags=re.IGNORECASE).strip(" ,;.:")
    levels = [v for lab in ("fond", "opis", "unit", "delo") for v in parts.get(lab, [])]
    if not name and not levels:
        return None
    archive = ctx.registry.find(name) if name else None
    if name and not archive and "(" in name:  # "Kautz Family YMCA Archives, …, Minneapolis (PBAFP KFYA)"
        archive = next(filter(None, map(ctx.registry.find, reversed(name[name.rfind("(") + 1:].strip(")").split()))),
                       None)

    def level(lab: str) -> str | None:
        return ", ".join(parts[lab]) if parts.get(lab) else None

    ref = ArchivalRef(archive.acronym if archive else (name or None), level("fond"), level("opis"), level("delo"),
                      extra={"notation": "as-written", "location": ", ".join(levels)} if levels else {})
    if parts.get("unit"):
        ref.extra["unit"] = ", ".join(parts["unit"])
    folio = " ".join(parts.get("folio", []))
    if folio:
        ref.leaves = re.sub(r"^(?:ll?|л|лл|fols?|ff?|ark|арк|p|pp)\.\s*", "", folio, flags=re.IGNORECASE) or None
    if name and not archive:
        ref.warnings.append(f"archive {name!r} is not in the registry (add it to an archives file)")
    return ref


_BARE_NUMBER = re.compile(r"[\s,.(]*(\d+(?:\s*[–-]\s*\d+)?)[\s,.;)]*")


def _partial_archival(read: Read) -> tuple[dict[str, Any], str | None]:
    """What a partial ibid. names anew: "Ibid., op. 5, d. 212" → {"custom": {"archival_override": {...}}}
    (resolve lays it over the antecedent's archival parts), and a bare number read as a level ("Ibid., 156"),
    which names no level: it is the page."""
    parts: dict[str, str] = {}
    bare = None
    for lab, raw in read.segments:
        if lab in ("opis", "delo", "fond", "unit"):
            number = _BARE_NUMBER.fullmatch(raw)
            if number:
                bare = bare or number.group(1)
                continue
            m = re.search(r"[A-ZР]?-?\d+[a-zа-я]?", raw)
            if m:
                parts["papka" if lab == "unit" else lab] = m.group()
    return ({"custom": {"archival_override": parts}} if parts else {}), bare
