"""Long fuzz run of the parts that read untrusted input or decide what sync writes; prints inputs tried and failures.

    .venv/bin/python tools/fuzz.py [--inputs 100000] [--seed 1] [--targets yaml,registry,config,plan,redact,
                                    retry-after] [--others]

Each target gets inputs from a seeded random generator: mutations of real files and fragments (the packaged
archive registry, config files, alias bombs, deep nesting, odd encodings), random structures and random bytes.
A failure is any exception other than the project's one-line UserError, a UserError spanning several lines, or
a broken invariant (sync: a colleague's edit overwritten, a library change dropped; redact: the key still
visible). `--others` adds the archive parser, the resolver and the text reader (owned elsewhere; their failures
are printed the same way). Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from zotero_cw.errors import UserError
from zotero_cw.userdata import archive_registry, parse_yaml
from zotero_cw.zotero import plan
from zotero_cw.zotero.client import header_seconds
from zotero_cw.zotero.config import check_endpoint, check_key, read_config_file, redact

BOMB = "a: &a [lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\n"
FRAGMENTS = ["archives:", "\n", "  - ", "acronym: ", "name: ", "aliases: ", "[", "]", "{", "}", ", ", ": ", "&a ",
             "*a", "<<: *a", "!!binary ", "!!python/object:os.system", "!!set ", "? ", "- ", "'", '"', "#", "|",
             ">", "---", "...", "%YAML 1.1", "\t", "\x00", "\x1f", "\x85", "\u2028", "\ufeff", "é", "Ф", "😀", "5",
             "-1", "1e9999", "0x1F", "2001-13-45", "~", "null", "true", "yes", "api_key", "group", "endpoint",
             "http://[::zz", "\\", "\r\n", "  ", "\n  ", "\n    "]


class Fuzz:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.tried: dict[str, int] = {}
        self.failures: list[tuple[str, str, str]] = []
        self.registry = resources.files("zotero_cw").joinpath("data/archives.yaml").read_text(encoding="utf-8")
        self.seeds = [self.registry, BOMB, "api_key: abc\ngroup: 1\nendpoint: http://127.0.0.1:9\n",
                      "archives:\n  - acronym: X\n    name: Y\n    aliases: [a, b]\n", "[" * 40 + "]" * 40,
                      "a: " + "{b: " * 40 + "1" + "}" * 40]
        self.tmp = Path(tempfile.mkdtemp(prefix="zotero-cw-fuzz-"))

    # ---- input generators

    def text(self) -> str:
        r = self.rng
        choice = r.random()
        if choice < 0.45:  # mutate a seed
            s = list(r.choice(self.seeds))
            for _ in range(r.randint(1, 8)):
                op, pos = r.random(), r.randrange(len(s) + 1)
                if op < 0.4:
                    s.insert(pos, r.choice(FRAGMENTS))
                elif op < 0.7 and s:
                    del s[pos % len(s): pos % len(s) + r.randint(1, 20)]
                elif s:
                    s[pos % len(s)] = chr(r.choice([r.randrange(32, 127), r.randrange(0, 0x3000)]))
            return "".join(s)
        if choice < 0.85:  # fragments glued together
            return "".join(r.choice(FRAGMENTS) for _ in range(r.randint(0, 60)))
        return bytes(r.randrange(256) for _ in range(r.randint(0, 80))).decode("latin-1")

    def check(self, target: str, value: object, f: Callable[[], object]) -> None:
        self.tried[target] = self.tried.get(target, 0) + 1
        try:
            f()
        except UserError as exc:
            if "\n" in str(exc).strip():
                self.fail(target, value, f"UserError over several lines: {exc!r}")
        except AssertionError as exc:
            self.fail(target, value, f"invariant broken: {exc}")
        except Exception as exc:  # noqa: BLE001 - the point of fuzzing
            self.fail(target, value, "".join(traceback.format_exception_only(exc)).strip())

    def fail(self, target: str, value: object, why: str) -> None:
        self.failures.append((target, repr(value)[:300], why[:300]))
        print(f"FAIL {target}: {why[:200]}\n     input: {repr(value)[:300]}", flush=True)

    # ---- targets (each runs one input)

    def t_yaml(self) -> None:
        t = self.text()
        self.check("yaml", t, lambda: parse_yaml(t, "fuzz.yaml"))

    def t_registry(self) -> None:
        t = self.text()
        self.check("registry", t, lambda: archive_registry(t, "fuzz.yaml"))

    def t_config(self) -> None:
        r = self.rng
        path = self.tmp / "config.yaml"
        raw = self.text().encode(r.choice(["utf-8", "utf-16", "latin-1"]), errors="replace")
        path.write_bytes(raw)
        path.chmod(r.choice([0o600, 0o600, 0o644, 0o620, 0o666]))
        self.check("config", raw, lambda: read_config_file(path))
        url = r.choice(["http://", "https://", "ftp://", "", "http:/"]) + "".join(
            r.choice(["[", "]", "::", "zz", "127.0.0.1", ":", "99999", "80", "/", "?", "#", "@", " ", "%", "é",
                      "a", ".", "-", "\x00"]) for _ in range(r.randint(0, 10)))
        self.check("config", url, lambda: check_endpoint(url))
        key = "".join(r.choice(["a", "Z", "9", " ", "\n", "é", "\x00", "-"]) for _ in range(r.randint(1, 30)))
        self.check("config", key, lambda: check_key(key))

    FIELDS = ("title", "date", "place", "publisher", "abstractNote", "pages")
    VALUES = ("A", "B", "C", "Ä", "x" * 30, "1950", "<p>n</p>", "zotero-cw-fields: title=00000000", "")

    def view(self) -> dict:
        r = self.rng
        v: dict = {"itemType": "book"}
        for f in self.FIELDS:
            if r.random() < 0.6:
                v[f] = r.choice(self.VALUES[:-1])
        tags = sorted({r.choice(["t1", "t2", "t3", "to read"]) for _ in range(r.randint(0, 3))})
        if tags:
            v["tags"] = tags
        v["extra"] = ["zotero-cw-id: w"] + r.sample(["Fond: 84", "Original Date: 1950", "Opis: 3"], r.randint(0, 2))
        return v

    def edits(self) -> dict:
        r = self.rng
        return {f: r.choice([None, *self.VALUES[:-1]]) for f in r.sample(self.FIELDS, r.randint(0, 4))}

    @staticmethod
    def apply(v: dict, changes: dict) -> dict:
        out = dict(v)
        for k, x in changes.items():
            if x is None:
                out.pop(k, None)
            else:
                out[k] = x
        return out

    def t_plan(self) -> None:
        """Up to three rounds of: both sides edit, sync (state kept or lost at random); nothing lost."""
        r = self.rng
        key = "ABCD2345"
        first = self.view()
        local = first
        entry = None
        remote = plan.plan_object(plan.Obj("item", "w", key, first), None, None, None).merged
        history = []
        written: dict[str, set] = {k: {v} for k, v in first.items() if isinstance(v, str)}  # values we wrote

        def wrote(merged: dict, local: dict) -> None:
            for k, v in plan.strip_record(merged).items():
                if isinstance(v, str) and local.get(k) == v:
                    written.setdefault(k, set()).add(v)

        def run() -> None:
            nonlocal local, remote, entry
            version = 1
            for _ in range(r.randint(1, 3)):
                before_remote, before_local = remote, local
                theirs, ours = self.edits(), self.edits()
                remote = self.apply(remote, theirs)
                if remote != before_remote:
                    version += 1  # the server bumps the version on every change
                local = self.apply(local, ours)
                lost = r.random() < 0.5
                history.append((theirs, ours, lost))
                action = plan.plan_object(plan.Obj("item", "w", key, local), None if lost else entry, remote,
                                          version)
                merged = plan.strip_record(action.merged)
                for k in self.FIELDS:
                    record = plan.read_record(remote) or {}
                    if (remote.get(k) != before_remote.get(k) and remote.get(k) != before_local.get(k)
                            and remote.get(k) not in written.get(k, ())
                            and not (lost and remote.get(k) is None and k not in record)):
                        # Not counted: a colleague who sets back a value zotero-cw wrote (no edit of their own);
                        # without state, clearing a field zotero-cw never wrote (it looks like an empty field,
                        # which the library may fill)
                        assert merged.get(k) == remote.get(k), f"{k}: a colleague's edit was overwritten"
                    elif (remote.get(k) == before_remote.get(k) == before_local.get(k)
                          and local.get(k) != before_local.get(k)):
                        # the server held the library's value and nobody else touched it: the change goes in;
                        # without state, unless zotero-cw did not write that value (then kept and reported)
                        # (or the library dropped a field zotero-cw never wrote: to Zotero, a user's own field)
                        assert merged.get(k) == local.get(k) or (lost and k in action.conflicts) or (
                            lost and local.get(k) is None and k not in record), \
                            f"{k}: a library change was dropped without a word"
                if action.op == "update":
                    remote = action.merged
                    version += 1
                    wrote(remote, local)
                entry = {"kind": "item", "id": "w", "version": version, "base": local, "server": remote}

        self.check("plan", (first, history), run)

    def t_redact(self) -> None:
        r = self.rng
        key = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                      for _ in range(r.choice([1, 2, 8, 24])))
        parts = [r.choice([key, key, " ", "/", "?key=", "&", "Bearer ", "Zotero-API-Key: ", "network", "x",
                           "é", "\n", ":", key + "x", "x" + key]) for _ in range(r.randint(0, 20))]
        text = "".join(parts)

        def run() -> None:
            out = redact(text, key)
            probe = redact(out, key)
            assert probe == out, "redact is not stable"
            import re
            assert not re.search(rf"(?<![A-Za-z0-9]){re.escape(key)}(?![A-Za-z0-9])", out), "key still visible"

        self.check("redact", text, run)

    def t_retry_after(self) -> None:
        import httpx2

        r = self.rng
        value = r.choice(["", "5", "-3", "1e308", "nan", "inf", "soon", "Wed, 21 Oct 2015 07:28:00 GMT",
                          "Wed, 99 Oct 2015 07:28:00 GMT", "0.5", "  7 ", "\x00"]) + r.choice(["", "0", " ", "x"])

        def run() -> None:
            try:
                headers = httpx2.Headers({"Retry-After": value})
            except Exception:  # noqa: BLE001 - httpx refuses the header: nothing for us to parse
                return
            s = header_seconds(headers)
            assert s is None or (0 <= s < float("inf")), f"bad wait {s!r}"

        self.check("retry-after", value, run)

    # ---- others' code (reported, not fixed here)

    def t_others(self) -> None:
        from zotero_cw.archives import find_archival_refs, parse_archival_ref

        t = "".join(self.rng.choice(["RGASPI", "GARF", "f.", "F.", "op.", "d.", "l.", "84", "3/", "/", " ", ", ",
                                     "–", "ob.", "The ", "Russian State Archive", "(", ")", "Ibid.", "¹", "РГАСПИ"])
                    for _ in range(self.rng.randint(0, 30)))
        self.check("archives (parser owner)", t, lambda: (parse_archival_ref(t), find_archival_refs(t)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=100_000, help="total inputs over all targets")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--targets", default="yaml,registry,config,plan,redact,retry-after")
    ap.add_argument("--others", action="store_true", help="also the archive parser (owned elsewhere)")
    args = ap.parse_args()
    fz = Fuzz(args.seed)
    targets = [getattr(fz, "t_" + t.replace("-", "_")) for t in args.targets.split(",") if t]
    if args.others:
        targets.append(fz.t_others)
    start = time.perf_counter()
    done = 0
    while sum(fz.tried.values()) < args.inputs:
        targets[done % len(targets)]()
        done += 1
        if done % 20_000 == 0:
            print(f"... {sum(fz.tried.values()):,} inputs, {len(fz.failures)} failures", flush=True)
    elapsed = time.perf_counter() - start
    print(f"inputs tried: {sum(fz.tried.values()):,} in {elapsed:.0f} s (seed {args.seed})")
    for t, n in sorted(fz.tried.items()):
        print(f"  {t:24} {n:>9,}")
    print(f"failures: {len(fz.failures)}")
    return 1 if fz.failures else 0


if __name__ == "__main__":
    sys.exit(main())
