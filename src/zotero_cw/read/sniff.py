"""Which reader a file needs, from its content (the extension only breaks ties)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from zotero_cw.errors import UserError

_HTML = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL)
_MD_FOOTNOTE = re.compile(rb"^ {0,3}\[\^[^\]\s]+\]:", re.MULTILINE)
ODT_MIME = b"application/vnd.oasis.opendocument.text"


def looks_like_html(text: str) -> bool:
    return bool(_HTML.match(text[:4096].lstrip("\ufeff")))


def _zip_kind(raw: bytes, path: Path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = set(z.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "content.xml" in names:
                mime = z.read("mimetype").strip() if "mimetype" in names else ODT_MIME
                if mime.startswith(ODT_MIME):
                    return "odt"
                raise UserError(f"{path} is an OpenDocument file but not a text document ({mime.decode()}): "
                                "save it as .odt or .docx")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise UserError(f"{path} is a damaged or truncated ZIP file (a .docx or .odt?): {exc}") from None
    raise UserError(f"{path} is a ZIP archive but not a Word (.docx) or OpenDocument (.odt) document")


def sniff(raw: bytes, path: Path) -> str:
    """One of pdf, docx, odt, html, markdown, text. Formats we cannot read are a UserError."""
    head = raw[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return _zip_kind(raw, path)
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UserError(f"{path} is an old Word (.doc) file: save it as .docx (Word: File ▸ Save As) and read that")
    if raw.startswith(b"{\\rtf"):
        raise UserError(f"{path} is an RTF file: save it as .docx or .odt and read that")
    start = head.decode("utf-16", errors="replace") if head.startswith((b"\xff\xfe", b"\xfe\xff")) else \
        head.decode("utf-8", errors="replace")
    if looks_like_html(start):
        return "html"
    if _MD_FOOTNOTE.search(raw):
        return "markdown"
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    return "text"
