"""Text folded for comparing and searching: accents off, ASCII skeletons, keys, Cyrillic romanized.

`fold` is the one folding: lower case, accents off, what is not kept turned into a separator. Its parameters
give the other comparable forms the stages use (a title key, a family-name key, the archive registry's keys,
the evaluation's fold of any script); `ascii_fold` and `strip_accents` are its two ways of taking accents off.
Small and free of other imports, so that `lookup` starts fast.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

APOSTROPHES = "'’‘ʼ`´"
ASCII_ALNUM = "0-9a-z"  # what `fold` keeps by default (a regular-expression class body)
CYRILLIC = "а-яёіїєґ"  # lower-case Cyrillic letters of Russian and Ukrainian (a class body)


def strip_accents(text: str) -> str:
    """Combining marks off after compatibility decomposition: "Högselius" → "Hogselius", "Ø" stays "Ø"."""
    if text.isascii():  # plain ASCII has none: the common case, kept fast
        return text
    s = unicodedata.normalize("NFKD", text)
    return "".join(c for c in s if not unicodedata.combining(c))


def ascii_fold(text: str) -> str:
    """ASCII only: accents off and every character with no ASCII base dropped ("Søren" → "Sren")."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=32)
def _rules(keep: str, drop: str) -> tuple[re.Pattern[str], dict[int, None]]:
    return re.compile(f"[^{keep}]+"), dict.fromkeys(map(ord, drop), None)


_DEFAULT_RULES = _rules(ASCII_ALNUM, APOSTROPHES)


def fold(text: Any, *, keep: str = ASCII_ALNUM, drop: str = APOSTROPHES, unaccent: bool = True,
         sep: str = " ") -> str:
    """Lower-case skeleton: accents off (`unaccent`), the characters of `drop` removed, every run of characters
    outside `keep` (a regular-expression class body) replaced by `sep`, the ends stripped.

    The default is the ASCII skeleton words are compared by ("L’Humanité" → "lhumanite"); `keep=r"\\w"` keeps
    letters of every script; `sep=""` makes a key of one word ("Hasegawa-Ogura" → "hasegawaogura").
    """
    if text is None:
        return ""
    s = str(text)
    if unaccent:
        s = strip_accents(s)
    other, table = _DEFAULT_RULES if keep == ASCII_ALNUM and drop == APOSTROPHES else _rules(keep, drop)
    return other.sub(sep, s.lower().translate(table)).strip()


def ascii_key(text: str, *, digits: bool = True) -> str:
    """One ASCII word of the letters (and digits) only: "Hasegawa’s 2nd" → "hasegawas2nd" (keys, family names)."""
    return fold(ascii_fold(text), keep=ASCII_ALNUM if digits else "a-z", sep="")


def title_key(text: str) -> str:
    """Comparable title: ASCII, lower case, letters and digits separated by single spaces; an apostrophe
    separates ("Hawai’i" → "hawai i") and a letter with no ASCII base is dropped."""
    return fold(ascii_fold(text.replace("’", "'").replace("‘", "'")), drop="")


# Cyrillic → Latin as the Library of Congress romanizes Russian (and Ukrainian) without diacritics: what
# historians write in English-language notes (РГАСПИ → RGASPI, ф. → f., Хрущёв → Khrushchev).
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "i", "i", "ie",
                      "g", "u"], strict=True))
_TRANSLIT = {ord(c): v for c, v in _CYRILLIC.items()}
_TRANSLIT.update({ord(c.upper()): v.upper() if len(v) < 2 else v.capitalize() for c, v in _CYRILLIC.items()})
_SPACES = re.compile(r"(\s+)")


_ANY_CYRILLIC = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    """Whether the text has a letter of the Cyrillic block."""
    return _ANY_CYRILLIC.search(text) is not None


def transliterate(text: str) -> str:
    """Cyrillic letters romanized (LoC, no diacritics); an all-capitals acronym stays capitals: ГАРФ → GARF."""
    if not has_cyrillic(text):
        return text
    out = []
    for w in _SPACES.split(text):
        t = w.translate(_TRANSLIT)
        out.append(t.upper() if len(w) > 1 and w.isupper() else t)
    return "".join(out)


def search_fold(text: Any) -> str:
    """`fold` after transliteration: the form search compares, so Latin and Cyrillic spellings meet."""
    return fold(transliterate(str(text))) if text is not None else ""


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " "})


def plain(value: Any) -> Any:
    """The value (a string, or lists and dicts of them) with typographic quotes and spaces made plain and white
    space squeezed: "Hawai’i" and "Hawai'i" are one spelling. Other values are returned as they are."""
    if isinstance(value, str):
        return " ".join(value.translate(_TYPOGRAPHIC).split())
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
