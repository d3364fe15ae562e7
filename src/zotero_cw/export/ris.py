"""RIS through rispy (its tag table, reader and writer)."""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.export.fields import RIS_FIELDS, RIS_NAMES, RIS_TYPES, RIS_TYPES_BACK


def _name(p: dict[str, Any]) -> str:
    if p.get("literal") or not p.get("family"):
        return str(p.get("literal") or p.get("given") or "")
    family = " ".join(str(x) for x in (p.get("non-dropping-particle"), p["family"]) if x)
    return f"{family}, {p['given']}" if p.get("given") else family


def record(item: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(str(item.get("type")), "GEN"), "id": str(item["id"])}
    for role, key in RIS_NAMES.items():
        people = [_name(p) for p in item.get(role) or [] if isinstance(p, dict)]
        if people:
            out[key] = people if key != "translated_author" else "; ".join(people)
    for var, key in RIS_FIELDS.items():
        if item.get(var) not in (None, ""):
            out[key] = str(item[var])
    page = str(item.get("page") or "")
    if page:
        bits = re.split(r"\s*[-–]\s*", page, maxsplit=1)
        out["start_page"] = bits[0]
        if len(bits) > 1:
            out["end_page"] = bits[1]
    try:
        parts = [int(x) for x in item["issued"]["date-parts"][0]]
    except (KeyError, IndexError, TypeError, ValueError):
        parts = []
    if parts:
        out["year"] = str(parts[0])
        out["date"] = "/".join([str(parts[0]), *(f"{p:02d}" for p in parts[1:])])
    elif isinstance(item.get("issued"), dict) and item["issued"].get("literal"):
        out["date"] = str(item["issued"]["literal"])  # "February 20": as the note wrote it
    if item.get("URL"):
        out["urls"] = [str(item["URL"])]
    if item.get("note"):
        out["notes"] = [str(item["note"])]
    return out


def dumps(items: list[dict[str, Any]]) -> str:
    import rispy

    return rispy.dumps([record(it) for it in items])


def _person(text: str) -> dict[str, str]:
    family, sep, given = text.partition(",")
    if not sep:
        return {"literal": text.strip()} if " " in text.strip() else {"family": text.strip()}
    return {"family": family.strip(), "given": given.strip()}


def loads(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    import rispy

    try:
        records = rispy.loads(text)
    except (OSError, ValueError, IndexError, KeyError) as exc:
        return [], [f"not RIS ({exc})"]
    items, problems = [], []
    for n, r in enumerate(records, 1):
        ident = r.get("id") or f"ris{n}"
        item: dict[str, Any] = {"id": str(ident), "type": RIS_TYPES_BACK.get(str(r.get("type_of_reference")),
                                                                               "document")}
        for role, key in RIS_NAMES.items():
            value = r.get(key)
            if isinstance(value, str):
                value = [v for v in value.split(";") if v.strip()]
            if value:
                item[role] = [_person(v) for v in value]
        for var, key in RIS_FIELDS.items():
            if r.get(key) and var not in item:
                item[var] = str(r[key])
        if "title" not in item and r.get("primary_title"):
            item["title"] = str(r["primary_title"])
        if "container-title" not in item and r.get("journal_name"):
            item["container-title"] = str(r["journal_name"])
        if r.get("start_page"):
            item["page"] = str(r["start_page"]) + (f"–{r['end_page']}" if r.get("end_page") else "")
        date = str(r.get("date") or r.get("year") or r.get("publication_year") or "")
        nums = [int(x) for x in re.findall(r"\d+", date)[:3]]
        if nums:
            item["issued"] = {"date-parts": [nums]}
        if r.get("urls"):
            item["URL"] = str(r["urls"][0])
        if r.get("notes"):
            item["note"] = "\n".join(map(str, r["notes"]))
        if len(item) <= 2:
            problems.append(f"record {n}: no fields zotero-cw can read")
            continue
        items.append(item)
    return items, problems
