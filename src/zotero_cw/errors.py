"""Errors the command line reports as one line with exit status 2, and the translations of the failures of
reading a file and of SQLite into them (one place each, the wording given by each caller)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class UserError(Exception):
    """Bad input or configuration: shown to the user as one line, exit status 2."""


@contextmanager
def file_errors(path: Path | str, what: str = "", *, denied: str, failed: str, missing: str | None = None,
                directory: str | None = None, undecodable: str | None = None) -> Iterator[None]:
    """An OSError (or UnicodeDecodeError) raised inside, as a UserError worded by one of these templates:
    `missing` (file not found), `denied` (permission), `directory` (a directory was opened), `undecodable` (not
    UTF-8), else `failed`. A template may name {path}, {what}, {reason} (the system's description of the error,
    else its type) and {strerror} (the system's description as it is). Without `missing` or `directory` that
    error gets `failed`; without `undecodable` a UnicodeDecodeError passes through."""
    try:
        yield
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, UnicodeDecodeError):
            if undecodable is None:
                raise
            template = undecodable
        elif missing is not None and isinstance(exc, FileNotFoundError):
            template = missing
        elif isinstance(exc, PermissionError):
            template = denied
        elif directory is not None and isinstance(exc, IsADirectoryError):
            template = directory
        else:
            template = failed
        strerror = getattr(exc, "strerror", None)
        raise UserError(template.format(path=path, what=what, strerror=strerror,
                                        reason=strerror or type(exc).__name__)) from None


@contextmanager
def sqlite_errors(path: Path, *, operational: str | None = None) -> Iterator[None]:
    """A SQLite failure inside, as one line naming the library file: a damaged file (`library.db.damaged`), or
    for an OperationalError the template `operational` ({path}, {exc}) when given, else busy (locked), read-only
    or damaged. An IntegrityError passes through: a constraint zotero-cw broke is a bug, not a damaged file."""
    import sqlite3

    from zotero_cw.library.db import damaged

    try:
        yield
    except sqlite3.OperationalError as exc:
        if operational is not None:
            raise UserError(operational.format(path=path, exc=exc)) from None
        if "locked" in str(exc) or "busy" in str(exc):
            raise UserError(f"the library {path} is busy (another zotero-cw is writing it); try again") from None
        if "readonly" in str(exc):
            raise UserError(f"the library {path} cannot be written (read-only)") from None
        raise damaged(path, exc) from None
    except sqlite3.IntegrityError:
        raise
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from None
