"""Merging works into one: the most complete value of each field, the others kept as variants; the author
spellings of short forms recorded as variants (pure functions over `Work`s)."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import replace
from typing import Any

from zotero_cw.models import Citation, ShortCitation, SupraCitation, Work, canonical, identity
from zotero_cw.text import fold, plain

_canon = canonical
_plain = plain  # typographic quotes and spaces made plain: "Hawai’i" and "Hawai'i" are one spelling
_OWN = ("cited_in", "variants", "tags", "collections")  # custom keys a merge makes anew (catalog: tags, collections)


def signature(work: Work) -> str:
    """The work's `identity`, compact (its length and order break ties between works: kept as it was)."""
    return _canon(identity(work))


def document(work: Work) -> str:
    return work.cited_in[0].document if work.cited_in else ""


def first_note(work: Work) -> int:
    return min((c.note for c in work.cited_in), default=0)


def _support(work: Work) -> int:
    return len(work.cited_in) or 1


def _completeness(value: Any) -> tuple[int, ...]:
    if isinstance(value, str):
        return (len(fold(value).split()), len(value))
    if isinstance(value, list) and all(isinstance(p, dict) for p in value):  # names
        return (len(value), sum(len(p) for p in value), len(_canon(value)))
    if isinstance(value, dict):
        dp = value.get("date-parts") or [[]]
        return (len(dp[0]) if dp and dp[0] else 0, len(_canon(value)))
    return (len(_canon(value)),)


def merge_works(members: list[Work]) -> Work:
    """One work: the most complete value of each field, every differing value kept in `variants`.

    Values that differ only typographically (curly or straight quotes, spacing) are one value, not variants.
    Variants already recorded on a member (a short form's spelling of the author) are kept. The merged work is
    written with its fields sorted, then custom, then the id it is given next.
    """
    members = sorted(members, key=lambda w: (signature(w), document(w), first_note(w)))
    richest = max(members, key=lambda w: (len(w.to_csl()), len(signature(w)), signature(w)))
    out: dict[str, Any] = {}
    variants: dict[str, list[dict[str, Any]]] = {}
    fields = sorted({k for w in members for k in w.csl})
    for f in fields:
        values: dict[str, Any] = {}  # plain canonical form -> the raw value chosen for it
        support: dict[str, int] = defaultdict(int)
        sources: dict[tuple[str, str], int] = {}
        for w in members:
            if w.csl.get(f) in (None, "", [], {}):
                continue
            c = _canon(_plain(w.csl[f]))
            if c not in values or _canon(w.csl[f]) > _canon(values[c]):
                values[c] = w.csl[f]
            support[c] += _support(w)
            key = (c, document(w))
            sources[key] = min(sources.get(key, 1 << 30), first_note(w))
        if not values:
            continue
        if f == "type" and richest.csl.get("type"):
            best = _canon(_plain(richest.csl["type"]))
        else:
            best = max(values, key=lambda c: (_completeness(values[c]), support[c], c))
        out[f] = copy.deepcopy(values[best])
        if len(values) > 1:
            ordered = sorted(sources.items(), key=lambda kv: (kv[0][1], kv[1], kv[0][0]))
            variants[f] = [{"value": values[c], "document": d, "note": n} for (c, d), n in ordered]
    for w in members:  # variants recorded before merging (short forms within one document)
        for f, recorded in (w.variants or {}).items():
            variants[f] = _union_variants(variants.get(f, []), recorded)
    return _merged(out, members, richest, {f: variants[f] for f in sorted(variants)})


def _merged(fields: dict[str, Any], members: list[Work], richest: Work,
            variants: dict[str, list[dict[str, Any]]]) -> Work:
    """The merged work: its fields, every member's citations and the longest of each archival level; the rest of
    `custom` (incomplete, Zotero key, other keys) is the richest member's, in its order."""
    cited = {_canon(c.to_csl()): c for w in members for c in w.cited_in}
    archival: dict[str, Any] = {}
    for w in members:
        for k, v in (w.archival or {}).items():
            if v not in (None, "") and len(str(v)) > len(str(archival.get(k, ""))):
                archival[k] = v
    kept = tuple(k for k in richest.custom() if k not in _OWN)
    return Work(fields, None, sorted(cited.values(), key=lambda c: (c.document, c.note, _canon(c.to_csl()))),
                {k: archival[k] for k in sorted(archival)} if archival else copy.deepcopy(richest.archival),
                variants=variants or None, zotero_key=copy.deepcopy(richest.zotero_key),
                zotero_version=copy.deepcopy(richest.zotero_version), incomplete=copy.deepcopy(richest.incomplete),
                extra=copy.deepcopy(richest.extra), layout=(*fields, "custom", "id"), custom_layout=(*kept, "cited_in"))


def _union_variants(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Both lists of variants, one entry per (value, document) with its first note, sorted by document, note."""
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for v in [*a, *b]:
        key = (_canon(_plain(v.get("value"))), str(v.get("document", "")))
        if key not in best or int(v.get("note", 0) or 0) < int(best[key].get("note", 0) or 0):
            best[key] = v
    return sorted(best.values(), key=lambda v: (str(v.get("document", "")), int(v.get("note", 0) or 0),
                                                _canon(v.get("value"))))


def variants_of(works: list[Work], cited: list[tuple[Citation, int]]) -> list[Work]:
    """The works with the author spellings of the short forms citing them (citation, index of its work)
    recorded as variants (copies; a work nothing is recorded on is passed as it is).

    Extract resolves "O'Bryan, *The Growth Idea*" (n. 49) to the full citation by "O'Byran" (n. 26); the other
    spelling would be lost. It is kept, with its document and note, as custom.variants.author:
    [{"value": [{"family": "O’Byran", "given": "Scott"}], "document", "note": 26},
     {"value": [{"family": "O'Bryan"}], "document", "note": 49}]. Nothing else of the short form is recorded.
    """
    extra: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c, i in cited:
        hint = c.author
        if not hint or not isinstance(c, (ShortCitation, SupraCitation)):
            continue
        people = [p for role in ("author", "editor", "translator") for p in works[i].csl.get(role) or []
                  if isinstance(p, dict)]
        families = {fold(p.get("family") or p.get("literal")).replace(" ", "") for p in people}
        spelled = [t for t in fold(hint).split() if t not in ("and", "et", "al", "ed", "eds")]
        if not people or not spelled or "".join(spelled) in families or any(t in families for t in spelled):
            continue
        extra[i].append({"value": [{"family": str(hint)}], "document": str(c.document), "note": int(c.note)})
    out = list(works)
    for i, found in extra.items():
        work = copy.deepcopy(works[i])
        role = next(r for r in ("author", "editor", "translator") if work.csl.get(r))
        own = {"value": work.csl[role], "document": document(work), "note": first_note(work)}
        recorded = work.variants if work.variants is not None else {}
        recorded[role] = _union_variants(recorded.get(role, [own]), found)
        out[i] = replace(work, variants=recorded)
    return out
