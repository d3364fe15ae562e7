"""Personal names as written in notes → CSL name objects.

Names are given-first ("Walter LaFeber", "A. A. Fursenko"), possibly several ("X, Y, and Z", "X and Y"),
possibly followed by "et al.". Japanese names are sometimes written family-first ("Yokote Shinji"); a
name made of two romanised Japanese words is read family-first when the first word looks like a family
name and the second like a given name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from zotero_cw.text import ascii_fold, ascii_key, has_cyrillic, transliterate

PARTICLES = {"de", "van", "von", "der", "den", "da", "del", "della", "di", "la", "le", "du", "dos", "ter"}
SUFFIXES = {"Jr.", "Sr.", "II", "III", "IV"}

# Words that begin a sentence or a clause and are never the first word of a name.
NOT_NAME = r"(?:See|Cf|As|In|For|On|This|That|These|The|And|Also|From|By|Compare|Source|Derived|Here|But|Or)"
_WORD = r"[A-Z][\w'’-]*"  # capitalised word (unicode letters allowed)
_INITIAL = r"[A-Z]\.(?:\s?[A-Z]\.)*"
NAME = (rf"(?!{NOT_NAME}\b)(?:(?:{_INITIAL}|{_WORD})\s+){{0,3}}"
        rf"(?:(?:{'|'.join(sorted(PARTICLES))})\s+)?{_WORD}(?:,?\s+(?:Jr\.|Sr\.))?")
NAMES = rf"{NAME}(?:(?:,\s+and\s+|,\s+|\s+and\s+){NAME})*(?P<etal>\s+et\s+al\.)?"
NAMES_RE = re.compile(NAMES)
_SUFFIX_END = re.compile(r",?\s+(Jr\.|Sr\.|II|III|IV)$")
_ET_AL_END = re.compile(r"\s+et\s+al\.?$")
_COMMA_SUFFIX = re.compile(r",\s+(Jr\.|Sr\.)")
_NAME_SEPARATORS = re.compile(r",\s+and\s+|,\s+|\s+and\s+")

# Romanised Japanese: every syllable (C)(y)V or n.
_JA_SYLLABLES = re.compile(r"^(?:(?:[kgsztdnhbpmyrwfj]|sh|ch|ts)?y?[aeiou]|n)+$")
_JA_GIVEN_ENDINGS = ("shi", "ji", "ro", "rou", "ko", "ki", "hiko", "nori", "yuki", "suke", "taka", "hiro",
                     "zo", "mi", "ya", "ichi", "kazu", "aki", "masa", "o", "e", "to", "ru", "ta", "ra",
                     "saku", "haru")
_JA_FAMILY_ENDINGS = ("moto", "mura", "yama", "kawa", "gawa", "shima", "jima", "saki", "zaki", "hara",
                      "bara", "oka", "ta", "da", "no", "te", "ue", "shita", "bayashi", "zawa", "sawa",
                      "tsu", "gi", "ki", "i")


def _ja_score(word: str, endings: tuple[str, ...]) -> int:
    w = word.lower()
    return max((len(e) for e in endings if w.endswith(e)), default=0)


def _family_first(first: str, second: str) -> bool:
    """True when "first second" reads as a family-first Japanese name."""
    a, b = ascii_fold(first).lower(), ascii_fold(second).lower()
    if not (_JA_SYLLABLES.match(a) and _JA_SYLLABLES.match(b)):
        return False
    as_family = _ja_score(a, _JA_FAMILY_ENDINGS) + _ja_score(b, _JA_GIVEN_ENDINGS)
    as_given = _ja_score(a, _JA_GIVEN_ENDINGS) + _ja_score(b, _JA_FAMILY_ENDINGS)
    return as_family > as_given


def parse_name(text: str) -> dict[str, Any]:
    """One name, given-first as printed → {"family", "given"} (or {"literal"} for an organisation)."""
    return dict(_parse_name(text))  # a fresh dict: callers may change it


@lru_cache(maxsize=4096)
def _parse_name(text: str) -> dict[str, Any]:
    text = " ".join(text.split()).strip(" ,")
    suffix = None
    out: dict[str, Any]
    m = _SUFFIX_END.search(text)
    if m:
        suffix, text = m.group(1), text[: m.start()]
    words = text.split(" ")
    if len(words) == 1:
        out = {"family": words[0]}
    elif len(words) == 2 and _family_first(words[0], words[1]):
        # Printed family-first: CSL keeps that order when rendering.
        out = {"family": words[0], "given": words[1], "static-ordering": True}
    else:
        i = len(words) - 1
        while i > 1 and words[i - 1].lower() in PARTICLES:
            i -= 1
        family = " ".join(words[i:])
        given = words[:i]
        out = {"family": family, "given": " ".join(given)} if given else {"family": family}
        if i < len(words) - 1 and words[i].lower() in PARTICLES:
            out["family"] = " ".join(words[i + 1:])
            out["non-dropping-particle"] = words[i]
    if suffix:
        out["suffix"] = suffix
    return out


def split_names(text: str) -> tuple[list[str], bool]:
    """"A, B, and C et al." → (["A", "B", "C"], True)."""
    text = text.strip().rstrip(",")
    et_al = bool(_ET_AL_END.search(text))
    text = _ET_AL_END.sub("", text)
    # protect ", Jr." before splitting on commas
    text = _COMMA_SUFFIX.sub(r" \1", text)
    parts = _NAME_SEPARATORS.split(text)
    return [p.strip() for p in parts if p.strip()], et_al


def parse_names(text: str) -> tuple[list[dict[str, Any]], bool]:
    """CSL names from "Sergey Radchenko and Lisbeth Tarlow" / "Aleksandr Yakovlev et al."; bool = et al."""
    parts, et_al = split_names(text)
    return [parse_name(p) for p in parts], et_al


@lru_cache(maxsize=4096)
def family_key(name: str) -> str:
    """Comparable form of a family name: ASCII, lower case, letters only; Cyrillic romanized first, so that
    "Зубок" and "Zubok" are one name (it was dropped: every Cyrillic name keyed alike, as nothing)."""
    return ascii_key(transliterate(name) if has_cyrillic(name) else name, digits=False)
