"""Search the local library while writing: archive references as historians type them, or plain words.

    index = Index(library.items)
    result = index.search("RGASPI 84/3/36")      # or "F. 84, Op. 3, D. 36, L. 68", "GARF 5446", "hasegawa 1998"

Archive references are read by `zotero_cw.archives.parse_archival_ref`; an archive's name alone lists the
whole archive. Words match author, title, container, publisher, year and id.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.dedupe.normalize import fold, numbers

_LEVELS = ("fond", "opis", "delo")


@dataclass(frozen=True)
class ArchiveQuery:
    archive: str | None
    fond: str | None
    opis: str | None = None
    delo: str | None = None
    leaves: str | None = None

    def describe(self) -> str:
        parts = [self.archive or "any archive"]
        parts += [f"{abbr} {v}" for abbr, v in (("F.", self.fond), ("Op.", self.opis), ("D.", self.delo),
                                               ("L.", self.leaves)) if v]
        return " ".join(parts)


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


def _level(value: Any) -> str:
    return re.sub(r"\s+", "", str(value or "")).upper()


def parse_archive_query(query: str) -> ArchiveQuery | None:
    """An archive reference in any of the usual spellings, or None if the query is plain words."""
    from zotero_cw.archives import default_registry, parse_archival_ref

    registry = default_registry()
    ref = parse_archival_ref(query, registry)
    if ref is not None and ref.fond:
        return ArchiveQuery(ref.archive, ref.fond, ref.opis, ref.delo, ref.leaves)
    hit = registry.lookup(query.strip().rstrip(",")) if len(query.split()) == 1 else None  # "RGASPI" alone
    return ArchiveQuery(hit[0].acronym, None) if hit else None


class Index:
    """Inverted word index and archive index over library items (built once, queried many times)."""

    def __init__(self, items: list[dict[str, Any]]):
        self.items = items
        self.words: dict[str, list[int]] = defaultdict(list)
        self.archival: dict[tuple[str, ...], list[int]] = defaultdict(list)  # (fond,) and (archive, fond)
        for i, it in enumerate(items):
            for tok in sorted(set(fold(_searchable(it)).split())):
                self.words[tok].append(i)
            arch = (it.get("custom") or {}).get("archival") or {}
            if arch.get("fond"):
                self.archival[(_level(arch["fond"]),)].append(i)
            if arch.get("archive"):
                self.archival[(_level(arch["archive"]),)].append(i)
        self.vocabulary = sorted(self.words)
        # rank for word matches, computed once: most cited first, then title, then id
        order = sorted(range(len(items)), key=lambda i: (-_times_cited(items[i]), fold(items[i].get("title")),
                                                         str(items[i].get("id"))))
        self.rank = [0] * len(items)
        for r, i in enumerate(order):
            self.rank[i] = r

    def search(self, query: str, limit: int | None = 10) -> Result:
        aq = parse_archive_query(query)
        if aq is not None:
            return self._archive(query, aq, limit)
        return self._words(query, limit)

    # -- archives --
    def _archive(self, query: str, aq: ArchiveQuery, limit: int | None) -> Result:
        key = (_level(aq.fond),) if aq.fond else (_level(aq.archive),)
        want = {k: _level(getattr(aq, k)) for k in _LEVELS if getattr(aq, k)}
        leaves = numbers(aq.leaves) if aq.leaves else frozenset()
        hits = []
        for i in self.archival.get(key, []):
            it = self.items[i]
            arch = it["custom"]["archival"]
            if aq.archive and _level(arch.get("archive")) != _level(aq.archive):
                continue
            if any(_level(arch.get(k)) != v for k, v in want.items()):
                continue
            cited = _cited_leaves(it)
            at_leaf = bool(leaves & cited) if leaves else False
            hits.append((not at_leaf, _file_key(arch), fold(it.get("title")), str(it["id"]), it))
        hits.sort(key=lambda h: h[:4])
        if leaves:  # the document(s) holding that leaf first; drop the rest only if some hold it
            if any(not h[0] for h in hits):
                hits = [h for h in hits if not h[0]]
        out = [Hit(h[4], aq.leaves if leaves else None, "folio" if leaves else None) for h in hits]
        return Result(query, "archive", out[:limit] if limit else out, aq, len(out))

    # -- words --
    def _postings(self, token: str) -> set[int]:
        if token in self.words and (len(token) < 3 or token.isdigit()):
            return set(self.words[token])
        out: set[int] = set()
        start = bisect.bisect_left(self.vocabulary, token)
        for w in self.vocabulary[start:]:
            if not w.startswith(token):
                break
            out.update(self.words[w])
        return out

    def _words(self, query: str, limit: int | None) -> Result:
        tokens = fold(query).split()
        if not tokens:
            return Result(query, "words")
        sets = sorted((self._postings(t) for t in tokens), key=len)
        found = set.intersection(*sets) if sets else set()
        rank = self.rank.__getitem__
        ranked = heapq.nsmallest(limit, found, key=rank) if limit else sorted(found, key=rank)
        return Result(query, "words", [Hit(self.items[i]) for i in ranked], None, len(found))


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
    for f, vs in ((item.get("custom") or {}).get("variants") or {}).items():  # other spellings find it too
        if f in ("author", "editor", "title", "publisher", "container-title"):
            parts += [_searchable({f: v["value"]}) for v in vs]
    return " ".join(parts)


def _cited_leaves(item: dict[str, Any]) -> frozenset[int]:
    out: set[int] = set()
    for c in (item.get("custom") or {}).get("cited_in") or []:
        if c.get("locator"):
            out |= numbers(c["locator"])
    return frozenset(out)


def _file_key(arch: dict[str, Any]) -> tuple[Any, ...]:
    def num(v: Any) -> tuple[int, str]:
        m = re.search(r"\d+", str(v or ""))
        return (int(m.group()) if m else -1, str(v or ""))
    return (str(arch.get("archive", "")), *(num(arch.get(k)) for k in _LEVELS))


def _times_cited(item: dict[str, Any]) -> int:
    return len((item.get("custom") or {}).get("cited_in") or [])


def file_label(arch: dict[str, Any]) -> str:
    return " ".join(f"{abbr} {arch[k]}" for k, abbr in (("fond", "F."), ("opis", "Op."), ("delo", "D."))
                    if arch.get(k))


def format_result(result: Result, *, fmt: str = "text", style: str | None = None) -> list[str]:
    """Lines to print: per hit the full and short Chicago note (through render.note) and where it is cited."""
    from zotero_cw import render
    from zotero_cw.catalog import cited_where

    lines: list[str] = []
    if result.kind == "archive" and result.archive:
        lines.append(f"{result.archive.describe()}: {result.total} document(s)")
    last_file = None
    for n, hit in enumerate(result.hits, 1):
        it = hit.item
        arch = (it.get("custom") or {}).get("archival") or {}
        if result.kind == "archive" and file_label(arch) != last_file:
            last_file = file_label(arch)
            lines.append(f"{arch.get('archive', '')} {last_file}")
        full = render.note(it, locator=hit.locator, label=hit.label, style=style, fmt=fmt)
        short = render.note(it, locator=hit.locator, label=hit.label, short=True, style=style, fmt=fmt)
        lines.append(f"[{n}] {it['id']}")
        lines.append(f"    full:  {full}")
        lines.append(f"    short: {short}")
        for doc, where in cited_where(it):
            lines.append(f"    cited: {doc} {'; '.join(where)}")
    if result.total > len(result.hits):
        lines.append(f"... {result.total - len(result.hits)} more (use --limit)")
    return lines
