"""BibTeX and BibLaTeX through bibtexparser v2 (its model, writer and parser; names split by its middlewares)."""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.export.fields import ARCHIVE_FIELDS, BIB_FIELDS, BIB_NAMES, BIB_TYPES, BIB_TYPES_BACK, CONTAINER_FIELD

_SPECIAL = re.compile(r"([&%$#_])")


def escape(text: Any) -> str:
    """TeX's special characters escaped; the text stays UTF-8 (BibLaTeX and bibtex with inputenc read it)."""
    return _SPECIAL.sub(r"\\\1", str(text)).replace("{", "\\{").replace("}", "\\}")


def unescape(text: str) -> str:
    return re.sub(r"\\([&%$#_{}])", r"\1", text)


def name(person: dict[str, Any]) -> str:
    if person.get("literal") or not person.get("family"):
        return "{" + escape(person.get("literal") or person.get("given") or "") + "}"
    family = " ".join(str(x) for x in (person.get("non-dropping-particle"), person["family"]) if x)
    parts = [escape(family)]
    if person.get("suffix"):
        parts.append(escape(person["suffix"]))
    if person.get("given"):
        parts.append(escape(person["given"]))
    return ", ".join(parts)


def _date(item: dict[str, Any], key: str = "issued") -> list[int]:
    try:
        return [int(x) for x in item[key]["date-parts"][0]]
    except (KeyError, IndexError, TypeError, ValueError):
        return []


def entry(item: dict[str, Any], biblatex: bool) -> Any:
    from bibtexparser import model

    which = 1 if biblatex else 0
    csl_type = str(item.get("type") or "document")
    etype = BIB_TYPES.get(csl_type, ("misc", "misc"))[which]
    fields: list[tuple[str, str]] = []
    for role, field in BIB_NAMES.items():
        people = [p for p in item.get(role) or [] if isinstance(p, dict)]
        if people and (biblatex or role != "translator"):
            fields.append((field, " and ".join(name(p) for p in people)))
    for var, names in BIB_FIELDS.items():
        field = names[which]
        if field and item.get(var) not in (None, ""):
            value = escape(item[var])
            fields.append((field, value.replace("–", "--") if var == "page" else value))
    if item.get("container-title"):
        field = CONTAINER_FIELD.get(etype, ("howpublished", "howpublished"))[which]
        if etype == "article" and csl_type == "article-newspaper" and biblatex:
            fields.append(("entrysubtype", "newspaper"))
        fields.append((field, escape(item["container-title"])))
    parts = _date(item)
    if parts:
        if biblatex:
            fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
        else:
            fields.append(("year", str(parts[0])))
            if len(parts) > 1:
                fields.append(("month", str(parts[1])))
    archive = [str(item[k]) for k in ARCHIVE_FIELDS if item.get(k)]
    if archive:
        if biblatex:
            fields.append(("library", escape(", ".join(archive))))
        for k in ARCHIVE_FIELDS:
            if item.get(k):
                fields.append((k.replace("_", ""), escape(item[k])))
    seen: set[str] = set()
    out = []
    for k, v in fields:
        if k not in seen:
            seen.add(k)
            out.append(model.Field(k, v))
    return model.Entry(etype, str(item["id"]), out)


def dumps(items: list[dict[str, Any]], biblatex: bool = False) -> str:
    import bibtexparser

    lib = bibtexparser.Library([entry(it, biblatex) for it in items])
    return bibtexparser.write_string(lib)


# ---- reading


def _value(v: Any) -> str:
    s = str(v).strip()
    while s.startswith("{") and s.endswith("}"):
        s = s[1:-1]
    return unescape(s)


def _person(parts: Any) -> dict[str, str]:
    family = " ".join(parts.last).strip("{}")
    given = " ".join(parts.first)
    if not given and not parts.von and not parts.jr and " " in family:
        return {"literal": family}
    out: dict[str, str] = {"family": unescape(family)}
    if given:
        out["given"] = unescape(given)
    if parts.von:
        out["non-dropping-particle"] = " ".join(parts.von)
    if parts.jr:
        out["suffix"] = " ".join(parts.jr)
    return out


def _item(e: Any) -> dict[str, Any]:
    f = {k.lower(): v for k, v in e.fields_dict.items()}
    etype = e.entry_type.lower()
    item: dict[str, Any] = {"id": e.key, "type": BIB_TYPES_BACK.get(etype, "document")}
    for role, field in BIB_NAMES.items():
        if field in f and isinstance(f[field].value, list):
            item[role] = [_person(p) for p in f[field].value]
    for var, names in BIB_FIELDS.items():
        for field in {n for n in names if n}:
            if field in f and var not in item and not (var == "number" and etype in CONTAINER_FIELD):
                value = _value(f[field].value)
                item[var] = value.replace("--", "–") if var == "page" else value
    for field in ("journal", "journaltitle", "booktitle", "howpublished"):
        if field in f:
            item["container-title"] = _value(f[field].value)
            break
    if f.get("entrysubtype") and _value(f["entrysubtype"].value) == "newspaper":
        item["type"] = "article-newspaper"
    date = _value(f["date"].value) if "date" in f else _value(f["year"].value) if "year" in f else ""
    nums = [int(x) for x in re.findall(r"\d+", date)[:3]]
    if "month" in f and "date" not in f and _value(f["month"].value).isdigit():
        nums.append(int(_value(f["month"].value)))
    if nums:
        item["issued"] = {"date-parts": [nums]}
    for k in ARCHIVE_FIELDS:
        key = k.replace("_", "")
        if key in f:
            item[k] = _value(f[key].value)
    if "archive" not in item and "library" in f:
        item["archive"] = _value(f["library"].value)
    return item


def loads(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    lib = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(),
                                                              SplitNameParts()])
    problems = [f"line {b.start_line + 1}: {type(b).__name__}: {str(b.raw)[:60]!r}" for b in lib.failed_blocks]
    return [_item(e) for e in lib.entries], problems
