"""Compare zotero-cw's rendering with citeproc-js output recorded by tools/citeproc-js/render.sh."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zotero_cw.render import engine

KINDS = ("first", "short", "ibid", "footnotes", "bibliography")


@dataclass
class Result:
    matched: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    diffs: list[tuple[str, str, str, str]] = field(default_factory=list)  # kind, key, expected, got

    def add(self, kind: str, key: str, expected: str, got: str) -> None:
        self.total[kind] += 1
        if expected == got:
            self.matched[kind] += 1
        else:
            self.diffs.append((kind, key, expected, got))

    def summary(self) -> str:
        return ", ".join(f"{k} {self.matched[k]}/{self.total[k]}" for k in KINDS if self.total[k])


def render_all(items: list[dict[str, Any]], clusters: list[dict[str, Any]], style: str,
               fmt: str) -> dict[str, Any]:
    """Everything render.js records, rendered by zotero-cw."""
    session = engine.Session(items, style, fmt)
    out: dict[str, Any] = {"first": {}, "short": {}}
    for it in items:
        i = str(it["id"])
        out["first"][i] = _safe(lambda i=i: session.cite([engine.Cite(i, position=engine.FIRST)], 1))
        out["short"][i] = _safe(lambda i=i: session.cite([engine.Cite(i, position=engine.SUBSEQUENT)], 1))
    out["bibliography"] = _safe(session.bibliography, [])
    cited = {str(ci["id"]) for c in clusters for ci in c.get("citationItems", [])}
    session = engine.Session([it for it in items if str(it["id"]) in cited], style, fmt)
    ordered = sorted(clusters, key=lambda c: int(c.get("properties", {}).get("noteIndex", 0) or 0))
    out["footnotes"] = []
    out["positions"] = []
    for cluster, cites in zip(ordered, engine.positions(ordered), strict=True):
        n = int(cluster["properties"]["noteIndex"])
        out["footnotes"].append([n, _safe(lambda cites=cites, n=n: session.cite(cites, n))])
        out["positions"].append(max(c.position for c in cites) if len(cites) == 1 else engine.FIRST)
    return out


def _safe(fn: Any, default: Any = "<error>") -> Any:
    try:
        return fn()
    except Exception as exc:  # a crash counts as a mismatch
        return default if default != "<error>" else f"<error {type(exc).__name__}: {exc}>"


def compare(expected: dict[str, Any], items: list[dict[str, Any]], clusters: list[dict[str, Any]],
            style: str, fmt: str = "text") -> Result:
    exp = expected[style][fmt]
    got = render_all(items, clusters, style, fmt)
    res = Result()
    for kind in ("first", "short"):
        for key, text in exp[kind].items():
            res.add(kind, key, text, got[kind].get(key, ""))
    for i, text in enumerate(exp["bibliography"]):
        res.add("bibliography", str(i), text, got["bibliography"][i] if i < len(got["bibliography"]) else "")
    for (n, text), (_, mine), pos in zip(exp["footnotes"], got["footnotes"], got["positions"], strict=True):
        res.add("ibid" if pos >= engine.IBID else "footnotes", str(n), text, mine)
    return res


def main(argv: list[str] | None = None) -> int:
    """.venv/bin/python tools/render_reference.py [STYLE] [FORMAT] [-v] [--000]: match counts vs citeproc-js."""
    from zotero_cw.render.styles import SUPPORTED

    argv = argv if argv is not None else sys.argv[1:]
    args = [a for a in argv if not a.startswith("-")]
    verbose = "-v" in argv
    prefix = "render_000" if "--000" in argv else "render"
    data = Path(__file__).resolve().parents[1] / "tests" / "data"
    expected = json.loads((data / f"{prefix}_expected.json").read_text(encoding="utf-8"))
    items = json.loads((data / f"{prefix}_items.json").read_text(encoding="utf-8"))
    clusters = json.loads((data / f"{prefix}_clusters.json").read_text(encoding="utf-8"))
    styles = [args[0]] if args and args[0] else list(SUPPORTED)
    fmt = args[1] if len(args) > 1 else "text"
    for style in styles:
        res = compare(expected, items, clusters, style, fmt)
        print(f"{style} [{fmt}]: {res.summary()}")
        if verbose:
            for kind, key, e, g in res.diffs:
                print(f"  {kind} {key}\n    js: {e}\n    py: {g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
