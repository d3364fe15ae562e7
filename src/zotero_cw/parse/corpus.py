"""Annotated notes (the corpus format of corpus/GUIDE.md) and AnyStyle's labelled references, read into
labelled token sequences for training and into gold citations for measuring.

AnyStyle data: BSD 2-Clause, see corpus/anystyle-LICENSE; its tags are mapped onto the note labels.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from zotero_cw.errors import UserError
from zotero_cw.parse.tokens import Token, tokenize

OUTSIDE = "comment"  # tokens outside every citation
LABELS = ("signal", "author", "editor", "translator", "title", "container-title", "collection-title", "number",
          "volume", "issue", "edition", "genre", "publisher", "location", "date", "pages", "locator", "url",
          "accessed", "archive", "fond", "opis", "delo", "folio", "unit", "backref", "other", OUTSIDE)

ANYSTYLE_TAGS = {"journal": "container-title", "doi": "url", "isbn": "other", "citation-number": "other",
                 "director": "author", "producer": "author", "medium": "genre", "source": "other", "note": "other"}


@dataclass
class Segment:
    label: str
    start: int
    end: int


@dataclass
class GoldCite:
    type: str
    kind: str
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class GoldNote:
    source: str
    file: str
    n: str
    text: str
    cites: list[GoldCite] = field(default_factory=list)


def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise UserError(f"{path}: cannot read annotated notes ({exc})") from exc


def read_notes_file(path: str | Path) -> list[GoldNote]:
    """Every <note> of one annotated file, with its text and citations (offsets into the text)."""
    path = Path(path)
    root = _parse_xml(path)
    if root.tag != "notes":
        raise UserError(f"{path}: expected <notes> at the top (see corpus/GUIDE.md)")
    out = []
    for el in root.iter("note"):
        parts: list[str] = [el.text or ""]
        pos = len(parts[0])
        note = GoldNote(root.get("source", ""), str(path), el.get("n", ""), "")
        for cite in el:
            if cite.tag != "cite":
                raise UserError(f"{path}: note {note.n}: <{cite.tag}> outside a <cite>")
            gc = GoldCite(cite.get("type", ""), cite.get("kind", "full"), pos, pos)
            head = cite.text or ""
            parts.append(head)
            pos += len(head)
            for seg in cite:
                body = "".join(seg.itertext())
                if seg.tag not in LABELS:
                    raise UserError(f"{path}: note {note.n}: unknown segment <{seg.tag}>")
                gc.segments.append(Segment(seg.tag, pos, pos + len(body)))
                parts.append(body)
                pos += len(body)
                tail = seg.tail or ""
                parts.append(tail)
                pos += len(tail)
            gc.end = pos
            note.cites.append(gc)
            tail = cite.tail or ""
            parts.append(tail)
            pos += len(tail)
        note.text = "".join(parts)
        out.append(note)
    return out


def note_sequence(note: GoldNote) -> tuple[list[Token], list[str]]:
    """Tokens of a gold note and each token's label (the segment holding its first character)."""
    tokens = tokenize(note.text)
    marks = [OUTSIDE] * len(note.text)
    for cite in note.cites:
        for seg in cite.segments:
            for i in range(seg.start, seg.end):
                marks[i] = seg.label
        for i in range(cite.start, cite.end):  # punctuation between segments inside a cite
            if marks[i] == OUTSIDE and not note.text[i].isspace():
                marks[i] = "other"
    labels = []
    for t in tokens:
        # the first character that is not markup decides
        i = t.start
        while i < t.end - 1 and note.text[i] == "*":
            i += 1
        labels.append(marks[i])
    return tokens, labels


def read_anystyle(path: str | Path) -> list[tuple[list[Token], list[str]]]:
    """AnyStyle's <dataset><sequence><tag>text</tag>…: one labelled token sequence per reference."""
    root = _parse_xml(Path(path))
    out = []
    for seq in root.iter("sequence"):
        text_parts: list[str] = []
        spans: list[tuple[str, int, int]] = []
        pos = 0
        for seg in seq:
            body = " ".join("".join(seg.itertext()).split())
            if not body:
                continue
            if text_parts:
                text_parts.append(" ")
                pos += 1
            label = ANYSTYLE_TAGS.get(seg.tag, seg.tag)
            if label not in LABELS:
                label = "other"
            spans.append((label, pos, pos + len(body)))
            text_parts.append(body)
            pos += len(body)
        text = "".join(text_parts)
        tokens = tokenize(text)
        labels = []
        for t in tokens:
            labels.append(next((lab for lab, a, b in spans if a <= t.start < b), "other"))
        if tokens:
            out.append((tokens, labels))
    return out


def corpus_files(root: str | Path) -> list[Path]:
    root = Path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise UserError(f"{root}: no such annotated file or folder")
    return sorted(root.rglob("*.xml"))
