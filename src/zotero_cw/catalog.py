"""Tags and collection paths: Archives ▸ RGASPI ▸ F. 84 ▸ Op. 3 ▸ D. 36, and one collection per citing document.

Pure functions: `catalog_work(work)` (the pipeline's catalog stage) gives a work its tags and collections;
`catalog`, `catalog_item`, `recatalog` do it for CSL-JSON items (the library's add and pull, tests), the other
functions read CSL-JSON items (lookup, the Zotero mapping).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from zotero_cw.models import ArchivalLocation, Work, cited_in, custom_of

ARCHIVES = "Archives"
DOCUMENTS = "Documents"


def archive_tags(archival: dict[str, Any]) -> list[str]:
    """["RGASPI", "RGASPI F. 84"] for an item's custom.archival."""
    archive = str(archival.get("archive") or "").strip()
    if not archive:
        return []
    tags = [archive]
    fond = _location(archival).parts(("fond",))
    if fond:
        tags.append(f"{archive} {fond[0]}")
    return tags


def _location(archival: dict[str, Any]) -> ArchivalLocation:
    return ArchivalLocation.from_custom(archival) or ArchivalLocation(None)


def archive_path(archival: dict[str, Any]) -> list[str]:
    """["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"]: as deep as the reference goes."""
    archive = str(archival.get("archive") or "").strip()
    if not archive:
        return []
    return [ARCHIVES, archive, *_location(archival).parts()]


def document_path(document: str) -> list[str]:
    """["Documents", "000_777639387260dca8"]: the citing document's name without its extension."""
    return [DOCUMENTS, PurePath(document).stem or document]


def cited_where(item: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Per citing document, its notes with locators: [("000_….txt", ["n. 10, ll. 12–13", "n. 32"])]."""
    by_doc: dict[str, list[str]] = {}
    for c in cited_in(item):
        where = f"n. {c.note}"
        if c.locator:
            where += f", {locator_text(str(c.locator), c.label)}"
        entries = by_doc.setdefault(c.document, [])
        if where not in entries:
            entries.append(where)
    return sorted(by_doc.items())


_ABBREVIATIONS = {"folio": ("l.", "ll."), "page": ("p.", "pp."), "chapter": ("ch.", "chs."),
                  "volume": ("vol.", "vols."), "section": ("sec.", "secs."), "note": ("n.", "nn.")}


def locator_text(locator: str, label: Any = None) -> str:
    """ "l. 74", "ll. 74–75", "pp. 58–61, 63–64", "ch. 3": the label abbreviated, plural for ranges and lists."""
    singular, plural = _ABBREVIATIONS.get(str(label or ""), (str(label or ""), str(label or "")))
    several = any(ch in locator for ch in "-–—,&") or " and " in locator
    abbr = plural if several else singular
    return f"{abbr} {locator}" if abbr else locator


def cited_note(item: dict[str, Any]) -> str:
    """Where an item is cited, as one text (the Zotero child note)."""
    return "\n".join(f"Cited in {doc}: {'; '.join(w)}" for doc, w in cited_where(item))


def catalog_work(work: Work) -> Work:
    """The work with its tags and collection paths (existing ones kept, duplicates dropped)."""
    archival = work.archival or {}
    tags = set(work.tags or []) | set(archive_tags(archival))
    paths = {tuple(p) for p in work.collections or []}
    if archive_path(archival):
        paths.add(tuple(archive_path(archival)))
    for c in work.cited_in:
        if c.document:
            paths.add(tuple(document_path(c.document)))
    return replace(work, tags=sorted(tags), collections=[list(p) for p in sorted(paths)])


def catalog_item(item: dict[str, Any]) -> dict[str, Any]:
    """`catalog_work` for a CSL-JSON item: a copy, its keys in their order (`custom` last if it had none)."""
    return catalog_work(Work.from_csl(copy.deepcopy(item))).to_csl()


def recatalog(item: dict[str, Any]) -> dict[str, Any]:
    """`catalog_item` after its citing documents changed: the Documents ▸ … collections are made anew from
    cited_in (one of a document no longer citing it goes), other collections and tags are kept."""
    custom = custom_of(item)
    if custom.get("collections"):
        item = {**item, "custom": {**custom, "collections": [p for p in custom["collections"]
                                                             if not p or p[0] != DOCUMENTS]}}
    return catalog_item(item)


def catalog(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [catalog_item(it) for it in items]


def collection_tree(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every collection (including parents) with the ids of the items directly in it, sorted by path."""
    tree: dict[tuple[str, ...], list[str]] = {}
    for it in items:
        for path in custom_of(it).get("collections") or []:
            for depth in range(1, len(path) + 1):
                tree.setdefault(tuple(path[:depth]), [])
            tree[tuple(path)].append(str(it["id"]))
    return [{"path": list(p), "items": sorted(ids)} for p, ids in sorted(tree.items())]


def all_tags(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every tag with the number of items carrying it, sorted by tag."""
    count: dict[str, int] = {}
    for it in items:
        for t in custom_of(it).get("tags") or []:
            count[t] = count.get(t, 0) + 1
    return [{"tag": t, "items": n} for t, n in sorted(count.items())]
