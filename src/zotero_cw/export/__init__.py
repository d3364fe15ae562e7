"""Out to the tools writers use, and in from them: CSL-JSON, BibTeX, BibLaTeX, RIS (and the library's JSON form).

    text = export.dumps(items, "bibtex")        # citation keys = the items' ids (zotero_cw.keys)
    items, problems = export.loads(text, "ris")  # CSL-JSON items; entries that could not be read are problems

BibTeX/BibLaTeX go through bibtexparser v2 and RIS through rispy; the field tables in `fields` drive both
directions, so an export read back gives the same work.
"""

from __future__ import annotations

import json
from typing import Any

from zotero_cw.errors import UserError

FORMATS = ("csl-json", "bibtex", "biblatex", "ris")
EXPORT_FORMATS = (*FORMATS, "library-json")


def plain(item: dict[str, Any]) -> dict[str, Any]:
    """The CSL item without zotero-cw's `custom` bookkeeping (what other processors expect)."""
    return {k: v for k, v in item.items() if k != "custom"}


def dumps(items: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "csl-json":
        return json.dumps([plain(it) for it in items], ensure_ascii=False, indent=1) + "\n"
    if fmt in ("bibtex", "biblatex"):
        from zotero_cw.export.bibtex import dumps as bib_dumps

        return bib_dumps(items, biblatex=fmt == "biblatex")
    if fmt == "ris":
        from zotero_cw.export.ris import dumps as ris_dumps

        return ris_dumps(items)
    raise UserError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")


def guess_format(name: str, text: str) -> str:
    """The import format from the file's extension, else its first characters."""
    lower = name.lower()
    for ext, fmt in ((".json", "csl-json"), (".bib", "bibtex"), (".bibtex", "bibtex"), (".ris", "ris")):
        if lower.endswith(ext):
            return fmt
    head = text.lstrip()[:200]
    if head.startswith(("[", "{")):
        return "csl-json"
    if head.startswith("@"):
        return "bibtex"
    if head.startswith("TY  -"):
        return "ris"
    raise UserError(f"cannot tell the format of {name}: give --format csl-json, bibtex or ris")


def loads(text: str, fmt: str, where: str) -> tuple[list[dict[str, Any]], list[str]]:
    """CSL-JSON items read from the text, and a line per entry that could not be read."""
    if fmt == "csl-json":
        from zotero_cw.library.validate import check_items, parse_json_text

        data = parse_json_text(text, where)
        if isinstance(data, dict) and "items" in data:  # the library's own JSON form
            data = data["items"]
        return check_items(data if isinstance(data, list) else [data], where), []
    if fmt in ("bibtex", "biblatex"):
        from zotero_cw.export.bibtex import loads as bib_loads

        return bib_loads(text)
    if fmt == "ris":
        from zotero_cw.export.ris import loads as ris_loads

        return ris_loads(text)
    raise UserError(f"unknown import format {fmt!r} (choose from {', '.join(FORMATS)})")
