"""Read a text file the user named, turning every way it can be wrong into one UserError line."""

from __future__ import annotations

from pathlib import Path

from zotero_cw.errors import UserError


def read_text(path: Path, what: str = "document") -> str:
    """Return the decoded text (UTF-8, BOM dropped, newlines normalised to \\n)."""
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
    if b"\x00" in raw[:65536]:
        raise UserError(f"{what} is a binary file, not text: {path}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"{what} is not UTF-8 text (bad byte at offset {exc.start}): {path}") from None
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
