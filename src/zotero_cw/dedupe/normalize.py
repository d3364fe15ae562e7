"""Normalized views of works for matching (their CSL fields): folded tokens, name parts, years, leaves."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zotero_cw.models import Work
from zotero_cw.text import fold, numbers, within_one

# Words that carry no identity in titles, names of publishers or containers.
STOP = frozenset(
    "the a an of and in on to for at by with from as its his her their into upon about against during "
    "between under over after before la le les des du de der die das und den dem i v na po".split()
)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
          "x": "10", "xi": "11", "xii": "12", "xx": "20", "xxiii": "23", "xxix": "29"}


def stem(token: str) -> str:
    """Crude plural stripping: conversations → conversation, memoirs → memoir."""
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def sig_tokens(text: Any) -> tuple[str, ...]:
    """Significant tokens (stop words dropped, plurals stemmed), in order."""
    return tuple(stem(t) for t in fold(text).split() if t not in STOP)


def token_eq(a: str, b: str) -> bool:
    """Same word, allowing one typo (or swapped letters) in words of five letters or more."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return _ROMAN.get(a, a) == _ROMAN.get(b, b)
    return min(len(a), len(b)) >= 5 and within_one(a, b, transpositions=True)


def subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of `short` found in order in `long` (typos allowed; "frus" = initials of a run)."""
    if not short:
        return False
    j = 0
    for tok in short:
        while j < len(long):
            if token_eq(tok, long[j]):
                j += 1
                break
            n = len(tok)
            if n >= 3 and tok.isalpha() and j + n <= len(long) and _initials(long[j:j + n]) == tok:
                j += n
                break
            j += 1
        else:
            return False
    return True


def _initials(tokens: tuple[str, ...]) -> str:
    return "".join(t[0] for t in tokens)


def overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Share of the shorter token list that has a match in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    hits = sum(1 for t in short if any(token_eq(t, u) for u in long))
    return hits / len(short)


def compatible_text(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One token list is a (fuzzy) ordered subsequence of the other: short titles, missing subtitles."""
    if not a or not b:
        return False
    return subsequence(a, b) if len(a) <= len(b) else subsequence(b, a)


@dataclass(frozen=True)
class Name:
    family: str  # folded, spaces removed
    given: tuple[str, ...]  # folded given-name tokens

    def initials(self) -> str:
        return "".join(g[0] for g in self.given)


def names(item: dict[str, Any]) -> tuple[Name, ...]:
    """Authors, else editors, else translators, normalized."""
    for role in ("author", "editor", "translator"):
        people = item.get(role)
        if people:
            out = []
            for p in people:
                if not isinstance(p, dict):
                    continue
                fam = p.get("family") or p.get("literal") or ""
                out.append(Name(fold(fam).replace(" ", ""), tuple(fold(p.get("given", "")).split())))
            return tuple(n for n in out if n.family)
    return ()


def name_eq(a: Name, b: Name) -> str | None:
    """Why two names are the same person, or None."""
    def given_ok(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
        return not x or not y or all(p[0] == q[0] for p, q in zip(x, y, strict=False))

    if token_eq(a.family, b.family) and given_ok(a.given, b.given):
        return "same family name" if a.family == b.family else "family name spelled differently"
    # East Asian order read the other way round: "Yokote Shinji" vs "Shinji Yokote"
    if a.given and b.given and a.family == "".join(b.given) and b.family == "".join(a.given):
        return "family and given names swapped"
    return None


def year(item: dict[str, Any]) -> str | None:
    parts = date_parts(item)
    if parts:
        return str(parts[0])
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str((item.get("issued") or {}).get("raw", "")))
    return m.group(1) if m else None


def date_parts(item: dict[str, Any]) -> tuple[int, ...]:
    issued = item.get("issued")
    if not isinstance(issued, dict):
        return ()
    dp = issued.get("date-parts")
    if not dp or not dp[0]:
        return ()
    try:
        return tuple(int(x) for x in dp[0] if x not in (None, ""))
    except (TypeError, ValueError):
        return ()


def archival_key(work: Work) -> tuple[str, str, str, str] | None:
    arch = work.archival
    if not isinstance(arch, dict) or not arch.get("archive"):
        return None
    def level(k: str) -> str:
        return re.sub(r"\s+", "", str(arch.get(k) or "")).upper()
    return (str(arch["archive"]).upper(), level("fond"), level("opis"), level("delo"))


def leaves(work: Work) -> frozenset[int]:
    """Leaves (listy) cited for an archival work, from its citations' locators and custom.archival."""
    out: set[int] = set()
    arch = work.archival or {}
    for k in ("leaves", "list", "leaf"):
        if arch.get(k):
            out |= numbers(arch[k])
    for c in work.cited_in:
        if c.locator and c.label in (None, "folio", "page", "leaf"):
            out |= numbers(c.locator)
    return frozenset(out)


@dataclass(frozen=True)
class Normalized:
    """What matching looks at, computed once per distinct work."""

    archival: tuple[str, str, str, str] | None
    names: tuple[Name, ...]
    title: tuple[str, ...]
    title_text: str
    container: tuple[str, ...]
    year: str | None
    date: tuple[int, ...]
    volume: str
    issue: str
    pages: frozenset[int]
    leaves: frozenset[int]
    publisher: tuple[str, ...]
    place: str


def normalize(work: Work) -> Normalized:
    item = work.csl
    title = item.get("title") or ""
    volume_title = item.get("volume-title")
    place = fold(str(item.get("publisher-place") or "").split(",")[0])
    return Normalized(
        archival=archival_key(work),
        names=names(item),
        title=sig_tokens(f"{title} {volume_title}" if volume_title else title),
        title_text=str(title),
        container=sig_tokens(item.get("container-title") or item.get("collection-title") or ""),
        year=year(item),
        date=date_parts(item),
        volume=_ROMAN.get(fold(item.get("volume")), fold(item.get("volume"))),
        issue=fold(item.get("issue")),
        pages=numbers(item.get("page")) if item.get("page") else frozenset(),
        leaves=leaves(work),
        publisher=sig_tokens(item.get("publisher") or ""),
        place=place,
    )
