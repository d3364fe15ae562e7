"""One work per cited work across notes and documents: blocking, matching, merging, stable ids, remapped clusters.

    result = dedupe_works(works, clusters)
    result.works     the merged `Work`s (cited_in united, variants recorded); `result.items` as CSL-JSON
    result.clusters  the clusters with citation items pointing at the merged ids
    result.merges    one `Merge` per work made of several items, with the evidence for each link

`dedupe(items, clusters)` does the same for CSL-JSON items.

No all-pairs comparison: identical items collapse first, then items are compared only within blocks
(author skeleton + title word, title words, archive/fond/opis/delo). Output depends only on the content,
never on input order.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from zotero_cw.dedupe.match import conflict, match
from zotero_cw.dedupe.merge import document, first_note, merge_works, signature, variants_of
from zotero_cw.dedupe.normalize import Normalized, normalize
from zotero_cw.dedupe.normalize import names as name_list
from zotero_cw.keys import assign_keys
from zotero_cw.models import Work, canonical
from zotero_cw.text import fold

__all__ = ["Merge", "DedupeResult", "Group", "Grouping", "dedupe", "dedupe_works", "explain", "merge_groups",
           "merge_record", "merge_works", "short_form_variants", "variants_of"]

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
    works: list[Work]
    clusters: list[dict[str, Any]]
    merges: list[Merge]
    id_map: dict[tuple[str, str], str]  # (document, input id) -> merged id
    stats: dict[str, int] = field(default_factory=dict)

    @cached_property
    def items(self) -> list[dict[str, Any]]:
        """The works as CSL-JSON items."""
        return [w.to_csl() for w in self.works]


_canon = canonical
_document, _first_note, _signature = document, first_note, signature


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


def block_keys(w: Normalized) -> set[tuple[str, ...]]:
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


def _candidate_pairs(works: list[Normalized], sides: list[str | None] | None = None) -> set[tuple[int, int]]:
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


def _side(side: Any, members: list[Work]) -> str | None:
    """The side of identical works: theirs if they share one, else None (compared with everything)."""
    found = {side(w) for w in members}
    return found.pop() if len(found) == 1 else None


def _label(work: Work, name: str | None = None) -> str:
    """`"Title" (document n. 12)` for the merge report; an untitled work by its `name` (else its id)."""
    title = str(work.csl.get("title") or work.csl.get("archive_location") or (name if name is not None else work.id))
    title = title if len(title) <= 60 else title[:57] + "..."
    return f"\"{title}\" ({_document(work)} n. {_first_note(work)})"


@dataclass
class Group:
    """One work made of input works: the merged work (no id yet), the input indices, why they were joined."""

    work: Work
    members: list[int]
    evidence: list[str]


@dataclass
class Grouping:
    groups: list[Group]
    distinct: int  # items left once identical ones collapsed
    comparisons: int


def merge_groups(works: list[Work], side: Any = None, names: list[str] | None = None) -> Grouping:
    """The works the input works (per-document, or from the library) are, in content order (ids are the next
    stage's job: `keys.assign_keys`).

    `side(work)` names a set of works never compared with each other ("library": works already deduplicated;
    "zotero": items that are each their own Zotero item), None for works compared with all; a work with a
    side that joins nothing is passed through as it is. `names` name untitled works in the evidence (else their id).
    """
    # 1. identical works collapse without comparison
    by_sig: dict[str, list[int]] = defaultdict(list)
    for n, w in enumerate(works):
        by_sig[_signature(w)].append(n)
    sigs = sorted(by_sig)
    views = [normalize(works[by_sig[s][0]]) for s in sigs]

    # 2. compare within blocks, strongest evidence first; never join groups that contradict each other
    sides = [_side(side, [works[n] for n in by_sig[s]]) for s in sigs] if side else None
    found = []
    for a, b in sorted(_candidate_pairs(views, sides)):
        ev = match(views[a], views[b])
        if ev:
            found.append((-len(ev), a, b, ev))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    uf = _UnionFind(len(sigs))
    links: dict[int, list[str]] = defaultdict(list)
    conflicts: dict[tuple[int, int], bool] = {}

    def clash(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in conflicts:
            conflicts[key] = conflict(views[x], views[y]) is not None
        return conflicts[key]

    for _, a, b, ev in found:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or any(clash(x, y) for x in uf.members[ra] for y in uf.members[rb]):
            continue
        x, y = sorted((by_sig[sigs[a]][0], by_sig[sigs[b]][0]),
                      key=lambda n: (_document(works[n]), _first_note(works[n])))
        text = (f"{_label(works[x], names[x] if names else None)} ~ {_label(works[y], names[y] if names else None)}: "
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
            merged.append(Group(replace(works[members[0]]), members, evidence))  # alone, from a side: as it is
            continue
        merged.append(Group(merge_works([works[n] for n in members]), members, evidence))
    merged.sort(key=lambda m: _sort_key(m.work))
    return Grouping(merged, len(sigs), len(conflicts) + len(found))


def merge_record(new_id: str, members: list[Work], evidence: list[str]) -> Merge | None:
    """The `Merge` of a work made of several input works (None for a work of one)."""
    return Merge(new_id, _member_info(members), evidence) if len(members) > 1 else None


def dedupe_works(works: list[Work], clusters: list[dict[str, Any]] | None = None,
                 side: Any = None) -> DedupeResult:
    """Merge works that are one (`merge_groups`), give them stable ids, remap clusters to them."""
    grouping = merge_groups(works, side)
    groups = grouping.groups
    ids = assign_keys([g.work for g in groups])
    id_map: dict[tuple[str, str], str] = {}
    out, merges = [], []
    for g, new_id in zip(groups, ids, strict=True):
        g.work.id = new_id
        out.append(g.work)
        members = [works[n] for n in g.members]
        for w in members:
            for doc in [c.document for c in w.cited_in] or [""]:
                id_map[(doc, str(w.id))] = new_id
        if m := merge_record(new_id, members, g.evidence):
            merges.append(m)

    new_clusters = remap_clusters(clusters or [], id_map)
    stats = {"items_in": len(works), "distinct": grouping.distinct, "works": len(out),
             "merged_items": sum(len(m.members) for m in merges), "comparisons": grouping.comparisons}
    return DedupeResult(out, new_clusters, merges, id_map, stats)


def dedupe(items: list[dict[str, Any]], clusters: list[dict[str, Any]] | None = None) -> DedupeResult:
    """`dedupe_works` for CSL-JSON items (tests, bench): `result.items` are CSL-JSON again."""
    return dedupe_works([Work.from_csl(it) for it in items], clusters)


def short_form_variants(items: list[dict[str, Any]], citations: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """`variants_of` for CSL-JSON items, the citations' works found by id (an item nothing is recorded on is
    passed as it is)."""
    works = [Work.from_csl(it) for it in items]
    by_id = {str(it.get("id")): i for i, it in enumerate(items)}
    cited = [(c, by_id[str(c.work)]) for doc in sorted(citations) for c in citations[doc]
             if c.work is not None and str(c.work) in by_id]
    out = variants_of(works, cited)
    return [it if w is works[i] else w.to_csl() for i, (it, w) in enumerate(zip(items, out, strict=True))]


def _member_info(members: list[Work]) -> list[dict[str, Any]]:
    info = []
    for w in members:
        info.append({"document": _document(w), "notes": sorted({c.note for c in w.cited_in})})
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


def _sort_key(work: Work) -> tuple[str, ...]:
    ns = name_list(work.csl)
    arch = work.archival or {}
    return (" ".join(str(arch.get(k, "")) for k in ("archive", "fond", "opis", "delo")),
            ns[0].family if ns else "", str((work.csl.get("issued") or {}).get("date-parts", "")),
            fold(work.csl.get("title")), _signature(work), _canon([c.to_csl() for c in work.cited_in]))


def explain(merges: list[Merge], evidence: bool = True, what: str = "items") -> list[str]:
    """Human-readable report of every merge (`what` it joined: items, citations of one work) and its evidence."""
    lines = []
    for m in merges:
        where = "; ".join(f"{x['document']} n. {', '.join(map(str, x['notes']))}" for x in m.members)
        lines.append(f"{m.id}: {len(m.members)} {what} ({where})")
        if evidence:
            lines.extend(f"    {e}" for e in m.evidence)
    return lines
