"""Benchmark: parse + resolve distinct real notes (the footnote corpus and fixture 000's hand-annotated notes,
no repeats); print notes/second on one core and peak memory at two sizes (memory should stay flat), then the
pathological inputs that must stay linear: one 50 KB note and notes of 5,000 repeated fragments, and last a
whole `zotero-cw extract` process on an endnotes file of all those notes. Not a test.

    python bench/bench_parse.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zotero_cw.models import Note  # noqa: E402
from zotero_cw.parse import ParseContext, parse_notes, prefetch  # noqa: E402
from zotero_cw.parse.corpus import corpus_files, read_notes_file  # noqa: E402
from zotero_cw.resolve import resolve  # noqa: E402


def distinct_notes() -> list[Note]:
    files = corpus_files(ROOT / "corpus" / "notes") + [ROOT / "corpus" / "eval" / "fixture000.xml"]
    seen: set[str] = set()
    out = []
    for path in files:
        for gn in read_notes_file(path):
            if gn.text not in seen:
                seen.add(gn.text)
                out.append(Note(path.relative_to(ROOT / "corpus").as_posix(), len(out) + 1, gn.text))
    return out


def run(notes: list[Note]) -> int:
    """Parse and resolve the notes document by document (each source file is a document, with its own context,
    as `extract` reads each document)."""
    documents: dict[str, list[Note]] = {}
    for note in notes:
        documents.setdefault(note.document, []).append(note)
    total = 0
    prefetch(list(documents.values()), ParseContext())  # as extract does: the documents labelled together
    for doc_notes in documents.values():
        cits = [c for found in parse_notes(doc_notes, ParseContext()) for c in found]
        resolve(cits)
        total += len(cits)
    return total


def timed(label: str, notes: list[Note], times: int = 3) -> float:
    """The median of `times` runs (this machine's speed varies from run to run by a few per cent)."""
    runs = []
    n = 0
    for _ in range(times):
        ParseContext().labeller().forget()  # no labels kept from an earlier run: every note is read afresh
        start, cpu = time.perf_counter(), time.process_time()
        n = run(notes)
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    elapsed, used = sorted(runs)[len(runs) // 2]
    print(f"{label}: {len(notes)} notes, {n} citations in {elapsed:.2f} s = {len(notes) / elapsed:,.0f} notes/s "
          f"({used:.2f} s of CPU = {len(notes) / used:,.0f} notes/s on one core; median of {times} runs)")
    return elapsed


def peak(notes: list[Note]) -> float:
    tracemalloc.start()
    run(notes)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20


def main() -> None:
    notes = distinct_notes()
    run(notes[:20])  # load the model once, as every process does
    timed("distinct notes", notes)
    book = [Note("book.txt", n.n, n.text) for n in notes]
    timed("the same notes as one document (a book's; words scored already)", book)
    half = notes[: len(notes) // 2]
    print(f"peak memory: {peak(half):.1f} MiB for {len(half)} notes, {peak(notes):.1f} MiB for {len(notes)}")
    # one very long note in a document of short ones: the decoder's tables stay bounded (groups, parse/crf.py)
    long_note = Note(half[0].document, 0, " ".join(n.text for n in notes)[:300_000])
    print(f"peak memory with one 300 KB note among {len(half)}: {peak([long_note, *half]):.1f} MiB")
    big = " ".join(n.text for n in notes)[:50_000]
    for label, text_of in (("one note of", lambda k: big[: k * 1000]),
                           ("'RGASPI 1/1/1 ' x", lambda k: "RGASPI 1/1/1 " * (k * 100)),
                           ("'*A*, ' x", lambda k: "*A*, " * (k * 100)),
                           # sentences that each name a telegram: the note's file looked for once, not each time
                           ("telegram sentences x", lambda k: " ".join(f"He wrote in telegram {i}, May 1. It was read."
                                                                       for i in range(k * 10)))):
        times = []
        for k in (12, 50):
            t = time.perf_counter()
            run([Note("big.txt", 1, text_of(k))])
            times.append(time.perf_counter() - t)
        unit = "KB" if label.startswith("one") else ""
        size = (12, 50) if unit else (120, 500) if label.startswith("telegram") else (1200, 5000)
        print(f"{label} {size[0]}{unit}: {times[0]:.3f} s, {size[1]}{unit}: {times[1]:.3f} s "
              f"(ratio {times[1] / max(times[0], 1e-9):.1f} for 4.2x the input)")
    times = []
    for k in (1200, 5000):  # notes that each say "op. cit." of an author never cited: resolved through indexes
        many = [Note("opcit.txt", i, f"Ward, Brezhnev's Folly (Pittsburgh, 2009), {i}." if i == 1 else
                     "Nobody, op. cit., 4.") for i in range(1, k + 1)]
        t = time.perf_counter()
        run(many)
        times.append(time.perf_counter() - t)
    print(f"'Nobody, op. cit.' notes 1200: {times[0]:.3f} s, 5000: {times[1]:.3f} s "
          f"(ratio {times[1] / max(times[0], 1e-9):.1f} for 4.2x the input)")
    for part in (notes[: len(notes) // 4], notes[: len(notes) // 2], notes):
        whole_process(part)


# the process reports its own peak resident memory as it ends (what a user's machine gives it)
_WITH_PEAK = ("import resource, sys; from zotero_cw.cli import main; code = main(sys.argv[1:]); "
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)")


def whole_process(notes: list[Note]) -> None:
    """`zotero-cw extract` of an article with these notes as its endnotes, a process of its own: its time
    and its peak memory (a fresh process: nothing labelled or scored before)."""
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "article.txt"
        body = " ".join(f"Sentence {i}.{i}" for i in range(1, len(notes) + 1))
        doc.write_text(body + "\n", encoding="utf-8")
        endnotes = Path(tmp) / "notes.txt"
        endnotes.write_text("\n\n".join(f"{i}. {' '.join(n.text.split())}" for i, n in enumerate(notes, 1)),
                            encoding="utf-8")
        cli = [sys.executable, "-c", _WITH_PEAK, "extract", str(doc), "--notes", f"{doc.name}={endnotes}",
               "-o", str(Path(tmp) / "out")]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        t = time.perf_counter()
        proc = subprocess.run(cli, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - t
        last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
        rss = f"{int(last) / 1024:.0f} MiB" if last.isdigit() else "?"
        print(f"whole process `zotero-cw extract` of {len(notes)} notes: {elapsed:.2f} s (exit {proc.returncode})"
              f" = {len(notes) / elapsed:,.0f} notes/s, peak resident memory {rss}")

if __name__ == "__main__":
    main()
