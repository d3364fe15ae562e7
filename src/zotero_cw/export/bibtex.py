"""BibTeX and BibLaTeX through bibtexparser (its writer and parser; names split by its `splitname`).

bibtexparser 1.x, not 2.x: pyzotero 1.16 (the sync's client) requires bibtexparser < 2, and pip cannot install
both lines side by side; 1.4 reads and writes what Zotero and Better BibTeX export.
"""

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


def entry(item: dict[str, Any], biblatex: bool) -> dict[str, str]:
    """One bibtexparser entry (ENTRYTYPE, ID and fields) for a CSL item."""
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
    out: dict[str, str] = {"ENTRYTYPE": etype, "ID": str(item["id"])}
    for k, v in fields:
        out.setdefault(k, v)
    return out


def dumps(items: list[dict[str, Any]], biblatex: bool = False) -> str:
    from bibtexparser.bibdatabase import BibDatabase
    from bibtexparser.bwriter import BibTexWriter

    db = BibDatabase()
    db.entries = [entry(it, biblatex) for it in items]
    writer = BibTexWriter()
    writer.order_entries_by = None  # the library's order
    writer.indent = "\t"
    writer.display_order = ["author", "editor", "translator", "title"]
    return writer.write(db)


# ---- reading


def _value(v: Any) -> str:
    s = str(v).strip()
    while s.startswith("{") and s.endswith("}"):
        s = s[1:-1]
    return unescape(s)


def _person(text: str) -> dict[str, str]:
    from bibtexparser.customization import InvalidName, splitname

    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        return {"literal": unescape(text[1:-1])}
    try:
        parts = splitname(text, strict_mode=False)
    except InvalidName:
        return {"literal": unescape(text)}
    out: dict[str, str] = {"family": unescape(" ".join(parts.get("last") or []).strip("{}"))}
    if parts.get("first"):
        out["given"] = unescape(" ".join(parts["first"]))
    if parts.get("von"):
        out["non-dropping-particle"] = " ".join(parts["von"])
    if parts.get("jr"):
        out["suffix"] = " ".join(parts["jr"])
    return out


def _names(value: str) -> list[str]:
    """"A and B and {C and D}": the names, split on `and` outside braces."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(value):
        ch = value[i]
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and value[i:i + 5].lower() == " and ":
            out.append(value[start:i])
            start = i = i + 5
            continue
        i += 1
    out.append(value[start:])
    return [n for n in (x.strip() for x in out) if n]


def _item(e: dict[str, str]) -> dict[str, Any]:
    f = {k.lower(): v for k, v in e.items() if k not in ("ENTRYTYPE", "ID")}
    etype = e.get("ENTRYTYPE", "misc").lower()
    item: dict[str, Any] = {"id": e["ID"], "type": BIB_TYPES_BACK.get(etype, "document")}
    for role, field in BIB_NAMES.items():
        if f.get(field):
            item[role] = [_person(n) for n in _names(f[field])]
    for var, names in BIB_FIELDS.items():
        for field in {n for n in names if n}:
            if field in f and var not in item and not (var == "number" and etype in CONTAINER_FIELD):
                value = _value(f[field])
                item[var] = value.replace("--", "–") if var == "page" else value
    for field in ("journal", "journaltitle", "booktitle", "howpublished"):
        if field in f:
            item["container-title"] = _value(f[field])
            break
    if f.get("entrysubtype") == "newspaper":
        item["type"] = "article-newspaper"
    date = f.get("date") or f.get("year") or ""
    nums = [int(x) for x in re.findall(r"\d+", date)[:3]]
    if f.get("month", "").isdigit() and "date" not in f:
        nums.append(int(f["month"]))
    if nums:
        item["issued"] = {"date-parts": [nums]}
    for k in ARCHIVE_FIELDS:
        if k.replace("_", "") in f:
            item[k] = _value(f[k.replace("_", "")])
    if "archive" not in item and f.get("library"):
        item["archive"] = _value(f["library"])
    return item


_ENTRY_START = re.compile(r"@(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")


def loads(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser
    from bibtexparser.customization import convert_to_unicode

    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    parser.customization = convert_to_unicode
    try:
        db = bibtexparser.loads(text, parser=parser)
    except Exception as exc:  # the parser's own errors (pyparsing) for text that is not BibTeX at all
        return [], [f"not BibTeX ({type(exc).__name__})"]
    entries = db.entries
    found = {e["ID"] for e in entries}
    problems = [f"line {text.count(chr(10), 0, m.start()) + 1}: entry {m.group(2)!r} could not be read"
                for m in _ENTRY_START.finditer(text)
                if m.group(1).lower() not in ("string", "comment", "preamble") and m.group(2) not in found]
    return [_item(e) for e in entries], problems
