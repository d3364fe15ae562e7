"""The whole job: documents → extract → dedupe → catalog → Library (I/O only in `read` and the CLI)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.catalog import catalog
from zotero_cw.dedupe import DedupeResult, dedupe
from zotero_cw.errors import UserError
from zotero_cw.library import Library
from zotero_cw.models import FULL, UNPARSED, Citation, Document


@dataclass
class BuildResult:
    library: Library
    dedupe: DedupeResult
    summary: dict[str, Any] = field(default_factory=dict)


def parse_notes_options(values: list[str] | None) -> dict[str, Path]:
    """["DOC=FILE", ...] → {DOC: FILE}; a malformed value is a UserError."""
    out: dict[str, Path] = {}
    for v in values or []:
        doc, sep, file = v.partition("=")
        if not sep or not doc or not file:
            raise UserError(f"--notes expects DOC=FILE, got {v!r}")
        out[doc] = Path(file)
    return out


def read(paths: list[Path], notes: dict[str, Path] | None = None) -> list[Document]:
    """Read each document, with its endnotes file when --notes names it (by path or file name)."""
    from zotero_cw.document import read_document

    notes = dict(notes or {})
    docs = []
    for p in paths:
        file = notes.pop(str(p), None) or notes.pop(p.name, None)
        docs.append(read_document(p, file))
    if notes:
        raise UserError(f"--notes names a document that is not being built: {sorted(notes)[0]}")
    names = [d.name for d in docs]
    dup = sorted(n for n, c in Counter(names).items() if c > 1)
    if dup:
        raise UserError(f"document given twice: {dup[0]}")
    return docs


def build(documents: list[Document]) -> BuildResult:
    """Extract, deduplicate and catalogue: the library of these documents."""
    from zotero_cw.extract import extract

    ex = extract(documents)
    result = dedupe(list(ex.items), list(ex.clusters))
    items = catalog(result.items)
    cited = getattr(ex, "citations", None) or {}
    if not isinstance(cited, dict):  # a flat list: group it by document
        grouped: dict[str, list[Citation]] = {}
        for c in cited:
            grouped.setdefault(c.document, []).append(c)
        cited = grouped
    docs = [document_entry(d, list(cited.get(d.name, []))) for d in documents]
    merges = [{"id": m.id, "members": m.members, "evidence": m.evidence} for m in result.merges]
    lib = Library(items=items, clusters=result.clusters, documents=docs, merges=merges)
    return BuildResult(lib, result, summarize(lib))


def is_resolved(c: Citation) -> bool:
    if c.kind == UNPARSED:
        return False
    return c.kind == FULL or c.antecedent is not None or c.work is not None


def document_entry(doc: Document, citations: list[Citation]) -> dict[str, Any]:
    numbered = [n for n in doc.notes if n.n > 0]
    resolved = sum(1 for c in citations if is_resolved(c))
    return {"name": doc.name, "layout": doc.layout, "notes": len(numbered),
            "notes_missing": sum(1 for n in doc.notes if n.text_missing),
            "citations": len(citations), "resolved": resolved, "unresolved": len(citations) - resolved}


def summarize(lib: Library) -> dict[str, Any]:
    """Figures a historian reads after a build."""
    files: dict[str, set[tuple[str, ...]]] = {}
    docs_by_archive: Counter[str] = Counter()
    for it in lib.items:
        arch = (it.get("custom") or {}).get("archival") or {}
        if arch.get("archive"):
            files.setdefault(arch["archive"], set()).add(
                tuple(str(arch.get(k, "")) for k in ("fond", "opis", "delo")))
            docs_by_archive[arch["archive"]] += 1
    return {
        "documents": len(lib.documents),
        "notes": sum(d["notes"] for d in lib.documents),
        "notes_missing": sum(d["notes_missing"] for d in lib.documents),
        "citations": sum(d["citations"] for d in lib.documents),
        "resolved": sum(d["resolved"] for d in lib.documents),
        "unresolved": sum(d["unresolved"] for d in lib.documents),
        "works": len(lib.items),
        "merged": len(lib.merges),
        "archival": {a: {"files": len(f), "items": docs_by_archive[a]} for a, f in sorted(files.items())},
    }


def summary_lines(s: dict[str, Any], documents: list[dict[str, Any]]) -> list[str]:
    lines = [f"{s['documents']} documents, {s['notes']} notes ({s['notes_missing']} without text), "
             f"{s['citations']} citations ({s['resolved']} resolved, {s['unresolved']} unresolved)"]
    for d in documents:
        lines.append(f"  {d['name']}: {d['notes']} notes ({d['notes_missing']} without text), "
                     f"{d['citations']} citations ({d['unresolved']} unresolved)")
    lines.append(f"{s['works']} works ({s['merged']} of them merged from several citations)")
    if s["archival"]:
        lines.append("archival files: " + ", ".join(
            f"{a} {v['files']} file{'s' if v['files'] != 1 else ''} ({v['items']} documents)"
            for a, v in s["archival"].items()))
    return lines
