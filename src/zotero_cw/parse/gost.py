"""Russian and Ukrainian references in GOST style: books and articles ("Хрущев Н. С. Воспоминания. М., 1999.",
"Пихоя Р. Г. О борьбе // Новая и новейшая история. 1995. № 6") and newspaper issues ("Союзная мысль. - 1917. -
7 сентября. - № 140. - С. 1."), as labelled spans."""

from __future__ import annotations

import re

from zotero_cw.parse.dates import CYRILLIC_MONTH
from zotero_cw.parse.spans import RuleSpan
from zotero_cw.text import has_cyrillic

# GOST (Russian and Ukrainian) book and article references: "Хрущев Н. С. Воспоминания. М., 1999.", "Пихоя Р. Г.
# О борьбе // Новая и новейшая история. 1995.": at the start of the note, after ";" or after a signal ("См.:"),
# or an English signal ("See"), up to three authors, each a surname with one or two initials, then
# the title, which ends where the imprint (a city, then "," or ":"), "//" (the container) or "/" and a statement
# of responsibility ("/ под ред.", "/ В. Марочко") begins. Nothing is read unless that end is there.
_CYR_UP, _CYR_LOW = "А-ЯЁІЇЄҐ", "а-яёіїєґʼ'’"
_GOST_AUTHOR = rf"[{_CYR_UP}][{_CYR_LOW}]+(?:-[{_CYR_UP}][{_CYR_LOW}]+)?(?:\s+[{_CYR_UP}]\.){{1,2}}"
_GOST_CITY = (r"(?:М|Л|СПб|С\.-Петербург|Пг|К|Киев|Київ|Харьков|Харків|Львів|Львов|Одеса|Одесса|Минск|Мінськ"
              r"|Новосибирск|Екатеринбург|Свердловск|Казань|Томск|Иркутск|Ростов-на-Дону|Вильнюс|Рига|Ташкент|Берлин"
              r"|Париж|Нью-Йорк|Прага)\.?\s*[,:]")
GOST = re.compile(
    rf"(?:^\s*|;\s+|(?:[Сс]м\.(?:\s+также)?|[Цц]ит\.\s+по|[Пп]одробнее\s+см\.|[Сс]р\.|(?<!\w)(?:[Ss]ee(?:\s+also)?|[Cc]f\.)):?\s+)"
    rf"(?P<author>{_GOST_AUTHOR}(?:,\s+{_GOST_AUTHOR}){{0,2}})\s+"
    rf"(?P<title>[{_CYR_UP}«\"0-9][^/;]{{1,240}}?)\.?\s*(?=//|/\s+(?:[{_CYR_LOW}]|[{_CYR_UP}]\.)|(?<=\.)\s*{_GOST_CITY}|[.]\s+{_GOST_CITY})")


_GOST_CONTAINER = re.compile(r"\s*(?P<slashes>//)\s*(?P<container>[^;/]{1,120}?)\.\s*\d{4}\.?\s*"
                             r"(?:(?:Т|Вып)\.\s*\d+\.\s*)?(?P<issue>№\s*\d+(?:[–-]\d+)?)?")


_GOST_SLASH = re.compile(r"\.?\s*(?P<slash>/)(?!/)")
_NAME_WITH_INITIAL = re.compile(rf"[{_CYR_UP}][{_CYR_LOW}]+\s+[{_CYR_UP}]\.")


# a newspaper issue as GOST gives it: "Союзная мысль. - 1917. - 7 сентября. - № 140. - С. 1.", "Літературна
# Україна. – 1988. – 15 вересня" — the paper, the year, the day(s), the number, the page
_DASH = r"\s*[-–—]\s*"
_GOST_PRESS = re.compile(
    rf"(?:^|(?<=[;:]\s))(?P<paper>[А-ЯЁІЇЄ][^.;:–—-]{{1,60}}?)\.{_DASH}(?P<year>\d{{4}})\."
    rf"{_DASH}(?P<day>\d{{1,2}}(?:,\s*\d{{1,2}})*\s+(?:{CYRILLIC_MONTH})(?:,\s*\d{{1,2}}(?:,\s*\d{{1,2}})*\s+"
    rf"(?:{CYRILLIC_MONTH}))*)\.?(?:{_DASH}(?P<issue>№\s*\d+)\.?)?(?:{_DASH}(?P<page>[СC]\.\s*\d+(?:[–-]\d+)?)\.?)?")


_DASH_TOKEN = re.compile(r"(?<!\S)[-–—](?!\S)")  # the dashes between a GOST reference's elements


def gost_press_spans(text: str) -> list[RuleSpan]:
    if "–" not in text and "-" not in text and "—" not in text:
        return []
    out = []
    for m in _GOST_PRESS.finditer(text):
        out += [RuleSpan(d.start(), d.end(), "other") for d in _DASH_TOKEN.finditer(text, m.start(), m.end())]
        for name, label in (("paper", "container-title"), ("year", "date"), ("day", "date"), ("issue", "issue"),
                            ("page", "locator")):
            if m.group(name):
                out.append(RuleSpan(m.start(name), m.end(name) + 1, label))
    return out


def gost_spans(text: str) -> list[RuleSpan]:
    """The author and title of each GOST reference in the note."""
    if not has_cyrillic(text):
        return []
    out = []
    for m in GOST.finditer(text):
        if m.group("author").count(".") == 1 and _NAME_WITH_INITIAL.match(m.group("title")):
            continue  # "Телеграма Й. Сталіна Л. Кагановичу …": a document and its people, not an author
        out.append(RuleSpan(m.start("author"), m.end("author"), "author"))
        out.append(RuleSpan(m.start("title"), m.end("title"), "title"))
        slash = _GOST_SLASH.match(text, m.end())
        if slash:  # "/ под ред. В. П. Данилова": the statement of responsibility names the editors
            out.append(RuleSpan(slash.start("slash"), slash.end("slash"), "editor"))
        rest = _GOST_CONTAINER.match(text, m.end())
        if rest:  # "// Новая и новейшая история. 1995. № 6": the journal, its year and issue
            out.append(RuleSpan(rest.start("slashes"), rest.end("container"), "container-title"))
            if rest.group("issue"):
                out.append(RuleSpan(rest.start("issue"), rest.end("issue"), "issue"))
    return out
