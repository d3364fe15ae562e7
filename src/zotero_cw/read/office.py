"""Word (.docx) and LibreOffice/OpenDocument (.odt): footnotes and endnotes from the document's own XML, each
marker where its reference stands, italic runs kept as *…*."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from zotero_cw.errors import UserError
from zotero_cw.models import Document
from zotero_cw.read.structured import Body, NoteDef, assemble

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
Piece = tuple[str, bool] | tuple[None, tuple[str, str]]  # (text, italic) or (None, (note id, label))


def _xml(z: zipfile.ZipFile, name: str, path: Path, required: bool = True) -> Any:
    try:
        data = z.read(name)
    except KeyError:
        if required:
            raise UserError(f"{path} is damaged: it has no {name}") from None
        return None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:  # RuntimeError: encrypted member
        raise UserError(f"{path} is damaged or truncated ({name}: {exc})") from None
    except Exception as exc:  # zlib.error on a corrupt deflate stream
        raise UserError(f"{path} is damaged or truncated ({name}: {exc})") from None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UserError(f"{path} is damaged, truncated or encrypted: {name} is not XML ({exc})") from None


def _italic_pieces(pieces: list[Piece]) -> list[Any]:
    """Merge runs and wrap italic stretches in *…* (white space kept outside the asterisks)."""
    out: list[Any] = []
    buf: list[str] = []
    italic = False

    def close() -> None:
        text = "".join(buf)
        buf.clear()
        if not text:
            return
        if italic and text.strip() and "*" not in text:
            core = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            text = f"{lead}*{core}*{trail}"
        out.append(text)

    for text, value in pieces:
        if text is None:
            close()
            out.append(value)
        else:
            if value != italic:
                close()
                italic = bool(value)
            buf.append(text)
    close()
    return out


def _emit(body: Body, pieces: list[Piece]) -> None:
    body.paragraph()
    for p in _italic_pieces(pieces):
        if isinstance(p, tuple):
            body.ref(*p)
        else:
            body.add(p)


def _plain(pieces: list[Piece]) -> str:
    return "".join(p for p in _italic_pieces(pieces) if isinstance(p, str))


# --- Word ---------------------------------------------------------------------------------------------------


def _on(el: Any) -> bool:
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "off", "none")


class _Docx:
    def __init__(self, num_start: int, restart: bool = False) -> None:
        self.start, self.restart = num_start, restart
        self.counts = {"footnote": num_start - 1, "endnote": 0}

    def paragraphs(self, root: Any, notes: bool = False) -> list[list[Piece]]:
        out: list[list[Piece]] = []
        for p in root.iter(f"{W}p"):
            if any(a.tag == f"{W}p" for a in p.iterancestors()):
                continue  # a text box inside a paragraph
            out.append(self.runs(p, notes))
            if self.restart and p.find(f"{W}pPr/{W}sectPr") is not None:
                self.counts["footnote"] = self.start - 1  # footnotes numbered afresh in each section (chapter)
        return out

    def runs(self, p: Any, in_note: bool) -> list[Piece]:
        pieces: list[Piece] = []
        custom_next = False
        for r in p.iter(f"{W}r"):
            if any(a.tag in (f"{W}del", f"{W}txbxContent") for a in r.iterancestors()):
                continue
            rpr = r.find(f"{W}rPr")
            italic = rpr is not None and _on(rpr.find(f"{W}i"))
            for child in r:
                tag = child.tag
                if tag == f"{W}t":
                    if custom_next:
                        custom_next = False
                        last = pieces.pop() if pieces and pieces[-1][0] is None else None
                        if last is not None:
                            pieces.append((None, (last[1][0], child.text or "")))  # type: ignore[index]
                        continue
                    pieces.append((child.text or "", italic))
                elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                    pieces.append((" ", italic))
                elif tag == f"{W}noBreakHyphen":
                    pieces.append(("-", italic))
                elif tag in (f"{W}footnoteReference", f"{W}endnoteReference") and not in_note:
                    kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                    self.counts[kind] += 1
                    pieces.append((None, (f"{kind}:{child.get(f'{W}id')}", str(self.counts[kind]))))
                    custom_next = child.get(f"{W}customMarkFollows") in ("1", "true")  # the mark is the next text
        return pieces


def _read_docx(z: zipfile.ZipFile, path: Path) -> tuple[Body, dict[str, NoteDef], int]:
    doc = _xml(z, "word/document.xml", path)
    settings = _xml(z, "word/settings.xml", path, required=False)
    start, restart = 1, False
    for pr in [*(settings.iter(f"{W}footnotePr") if settings is not None else []), *doc.iter(f"{W}footnotePr")]:
        num = pr.find(f"{W}numStart")
        if num is not None and (num.get(f"{W}val") or "").isdigit():
            start = int(num.get(f"{W}val"))
        again = pr.find(f"{W}numRestart")
        restart = restart or (again is not None and again.get(f"{W}val") == "eachSect")
    reader = _Docx(start, restart)
    body = Body()
    main = doc.find(f"{W}body")
    if main is None:
        raise UserError(f"{path} is damaged: word/document.xml has no body")
    for pieces in reader.paragraphs(main):
        _emit(body, pieces)
    defs: dict[str, NoteDef] = {}
    for kind, name in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
        root = _xml(z, name, path, required=False)
        if root is None:
            continue
        for note in root.iter(f"{W}{kind}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(_plain(p) for p in reader.paragraphs(note, notes=True))
            defs[f"{kind}:{note.get(f'{W}id')}"] = NoteDef(text)
    return body, defs, start


# --- OpenDocument -------------------------------------------------------------------------------------------


def _italic_styles(*roots: Any) -> set[str]:
    parents: dict[str, str] = {}
    italic: set[str] = set()
    for root in roots:
        if root is None:
            continue
        for st in root.iter(f"{STYLE}style"):
            name = st.get(f"{STYLE}name") or ""
            parent = st.get(f"{STYLE}parent-style-name")
            if parent:
                parents[name] = parent
            props = st.find(f"{STYLE}text-properties")
            if props is not None and props.get(f"{FO}font-style") in ("italic", "oblique"):
                italic.add(name)
    for name in list(parents):
        seen, cur = set(), name
        while cur in parents and cur not in seen and cur not in italic:
            seen.add(cur)
            cur = parents[cur]
        if cur in italic:
            italic.add(name)
    return italic


class _Odt:
    BLOCKS = {f"{TEXT}p", f"{TEXT}h"}

    def __init__(self, italic: set[str]) -> None:
        self.italic = italic
        self.defs: dict[str, NoteDef] = {}
        self.count = 0

    def paragraphs(self, root: Any) -> list[list[Piece]]:
        out: list[list[Piece]] = []
        self._walk(root, out)
        return out

    def _walk(self, el: Any, out: list[list[Piece]]) -> None:
        for child in el:
            if child.tag in self.BLOCKS:
                pieces: list[Piece] = []
                self._inline(child, self._is_italic(child, False), pieces)
                out.append(pieces)
            elif child.tag in (f"{TEXT}tracked-changes", f"{TEXT}sequence-decls", f"{OFFICE}forms"):
                continue
            elif isinstance(child.tag, str):
                self._walk(child, out)

    def _is_italic(self, el: Any, inherited: bool) -> bool:
        return inherited or (el.get(f"{TEXT}style-name") or "") in self.italic

    def _inline(self, el: Any, italic: bool, pieces: list[Piece]) -> None:
        if el.text:
            pieces.append((el.text, italic))
        for child in el:
            tag = child.tag
            if tag == f"{TEXT}note":
                self.count += 1
                cite = child.find(f"{TEXT}note-citation")
                label = (cite.get(f"{TEXT}label") or "".join(cite.itertext())).strip() if cite is not None else ""
                note_id = child.get(f"{TEXT}id") or f"note{self.count}"
                nbody = child.find(f"{TEXT}note-body")
                paras = self.paragraphs(nbody) if nbody is not None else []
                self.defs[note_id] = NoteDef(" ".join(_plain(p) for p in paras))
                pieces.append((None, (note_id, label or str(self.count))))
            elif tag == f"{TEXT}s":
                count = child.get(f"{TEXT}c") or "1"
                pieces.append((" " * min(int(count) if count.isdigit() else 1, 100), italic))
            elif tag in (f"{TEXT}tab", f"{TEXT}line-break"):
                pieces.append((" ", italic))
            elif tag in (f"{TEXT}span", f"{TEXT}a", f"{TEXT}meta", f"{TEXT}ruby", f"{TEXT}ruby-base"):
                self._inline(child, self._is_italic(child, italic), pieces)
            if child.tail:
                pieces.append((child.tail, italic))


def _read_odt(z: zipfile.ZipFile, path: Path) -> tuple[Body, dict[str, NoteDef], int]:
    content = _xml(z, "content.xml", path)
    styles = _xml(z, "styles.xml", path, required=False)
    reader = _Odt(_italic_styles(content, styles))
    text = content.find(f"{OFFICE}body/{OFFICE}text")
    if text is None:
        raise UserError(f"{path} is not an OpenDocument text (no office:text in content.xml)")
    body = Body()
    for pieces in reader.paragraphs(text):
        _emit(body, pieces)
    return body, reader.defs, 1


def read_office(raw: bytes, path: Path, fmt: str, notes_texts: dict[int, str] | None) -> Document:
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UserError(f"{path} is a damaged or truncated {fmt.upper()} file: {exc}") from None
    with z:
        body, defs, start = _read_docx(z, path) if fmt == "docx" else _read_odt(z, path)
    return assemble(path, fmt, body, defs, [], notes_texts, start)
