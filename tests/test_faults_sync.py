"""Fault injection against the real local Zotero server: a sync killed with SIGKILL mid-write, a lost state, edits
on both sides, a lost state after a conflict, the server vanishing mid-run. Each ends with no duplicate and no
lost edit, counted through pyzotero as a colleague's Zotero would see the group."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx2
import pytest
from pyzotero import zotero

from zotero_cw.library import Library, save
from zotero_cw.zotero.config import SyncConfig
from zotero_cw.zotero.mapping import zotero_key
from zotero_cw.zotero.sync import STATE_FILE, sync

ID = re.compile(r"zotero-cw-id: (\S+)")
HOP = {"host", "content-length", "connection", "transfer-encoding", "content-encoding", "keep-alive"}


class Proxy:
    """An HTTP relay to the test server that can hang right after a write has landed, or vanish."""

    def __init__(self, upstream: str):
        self.upstream = upstream
        self.http = httpx2.Client(timeout=60.0, trust_env=False)
        self.item_posts = 0
        self.requests = 0
        self.hang_after_post: int | None = None  # hang once the n-th item write has reached the server
        self.vanish_after: int | None = None  # after this many requests, stop listening
        self.hanging = threading.Event()
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.requests += 1
                if proxy.vanish_after is not None and proxy.requests > proxy.vanish_after:
                    proxy.vanish()
                    self.close_connection = True
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
                resp = proxy.http.request(self.command, proxy.upstream + self.path, content=body, headers=headers)
                if self.command == "POST" and self.path.split("?")[0].endswith("/items"):
                    proxy.item_posts += 1
                    if proxy.item_posts == proxy.hang_after_post:
                        proxy.hanging.set()
                        proxy.release.wait(120)
                        self.close_connection = True
                        return
                self.send_response(resp.status_code)
                for k, v in resp.headers.items():
                    if k.lower() not in HOP:
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(resp.content)))
                self.end_headers()
                self.wfile.write(resp.content)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = relay

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.gone = False

    def vanish(self) -> None:
        if not self.gone:
            self.gone = True
            threading.Thread(target=lambda: (self.server.shutdown(), self.server.server_close())).start()

    def close(self) -> None:
        self.release.set()
        self.vanish()
        self.thread.join(10)
        self.http.close()


@pytest.fixture
def group(zotero_server):
    return zotero_server.create_group()


@pytest.fixture
def config(zotero_server, group):
    return SyncConfig(group, zotero_server.user1_key, zotero_server.url)


@pytest.fixture
def zot(zotero_server, group):
    z = zotero.Zotero(group, "group", zotero_server.user1_key)
    z.endpoint = zotero_server.url
    return z


@pytest.fixture
def proxy(zotero_server):
    p = Proxy(zotero_server.url)
    yield p
    p.close()


def works(n: int) -> list[dict]:
    return [{"id": f"work{i:03d}", "type": "book", "title": f"Work {i}", "publisher": "Nauka",
             "author": [{"family": f"Author{i}", "given": "A."}], "issued": {"date-parts": [[1940 + i % 50]]},
             "custom": {"tags": ["T"], "cited_in": [{"document": "a.txt", "note": i, "locator": "1", "label": "page"}]}}
            for i in range(n)]


def census(zot) -> tuple[int, int]:
    """(duplicates, objects) in the group: two objects for one library id (or one title) count as a duplicate."""
    seen: Counter = Counter()
    items = zot.everything(zot.items())
    for it in items:
        d = it["data"]
        text = d.get("note", "") if d["itemType"] == "note" else d.get("extra", "")
        m = ID.search(text)
        seen[(d["itemType"] == "note", m.group(1) if m else d.get("title"))] += 1
    return sum(c - 1 for c in seen.values()), len(items)


def edit(zot, key: str, **fields) -> dict:
    """A colleague edits an item in their Zotero (pyzotero, version-checked); returns what they set."""
    item = zot.item(key)
    item["data"].update(fields)
    assert zot.update_item(item["data"])
    return fields


def lost_edits(zot, edits: dict[str, dict]) -> list[tuple[str, str]]:
    return [(k, f) for k, fields in edits.items() for f, v in fields.items() if zot.item(k)["data"].get(f) != v]


def cli(args: list[str], key: str, tmp: Path) -> subprocess.Popen:
    env = {**os.environ, "ZOTERO_API_KEY": key, "ZOTERO_CW_CONFIG": str(tmp / "no-config.yaml")}
    return subprocess.Popen([sys.executable, "-m", "zotero_cw", "sync", *args], env=env, cwd=tmp,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_9_mid_sync_then_rerun(zotero_server, group, config, zot, proxy, tmp_path):
    lib = Library(items=works(60))  # 120 objects: three write batches
    save(lib, tmp_path)
    proxy.hang_after_post = 2  # the second batch lands on the server, the answer never comes back
    proc = cli(["--group", str(group), "--endpoint", proxy.url, "--library", str(tmp_path)],
               zotero_server.user1_key, tmp_path)
    try:
        assert proxy.hanging.wait(120), "the sync never reached its second write"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    landed = census(zot)
    assert landed[0] == 0 and 50 < landed[1] < 120
    # meanwhile a colleague edits one of the works that landed unrecorded
    edits = {zotero_key("item", "work055"): edit(zot, zotero_key("item", "work055"), title="Work 55, corrected")}
    report = sync(lib, config, tmp_path, progress=None)
    assert not report.failed
    assert census(zot) == (0, 120) and lost_edits(zot, edits) == []
    assert sync(lib, config, tmp_path, progress=None).writes == 0


def test_lost_state_and_edits_on_both_sides(zotero_server, group, config, zot, tmp_path):
    lib = Library(items=works(12))
    sync(lib, config, tmp_path, progress=None)
    k1, k2, k3 = (zotero_key("item", f"work00{i}") for i in (1, 2, 3))
    edits = {k1: edit(zot, k1, title="Colleague's title 1", abstractNote="added in Zotero"),
             k2: edit(zot, k2, title="Colleague's title 2"),
             k3: edit(zot, k3, publisher="Progress")}
    lib.item("work001")["title"] = "Library's title 1"  # both sides changed work001's title
    lib.item("work001")["publisher"] = "Nauka, Moscow"  # and this, so the conflict sync writes work001
    lib.item("work002")["publisher"] = "Politizdat"  # only the library changed work002's publisher
    lib.item("work004")["title"] = "Work 4, second edition"  # only the library changed work004
    both = sync(lib, config, tmp_path, progress=None)  # concurrent edit on both sides, with state
    assert ("work001", ["title"]) in both.conflicts and not both.failed
    assert census(zot) == (0, 24) and lost_edits(zot, edits) == []
    assert zot.item(k2)["data"]["publisher"] == "Politizdat"
    assert zot.item(zotero_key("item", "work004"))["data"]["title"] == "Work 4, second edition"
    # lost state after the conflict; the library changes again on the new machine
    (tmp_path / STATE_FILE).unlink()
    lib.item("work001")["title"] = "Library's title 1, again"
    lib.item("work003")["publisher"] = "Nauka (Moscow)"  # the colleague changed this field: theirs stays
    lib.item("work005")["title"] = "Work 5, revised"
    fresh = sync(lib, config, tmp_path, progress=None)
    assert not fresh.failed and census(zot) == (0, 24) and lost_edits(zot, edits) == []
    assert {name for name, _ in fresh.conflicts} >= {"work001", "work003"}
    assert zot.item(zotero_key("item", "work005"))["data"]["title"] == "Work 5, revised"
    # and again: state lost once more, nothing changes anywhere
    (tmp_path / STATE_FILE).unlink()
    again = sync(lib, config, tmp_path, progress=None)
    assert again.created == [] and again.updated == [] and lost_edits(zot, edits) == []


def test_server_gone_mid_run_then_back(zotero_server, group, config, zot, proxy, tmp_path):
    lib = Library(items=works(60))
    save(lib, tmp_path)
    proxy.vanish_after = 12  # the check, schema reads, the listing, then a write or two — then nothing
    proc = cli(["--group", str(group), "--endpoint", proxy.url, "--library", str(tmp_path)],
               zotero_server.user1_key, tmp_path)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    lines = err.strip().splitlines()
    assert lines[-1].startswith("zotero-cw: error: ") and "connection refused" in lines[-1]
    assert all(line.startswith("zotero-cw: ") for line in lines) and len(lines) <= 2  # at most one retry line
    assert zotero_server.user1_key not in out + err
    partial = census(zot)
    assert partial[0] == 0 and partial[1] < 120
    edits = {}
    if partial[1]:  # a colleague edits what got through before the server went
        first = zot.top(limit=1)[0]["key"]
        edits[first] = edit(zot, first, title="Edited while zotero-cw was away")
    report = sync(lib, config, tmp_path, progress=None)  # the server is back
    assert not report.failed and census(zot) == (0, 120) and lost_edits(zot, edits) == []
