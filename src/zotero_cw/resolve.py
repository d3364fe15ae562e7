"""Resolve ibid., short forms and supra to the full citation they stand for (`Citation.antecedent`).

Rules (each a small function): ibid. → the work of the preceding citation; a short form → the latest
earlier full citation with the same author family name (small misspellings tolerated, with a warning)
and a title the short title begins (leading articles ignored); supra → the work cited in the note it
names, unless the title given contradicts that note and matches another one, which is then followed with
a warning. Nothing is guessed: what cannot be resolved keeps `antecedent = None` and gets a `reason`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from zotero_cw.archives import ArchivalRef
from zotero_cw.models import (
    FULL,
    Citation,
    FullCitation,
    IbidCitation,
    ShortCitation,
    SupraCitation,
    UnparsedCitation,
    custom_of,
)
from zotero_cw.parse.names import family_key
from zotero_cw.text import levenshtein, title_key

NoteIndex = dict[tuple[str, int], list[int]]


norm_title = lru_cache(maxsize=4096)(title_key)  # comparable title (ASCII, lower case, words)
_distance = levenshtein


def _families(item: dict) -> list[str]:
    names = item.get("author") or item.get("editor") or []
    return [family_key(n.get("family") or n.get("literal") or "") for n in names]


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")


def _bare(title: str) -> str:
    """A normalised title without its leading English article: "the growth idea" → "growth idea"."""
    return _LEADING_ARTICLE.sub("", title, count=1)


def _title_matches(short: str, item: dict) -> bool:
    """True when the short title is the item's title, or its first words (the main title before the colon
    included), leading articles ignored on both sides: "Growth Idea" ~ "The Growth Idea: Purpose and …"."""
    s = _bare(norm_title(short))
    if not s:
        return False
    for key in ("title", "title-short", "volume-title"):
        t = _bare(norm_title(item.get(key, "")))
        if t and (t == s or t.startswith(s + " ")):
            return True
    return False


_INITIALS = re.compile(r"(?:[A-ZА-ЯЁІЇЄ][a-zа-яё]?\.)+,?")


def _wanted(author: str) -> list[str]:
    """The family names an author text names: "Ward and Lee" → ["ward", "lee"]; initials are not names, before or
    after ("V. Zubok", GOST's "Зубок В. М." → ["zubok"])."""
    out = []
    for part in re.split(r"\s+(?:and|и)\s+", author):
        words = [w for w in part.split() if not _INITIALS.fullmatch(w)]
        if words and (key := family_key(words[-1])):
            out.append(key)
    return out


def _author_match(author: str, item: dict) -> tuple[bool, bool]:
    """(matches, exactly) for a short form's author text against an item's authors/editors."""
    wanted = _wanted(author)
    have = _families(item)
    if not wanted or not have:
        return False, False
    if all(w in have for w in wanted):
        return True, True
    close = all(any(len(w) >= 4 and h and w[0] == h[0] and _distance(w, h) <= 2 for h in have) for w in wanted)
    return close, False


def _work(citations: list[Citation], i: int) -> int | None:
    """Index of the full citation citation i stands for (itself when full)."""
    c = citations[i]
    return i if isinstance(c, FullCitation) else c.antecedent


TitleIndex = dict[tuple[str, str], list[int]]


def _first_words(item: dict) -> set[str]:
    out = set()
    for key in ("title", "title-short", "volume-title"):
        words = _bare(norm_title(item.get(key, ""))).split()
        if words:
            out.add(words[0])
        if len(words) > 1:
            out.add(" ".join(words[:2]))
    return out


def title_index(citations: list[Citation]) -> TitleIndex:
    """(document, first word — and first two words — of the title without its article) → indices of full
    citations, ascending: a short title can only match a title that starts with its own first words."""
    index: TitleIndex = {}
    for j, c in enumerate(citations):
        if isinstance(c, FullCitation):
            for word in _first_words(c.item):
                index.setdefault((c.document, word), []).append(j)
    return index


def resolve_short(citations: list[Citation], i: int, by_note: NoteIndex | None = None,
                  titles: TitleIndex | None = None) -> tuple[int | None, str | None, list[str]]:
    c = citations[i]
    if titles is not None:
        words = _bare(norm_title(c.short_title or "")).split()
        pool = titles.get((c.document, " ".join(words[:2])), []) if words else []
        candidates = reversed(pool[: bisect_left(pool, i)])
    else:
        candidates = iter(range(i - 1, -1, -1))
    for j in candidates:
        full = citations[j]
        if not isinstance(full, FullCitation) or full.document != c.document:
            continue
        if not _title_matches(c.short_title or "", full.item):
            continue
        if c.item.get("volume") and full.item.get("volume") and str(c.item["volume"]) != str(full.item["volume"]):
            continue
        if c.author:
            ok, exact = _author_match(c.author, full.item)
            if not ok:
                continue
            if not exact:
                written = ", ".join(n.get("family", "") for n in full.item.get("author") or full.item.get("editor"))
                return j, None, [f"short form author {c.author!r} differs from {written!r} in note {full.note}"]
        return j, None, []
    return None, f"no earlier full citation matches {c.author or ''} {c.short_title!r}".replace("  ", " "), []


def _note_members(citations: list[Citation], i: int, note: int | None, by_note: NoteIndex | None) -> list[int]:
    """Indices before i of the citations made by `note` of citation i's document."""
    doc = citations[i].document
    if by_note is not None:
        return [j for j in by_note.get((doc, note), ()) if j < i]
    return [j for j in range(i) if citations[j].note == note and citations[j].document == doc]


def resolve_ibid(citations: list[Citation], i: int,
                 by_note: NoteIndex | None = None) -> tuple[int | None, str | None, list[str]]:
    c = citations[i]
    # the nearest earlier citation of the same document (walk back: no scan of the whole list); a cross-reference
    # to another document of the volume ("See Document 140") is not a source an ibid. can repeat
    last = next((j for j in range(i - 1, -1, -1)
                 if citations[j].document == c.document and not citations[j].cross_reference), None)
    if last is None:
        return None, "ibid. with no preceding citation", []
    warnings = []
    if citations[last].note != c.note:  # first citation of its note: look at the whole preceding note
        group = _note_members(citations, i, citations[last].note, by_note)
        works = {_work(citations, j) for j in group if not isinstance(citations[j], UnparsedCitation)}
        if len(works) > 1:
            warnings.append(f"ibid. follows note {citations[last].note}, which cites {len(works)} works; "
                            "taken as the last one")
    if isinstance(citations[last], UnparsedCitation):
        return None, f"ibid. follows an unreadable citation in note {citations[last].note}", warnings
    work = _work(citations, last)
    if work is None:
        return None, f"ibid. follows an unresolved citation in note {citations[last].note}", warnings
    return work, None, warnings


def resolve_supra(citations: list[Citation], i: int,
                  by_note: NoteIndex | None = None) -> tuple[int | None, str | None, list[str]]:
    c = citations[i]
    in_note = _note_members(citations, i, c.note_ref, by_note)
    works = []
    for j in in_note:
        w = _work(citations, j)
        if w is not None and w not in works:
            works.append(w)
    if c.short_title:
        for w in works:
            if _title_matches(c.short_title, citations[w].item):
                return w, None, []
        # "Kotkin (see note 3 above)": the hint is the author of exactly one work of that note
        by_author = [w for w in works if _author_match(c.short_title, citations[w].item)[1]]
        if len(by_author) == 1:
            return by_author[0], None, []
        for j in range(i - 1, -1, -1):
            full = citations[j]
            if (isinstance(full, FullCitation) and full.document == c.document
                    and _title_matches(c.short_title, full.item)):
                return j, None, [f"supra points to note {c.note_ref}, but {c.short_title!r} is cited in note "
                                 f"{full.note}; followed the title"]
        if len(works) == 1:
            return works[0], None, [f"supra title {c.short_title!r} does not match the work of note "
                                    f"{c.note_ref}; followed the note number"]
        return None, f"supra: no work titled {c.short_title!r} (note {c.note_ref} cites {len(works)})", []
    if len(works) == 1:
        return works[0], None, []
    if not works:
        return None, f"supra: note {c.note_ref} cites no work before this note", []
    return None, f"supra: note {c.note_ref} cites {len(works)} works and no title is given", []


def _supra_by_author(citations: list[Citation], i: int, ix: Indexes) -> tuple[int | None, str | None, list[str]]:
    """"Taubman, op. cit., 45": no note number — the latest earlier work by that author (or with that title).
    Only the works the indexes give for the hint's first family name and its first title words are tried."""
    c = citations[i]
    hint = c.short_title or ""
    wanted = _wanted(hint)
    words = _bare(norm_title(hint)).split()
    pool = set(ix.authors.get((c.document, wanted[0]), [])) if wanted else set()
    if words:
        pool.update(ix.titles.get((c.document, " ".join(words[:2])), []))
    for j in sorted((j for j in pool if j < i), reverse=True):
        full = citations[j]
        if isinstance(full, FullCitation) and full.document == c.document and (
                _author_match(hint, full.item)[1] or _title_matches(hint, full.item)):
            return j, None, []
    return None, f"op. cit.: no earlier work by or titled {hint!r}", []


AuthorIndex = dict[tuple[str, str], list[int]]


def author_index(citations: list[Citation]) -> AuthorIndex:
    """(document, family name of an author or editor) → indices of full citations, ascending."""
    index: AuthorIndex = {}
    for j, c in enumerate(citations):
        if isinstance(c, FullCitation):
            for family in dict.fromkeys(_families(c.item)):
                if family:
                    index.setdefault((c.document, family), []).append(j)
    return index


def _fill_idem(citations: list[Citation], i: int) -> list[str]:
    """"Idem, Title …": the authors are those of the citation before (the work it stands for)."""
    c = citations[i]
    custom = {k: v for k, v in c.item["custom"].items() if k != "idem"}
    c.item = {k: v for k, v in c.item.items() if k != "custom"}
    if custom:
        c.item["custom"] = custom
    prev = next((j for j in range(i - 1, -1, -1) if citations[j].document == c.document), None)
    work = _work(citations, prev) if prev is not None else None
    names = (citations[work].item.get("author") or citations[work].item.get("editor")) if work is not None else None
    if not names:
        c.warnings.append("idem: no earlier citation names an author")
        return [f"{c.document} note {c.note}: idem: no earlier citation names an author"]
    c.item["author"] = [dict(n) for n in names]
    return []


_LEVELS = ("fond", "opis", "papka", "unit", "delo")  # a box ("unit") holds files: naming one drops the file


def _override_archival(c: Citation, antecedent: Citation) -> bool:
    """A partial ibid. ("Ibid., op. 5, d. 212") names another file of the antecedent's archive and fond: it
    becomes a full citation of that file (the levels it names replace the antecedent's, the lower ones go). A
    described ibid. ("Telegram 6333 from Tokyo, August 1; ibid.") is another document of the same file: a full
    citation with its own title and date."""
    override = custom_of(c.item).get("archival_override") or {}
    archival = custom_of(antecedent.item).get("archival")
    described = c.item.get("title")  # "Telegram 6333 from Tokyo, August 1; ibid.": another document of the file
    if not archival or not (override or described):
        return False
    top = min((_LEVELS.index(k) for k in override if k in _LEVELS), default=len(_LEVELS))
    parts = {k: v for k, v in archival.items() if k not in _LEVELS or _LEVELS.index(k) < top}
    parts.update(override)
    extra = {k: v for k, v in parts.items() if k not in ("archive", "fond", "opis", "delo")}
    if extra.get("notation") == "as-written":  # levels as the notes give them: the location is rebuilt from them
        extra["location"] = ", ".join(parts[k] for k in _LEVELS if parts.get(k))
    ref = ArchivalRef(parts.get("archive"), parts.get("fond"), parts.get("opis"), parts.get("delo"), extra=extra)
    item = {k: v for k, v in antecedent.item.items() if k not in ("title", "issued", "custom")}
    item.update({k: c.item[k] for k in ("title", "issued") if c.item.get(k)})
    item["archive_location"] = ref.location()
    item["custom"] = {"archival": ref.as_custom()}
    c.become(FULL)
    c.item, c.antecedent = item, None
    return True


@dataclass
class Indexes:
    """What the rules look things up in, built once per citation list."""

    by_note: NoteIndex  # (document, note) -> indices
    titles: TitleIndex
    authors: AuthorIndex


Rule = Callable[[list[Citation], int, Indexes], tuple[int | None, str | None, list[str]]]


def ibid_rule(citations: list[Citation], i: int, ix: Indexes) -> tuple[int | None, str | None, list[str]]:
    return resolve_ibid(citations, i, ix.by_note)


def short_rule(citations: list[Citation], i: int, ix: Indexes) -> tuple[int | None, str | None, list[str]]:
    return resolve_short(citations, i, ix.by_note, ix.titles)


def supra_rule(citations: list[Citation], i: int, ix: Indexes) -> tuple[int | None, str | None, list[str]]:
    if citations[i].cross_reference:  # "See Document 140": a document of the same volume, not a cited work
        where = citations[i].cross_reference
        return None, (f"cross-reference to {where} of another volume of the series (not a work)" if where.startswith(
            ("vol", "Vol")) else f"cross-reference to {where} of the same volume (not a work)"), []  # "volume iv" too
    if citations[i].note_ref is None:  # "op. cit." with no note number
        return _supra_by_author(citations, i, ix)
    return resolve_supra(citations, i, ix.by_note)


# The default resolvers, by citation type (the first whose type matches applies), after eyecite's resolvers:
# ibid. → the preceding work; short form → the latest earlier full citation by author and title; supra → the
# work of the note named (or, with no note number, the latest earlier work by that author).
DEFAULT_RULES: tuple[tuple[type[Citation], Rule], ...] = (
    (IbidCitation, ibid_rule), (ShortCitation, short_rule), (SupraCitation, supra_rule))


def resolve(citations: list[Citation], rules: Sequence[tuple[type[Citation], Rule]] = DEFAULT_RULES) -> list[str]:
    """Set `antecedent` on every back-reference (in place), by the first rule for its type; return warnings
    naming notes."""
    warnings: list[str] = []
    by_note: NoteIndex = {}
    for i, c in enumerate(citations):
        by_note.setdefault((c.document, c.note), []).append(i)
    ix = Indexes(by_note, title_index(citations), author_index(citations))
    for i, c in enumerate(citations):
        if isinstance(c, FullCitation) and custom_of(c.item).get("idem"):
            warnings.extend(_fill_idem(citations, i))
        rule = next((r for kind, r in rules if isinstance(c, kind)), None)
        if rule is None:
            continue
        c.antecedent, reason, notes = rule(citations, i, ix)
        if isinstance(c, IbidCitation) and c.antecedent is not None and _override_archival(c, citations[c.antecedent]):
            continue
        if c.antecedent is not None:
            c.reason = None
        else:
            c.reason = reason
            warnings.append(f"{c.document} note {c.note}: {c.kind} unresolved: {reason}")
        for w in notes:
            c.warnings.append(w)
            warnings.append(f"{c.document} note {c.note}: {w}")
    return warnings
