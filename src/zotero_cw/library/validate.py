"""Checks at the edge: library data read from a file (JSON, an import) is checked once, and every problem is one
line naming it (a `UserError`), never a traceback further on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zotero_cw.errors import UserError, file_errors

MAX_DEPTH = 40  # CSL items are a few levels deep; a file nested deeper is refused before it is parsed
MAX_BYTES = 512 * 1024 * 1024

_STRING_FIELDS = ("title", "container-title", "collection-title", "publisher", "publisher-place", "archive",
                  "archive_location", "volume", "issue", "page", "number", "URL", "DOI", "ISBN", "note")
_NAME_FIELDS = ("author", "editor", "translator", "container-author", "collection-editor", "recipient")
_DATE_FIELDS = ("issued", "accessed", "original-date")


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting of a JSON text (strings skipped), in one linear pass."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def read_json_file(path: Path, what: str) -> Any:
    """JSON from a file, with every way it can fail as one line (missing, unreadable, binary, too deep)."""
    return parse_json_text(read_text_file(path, what), f"{what} {path}")


def read_text_file(path: Path, what: str) -> str:
    """A UTF-8 file's text, with every way reading it can fail as one line (missing, unreadable, a directory,
    too large, not UTF-8)."""
    with file_errors(path, what, missing="{what} not found: {path}",
                     denied="{what} cannot be read (permission denied): {path}",
                     undecodable="{what} is not UTF-8 text: {path}", failed="{what} cannot be read: {path} ({reason})"):
        if path.is_dir():
            raise UserError(f"{what} is a directory: {path}")
        if path.stat().st_size > MAX_BYTES:
            raise UserError(f"{what} is larger than {MAX_BYTES // 2**20} MB: {path}")
        return path.read_text(encoding="utf-8-sig")


def parse_json_text(text: str, what: str) -> Any:
    if nesting_depth(text) > MAX_DEPTH:
        raise UserError(f"{what} is nested more than {MAX_DEPTH} levels deep: not CSL-JSON")
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise UserError(f"{what} is not valid JSON ({exc})") from None


def check_item(item: Any, where: str) -> dict[str, Any]:
    """A CSL-JSON item as the library needs it, or a UserError naming the first problem."""
    if not isinstance(item, dict):
        raise UserError(f"{where}: an item must be a JSON object, not {type(item).__name__}")
    ident = item.get("id")
    if ident is None or ident == "" or isinstance(ident, bool) or not isinstance(ident, (str, int)):
        raise UserError(f"{where}: an item has no 'id'")
    label = f"{where}: item {ident!r}"
    if not isinstance(item.get("type", ""), str):
        raise UserError(f"{label}: 'type' must be a string")
    for f in _STRING_FIELDS:
        if f in item and not isinstance(item[f], (str, int, float)):
            raise UserError(f"{label}: '{f}' must be a string")
    for f in _NAME_FIELDS:
        if f in item and not (isinstance(item[f], list) and all(isinstance(p, dict) for p in item[f])):
            raise UserError(f"{label}: '{f}' must be a list of names (objects)")
    for f in _DATE_FIELDS:
        if f in item and not isinstance(item[f], dict):
            raise UserError(f"{label}: '{f}' must be a date object")
        parts = (item.get(f) or {}).get("date-parts")
        if parts is not None and not (isinstance(parts, list) and all(isinstance(p, list) for p in parts)):
            raise UserError(f"{label}: '{f}.date-parts' must be a list of lists")
    custom = item.get("custom", {})
    if not isinstance(custom, dict):
        raise UserError(f"{label}: 'custom' must be an object")
    cited = custom.get("cited_in", [])
    if not isinstance(cited, list) or not all(isinstance(c, dict) for c in cited):
        raise UserError(f"{label}: 'custom.cited_in' must be a list of objects")
    for key in ("archival", "variants"):
        if key in custom and not isinstance(custom[key], dict):
            raise UserError(f"{label}: 'custom.{key}' must be an object")
    for key in ("tags", "collections"):
        if key in custom and not isinstance(custom[key], list):
            raise UserError(f"{label}: 'custom.{key}' must be a list")
    return item


def check_items(items: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(items, list):
        raise UserError(f"{where}: the items must be a JSON list")
    seen: set[str] = set()
    for item in items:
        check_item(item, where)
        if str(item["id"]) in seen:
            raise UserError(f"{where}: item id {item['id']!r} appears twice")
        seen.add(str(item["id"]))
    return items


def check_clusters(clusters: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(clusters, list):
        raise UserError(f"{where}: 'clusters' must be a list")
    for cl in clusters:
        if not isinstance(cl, dict) or not isinstance(cl.get("citationItems", []), list):
            raise UserError(f"{where}: a citation cluster must be an object with a 'citationItems' list")
        if not all(isinstance(ci, dict) and "id" in ci for ci in cl.get("citationItems", [])):
            raise UserError(f"{where}: cluster {cl.get('citationID')!r} has a citation item without 'id'")
        if not isinstance(cl.get("properties", {}), dict):
            raise UserError(f"{where}: cluster {cl.get('citationID')!r} has bad 'properties'")
    return clusters


def check_documents(documents: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(documents, list) or not all(isinstance(d, dict) and isinstance(d.get("name"), str)
                                                  for d in documents):
        raise UserError(f"{where}: 'documents' must be a list of objects with a 'name'")
    return documents


def check_merges(merges: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(merges, list) or not all(isinstance(m, dict) and "id" in m for m in merges):
        raise UserError(f"{where}: 'merges' must be a list of objects with an 'id'")
    return merges
