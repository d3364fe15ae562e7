"""Archival documents captioned in Russian or Ukrainian before their file, as archives' sites and document
editions caption them: the caption is the document's title, its date the document's."""

from __future__ import annotations

import re
from typing import Any

from zotero_cw.models import FULL, SHORT, UNPARSED, Citation, Span
from zotero_cw.parse.dates import CYRILLIC_DATE, parse_date
from zotero_cw.parse.text import words
from zotero_cw.text import has_cyrillic

# an archival document described in Russian or Ukrainian before its file, as archives' sites and document
# editions caption it: "Из стенограммы выступления … на митинге рабочих. 22 июня 1941 г. // Ф. 122, оп. 11, …",
# "Відкритий лист … про Голодомор 1933 р. Авт. 20 грудня 1989 р. ЦДАМЛМ України, ф. 720, …", "… 1967 год. ОГАЧО."
_COPY_WORDS = (r"(?:Авт|Автограф|Копия|Копія|Заверенная\s+копия|Подлинник|Оригинал|Оригінал|Машинопись|Машинопис"
               r"|Рукопись)")
_RUSSIAN_CAPTION = re.compile(
    rf"(?P<title>[«„\"А-ЯЁІЇЄ][^;]*?[^\s.,;])[.,]?\s+(?:{_COPY_WORDS}\.?,?\s+)?"
    rf"(?P<date>{CYRILLIC_DATE}|\d{{4}}\s*(?:год|рік)(?!\w)\.?)\s*(?://|[.,])?\s*")


def described_in_russian(text: str, out: list[Citation]) -> list[Citation]:
    """An untitled archival citation preceded, from the note's start or the last solid citation, by a
    Cyrillic description and its date takes them as its title and issued date. What the labeller made of the
    description on its own (a "citation" of title words and a date only) is taken in."""
    if not has_cyrillic(text):
        return out
    prev = 0
    absorbed: set[int] = set()
    for c in out:
        if c.span is None or _flimsy(c):
            continue
        lead = text[prev: c.span.start]
        titled = c.item.get("title")
        m = None
        if c.kind != FULL or c.item.get("type") != "manuscript":
            pass
        elif titled:  # the labeller took the date into the title: "Докладная записка …, 6 декабря 1941 г. //"
            whole = _RUSSIAN_CAPTION.fullmatch(titled)
            if whole and has_cyrillic(whole.group("title")):
                c.item = {**c.item, "title": whole.group("title"), **_caption_date(whole.group("date"))}
        elif lead.strip():
            m = _RUSSIAN_CAPTION.fullmatch(lead.lstrip(" ;"))
        if m and has_cyrillic(m.group("title")) and words(m.group("title")) >= 2:
            start = prev + len(lead) - len(lead.lstrip(" ;"))
            c.item = {**c.item, "title": m.group("title"), **_caption_date(m.group("date"))}
            absorbed.update(id(u) for u in out if u is not c and u.span and start <= u.span.start
                            and u.span.end <= c.span.start)
            c.span = Span(start, c.span.end)
            c.text = text[start: c.span.end]
        prev = c.span.end
    return [c for c in out if id(c) not in absorbed]


_SOLID = ("container-title", "publisher", "page", "URL", "archive_location", "volume")  # an archive has its files


def _flimsy(c: Citation) -> bool:
    """Unread text, or a reading with nothing but title words, names and a date: a caption's pieces."""
    return c.kind == UNPARSED or (c.kind in (FULL, SHORT) and not c.locator and not any(k in c.item for k in _SOLID))


def _caption_date(written: str) -> dict[str, Any]:
    date = parse_date(re.sub(r"\s*(?:год|рік)\.?$", "", written))
    return {"issued": date} if date else {}
