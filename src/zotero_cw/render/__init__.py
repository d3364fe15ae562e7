"""Chicago notes and bibliographies via citeproc-py (patched), in text, HTML, Markdown or RTF.

Public API (items are CSL-JSON dicts; `custom` is stripped before rendering):
    note(item, locator=, label=, short=, style=, fmt=) -> str
    bibliography(items, style=, fmt=) -> list[str]
    footnotes(items, clusters, style=, fmt=) -> list[(noteIndex, text)]
"""

from __future__ import annotations

from typing import Any

from zotero_cw.models import ArchivalLocation
from zotero_cw.render import marks
from zotero_cw.render.engine import (
    DEFAULT_STYLE,
    FIRST,
    LOCATOR_LABELS,
    SUBSEQUENT,
    Cite,
    Session,
    check_label,
    positions,
    style_path,
)
from zotero_cw.render.formats import FORMATS, rtf_document

__all__ = ["DEFAULT_STYLE", "FORMATS", "LOCATOR_LABELS", "note", "notes", "bibliography", "footnotes",
           "grouped_bibliography", "style_path", "check_label", "rtf_document"]


def note(item: dict[str, Any], *, locator: str | None = None, label: str | None = None, short: bool = False,
         style: str | None = None, fmt: str = "text") -> str:
    """One note for one item: full (first) or short (subsequent)."""
    check_label(label)
    session = Session([item], style, fmt)
    cite = Cite(str(item["id"]), locator, label, position=SUBSEQUENT if short else FIRST)
    return session.cite([cite], 1)


def notes(items: list[dict[str, Any]], ids: list[str] | None = None, *, short: bool = False,
          style: str | None = None, fmt: str = "text") -> dict[str, str]:
    """Full or short notes for many items rendered in one context (so short notes are disambiguated)."""
    session = Session(items, style, fmt)
    pos = SUBSEQUENT if short else FIRST
    return {str(i): session.cite([Cite(str(i), position=pos)], 1)
            for i in (ids if ids is not None else [it["id"] for it in items])}


def bibliography(items: list[dict[str, Any]], *, style: str | None = None, fmt: str = "text") -> list[str]:
    """Bibliography entries, sorted as the style sorts."""
    if not items:
        return []
    return Session(items, style, fmt).bibliography()


def footnotes(items: list[dict[str, Any]], clusters: list[dict[str, Any]], *, style: str | None = None,
              fmt: str = "text", texts: dict[int, str] | None = None) -> list[tuple[int, str]]:
    """A document's notes in order (clusters sorted by noteIndex), with positions first/subsequent/ibid.

    A note without understood citations (an empty cluster) prints its own text from `texts` (note number ->
    text), escaped for the format, or "[note not understood]" — never an empty "N. ."."""
    cited = {str(ci["id"]) for c in clusters for ci in c.get("citationItems", [])}
    session = Session([it for it in items if str(it["id"]) in cited], style, fmt)  # as citeproc-js registers
    ordered = sorted(clusters, key=lambda c: int(c.get("properties", {}).get("noteIndex", 0) or 0))
    out = []
    for cluster, cites in zip(ordered, positions(ordered), strict=True):
        idx = int(cluster.get("properties", {}).get("noteIndex", 0) or 0)
        if not cites:
            own = (texts or {}).get(idx)
            out.append((idx, marks.finish(marks.from_markup(own), session.fmt) if own else "[note not understood]"))
            continue
        out.append((idx, session.cite(cites, idx)))
    return out


def _archival(item: dict[str, Any]) -> tuple[str, str] | None:
    arch = (item.get("custom") or {}).get("archival") or {}
    name = arch.get("archive") or (item.get("archive") if item.get("archive_location") else None)
    if not name:
        return None
    return str(name), str(arch.get("fond") or "")


def _fond_key(fond: str) -> tuple[int, str]:
    digits = "".join(ch for ch in fond if ch.isdigit())
    return (int(digits) if digits else 0, fond)


def grouped_bibliography(items: list[dict[str, Any]], *, style: str | None = None,
                         fmt: str = "text") -> list[tuple[str, list[str]]]:
    """As history books print sources: archival sources by archive and fond, then published sources.

    Each group is sorted by the style's own bibliography sort."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    published = []
    for it in items:
        key = _archival(it)
        if key is None:
            published.append(it)
        else:
            groups.setdefault(key, []).append(it)
    out: list[tuple[str, list[str]]] = []
    session = Session(items, style, fmt) if items else None
    for archive, fond in sorted(groups, key=lambda k: (k[0], _fond_key(k[1]))):
        heading = ", ".join([f"Archival sources: {archive}", *ArchivalLocation(archive, fond).parts(("fond",))])
        out.append((heading, session.bibliography([str(i["id"]) for i in groups[(archive, fond)]])))
    if published and session is not None:
        out.append(("Published sources", session.bibliography([str(i["id"]) for i in published])))
    return out
