"""Zotero item data → CSL-JSON item: the tables of `mapping` read backwards (pure functions).

Fields, creators and dates go back by the same tables sync writes with; Extra's `Label: value` lines go back to
the CSL variables they carry (archival Fond/Opis/Delo lines to custom.archival); the key and version the
item has in Zotero are kept as custom.zotero_key / custom.zotero_version, its tags as custom.tags.
"""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.zotero import mapping

ZOTERO_TO_CSL_TYPE: dict[str, str] = {}
for _csl, _zt in mapping.CSL_TO_ZOTERO_TYPE.items():
    ZOTERO_TO_CSL_TYPE.setdefault(_zt, _csl)
ZOTERO_TO_CSL_TYPE.update({"letter": "letter", "book": "book", "journalArticle": "article-journal"})

FIELD_TO_CSL: dict[str, str] = {}
for _var, _fields in mapping.CSL_TO_FIELDS.items():
    for _f in _fields:
        FIELD_TO_CSL.setdefault(_f, _var)
DATE_TO_CSL = {f: var for var, fields in mapping.DATE_FIELDS.items() for f in fields}
CREATOR_TO_CSL: dict[str, str] = {}
for _var, _ct in mapping.CSL_TO_CREATOR.items():
    CREATOR_TO_CSL.setdefault(_ct, _var)
# Extra labels zotero-cw (and Zotero users) write for CSL variables without a Zotero field
EXTRA_VARS = {mapping.label(v): v for v in (*mapping.CSL_TO_FIELDS, *mapping.DATE_FIELDS, "archive-place",
                                            "original-title", "original-publisher", "original-publisher-place",
                                            "event-place", "event-date", "status", "references", "dimensions",
                                            "scale", "version", "annote", "container-title-short")}
ARCHIVAL_LINES = {"Fond": "fond", "Opis": "opis", "Delo": "delo", "List": "list", "Papka": "papka"}
SKIP_TYPES = {"note", "attachment", "annotation"}
_ISO = re.compile(r"^(?:ca\.\s*)?(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def csl_date(text: str) -> dict[str, Any] | None:
    """Zotero's date string → CSL date (ISO-like and A/B ranges as date-parts; other text kept raw)."""
    text = str(text or "").strip()
    if not text:
        return None
    parts = []
    for piece in text.split("/"):
        m = _ISO.match(piece.strip())
        if not m:
            break
        parts.append([int(x) for x in m.groups() if x])
    out: dict[str, Any]
    if parts and len(parts) == len(text.split("/")):
        out = {"date-parts": parts}
    else:  # "March 2005", "16 August 1961": kept as written, so a sync writes back exactly the colleague's text
        out = {"raw": text}
    if text.startswith("ca."):
        out["circa"] = True
    return out


def person(c: dict[str, Any]) -> dict[str, str]:
    if c.get("name"):
        return {"literal": str(c["name"])}
    out = {"family": str(c.get("lastName") or "")}
    if c.get("firstName"):
        out["given"] = str(c["firstName"])
    return out


def zotero_to_csl(data: dict[str, Any], key: str | None = None, version: int | None = None) -> dict[str, Any] | None:
    """One Zotero item's data as a CSL item (id: the Zotero key for now), or None for notes and attachments."""
    itype = str(data.get("itemType") or "")
    if itype in SKIP_TYPES:
        return None
    key = key or str(data.get("key") or "")
    item: dict[str, Any] = {"id": f"zotero-{key}", "type": ZOTERO_TO_CSL_TYPE.get(itype, "document")}
    custom: dict[str, Any] = {"zotero_key": key}
    version = version if version is not None else data.get("version")
    if isinstance(version, int):
        custom["zotero_version"] = version
    for field, value in data.items():
        if value in (None, "", [], {}):
            continue
        if field in DATE_TO_CSL:
            date = csl_date(str(value))
            if date:
                item[DATE_TO_CSL[field]] = date
        elif field in FIELD_TO_CSL and FIELD_TO_CSL[field] not in item:
            item[FIELD_TO_CSL[field]] = str(value)
    for c in data.get("creators") or []:
        if isinstance(c, dict):
            item.setdefault(CREATOR_TO_CSL.get(str(c.get("creatorType")), "author"), []).append(person(c))
    notes, archival = [], {}
    for line in str(data.get("extra") or "").splitlines():
        label, sep, value = line.partition(":")
        label, value = label.strip(), value.strip()
        if sep and label in ARCHIVAL_LINES:
            archival[ARCHIVAL_LINES[label]] = value
        elif sep and line.startswith(mapping.ID_LINE):
            custom["zotero_cw_id"] = value
        elif sep and line.startswith((mapping.HASH_LINE, mapping.RECORD_LINE)):
            continue  # sync's own bookkeeping, not the colleague's data
        elif sep and label in EXTRA_VARS and EXTRA_VARS[label] not in item:
            var = EXTRA_VARS[label]
            item[var] = csl_date(value) if var in mapping.DATE_FIELDS else value
        elif line.strip():
            notes.append(line)
    if notes:
        item["note"] = "\n".join(notes)
    if archival and item.get("archive"):
        custom["archival"] = {"archive": _acronym(str(item["archive"])), **archival}
    elif item.get("archive") and item.get("archive_location"):
        found = _archival_from_location(str(item["archive"]), str(item["archive_location"]))
        if found:
            custom["archival"] = found
    tags = sorted({str(t.get("tag")) for t in data.get("tags") or [] if isinstance(t, dict) and t.get("tag")})
    if tags:
        custom["tags"] = tags
    if data.get("deleted"):
        custom["zotero_deleted"] = True
    item["custom"] = custom
    return item


def _acronym(archive: str) -> str:
    """"Russian State Archive of Socio-Political History (RGASPI)" → "RGASPI" through the archive registry."""
    from zotero_cw.archives import default_registry

    reg = default_registry()
    m = re.search(r"\(([^()]+)\)\s*$", archive)
    for name in ([m.group(1)] if m else []) + [archive]:
        hit = reg.lookup(name)
        if hit:
            return hit[0].acronym
    return archive


def _archival_from_location(archive: str, location: str) -> dict[str, str] | None:
    from zotero_cw.archives import archival_custom

    return archival_custom(_acronym(archive), location)
