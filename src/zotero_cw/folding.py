"""Text folded for comparing and searching: lower-case ASCII skeletons, Cyrillic romanized, leaf numbers.

Small and free of other imports, so that `lookup` starts fast; `dedupe.normalize` builds on it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼ`´"), None)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# Cyrillic → Latin as the Library of Congress romanizes Russian (and Ukrainian) without diacritics: what
# historians write in English-language notes (РГАСПИ → RGASPI, ф. → f., Хрущёв → Khrushchev).
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "i", "i", "ie",
                      "g", "u"], strict=True))
_TRANSLIT = {ord(c): v for c, v in _CYRILLIC.items()}
_TRANSLIT.update({ord(c.upper()): v.upper() if len(v) < 2 else v.capitalize() for c, v in _CYRILLIC.items()})


def transliterate(text: str) -> str:
    """Cyrillic letters romanized (LoC, no diacritics); an all-capitals acronym stays capitals: ГАРФ → GARF."""
    if not any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    words = re.split(r"(\s+)", text)
    out = []
    for w in words:
        t = w.translate(_TRANSLIT)
        out.append(t.upper() if len(w) > 1 and w.isupper() else t)
    return "".join(out)


def search_fold(text: Any) -> str:
    """`fold` after transliteration: the form search compares, so Latin and Cyrillic spellings meet."""
    return fold(transliterate(str(text))) if text is not None else ""


def fold(text: Any) -> str:
    """Lower-case ASCII skeleton: accents and apostrophes dropped, other punctuation to single spaces."""
    if text is None:
        return ""
    s = str(text)
    if not s.isascii():  # accents off (plain ASCII has none: the common case, kept fast)
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().translate(_APOSTROPHES)
    return _NON_ALNUM.sub(" ", s).strip()


def numbers(text: Any) -> frozenset[int]:
    """Leaves or pages named by a locator such as "12–13", "58–61, 63–64", "36" (ranges capped at 500)."""
    out: set[int] = set()
    for m in re.finditer(r"(\d+)\s*(?:[-–—]\s*(\d+))?", str(text or "")):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if hi < lo and m.group(2) and len(m.group(2)) < len(m.group(1)):  # 1041–43
            hi = int(m.group(1)[: len(m.group(1)) - len(m.group(2))] + m.group(2))
        if lo <= hi <= lo + 500:
            out.update(range(lo, hi + 1))
        else:
            out.add(lo)
    return frozenset(out)
