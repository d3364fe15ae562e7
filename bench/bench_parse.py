"""Benchmark: parse + resolve a corpus of >= 100,000 notes built from the fixtures' notes (varied and
repeated); print notes/second (untraced run) and peak memory (a second run under tracemalloc, whose own
speed is shown for comparison with earlier figures). Not a test. Usage: python bench/bench_parse.py [N]"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

from zotero_cw.models import Note
from zotero_cw.parse import ParseContext, parse_note
from zotero_cw.read import read_document
from zotero_cw.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list[Note]:
    """n notes: fixture notes, varied (numbers, page/leaf values, signal phrases) and repeated."""
    base = [note.text for path in sorted((ROOT / "fixtures").glob("*.txt"))
            for note in read_document(path).notes if note.text]
    rng = random.Random(3)
    out = []
    for i in range(n):
        text = base[i % len(base)]
        if i // len(base) % 2:  # vary locators and add a signal phrase on alternate passes
            text = text.replace("p. ", f"p. {rng.randint(1, 9)}").replace("L. ", f"L. {rng.randint(1, 9)}")
            if not text.startswith(("*Ibid", "Ibid")):
                text = "See also " + text[0].lower() + text[1:]
        out.append(Note("bench.txt", i % 400 + 1, text))
    return out


def run(notes: list[Note]) -> int:
    """Parse and resolve `notes` as documents of 400 notes; return the number of citations."""
    total = 0
    for chunk in range(0, len(notes), 400):
        ctx = ParseContext()
        cits = []
        for note in notes[chunk: chunk + 400]:
            cits.extend(parse_note(note, ctx))
        resolve(cits)
        total += len(cits)
    return total


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    notes = corpus(n)
    # Timing runs without tracemalloc: tracing every allocation slows this code about 4x, so a traced
    # run measures tracemalloc. Peak memory comes from a second, traced run.
    start = time.perf_counter()
    total = run(notes)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    traced_start = time.perf_counter()
    run(notes)
    traced = time.perf_counter() - traced_start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{len(notes)} notes, {total} citations in {elapsed:.1f} s: {len(notes) / elapsed:,.0f} notes/s; "
          f"peak memory {peak / 2**20:.1f} MiB (traced run: {len(notes) / traced:,.0f} notes/s)")


if __name__ == "__main__":
    main()
