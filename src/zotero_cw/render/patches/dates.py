"""cs:date: a date used by cs:substitute is suppressed later in the cite (seasons are read in prepare.py).

A date in a sort macro gives its sort value, not its rendering.

Suite fixtures: date_NegativeDateSortViaMacro, date_NegativeDateSortViaMacroOnYearMonthOnly, substitute_*."""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.string import String

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
    return ORIG["Date.process"](self, item, variable=variable, show_parts=show_parts, context=context, **kwargs)


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
