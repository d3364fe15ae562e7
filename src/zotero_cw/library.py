"""The local library: one JSON file written atomically, the single source for render, lookup and sync.

library.json = {"format": 1, "documents": [...], "items": [...], "clusters": [...],
                "collections": [{"path", "items"}], "tags": [{"tag", "items"}], "merges": [...]}
`collections` and `tags` are derived from the items' custom object when saving; `sync-state.json` beside it
belongs to the Zotero sync and is never written here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.errors import UserError
from zotero_cw.store import atomic_write_json, read_json

FORMAT_VERSION = 1
LIBRARY_FILE = "library.json"


@dataclass
class Library:
    items: list[dict[str, Any]] = field(default_factory=list)  # CSL-JSON items, each with "id" and "custom"
    clusters: list[dict[str, Any]] = field(default_factory=list)  # CSL citation clusters, one per note
    documents: list[dict[str, Any]] = field(default_factory=list)  # {"name", "notes", "citations", ...}
    merges: list[dict[str, Any]] = field(default_factory=list)  # {"id", "members", "evidence"} from dedupe
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


def load(directory: Path | None = None) -> Library:
    directory = directory or default_dir()
    path = directory / LIBRARY_FILE
    if not path.exists():
        raise UserError(f"no library at {directory}: run 'zotero-cw build DOC...' first")
    data = read_json(path, "library")
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise UserError(f"{path} is not a zotero-cw library (format {FORMAT_VERSION})")
    if not isinstance(data.get("items"), list) or not isinstance(data.get("clusters"), list):
        raise UserError(f"{path} is damaged: 'items' and 'clusters' must be lists")
    return Library(items=data["items"], clusters=data["clusters"], documents=data.get("documents", []),
                   merges=data.get("merges", []))


def save(library: Library, directory: Path | None = None) -> Path:
    """Write library.json atomically (temp file, fsync, rename): a crash leaves the old file or the new one."""
    directory = directory or default_dir()
    if directory.exists() and not directory.is_dir():
        raise UserError(f"library path is not a directory: {directory}")
    path = directory / LIBRARY_FILE
    try:
        atomic_write_json(path, library.to_json())
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UserError(f"cannot write the library to {directory}: {reason}") from None
    return path
