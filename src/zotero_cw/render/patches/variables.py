"""Variables: cs:substitute suppresses what it substituted, cs:text variables (short forms, locators,
first-reference-note-number), numbers with en-dash ranges, CSL 1.0.2 variables citeproc-py does not know.

Suite fixtures: substitute_SuppressOrdinaryVariable, substitute_SubstituteOnlyOnceString,
variables_ContainerTitleShort, number_PageRange, locator_*."""

from __future__ import annotations

import re
from typing import Any

import citeproc
from citeproc import model
from citeproc.source import Name as SourceName
from citeproc.source import VariableError
from citeproc.string import String

from zotero_cw.render.disambiguate import suffix_letters
from zotero_cw.render.patches.core import (
    NUMBER_VARS,
    ORIG,
    RANGE_HYPHEN,
    RECORDING,
    current_layout,
    is_numeric,
    record,
    replace,
    suppressed,
)


def _substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    layout = current_layout(context if context is not None else self)
    for child in self.getchildren():
        rec: set[str] = set()
        RECORDING.append(rec)
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            continue
        finally:
            RECORDING.pop()
        if text:
            layout.repressed.setdefault("*", set()).update(rec)
            return text
    return None


def _text_variable(self: Any, item: Any, context: Any) -> Any:
    variable = self.get("variable")
    if suppressed(context, variable):
        return None
    if self.get("form") == "short":
        short = variable + "-short"
        if short.replace("-", "_") in item.reference and not suppressed(context, short):
            variable = short
    record(self.get("variable"))
    if variable.startswith("page"):
        page = str(item.reference.page)
        if "\\-" in page:  # an escaped hyphen is a hyphen ("3\\-B")
            return String(page.replace("\\-", "-"))
        if "-" in page and not re.search(r"\d", page) and not _ROMAN.fullmatch(page.strip()):
            return String(page)  # "Michaelson-Morely" is a name, not a range
        return self._process(item.reference.page, variable)
    if variable == "year-suffix":
        if not item.get("_suffix"):
            raise VariableError
        item["_suffix_done"] = True
        return String(suffix_letters(item["_suffix"]))
    if variable == "citation-number":
        return item.number
    if variable == "locator":
        if not item.has_locator:
            raise VariableError
        loc = str(item.locator.identifier)
        if "\\-" in loc:  # an escaped hyphen is a hyphen, not a range ("327\\-30")
            return String(loc.replace("\\-", "-"))
        if item.locator.label == "page" and "-" in loc:
            # citeproc-js applies page-range-format to hyphenated page locators (not to en-dash ranges)
            return self._process(String(RANGE_SPACED.sub("-", loc)), "page")
        return String(RANGE_SPACED.sub("–", loc).replace("-", "–"))
    if variable == "first-reference-note-number":
        if item.get("first_note") is None:
            raise VariableError
        return String(str(item["first_note"]))
    value = item.reference[variable.replace("-", "_")]
    if variable in NUMBER_VARS and is_numeric(value):  # "12-14" -> "12–14" (defect 16)
        value = String(RANGE_HYPHEN.sub("\\1–", str(value)))
    return value




def _number_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    variable = self.get("variable")
    if suppressed(self, variable):
        return None
    record(variable)
    text = ORIG["Number.process"](self, item, context=context, **kwargs)
    if text is not None and "-" in str(text):
        text = String(RANGE_HYPHEN.sub("\\1–", str(text)))
    return text


# CSL 1.0.2 variables citeproc-py 0.11.1 does not know (its lists are shared by source parsing and the model)
CSL_102_NAMES = ["chair", "compiler", "contributor", "curator", "director", "executive_producer", "guest", "host",
                 "narrator", "organizer", "performer", "producer", "reviewed_author", "script_writer",
                 "series_creator", "editor_translator"]
CSL_102_DATES = ["available_date"]
CSL_102_NUMBERS = ["part_number", "printing_number", "supplement_number", "citation_number",
                   "first_reference_note_number"]
CSL_102_STANDARD = ["volume_title", "volume_title_short", "part_title", "reviewed_title", "reviewed_genre",
                    "archive_collection", "division", "event_title", "container_title_short", "title_short",
                    "collection_title_short", "original_title_short", "publisher_place", "archive_place",
                    "archive_short"]  # archive_short: zotero-cw's acronym of the archive (render/inputs.py)


def _extend_variables() -> None:
    from citeproc import source

    for lst, extra in ((citeproc.NAMES, CSL_102_NAMES), (citeproc.DATES, CSL_102_DATES),
                       (citeproc.NUMBERS, CSL_102_NUMBERS)):
        lst.extend(v for v in extra if v not in lst)
    for v in CSL_102_NAMES + CSL_102_DATES + CSL_102_NUMBERS + CSL_102_STANDARD:
        if v not in citeproc.VARIABLES:
            citeproc.VARIABLES.append(v)
    assert source.VARIABLES is citeproc.VARIABLES


_ROMAN = re.compile(r"[ivxlcdm]+\s*-\s*[ivxlcdm]+", re.I)
RANGE_SPACED = re.compile(r"(?<=\d)\s*[-–]\s*(?=[A-Za-z]?\d)")


def _format_last_page(self: Any, first: str, last: str) -> str:
    """page-range-format on an abbreviated range: "100-4" is 100–104 before the format shortens it again
    (no page-range-format: the range stays as written)."""
    if self.get_root().get_option("page-range-format") is None:
        return last
    if first.isdigit() and last.isdigit() and len(last) < len(first) and int(first[-len(last):]) < int(last):
        last = first[: len(first) - len(last)] + last
    elif first.isdigit() and last.isdigit() and len(last) < len(first):
        last = str(int(first[: len(first) - len(last)]) + 1) + last  # "98-3" -> 98–103
    return ORIG["FormatNumber._format_last_page"](self, first, last)


def _source_name_init(self: Any, **args: Any) -> None:
    """Accept CSL-JSON name keys citeproc-py does not know (static-ordering, comma-suffix, parse-names)."""
    dict.update(self, args)


def install() -> None:
    _extend_variables()
    replace(model.Substitute, "render", _substitute_render)
    replace(model.Text, "_variable", _text_variable)
    replace(model.Number, "process", _number_process)
    replace(SourceName, "__init__", _source_name_init)
    replace(model.FormatNumber, "_format_last_page", _format_last_page)
