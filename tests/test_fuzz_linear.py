"""Work grows linearly with the input: each case runs at n and 4n and the times are compared (best of three).
A linear piece takes about 4 times as long at 4n, a quadratic one 16; the bound of 10 leaves room for a shared
machine without letting a quadratic step through. Not a speed target (those live in bench/)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from zotero_cw.archives import default_registry, find_archival_refs, find_compact_refs, parse_archival_ref
from zotero_cw.userdata import archive_registry, parse_yaml
from zotero_cw.zotero import plan
from zotero_cw.zotero.config import redact

BOUND = 10.0


def best(f: Callable[[Any], Any], x: Any, runs: int = 3) -> float:
    out = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        f(x)
        out = min(out, time.perf_counter() - t)
    return out


def growth(f: Callable[[Any], Any], make: Callable[[int], Any], n: int) -> float:
    """Time at 4n over time at n; n is doubled until one run at n takes at least 30 ms (so timer noise and
    fixed costs do not decide the ratio). Measured up to three times, the smallest ratio kept: other work on a
    shared machine only ever inflates a ratio, while a quadratic step inflates every one of them."""
    small = best(f, make(n))
    while small < 0.03 and n < 1 << 20:
        n *= 2
        small = best(f, make(n))
    big_input, small_input = make(4 * n), make(n)
    ratio = float("inf")
    for _ in range(3):
        ratio = min(ratio, best(f, big_input) / best(f, small_input))
        if ratio < BOUND:
            break
    return ratio


def registry_text(n: int) -> str:
    return "archives:\n" + "".join(f"  - acronym: A{i}\n    name: Archive number {i}\n    aliases: [x{i}, y{i}]\n"
                                   for i in range(n))


def test_yaml_loader_is_linear():
    assert growth(lambda t: parse_yaml(t, "t"), registry_text, 200) < BOUND
    assert growth(lambda t: archive_registry(t, "t"), registry_text, 200) < BOUND
    assert growth(lambda t: parse_yaml(t, "t"), lambda n: "a: '" + "x y " * (n * 50) + "'\n", 200) < BOUND
    assert growth(lambda t: parse_yaml(t, "t"), lambda n: "[" + "[1, 'a'], " * n + "]", 200) < BOUND


def big_view(n: int) -> dict:
    return {"itemType": "book", "title": "T" * n, "tags": [f"tag {i}" for i in range(n)],
            "extra": [f"Line {i}: value" for i in range(n)], "collections": [f"C{i:07d}" for i in range(n)]}


def test_sync_plan_is_linear_in_the_size_of_an_item():
    def plan_one(v: dict) -> None:
        local = {**v, "tags": v["tags"][1:] + ["new"]}
        remote = plan.with_record(v, v, "ABCD2345")
        remote = {**remote, "extra": remote["extra"] + ["user line"], "tags": remote["tags"] + ["to read"]}
        plan.plan_object(plan.Obj("item", "w", "ABCD2345", local), None, remote, 2)
        plan.plan_object(plan.Obj("item", "w", "ABCD2345", local),
                         {"kind": "item", "id": "w", "version": 1, "base": v, "server": remote}, remote, 2)

    assert growth(plan_one, big_view, 200) < BOUND


def test_redact_is_linear():
    key = "P9xQ2mK7vR4sT8wZ1yB3nC6d"
    assert growth(lambda t: redact(t, key), lambda n: f"GET /keys/{key}?key={key} Bearer {key} network " * n,
                  500) < BOUND


def test_archive_references_in_a_long_note_take_linear_time():
    default_registry()
    chain = "RGASPI, F. 84, Op. 3, D. 36, L. 12. "
    assert growth(find_archival_refs, lambda n: chain * n, 100) < BOUND
    assert growth(parse_archival_ref, lambda n: chain * n, 100) < BOUND
    assert growth(find_archival_refs, lambda n: "The Russian State Archive f. " * n, 100) < BOUND


def test_a_note_of_many_letters_or_statutes_takes_linear_time():
    from zotero_cw.models import Note
    from zotero_cw.parse import ParseContext
    from zotero_cw.parse.notes import _rule_citations  # the rules alone: the labeller has its own linear test

    def rules(text: str) -> int:
        return len(_rule_citations(Note("x", 1, text), ParseContext()))

    letter = "Cyril Wynne memorandum to Stanley Hornbeck, October 10, 1936, 026 Foreign Relations/1097 and "
    assert growth(rules, lambda n: letter * n, 20) < BOUND  # one sentence, no ";": each location read nearby
    assert growth(rules, lambda n: "“Wynne to Hornbeck, October 10, 1936, " * n, 20) < BOUND  # quotes counted once
    assert growth(rules, lambda n: "the 1958 agreement, see 9 UST 13 and " * n, 20) < BOUND
    # newspapers: each description is looked for in a bounded stretch before its verb
    assert growth(rules, lambda n: "Molotov’s speech, published in Pravda on February 20, and " * n, 20) < BOUND
    assert growth(rules, lambda n: "; Daily Levant Herald, September 20 and 24, 1875" * n, 20) < BOUND
    # U.S. Army papers: each match's parts are bounded, whatever follows
    assert growth(rules, lambda n: "Memo, Gerow, Chief for CofS, 12 Dec 41, sub: Far East " * n, 20) < BOUND
    assert growth(rules, lambda n: "Ltr, Chief, Hist Div SSUSA to G-2 GHQ FEC, 9 Nov 48, WPD 4402-136; " * n, 20) < BOUND


def test_state_department_files_in_a_long_note_take_linear_time():
    chain = "Department of State, Conference Files: Lot 62 D 181, CF 745, "
    assert growth(find_compact_refs, lambda n: chain * n, 50) < BOUND
    assert growth(find_compact_refs, lambda n: "Department of State, Central Files " * n, 50) < BOUND
