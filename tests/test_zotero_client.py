"""Paths the local server never takes (429, 503, Backoff, network errors, per-object 400), via MockTransport."""

from __future__ import annotations

import io
import json

import httpx2
import pytest

from zotero_cw.cli.sync import print_report
from zotero_cw.errors import UserError
from zotero_cw.library import Library
from zotero_cw.zotero.client import MAX_ATTEMPTS, ZoteroClient
from zotero_cw.zotero.config import SyncConfig, load_config
from zotero_cw.zotero.sync import sync
from zotero_server import sample_items

KEY = "SECRETkey1234567890abcd"
FIELDS = ["title", "abstractNote", "date", "place", "publisher", "pages", "extra", "archive", "archiveLocation",
          "publicationTitle", "bookTitle", "url", "accessDate", "language", "institution", "reportNumber",
          "seriesTitle", "forumTitle", "volume", "issue"]


class FakeZotero:
    """A tiny in-memory Zotero API; `faults` is a list of (method, path-suffix, response) served first."""

    def __init__(self):
        self.items: dict[str, dict] = {}
        self.collections: dict[str, dict] = {}
        self.version = 0
        self.faults: list[tuple[str, str, httpx2.Response]] = []
        self.log: list[httpx2.Request] = []
        self.reject_field: str | None = None

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.log.append(request)
        path, method = request.url.path, request.method
        for i, (m, suffix, resp) in enumerate(self.faults):
            if m == method and path.endswith(suffix):
                del self.faults[i]
                if isinstance(resp, Exception):
                    raise resp
                return resp
        assert request.headers.get("Authorization") == f"Bearer {KEY}"
        hdr = {"Last-Modified-Version": str(self.version)}
        if path == "/keys/current":
            return httpx2.Response(200, json={"access": {"groups": {"all": {"library": True, "write": True}}}})
        if path == "/itemTypes":
            return httpx2.Response(200, json=[{"itemType": t} for t in
                                              ["book", "bookSection", "journalArticle", "magazineArticle",
                                               "newspaperArticle", "manuscript", "letter", "report",
                                               "forumPost", "document", "webpage"]])
        if path == "/itemTypeFields":
            return httpx2.Response(200, json=[{"field": f} for f in FIELDS])
        if path == "/itemTypeCreatorTypes":
            return httpx2.Response(200, json=[{"creatorType": "author", "primary": True},
                                              {"creatorType": "editor"}, {"creatorType": "recipient"}])
        if path == "/items/new":
            return httpx2.Response(200, json={"itemType": request.url.params["itemType"], "title": ""})
        if path.endswith("/deleted"):
            return httpx2.Response(200, json={"items": [], "collections": []}, headers=hdr)
        kind = "items" if path.endswith("/items") else "collections"
        store = self.items if kind == "items" else self.collections
        if method == "GET" and request.url.params.get("format") == "versions":
            since = int(request.url.params.get("since", 0))
            return httpx2.Response(200, json={k: v["version"] for k, v in store.items() if v["version"] > since},
                                   headers=hdr)
        if method == "GET":
            keys = request.url.params["itemKey"].split(",")
            return httpx2.Response(200, json=[{"key": k, "version": store[k]["version"], "data": store[k]}
                                              for k in keys if k in store], headers=hdr)
        body = json.loads(request.content)
        assert len(body) <= 50
        ok, failed = {}, {}
        self.version += 1
        for i, obj in enumerate(body):
            if self.reject_field and self.reject_field in obj:
                failed[str(i)] = {"key": obj["key"], "code": 400, "message": f"Invalid property '{self.reject_field}'"}
                continue
            store[obj["key"]] = {**store.get(obj["key"], {}), **obj, "version": self.version}
            ok[str(i)] = {"key": obj["key"], "version": self.version, "data": store[obj["key"]]}
        return httpx2.Response(200, json={"successful": ok, "unchanged": {}, "failed": failed},
                               headers={"Last-Modified-Version": str(self.version)})


@pytest.fixture
def fake():
    return FakeZotero()


def run(fake, tmp_path, sleeps=None, logs=None, items=None):
    client = httpx2.Client(transport=httpx2.MockTransport(fake.handler))
    cfg = SyncConfig(1, KEY, "http://zotero.test")
    return sync(Library(items=items or sample_items()), cfg, tmp_path, client=client,
                sleep=(sleeps.append if sleeps is not None else lambda s: None),
                log=(logs.append if logs is not None else None), progress=None)


def busy(code: int, **headers: str) -> httpx2.Response:
    return httpx2.Response(code, text="Too busy", headers=headers)


def test_429_with_retry_after_is_waited_out_and_the_write_retried(fake, tmp_path):
    fake.faults = [("POST", "/items", busy(429, **{"Retry-After": "1"})),
                   ("POST", "/items", busy(429, **{"Retry-After": "2"}))]
    sleeps: list[float] = []
    report = run(fake, tmp_path, sleeps)
    assert sleeps == [1.0, 2.0]
    assert not report.failed and len(report.created) == 20
    assert len(fake.items) == 20  # nothing dropped, nothing doubled
    tokens = [r.headers["Zotero-Write-Token"] for r in fake.log if r.method == "POST" and r.url.path.endswith("items")]
    assert len(tokens) == 3 and len(set(tokens)) == 1  # the retry reuses the write token


def test_503_and_network_errors_are_retried_with_backoff(fake, tmp_path):
    fake.faults = [("GET", "/items", busy(503)), ("POST", "/collections", httpx2.ReadError("connection reset by peer")),
                   ("POST", "/items", busy(503, **{"Retry-After": "3"}))]
    sleeps: list[float] = []
    logs: list[str] = []
    report = run(fake, tmp_path, sleeps, logs)
    assert not report.failed and len(fake.items) == 20
    assert sleeps == [2.0, 2.0, 3.0]
    assert any("503" in m for m in logs) and any("connection to http://zotero.test was dropped" in m for m in logs)


def test_backoff_header_on_success_delays_the_next_request(fake, tmp_path):
    ok = httpx2.Response(200, json={"access": {"groups": {"all": {"library": True, "write": True}}}},
                         headers={"Backoff": "5"})
    fake.faults = [("GET", "/keys/current", ok)]
    sleeps: list[float] = []
    run(fake, tmp_path, sleeps)
    assert len(sleeps) == 1 and 4.0 < sleeps[0] <= 5.0


def test_retries_are_bounded(fake, tmp_path):
    fake.faults = [("GET", "/keys/current", busy(503)) for _ in range(MAX_ATTEMPTS)]
    with pytest.raises(UserError, match="still busy"):
        run(fake, tmp_path)


def test_per_object_400_is_reported_not_ignored(fake, tmp_path):
    fake.reject_field = "archiveLocation"
    report = run(fake, tmp_path)
    failed = {name: code for name, code, _ in report.failed}
    assert failed == {"rgaspi-84-3-36": 400}
    assert "rgaspi-84-3-36" not in report.created and len(report.created) == 19
    fake.reject_field = None
    again = run(fake, tmp_path)  # the failed item is tried again next time, the rest stays put
    assert again.created == ["rgaspi-84-3-36"] and again.updated == []


def test_more_than_50_objects_go_in_several_requests(fake, tmp_path):
    items = [{"id": f"b{i}", "type": "book", "title": f"B{i}", "custom": {}} for i in range(60)]
    report = run(fake, tmp_path, items=items)
    posts = [r for r in fake.log if r.method == "POST" and r.url.path.endswith("/items")]
    assert len(posts) == 3 and len(report.created) == 120


def test_the_api_key_never_appears_in_errors_or_logs(fake, tmp_path):
    fake.faults = [("GET", "/keys/current", httpx2.Response(500, text=f"boom for key {KEY}"))]
    logs: list[str] = []
    with pytest.raises(UserError) as err:
        run(fake, tmp_path, logs=logs)
    assert KEY not in str(err.value) and "<API key>" in str(err.value)
    assert all(KEY not in m for m in logs)
    client = ZoteroClient(SyncConfig(1, KEY, "http://zotero.test"))
    assert KEY not in repr(client.config)
    assert all(KEY not in r.url.path and KEY not in str(r.url.params) for r in fake.log)


def test_config_file_and_environment(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("api_key: fromfile\ngroup: 42\nendpoint: http://127.0.0.1:9/\n")
    cfg.chmod(0o600)
    c = load_config(None, None, cfg, env={})
    assert (c.group_id, c.api_key, c.endpoint) == (42, "fromfile", "http://127.0.0.1:9")
    c2 = load_config(7, "https://api.zotero.org", cfg, env={"ZOTERO_API_KEY": "fromenv"})
    assert (c2.group_id, c2.api_key) == (7, "fromenv")
    empty = tmp_path / "empty.yaml"
    empty.write_text("group: 3\n")
    empty.chmod(0o600)
    with pytest.raises(UserError, match="no Zotero API key"):
        load_config(None, None, empty, env={})
    with pytest.raises(UserError, match="config file not found"):
        load_config(7, None, tmp_path / "missing.yaml", env={"ZOTERO_API_KEY": "k"})


def test_stale_update_412_is_refetched_merged_and_retried(fake, tmp_path):
    run(fake, tmp_path)
    items = sample_items()
    items[0]["title"] = "Racing the Enemy (2nd ed.)"
    stale = httpx2.Response(200, json={"successful": {}, "unchanged": {}, "failed": {
        "0": {"key": "x", "code": 412, "message": "Item has been modified since specified version"}}})
    fake.faults = [("POST", "/items", stale)]
    report = run(fake, tmp_path, items=items)
    assert report.updated == ["hasegawa2005racing"] and not report.failed
    assert any(r.method == "GET" and "itemKey" in r.url.params for r in fake.log)  # read again before retrying
    key = next(k for k, v in fake.items.items() if v.get("title", "").startswith("Racing"))
    assert fake.items[key]["title"] == "Racing the Enemy (2nd ed.)"


def test_progress_bar_on_a_terminal_and_summary_lines(fake, tmp_path, capsys):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    client = httpx2.Client(transport=httpx2.MockTransport(fake.handler))
    report = sync(Library(items=sample_items()), SyncConfig(1, KEY, "http://zotero.test"), tmp_path,
                  client=client, sleep=lambda s: None, progress=stream)
    assert "sync [" in stream.getvalue() and "28/28" in stream.getvalue()  # 8 collections + 20 objects
    report.conflicts.append(("mastny1996cwihp", ["title"]))
    print_report(report)
    out = capsys.readouterr().out
    assert "conflict   mastny1996cwihp: kept the Zotero value of title" in out
    assert out.strip().splitlines()[-1].startswith("sync: create 20, update 0")


def test_a_refused_connection_fails_at_once_in_one_line(tmp_path, capsys, monkeypatch):
    from zotero_server import free_port

    port = free_port()  # nothing listens there
    sleeps: list[float] = []
    cfg = SyncConfig(1, KEY, f"http://127.0.0.1:{port}")
    with pytest.raises(UserError, match="connection refused") as err:
        sync(Library(items=sample_items()), cfg, tmp_path, sleep=sleeps.append, progress=None)
    assert sleeps == [] and "\n" not in str(err.value) and KEY not in str(err.value)
    from zotero_cw.library import save
    save(Library(items=sample_items()), tmp_path)
    monkeypatch.setenv("ZOTERO_API_KEY", KEY)
    monkeypatch.setenv("ZOTERO_CW_CONFIG", str(tmp_path / "none.yaml"))
    from zotero_cw.cli import main
    assert main(["sync", "--group", "1", "--endpoint", cfg.endpoint, "--library", str(tmp_path)]) == 2
    err_text = capsys.readouterr().err
    assert err_text.count("\n") == 1 and "retrying" not in err_text


def test_an_unknown_host_fails_at_once(fake, tmp_path):
    import socket

    def no_dns(request):
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as exc:
            raise httpx2.ConnectError("[Errno -2] Name or service not known") from exc

    sleeps: list[float] = []
    client = httpx2.Client(transport=httpx2.MockTransport(no_dns))
    with pytest.raises(UserError, match="cannot find the host zotero.test"):
        sync(Library(items=sample_items()), SyncConfig(1, KEY, "http://zotero.test"), tmp_path, client=client,
             sleep=sleeps.append, progress=None)
    assert sleeps == []


def test_timeouts_and_resets_are_retried(fake, tmp_path):
    fake.faults = [("GET", "/keys/current", httpx2.ReadTimeout("slow")),
                   ("GET", "/items", httpx2.RemoteProtocolError("Server disconnected without sending a response")),
                   ("POST", "/items", httpx2.ConnectTimeout("slow"))]
    sleeps: list[float] = []
    logs: list[str] = []
    report = run(fake, tmp_path, sleeps, logs)
    assert not report.failed and len(fake.items) == 20 and sleeps == [2.0, 2.0, 2.0]
    assert any("no answer from" in m and "retrying in 2 s" in m for m in logs)


def test_long_retry_after_and_backoff_are_honoured_in_full_and_said(fake, tmp_path):
    fake.faults = [("POST", "/items", busy(429, **{"Retry-After": "300"}))]
    sleeps: list[float] = []
    logs: list[str] = []
    report = run(fake, tmp_path, sleeps, logs)
    assert sleeps == [300.0] and not report.failed  # no cut to 120 s
    assert any("waiting 5 min as the server asks" in m and "Retry-After" in m for m in logs)
    ok = httpx2.Response(200, json={"access": {"groups": {"all": {"library": True, "write": True}}}},
                         headers={"Backoff": "900"})
    fake.faults = [("GET", "/keys/current", ok)]
    sleeps.clear()
    run(fake, tmp_path / "b", sleeps, logs)
    assert len(sleeps) == 1 and 899 < sleeps[0] <= 900


def test_retry_after_as_a_date_and_waits_beyond_an_hour(fake, tmp_path):
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    when = format_datetime(datetime.now(UTC) + timedelta(seconds=40), usegmt=True)
    fake.faults = [("GET", "/keys/current", busy(503, **{"Retry-After": when}))]
    sleeps: list[float] = []
    run(fake, tmp_path, sleeps)
    assert len(sleeps) == 1 and 30 < sleeps[0] <= 40
    fake.faults = [("GET", "/keys/current", busy(429, **{"Retry-After": "7200"}))]
    sleeps.clear()
    with pytest.raises(UserError, match=r"asks zotero-cw to wait 2.0 h \(server busy \(429, Retry-After\)\); "
                                        "run sync again after"):
        run(fake, tmp_path, sleeps)
    assert sleeps == []


def test_nonsense_wait_headers_fall_back_to_our_own_backoff(fake, tmp_path):
    fake.faults = [("GET", "/keys/current", busy(503, **{"Retry-After": "soon"})),
                   ("GET", "/keys/current", busy(503, **{"Retry-After": "nan"})),
                   ("GET", "/keys/current", busy(503, **{"Retry-After": "-5"}))]
    sleeps: list[float] = []
    run(fake, tmp_path, sleeps)
    assert sleeps == [2.0, 4.0, 0.0]
