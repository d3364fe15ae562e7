"""Text helpers: sentence splitting that respects abbreviations, quotes and italics; markup removal."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "p", "pp", "vol", "vols", "no", "nos", "ed", "eds", "trans", "comp", "f", "op", "d", "l", "ll", "ch",
    "chap", "pt", "fol", "fols", "n", "nn", "sec", "para", "col", "fig", "cf", "e.g", "i.e", "al", "etc", "dr",
    "mr", "mrs", "st", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "rev", "repr", "ser", "esp", "approx", "ca", "ob", "s.s.s.r", "ussr", "inc", "co",
}
_INTERESTING = re.compile(r"[.?!“”\"*]")
# A sentence can only end at [.?!] (+ closing marks), white space, then a capital (or any non-ASCII
# letter), a quote, an asterisk or a bracket: without one, the text is one sentence.
_MAY_END = re.compile(r"[.?!][\"”’*)]*\s+(?:[A-Z\"“*(\[]|[^\x00-\x7f])")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
# Signal phrases that introduce a citation; they go to its prefix.
SIGNAL = re.compile(r"\b(?:[Ss]ee(?:,?\s+also)?\b|[Cc]f\.|[Cc]ompare\b|[Ff]or\s+(?:example|instance)\b"
                    r"|[Ee]\.g\.)")
# Signal phrases that stand between commas inside a clause ("This can be seen, for example, in"), and the
# ones that begin a clause of their own ("On trade, see").
PARENTHETICAL_SIGNAL = re.compile(r"[Ff]or\s+(?:example|instance)|[Ee]\.g\.")
# what continues a Russian (GOST) reference after a full stop: a level or a part, then a number
_CONTINUES = re.compile(r"(?:Ф|Оп|Д|Лл|Л|Спр|Арк|Т|С|Сс|Вып|Кн|Ч|П|№)\.?\s*(?:[A-ZР]-?)?\d")
QUOTE_OPEN = "“"
QUOTE_CLOSE = "”"


def strip_markup(text: str) -> str:
    """Remove *italic* markers and squeeze spaces."""
    return " ".join(text.replace("*", "").split())


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(*\"“":
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "A. A. Fursenko"
        return True
    if _INITIALISM.fullmatch(word):  # "U.S", "I.B"
        return True
    return word in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences. A full stop ends one only outside quotes/italics, not after an abbreviation,
    and only when followed by white space and a capital letter, a quote, an asterisk or a bracket."""
    if not _MAY_END.search(text):  # cheap test: no possible sentence end
        return [(0, len(text.rstrip()))] if text.strip() else []
    spans = []
    start = 0
    in_quote = False
    stars = 0
    n = len(text)
    for hit in _INTERESTING.finditer(text):
        i, ch = hit.start(), hit.group()
        if i < start:
            continue
        if ch == QUOTE_OPEN:
            in_quote = True
        elif ch == QUOTE_CLOSE:
            in_quote = False
        elif ch == '"':
            in_quote = not in_quote
        elif ch == "*":
            stars += 1
        elif ch in ".?!":
            j = i + 1
            while j < n and text[j] in "\"”’*)":
                if text[j] in "\"”":
                    in_quote = False
                j += 1
            if j >= n or not text[j].isspace():
                continue
            k = j
            while k < n and text[k].isspace():
                k += 1
            if k >= n or not (text[k].isupper() or text[k] in "\"“*(["):
                continue
            if in_quote and text[i + 1: j].count('"') + text[i + 1: j].count("”") == 0:
                continue
            if ch == "." and _is_abbreviation(text, i):
                continue
            if ch == "." and _CONTINUES.match(text, k):  # GOST: "Оп. 171. Д. 301. Л. 5." is one reference
                continue
            if stars % 2 and "*" not in text[i + 1: j]:
                continue
            spans.append((start, j))
            start = k
            stars = 0
            in_quote = False
    if start < n and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def words(text: str) -> int:
    return len(text.split())
