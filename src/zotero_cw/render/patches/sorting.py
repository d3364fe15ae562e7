"""cs:sort: keys computed once, empty keys last, descending keys, collation as ICU roughly does (accents and
punctuation ignored, numbers compared as numbers).

Suite fixtures: sort_StatusFieldDescending, date_IgnoreNonexistentSort, sort_NumberOfAuthorsAsKey,
sort_CaseInsensitive*, sort_LeadingApostropheOnNameParticle."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model

from zotero_cw.render import marks
from zotero_cw.render.patches.core import ORIG, STATE, replace
from zotero_cw.text import strip_accents


def sort_text(value: Any) -> str:
    """Primary collation key: marks, quotes and punctuation ignored, accents folded, case folded."""
    text = "".join(ch for ch in strip_accents(str(value)) if ch not in marks.ALL)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.casefold().split())


def sort_key(value: Any) -> tuple[Any, ...]:
    """Collation key with numbers compared as numbers ("F. 7" < "F. 84" < "F. 413"), like ICU numeric."""
    parts = re.split(r"(\d+)", sort_text(value))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def _sort(self: Any, items: list[Any], context: Any) -> list[Any]:
    keys_per_item: list[list[Any]] = [[] for _ in items]
    for key in self.findall("cs:key", self.nsmap):
        desc = key.get("sort", "ascending").lower() == "descending"
        for i, k in enumerate(key.sort_keys(items, context)):
            if k is None or str(k) == "":
                keys_per_item[i].append((1, ""))  # empty keys last, ascending or descending
                continue
            s = str(k)
            entry = (sort_key(s), s.casefold())
            keys_per_item[i].append((0, _Desc(entry) if desc else entry))
    order = sorted(range(len(items)), key=lambda i: (keys_per_item[i], i))
    return [items[i] for i in order]


class _Desc:
    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __lt__(self, other: Any) -> bool:
        return other.v < self.v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and other.v == self.v


def _key_sort_keys(self: Any, items: list[Any], context: Any) -> list[Any]:
    STATE["layout"] = context.get_layout()
    STATE["sorting"] = "macro" if "macro" in self.attrib else "variable"
    try:
        out = ORIG["Key.sort_keys"](self, items, context)
    finally:
        STATE["sorting"] = None
    return [str(k) if k is not None else None for k in out]


def install() -> None:
    replace(model.Sort, "sort", _sort)
    replace(model.Key, "sort_keys", _key_sort_keys)
