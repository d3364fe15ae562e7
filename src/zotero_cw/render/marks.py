"""Private-use marks the patched engine emits for quotes and rich text; `finish` turns them into a format.

Working on marks instead of final strings lets quotes nest (“…‘…’…”), punctuation move inside closing
quotes (en-US), italics flip inside italics, and escaping happen once, for every format alike."""

from __future__ import annotations

import html
import re

OQ, CQ = "\ue000", "\ue001"  # open / close quote
IT, IT_END = "\ue010", "\ue011"
BD, BD_END = "\ue012", "\ue013"
SC, SC_END = "\ue014", "\ue015"
SUP, SUP_END = "\ue016", "\ue017"
SUB, SUB_END = "\ue018", "\ue019"
NOCASE, NOCASE_END = "\ue01a", "\ue01b"
ALL = OQ + CQ + IT + IT_END + BD + BD_END + SC + SC_END + SUP + SUP_END + SUB + SUB_END + NOCASE + NOCASE_END

_TAGS = {"i": (IT, IT_END), "em": (IT, IT_END), "b": (BD, BD_END), "strong": (BD, BD_END),
         "sc": (SC, SC_END), "sup": (SUP, SUP_END), "sub": (SUB, SUB_END)}
_TAG_RE = re.compile(r'<(/?)(i|em|b|strong|sc|sup|sub)>|<span class="nocase">|<span style="font-variant:\s*'
                     r'small-caps;?">|</span>', re.I)


def from_markup(text: str) -> str:
    """Field text (CSL-JSON rich text + straight quotes) -> text with marks."""
    stack: list[str] = []

    def tag(m: re.Match[str]) -> str:
        whole = m.group(0).lower()
        if whole.startswith("<span"):
            kind = "nocase" if "nocase" in whole else "sc"
            stack.append(kind)
            return NOCASE if kind == "nocase" else SC
        if whole == "</span>":
            kind = stack.pop() if stack else "nocase"
            return NOCASE_END if kind == "nocase" else SC_END
        opening, closing = _TAGS[m.group(2).lower()]
        return closing if m.group(1) else opening

    if "<" in text:
        text = _TAG_RE.sub(tag, text)
    if '"' in text or "'" in text or "“" in text or "‘" in text:
        text = _quotes(text)
    return text


def _quotes(text: str) -> str:
    # typographic double quotes and straight double quotes -> marks; apostrophes -> ’
    text = text.replace("“", OQ).replace("”", CQ)
    pairs = _single_quote_pairs(text)
    out = []
    depth_open = False
    for i, ch in enumerate(text):
        if ch == '"':
            prev = text[i - 1] if i else " "
            opening = not depth_open if prev.isspace() or prev in "([{" + OQ or i == 0 else False
            if opening:
                depth_open = True
                out.append(OQ)
            else:
                depth_open = False
                out.append(CQ)
        elif ch == "'":
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if i in pairs:  # a quotation in single quotes: a quote mark like any other (citeproc-js)
                out.append(pairs[i])
            elif (prev.isspace() or i == 0 or prev in "([") and nxt.isalnum():
                out.append("‘")
            else:
                out.append("’")
        else:
            out.append(ch)
    return "".join(out)


def _single_quote_pairs(text: str) -> dict[int, str]:
    """Positions of straight single quotes that open and close a quotation ("'quote', …"), not apostrophes
    ("Mikoyan's", "O'Bryan", "the '60s")."""
    out: dict[int, str] = {}
    opening = None
    for i, ch in enumerate(text):
        if ch != "'":
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if (prev.isspace() or prev in "([" + OQ) and nxt.isalpha():
            opening = i
        elif opening is not None and not prev.isspace() and not nxt.isalnum():
            out[opening], out[i] = OQ, CQ
            opening = None
    return out


_PUNCT_IN_QUOTE = re.compile("((?:" + CQ + ")+)([.,])")
_CLOSERS = CQ + IT_END + BD_END + SC_END + SUP_END + SUB_END + NOCASE_END
_DOUBLE_PUNCT = re.compile("([.?!])([" + _CLOSERS + "]*)[.]")


QUOTES = ("“", "”", "‘", "’")  # en-US open, close, open-inner, close-inner


def finish(text: str, fmt: str, *, punctuation_in_quote: bool = True, quotes: tuple[str, ...] = QUOTES) -> str:
    """Resolve marks into plain text, HTML, Markdown or RTF (quotes: the locale's quote terms)."""
    if punctuation_in_quote:
        text = _PUNCT_IN_QUOTE.sub(r"\2\1", text)
    text = _DOUBLE_PUNCT.sub(r"\1\2", text)
    out: list[str] = []
    quote_depth = 0
    italic_depth = 0
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(_escape("".join(buf), fmt))
            buf.clear()

    for ch in text:
        if ch not in ALL:
            buf.append(ch)
            continue
        if ch == OQ:
            buf.append(quotes[0] if quote_depth % 2 == 0 else quotes[2])
            quote_depth += 1
        elif ch == CQ:
            quote_depth = max(quote_depth - 1, 0)
            buf.append(quotes[1] if quote_depth % 2 == 0 else quotes[3])
        else:
            flush()
            if ch == IT:
                out.append(_open_italic(fmt, italic_depth))
                italic_depth += 1
            elif ch == IT_END:
                italic_depth = max(italic_depth - 1, 0)
                out.append(_close_italic(fmt, italic_depth))
            else:
                out.append(_OTHER.get(fmt, {}).get(ch, ""))
    flush()
    result = "".join(out)
    if fmt in ("markdown", "md") and "\x01" in result:
        # roman inside italics: close the outer * before the spaces, reopen after them (CommonMark flanking)
        result = re.sub(r"(\s*)\x01", r"*\1", result)
        result = re.sub(r"\x02(\s*)", r"\1*", result)
    return result


def _escape(text: str, fmt: str) -> str:
    if fmt == "html":
        return html.escape(text, quote=False).replace("&amp;", "&#38;").replace("&lt;", "&#60;") \
            .replace("&gt;", "&#62;")
    if fmt == "rtf":
        return _rtf(text)
    if fmt in ("markdown", "md"):
        return re.sub(r"([\\*_`])", r"\\\1", text)
    return text


def _rtf(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif code > 127:
            if code > 0xFFFF:
                code -= 0x10000
                units = [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]
            else:
                units = [code]
            out.extend(f"\\uc0\\u{u if u < 32768 else u - 65536}{{}}" for u in units)
        elif ch == "\t":
            out.append("\\tab{}")
        else:
            out.append(ch)
    return "".join(out)


def _open_italic(fmt: str, depth: int) -> str:
    roman = depth % 2 == 1
    return {"html": '<span style="font-style:normal;">' if roman else "<i>",
            "rtf": "{\\i0{}" if roman else "{\\i{}",
            "markdown": "\x01" if roman else "*", "md": "\x01" if roman else "*"}.get(fmt, "")


def _close_italic(fmt: str, depth: int) -> str:
    roman = depth % 2 == 1
    close = "\x02" if roman else "*"
    return {"html": "</span>" if roman else "</i>", "rtf": "}", "markdown": close, "md": close}.get(fmt, "")


_OTHER = {
    "html": {BD: "<b>", BD_END: "</b>", SC: '<span style="font-variant:small-caps;">', SC_END: "</span>",
             SUP: "<sup>", SUP_END: "</sup>", SUB: "<sub>", SUB_END: "</sub>"},
    "rtf": {BD: "{\\b{}", BD_END: "}", SC: "{\\scaps ", SC_END: "}", SUP: "\\super ", SUP_END: "\\nosupersub{}",
            SUB: "\\sub ", SUB_END: "\\nosupersub{}"},
    "markdown": {BD: "**", BD_END: "**", SUP: "^", SUP_END: "^", SUB: "~", SUB_END: "~"},
}
_OTHER["md"] = _OTHER["markdown"]
