"""Documents → citations (parsed, resolved) → one CSL item per work per document + one cluster per note.

Items carry `custom.cited_in` (document, note, locator, label) and, for archival sources,
`custom.archival`; ids come from `keys.assign_keys`. Merging across documents is `dedupe`'s job.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.archives import Registry, default_registry
from zotero_cw.keys import assign_keys
from zotero_cw.models import FULL, SHORT, UNPARSED, Citation, Document
from zotero_cw.parse import ParseContext, parse_notes
from zotero_cw.parse.names import split_names
from zotero_cw.resolve import resolve


@dataclass
class Extraction:
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # document name → its citations
    items: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[dict[str, Any]] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    unread: list[dict[str, Any]] = field(default_factory=list)  # notes with text and no citation read


def _identity(item: dict[str, Any]) -> str:
    """Two full citations with this same string cite the same work."""
    data = {k: v for k, v in item.items() if k != "custom"}
    data["_archival"] = (item.get("custom") or {}).get("archival")
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _cited(c: Citation) -> dict[str, Any]:
    out: dict[str, Any] = {"document": c.document, "note": c.note}
    if c.locator:
        out["locator"] = c.locator
    if c.label:
        out["label"] = c.label
    return out


def _cluster_item(c: Citation, item_id: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item_id}
    for key in ("locator", "label", "prefix", "suffix"):
        value = getattr(c, key)
        if value:
            out[key] = value
    if not c.locator:
        out.pop("label", None)
    return out


def incomplete_item(c: Citation) -> dict[str, Any] | None:
    """A short form whose full citation is not in the document (books often give it only in a bibliography):
    an item with what the note gives — author and short title — marked incomplete, for dedupe to merge with a
    full record from any document of the library. Nothing else is filled in."""
    if not c.short_title:
        return None
    item: dict[str, Any] = {"type": "document", "title": c.short_title, "title-short": c.short_title}
    if c.author:
        names, _ = split_names(c.author)  # family names only, as the short form gives them
        if names:
            item["author"] = [{"family": name} for name in names]
    item["custom"] = {"incomplete": "short form only: the full citation is not in this document"}
    return item


def _stem(name: str) -> str:
    return Path(name).stem


def extract(documents: list[Document], registry: Registry | None = None, model: str | None = None) -> Extraction:
    """Parse and resolve every note of every document; build items, clusters and the report."""
    registry = registry or default_registry()
    result = Extraction()
    warnings: list[str] = []
    per_doc_items: list[tuple[str, dict[str, Any], list[Citation]]] = []  # (document, item, citations)
    notes_read = 0
    section_of: dict[int, int] = {}
    for doc in documents:
        warnings.extend(doc.warnings)
        ctx = ParseContext(registry=registry, model=model)
        citations: list[Citation] = []
        for note, found in zip(doc.notes, parse_notes(doc.notes, ctx), strict=True):
            notes_read += 1
            if not found and note.text and note.text.strip():
                result.unread.append({"document": doc.name, "note": note.n, "text": note.text})
            section_of.update((id(c), note.section) for c in found)  # notes numbered again per chapter
            citations.extend(found)
        warnings.extend(ctx.warnings)
        warnings.extend(resolve(citations))
        for c in citations:
            warnings.extend(f"{c.document} note {c.note}: {w}" for w in c.warnings if c.kind == FULL)
        result.citations[doc.name] = citations
        # one item per work: identical full citations collapse; chains follow their antecedent
        by_identity: dict[str, int] = {}
        work_of: dict[int, int] = {}
        for i, c in enumerate(citations):
            item = c.item if c.kind == FULL else incomplete_item(c) if c.kind == SHORT and c.antecedent is None \
                else None
            if item and c.kind == SHORT:
                c.reason = f"{c.reason}; kept as an incomplete item (author and short title only)"
            if item:
                key = _identity(item)
                if key not in by_identity:
                    by_identity[key] = len(per_doc_items)
                    per_doc_items.append((doc.name, dict(item), []))
                work_of[i] = by_identity[key]
        for i, c in enumerate(citations):
            if i in work_of:
                target = work_of[i]
            else:
                target = work_of.get(c.antecedent) if c.antecedent is not None else None
            if target is not None:
                per_doc_items[target][2].append(c)
    ids = assign_keys([item for _, item, _ in per_doc_items])
    id_of_citation: dict[int, str] = {}
    for (_, item, cited), item_id in zip(per_doc_items, ids, strict=True):
        custom = dict(item.get("custom") or {})
        custom["cited_in"] = [_cited(c) for c in cited]
        result.items.append({"id": item_id, **{k: v for k, v in item.items() if k != "custom"}, "custom": custom})
        for c in cited:
            c.work = item_id
            id_of_citation[id(c)] = item_id
    for doc in documents:
        by_note: dict[tuple[int, int], list[Citation]] = {}
        for c in result.citations[doc.name]:
            by_note.setdefault((section_of.get(id(c), 1), c.note), []).append(c)
        for note in doc.notes:
            items = [_cluster_item(c, id_of_citation[id(c)]) for c in by_note.get((note.section, note.n), [])
                     if id(c) in id_of_citation]
            section = f"s{note.section}-" if note.section > 1 else ""
            result.clusters.append({
                "citationID": f"{_stem(doc.name)}-{section}n{note.n}",
                "citationItems": items,
                "properties": {"noteIndex": note.n, "document": doc.name},
            })
    result.report = _report(result, notes_read, warnings)
    return result


def _report(result: Extraction, notes_read: int, warnings: list[str]) -> dict[str, Any]:
    all_cits = [c for cs in result.citations.values() for c in cs]
    kinds = Counter(c.kind for c in all_cits)
    chained = [c for c in all_cits if c.kind not in (FULL, UNPARSED)]
    unresolved = [c for c in chained if c.antecedent is None]
    return {
        "documents": len(result.citations),
        "notes": notes_read,
        "citations": len(all_cits),
        "by_kind": dict(sorted(kinds.items())),
        "items": len(result.items),
        "resolved": len(chained) - len(unresolved),
        "unresolved": [{"document": c.document, "note": c.note, "kind": c.kind, "text": c.text,
                        "reason": c.reason} for c in unresolved],
        "unparsed": [{"document": c.document, "note": c.note, "text": c.text, "reason": c.reason}
                     for c in all_cits if c.kind == UNPARSED],
        "no_citation": result.unread,
        "warnings": warnings,
    }


def format_report(report: dict[str, Any]) -> str:
    """The report as lines for stderr."""
    kinds = ", ".join(f"{k} {v}" for k, v in report["by_kind"].items())
    lines = [
        f"notes read: {report['notes']} in {report['documents']} document(s)",
        f"citations found: {report['citations']} ({kinds})",
        f"works (items): {report['items']}",
        f"resolved (ibid./short/supra): {report['resolved']}",
        f"unresolved: {len(report['unresolved'])}",
    ]
    lines += [f"  {u['document']} note {u['note']}: {u['kind']} {u['text']!r}: {u['reason']}"
              for u in report["unresolved"]]
    if report["unparsed"]:
        lines.append(f"unparsed: {len(report['unparsed'])}")
        lines += [f"  {u['document']} note {u['note']}: {u['text']!r}" for u in report["unparsed"]]
    if report.get("no_citation"):
        lines.append(f"notes with no citation read (kept, text below): {len(report['no_citation'])}")
        lines += [f"  {u['document']} note {u['note']}: {u['text'][:100]!r}" for u in report["no_citation"]]
    lines.append(f"warnings: {len(report['warnings'])}")
    lines += [f"  {w}" for w in report["warnings"]]
    return "\n".join(lines)
