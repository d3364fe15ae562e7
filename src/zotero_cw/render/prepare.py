"""Items before the engine, text after it (not patches of citeproc-py): CSL-JSON cleaned and its rich text
turned into marks, seasons read, short titles filled; cite affixes spaced; output marks resolved."""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.render import marks
from zotero_cw.text import SEASONS

_STRING_SKIP = {"id", "type", "language", "URL", "DOI", "ISBN", "ISSN", "page", "locator"}


_DATES = ("issued", "accessed", "event-date", "original-date", "submitted", "available-date")


def _season(date: dict[str, Any]) -> dict[str, Any]:
    """Seasons as citeproc-js reads them (defect 15): "Spring"/"1" or month 13-16 -> season number."""
    date = dict(date)
    if not date.get("date-parts") and not date.get("literal") and date.get("raw"):
        date["literal"] = str(date.pop("raw"))  # a Zotero date kept as written ("March 2005"): printed so, not n.d.
    season = date.get("season")
    if isinstance(season, str):
        key = season.strip().lower()
        date["season"] = SEASONS.get(key, int(key) if key.isdigit() else season)
    parts = date.get("date-parts") or []
    if len(parts) == 1 and len(parts[0]) == 2 and str(parts[0][1]).isdigit() and 13 <= int(parts[0][1]) <= 16:
        date["season"] = int(parts[0][1]) - 12
        date["date-parts"] = [[parts[0][0]]]
    return date


def item(item: dict[str, Any]) -> dict[str, Any]:
    """Rich text and straight quotes in fields -> marks; names too (apostrophes); seasons."""
    for key, value in list(item.items()):
        if key in _DATES and isinstance(value, dict):
            item[key] = _season(value)
        elif isinstance(value, str) and key not in _STRING_SKIP:
            item[key] = marks.from_markup(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for name in value:
                for part in ("family", "given", "literal"):
                    if isinstance(name.get(part), str):
                        name[part] = marks.from_markup(name[part])
    return item


def affix(text: str, *, prefix: bool) -> str:
    """A cite's prefix/suffix with citeproc-js spacing: a space after a prefix ("see, for example, X"), before a
    suffix that starts with a word."""
    text = marks.from_markup(text)
    if prefix and text and not text[-1].isspace() and text[-1] not in "([" + marks.OQ + "“‘":
        return text + " "
    if not prefix and text and (text[0].isalnum() or text[0] in marks.OQ + "(“"):
        return " " + text
    return text


def join_prefix(prefix: str, text: str) -> str:
    """prefix + cite, without a word said twice across the join ("… side in" + "in State Archive …")."""
    m = re.search(r"(\w+)\s+$", prefix)
    if m:
        t = re.match("([" + re.escape(marks.ALL) + "]*)" + re.escape(m.group(1)) + r"\s+", text, re.I)
        if t:
            text = t.group(1) + text[t.end():]
    return prefix + text


_IBID_START = re.compile("^([" + re.escape(marks.ALL) + "]*)(ibid)")


def postprocess(text: Any, session: Any, *, note: bool) -> str:
    text = str(text)
    if note:
        text = _IBID_START.sub(lambda m: m.group(1) + "Ibid", text)
    piq, quotes = locale_punctuation(session.style)
    return marks.finish(text, session.fmt, punctuation_in_quote=piq, quotes=quotes)


_PUNCT_CACHE: dict[int, tuple[Any, bool, tuple[str, ...]]] = {}


def locale_punctuation(style: Any) -> tuple[bool, tuple[str, ...]]:
    """The style locale's punctuation-in-quote option and its four quote terms (cached per style)."""
    hit = _PUNCT_CACHE.get(id(style))
    if hit is not None and hit[0] is style:
        return hit[1], hit[2]
    root = style.root
    piq = str(root.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
    quotes = []
    for name, default in zip(("open-quote", "close-quote", "open-inner-quote", "close-inner-quote"), marks.QUOTES,
                             strict=True):
        term = root.get_term(name)
        quotes.append(str(term.single) if term is not None and term.single is not None else default)
    _PUNCT_CACHE[id(style)] = (style, piq, tuple(quotes))
    return piq, tuple(quotes)
