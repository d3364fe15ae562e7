"""Deduplicate 100,000 citations (the fixtures' works, varied and repeated); print time and peak memory.

    .venv/bin/python bench/bench_dedupe.py [--citations N] [--seed S]

Seeds are the items extract reads from fixtures/ (001 with the synthetic test endnotes of tests/data; the
hand-made test items if extract is not there);
each copy of a document renames it and varies its works: transposed letters in names, dropped subtitles,
dropped volume/place/publisher, and about a third replaced by new works so the library keeps growing.
"""

from __future__ import annotations

import argparse
import copy
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("soviet japan trade oil timber treaty cold war moscow tokyo economy politics memory empire "
         "diplomacy siberia gas pipeline credit yen ruble planning archive kremlin islands peace").split()


def seeds() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    try:
        from zotero_cw.extract import extract
        from zotero_cw.read import read_document
        endnotes = ROOT / "tests" / "data" / "endnotes_001_test.txt"  # synthetic notes for 001 (see tests)
        docs = [read_document(p, endnotes if p.name.startswith("001_") and endnotes.exists() else None)
                for p in sorted((ROOT / "fixtures").glob("*.txt"))]
        ex = extract(docs)
        if ex.items:
            return list(ex.items), list(ex.clusters)
    except ImportError:
        pass
    sys.path.insert(0, str(ROOT / "tests" / "data"))
    import dedupe_cases as dc
    return dc.items(), dc.clusters()


def vary(item: dict[str, Any], rng: random.Random, copy_no: int) -> dict[str, Any]:
    it = copy.deepcopy(item)
    r = rng.random()
    if r < 0.33 and it.get("title"):  # a new work
        it["title"] = " ".join(rng.choice(WORDS).title() for _ in range(rng.randint(2, 6))) + f" {copy_no}"
        if it.get("author"):
            it["author"] = [{"family": rng.choice(WORDS).title() + rng.choice(WORDS), "given": "A."}]
    elif r < 0.45 and it.get("author") and len(it["author"][0].get("family", "")) > 5:
        fam = it["author"][0]["family"]
        i = rng.randrange(1, len(fam) - 2)
        it["author"][0]["family"] = fam[:i] + fam[i + 1] + fam[i] + fam[i + 2:]
    elif r < 0.55 and ":" in str(it.get("title", "")):
        it["title"] = it["title"].split(":")[0]
    elif r < 0.65:
        for f in ("volume", "publisher-place", "publisher"):
            it.pop(f, None)
    return it


def make(n_citations: int, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    base_items, base_clusters = seeds()
    items: list[dict[str, Any]] = []
    clusters: list[dict[str, Any]] = []
    total, k = 0, 0
    while total < n_citations:
        doc = f"bench{k:05d}.txt"
        for it in base_items:
            v = vary(it, rng, k)
            for c in v["custom"]["cited_in"]:
                c["document"] = doc
            items.append(v)
        for cl in base_clusters:
            new = copy.deepcopy(cl)
            new["properties"]["document"] = doc
            new["citationID"] = f"{doc}-{new['citationID']}"
            clusters.append(new)
            total += len(new["citationItems"])
            if total >= n_citations:
                break
        k += 1
    return items, clusters


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--citations", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from zotero_cw.dedupe import dedupe

    items, clusters = make(args.citations, args.seed)
    citations = sum(len(c["citationItems"]) for c in clusters)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    result = dedupe(items, clusters)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"citations: {citations}  input items: {len(items)}  distinct: {result.stats['distinct']}  "
          f"works: {len(result.items)}  merges: {len(result.merges)}  comparisons: {result.stats['comparisons']}")
    print(f"dedupe time: {elapsed:.2f} s  peak RSS: {peak:.0f} MB (after generating input: {rss_before:.0f} MB)")
    ok = elapsed < 30 and peak < 2048
    print("target (< 30 s, < 2 GB):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
