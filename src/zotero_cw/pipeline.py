"""The whole job as one list of stages, ids assigned once (I/O only in `read` and the CLI):

    read → parse → resolve → group → clusters → variants → dedupe → keys → catalog      (`STAGES`, build)

`extract` runs the same list without variants, dedupe and catalog (`EXTRACT`: per-document items);
`prepare` (what `add` merges into a library) without dedupe and catalog (`PREPARE`).

From `group` on, the stages pass `models.Work`s (`Run.items`); CSL-JSON is made at the end, for the library
(`build`, `prepare`) and items.json (`extract.extract`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.catalog import catalog_work
from zotero_cw.dedupe import Merge, merge_groups, variants_of
from zotero_cw.errors import UserError
from zotero_cw.extract import Run, clusters, document_entry, group, keys, parse, resolve_stage
from zotero_cw.keys import assign_keys
from zotero_cw.library import Library
from zotero_cw.models import Document, archival_of, cited_in

Stage = Callable[[Run], None]


@dataclass
class BuildResult:
    library: Library
    merges: list[Merge]
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


# ---- the stages extract does not run ----

def read_stage(run: Run) -> None:
    """The files → documents (when the run was given files, not documents)."""
    if run.paths is not None:
        run.documents = read(run.paths, run.notes)


def variants(run: Run) -> None:
    """Short-form spellings of an author recorded on their work as its variants."""
    cited = [(c, run.work_of[id(c)]) for name in sorted(run.citations) for c in run.citations[name]
             if id(c) in run.work_of]
    run.items = variants_of(run.items, cited)


def dedupe(run: Run) -> None:
    """Works of several notes and documents merged into one (`dedupe.merge_groups`)."""
    # an untitled item is named in the merge evidence by the key it would have among the per-document works
    # (its collision suffix depends on them all, not on the merged works the keys stage sees)
    grouping = merge_groups(run.items, names=assign_keys(run.items))
    work = {n: g for g, group_ in enumerate(grouping.groups) for n in group_.members}
    run.merged_from = [[run.items[n] for n in g.members] for g in grouping.groups]
    run.evidence = [g.evidence for g in grouping.groups]
    run.items = [g.work for g in grouping.groups]
    run.work_of = {c: work[n] for c, n in run.work_of.items()}
    for cluster in run.clusters:
        for ci in cluster["citationItems"]:
            ci["id"] = work[ci["id"]]


def catalog_stage(run: Run) -> None:
    """Tags and collection paths."""
    run.items = [catalog_work(w) for w in run.items]


STAGES: tuple[Stage, ...] = (read_stage, parse, resolve_stage, group, clusters, variants, dedupe, keys,
                             catalog_stage)
EXTRACT: tuple[Stage, ...] = tuple(s for s in STAGES if s not in (variants, dedupe, catalog_stage))
PREPARE: tuple[Stage, ...] = tuple(s for s in STAGES if s not in (dedupe, catalog_stage))


def run_stages(run: Run, stages: Sequence[Stage] = STAGES) -> Run:
    for stage in stages:
        stage(run)
    return run


@dataclass
class Prepared:
    """Per-document items and clusters of some documents, ready to merge into a library."""

    items: list[dict[str, Any]]  # CSL-JSON, as the library takes them
    clusters: list[dict[str, Any]]
    documents: list[dict[str, Any]]  # the documents' entries (counts and problems), sorted by name


def _entries(run: Run) -> list[dict[str, Any]]:
    return sorted((document_entry(d, run.citations.get(d.name, [])) for d in run.documents), key=lambda d: d["name"])


def prepare(documents: list[Document]) -> Prepared:
    """Extract the documents' citations; short-form spellings recorded as variants."""
    run = run_stages(Run(documents), PREPARE)
    return Prepared([w.to_csl() for w in run.items], run.clusters, _entries(run))


def build(documents: list[Document]) -> BuildResult:
    """Every stage: the library of these documents alone (nothing stored)."""
    run = run_stages(Run(documents), STAGES)
    merges = [{"id": m.id, "members": m.members, "evidence": m.evidence} for m in run.merges]
    lib = Library(items=[w.to_csl() for w in run.items], clusters=run.clusters, documents=_entries(run), merges=merges)
    return BuildResult(lib, run.merges, summarize(lib))


def summarize(lib: Library) -> dict[str, Any]:
    """Figures a historian reads after a build."""
    files: dict[str, set[tuple[str, ...]]] = {}
    docs_by_archive: Counter[str] = Counter()
    cross = 0
    for it in lib.items:
        arch = archival_of(it)
        if arch.get("archive"):
            files.setdefault(arch["archive"], set()).add(
                tuple(str(arch.get(k, "")) for k in ("fond", "opis", "delo")))
            docs_by_archive[arch["archive"]] += 1
        if len({c.document for c in cited_in(it)}) > 1:
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
