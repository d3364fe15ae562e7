"""Read a file the user named and decode text, turning every way it can be wrong into one UserError line."""

from __future__ import annotations

import codecs
from pathlib import Path

from zotero_cw.errors import UserError

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]


def read_bytes(path: Path, what: str = "document") -> bytes:
    if not path.exists():
        raise UserError(f"{what} not found: {path}")
    if path.is_dir():
        raise UserError(f"{what} is a directory, not a file: {path}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {what} {path}: {exc.strerror}") from None
    if not raw.strip():
        raise UserError(f"{what} is empty: {path}")
    return raw


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text saved without a BOM: every other byte of ASCII text is NUL."""
    head = raw[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    encoding = "utf-16-le" if odd > 0.4 * len(head) / 2 and even == 0 else \
        "utf-16-be" if even > 0.4 * len(head) / 2 and odd == 0 else None
    if encoding is None:
        return None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(raw: bytes, path: Path, what: str = "document", warnings: list[str] | None = None) -> str:
    """Decode text: UTF-8 (BOM dropped), UTF-16/32 with a BOM, else Windows-1252/Latin-1 with a warning.

    Newlines are normalised to \\n. A binary file (NUL bytes that are not UTF-16) is a UserError.
    """
    warnings = warnings if warnings is not None else []
    text: str | None = None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UserError(f"{what} starts with a {encoding.upper()} byte-order mark but is not "
                                f"{encoding.upper()} (bad bytes at offset {exc.start}): {path}") from None
            if encoding != "utf-8":
                warnings.append(f"{path.name}: read as {encoding.upper()} (byte-order mark)")
            break
    if text is None and b"\x00" in raw[:65536]:
        text = _utf16_without_bom(raw)
        if text is None:
            raise UserError(f"{what} is a binary file, not text: {path}")
        warnings.append(f"{path.name}: no byte-order mark; read as UTF-16 (NUL bytes between letters)")
    if text is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                text, assumed = raw.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                text, assumed = raw.decode("latin-1"), "Latin-1 (ISO 8859-1)"
            warnings.append(f"{path.name}: not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start}); "
                            f"read as {assumed}: check accented letters and quotes")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path, what: str = "document", warnings: list[str] | None = None) -> str:
    """The decoded text of a file (see `decode`)."""
    return decode(read_bytes(path, what), path, what, warnings)
