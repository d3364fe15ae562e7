"""PDF: characters with font, size and position (pypdfium2, PDFium's text layer) → page text the layout reader
takes: body paragraphs with superscript markers as ¹²³, then that page's footnotes as "N. text", page by page.

Footnotes are found by layout: the lines below the short rule that separates them from the body, or else a
block of smaller type at the page bottom, each note starting with its number (raised or not). Markers are
digits set smaller and raised in body lines. Italics come from the font (Italic/Oblique); hyphens at line
ends are undone; lines are read top to bottom, column by column on two-column pages.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from zotero_cw.errors import UserError
from zotero_cw.models import Document
from zotero_cw.read.markers import TO_SUPER
from zotero_cw.read.text import PAGE_BREAK, read_text_document

_ITALIC_NAME = re.compile(r"italic|oblique|-it$|-ital|slanted", re.IGNORECASE)
_NOTE_NUMBER = re.compile(r"^(\d{1,4})(?:\.\s*|\s+)(?=\S)")


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    base: float  # baseline, from the top of the page
    size: float
    italic: bool


@dataclass
class Line:
    chars: list[Char] = field(default_factory=list)
    base: float = 0.0
    size: float = 0.0
    x0: float = float("inf")
    x1: float = float("-inf")

    def add(self, c: Char) -> None:
        self.chars.append(c)
        if c.size > self.size or not self.size:
            self.size, self.base = c.size, c.base
        self.x0, self.x1 = min(self.x0, c.x0), max(self.x1, c.x1)

    def fits(self, c: Char) -> bool:
        """Does c share this line (vertical overlap of the letters' extents; superscripts included)?"""
        lo, hi = max(self.base - 0.75 * self.size, c.base - 0.75 * c.size), min(self.base, c.base)
        return hi - lo > 0.4 * min(self.size, c.size) * 0.75


# --- characters -----------------------------------------------------------------------------------------------


def _page_chars(page: pdfium.PdfPage) -> list[Char]:
    tp = page.get_textpage()
    height = page.get_height()
    count = tp.count_chars()
    out: list[Char] = []
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    box = pdfium_raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    fonts: dict[bytes, bool] = {}
    raw = tp.raw
    for i in range(count):
        u = pdfium_raw.FPDFText_GetUnicode(raw, i)
        if u in (0, 0xFFFE, 0xFFFF, 13, 10):
            continue
        if u == 2:  # PDFium's mark for a hyphen ending a line
            u = 0x2D
        size = pdfium_raw.FPDFText_GetFontSize(raw, i)
        if size <= 0:
            continue
        pdfium_raw.FPDFText_GetLooseCharBox(raw, i, box)  # the advance width, not the glyph's ink
        pdfium_raw.FPDFText_GetCharOrigin(raw, i, ox, oy)
        pdfium_raw.FPDFText_GetFontInfo(raw, i, buf, 128, flags)
        name = buf.value
        italic = fonts.get(name)
        if italic is None:
            italic = fonts[name] = bool(_ITALIC_NAME.search(name.decode("latin-1"))) or bool(flags.value & 64)
        out.append(Char(chr(u), box.left, max(box.right, box.left), height - oy.value, size, italic))
    tp.close()
    return out


def _rules(page: pdfium.PdfPage) -> list[tuple[float, float, float]]:
    """Thin horizontal strokes (footnote separators): (top from the page top, x0, x1)."""
    height = page.get_height()
    out = []
    for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < 2 and right - left > 20:
            out.append((height - top, left, right))
    return out


def _lines(chars: list[Char]) -> list[Line]:
    lines: list[Line] = []
    for c in chars:
        if lines and (lines[-1].fits(c) and c.x0 >= lines[-1].chars[-1].x0 - 1):
            lines[-1].add(c)
            continue
        # a character may return to an earlier line (content order is not always reading order)
        for line in lines[-4:-1]:
            if line.fits(c) and c.x0 >= line.chars[-1].x0 - 1:
                line.add(c)
                break
        else:
            line = Line()
            line.add(c)
            lines.append(line)
    return [ln for ln in lines if any(not c.text.isspace() for c in ln.chars)]


_FOLIO = re.compile(r"^\s*(\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})\s*$")


def _drop_folios(lines: list[Line]) -> list[Line]:
    """The page number: a line of a number alone, the page's first or last."""
    if len(lines) < 3:
        return lines
    ordered = sorted(lines, key=_by_base)
    drop = {id(ln) for ln in (ordered[0], ordered[-1])
            if _FOLIO.match("".join(c.text for c in sorted(ln.chars, key=lambda c: c.x0)))}
    return [ln for ln in lines if id(ln) not in drop]


def _columns(lines: list[Line], width: float) -> list[list[Line]]:
    """Reading order: groups of lines each read top to bottom — on a two-column page, the lines across both
    columns above them (a title), the left column, the right column, then anything across below."""
    mid = width / 2
    left = [ln for ln in lines if ln.x1 < mid + 5]
    right = [ln for ln in lines if ln.x0 > mid - 5]
    if len(left) >= 5 and len(right) >= 5 and len(left) + len(right) >= 0.8 * len(lines):
        sides = {id(ln) for ln in left + right}
        full = [ln for ln in lines if id(ln) not in sides]
        first = min(x.base for x in left + right)
        top = [ln for ln in full if ln.base < first]
        rest = [ln for ln in full if ln.base >= first]
        groups = [top, left, right, rest]
        return [sorted(g, key=_by_base) for g in groups if g]
    return [sorted(lines, key=_by_base)]


def _by_base(line: Line) -> float:
    return line.base


# --- text of a line -------------------------------------------------------------------------------------------


def _pieces(line: Line, super_ok: bool = True) -> list[tuple[str, bool]]:
    """(text, italic) runs of a line: spaces where the letters are apart, raised small digits as ¹²³."""
    chars = sorted(line.chars, key=lambda c: c.x0)
    out: list[tuple[str, bool]] = []
    prev: Char | None = None
    for c in chars:
        raised = c.size < 0.85 * line.size and c.base < line.base - 0.15 * line.size
        text = c.text
        if raised and super_ok and text.isdigit():
            text = text.translate(TO_SUPER)
        if prev is not None and not prev.text.isspace() and not text.isspace():
            gap = c.x0 - prev.x1  # letters of a ligature ("ff") share one box: a negative gap
            if gap > 0.25 * (line.size if raised else min(c.size, prev.size)):
                out.append((" ", c.italic and prev.italic))
        out.append((text, c.italic and not text.isspace()))
        prev = c
    return out


def _italics(pieces: list[tuple[str, bool]]) -> str:
    """Join runs, wrapping italic stretches in *…*; spaces between italic words stay inside."""
    text = []
    cur: list[str] = []
    state = False
    for i, (t, it) in enumerate(pieces):
        if t.isspace():
            # a space is italic when the letters on both sides are
            nxt = next((p for p in pieces[i + 1:i + 3] if not p[0].isspace()), None)
            it = state and nxt is not None and nxt[1]
        if it != state:
            _flush(text, cur, state)
            state = it
        cur.append(t)
    _flush(text, cur, state)
    return "".join(text)


def _flush(out: list[str], cur: list[str], italic: bool) -> None:
    s = "".join(cur)
    cur.clear()
    if italic and s.strip() and "*" not in s and any(ch.isalnum() for ch in s):
        core = s.strip()
        out.append(s[: len(s) - len(s.lstrip())] + f"*{core}*" + s[len(s.rstrip()):])
    else:
        out.append(s)


def _join(lines: list[list[tuple[str, bool]]], words: set[str]) -> list[tuple[str, bool]]:
    """Lines of one paragraph into one run list; a typesetter's hyphen at a line end is undone."""
    out: list[tuple[str, bool]] = []
    for pieces in lines:
        while pieces and pieces[-1][0].isspace():
            pieces = pieces[:-1]
        while pieces and pieces[0][0].isspace():
            pieces = pieces[1:]
        if not pieces:
            continue
        if out:
            last = out[-1][0]
            if last.endswith(("-", "\u00ad")):  # joined without a space; a typesetter's hyphen is dropped
                before = "".join(t for t, _ in out[-12:])[:-1]
                after = "".join(t for t, _ in pieces[:12])
                if last.endswith("\u00ad") or before[-1:].isalpha() and after[:1].islower() \
                        and not _keep_hyphen(before, after, words):
                    out[-1] = (last[:-1], out[-1][1])
            elif last.endswith(("‐", "–", "—", "/")):
                pass
            else:
                out.append((" ", out[-1][1] and pieces[0][1]))
        out.extend(pieces)
    return out


# --- page layout ----------------------------------------------------------------------------------------------


@dataclass
class _Doc:
    body_size: float
    last_note: int = 0
    words: set[str] = field(default_factory=set)  # words seen whole (not at a line's ends): for hyphens
    raised_numbers: bool = False  # notes open with a raised number (as Word and LibreOffice set them)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


_SUFFIX = re.compile(r"(ments?|tions?|sions?|ness(es)?|ings?|ly|ity|ities|ances?|ences?|able|ible|ful|less|ous|ives?"
                     r"|al|ally|ed|ers?|es|est|ists?|isms?|i[sz]e[ds]?|ations?|ic|ical|ary|ory|ures?|ship|wards?)$")


def _vocabulary(lines: list[Line]) -> set[str]:
    """Words seen whole: all but a word broken by a hyphen at a line's end and its rest on the next line."""
    out: set[str] = set()
    broken = False
    for ln in lines:
        text = "".join(c.text for c in sorted(ln.chars, key=lambda c: c.x0)).rstrip()
        words = _WORD.findall(text)
        ends_broken = text.endswith(("-", "\u00ad"))
        for w in words[1 if broken else 0: -1 if ends_broken else None]:
            out.add(w.lower())
            out.update(part.lower() for part in w.split("-"))
        broken = ends_broken
    return out


def _keep_hyphen(before: str, after: str, words: set[str]) -> bool:
    """A hyphen ending a line: part of the word ("power-political": both halves are words and the joined
    form is not), or the typesetter's (corpo-ration)?"""
    a = _WORD.findall(before)
    b = _WORD.findall(after)
    if not a or not b:
        return True
    head, tail = a[-1].split("-")[-1].lower(), b[0].split("-")[0].lower()
    if (head + tail) in words:
        return False
    if f"{head}-{tail}" in words or (head in words and tail in words):
        return True
    # a whole word before the hyphen and, after it, not a mere ending ("independent-minded", "develop-ment")
    return head in words and len(head) >= 4 and not _SUFFIX.match(tail)


def _note_start(line: Line, doc: _Doc) -> tuple[int, int] | None:
    """(note number, characters it takes) when the line opens a note: a raised number, or a number that
    continues the numbering followed by a period or a space."""
    chars = sorted(line.chars, key=lambda c: c.x0)
    digits = ""
    raised = True
    for c in chars:
        if not c.text.isdigit():
            break
        digits += c.text
        raised = raised and c.size < 0.85 * line.size and c.base < line.base - 0.1 * line.size
    if not digits or len(digits) > 4:
        return None
    n = int(digits)
    rest = "".join(c.text for c in chars[len(digits):len(digits) + 2])
    if len(rest) < 2 or rest.isspace():
        return None  # a number alone on a line ("12–" / "13.") continues a note
    if raised:
        doc.raised_numbers = True
        return n, len(digits)
    if doc.raised_numbers:
        return None  # this document sets note numbers raised: a plain number is text
    if rest[:1] in (".", " ", "\u00a0") and (doc.last_note < n <= doc.last_note + 5 or n == 1) \
            or (rest[:1] == "." and not doc.last_note):
        return n, len(digits)
    return None


def _split_notes_area(lines: list[Line], rules: list[tuple[float, float, float]], text_width: float,
                      doc: _Doc) -> int:
    """Index of the first footnote line of the column (len(lines) when none)."""
    if not lines:
        return 0
    text_left = min(ln.x0 for ln in lines)
    for top, x0, x1 in sorted(rules):
        if x1 - x0 < 0.6 * text_width and abs(x0 - text_left) < 20:
            below = [i for i, ln in enumerate(lines) if ln.base - ln.size * 0.8 > top]
            if below and below[0] > 0 and all(i >= below[0] for i in below):
                return below[0]
    # no rule: trailing lines in smaller type, starting with a note number
    i = len(lines)
    while i > 0 and lines[i - 1].size < 0.92 * doc.body_size:
        i -= 1
    while i < len(lines) and _note_start(lines[i], doc) is None:
        i += 1
    # endnotes: from the first line that opens with a raised number (a marker never starts a line)
    for j in range(i):
        if _opens_raised(lines[j]) and _note_start(lines[j], doc) is not None:
            return j
    return i


def _opens_raised(line: Line) -> bool:
    first = min(line.chars, key=lambda c: c.x0)
    return first.text.isdigit() and first.size < 0.85 * line.size and first.base < line.base - 0.1 * line.size


def _endnote_number(line: Line, last: int) -> int | None:
    """A line opening "12 Text" (or "12. Text") that continues the note numbering: an endnote's first line."""
    text = "".join(c.text for c in sorted(line.chars, key=lambda c: c.x0)[:8])
    m = _NOTE_NUMBER.match(text)
    if m and int(m.group(1)) in (last + 1, last + 2) and text[m.end():m.end() + 1].isupper():
        return int(m.group(1))
    return None


def _paragraphs(lines: list[Line], doc: _Doc | None = None) -> list[list[Line]]:
    """Body lines into paragraphs: a new one after a wider gap, at an indent, at a change of type size, or at
    the next endnote's number."""
    if not lines:
        return []
    last = doc.last_note if doc is not None and not doc.raised_numbers else None
    gaps = [b.base - a.base for a, b in zip(lines, lines[1:], strict=False) if 0 < b.base - a.base < 3 * a.size]
    spacing = median(gaps) if gaps else lines[0].size * 1.2
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = max(ln.x1 for ln in lines)
    out: list[list[Line]] = [[lines[0]]]
    for prev, ln in zip(lines, lines[1:], strict=False):
        gap = ln.base - prev.base
        indented = ln.x0 > left + 0.8 * ln.size and prev.x1 < right - 2 * ln.size
        endnote = _endnote_number(ln, last) if last is not None else None
        if endnote is not None:
            last = endnote
        new = (gap > 1.45 * spacing or gap < 0 or abs(ln.size - prev.size) > 1 or indented or endnote is not None
               or ln.x0 > left + 0.8 * ln.size and abs(ln.x0 - prev.x0) > 0.8 * ln.size)
        if new:
            out.append([ln])
        else:
            out[-1].append(ln)
    return out


def _page_text(groups: list[list[Line]], rules: list[tuple[float, float, float]], width: float,
               doc: _Doc) -> str:
    return "\n\n".join(t for t in (_column_text(g, rules, width, doc) for g in groups) if t)


def _column_text(lines: list[Line], rules: list[tuple[float, float, float]], width: float, doc: _Doc) -> str:
    """One column (or a whole single-column page): its body paragraphs, then its footnotes as "N. text"."""
    if not lines:
        return ""
    x0, x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    mine = [r for r in rules if r[1] >= x0 - 20 and r[2] <= x1 + 20]
    split = _split_notes_area(lines, mine, x1 - x0, doc)
    paras = []
    for p in _paragraphs(lines[:split], doc):
        text = "".join(_italics(_join([_pieces(ln) for ln in p], doc.words)))
        m = _NOTE_NUMBER.match(text)
        if m and not doc.raised_numbers and int(m.group(1)) in (doc.last_note + 1, doc.last_note + 2) \
                and text[m.end():].lstrip("*“\"‘'(")[:1].isupper():
            doc.last_note = int(m.group(1))  # an endnote set "12 Text": the layout reader takes "12. Text"
            text = f"{m.group(1)}. {text[m.end():]}"
        paras.append(text)
    notes: list[list[list[tuple[str, bool]]]] = []
    for ln in lines[split:]:
        start = _note_start(ln, doc)
        pieces = _pieces(ln, super_ok=False)
        if start is not None:
            n, used = start
            doc.last_note = n
            rest = pieces[used:]
            while rest and (rest[0][0].isspace() or rest[0][0] in ".\u00a0"):
                rest = rest[1:]
            notes.append([[(f"{n}. ", False)], rest])
        elif notes:
            notes[-1].append(pieces)
        else:
            notes.append([[], pieces])  # a note continued from the last page or column
    for note in notes:
        head, *rest = note
        paras.append("".join(t for t, _ in head) + _italics(_join(rest, doc.words)))
    return "\n\n".join(p for p in paras if p.strip())


def _open(raw: bytes, path: Path) -> pdfium.PdfDocument:
    if b"%%EOF" not in raw[-4096:]:
        raise UserError(f"{path} is a truncated PDF (no end-of-file marker): download or export it again")
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UserError(f"{path} is an encrypted (password-protected) PDF: save an unprotected copy "
                            "(e.g. qpdf --decrypt --password=... IN OUT) and read that") from None
        raise UserError(f"{path} is a damaged PDF that cannot be opened ({exc})") from None


def pdf_text(raw: bytes, path: Path) -> tuple[str, int]:
    """The page text of a PDF (pages separated by form feeds) and its page count."""
    pdf = _open(raw, path)
    try:
        pages = [(_page_chars(page), _rules(page), page.get_width()) for page in pdf]
    finally:
        pdf.close()
    sizes = Counter(round(c.size, 1) for chars, _, _ in pages for c in chars if not c.text.isspace())
    if sum(sizes.values()) < 20 * max(1, len(pages)) // 10 + 10:
        raise UserError(f"{path}: no text layer (a scanned PDF?): run OCR first, e.g. ocrmypdf {path.name} "
                        f"{path.stem}-ocr.pdf")
    laid = [(_columns(_drop_folios(_lines(chars)), width), rules, width) for chars, rules, width in pages]
    doc = _Doc(sizes.most_common(1)[0][0],
               words=_vocabulary([ln for groups, _, _ in laid for g in groups for ln in g]))
    texts = [_page_text(groups, rules, width, doc) for groups, rules, width in laid]
    return f"\n\n{PAGE_BREAK}\n\n".join(texts), len(pages)


def read_pdf(raw: bytes, path: Path, notes_texts: dict[int, str] | None) -> Document:
    text, _ = pdf_text(raw, path)
    return read_text_document(text, path, notes_texts, [], "pdf")
