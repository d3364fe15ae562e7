"""Benchmark: 1,000 notes and a 1,000-entry bibliography, zotero-cw (citeproc-py, patched) vs citeproc-js,
in one run on the same items (realistic notes: ibid. chains, short forms, repeated authors, multi-cite notes).

usage: .venv/bin/python bench/bench_render.py [--style S] [--n 1000]   (citeproc-js part needs node and
`npm install` in tools/citeproc-js; it is skipped with a message otherwise)"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zotero_cw import render  # noqa: E402
from zotero_cw.render import engine, inputs  # noqa: E402


def make_data(n: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """n distinct items (variants of the test items: the same authors again and again) and n notes as a history
    article cites them: first citations, short forms of earlier works, ibid. chains with changing pages, and
    notes citing two or three works."""
    base = json.loads((ROOT / "tests/data/render_items.json").read_text(encoding="utf-8"))
    items = []
    for i in range(n):
        it = copy.deepcopy(base[i % len(base)])
        it["id"] = f"{it['id']}-{i}"
        if "title" in it:
            it["title"] = f"{it['title']} {i // len(base) + 1}"
        items.append(it)
    clusters = []
    new = 0  # next item not cited yet
    for note in range(1, n + 1):
        kind = note % 10
        if kind in (1, 4, 7) or new == 0:  # a work cited for the first time
            cites = [{"id": items[new % n]["id"], "locator": str(note)}]
            new += 1
        elif kind in (2, 3, 8):  # ibid. chain: the work of the previous note, another page
            cites = [{"id": clusters[-1]["citationItems"][-1]["id"], "locator": str(note + 1)}]
        elif kind == 5:  # two works, one of them again (short form)
            cites = [{"id": items[(note * 7) % new]["id"], "locator": str(note)},
                     {"id": items[new % n]["id"], "prefix": "see also"}]
            new += 1
        else:  # a short form of an earlier work
            cites = [{"id": items[(note * 13) % new]["id"], "locator": str(note % 300 + 1)}]
        clusters.append({"citationID": f"bench-{note}", "citationItems": cites, "properties": {"noteIndex": note}})
    return items, clusters


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--style", default=engine.DEFAULT_STYLE)
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    items, clusters = make_data(args.n)

    t0 = time.perf_counter()
    notes = render.footnotes(items, clusters, style=args.style)
    t1 = time.perf_counter()
    bib = render.bibliography(items, style=args.style)
    t2 = time.perf_counter()
    py = {"notes": t1 - t0, "bibliography": t2 - t1}
    print(f"zotero-cw:   {len(notes)} notes {py['notes']:.2f} s, {len(bib)} entries {py['bibliography']:.2f} s, "
          f"total {sum(py.values()):.2f} s")

    js_dir = ROOT / "tools/citeproc-js"
    if not shutil.which("node") or not (js_dir / "node_modules/citeproc").is_dir():
        print("citeproc-js: skipped (no node or no tools/citeproc-js/node_modules; run npm install there)")
        return 0
    import citeproc

    locales = os.path.join(os.path.dirname(citeproc.__file__), "data", "locales")
    with tempfile.TemporaryDirectory() as tmp:
        ip, cp = Path(tmp) / "items.json", Path(tmp) / "clusters.json"
        # citeproc-js gets the same render input zotero-cw's engine builds (render/inputs.py)
        day_first = inputs.day_first(engine.load_style(args.style))
        stripped = [{k: v for k, v in inputs.render_input(it, day_first=day_first).items() if k != "custom"}
                    for it in items]
        ip.write_text(json.dumps(stripped), encoding="utf-8")
        cp.write_text(json.dumps(clusters), encoding="utf-8")
        out = subprocess.run(["node", str(js_dir / "bench.js"), str(ip), str(cp), locales,
                              engine.style_path(args.style)], capture_output=True, text=True, check=True)
    js = json.loads(out.stdout)
    total_js = js["notes"] + js["bibliography"]
    print(f"citeproc-js: {js['n_notes']} notes {js['notes']:.2f} s, {js['n_entries']} entries "
          f"{js['bibliography']:.2f} s, total {total_js:.2f} s")
    print(f"ratio zotero-cw / citeproc-js: {sum(py.values()) / total_js:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
