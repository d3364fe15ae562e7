"""Per-token features for the citation labeller (python-crfsuite takes a list of strings per token).

Shape, case, punctuation, numbers, script, Russian transliteration, quotes and brackets, position in the note,
word-list membership (places, publishers, journal words, months, role, locator, archive, back-reference and signal
words, archive acronyms), and the same for the neighbours. Italics are not a feature: a note reads the same
without markup.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from zotero_cw.parse.lexicon import Lexicon
from zotero_cw.parse.tokens import Token

_YEAR = re.compile(r"^\(?\[?(1[5-9]\d\d|20\d\d)[a-z]?\]?\)?[.,:;)]*$")
_RANGE = re.compile(r"^\(?\d+[a-z]?(?:ob\.?)?[–—-]\d+")
_ROMAN = re.compile(r"^[IVXLC]+[.,:]?$")
_DIGITS = re.compile(r"\d")
_CYR = re.compile(r"[а-яА-ЯёЁіїєґІЇЄҐ]")
# Russian (and Ukrainian) words in Latin letters, as historians transliterate them: "Vneshnyaya", "torgovlya",
# "Statisticheskii", "Khrushchev", "istoriia", "sovetskogo", "zhurnal" (LoC and BGN spellings alike)
_TRANSLIT = re.compile(r"zh|kh|shch|(?:[bcdfghklmnprstvz]y[aou]|iia|iya|yi|ii|ei|ykh|ikh|ogo|ego|aya|aia|skoi|skii|"
                       r"skaia|stvo|tsii|nye|nyi|noe|nykh|ov|ev|iki)$")
_URL = re.compile(r"^(?:https?://|www\.|doi:|10\.\d{4})")
_TRAIL = ",.;:)]\"”'’»"


def shape(word: str) -> str:
    """A compressed shape: "Gaddis," → "Xx,", "1997)." → "d).", "F." → "X."."""
    out = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


@lru_cache(maxsize=40_000)  # 2.3 KB a word: about 90 MB at most
def _cached_word(w: str, lexicon: Lexicon,
                 acronyms: frozenset[str]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """(the word's own features, its features as seen from each neighbour position): computed once per word."""
    own, keep = _compute(w, lexicon, acronyms)
    seen = {tag: tuple(f"{tag}:{x}" for x in keep) for tag in ("p1", "n1", "p2", "n2")}
    return tuple(own), seen


_STRIP = _TRAIL + "(\"“«["


def word_core(word: str) -> str:
    """The word without the punctuation around it: what the acronym feature compares ("(NAA)," → "NAA")."""
    return word.strip(_STRIP)


def _compute(w: str, lexicon: Lexicon, acronyms: frozenset[str]) -> tuple[list[str], list[str]]:
    """The word's features, and those of them its neighbours see (w=, shape=, lex=, end=, year, cap, cyr,
    translit)."""
    low = w.lower()
    bare = low.strip(_STRIP)
    word, form = f"w={bare[:20]}", f"shape={shape(w)}"
    f = [word, form, f"suf={bare[-3:]}", f"pre={bare[:3]}", f"len={min(len(bare), 8)}"]
    keep = [word, form]
    last = w[-1]
    if last in _TRAIL:
        f.append(f"end={last}")
        keep.append(f[-1])
    if w[0] in "(\"“«[":
        f.append(f"open={w[0]}")
    if w.endswith(("),", ").", "):")):
        f.append("closeparen")
    core = word_core(w)
    if core[:1].isupper():
        f.append("cap")
        keep.append("cap")
    if len(core) > 1 and core.isupper():
        f.append("allcaps")
    digit = False
    if core.isdigit():
        f.append("digits")
        digit = True
    elif _DIGITS.search(w):
        f.append("hasdigit")
        digit = True
    if digit and _YEAR.match(w):
        f.append("year")
        keep.append("year")
    if digit and _RANGE.match(w):
        f.append("range")
    if core[:1] in "IVXLC" and _ROMAN.match(core) and core not in {"I", "C", "L"}:
        f.append("roman")
    if not w.isascii() and _CYR.search(w):
        f.append("cyr")
        keep.append("cyr")
    if bare.isascii() and bare.isalpha() and _TRANSLIT.search(bare):
        f.append("translit")
        keep.append("translit")
    if low[:1] in "hwd1" and _URL.match(low):
        f.append("url")
    if len(core) <= 2 and last == ".":
        f.append("abbrev")
    if core in acronyms or core.upper() in acronyms and len(core) > 2 and core.isupper():
        f.append("lex=archive_acronym")
        keep.append("lex=archive_acronym")
    for name in lexicon.classes(low):
        f.append(f"lex={name}")
        keep.append(f[-1])
    return f, keep


NEIGHBOURS = ((-1, "p1"), (1, "n1"), (-2, "p2"), (2, "n2"))


def note_features(tokens: list[Token], lexicon: Lexicon, acronyms: Collection[str] = ()) -> list[list[str]]:
    """Feature lists for each token of one note (or one reference string): what crfsuite trains on."""
    acr = acronyms if isinstance(acronyms, frozenset) else frozenset(acronyms)
    cached = [_cached_word(t.text, lexicon, acr) for t in tokens]
    out: list[list[str]] = []
    for i, place in enumerate(places(tokens)):
        head, tail = place_features(place)
        f = [*head, *cached[i][0]]
        for d, tag in NEIGHBOURS:
            if has_neighbour(place, d):
                f.extend(cached[i + d][1][tag])
            else:
                f.append(f"{tag}:none")
        f.extend(tail)
        out.append(f)
    return out


def word_features(word: str, lexicon: Lexicon, acronyms: frozenset[str]) -> tuple[list[str], list[str]]:
    """A word's own features, and those its neighbours see (each as "p1:x", "n1:x", ... in `note_features`)."""
    return _compute(word, lexicon, acronyms)


# A token's place in its note: (position decile, tokens before it up to 2, tokens after it up to 2, inside
# quotation marks, inside brackets, after a stop). Features that depend on the place, not on the word.
Place = tuple[int, int, int, bool, bool, bool]


def places(tokens: list[Token]) -> list[Place]:
    n = len(tokens)
    out = []
    quote_open = False
    paren = 0
    after = False
    for i, tok in enumerate(tokens):
        w = tok.text
        # inside quotation marks / parentheses (counted over the note)
        opens = w[0] in "\"“«"
        rest = w[1:] if opens else w
        quote_open = quote_open or opens
        inquote = quote_open
        if '"' in rest or "”" in rest or "»" in rest:
            quote_open = False
        if "(" in w or ")" in w:
            paren += w.count("(") - w.count(")")
            inparen = paren > 0 or "(" in w
        else:
            inparen = paren > 0
        out.append((10 * i // n, i if i < 2 else 2, n - 1 - i if n - 1 - i < 2 else 2, inquote, inparen, after))
        after = w[-1] in ".;" and not w.endswith(("p.", "pp."))
    return out


@lru_cache(maxsize=1024)
def place_features(place: Place) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The features listed before a token's word features (bias, position, first/last, inside quotes or
    brackets) and after its neighbours' (after a stop)."""
    pos, before, after, inquote, inparen, after_stop = place
    head = ["bias", f"pos={pos}"]
    if before == 0:
        head.append("first")
    if after == 0:
        head.append("last")
    if inquote:
        head.append("inquote")
    if inparen:
        head.append("inparen")
    return tuple(head), ("after_stop",) if after_stop else ()


def has_neighbour(place: Place, d: int) -> bool:
    """Whether the note has a token at offset d (±1, ±2) from this place."""
    return (place[1] if d < 0 else place[2]) >= abs(d)


@lru_cache(maxsize=1024)
def place_bag(place: Place) -> tuple[str, ...]:
    """Every feature a token has from its place alone (those of `place_features`, and "TAG:none" for each
    neighbour the note does not have): what the labeller scores once per place."""
    head, tail = place_features(place)
    return (*head, *(f"{tag}:none" for d, tag in NEIGHBOURS if not has_neighbour(place, d)), *tail)
