"""The reading stage: a document as a historian has it (PDF, Word, LibreOffice, web page, Markdown, text) →
`Document` (notes numbered as printed, italics as *…*, marker offsets, the sentence each note annotates).

One interface, `read_document(path, notes_file=None)`; the reader is chosen by the file's content (`sniff`).
"""

from __future__ import annotations

from pathlib import Path

from zotero_cw.models import Document
from zotero_cw.read.common import read_notes_file
from zotero_cw.read.sniff import looks_like_html, sniff
from zotero_cw.read.textio import decode, read_bytes

__all__ = ["read_document", "read_notes_file", "sniff"]


def read_document(path: Path, notes_file: Path | None = None) -> Document:
    """Read any supported document; bad input is a UserError naming the problem."""
    path = Path(path)
    raw = read_bytes(path)
    fmt = sniff(raw, path)
    notes_texts = read_notes_file(notes_file) if notes_file is not None else None
    if fmt == "pdf":
        from zotero_cw.read.pdf import read_pdf
        return read_pdf(raw, path, notes_texts)
    if fmt in ("docx", "odt"):
        from zotero_cw.read.office import read_office
        return read_office(raw, path, fmt, notes_texts)
    warnings: list[str] = []
    text = decode(raw, path, "document", warnings)
    if fmt == "html" or looks_like_html(text):  # UTF-16 HTML is only recognisable once decoded
        from zotero_cw.read.html import read_html
        return read_html(text, path, notes_texts, warnings)
    from zotero_cw.read.markdown import has_footnotes, read_markdown
    if has_footnotes(text):
        return read_markdown(text, path, notes_texts, warnings)
    from zotero_cw.read.text import read_text_document
    return read_text_document(text, path, notes_texts, warnings)
