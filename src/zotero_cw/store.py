"""Small file helpers: atomic JSON writes and friendly JSON reads."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from zotero_cw.errors import UserError


def _replace_atomically(path: Path, write: Callable[[TextIO], Any], mode: int | None = None) -> None:
    """`write` a temporary file beside `path`, fsync it, give it `mode` (else mkstemp's 0600), then rename it
    over `path`; on any failure the temporary file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_json(path: Path, data: Any, indent: int = 1) -> None:
    """Write JSON to a temporary file beside `path`, fsync it, then rename it over `path`."""

    def write(fh: TextIO) -> None:
        json.dump(data, fh, ensure_ascii=False, indent=indent, sort_keys=False)
        fh.write("\n")

    _replace_atomically(path, write)


def atomic_write_text(path: Path, text: str) -> None:
    """Write text to a temporary file beside `path`, fsync it, rename it over `path` (keeping its mode)."""
    if path.exists():
        mode = path.stat().st_mode & 0o777
    else:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    _replace_atomically(path, lambda fh: fh.write(text), mode)


def read_json(path: Path, what: str = "file") -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise UserError(f"{what} not found: {path}") from None
    except IsADirectoryError:
        raise UserError(f"{what} is a directory: {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{what} is not valid JSON: {path} ({exc})") from None
