"""Changing the library a document at a time: add (incremental dedupe against the works there), remove.

    integrate(existing, merges_of, new_items, new_clusters, taken)   pure: what to write
    add(conn, extraction, entries)                                    one transaction
    remove(conn, names)                                               one transaction

New citations are compared only with the works sharing a blocking key with them (the `blocks` table), never
with the whole library. A work keeps its id once it has one (a draft cites it by that key); a work that came
from Zotero or an import keeps its fields — citations only add to its `cited_in`.
"""

from __future__ import annotations

import copy
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.catalog import recatalog
from zotero_cw.dedupe import BLOCK_LIMIT, Merge, block_keys, dedupe_works
from zotero_cw.dedupe.normalize import normalize
from zotero_cw.keys import assign_keys
from zotero_cw.library import db
from zotero_cw.models import Work

PREFIX = "\x00lib\x00"  # marks works already in the library while they go through dedupe
KEPT_FIELDS_ORIGINS = ("zotero", "import")  # their fields are the user's: citations never rewrite them
ZOTERO_MEMBER = "(Zotero group)"
_OWN_CUSTOM = ("cited_in", "variants", "tags", "collections", "archival")


@dataclass
class Integration:
    put: list[tuple[dict[str, Any], str]] = field(default_factory=list)  # (item, origin) to write
    delete: list[str] = field(default_factory=list)  # existing works absorbed into another
    renamed: dict[str, str] = field(default_factory=dict)  # absorbed id → surviving id
    clusters: list[dict[str, Any]] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    matched_ids: list[str] = field(default_factory=list)  # existing works the new citations landed on


def _cited_docs(item: dict[str, Any]) -> list[str]:
    return [str(c.get("document", "")) for c in (item.get("custom") or {}).get("cited_in") or [{"document": ""}]]


def integrate(existing: dict[str, tuple[dict[str, Any], str]], merges_of: dict[str, dict[str, Any]],
              new_items: list[dict[str, Any]], new_clusters: list[dict[str, Any]],
              taken: Any = lambda _id: False, origin: str = "document") -> Integration:
    """Merge new items (per-document items, or items from Zotero or an import: `origin`) into the works given
    (the candidates from the library). An item from Zotero that is a work already in the library gives that
    work its fields, its Zotero key and version."""
    renamed_existing = []
    for wid, (item, _) in sorted(existing.items()):
        it = dict(item)  # dedupe copies what it keeps; only the id changes here
        it["id"] = PREFIX + wid
        renamed_existing.append(it)
    # the stored CSL-JSON items as works for dedupe, and its works as CSL-JSON again (`result.items`)
    result = dedupe_works([Work.from_csl(it) for it in renamed_existing + list(new_items)], new_clusters,
                          side=lambda w: "library" if str(w.id).startswith(PREFIX) else
                          "zotero" if origin == "zotero" else None)

    members_of: dict[str, set[str]] = defaultdict(set)  # output id → existing ids in it
    for wid, (item, _) in existing.items():
        for doc in _cited_docs(item):
            out = result.id_map.get((doc, PREFIX + wid))
            if out:
                members_of[out].add(wid)
    new_of: dict[str, list[dict[str, Any]]] = defaultdict(list)  # output id → new items in it
    for it in new_items:
        for out_id in {result.id_map.get((doc, str(it.get("id")))) for doc in _cited_docs(it)}:
            if out_id:
                new_of[out_id].append(it)
    with_new = set(new_of)
    merge_by_out = {m.id: m for m in result.merges}
    out = Integration()
    final_id: dict[str, str] = {}
    fresh: list[dict[str, Any]] = []
    separate: list[dict[str, Any]] = []  # items from Zotero that must not merge with one another
    for merged in result.items:
        ex = sorted(members_of.get(merged["id"], ()))
        if ex and merged["id"] not in with_new:
            continue  # a work of the library nothing new joined: left as it is
        zs = [it for it in new_of.get(merged["id"], []) if (it.get("custom") or {}).get("zotero_key")]
        if not ex and len(zs) > 1:
            separate.extend(zs)
            continue
        if not ex:
            fresh.append(merged)
            continue
        zotero = [w for w in ex if existing[w][1] == "zotero"]
        survivor = zotero[0] if zotero else ex[0]
        absorbed = [w for w in ex if w != survivor and existing[w][1] != "zotero"]
        zs = [it for it in new_of.get(merged["id"], []) if (it.get("custom") or {}).get("zotero_key")]
        if zs and not (existing[survivor][0].get("custom") or {}).get("zotero_key"):
            # a colleague's Zotero item that is a work already here: the work takes its fields and key
            existing[survivor] = (_adopt(existing[survivor][0], zs[0]), existing[survivor][1])
            separate.extend(zs[1:])
            item = _combine((existing[survivor][0], "zotero"), merged)
            out.put.append((item, "zotero"))
            final_id[merged["id"]] = survivor
            out.matched_ids.append(survivor)
            continue
        separate.extend(zs)  # a work has one Zotero item: another one with a key of its own stays apart
        item = _combine(existing[survivor], merged)
        final_id[merged["id"]] = survivor
        for w in absorbed:
            out.renamed[w] = survivor
        out.delete.extend(absorbed)
        if item != existing[survivor][0]:
            out.put.append((item, existing[survivor][1]))
        if merged["id"] in with_new:
            out.matched_ids.append(survivor)
        record = _merge_record(survivor, [merges_of.get(w) for w in [survivor, *absorbed]],
                               merge_by_out.get(merged["id"]), existing)
        if record:
            out.merges.append(record)
    fresh_and_separate = fresh + [copy.deepcopy(z) for z in separate]
    ids = assign_keys([Work.from_csl(it) for it in fresh_and_separate])  # the keys a build from nothing gives
    used = set(final_id.values())
    for merged, key in zip(fresh_and_separate, ids, strict=True):
        key = _unique(key, used, taken)
        used.add(key)
        final_id[merged["id"]] = key
        tags = {str(t) for it in new_of.get(merged["id"], [merged]) for t in (it.get("custom") or {}).get("tags") or []}
        if tags:  # tags an item came with (from Zotero, an import) stay on the work
            merged = {**merged, "custom": {**(merged.get("custom") or {}), "tags": sorted(tags)}}
        item = recatalog({**merged, "id": key})
        out.put.append((item, origin))
        out.new_ids.append(key)
        if merged["id"] in merge_by_out:
            m = merge_by_out[merged["id"]]
            out.merges.append({"id": key, "members": m.members, "evidence": m.evidence})
    for m in out.merges:
        m["id"] = final_id.get(m["id"], m["id"])
    for cl in result.clusters:
        for ci in cl.get("citationItems", []):
            ci["id"] = final_id.get(str(ci["id"]), ci["id"])
    out.clusters = result.clusters
    return out


def _adopt(work: dict[str, Any], zotero_item: dict[str, Any]) -> dict[str, Any]:
    """A work entered by a colleague in Zotero and cited in documents: Zotero's fields, the work's citations."""
    out = {k: v for k, v in copy.deepcopy(zotero_item).items() if k not in ("id", "custom")}
    out["id"] = work["id"]
    custom = copy.deepcopy(work.get("custom") or {})
    zc = zotero_item.get("custom") or {}
    for k in ("zotero_key", "zotero_version"):
        if k in zc:
            custom[k] = zc[k]
    if zc.get("tags"):
        custom["tags"] = sorted(set(custom.get("tags") or []) | set(zc["tags"]))
    out["custom"] = custom
    return out


def _unique(key: str, used: set[str], taken: Any) -> str:
    from zotero_cw.keys import _suffix

    if key not in used and not taken(key):
        return key
    n = 0
    while True:
        candidate = key + _suffix(n)
        if candidate not in used and not taken(candidate):
            return candidate
        n += 1


def _combine(existing: tuple[dict[str, Any], str], merged: dict[str, Any]) -> dict[str, Any]:
    """The surviving work: the merged fields (or, for Zotero and imported works, its own), all citations."""
    old, origin = existing
    mcustom = merged.get("custom") or {}
    if origin in KEPT_FIELDS_ORIGINS:
        item = copy.deepcopy(old)
        custom = item.setdefault("custom", {})
        custom["cited_in"] = mcustom.get("cited_in", [])
        if mcustom.get("variants"):
            custom["variants"] = mcustom["variants"]
        if mcustom.get("archival") and not custom.get("archival"):
            custom["archival"] = mcustom["archival"]
    else:
        item = copy.deepcopy(merged)
        item["id"] = old["id"]
        custom = item.setdefault("custom", {})
        for k, v in (old.get("custom") or {}).items():  # zotero_key and the like survive a merge
            if k not in _OWN_CUSTOM and k not in custom:
                custom[k] = copy.deepcopy(v)
    if not custom.get("cited_in"):
        custom.pop("cited_in", None)
    return recatalog(item)


def _member_info(item: dict[str, Any], origin: str) -> list[dict[str, Any]]:
    by_doc: dict[str, set[int]] = defaultdict(set)
    for c in (item.get("custom") or {}).get("cited_in") or []:
        by_doc[str(c.get("document", ""))].add(int(c.get("note", 0) or 0))
    if not by_doc:
        return [{"document": ZOTERO_MEMBER if origin == "zotero" else "(imported)", "notes": []}]
    return [{"document": d, "notes": sorted(n)} for d, n in sorted(by_doc.items())]


def _merge_record(survivor: str, old_records: list[dict[str, Any] | None], new: Merge | None,
                  existing: dict[str, tuple[dict[str, Any], str]]) -> dict[str, Any] | None:
    """The merge record of a work that gained members: the old members and evidence, then the new ones."""
    if new is None:
        return None
    members: list[dict[str, Any]] = []
    evidence: list[str] = []
    for rec in old_records:
        if rec:
            members.extend(rec.get("members") or [])
            evidence.extend(rec.get("evidence") or [])
    if not members:
        members = _member_info(*existing[survivor])
    known = {(m["document"], tuple(m["notes"])) for m in members}
    for m in new.members:
        doc = m["document"] or ZOTERO_MEMBER
        key = (doc, tuple(m["notes"]))
        if key not in known and not any(m2["document"] == doc and set(m["notes"]) <= set(m2["notes"])
                                        for m2 in members):
            members.append({"document": doc, "notes": m["notes"]})
            known.add(key)
    evidence.extend(e.replace(PREFIX, "") for e in new.evidence if e.replace(PREFIX, "") not in evidence)
    members.sort(key=lambda m: (m["document"], m["notes"]))
    return {"id": survivor, "members": members, "evidence": evidence} if len(members) > 1 else None


# ---- transactions


def strip(conn: sqlite3.Connection, names: list[str]) -> list[str]:
    """Take documents out: their citations, clusters and entries; works cited nowhere else go (not those
    from Zotero or an import). Returns the ids of the works removed. Call inside a write transaction."""
    gone_names = set(names)
    ids = db.works_citing(conn, names)
    works = db.get_works(conn, ids)
    removed, keep = [], []
    for wid, (item, origin) in sorted(works.items()):
        custom = item.setdefault("custom", {})
        custom["cited_in"] = [c for c in custom.get("cited_in") or [] if c.get("document") not in gone_names]
        for f, vs in list((custom.get("variants") or {}).items()):
            vs = [v for v in vs if v.get("document") not in gone_names]
            if len({db.dumps(v.get("value")) for v in vs}) > 1:
                custom["variants"][f] = vs
            else:
                del custom["variants"][f]
        if not custom.get("variants"):
            custom.pop("variants", None)
        if not custom["cited_in"]:
            custom.pop("cited_in")
            if origin == "document":
                removed.append(wid)
                continue
        keep.append((recatalog(item), origin))
    db.delete_works(conn, removed)
    db.put_works(conn, keep)
    for wid in ids:
        rec = db.get_merge(conn, wid)
        if not rec:
            continue
        members = [m for m in rec.get("members") or [] if m.get("document") not in gone_names]
        if len(members) <= 1 or wid in removed:
            db.delete_merges(conn, [wid])
        else:
            evidence = [e for e in rec.get("evidence") or [] if not any(f"({n} n." in e for n in gone_names)]
            db.put_merge(conn, {**rec, "members": members, "evidence": evidence})
    db.delete_documents(conn, names)
    return removed


def merge_in(conn: sqlite3.Connection, items: list[dict[str, Any]], clusters: list[dict[str, Any]],
             documents: list[dict[str, Any]], origin: str = "document") -> Integration:
    """Integrate per-document items into the library. Call inside a write transaction."""
    keys: set[tuple[str, ...]] = set()
    for it in items:
        keys |= block_keys(normalize(Work.from_csl(it)))
    ids = db.candidates(conn, keys, BLOCK_LIMIT)
    existing = db.get_works(conn, ids)
    merges_of = {w: m for w in existing if (m := db.get_merge(conn, w))}
    integ = integrate(existing, merges_of, items, clusters, lambda k: db.id_taken(conn, k), origin)
    _apply(conn, integ, existing)
    db.put_documents(conn, documents)
    return integ


def _apply(conn: sqlite3.Connection, integ: Integration, existing: dict[str, tuple[dict[str, Any], str]]) -> None:
    other_docs = {d for w in integ.delete for d in _cited_docs(existing[w][0])}
    db.delete_works(conn, integ.delete)
    db.delete_merges(conn, integ.delete)
    db.put_works(conn, integ.put)
    for m in integ.merges:
        db.put_merge(conn, m)
    if integ.renamed:  # clusters of other documents pointing at an absorbed work
        for doc in sorted(other_docs):
            changed = []
            for cl in db.clusters(conn, doc):
                hit = False
                for ci in cl.get("citationItems", []):
                    if str(ci.get("id")) in integ.renamed:
                        ci["id"] = integ.renamed[str(ci["id"])]
                        hit = True
                if hit:
                    changed.append(cl)
            db.put_clusters(conn, changed)
    db.put_clusters(conn, integ.clusters)


def figures(conn: sqlite3.Connection) -> dict[str, Any]:
    """Library-wide figures of the build summary, counted in the database."""
    works = conn.execute("SELECT count(*) FROM works").fetchone()[0]
    archival: dict[str, dict[str, int]] = {}
    for archive, files, items in conn.execute(
            """SELECT archive, count(DISTINCT coalesce(k_fond,'') || '/' || coalesce(k_opis,'') || '/' ||
               coalesce(k_delo,'')), count(*) FROM works WHERE archive IS NOT NULL AND archive != ''
               GROUP BY archive ORDER BY archive"""):
        archival[archive] = {"files": files, "items": items}
    n_arch = sum(v["items"] for v in archival.values())
    cross = conn.execute("""SELECT count(*) FROM (SELECT work FROM citations GROUP BY work
                            HAVING count(DISTINCT document) > 1)""").fetchone()[0]
    origins = dict(conn.execute("SELECT origin, count(*) FROM works GROUP BY origin").fetchall())
    return {"works": works, "published": works - n_arch, "archival_items": n_arch,
            "merged": conn.execute("SELECT count(*) FROM merges").fetchone()[0],
            "cited_in_several_documents": cross, "archival": archival,
            "library_documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            "origins": {k: origins[k] for k in sorted(origins)}}
