"""Benchmark: sync N items (default 1,000) into a group on the local test server; print requests and time.

    .venv/bin/python bench/bench_sync.py [N]

Needs `bash scripts/setup-server`. Lower bound for a first sync: ceil(objects / 50) item writes (each work plus
its cited-in note) + ceil(collections / 50) collection writes.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from zotero_cw.library import Library  # noqa: E402
from zotero_cw.zotero.config import SyncConfig  # noqa: E402
from zotero_cw.zotero.mapping import collection_paths  # noqa: E402
from zotero_cw.zotero.sync import STATE_FILE, sync  # noqa: E402
from zotero_server import ZoteroTestServer  # noqa: E402


def items(n: int) -> list[dict]:
    out = []
    for i in range(n):
        fond = 17 + i % 40
        out.append({
            "id": f"rgaspi-{fond}-{i}", "type": "manuscript", "title": f"Cable no. {i}",
            "archive": "Russian State Archive of Socio-Political History (RGASPI)",
            "archive_location": f"F. {fond}, Op. 3, D. {i % 100}", "archive-place": "Moscow",
            "issued": {"date-parts": [[1945 + i % 10, 1 + i % 12]]},
            "custom": {"tags": ["RGASPI", f"RGASPI F. {fond}"],
                       "collections": [["Archives", "RGASPI", f"F. {fond}"], ["Documents", f"doc{i % 20:03d}"]],
                       "cited_in": [{"document": f"doc{i % 20:03d}.txt", "note": i % 90 + 1, "locator": "12",
                                     "label": "folio"}],
                       "archival": {"archive": "RGASPI", "fond": str(fond), "opis": "3", "delo": str(i % 100)}}})
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    server = ZoteroTestServer()
    server.start()
    try:
        server.setup_users()
        cfg = SyncConfig(server.create_group(), server.user1_key, server.url)
        lib = Library(items=items(n))
        colls = len(collection_paths(lib.items))
        bound = math.ceil(2 * n / 50) + math.ceil(colls / 50)
        print(f"N = {n} works ({2 * n} objects with notes), {colls} collections; "
              f"lower bound for writes: {bound}")
        with tempfile.TemporaryDirectory() as d:
            runs = [("first sync", None), ("no-op re-sync", None), ("one item changed", "change"),
                    ("lost state (fresh machine)", "lose")]
            for name, action in runs:
                if action == "change":
                    lib.items[0]["title"] = "Cable no. 0 (corrected)"
                if action == "lose":
                    (Path(d) / STATE_FILE).unlink()
                t = time.perf_counter()
                r = sync(lib, cfg, Path(d), progress=None)
                dt = time.perf_counter() - t
                print(f"{name:28s} {r.requests:5d} requests ({r.writes:3d} writes) {dt:7.2f} s   "
                      f"created {len(r.created)}, updated {len(r.updated)}, failed {len(r.failed)}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
