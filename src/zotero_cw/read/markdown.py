"""Markdown with pandoc footnotes: `text[^12]` in the body, `[^12]: note text` (indented continuation)."""

from __future__ import annotations

import re
from pathlib import Path

from zotero_cw.models import Document
from zotero_cw.read.structured import Body, NoteDef, assemble

_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_REF = re.compile(r"\[\^([^\]\s]+)\]")
_HAS_DEF = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:", re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE_EM = re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"(?<!\^)\[([^\]^][^\]]*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>@$~^|'\"])")
_CODE = re.compile(r"`([^`]*)`")


def has_footnotes(text: str) -> bool:
    return bool(_HAS_DEF.search(text))


def inline(text: str) -> str:
    """Markdown inline markup → the project's plain text with *italics*; escapes undone."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _UNDERSCORE_EM.sub(r"*\1*", text)
    return text


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _split(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """Body lines, and each footnote definition's lines (continuations: indented, or lazily following)."""
    body: list[str] = []
    defs: dict[str, list[str]] = {}
    current: list[str] | None = None
    blank = False
    for line in text.split("\n"):
        m = _DEF.match(line)
        if m:
            current = defs.setdefault(m.group(1), [])
            current.append(m.group(2))
            blank = False
        elif current is not None and not line.strip():
            current.append("")
            blank = True
        elif current is not None and (line.startswith(("    ", "\t")) or not blank):
            current.append(line.strip())
            blank = False
        else:
            current = None
            body.append(line)
    return body, defs


def _paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    for line in lines:
        if _SETEXT.match(line) and cur:
            out.append(" ".join(cur))
            cur = []
        elif not line.strip():
            if cur:
                out.append(" ".join(cur))
            cur = []
        else:
            h = _HEADING.match(line)
            if h:
                if cur:
                    out.append(" ".join(cur))
                out.append(h.group(1))
                cur = []
            else:
                cur.append(line.strip())
    if cur:
        out.append(" ".join(cur))
    return out


def read_markdown(text: str, path: Path, notes_texts: dict[int, str] | None, warnings: list[str]) -> Document:
    lines, raw_defs = _split(text)
    paras = [inline(p) for p in _paragraphs(lines)]
    labels = list(dict.fromkeys(m.group(1) for p in paras for m in _REF.finditer(p)))
    # pandoc prints notes 1, 2, 3… in order; numeric labels are kept when they are the author's numbering
    # (all numbers: 27, 28, …, or restarting at 1 per chapter), otherwise a note's number is its place.
    keep = all(label.isdigit() for label in labels)
    numbers = {label: label if keep else str(i) for i, label in enumerate(labels, 1)}
    body = Body()
    for para in paras:
        body.paragraph()
        pos = 0
        for m in _REF.finditer(para):
            body.add(_unescape(para[pos:m.start()]))
            body.ref(m.group(1), numbers[m.group(1)])
            pos = m.end()
        body.add(_unescape(para[pos:]))
    defs = {k: NoteDef(_unescape(inline(" ".join(_paragraphs(v))))) for k, v in raw_defs.items()}
    return assemble(path, "markdown", body, defs, warnings, notes_texts)
