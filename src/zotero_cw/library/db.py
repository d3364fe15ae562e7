"""The library's SQLite database: schema, migrations, one-line errors, reads and writes of whole rows.

One file, `library.sqlite`, in WAL mode; one writer at a time by SQLite's own locking (`BEGIN IMMEDIATE`
with a busy timeout), so two `add`s at once both land and a killed writer leaves the file as it was.
Works are stored as their CSL-JSON item (with `custom`) plus the columns lookup and dedupe search on.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zotero_cw.errors import UserError, file_errors

DB_FILE = "library.sqlite"
SCHEMA_VERSION = 1
APPLICATION_ID = 0x5A435731  # "ZCW1": tells a zotero-cw library from any other SQLite file
BUSY_TIMEOUT_MS = 60_000
HEADER = b"SQLite format 3\x00"

# Migrations: MIGRATIONS[n] takes a database at schema version n to n + 1.
SCHEMA = [
    """CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS works(
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'document',
        zotero_key TEXT,
        zotero_version INTEGER,
        archive TEXT, k_archive TEXT, k_fond TEXT, k_opis TEXT, k_delo TEXT,
        cited INTEGER NOT NULL DEFAULT 0,
        sort_title TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX IF NOT EXISTS works_archive ON works(k_archive, k_fond, k_opis, k_delo)",
    "CREATE INDEX IF NOT EXISTS works_fond ON works(k_fond)",
    "CREATE INDEX IF NOT EXISTS works_rank ON works(cited DESC, sort_title, id)",
    "CREATE UNIQUE INDEX IF NOT EXISTS works_zotero_key ON works(zotero_key) WHERE zotero_key IS NOT NULL",
    """CREATE TABLE IF NOT EXISTS citations(work TEXT NOT NULL, document TEXT NOT NULL, note INTEGER,
        locator TEXT, label TEXT)""",
    "CREATE INDEX IF NOT EXISTS citations_document ON citations(document)",
    "CREATE INDEX IF NOT EXISTS citations_work ON citations(work)",
    "CREATE TABLE IF NOT EXISTS blocks(key TEXT NOT NULL, work TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS blocks_key ON blocks(key)",
    "CREATE INDEX IF NOT EXISTS blocks_work ON blocks(work)",
    "CREATE TABLE IF NOT EXISTS documents(name TEXT PRIMARY KEY, data TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS clusters(citation_id TEXT PRIMARY KEY, document TEXT NOT NULL,
        note INTEGER NOT NULL, data TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS clusters_document ON clusters(document)",
    "CREATE TABLE IF NOT EXISTS merges(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS tags(tag TEXT NOT NULL, work TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS tags_work ON tags(work)",
    "CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag)",
    "CREATE TABLE IF NOT EXISTS collections(path TEXT NOT NULL, work TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS collections_work ON collections(work)",
    "CREATE INDEX IF NOT EXISTS collections_path ON collections(path)",
    "CREATE TABLE IF NOT EXISTS sync_state(scope TEXT PRIMARY KEY, data TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS vocab(term TEXT PRIMARY KEY) WITHOUT ROWID",  # every word indexed (for typos)
    # notes lookup rendered before (key: item, locator, style, format, renderer files)
    "CREATE TABLE IF NOT EXISTS note_cache(key TEXT PRIMARY KEY, work TEXT NOT NULL, text TEXT NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS note_cache_work ON note_cache(work)",
    # words of each work (folded, transliterated) with a prefix index for partial words
    """CREATE VIRTUAL TABLE IF NOT EXISTS works_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2',
        prefix='2 3 4')""",
]
MIGRATIONS: dict[int, list[str]] = {0: SCHEMA}


class Damaged(UserError):
    """The file is not a usable zotero-cw library (corrupt, truncated, another program's database)."""


def db_path(directory: Path) -> Path:
    return directory / DB_FILE


def _describe(exc: BaseException) -> str:
    return str(exc).split("\n")[0] or type(exc).__name__


def damaged(path: Path, exc: BaseException) -> Damaged:
    return Damaged(f"the library {path} is damaged or not a zotero-cw library ({_describe(exc)}); "
                   "it was left untouched")


def check_header(path: Path) -> None:
    """Refuse a file that is not SQLite at all before SQLite sees it (truncated to nothing, a text file)."""
    with file_errors(path, denied="the library {path} cannot be read (permission denied)",
                     directory="the library {path} is a directory, not a file",
                     failed="the library {path} cannot be read ({strerror})"), open(path, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(HEADER):
        raise Damaged(f"the library {path} is not a SQLite database (damaged or truncated); it was left untouched")


def connect(path: Path, *, create: bool, readonly: bool = False) -> sqlite3.Connection:
    """Open (or create) the library database, check what it is, bring its schema up to date."""
    exists = path.exists()
    if not exists and not create:
        raise UserError(f"no library at {path.parent}: run 'zotero-cw build DOC...' first")
    if not exists:
        _create(path)
    check_header(path)
    try:
        uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except PermissionError:
        raise UserError(f"the library {path} cannot be opened (permission denied)") from None
    except (sqlite3.Error, OSError) as exc:
        raise UserError(f"the library {path} cannot be opened ({_describe(exc)})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _prepare(conn, path, readonly)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise UserError(f"the library {path} cannot be written ({_describe(exc)})") from None
        raise damaged(path, exc) from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise damaged(path, exc) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _create(path: Path) -> None:
    """A new library file made beside its place and linked in whole: another process never sees half of it."""
    import os
    import tempfile

    if path.parent.exists() and not path.parent.is_dir():
        raise UserError(f"library path is not a directory: {path.parent}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    except OSError as exc:
        raise UserError(f"cannot write the library to {path.parent}: {exc.strerror}") from None
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # the mode a new file gets from the user's umask, not mkstemp's 0600
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            for stmt in MIGRATIONS[0]:
                conn.execute(stmt)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
    except OSError as exc:
        raise UserError(f"cannot create the library {path}: {exc.strerror}") from None
    finally:
        for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def _prepare(conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    if app not in (0, APPLICATION_ID) or (app == 0 and version != 0):
        raise Damaged(f"{path} is a SQLite database of another program, not a zotero-cw library; left untouched")
    if version > SCHEMA_VERSION:
        raise UserError(f"the library {path} has schema version {version}, newer than this zotero-cw "
                        f"({SCHEMA_VERSION}): upgrade zotero-cw to use it")
    if app == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise Damaged(f"{path} is a SQLite database of another program, not a zotero-cw library; left untouched")
    if readonly:
        if version < SCHEMA_VERSION:
            raise UserError(f"the library {path} has schema version {version}: run a writing command "
                            "(zotero-cw add) to migrate it")
        return
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    if version < SCHEMA_VERSION:
        with write(conn):  # the check is repeated inside the lock: another process may have migrated it
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for v in range(version, SCHEMA_VERSION):
                for stmt in MIGRATIONS[v]:
                    conn.execute(stmt)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: taken with the write lock at once, committed whole or not at all."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def loads(text: str, path: str = "library") -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError, TypeError) as exc:
        raise UserError(f"the library {path} holds a damaged record ({exc})") from None


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---- works


def level(value: Any) -> str:
    """A fond/opis/delo or archive as compared: spaces removed, upper case."""
    return re.sub(r"\s+", "", str(value or "")).upper()


def _sort_title(item: dict[str, Any]) -> str:
    from zotero_cw.text import search_fold

    return search_fold(item.get("title"))


def work_row(item: dict[str, Any], origin: str) -> tuple[Any, ...]:
    custom = item.get("custom") or {}
    arch = custom.get("archival") or {}
    zkey = custom.get("zotero_key")
    zver = custom.get("zotero_version")
    return (str(item["id"]), dumps(item), origin, str(zkey) if zkey else None,
            int(zver) if isinstance(zver, int) else None, arch.get("archive"),
            level(arch.get("archive")) or None, level(arch.get("fond")) or None, level(arch.get("opis")) or None,
            level(arch.get("delo")) or None, len(custom.get("cited_in") or []), _sort_title(item))


def put_works(conn: sqlite3.Connection, works: Iterable[tuple[dict[str, Any], str]]) -> None:
    """Insert or replace works (item, origin) with their citations, blocking keys, tags, collections, words."""
    from zotero_cw.dedupe import block_keys
    from zotero_cw.dedupe.normalize import normalize
    from zotero_cw.lookup import searchable_text
    from zotero_cw.models import Work

    for item, origin in works:
        row = work_row(item, origin)
        wid = row[0]
        old = conn.execute("SELECT rowid FROM works WHERE id=?", (wid,)).fetchone()
        if old:
            conn.execute("""UPDATE works SET data=?, origin=?, zotero_key=?, zotero_version=?, archive=?,
                            k_archive=?, k_fond=?, k_opis=?, k_delo=?, cited=?, sort_title=? WHERE rowid=?""",
                         (*row[1:], old[0]))
            rowid = old[0]
            _drop_side_rows(conn, [wid], [rowid])
        else:
            rowid = conn.execute("""INSERT INTO works(id, data, origin, zotero_key, zotero_version, archive,
                                    k_archive, k_fond, k_opis, k_delo, cited, sort_title)
                                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", row).lastrowid
        custom = item.get("custom") or {}
        conn.executemany("INSERT INTO citations VALUES (?,?,?,?,?)",
                         [(wid, str(c.get("document", "")), _int(c.get("note")), c.get("locator"), c.get("label"))
                          for c in custom.get("cited_in") or []])
        conn.executemany("INSERT INTO blocks VALUES (?,?)",
                         [("\x1f".join(k), wid) for k in sorted(block_keys(normalize(Work.from_csl(item))))])
        conn.executemany("INSERT INTO tags VALUES (?,?)", [(str(t), wid) for t in custom.get("tags") or []])
        conn.executemany("INSERT INTO collections VALUES (?,?)",
                         [("\x1f".join(map(str, p)), wid) for p in custom.get("collections") or []])
        text = searchable_text(item)
        conn.execute("INSERT INTO works_fts(rowid, text) VALUES (?,?)", (rowid, text))
        conn.executemany("INSERT OR IGNORE INTO vocab VALUES (?)", [(t,) for t in set(text.split()) if len(t) > 2])


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _drop_side_rows(conn: sqlite3.Connection, ids: list[str], rowids: list[int]) -> None:
    for table in ("citations", "blocks", "tags", "collections", "note_cache"):
        conn.executemany(f"DELETE FROM {table} WHERE work=?", [(i,) for i in ids])
    conn.executemany("DELETE FROM works_fts WHERE rowid=?", [(r,) for r in rowids])


def delete_works(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    ids = list(ids)
    rows = [r[0] for i in ids for r in conn.execute("SELECT rowid FROM works WHERE id=?", (i,))]
    _drop_side_rows(conn, ids, rows)
    conn.executemany("DELETE FROM works WHERE id=?", [(i,) for i in ids])


def get_works(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[dict[str, Any], str]]:
    """{id: (item, origin)} for the ids that exist."""
    out: dict[str, tuple[dict[str, Any], str]] = {}
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for wid, data, origin in conn.execute(f"SELECT id, data, origin FROM works WHERE id IN ({marks})", chunk):
            out[wid] = (loads(data), origin)
    return out


def works_citing(conn: sqlite3.Connection, documents: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for d in documents:
        out.update(r[0] for r in conn.execute("SELECT DISTINCT work FROM citations WHERE document=?", (d,)))
    return out


def candidates(conn: sqlite3.Connection, keys: Iterable[tuple[str, ...]], per_key: int) -> set[str]:
    """Ids of works sharing a blocking key with the given keys (at most `per_key` per key)."""
    out: set[str] = set()
    for k in sorted(set(keys)):
        out.update(r[0] for r in conn.execute("SELECT work FROM blocks WHERE key=? LIMIT ?",
                                              ("\x1f".join(k), per_key)))
    return out


def all_works(conn: sqlite3.Connection) -> list[tuple[dict[str, Any], str]]:
    out = []
    for wid, d, o in conn.execute("SELECT id, data, origin FROM works ORDER BY rowid"):
        item = loads(d)
        if not isinstance(item, dict) or str(item.get("id")) != wid or not isinstance(item.get("custom", {}), dict):
            raise UserError(f"the library holds a damaged work {wid!r} (not a CSL item with its id)")
        out.append((item, o))
    return out


def id_taken(conn: sqlite3.Connection, wid: str) -> bool:
    return conn.execute("SELECT 1 FROM works WHERE id=?", (wid,)).fetchone() is not None


# ---- documents, clusters, merges, state


def put_documents(conn: sqlite3.Connection, docs: Iterable[dict[str, Any]]) -> None:
    conn.executemany("INSERT OR REPLACE INTO documents VALUES (?,?)", [(d["name"], dumps(d)) for d in docs])


def documents(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [loads(d) for (d,) in conn.execute("SELECT data FROM documents ORDER BY name")]


def put_clusters(conn: sqlite3.Connection, clusters: Iterable[dict[str, Any]]) -> None:
    rows = []
    for cl in clusters:
        props = cl.get("properties") or {}
        rows.append((str(cl.get("citationID")), str(props.get("document", "")),
                     _int(props.get("noteIndex")) or 0, dumps(cl)))
    conn.executemany("INSERT OR REPLACE INTO clusters VALUES (?,?,?,?)", rows)


def clusters(conn: sqlite3.Connection, document: str | None = None) -> list[dict[str, Any]]:
    if document is None:
        rows = conn.execute("SELECT data FROM clusters ORDER BY document, note, citation_id")
    else:
        rows = conn.execute("SELECT data FROM clusters WHERE document=? ORDER BY note, citation_id", (document,))
    out = [loads(d) for (d,) in rows]
    if not all(isinstance(c, dict) and isinstance(c.get("citationItems", []), list) for c in out):
        raise UserError("the library holds a damaged citation cluster")
    return out


def delete_documents(conn: sqlite3.Connection, names: Iterable[str]) -> None:
    for n in names:
        conn.execute("DELETE FROM documents WHERE name=?", (n,))
        conn.execute("DELETE FROM clusters WHERE document=?", (n,))


def merges(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [loads(d) for (d,) in conn.execute("SELECT data FROM merges ORDER BY rowid")]


def put_merge(conn: sqlite3.Connection, merge: dict[str, Any]) -> None:
    conn.execute("DELETE FROM merges WHERE id=?", (merge["id"],))
    conn.execute("INSERT INTO merges(id, data) VALUES (?,?)", (merge["id"], dumps(merge)))


def get_merge(conn: sqlite3.Connection, wid: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT data FROM merges WHERE id=?", (wid,)).fetchone()
    return loads(row[0]) if row else None


def delete_merges(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    conn.executemany("DELETE FROM merges WHERE id=?", [(i,) for i in ids])


def get_state(conn: sqlite3.Connection, scope: str) -> dict[str, Any]:
    row = conn.execute("SELECT data FROM sync_state WHERE scope=?", (scope,)).fetchone()
    return loads(row[0]) if row else {}


def put_state(conn: sqlite3.Connection, scope: str, data: dict[str, Any]) -> None:
    conn.execute("INSERT OR REPLACE INTO sync_state VALUES (?,?)", (scope, dumps(data)))


def clear(conn: sqlite3.Connection, keep_origins: tuple[str, ...] = ()) -> list[str]:
    """Empty the library of documents and their works (works of `keep_origins` stay); returns the ids kept."""
    marks = ",".join("?" * len(keep_origins)) or "''"
    gone = [r[0] for r in conn.execute(f"SELECT id FROM works WHERE origin NOT IN ({marks})", keep_origins)]
    delete_works(conn, gone)
    for table in ("documents", "clusters", "merges"):
        conn.execute(f"DELETE FROM {table}")
    return [r[0] for r in conn.execute("SELECT id FROM works")]
