"""Item types, fields and creator types the server accepts, fetched once and cached in the sync state."""

from __future__ import annotations

from typing import Any, Protocol

from zotero_cw.zotero.mapping import CSL_TO_ZOTERO_TYPE, TypeSchema

TEMPLATE_NON_FIELDS = {"itemType", "creators", "tags", "collections", "relations", "notes", "attachments"}


class SchemaSource(Protocol):
    def item_types(self) -> list[str]: ...
    def schema_for(self, item_type: str) -> tuple[list[str], list[dict[str, Any]], dict[str, Any]]: ...


def needed_types(csl_types: set[str], known: set[str]) -> set[str]:
    out = {"document"}
    for t in csl_types:
        zt = CSL_TO_ZOTERO_TYPE.get(t, "document")
        out.add(zt if zt in known else "document")
    return out


def load_schemas(source: SchemaSource, cache: dict[str, Any], csl_types: set[str]) -> dict[str, TypeSchema]:
    """Schemas for the item types these CSL types map to; `cache` (from the sync state) is filled in place.

    A field counts as valid when the server's item template has it or `itemTypeFields` lists it (some servers
    return minimal templates).
    """
    if not cache.get("types"):
        cache["types"] = sorted(source.item_types())
    by_type: dict[str, Any] = cache.setdefault("by_type", {})
    for itype in sorted(needed_types(csl_types, set(cache["types"]))):
        if itype not in by_type:
            fields, ctypes, template = source.schema_for(itype)
            valid = set(fields) | {k for k in template if k not in TEMPLATE_NON_FIELDS}
            order = [c["creatorType"] for c in ctypes if c.get("primary")]
            order += [c["creatorType"] for c in ctypes if not c.get("primary")]
            by_type[itype] = {"fields": sorted(valid), "creatorTypes": order or ["author"]}
    return {t: TypeSchema(frozenset(v["fields"]), tuple(v["creatorTypes"])) for t, v in by_type.items()}
