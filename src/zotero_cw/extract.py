"""The first stages of the pipeline: parse → resolve → group (one work per cited work per document), and the
report. `extract(documents)` runs them with `keys` and `clusters` (`pipeline.EXTRACT`): per-document works with
where they are cited (document, note, locator, label) and, for archival sources, their archival reference, given
out as CSL-JSON items (`custom.cited_in`, `custom.archival`); merging across documents is the `dedupe` stage's job.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.archives import Registry, default_registry
from zotero_cw.dedupe import Merge
from zotero_cw.models import (
    BackReference,
    Citation,
    CitedIn,
    Document,
    FullCitation,
    ShortCitation,
    UnparsedCitation,
    Work,
    canonical,
    identity,
)
from zotero_cw.parse import ParseContext, parse_notes, prefetch
from zotero_cw.parse.names import split_names
from zotero_cw.resolve import DEFAULT_RULES, Rule, resolve


@dataclass
class Run:
    """What the pipeline's stages pass along; each stage fills its part."""

    documents: list[Document] = field(default_factory=list)
    paths: list[Path] | None = None  # read: the files (documents given instead when None)
    notes: dict[str, Path] | None = None  # read: endnotes files by document
    registry: Registry | None = None
    model: str | None = None
    rules: tuple[tuple[type[Citation], Rule], ...] = DEFAULT_RULES  # resolve
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # parse: document name → its citations
    section_of: dict[int, int] = field(default_factory=dict)  # id(citation) → section of its note
    notes_read: int = 0
    unread: list[dict[str, Any]] = field(default_factory=list)  # notes with text and no citation read
    warnings: dict[str, list[str]] = field(default_factory=dict)  # by document
    items: list[Work] = field(default_factory=list)  # group: the works (id None until keys)
    work_of: dict[int, int] = field(default_factory=dict)  # id(citation) → index in items
    merged_from: list[list[Work]] | None = None  # dedupe: the per-document works of each work
    evidence: list[list[str]] = field(default_factory=list)  # dedupe: why they were joined
    merges: list[Merge] = field(default_factory=list)  # keys: works made of several items
    clusters: list[dict[str, Any]] = field(default_factory=list)  # citation items' "id": index in items until keys


@dataclass
class Extraction:
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # document name → its citations
    items: list[dict[str, Any]] = field(default_factory=list)  # CSL-JSON (items.json)
    clusters: list[dict[str, Any]] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    unread: list[dict[str, Any]] = field(default_factory=list)  # notes with text and no citation read


def extract(documents: list[Document], registry: Registry | None = None, model: str | None = None,
            rules: tuple[tuple[type[Citation], Rule], ...] = DEFAULT_RULES) -> Extraction:
    """Parse and resolve every note of every document; build items, clusters and the report."""
    from zotero_cw.pipeline import EXTRACT, run_stages

    run = run_stages(Run(documents, registry=registry, model=model, rules=rules), EXTRACT)
    return Extraction(run.citations, [w.to_csl() for w in run.items], run.clusters, report(run), run.unread)


# ---- stages ----

def parse(run: Run) -> None:
    """Every note → its citations (`parse_notes`, a document at a time); notes with text and none are kept as
    unread."""
    registry = run.registry or default_registry()
    prefetch([doc.notes for doc in run.documents], ParseContext(registry=registry, model=run.model))
    for doc in run.documents:
        warnings = run.warnings.setdefault(doc.name, [])
        warnings.extend(doc.warnings)
        ctx = ParseContext(registry=registry, model=run.model)
        citations: list[Citation] = []
        for note, found in zip(doc.notes, parse_notes(doc.notes, ctx), strict=True):
            run.notes_read += 1
            if not found and note.text and note.text.strip():
                run.unread.append({"document": doc.name, "note": note.n, "text": note.text})
            run.section_of.update((id(c), note.section) for c in found)  # notes numbered again per chapter
            citations.extend(found)
        warnings.extend(ctx.warnings)
        run.citations[doc.name] = citations


def resolve_stage(run: Run) -> None:
    """ibid. / short forms / supra → their full citation, by `run.rules`."""
    for doc in run.documents:
        citations = run.citations[doc.name]
        warnings = run.warnings.setdefault(doc.name, [])
        warnings.extend(resolve(citations, run.rules))
        for c in citations:
            if isinstance(c, FullCitation):
                warnings.extend(f"{c.document} note {c.note}: {w}" for w in c.warnings)


def group(run: Run) -> None:
    """One work per cited work per document: identical full citations collapse, chains follow their
    antecedent, a short form with none is kept as an incomplete item."""
    for doc in run.documents:
        citations = run.citations[doc.name]
        works: list[Work] = []
        by_identity: dict[str, int] = {}
        work_of: dict[int, int] = {}
        for i, c in enumerate(citations):
            work = _work(c)
            if work and isinstance(c, ShortCitation):
                c.reason = f"{c.reason}; kept as an incomplete item (author and short title only)"
            if work:
                key = canonical(identity(work))
                if key not in by_identity:
                    by_identity[key] = len(works)
                    works.append(work)
                work_of[i] = by_identity[key]
        for i, c in enumerate(citations):
            target = work_of[i] if i in work_of else work_of.get(c.antecedent) if c.antecedent is not None else None
            if target is not None:
                works[target].cited_in.append(CitedIn.of(c))
                run.work_of[id(c)] = len(run.items) + target
        run.items.extend(works)


def _work(c: Citation) -> Work | None:
    """The work a citation gives: a full citation's CSL fields (written out as zotero-cw writes a work), what a
    short form with no full citation gives (`incomplete_work`), else none."""
    if isinstance(c, FullCitation):
        return Work.from_csl(c.item, layout=False) if c.item else None
    if isinstance(c, ShortCitation) and c.antecedent is None:
        return incomplete_work(c)
    return None


def incomplete_work(c: Citation) -> Work | None:
    """A short form whose full citation is not in the document (books often give it only in a bibliography):
    a work with what the note gives — author and short title — marked incomplete, for dedupe to merge with a
    full record from any document of the library. Nothing else is filled in."""
    if not c.short_title:
        return None
    fields: dict[str, Any] = {"type": "document", "title": c.short_title, "title-short": c.short_title}
    if c.author:
        names, _ = split_names(c.author)  # family names only, as the short form gives them
        if names:
            fields["author"] = [{"family": name} for name in names]
    return Work(fields, incomplete="short form only: the full citation is not in this document")


def keys(run: Run) -> None:
    """The works' ids, once (`keys.assign_keys`), written into the items, the clusters (which held the works'
    indices), the citations and the merges; after dedupe the clusters are sorted by document and note."""
    from zotero_cw.dedupe import merge_record
    from zotero_cw.keys import assign_keys

    for work, key in zip(run.items, assign_keys(run.items), strict=True):
        work.id = key
    for cluster in run.clusters:
        for ci in cluster["citationItems"]:
            ci["id"] = run.items[ci["id"]].id
    for citations in run.citations.values():
        for c in citations:
            if id(c) in run.work_of:
                c.work = run.items[run.work_of[id(c)]].id
    if run.merged_from is not None:
        records = (merge_record(str(w.id), m, e) for w, m, e in zip(run.items, run.merged_from, run.evidence,
                                                                     strict=True))
        run.merges = [m for m in records if m]
        run.clusters.sort(key=lambda c: (str(c["properties"]["document"]), int(c["properties"]["noteIndex"] or 0),
                                         str(c["citationID"])))


def _cluster_item(c: Citation, work: int) -> dict[str, Any]:
    out: dict[str, Any] = {"id": work}
    for key in ("locator", "label", "prefix", "suffix"):
        value = getattr(c, key)
        if value:
            out[key] = value
    if not c.locator:
        out.pop("label", None)
    return out


def clusters(run: Run) -> None:
    """One cluster per note (citeproc-js / Zotero form) citing its works by index in `run.items` (`keys`
    writes their ids)."""
    for doc in run.documents:
        by_note: dict[tuple[int, int], list[Citation]] = {}
        for c in run.citations[doc.name]:
            by_note.setdefault((run.section_of.get(id(c), 1), c.note), []).append(c)
        for note in doc.notes:
            items = [_cluster_item(c, run.work_of[id(c)])
                     for c in by_note.get((note.section, note.n), []) if id(c) in run.work_of]
            section = f"s{note.section}-" if note.section > 1 else ""
            run.clusters.append({
                "citationID": f"{Path(doc.name).stem}-{section}n{note.n}",
                "citationItems": items,
                "properties": {"noteIndex": note.n, "document": doc.name},
            })


# ---- the report ----

def problems(citations: list[Citation]) -> list[Citation]:
    """The citations not understood: unparsed, or a back-reference that found no full citation."""
    return [c for c in citations if not c.resolved]


def report(run: Run) -> dict[str, Any]:
    """What was read and what was not (`format_report` prints it; the build keeps `problems` per document)."""
    all_cits = [c for cs in run.citations.values() for c in cs]
    kinds = Counter(c.kind for c in all_cits)
    chained = [c for c in all_cits if isinstance(c, BackReference)]
    not_read = problems(all_cits)
    return {
        "documents": len(run.citations),
        "notes": run.notes_read,
        "citations": len(all_cits),
        "by_kind": dict(sorted(kinds.items())),
        "items": len(run.items),
        "resolved": sum(1 for c in chained if c.resolved),
        "unresolved": [{"document": c.document, "note": c.note, "kind": c.kind, "text": c.text,
                        "reason": c.reason} for c in not_read if isinstance(c, BackReference)],
        "unparsed": [{"document": c.document, "note": c.note, "text": c.text, "reason": c.reason}
                     for c in not_read if isinstance(c, UnparsedCitation)],
        "no_citation": run.unread,
        "warnings": [w for doc in run.documents for w in run.warnings.get(doc.name, [])],
    }


def document_entry(doc: Document, citations: list[Citation]) -> dict[str, Any]:
    """A document's part of the report as the library keeps it: counts, `problems`, notes with no citation."""
    numbered = [n for n in doc.notes if n.n > 0]
    not_read = [{"note": c.note, "kind": c.kind, "text": c.text, "reason": c.reason or ""}
                for c in problems(citations)]
    cited = {c.note for c in citations}
    silent = [{"note": n.n, "text": n.text} for n in doc.notes
              if n.text and n.text.strip() and n.n not in cited]
    return {"name": doc.name, "layout": doc.layout, "notes": len(numbered),
            "notes_missing": sum(1 for n in doc.notes if n.text_missing),
            "citations": len(citations), "resolved": len(citations) - len(not_read),
            "unresolved": len(not_read), "problems": not_read, "no_citation": silent}


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
