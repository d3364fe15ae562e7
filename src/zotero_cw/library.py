"""The local library: one JSON file written atomically, the single source for render, lookup and sync."""

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

    def item(self, item_id: str) -> dict[str, Any] | None:
        for it in self.items:
            if it["id"] == item_id:
                return it
        return None


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
    return Library(items=data["items"], clusters=data["clusters"], documents=data.get("documents", []))


def save(library: Library, directory: Path | None = None) -> Path:
    directory = directory or default_dir()
    path = directory / LIBRARY_FILE
    atomic_write_json(
        path,
        {"format": FORMAT_VERSION, "documents": library.documents, "items": library.items,
         "clusters": library.clusters},
    )
    return path
