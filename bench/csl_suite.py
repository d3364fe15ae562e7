"""The CSL processor test suite run through zotero-cw's engine (or plain citeproc-py, for the baseline).

usage: .venv/bin/python bench/csl_suite.py [SUITE_DIR] [--plain] [--compare] [--json FILE] [-v] [-k PATTERN]

SUITE_DIR (default ../shared/csl-test-suite from the repository) holds processor-tests/humans/*.txt; every
fixture whose MODE is citation or bibliography is run (RESULT is citeproc-js's HTML output).
  default    zotero-cw's engine, set up as the CLI sets it up (render.engine.Session, patches installed).
  --plain    citeproc-py without zotero-cw's patches, driven as upstream's tests/citeproc-test.py drives it.
  --compare  both (the plain run in a child process, so no patch is ever installed in it): prints the
             regressions, fixtures plain citeproc-py passes and zotero-cw fails.
Prints pass counts overall and by group (the file name before "_") and the failing fixtures."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SUITE = ROOT.parent / "shared" / "csl-test-suite"
MODES = ("citation", "bibliography")
_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.S)
_JSON = ("INPUT", "CITATIONS", "CITATION-ITEMS", "BIBENTRIES", "BIBSECTION", "ABBREVIATIONS")


class SuiteMissing(Exception):
    pass


def fixture_files(suite: Path) -> list[Path]:
    humans = suite / "processor-tests" / "humans"
    files = sorted(humans.glob("*.txt")) if humans.is_dir() else []
    if not files:
        raise SuiteMissing(f"no CSL test suite at {suite} (expected processor-tests/humans/*.txt)")
    return files


def load(path: Path) -> dict[str, Any]:
    """A fixture's sections: MODE, RESULT, CSL as text; INPUT, CITATIONS, CITATION-ITEMS … as JSON."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    out: dict[str, Any] = {"name": path.stem}
    for m in _SECTION.finditer(text):
        key, body = m.group(1), m.group(2).strip()
        out[key] = json.loads(body) if key in _JSON else body
    return out


def runnable(fx: dict[str, Any]) -> bool:
    return fx.get("MODE") in MODES and "BIBSECTION" not in fx and "BIBENTRIES" not in fx


def _input(fx: dict[str, Any]) -> list[dict[str, Any]]:
    items = json.loads(json.dumps(fx["INPUT"]))
    for i, it in enumerate(items):
        it.setdefault("id", str(i))
        it["id"] = str(it["id"])
        it.setdefault("type", "book")
    return items


def _bib_block(entries: list[str]) -> str:
    body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in entries)
    return f'<div class="csl-bib-body">\n{body}</div>'


def _cited_order(fx: dict[str, Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items in the order citeproc-js registers them: cited ones first, in citation order."""
    order: list[str] = []
    for cluster in fx.get("CITATION-ITEMS") or []:
        order += [str(ci["id"]) for ci in cluster]
    for entry in fx.get("CITATIONS") or []:
        order += [str(ci["id"]) for ci in entry[0]["citationItems"]]
    if not order:
        return items
    by_id = {it["id"]: it for it in items}
    seen = list(dict.fromkeys(i for i in order if i in by_id))
    return [by_id[i] for i in seen] + [it for it in items if it["id"] not in seen]


# --- zotero-cw's engine ----------------------------------------------------------------------------------

def run_zotero_cw(fx: dict[str, Any]) -> str:
    from citeproc import CitationStylesStyle

    from zotero_cw.render import engine

    engine.setup()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(io.BytesIO(fx["CSL"].encode("utf-8")), validate=False)
    items = _cited_order(fx, _input(fx))
    session = engine.Session(items, style, "html")
    if fx["MODE"] == "bibliography":
        return _bib_block(session.bibliography())
    if fx.get("CITATIONS"):
        by_id = {it["id"]: it for it in items}

        def session_for(doc: list[dict[str, Any]]) -> Any:  # citeproc-js registers the items cited so far
            cited = list(dict.fromkeys(str(ci["id"]) for c in doc for ci in c.get("citationItems", [])))
            return engine.Session([by_id[i] for i in cited if i in by_id], style, "html")

        return _citations(session_for, fx["CITATIONS"])
    # no clusters given: one citation of every item, in the registry's (bibliography-sorted) order
    clusters = fx.get("CITATION-ITEMS") or [[{"id": i} for i in session.bibliography_order()]]
    lines = []
    for i, cluster in enumerate(clusters):
        cites = []
        for ci in cluster:
            c = engine.Cite(str(ci["id"]), ci.get("locator"), ci.get("label"), ci.get("prefix"), ci.get("suffix"))
            c.position = int(ci.get("position", engine.FIRST))
            c.near_note = bool(ci.get("near-note"))
            cites.append(c)
        lines.append(session.cite(cites, i + 1))
    return "\n".join(lines)


def _citations(session_for: Callable[[list[dict[str, Any]]], Any], entries: list[Any]) -> str:
    """citeproc-js processCitationCluster: each cluster goes in after its citationsPre; after the last call
    every citation is listed in document order, ">>" marking those the last call rendered anew."""
    from zotero_cw.render import engine

    doc: list[dict[str, Any]] = []
    previous: dict[str, str] = {}
    rendered: dict[str, str] = {}
    for cluster, pre, post in entries:
        cluster = json.loads(json.dumps(cluster))
        ids = [c["citationID"] for c in doc]
        at = max((ids.index(cid) + 1 for cid, _ in pre if cid in ids), default=0)
        doc = [c for c in doc if c["citationID"] != cluster["citationID"]]
        doc.insert(min(at, len(doc)), cluster)
        notes = dict(map(tuple, pre + post))
        for c in doc:
            if c["citationID"] in notes:
                c.setdefault("properties", {})["noteIndex"] = notes[c["citationID"]]
        previous, rendered = rendered, {}
        session = session_for(doc)
        for c, cites in zip(doc, engine.positions(doc), strict=True):
            rendered[c["citationID"]] = session.cite(cites, int(c.get("properties", {}).get("noteIndex", 0) or 0))
    lines = []
    for i, c in enumerate(doc):
        cid = c["citationID"]
        fresh = cid == entries[-1][0]["citationID"] or previous.get(cid) != rendered[cid]
        lines.append(f"{'>>' if fresh else '..'}[{i}] {rendered[cid]}")
    return "\n".join(lines)


# --- plain citeproc-py (upstream's way; never with zotero-cw's patches) -------------------------------------

def run_plain(fx: dict[str, Any]) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(io.BytesIO(fx["CSL"].encode("utf-8")), validate=False)
        items = _input(fx)
        bib = CitationStylesBibliography(style, CiteProcJSON(items))

        def item(data: dict[str, Any]) -> Any:
            opts = {k.replace("-", "_"): v for k, v in data.items() if k not in ("id", "label", "locator")}
            if "locator" in data:
                opts["locator"] = Locator(data.get("label", "page"), data["locator"])
            return CitationItem(str(data["id"]), **opts)

        if fx.get("CITATION-ITEMS"):
            citations = [Citation([item(ci) for ci in cl]) for cl in fx["CITATION-ITEMS"]]
        elif fx.get("CITATIONS"):
            citations = []
            for entry in fx["CITATIONS"]:
                c = Citation([item(ci) for ci in entry[0]["citationItems"]])
                c.key = entry[0]["citationID"]
                c.note_index = entry[0].get("properties", {}).get("noteIndex", 0)
                citations.append(c)
        else:
            citations = [Citation([item({"id": it["id"]}) for it in items])]
        for c in citations:
            bib.register(c)
        if style.has_bibliography():
            bib.sort()
        if fx["MODE"] == "bibliography":
            return _bib_block([str(e) for e in bib.bibliography()]).replace("&amp;", "&#38;")
        out = [str(bib.cite(c, lambda _item: None)) for c in citations]
        if fx.get("CITATIONS"):
            out = [f"{'>>' if i == len(out) - 1 else '..'}[{i}] {t}" for i, t in enumerate(out)]
        return "\n".join(out).replace("&amp;", "&#38;")


# --- running ---------------------------------------------------------------------------------------------

def _normal(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


def run(suite: Path, runner: Callable[[dict[str, Any]], str], pattern: str | None = None
        ) -> dict[str, tuple[bool, str, str]]:
    """name -> (passed, expected, got) for every runnable fixture."""
    out: dict[str, tuple[bool, str, str]] = {}
    for path in fixture_files(suite):
        if pattern and not re.search(pattern, path.stem):
            continue
        fx = load(path)
        if not runnable(fx):
            continue
        try:
            got = runner(fx)
        except Exception as exc:  # a crash is a failure of that fixture, reported with the exception
            got = f"EXCEPTION {type(exc).__name__}: {exc}"
        out[fx["name"]] = (_normal(got) == _normal(fx["RESULT"]), fx["RESULT"], got)
    return out


def group(name: str) -> str:
    return name.split("_", 1)[0]


def summary(results: dict[str, bool]) -> list[str]:
    groups: dict[str, list[int]] = {}
    for name, ok in results.items():
        g = groups.setdefault(group(name), [0, 0])
        g[0] += ok
        g[1] += 1
    passed = sum(results.values())
    total = len(results)
    lines = [f"total {passed}/{total} ({passed / total:.1%})" if total else "total 0/0"]
    lines += [f"  {g:<14} {p:>3}/{t:<3}" for g, (p, t) in sorted(groups.items())]
    return lines


def _plain_subprocess(suite: Path, pattern: str | None) -> dict[str, bool]:
    cmd = [sys.executable, str(Path(__file__).resolve()), str(suite), "--plain", "--json", "-"]
    if pattern:
        cmd += ["-k", pattern]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite", nargs="?", type=Path, default=DEFAULT_SUITE)
    ap.add_argument("--plain", action="store_true", help="plain citeproc-py, no zotero-cw patches")
    ap.add_argument("--compare", action="store_true", help="also run plain citeproc-py; list regressions")
    ap.add_argument("--json", dest="json_out", help="write {fixture: passed} to FILE ('-' = stdout only)")
    ap.add_argument("-k", dest="pattern", help="only fixtures whose name matches this regular expression")
    ap.add_argument("-v", action="store_true", help="show expected and got for each failure")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    try:
        results = run(args.suite, run_plain if args.plain else run_zotero_cw, args.pattern)
    except SuiteMissing as exc:
        print(f"csl_suite: {exc}", file=sys.stderr)
        return 2
    passed = {k: v[0] for k, v in results.items()}
    if args.json_out == "-":
        print(json.dumps(passed))
        return 0
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(passed, indent=1) + "\n", encoding="utf-8")
    label = "plain citeproc-py" if args.plain else "zotero-cw"
    print(f"{label}: " + "\n".join(summary(passed)))
    failed = sorted(k for k, ok in passed.items() if not ok)
    print(f"failing ({len(failed)}):")
    for name in failed:
        print(f"  {name}")
        if args.v:
            _, exp, got = results[name]
            print("    expected: " + exp.replace("\n", "\n              "))
            print("    got:      " + got.replace("\n", "\n              "))
    if args.compare and not args.plain:
        plain = _plain_subprocess(args.suite, args.pattern)
        print("plain citeproc-py: " + "\n".join(summary(plain)))
        regressions = sorted(k for k, ok in plain.items() if ok and not passed.get(k))
        fixed = sorted(k for k, ok in passed.items() if ok and not plain.get(k))
        print(f"fixed by zotero-cw: {len(fixed)}; regressions (plain passes, zotero-cw fails): {len(regressions)}")
        for name in regressions:
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
