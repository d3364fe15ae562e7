"""cs:date: a date used by cs:substitute is suppressed later in the cite (seasons are read in prepare.py).

Suite fixtures: date_*, substitute_*."""

from __future__ import annotations

from typing import Any

from citeproc import model

from zotero_cw.render.patches.core import ORIG, record, replace, suppressed


def _date_process(self: Any, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None,
                  **kwargs: Any) -> Any:
    var = variable or self.get("variable")
    if var and not self.is_locale_date():
        if suppressed(self, var):
            return None
        record(var)
    return ORIG["Date.process"](self, item, variable=variable, show_parts=show_parts, context=context, **kwargs)


def install() -> None:
    replace(model.Date, "process", _date_process)
