"""Re-render a document's notes in its own house style and count those equal to the original note text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from zotero_cw.render import footnotes

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def roundtrip(items: list[dict[str, Any]], clusters: list[dict[str, Any]], original: dict[int, str],
              style: str = "jcws-house") -> tuple[int, int, int, list[tuple[int, str, str]]]:
    """(exact matches, matches ignoring straight/curly quotes, notes, differing [(n, rendered, original)])."""
    exact = loose = 0
    diffs = []
    notes = footnotes(items, clusters, style=style, fmt="markdown")  # the fixture marks italics as *…*
    for n, text in notes:
        orig = (original.get(n) or "").strip()
        text = text.strip()
        exact += text == orig
        same = text.translate(_QUOTES) == orig.translate(_QUOTES)
        loose += same
        if not same:
            diffs.append((n, text, orig))
    return exact, loose, len(notes), diffs


def main(argv: list[str] | None = None) -> int:
    """.venv/bin/python tools/roundtrip.py DOC ITEMS.json CLUSTERS.json [-v]"""
    import json

    from zotero_cw.read import read_document

    args = argv if argv is not None else sys.argv[1:]
    if len([a for a in args if a != "-v"]) != 3:
        print("usage: .venv/bin/python tools/roundtrip.py DOC ITEMS.json CLUSTERS.json [-v]", file=sys.stderr)
        return 2
    doc = read_document(Path(args[0]))
    items = json.loads(Path(args[1]).read_text(encoding="utf-8"))
    clusters = json.loads(Path(args[2]).read_text(encoding="utf-8"))
    exact, loose, total, diffs = roundtrip(items, clusters, {n.n: n.text or "" for n in doc.notes})
    print(f"{exact}/{total} re-rendered notes equal the original ({loose}/{total} ignoring quote style)")
    if "-v" in args:
        for n, got, orig in diffs:
            print(f"{n}.\n  rendered: {got}\n  original: {orig}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
