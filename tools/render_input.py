"""Write the render input zotero-cw's engine builds (render/inputs.py) as CSL-JSON for citeproc-js, so the
reference expectations are made from the same items.

usage: .venv/bin/python tools/render_input.py ITEMS.json STYLE.csl OUT.json [CLUSTERS.json CLUSTERS_OUT.json]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from zotero_cw.render import engine, inputs


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) not in (3, 5):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    items = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    day_first = inputs.day_first(engine.load_style(args[1]))
    out = [inputs.render_input(it, day_first=day_first) for it in items]
    out += [v for v in (inputs.short_archival_variant(it) for it in out) if v is not None]
    Path(args[2]).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if len(args) == 5:
        clusters = inputs.clusters_input(json.loads(Path(args[3]).read_text(encoding="utf-8")))
        Path(args[4]).write_text(json.dumps(clusters, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
