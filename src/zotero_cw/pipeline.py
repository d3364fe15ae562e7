"""The whole job: documents → extract → dedupe → catalog → Library (I/O only in `read` and the CLI)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.catalog import catalog
from zotero_cw.dedupe import DedupeResult, dedupe, short_form_variants
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
    from zotero_cw.read import read_document

    notes = dict(notes or {})
    docs = []
    for p in paths:
        file = notes.pop(str(p), None) or notes.pop(p.name, None)
        docs.append(read_document(p, file))
    if notes:
        raise UserError(f"--notes names a document not among those given: {sorted(notes)[0]}")
    names = [d.name for d in docs]
    dup = sorted(n for n, c in Counter(names).items() if c > 1)
    if dup:
        raise UserError(f"document given twice: {dup[0]}")
    return docs


@dataclass
class Prepared:
    """Per-document items and clusters of some documents, ready to merge into a library."""

    items: list[dict[str, Any]]
    clusters: list[dict[str, Any]]
    documents: list[dict[str, Any]]  # the documents' entries (counts and problems), sorted by name


def prepare(documents: list[Document]) -> Prepared:
    """Extract the documents' citations; short-form spellings recorded as variants."""
    from zotero_cw.extract import extract

    ex = extract(documents)
    cited = getattr(ex, "citations", None) or {}
    if not isinstance(cited, dict):  # a flat list: group it by document
        grouped: dict[str, list[Citation]] = {}
        for c in cited:
            grouped.setdefault(c.document, []).append(c)
        cited = grouped
    items = short_form_variants(list(ex.items), cited)
    docs = sorted((document_entry(d, list(cited.get(d.name, []))) for d in documents), key=lambda d: d["name"])
    return Prepared(items, list(ex.clusters), docs)


def build(documents: list[Document]) -> BuildResult:
    """Extract, deduplicate and catalogue: the library of these documents alone (nothing stored)."""
    prep = prepare(documents)
    result = dedupe(prep.items, prep.clusters)
    catalogued = catalog(result.items)
    merges = [{"id": m.id, "members": m.members, "evidence": m.evidence} for m in result.merges]
    lib = Library(items=catalogued, clusters=result.clusters, documents=prep.documents, merges=merges)
    return BuildResult(lib, result, summarize(lib))


def is_resolved(c: Citation) -> bool:
    if c.kind == UNPARSED:
        return False
    return c.kind == FULL or c.antecedent is not None  # a short form kept as an incomplete item is not


def document_entry(doc: Document, citations: list[Citation]) -> dict[str, Any]:
    numbered = [n for n in doc.notes if n.n > 0]
    problems = [{"note": c.note, "kind": c.kind, "text": c.text, "reason": c.reason or ""}
                for c in citations if not is_resolved(c)]
    cited = {c.note for c in citations}
    silent = [{"note": n.n, "text": n.text} for n in doc.notes
              if n.text and n.text.strip() and n.n not in cited]
    return {"name": doc.name, "layout": doc.layout, "notes": len(numbered),
            "notes_missing": sum(1 for n in doc.notes if n.text_missing),
            "citations": len(citations), "resolved": len(citations) - len(problems),
            "unresolved": len(problems), "problems": problems, "no_citation": silent}


def summarize(lib: Library) -> dict[str, Any]:
    """Figures a historian reads after a build."""
    files: dict[str, set[tuple[str, ...]]] = {}
    docs_by_archive: Counter[str] = Counter()
    cross = 0
    for it in lib.items:
        custom = it.get("custom") or {}
        arch = custom.get("archival") or {}
        if arch.get("archive"):
            files.setdefault(arch["archive"], set()).add(
                tuple(str(arch.get(k, "")) for k in ("fond", "opis", "delo")))
            docs_by_archive[arch["archive"]] += 1
        if len({c.get("document") for c in custom.get("cited_in") or []}) > 1:
            cross += 1
    archival = sum(docs_by_archive.values())
    return {
        "documents": len(lib.documents),
        "notes": sum(d["notes"] for d in lib.documents),
        "notes_missing": sum(d["notes_missing"] for d in lib.documents),
        "citations": sum(d["citations"] for d in lib.documents),
        "resolved": sum(d["resolved"] for d in lib.documents),
        "unresolved": sum(d["unresolved"] for d in lib.documents),
        "works": len(lib.items),
        "published": len(lib.items) - archival,
        "archival_items": archival,
        "merged": len(lib.merges),
        "cited_in_several_documents": cross,
        "archival": {a: {"files": len(f), "items": docs_by_archive[a]} for a, f in sorted(files.items())},
        "problems": [{"document": d["name"], **p} for d in lib.documents for p in d.get("problems", [])],
    }


MAX_PROBLEMS = 10
_KINDS = {"ibid": "ibid.", "short": "short form", "supra": "supra", "unparsed": "not read", "full": "full"}


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def summary_lines(s: dict[str, Any], documents: list[dict[str, Any]]) -> list[str]:
    """The build summary as a historian reads it: what was read, what the library holds, what to check."""
    lines = [f"Read {_plural(s['documents'], 'document')}: {_plural(s['notes'], 'note')}, "
             f"{_plural(s['citations'], 'citation')} ({s['resolved']} resolved, {s['unresolved']} unresolved)"]
    for d in documents:
        line = f"  {d['name']}: {_plural(d['notes'], 'note')}, {_plural(d['citations'], 'citation')}"
        if d["unresolved"]:
            line += f", {d['unresolved']} unresolved"
        if d["notes_missing"] and d["notes_missing"] >= d["notes"]:
            line += f"; no note texts in the document (give them with --notes {d['name']}=FILE)"
        elif d["notes_missing"]:
            line += f"; {_plural(d['notes_missing'], 'note')} without text"
        lines.append(line)
    lines.append(f"Library: {_plural(s['works'], 'work')} ({s['published']} published, "
                 f"{s['archival_items']} archival)")
    if s["merged"]:
        lines.append(f"  {_plural(s['merged'], 'work')} merged from citations written differently or in several "
                     f"documents, {s['cited_in_several_documents']} cited in more than one document "
                     "(why: zotero-cw dedupe --explain)")
    else:
        lines.append("  nothing merged: no work is cited in full in two forms or in two documents")
    if s["archival"]:
        lines.append("  archives: " + "; ".join(
            f"{a} {_plural(v['items'], 'item')} in {_plural(v['files'], 'file')}" for a, v in s["archival"].items()))
    problems = s.get("problems") or []
    if problems:
        lines.append(f"{_plural(len(problems), 'citation')} not understood (check these notes):")
        for p in problems[:MAX_PROBLEMS]:
            text = " ".join(str(p["text"]).split())
            text = text if len(text) <= 70 else text[:67] + "..."
            reason = f" — {p['reason']}" if p.get("reason") else ""
            kind = _KINDS.get(str(p["kind"]), str(p["kind"]))
            lines.append(f"  {p['document']} n. {p['note']} ({kind}): {text!r}{reason}")
        if len(problems) > MAX_PROBLEMS:
            lines.append(f"  ... and {len(problems) - MAX_PROBLEMS} more (zotero-cw extract prints them all)")
    silent = [{"document": d["name"], **n} for d in documents for n in d.get("no_citation") or []]
    if silent:
        lines.append(f"{_plural(len(silent), 'note')} with text but no citation read (commentary, or a form "
                     "zotero-cw does not know; kept):")
        for n in silent[:MAX_PROBLEMS]:
            text = " ".join(str(n["text"]).split())
            lines.append(f"  {n['document']} n. {n['note']}: {text if len(text) <= 70 else text[:67] + '...'!r}")
        if len(silent) > MAX_PROBLEMS:
            lines.append(f"  ... and {len(silent) - MAX_PROBLEMS} more (zotero-cw extract prints them all)")
    return lines
