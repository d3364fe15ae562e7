"""One item per work across notes and documents: blocking, matching, merging, stable ids, remapped clusters.

    result = dedupe(items, clusters)
    result.items     merged CSL-JSON items (custom.cited_in united, custom.variants recorded)
    result.clusters  the clusters with citation items pointing at the merged ids
    result.merges    one `Merge` per work made of several items, with the evidence for each link

No all-pairs comparison: identical items collapse first, then items are compared only within blocks
(author skeleton + title word, title words, archive/fond/opis/delo). Output depends only on the content,
never on input order.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.dedupe.match import conflict, match
from zotero_cw.dedupe.normalize import Work, normalize
from zotero_cw.dedupe.normalize import names as name_list
from zotero_cw.keys import assign_keys
from zotero_cw.models import Citation, ShortCitation, SupraCitation, canonical, cited_in, custom_of, identity
from zotero_cw.text import fold, plain

__all__ = ["Merge", "DedupeResult", "Group", "Grouping", "dedupe", "explain", "merge_groups", "merge_record",
           "short_form_variants"]

BLOCK_LIMIT = 400  # a block larger than this is compared only between neighbours in sorted order
WINDOW = 40


@dataclass
class Merge:
    """A work made of several input items and why they were joined."""

    id: str
    members: list[dict[str, Any]]  # {"document", "notes"} of each input item (input ids are per-run, not kept)
    evidence: list[str]  # "member A ~ member B: reason; reason"


@dataclass
class DedupeResult:
    items: list[dict[str, Any]]
    clusters: list[dict[str, Any]]
    merges: list[Merge]
    id_map: dict[tuple[str, str], str]  # (document, input id) -> merged id
    stats: dict[str, int] = field(default_factory=dict)


_canon = canonical


def _document(item: dict[str, Any]) -> str:
    cited = cited_in(item)
    return cited[0].document if cited else ""


def _signature(item: dict[str, Any]) -> str:
    """The work's `identity`, compact (its length and order break ties between items: kept as it was)."""
    return _canon(identity(item))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members = [[i] for i in range(n)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]) or (
                len(self.members[ra]) == len(self.members[rb]) and rb < ra):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members[rb])
        self.members[rb] = []


def _skeleton(name: str) -> str:
    """Letters sorted: O'Byran and O'Bryan share a skeleton."""
    return "".join(sorted(name))


def block_keys(w: Work) -> set[tuple[str, ...]]:
    """Keys under which candidates are compared; two items are compared only if they share one."""
    if w.archival:
        return {("arch", *w.archival)}
    keys: set[tuple[str, ...]] = set()
    first = w.title[0] if w.title else ""
    if w.title:
        keys.add(("t", *w.title[:2]))
    for n in w.names[:1]:
        keys.add(("n", _skeleton(n.family), first))
        if len(n.given) == 1:  # the name may be read the other way round
            keys.add(("n", _skeleton(n.given[0]), first))
    if not keys:
        keys.add(("empty",))
    return keys


def _candidate_pairs(works: list[Work], sides: list[str | None] | None = None) -> set[tuple[int, int]]:
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, w in enumerate(works):
        for k in block_keys(w):
            blocks[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if sides is not None:  # items of one side are never compared with each other
            free = [i for i in members if sides[i] is None]
            by_side: dict[str, list[int]] = defaultdict(list)
            for i in members:
                if sides[i] is not None:
                    by_side[sides[i]].append(i)
            pairs.update((min(a, b), max(a, b)) for x, a in enumerate(free) for b in free[x + 1:])
            pairs.update((min(a, b), max(a, b)) for a in free for side in by_side.values() for b in side)
            groups = list(by_side.values())
            pairs.update((min(a, b), max(a, b)) for x, g in enumerate(groups) for h in groups[x + 1:]
                         for a in g for b in h)
            continue
        if len(members) <= BLOCK_LIMIT:
            pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1:])
        else:  # members are sorted by signature, so near-identical items sit together
            pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1:x + 1 + WINDOW])
    return pairs


def _side(side: Any, members: list[dict[str, Any]]) -> str | None:
    """The side of identical items: theirs if they share one, else None (compared with everything)."""
    found = {side(it) for it in members}
    return found.pop() if len(found) == 1 else None


def _label(item: dict[str, Any], name: str | None = None) -> str:
    """`"Title" (document n. 12)` for the merge report; an untitled item by its `name` (else its id)."""
    title = str(item.get("title") or item.get("archive_location") or (name if name is not None else item.get("id")))
    title = title if len(title) <= 60 else title[:57] + "..."
    return f"\"{title}\" ({_document(item)} n. {_first_note(item)})"


@dataclass
class Group:
    """One work made of input items: the merged item (no id yet), the input indices, why they were joined."""

    item: dict[str, Any]
    members: list[int]
    evidence: list[str]


@dataclass
class Grouping:
    groups: list[Group]
    distinct: int  # items left once identical ones collapsed
    comparisons: int


def merge_groups(items: list[dict[str, Any]], side: Any = None, names: list[str] | None = None) -> Grouping:
    """The works the items are, in content order (ids are the next stage's job: `keys.assign_keys`).

    `side(item)` names a set of items never compared with each other ("library": works already deduplicated;
    "zotero": items that are each their own Zotero item), None for items compared with all; an item with a
    side that joins nothing is passed through as it is. `names` name untitled items in the evidence (else their id).
    """
    # 1. identical items collapse without comparison
    by_sig: dict[str, list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        by_sig[_signature(it)].append(n)
    sigs = sorted(by_sig)
    works = [normalize(items[by_sig[s][0]]) for s in sigs]

    # 2. compare within blocks, strongest evidence first; never join groups that contradict each other
    sides = [_side(side, [items[n] for n in by_sig[s]]) for s in sigs] if side else None
    found = []
    for a, b in sorted(_candidate_pairs(works, sides)):
        ev = match(works[a], works[b])
        if ev:
            found.append((-len(ev), a, b, ev))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    uf = _UnionFind(len(sigs))
    links: dict[int, list[str]] = defaultdict(list)
    conflicts: dict[tuple[int, int], bool] = {}

    def clash(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in conflicts:
            conflicts[key] = conflict(works[x], works[y]) is not None
        return conflicts[key]

    for _, a, b, ev in found:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or any(clash(x, y) for x in uf.members[ra] for y in uf.members[rb]):
            continue
        x, y = sorted((by_sig[sigs[a]][0], by_sig[sigs[b]][0]),
                      key=lambda n: (_document(items[n]), _first_note(items[n])))
        text = (f"{_label(items[x], names[x] if names else None)} ~ {_label(items[y], names[y] if names else None)}: "
                f"{'; '.join(ev)}")
        uf.union(a, b)
        root = uf.find(a)
        links[root].extend(links.pop(ra, []) if ra != root else [])
        links[root].extend(links.pop(rb, []) if rb != root else [])
        links[root].append(text)

    # 3. merge each group, in content order
    merged: list[Group] = []
    for g in (sorted(uf.members[r]) for r in range(len(sigs)) if uf.members[r]):
        members = [n for i in g for n in by_sig[sigs[i]]]
        evidence = list(links.get(uf.find(g[0]), []))
        if len(g) == 1 and len(members) > 1:
            evidence = ["identical fields"]
        if sides is not None and len(members) == 1 and sides[g[0]] is not None:
            merged.append(Group(dict(items[members[0]]), members, evidence))  # alone, from a side: as it is
            continue
        merged.append(Group(merge_items([items[n] for n in members]), members, evidence))
    merged.sort(key=lambda m: _sort_key(m.item))
    return Grouping(merged, len(sigs), len(conflicts) + len(found))


def merge_record(new_id: str, members: list[dict[str, Any]], evidence: list[str]) -> Merge | None:
    """The `Merge` of a work made of several items (None for a work of one item)."""
    return Merge(new_id, _member_info(members), evidence) if len(members) > 1 else None


def dedupe(items: list[dict[str, Any]], clusters: list[dict[str, Any]] | None = None,
           side: Any = None) -> DedupeResult:
    """Merge items that are one work (`merge_groups`), give them stable ids, remap clusters to them."""
    grouping = merge_groups(items, side)
    groups = grouping.groups
    ids = assign_keys([g.item for g in groups])
    id_map: dict[tuple[str, str], str] = {}
    out_items, merges = [], []
    for g, new_id in zip(groups, ids, strict=True):
        g.item["id"] = new_id
        out_items.append(g.item)
        members = [items[n] for n in g.members]
        for it in members:
            for doc in [c.document for c in cited_in(it)] or [""]:
                id_map[(doc, str(it.get("id")))] = new_id
        if m := merge_record(new_id, members, g.evidence):
            merges.append(m)

    new_clusters = remap_clusters(clusters or [], id_map)
    stats = {"items_in": len(items), "distinct": grouping.distinct, "works": len(out_items),
             "merged_items": sum(len(m.members) for m in merges), "comparisons": grouping.comparisons}
    return DedupeResult(out_items, new_clusters, merges, id_map, stats)


def _member_info(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    info = []
    for it in members:
        info.append({"document": _document(it), "notes": sorted({c.note for c in cited_in(it)})})
    info.sort(key=lambda m: (m["document"], m["notes"]))
    return info


def remap_clusters(clusters: list[dict[str, Any]],
                   id_map: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
    """Clusters pointing at merged ids, sorted by document and note."""
    out = []
    for cl in clusters:
        doc = str((cl.get("properties") or {}).get("document", ""))
        new = copy.deepcopy(cl)
        for ci in new.get("citationItems", []):
            old = str(ci.get("id"))
            ci["id"] = id_map.get((doc, old)) or id_map.get(("", old)) or old
        out.append(new)
    out.sort(key=lambda c: (str(c.get("properties", {}).get("document", "")),
                            int(c.get("properties", {}).get("noteIndex", 0) or 0),
                            str(c.get("citationID", ""))))
    return out


# ---- merging ----

def _completeness(value: Any) -> tuple[int, ...]:
    if isinstance(value, str):
        return (len(fold(value).split()), len(value))
    if isinstance(value, list) and all(isinstance(p, dict) for p in value):  # names
        return (len(value), sum(len(p) for p in value), len(_canon(value)))
    if isinstance(value, dict):
        dp = value.get("date-parts") or [[]]
        return (len(dp[0]) if dp and dp[0] else 0, len(_canon(value)))
    return (len(_canon(value)),)


def _support(item: dict[str, Any]) -> int:
    return len(cited_in(item)) or 1


def _first_note(item: dict[str, Any]) -> int:
    return min((c.note for c in cited_in(item)), default=0)


_plain = plain  # typographic quotes and spaces made plain: "Hawai’i" and "Hawai'i" are one spelling


def merge_items(members: list[dict[str, Any]]) -> dict[str, Any]:
    """One item: the most complete value of each field, every differing value kept in custom.variants.

    Values that differ only typographically (curly or straight quotes, spacing) are one value, not variants.
    Variants already recorded on a member (a short form's spelling of the author) are kept.
    """
    members = sorted(members, key=lambda it: (_signature(it), _document(it), _first_note(it)))
    richest = max(members, key=lambda it: (len(it), len(_signature(it)), _signature(it)))
    out: dict[str, Any] = {}
    variants: dict[str, list[dict[str, Any]]] = {}
    fields = sorted({k for it in members for k in it if k not in ("id", "custom")})
    for f in fields:
        values: dict[str, Any] = {}  # plain canonical form -> the raw value chosen for it
        support: dict[str, int] = defaultdict(int)
        sources: dict[tuple[str, str], int] = {}
        for it in members:
            if it.get(f) in (None, "", [], {}):
                continue
            c = _canon(_plain(it[f]))
            if c not in values or _canon(it[f]) > _canon(values[c]):
                values[c] = it[f]
            support[c] += _support(it)
            key = (c, _document(it))
            sources[key] = min(sources.get(key, 1 << 30), _first_note(it))
        if not values:
            continue
        if f == "type" and richest.get("type"):
            best = _canon(_plain(richest["type"]))
        else:
            best = max(values, key=lambda c: (_completeness(values[c]), support[c], c))
        out[f] = copy.deepcopy(values[best])
        if len(values) > 1:
            ordered = sorted(sources.items(), key=lambda kv: (kv[0][1], kv[1], kv[0][0]))
            variants[f] = [{"value": values[c], "document": d, "note": n} for (c, d), n in ordered]
    for it in members:  # variants recorded before merging (short forms within one document)
        for f, recorded in (custom_of(it).get("variants") or {}).items():
            variants[f] = _union_variants(variants.get(f, []), recorded)
    out["custom"] = _merge_custom(members, richest, {f: variants[f] for f in sorted(variants)})
    return out


def _union_variants(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Both lists of variants, one entry per (value, document) with its first note, sorted by document, note."""
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for v in [*a, *b]:
        key = (_canon(_plain(v.get("value"))), str(v.get("document", "")))
        if key not in best or int(v.get("note", 0) or 0) < int(best[key].get("note", 0) or 0):
            best[key] = v
    return sorted(best.values(), key=lambda v: (str(v.get("document", "")), int(v.get("note", 0) or 0),
                                                _canon(v.get("value"))))


def short_form_variants(items: list[dict[str, Any]], citations: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Copies of per-document items with the author spellings of their short forms recorded as variants
    (`variants_of`, the citations' works found by id)."""
    by_id = {str(it.get("id")): i for i, it in enumerate(items)}
    cited = [(c, by_id[str(c.work)]) for doc in sorted(citations) for c in citations[doc]
             if c.work is not None and str(c.work) in by_id]
    return variants_of(items, cited)


def variants_of(items: list[dict[str, Any]], cited: list[tuple[Citation, int]]) -> list[dict[str, Any]]:
    """Copies of items with the author spellings of the short forms citing them (citation, index of its item)
    recorded as variants.

    Extract resolves "O'Bryan, *The Growth Idea*" (n. 49) to the full citation by "O'Byran" (n. 26); the other
    spelling would be lost. It is kept, with its document and note, as custom.variants.author:
    [{"value": [{"family": "O’Byran", "given": "Scott"}], "document", "note": 26},
     {"value": [{"family": "O'Bryan"}], "document", "note": 49}]. Nothing else of the short form is recorded.
    """
    extra: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c, i in cited:
        hint = c.author
        if not hint or not isinstance(c, (ShortCitation, SupraCitation)):
            continue
        people = [p for role in ("author", "editor", "translator") for p in items[i].get(role) or []
                  if isinstance(p, dict)]
        families = {fold(p.get("family") or p.get("literal")).replace(" ", "") for p in people}
        spelled = [t for t in fold(hint).split() if t not in ("and", "et", "al", "ed", "eds")]
        if not people or not spelled or "".join(spelled) in families or any(t in families for t in spelled):
            continue
        extra[i].append({"value": [{"family": str(hint)}], "document": str(c.document), "note": int(c.note)})
    out = list(items)
    for i, found in extra.items():
        item = copy.deepcopy(items[i])
        role = next(r for r in ("author", "editor", "translator") if item.get(r))
        own = {"value": item[role], "document": _document(item), "note": _first_note(item)}
        custom = item.setdefault("custom", {})
        recorded = custom.setdefault("variants", {})
        recorded[role] = _union_variants(recorded.get(role, [own]), found)
        out[i] = item
    return out


def _merge_custom(members: list[dict[str, Any]], richest: dict[str, Any],
                  variants: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    custom: dict[str, Any] = copy.deepcopy({k: v for k, v in custom_of(richest).items()
                                            if k not in ("cited_in", "variants", "tags", "collections")})
    cited: dict[str, dict[str, Any]] = {}
    archival: dict[str, Any] = {}
    for it in members:
        cu = custom_of(it)
        for c in cu.get("cited_in") or []:
            cited[_canon(c)] = c
        for k, v in (cu.get("archival") or {}).items():
            if v not in (None, "") and len(str(v)) > len(str(archival.get(k, ""))):
                archival[k] = v
    custom["cited_in"] = sorted(cited.values(), key=lambda c: (str(c.get("document", "")),
                                                               int(c.get("note", 0) or 0), _canon(c)))
    if archival:
        custom["archival"] = {k: archival[k] for k in sorted(archival)}
    if variants:
        custom["variants"] = variants
    return custom


def _sort_key(item: dict[str, Any]) -> tuple[str, ...]:
    ns = name_list(item)
    arch = custom_of(item).get("archival") or {}
    return (" ".join(str(arch.get(k, "")) for k in ("archive", "fond", "opis", "delo")),
            ns[0].family if ns else "", str((item.get("issued") or {}).get("date-parts", "")),
            fold(item.get("title")), _signature(item), _canon(custom_of(item).get("cited_in", [])))


def explain(merges: list[Merge], evidence: bool = True, what: str = "items") -> list[str]:
    """Human-readable report of every merge (`what` it joined: items, citations of one work) and its evidence."""
    lines = []
    for m in merges:
        where = "; ".join(f"{x['document']} n. {', '.join(map(str, x['notes']))}" for x in m.members)
        lines.append(f"{m.id}: {len(m.members)} {what} ({where})")
        if evidence:
            lines.extend(f"    {e}" for e in m.evidence)
    return lines
