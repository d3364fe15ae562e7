"""Output formats. The engine always writes marks (see marks.py); `marks.finish` renders a format."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from zotero_cw.render import marks

FORMATS = ("text", "html", "markdown", "rtf")


def _wrapper(before: str, after: str) -> type:
    class Wrapped(str):
        def __new__(cls, text: Any) -> Wrapped:
            return super().__new__(cls, f"{before}{text}{after}")

    return Wrapped


# the formatter namespace citeproc-py calls (Formatted.font_style etc.): marks only
MARKS = SimpleNamespace(
    preformat=lambda t: t, Italic=_wrapper(marks.IT, marks.IT_END), Oblique=_wrapper(marks.IT, marks.IT_END),
    Bold=_wrapper(marks.BD, marks.BD_END), Light=str, Underline=str,
    Superscript=_wrapper(marks.SUP, marks.SUP_END), Subscript=_wrapper(marks.SUB, marks.SUB_END),
    SmallCaps=_wrapper(marks.SC, marks.SC_END),
)


def check(name: str) -> str:
    from zotero_cw.errors import UserError

    if name == "md":
        return "markdown"
    if name not in FORMATS:
        raise UserError(f"unknown format {name!r}: choose one of {', '.join(FORMATS)}")
    return name


def rtf_document(paragraphs: list[str], *, hanging: bool = False) -> str:
    """RTF paragraphs (as `finish` writes them) in a complete document a word processor opens."""
    indent = "\\li720\\fi-720" if hanging else ""
    body = "".join(f"{{\\pard{indent}\\sa120 {p}\\par}}\n" for p in paragraphs)
    head = "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc0\n{\\fonttbl{\\f0\\froman Times New Roman;}}\n\\f0\\fs24\n"
    return head + body + "}\n"
