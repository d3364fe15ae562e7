"""One text package for every stage: folding and keys, transliteration, edit distance, number ranges, sentence
ends, words shared by regular expressions.

    folding.py    fold (the one folding, with parameters), strip_accents, ascii_fold, ascii_key, title_key,
                  transliterate, has_cyrillic, search_fold, plain (typographic quotes and spaces made plain)
    distance.py   levenshtein (optionally with transpositions), within_one
    ranges.py     clean_range, numbers
    sentences.py  boundaries (prose), split_sentences (notes), their abbreviation lists
    patterns.py   SEASONS, SEASON

Light on purpose, so that `lookup` starts fast: the names below are imported from their module when first
asked for (`from zotero_cw.text import fold` loads folding.py alone), and rapidfuzz only when a distance is
computed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_MODULES = {
    "folding": ("APOSTROPHES", "ASCII_ALNUM", "CYRILLIC", "ascii_fold", "ascii_key", "fold", "has_cyrillic", "plain",
                "search_fold", "strip_accents", "title_key", "transliterate"),
    "distance": ("levenshtein", "within_one"),
    "ranges": ("clean_range", "numbers"),
    "sentences": ("boundaries", "split_sentences"),
    "patterns": ("SEASON", "SEASONS"),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}
__all__ = [
    "APOSTROPHES", "ASCII_ALNUM", "CYRILLIC", "SEASON", "SEASONS", "ascii_fold", "ascii_key", "boundaries",
    "clean_range", "fold", "has_cyrillic", "levenshtein", "numbers", "plain", "search_fold", "split_sentences",
    "strip_accents", "title_key", "transliterate", "within_one",
]

if TYPE_CHECKING:
    from zotero_cw.text.distance import levenshtein, within_one
    from zotero_cw.text.folding import (
        APOSTROPHES,
        ASCII_ALNUM,
        CYRILLIC,
        ascii_fold,
        ascii_key,
        fold,
        has_cyrillic,
        plain,
        search_fold,
        strip_accents,
        title_key,
        transliterate,
    )
    from zotero_cw.text.patterns import SEASON, SEASONS
    from zotero_cw.text.ranges import clean_range, numbers
    from zotero_cw.text.sentences import boundaries, split_sentences


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
