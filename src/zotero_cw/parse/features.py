"""Per-token features for the citation labeller (python-crfsuite takes a list of strings per token).

Shape, case, punctuation, numbers, script, quotes and brackets, position in the note, word-list membership
(places, publishers, journal words, months, role, locator, archive, back-reference and signal words, archive
acronyms), and the same for the neighbours. Italics are not a feature: a note reads the same without markup.
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


@lru_cache(maxsize=200_000)
def _cached_word(w: str, lexicon: Lexicon,
                 acronyms: frozenset[str]) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """(the word's own features, its features as seen from each neighbour position): computed once per word."""
    own = _compute(w, lexicon, acronyms)
    keep = [x for x in own if x.startswith(_NEIGHBOUR_KEEP)]
    seen = {tag: tuple(f"{tag}:{x}" for x in keep) for tag in ("p1", "n1", "p2", "n2")}
    return tuple(own), seen


_NEIGHBOUR_KEEP = ("w=", "shape=", "lex=", "end=", "year", "cap", "cyr")


def _compute(w: str, lexicon: Lexicon, acronyms: frozenset[str]) -> list[str]:
    low = w.lower()
    bare = low.strip(_TRAIL + "(\"“«[")
    f = [f"w={bare[:20]}", f"shape={shape(w)}", f"suf={bare[-3:]}", f"pre={bare[:3]}", f"len={min(len(bare), 8)}"]
    last = w[-1]
    if last in _TRAIL:
        f.append(f"end={last}")
    if w[0] in "(\"“«[":
        f.append(f"open={w[0]}")
    if w.endswith("),") or w.endswith(").") or w.endswith("):"):
        f.append("closeparen")
    core = w.strip(_TRAIL + "(\"“«[")
    if core[:1].isupper():
        f.append("cap")
    if len(core) > 1 and core.isupper():
        f.append("allcaps")
    if core.isdigit():
        f.append("digits")
    elif _DIGITS.search(w):
        f.append("hasdigit")
    if _YEAR.match(w):
        f.append("year")
    if _RANGE.match(w):
        f.append("range")
    if _ROMAN.match(core) and core not in {"I", "C", "L"}:
        f.append("roman")
    if _CYR.search(w):
        f.append("cyr")
    if _URL.match(low):
        f.append("url")
    if len(core) <= 2 and w.endswith("."):
        f.append("abbrev")
    if core in acronyms or core.upper() in acronyms and len(core) > 2 and core.isupper():
        f.append("lex=archive_acronym")
    f.extend(f"lex={name}" for name in lexicon.classes(low))
    return f


def note_features(tokens: list[Token], lexicon: Lexicon, acronyms: Collection[str] = ()) -> list[list[str]]:
    """Feature lists for each token of one note (or one reference string)."""
    acr = acronyms if isinstance(acronyms, frozenset) else frozenset(acronyms)
    cached = [_cached_word(t.text, lexicon, acr) for t in tokens]
    base = [c[0] for c in cached]
    n = len(tokens)
    out: list[list[str]] = []
    quote_open = False
    paren = 0
    for i, tok in enumerate(tokens):
        w = tok.text
        f = ["bias", f"pos={min(10 * i // max(n, 1), 9)}"]
        if i == 0:
            f.append("first")
        if i == n - 1:
            f.append("last")
        # inside quotation marks / parentheses (counted over the note)
        opens = w[0] in "\"“«"
        closes = any(c in (w[1:] if opens else w) for c in "\"”»")
        quote_open = quote_open or opens
        if quote_open:
            f.append("inquote")
        if closes:
            quote_open = False
        paren += w.count("(") - w.count(")")
        if paren > 0 or "(" in w:
            f.append("inparen")
        f.extend(base[i])
        for d, tag in ((-1, "p1"), (1, "n1"), (-2, "p2"), (2, "n2")):
            j = i + d
            if 0 <= j < n:
                f.extend(cached[j][1][tag])
            else:
                f.append(f"{tag}:none")
        prev = tokens[i - 1].text if i else ""
        if prev.endswith((".", ";")) and not prev.endswith(("p.", "pp.")):
            f.append("after_stop")
        out.append(f)
    return out
