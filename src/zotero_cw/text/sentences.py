"""Sentence ends, two ways: in a document's prose (`boundaries`, to show the sentence a note marker annotates)
and in a note (`split_sentences`, which also respects quotes, italics and GOST references).

The two read full stops differently (prose: an initial is one capital letter; a note: any letter, and an
initialism such as "U.S"), so each has its abbreviation list: the words both know, and the ones only one knows
(a note's "etc." or "trans." are not a prose sentence's, where "etc." often ends one).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that end in a period without ending a sentence, in prose and in notes.
ABBREVIATIONS = frozenset(
    """mr mrs dr st no nos vol vols p pp ed eds col cf inc co fig ch op al e.g i.e u.s u.k u.n
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
PROSE_ABBREVIATIONS = ABBREVIATIONS | {"ms", "gen", "lt", "jr", "sr", "vs", "corp", "ltd", "cit", "u.s.s.r"}
NOTE_ABBREVIATIONS = ABBREVIATIONS | {
    "trans", "comp", "f", "d", "l", "ll", "chap", "pt", "fol", "fols", "n", "nn", "sec", "para", "etc", "rev",
    "repr", "ser", "esp", "approx", "ca", "ob", "s.s.s.r", "ussr", "fed", "reg", "stat", "e.o", "pub",
}

# --- prose ----------------------------------------------------------------------------------------------------
CLOSERS = "”\"’')]*"
GONE = "\x00"  # a removed marker character: keeps offsets, vanishes from what is shown
_BOUNDARY = re.compile(r"[.!?…][" + re.escape(CLOSERS) + r"]*\x00*(?=\s+[“\"‘'(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _prose_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` ends an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if len(word) == 1 and text[dot - 1].isupper():  # an initial: "John F. Kennedy"
        return True
    return word in PROSE_ABBREVIATIONS


def boundaries(text: str, paragraphs: bool = True) -> list[int]:
    """Offsets where the sentences of prose end (just after closing punctuation; paragraph breaks too), in order."""
    ends = [m.end() for m in _BOUNDARY.finditer(text) if not _prose_abbreviation(text, m.start())]
    if paragraphs:
        ends.extend(m.start() for m in _PARAGRAPH.finditer(text))
        ends.sort()
    return ends


# --- notes ----------------------------------------------------------------------------------------------------
_INTERESTING = re.compile(r"[.?!“”\"*]")
# A sentence can only end at [.?!] (+ closing marks), white space, then a capital (or any non-ASCII
# letter), a quote, an asterisk or a bracket: without one, the text is one sentence.
_MAY_END = re.compile(r"[.?!][\"”’*)]*\s+(?:[A-Z\"“*(\[]|[^\x00-\x7f])")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
# what continues a Russian (GOST) reference after a full stop: a level or a part, then a number
# (or the level's word written out: "Оп. 1. Дело 234. Лист 5.")
_CONTINUES = re.compile(r"(?:Ф|Фонд|Оп|Опись|Опис|Д|Дело|Справа|Лл|Л|Лист|Листы|Спр|Арк|Аркуш|Т|С|Сс|Вып|Кн|Ч|П|№)\.?"
                        r"\s*(?:[A-ZР]-?)?\d")
QUOTE_OPEN = "“"
QUOTE_CLOSE = "”"


def _note_abbreviation(text: str, dot: int) -> bool:
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
    return word in NOTE_ABBREVIATIONS


_OMISSION = re.compile(r"(?<![.\s])\s?\.\s?\.\s?\.$")  # ". . ." or "...", not the four dots of ". . . ."


def _omission(text: str, dot: int) -> bool:
    """True when the period at `dot` ends an ellipsis of three dots: an omission inside a sentence (Chicago
    13.53), as "…" is; a sentence that ends in an omission has four ("… the end. . . . Next")."""
    return text[dot - 1: dot] in (" ", ".") and _OMISSION.search(text, max(0, dot - 6), dot + 1) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of a note's sentences. A full stop ends one only outside quotes/italics, not after an abbreviation,
    and only when followed by white space and a capital letter, a quote, an asterisk or a bracket. (A note is
    split by the anchored rules and again by the short-form rule: the last few splits are kept.)"""
    return list(_split_sentences(text))


@lru_cache(maxsize=64)
def _split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_sentence_spans(text))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
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
            if ch == "." and (_note_abbreviation(text, i) or _omission(text, i)):
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
