"""The CSL processor test suite through zotero-cw's engine: no fixture that passed may stop passing.

tests/data/csl_suite_known_failures.txt lists the fixtures that fail today; it may only shrink. The suite
is read from ../shared/csl-test-suite next to the clone (ZOTERO_CW_CSL_SUITE overrides); if it is missing
the test fails, it never skips."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paths import ROOT

KNOWN = ROOT / "tests" / "data" / "csl_suite_known_failures.txt"


def _suite_module():
    spec = importlib.util.spec_from_file_location("csl_suite", ROOT / "bench" / "csl_suite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


csl_suite = _suite_module()
SUITE = Path(os.environ.get("ZOTERO_CW_CSL_SUITE", csl_suite.DEFAULT_SUITE))


def _known() -> set[str]:
    lines = KNOWN.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module")
def results() -> dict[str, bool]:
    if not (SUITE / "processor-tests" / "humans").is_dir():
        pytest.fail(f"CSL test suite missing at {SUITE}: clone github.com/citation-style-language/test-suite "
                    "there (processor-tests/humans) or set ZOTERO_CW_CSL_SUITE", pytrace=False)
    return {k: v[0] for k, v in csl_suite.run(SUITE, csl_suite.run_zotero_cw).items()}


def test_suite_is_complete(results: dict[str, bool]) -> None:
    assert len(results) >= 800  # every citation and bibliography fixture was found and run


def test_no_fixture_that_passed_fails(results: dict[str, bool]) -> None:
    new_failures = sorted(k for k, ok in results.items() if not ok and k not in _known())
    assert new_failures == [], f"fixtures that passed before now fail: {new_failures}"


def test_known_failures_list_only_shrinks(results: dict[str, bool]) -> None:
    fixed = sorted(k for k in _known() if results.get(k))
    assert fixed == [], f"these now pass: remove them from {KNOWN.name}: {fixed}"
    assert _known() <= set(results), "the known-failures list names fixtures the suite does not have"


def test_pass_rate_at_least_the_issue_floor(results: dict[str, bool]) -> None:
    assert sum(results.values()) / len(results) >= 0.80  # the issue's floor


def test_no_regression_against_plain_citeproc_py(results: dict[str, bool]) -> None:
    # plain citeproc-py runs in a child process: no zotero-cw patch is installed there
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "csl_suite.py"), str(SUITE), "--plain", "--json",
                           "-"], capture_output=True, text=True, check=True)
    import json

    plain = json.loads(proc.stdout)
    assert sum(plain.values()) > 400  # the baseline really ran
    regressions = sorted(k for k, ok in plain.items() if ok and not results.get(k))
    assert regressions == []


def test_plain_run_never_installs_patches() -> None:
    code = ("import sys; sys.path.insert(0, 'src'); import zotero_cw.render, zotero_cw.render.engine; "
            "from zotero_cw.render import patches; import citeproc.model as m; "
            "print(patches.installed(), m.If.render.__module__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "citeproc.model"]
