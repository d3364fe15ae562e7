"""The reading stage: a document as a historian has it (PDF, Word, LibreOffice, web page, Markdown, text) →
`Document` (notes numbered as printed, italics as *…*, marker offsets, the sentence each note annotates).

One interface, `read_document(path, notes_file=None, readers=DEFAULT_READERS)`: the first reader of the list
that accepts the file reads it; what it accepts is decided by the file's content (`sniff`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zotero_cw.models import Document
from zotero_cw.read.common import read_notes_file
from zotero_cw.read.sniff import looks_like_html, sniff
from zotero_cw.read.textio import decode, read_bytes

__all__ = ["DEFAULT_READERS", "Reader", "Source", "read_document", "read_notes_file", "sniff"]


@dataclass
class Source:
    """A file to read: its bytes, the format sniffed, the notes file's texts; `text` is decoded when first asked."""

    raw: bytes
    path: Path
    fmt: str  # pdf, docx, odt, html, markdown, text (`sniff`)
    notes: dict[int, str] | None
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def text(self) -> str:
        return decode(self.raw, self.path, "document", self.warnings)


@dataclass(frozen=True)
class Reader:
    name: str
    accepts: Callable[[Source], bool]
    read: Callable[[Source], Document]


def _pdf(src: Source) -> Document:
    from zotero_cw.read.pdf import read_pdf
    return read_pdf(src.raw, src.path, src.notes)


def _office(src: Source) -> Document:
    from zotero_cw.read.office import read_office
    return read_office(src.raw, src.path, src.fmt, src.notes)


def _html(src: Source) -> Document:
    from zotero_cw.read.html import read_html
    return read_html(src.text, src.path, src.notes, src.warnings)


def _has_footnotes(src: Source) -> bool:
    from zotero_cw.read.markdown import has_footnotes
    return has_footnotes(src.text)


def _markdown(src: Source) -> Document:
    from zotero_cw.read.markdown import read_markdown
    return read_markdown(src.text, src.path, src.notes, src.warnings)


def _text(src: Source) -> Document:
    from zotero_cw.read.text import read_text_document
    return read_text_document(src.text, src.path, src.notes, src.warnings)


# The default readers, tried in order: PDF; Word (.docx) and OpenDocument (.odt); HTML (also UTF-16 HTML,
# recognisable only once decoded); pandoc Markdown with footnotes; plain or page-layout text (always accepts).
DEFAULT_READERS: tuple[Reader, ...] = (
    Reader("pdf", lambda s: s.fmt == "pdf", _pdf),
    Reader("office", lambda s: s.fmt in ("docx", "odt"), _office),
    Reader("html", lambda s: s.fmt == "html" or looks_like_html(s.text), _html),
    Reader("markdown", _has_footnotes, _markdown),
    Reader("text", lambda s: True, _text),
)


def read_document(path: Path, notes_file: Path | None = None,
                  readers: Sequence[Reader] = DEFAULT_READERS) -> Document:
    """Read any supported document with the first reader that accepts it; bad input is a UserError naming the
    problem."""
    path = Path(path)
    raw = read_bytes(path)
    fmt = sniff(raw, path)
    notes_texts = read_notes_file(notes_file) if notes_file is not None else None
    src = Source(raw, path, fmt, notes_texts)
    reader = next((r for r in readers if r.accepts(src)), None)
    if reader is None:
        from zotero_cw.errors import UserError
        raise UserError(f"{path}: no reader accepts this {fmt} file")
    return reader.read(src)
