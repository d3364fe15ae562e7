"""Stable citation keys for works: `hasegawa1998northern`.

first author's (or editor's, else the archive's) family name in lower-case ASCII (Cyrillic romanized) + year
("nd" if none) + first significant title word (for an untitled archival document: its fond/opis/delo). Collisions get
suffixes a, b, … in the order of a content hash, so keys do not depend on input order.
"""

from __future__ import annotations

import hashlib
import json
import re

from zotero_cw.models import Work, identity
from zotero_cw.text import ascii_key, transliterate

STOPWORDS = {
    "a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "with", "from", "at", "by", "as", "about",
    "into", "after", "der", "die", "das", "le", "la", "les", "i", "v", "o", "na",
}


def _ascii_word(text: str) -> str:
    """Lower-case ASCII of a word, Cyrillic romanized first: "Хрущев" → "khrushchev" (not dropped)."""
    return ascii_key(transliterate(text))


def _name_part(work: Work) -> str:
    for role in ("author", "editor", "container-author", "translator"):
        for name in work.csl.get(role) or []:
            word = _ascii_word(name.get("family") or (name.get("literal") or "").split(" ")[-1])
            if word:
                return word
    archival = work.archival or {}
    if archival.get("archive"):
        return _ascii_word(archival["archive"])
    return ""


def _year(work: Work) -> str:
    try:
        return str(int(work.csl["issued"]["date-parts"][0][0]))
    except (KeyError, IndexError, TypeError, ValueError):
        return "nd"


def _title_words(work: Work) -> list[str]:
    out = []
    for word in re.split(r"[\s:;,.–—]+", work.csl.get("title") or ""):
        w = _ascii_word(word)
        if w and w not in STOPWORDS and not w.isdigit():
            out.append(w)
    if not out:
        archival = work.archival or {}
        parts = [f"{k[0]}{_ascii_word(archival[k])}" for k in ("fond", "opis", "delo") if archival.get(k)]
        if parts:
            out.append("".join(parts))
    return out


def citation_key(work: Work) -> str:
    """The base key of a work (not yet made unique)."""
    name = _name_part(work)
    words = _title_words(work)
    if not name:  # no creator: the first title word leads, the next one follows the year
        name, words = (words[0], words[1:]) if words else ("anon", [])
    return f"{name}{_year(work)}{words[0] if words else ''}"


def content_hash(work: Work) -> str:
    """A hash of the work's `models.identity` (its serialization, archival as "_archival", is kept as it was:
    the hash orders colliding keys, and keys are what drafts cite)."""
    data = identity(work)
    if "archival" in data:
        data["_archival"] = data.pop("archival")
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def assign_keys(works: list[Work]) -> list[str]:
    """Unique keys for `works` (same order): colliding base keys get a, b, … by content hash."""
    bases = [citation_key(w) for w in works]
    groups: dict[str, list[int]] = {}
    for i, base in enumerate(bases):
        groups.setdefault(base, []).append(i)
    keys = list(bases)
    for base, members in groups.items():
        if len(members) == 1:
            continue
        ordered = sorted(members, key=lambda i: (content_hash(works[i]), i))
        for n, i in enumerate(ordered):
            keys[i] = base + _suffix(n)
    return keys


def _suffix(n: int) -> str:
    """0 → a, 25 → z, 26 → aa, …"""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out
