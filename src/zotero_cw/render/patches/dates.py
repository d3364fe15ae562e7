"""cs:date: a date used by cs:substitute is suppressed later in the cite (seasons are read in prepare.py).

A date in a sort macro gives its sort value, not its rendering.

Suite fixtures: date_NegativeDateSortViaMacro, date_NegativeDateSortViaMacroOnYearMonthOnly, substitute_*."""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.string import String

from zotero_cw.render.disambiguate import suffix_letters
from zotero_cw.render.patches.core import ORIG, STATE, record, replace, suppressed


def _date_process(self: Any, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None,
                  **kwargs: Any) -> Any:
    var = variable or self.get("variable")
    if var and not self.is_locale_date():
        if suppressed(self, var):
            return None
        record(var)
        if STATE.get("sorting") and "macro" in STATE["sorting"]:
            # a date inside a sort macro sorts by its value (citeproc-js), so 100 BC < 44 BC < AD 54
            date = item.reference.get(var.replace("-", "_"))
            if date is None:
                return None
            return _sort_value(self, date)
    text = ORIG["Date.process"](self, item, variable=variable, show_parts=show_parts, context=context, **kwargs)
    if text and item.get("_suffix") and not item.get("_suffix_done") and var == "issued" \
            and not _explicit_suffix(self):
        text = _with_suffix(text, item)
    return text


_EXPLICIT: dict[int, tuple[Any, bool]] = {}


def _explicit_suffix(element: Any) -> bool:
    """Whether the style prints year-suffix itself (then no suffix is added to the first year)."""
    root = element.get_root()
    hit = _EXPLICIT.get(id(root))
    if hit is None or hit[0] is not root:
        found = bool(root.xpath(".//cs:text[@variable='year-suffix']", namespaces=root.nsmap))
        hit = (root, found)
        _EXPLICIT[id(root)] = hit
    return hit[1]


def _with_suffix(text: Any, item: Any) -> Any:
    """The year-suffix letter after the first year in a rendered date ("1990" -> "1990a")."""
    date = item.reference.get("issued")
    year = getattr(date, "year", None)
    if year is None and hasattr(date, "begin"):
        year = getattr(date.begin, "year", None)
    plain = str(text)
    if year is None:
        return text
    digits = str(abs(int(year)))
    at = plain.find(digits)
    if at < 0:
        at = plain.find(digits[-2:])
        digits = digits[-2:]
    if at < 0:
        return text
    item["_suffix_done"] = True
    end = at + len(digits)
    return String(plain[:end] + suffix_letters(item["_suffix"]) + plain[end:])


def _sort_value(element: Any, date: Any) -> Any:
    """The date as a sort string limited to the parts the cs:date shows (date-parts="year" -> year only)."""
    if not hasattr(date, "year"):  # a range or a literal date
        return String(date.sort_key()) if hasattr(date, "sort_key") else None
    parts = element.get("date-parts")
    if parts is not None:
        shown = set(parts.split("-"))
    else:
        shown = {p.get("name") for p in element.findall("cs:date-part", element.nsmap)} or {"year", "month", "day"}
    month = date.get("month", 0) if "month" in shown else 0
    day = date.get("day", 0) if "day" in shown else 0
    return String(f"{date.year + 10000:05}{month:02}{day:02}")


def install() -> None:
    replace(model.Date, "process", _date_process)
