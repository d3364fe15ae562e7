"""The local library: a SQLite database (`library.sqlite`) a research group adds to over time.

    lib = library.load(directory)          # the whole library as a `Library` (render, sync, export read this)
    with library.opened(directory) as conn: ...   # the database itself (lookup, add, remove, pull)

Works, citations, documents, clusters, merges, tags, collections and the pull state are tables (see `db`);
`add`/`remove`/`pull` change them in one transaction each. The JSON form of a library (`library.json`,
format 1) is an export (`zotero-cw export --format library-json`); a directory holding only the JSON form of
an earlier zotero-cw is migrated into the database the first time it is opened.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.errors import UserError, sqlite_errors
from zotero_cw.library import db

FORMAT_VERSION = 1  # of the JSON form
JSON_FILE = "library.json"
LIBRARY_FILE = db.DB_FILE


@dataclass
class Library:
    items: list[dict[str, Any]] = field(default_factory=list)  # CSL-JSON items, each with "id" and "custom"
    clusters: list[dict[str, Any]] = field(default_factory=list)  # CSL citation clusters, one per note
    documents: list[dict[str, Any]] = field(default_factory=list)  # {"name", "notes", "citations", ...}
    merges: list[dict[str, Any]] = field(default_factory=list)  # {"id", "members", "evidence"} from dedupe
    origins: dict[str, str] = field(default_factory=dict)  # item id → "document" | "zotero" | "import"
    _by_id: dict[str, dict[str, Any]] | None = field(default=None, repr=False, compare=False)

    def item(self, item_id: str) -> dict[str, Any] | None:
        if self._by_id is None or len(self._by_id) != len(self.items):
            self._by_id = {str(it["id"]): it for it in self.items}
        return self._by_id.get(item_id)

    def collections(self) -> list[dict[str, Any]]:
        from zotero_cw.catalog import collection_tree
        return collection_tree(self.items)

    def tags(self) -> list[dict[str, Any]]:
        from zotero_cw.catalog import all_tags
        return all_tags(self.items)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT_VERSION, "documents": self.documents, "items": self.items,
                "clusters": self.clusters, "collections": self.collections(), "tags": self.tags(),
                "merges": self.merges}


def default_dir() -> Path:
    """$ZOTERO_CW_LIBRARY, else ./zotero-cw-library."""
    return Path(os.environ.get("ZOTERO_CW_LIBRARY") or "zotero-cw-library")


def path_of(directory: Path | None = None) -> Path:
    return db.db_path(directory or default_dir())


@contextmanager
def opened(directory: Path | None = None, *, create: bool = False,
           readonly: bool = False) -> Iterator[sqlite3.Connection]:
    """The library database, checked once here; any SQLite failure later is one line naming the file."""
    directory = directory or default_dir()
    path = db.db_path(directory)
    if directory.exists() and not directory.is_dir():
        raise UserError(f"library path is not a directory: {directory}")
    legacy = directory / JSON_FILE
    if not path.exists() and legacy.exists():
        if readonly and not os.access(directory, os.W_OK):
            raise UserError(f"the library {legacy} is in the old JSON form and {directory} is read-only: "
                            "it cannot be migrated")
        migrate_json(directory)
    conn = db.connect(path, create=create, readonly=readonly)
    try:
        with sqlite_errors(path):
            yield conn
    finally:
        conn.close()


def read_all(conn: sqlite3.Connection) -> Library:
    works = db.all_works(conn)
    origins = {str(it["id"]): o for it, o in works}
    return Library(items=[it for it, _ in works], clusters=db.clusters(conn), documents=db.documents(conn),
                   merges=db.merges(conn), origins=origins)


def load(directory: Path | None = None) -> Library:
    """The whole library (every work, cluster, document and merge)."""
    with opened(directory) as conn:
        return read_all(conn)


def write_all(conn: sqlite3.Connection, library: Library) -> None:
    """Replace the whole content of the database with `library` (one transaction)."""
    with db.write(conn):
        db.clear(conn)
        db.put_works(conn, [(it, library.origins.get(str(it["id"]), "document")) for it in library.items])
        db.put_documents(conn, library.documents)
        db.put_clusters(conn, library.clusters)
        for m in library.merges:
            db.put_merge(conn, m)


def save(library: Library, directory: Path | None = None) -> Path:
    """Write the library (replacing what the database held) in one transaction: all of it or none."""
    directory = directory or default_dir()
    check(library, "library")
    with opened(directory, create=True) as conn:
        write_all(conn, library)
    return db.db_path(directory)


def check(library: Library, where: str) -> Library:
    from zotero_cw.library import validate

    validate.check_items(library.items, where)
    validate.check_clusters(library.clusters, where)
    validate.check_documents(library.documents, where)
    validate.check_merges(library.merges, where)
    keys = [str(k) for it in library.items if (k := (it.get("custom") or {}).get("zotero_key"))]
    if len(keys) != len(set(keys)):
        dup = sorted(k for k in set(keys) if keys.count(k) > 1)[0]
        raise UserError(f"{where}: two works carry the Zotero key {dup!r} (custom.zotero_key)")
    return library


def from_json(data: Any, where: str) -> Library:
    """A library in its JSON form (format 1), checked."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise UserError(f"{where} is not a zotero-cw library (format {FORMAT_VERSION})")
    if not isinstance(data.get("items"), list) or not isinstance(data.get("clusters"), list):
        raise UserError(f"{where} is damaged: 'items' and 'clusters' must be lists")
    lib = Library(items=data["items"], clusters=data["clusters"], documents=data.get("documents", []),
                  merges=data.get("merges", []))
    return check(lib, where)


def migrate_json(directory: Path) -> Path:
    """Bring a library.json of an earlier zotero-cw into library.sqlite (the JSON file is left as it was)."""
    from zotero_cw.library import validate

    legacy = directory / JSON_FILE
    lib = from_json(validate.read_json_file(legacy, "library"), str(legacy))
    path = db.db_path(directory)
    conn = db.connect(path, create=True)
    try:
        if not db.documents(conn) and not conn.execute("SELECT 1 FROM works LIMIT 1").fetchone():
            write_all(conn, lib)
            print(f"zotero-cw: migrated {legacy} into {path} (the JSON file is kept)", file=sys.stderr)
    finally:
        conn.close()
    return path
