"""Real processes on one library: two `add`s at once both land; `kill -9` during `add` leaves before or after."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from paths import DOC_000, DOC_001, ROOT
from zotero_cw import library

ENDNOTES = ROOT / "tests" / "data" / "endnotes_001_test.txt"


def _add(lib, doc, *extra):
    return [sys.executable, "-m", "zotero_cw", "add", str(doc), *extra, "--library", str(lib)]


def _notes():
    return ["--notes", f"{DOC_001.name}={ENDNOTES}"] if ENDNOTES.exists() else []


def _state(lib):
    lib_ = library.load(lib)
    return [d["name"] for d in lib_.documents], len(lib_.items)


def test_two_adds_at_once_both_land(tmp_path):
    lib = tmp_path / "lib"
    a = subprocess.Popen(_add(lib, DOC_000), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    b = subprocess.Popen(_add(lib, DOC_001, *_notes()), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    outs = [p.communicate(timeout=300) for p in (a, b)]
    assert [a.returncode, b.returncode] == [0, 0], outs
    docs, works = _state(lib)
    assert docs == sorted([DOC_000.name, DOC_001.name])
    seq = tmp_path / "seq"
    for cmd in (_add(seq, DOC_000), _add(seq, DOC_001, *_notes())):
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    assert works == _state(seq)[1]


def test_kill_9_during_add_leaves_the_library_before_or_after(tmp_path):
    lib = tmp_path / "lib"
    subprocess.run(_add(lib, DOC_000), check=True, capture_output=True, timeout=300)
    before = library.load(lib).to_json()
    saved = tmp_path / "before.sqlite"
    shutil.copy(lib / "library.sqlite", saved)
    full = tmp_path / "full"
    subprocess.run(_add(full, DOC_000), check=True, capture_output=True, timeout=300)
    start = time.monotonic()
    subprocess.run(_add(full, DOC_001, *_notes()), check=True, capture_output=True, timeout=300)
    took = time.monotonic() - start
    after = library.load(full).to_json()
    seen = set()
    for frac in (0.3, 0.6, 0.8, 0.9, 0.95, 1.0, 1.05):
        p = subprocess.Popen(_add(lib, DOC_001, *_notes()), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(took * frac)
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
        p.wait()
        conn = sqlite3.connect(lib / "library.sqlite")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        now = library.load(lib).to_json()
        assert now in (before, after)
        seen.add("after" if now == after else "before")
        if now == after:  # start again from before
            shutil.copy(saved, lib / "library.sqlite")
    assert "before" in seen
