"""Web pages: notes linked by anchors (`<a href="#fn12"><sup>12</sup></a>` → the element with id/name fn12),
as pandoc, Word's "Save as HTML" and online journals write them; or, with no links, `<sup>` markers and a
"Notes" list, read as page text. `<i>`/`<em>` become *…*.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from zotero_cw.errors import UserError
from zotero_cw.models import Document
from zotero_cw.read.markers import TO_SUPER
from zotero_cw.read.structured import Body, NoteDef, assemble

BLOCK = {"p", "div", "li", "ol", "ul", "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
         "section", "article", "aside", "header", "footer", "main", "table", "tr", "td", "th", "thead", "tbody",
         "figure", "figcaption", "pre", "hr", "address", "details", "summary", "body", "html", "caption"}
SKIP = {"script", "style", "head", "nav", "noscript", "template", "button", "form", "select", "svg", "iframe",
        "object", "title", "meta", "link"}
ITALIC = {"i", "em", "cite"}
_LABEL = re.compile(r"^\W*?(\d{1,4})\W*$")
_NOTES_HEADING = re.compile(r"^\s*(end\s*notes|foot\s*notes|notes|примечания|注)\s*:?\s*$", re.IGNORECASE)
_BACK = re.compile(r"^[\s↩↑^⤴︎\u21a9\ufe0e]*$")
_LEAD_NUMBER = re.compile(r"^\s*\[?\(?\d{1,4}[.)\]]?\s+")
_WS = re.compile(r"\s+")


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


class _Ref:
    def __init__(self, note_id: str, label: str) -> None:
        self.note_id, self.label = note_id, label


def _inline(el: Any, refs: dict[Any, _Ref], skip: set[Any], out: list[Any], sup_as_super: bool) -> None:
    """Append el's inline content (strings, _Ref) to out; italics as *…*; `skip` elements left out."""
    tag = _tag(el)
    if el in skip or tag in SKIP or not tag:
        return
    if el in refs:
        out.append(refs[el])
        return
    if tag == "br":
        out.append(" ")
        return
    sub: list[Any] = []
    if el.text:
        sub.append(el.text)
    for child in el:
        _inline(child, refs, skip, sub, sup_as_super)
        if child.tail:
            sub.append(child.tail)
    if tag in ITALIC and any(isinstance(t, str) and t.strip() for t in sub):
        text = "".join(t for t in sub if isinstance(t, str))
        if all(isinstance(t, str) for t in sub):
            lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.DOTALL).groups()  # type: ignore[union-attr]
            sub = [lead, f"*{core}*", trail] if "*" not in core else [text]
        else:
            sub = ["*", *sub, "*"]
    elif tag == "sup" and sup_as_super:
        text = "".join(t for t in sub if isinstance(t, str)).strip()
        if text.isdigit() and len(sub) == len([t for t in sub if isinstance(t, str)]):
            sub = [text.translate(TO_SUPER)]
    out.extend(sub)


class _Walker:
    """Splits a page into paragraphs of inline tokens, block by block."""

    def __init__(self, refs: dict[Any, _Ref], skip: set[Any], sup_as_super: bool, list_numbers: bool) -> None:
        self.refs, self.skip, self.sup, self.numbers = refs, skip, sup_as_super, list_numbers
        self.paras: list[list[Any]] = []
        self.cur: list[Any] = []

    def flush(self) -> None:
        if any((isinstance(t, str) and t.strip()) or isinstance(t, _Ref) for t in self.cur):
            self.paras.append(self.cur)
        self.cur = []

    def walk(self, el: Any, number: int | None = None) -> None:
        tag = _tag(el)
        if el in self.skip or tag in SKIP or not tag:
            return
        if tag not in BLOCK:
            _inline(el, self.refs, self.skip, self.cur, self.sup)
            return
        self.flush()
        if number is not None and self.numbers:
            self.cur.append(f"{number}. ")
        if el.text:
            self.cur.append(el.text)
        start = int(el.get("start", "1")) if tag == "ol" and (el.get("start") or "1").isdigit() else 1
        i = 0
        for child in el:
            if tag == "ol" and _tag(child) == "li":
                self.walk(child, start + i)
                i += 1
            else:
                self.walk(child)
            if child.tail:
                if _tag(child) in BLOCK:
                    self.flush()
                self.cur.append(child.tail)
        self.flush()


def _target_id(a: Any) -> str | None:
    href = a.get("href") or ""
    return href.split("#", 1)[1] if "#" in href and not href.startswith(("http:", "https:")) or \
        href.startswith("#") else None


def _note_block(el: Any) -> Any:
    """The block holding a note target: itself when a block, else its nearest block ancestor."""
    while el is not None and _tag(el) not in BLOCK - {"body", "html"}:
        el = el.getparent()
    return el


def _find_links(root: Any) -> tuple[dict[Any, _Ref], dict[str, Any]]:
    """Note references (links with a number as their text to an element holding text) and their notes."""
    anchors: dict[str, Any] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("id", "name"):
            value = el.get(attr)
            if value and value not in anchors:
                anchors[value] = el
    order = {el: i for i, el in enumerate(root.iter())}
    found: dict[Any, tuple[str, str, Any]] = {}  # link → (target, label, note block)
    for a in root.iter("a"):
        target = _target_id(a)
        m = _LABEL.match(a.text_content() or "")
        if not target or target not in anchors or not m:
            continue
        block = _note_block(anchors[target])
        if block is None or _tag(block) in {"h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}:
            continue
        if block is a or block in a.iterancestors():
            continue  # a link inside its own target
        found[a] = (target, m.group(1), block)
    refs: dict[Any, _Ref] = {}
    blocks: dict[str, Any] = {}
    for a, (target, label, block) in found.items():
        back = found.get(anchors[target])
        if back is not None and (back[2] is a or a in back[2].iterdescendants()) and order[a] > order[anchors[target]]:
            continue  # the note's link back to its reference ("[1]" in Word's HTML), not a reference
        parent = a.getparent()
        if parent is not None and _tag(parent) == "sup" and len(parent) == 1 and not (parent.text or "").strip():
            ref_el = parent  # <sup><a>12</a></sup>: the whole sup is the marker
        else:
            ref_el = a
        refs[ref_el] = _Ref(target, label)
        blocks[target] = block
    return refs, blocks


def _note_text(block: Any, refs: dict[Any, _Ref], backs: set[Any]) -> str:
    out: list[Any] = []
    w = _Walker({}, backs, False, False)
    w.walk(block)
    for para in w.paras:
        out.append("".join(t for t in para if isinstance(t, str)))
    text = _WS.sub(" ", " ".join(out)).strip()
    return _LEAD_NUMBER.sub("", text, count=1)


def _back_links(blocks: dict[str, Any]) -> set[Any]:
    """Links inside notes that lead back to the text (↩, "^", or the note's own number): not note text."""
    out = set()
    for block in blocks.values():
        for a in block.iter("a"):
            text = a.text_content() or ""
            cls = a.get("class") or ""
            if "back" in cls or a.get("role") == "doc-backlink" or _BACK.match(text) or \
                    (_target_id(a) and _LABEL.match(text)):
                out.add(a)
    return out


def _notes_headings(root: Any, blocks: dict[str, Any]) -> set[Any]:
    return {h for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "b")
            if _NOTES_HEADING.match(h.text_content() or "") and len(h.text_content()) < 30}


def _push(body: Body, para: list[Any]) -> None:
    body.paragraph()
    pending = ""
    started = False
    for t in para:
        if isinstance(t, _Ref):
            if pending:
                body.add(pending)
                pending = ""
            body.ref(t.note_id, t.label)
            started = True
            continue
        text = _WS.sub(" ", t)
        if not started:
            text = text.lstrip()
            started = bool(text)
        pending += text
        if pending.endswith(" "):
            body.add(pending.rstrip(" ") + " " if pending.strip() else "")
            pending = ""
    if pending.rstrip():
        body.add(pending.rstrip())


def read_html(text: str, path: Path, notes_texts: dict[int, str] | None, warnings: list[str]) -> Document:
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UserError(f"{path} cannot be read as HTML: {exc}") from None
    for bad in root.iter(etree.Comment, etree.ProcessingInstruction):
        bad.getparent().remove(bad) if bad.getparent() is not None else None
    refs, blocks = _find_links(root)
    if refs:
        backs = _back_links(blocks)
        defs = {t: NoteDef(_note_text(b, refs, backs)) for t, b in blocks.items()}
        skip = set(blocks.values()) | _notes_headings(root, blocks)
        w = _Walker(refs, skip, True, False)
        w.walk(root)
        body = Body()
        for para in w.paras:
            _push(body, para)
        return assemble(path, "html", body, defs, warnings, notes_texts)
    # No linked notes: the page as text (<sup> digits as superscripts, list items numbered), read by layout.
    from zotero_cw.read.text import read_text_document

    w = _Walker({}, set(), True, True)
    w.walk(root)
    page = "\n\n".join(_WS.sub(" ", "".join(t for t in p if isinstance(t, str))).strip() for p in w.paras)
    problem = (f"no notes found in {path}: the page has no linked notes, no superscript note numbers and "
               "no numbered notes list")
    try:
        doc = read_text_document(page, path, notes_texts, warnings, "html")
    except UserError:
        raise UserError(problem) from None
    if not any(n.marker for n in doc.notes):  # a numbered list nothing in the text refers to is not notes
        raise UserError(problem)
    return doc
