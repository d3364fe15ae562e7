"""Sync against a real Zotero-API-compatible server on 127.0.0.1, through pyzotero over HTTP."""

from __future__ import annotations

import copy
import io
import json

import httpx2
import pytest

from zotero_cw.cli import main
from zotero_cw.cli.sync import print_report
from zotero_cw.library import Library, save
from zotero_cw.zotero.config import SyncConfig
from zotero_cw.zotero.mapping import zotero_key
from zotero_cw.zotero.sync import STATE_FILE, sync
from zotero_server import sample_items


@pytest.fixture
def group(zotero_server):
    return zotero_server.create_group()


@pytest.fixture
def config(zotero_server, group):
    return SyncConfig(group, zotero_server.user1_key, zotero_server.url)


def server_items(server, group) -> list[dict]:
    """Every item in the group (as a user sees them), read directly over HTTP."""
    out, start = [], 0
    while True:
        resp = server.http.get(f"{server.url}/groups/{group}/items", params={"start": start, "limit": 100, "includeTrashed": 1},
                               headers={"Zotero-API-Key": server.user1_key})
        page = resp.json()
        out.extend(page)
        if len(page) < 100:
            return out
        start += 100


def by_key(server, group) -> dict[str, dict]:
    return {it["key"]: it for it in server_items(server, group)}


def user_edit(server, group, key: str, **fields) -> None:
    """A user changes an item in Zotero (a version-checked PATCH, as Zotero's clients do)."""
    item = by_key(server, group)[key]
    resp = server.http.patch(f"{server.url}/groups/{group}/items/{key}", json=fields,
                             headers={"Zotero-API-Key": server.user1_key,
                                      "If-Unmodified-Since-Version": str(item["version"])})
    assert resp.status_code == 204, resp.text


def many_items(n: int) -> list[dict]:
    return [{"id": f"book{i:04d}", "type": "book", "title": f"Book {i}", "publisher": "Nauka",
             "author": [{"family": f"Author{i}", "given": "A."}], "issued": {"date-parts": [[1950 + i % 40]]},
             "custom": {"tags": [f"T{i % 3}"], "collections": [["Documents", f"doc{i % 2}"]],
                        "cited_in": [{"document": f"doc{i % 2}.txt", "note": i, "locator": "1", "label": "page"}]}}
            for i in range(n)]


def test_first_sync_creates_everything_and_second_sync_writes_nothing(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    first = sync(lib, config, tmp_path, progress=None)
    assert not first.failed
    assert len(first.created) == 20  # ten works and ten cited-in notes
    items = by_key(zotero_server, group)
    assert len(items) == 20
    ms = items[zotero_key("item", "rgaspi-84-3-36")]["data"]
    assert ms["itemType"] == "manuscript" and ms["archiveLocation"] == "F. 84, Op. 3, D. 36"
    assert "Archive Place: Moscow" in ms["extra"] and "zotero-cw-id: rgaspi-84-3-36" in ms["extra"]
    assert sorted(t["tag"] for t in ms["tags"]) == ["RGASPI", "RGASPI F. 84"]
    note = items[zotero_key("note", "rgaspi-84-3-36")]["data"]
    assert note["parentItem"] == zotero_key("item", "rgaspi-84-3-36") and "note 10, folio 12–13" in note["note"]
    colls = zotero_server.http.get(f"{zotero_server.url}/groups/{group}/collections",
                                   headers={"Zotero-API-Key": zotero_server.user1_key}).json()
    names = {c["data"]["name"]: c["data"] for c in colls}
    assert {"Archives", "RGASPI", "F. 84", "Op. 3", "D. 36", "Documents"} <= set(names)
    assert names["D. 36"]["key"] in ms["collections"]
    assert names["RGASPI"]["parentCollection"] == names["Archives"]["key"]

    second = sync(lib, config, tmp_path, progress=None)
    assert second.writes == 0 and second.requests <= 2
    assert (second.created, second.updated, second.unchanged) == ([], [], 20)


def test_local_change_writes_only_the_changed_item(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    lib.item("hasegawa2005racing")["title"] = "Racing the Enemy: Stalin, Truman, and the Surrender of Japan"
    report = sync(lib, config, tmp_path, progress=None)
    assert report.updated == ["hasegawa2005racing"] and report.created == []
    assert report.writes == 1
    data = by_key(zotero_server, group)[zotero_key("item", "hasegawa2005racing")]["data"]
    assert data["title"].endswith("Surrender of Japan")


def test_lost_state_adopts_existing_items_without_duplicates(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    (tmp_path / STATE_FILE).unlink()
    fresh = sync(lib, config, tmp_path, progress=None)
    assert fresh.created == [] and fresh.updated == [] and fresh.conflicts == []
    assert len(server_items(zotero_server, group)) == 20
    # a local change made on the new machine still goes through
    lib.item("pravda1950")["page"] = "2"
    (tmp_path / STATE_FILE).unlink()
    again = sync(lib, config, tmp_path, progress=None)
    assert again.updated == ["pravda1950"] and again.conflicts == []
    assert by_key(zotero_server, group)[zotero_key("item", "pravda1950")]["data"]["pages"] == "2"


class KillAfter(httpx2.BaseTransport):
    """Forwards to the real server, then 'dies' right after the n-th item write reached it."""

    def __init__(self, n: int):
        self.inner, self.n, self.seen = httpx2.HTTPTransport(), n, 0

    def handle_request(self, request):
        resp = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path.endswith("/items"):
            self.seen += 1
            if self.seen == self.n:
                resp.read()
                raise KeyboardInterrupt("killed")
        return resp


def test_interrupted_sync_creates_nothing_twice(zotero_server, group, config, tmp_path):
    lib = Library(items=many_items(60))  # 120 objects: three write batches of ≤ 50
    with pytest.raises(KeyboardInterrupt):
        sync(lib, config, tmp_path, progress=None, client=httpx2.Client(transport=KillAfter(2)))
    assert 50 < len(server_items(zotero_server, group)) < 120  # the second batch landed, unrecorded
    report = sync(lib, config, tmp_path, progress=None)
    assert not report.failed
    items = server_items(zotero_server, group)
    assert len(items) == 120 and len({it["key"] for it in items}) == 120
    assert len(report.created) == 20  # only the third batch was left to create
    assert sync(lib, config, tmp_path, progress=None).writes == 0


def test_concurrent_user_edit_is_merged_and_reported(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    key = zotero_key("item", "mastny1996cwihp")
    user_edit(zotero_server, group, key, title="The Soviet Union and the Korean War (rev.)",
              abstractNote="Added by a colleague", tags=[{"tag": "RGASPI"}, {"tag": "to read"}])
    item = lib.item("mastny1996cwihp")
    item["title"] = "The USSR and the Korean War"  # both sides changed the title
    item["publisher"] = "Woodrow Wilson International Center for Scholars"  # only we changed this
    item["custom"]["tags"] = ["CWIHP"]
    report = sync(lib, config, tmp_path, progress=None)
    assert report.conflicts == [("mastny1996cwihp", ["title"])]
    data = by_key(zotero_server, group)[key]["data"]
    assert data["title"] == "The Soviet Union and the Korean War (rev.)"
    assert data["institution"] == "Woodrow Wilson International Center for Scholars"
    assert data["abstractNote"] == "Added by a colleague"
    assert sorted(t["tag"] for t in data["tags"]) == ["CWIHP", "RGASPI", "to read"]
    # the conflict is settled: the user's title stays and nothing is written again
    later = sync(lib, config, tmp_path, progress=None)
    assert later.writes == 0 and later.conflicts == []


def test_user_edit_only_on_the_server_is_kept_and_nothing_is_written(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    key = zotero_key("note", "time1950korea")
    user_edit(zotero_server, group, key, note="<p>My own note</p>")
    report = sync(lib, config, tmp_path, progress=None)
    assert report.writes == 0
    assert by_key(zotero_server, group)[key]["data"]["note"] == "<p>My own note</p>"


def test_key_without_write_access_stops_before_writing(zotero_server, group, tmp_path):
    key = zotero_server.create_key(write=False)
    cfg = SyncConfig(group, key, zotero_server.url)
    with pytest.raises(Exception, match="no write access to group"):
        sync(Library(items=sample_items()), cfg, tmp_path, progress=None)
    assert server_items(zotero_server, group) == []
    plan = sync(Library(items=sample_items()), cfg, tmp_path, dry_run=True, progress=None)
    assert len(plan.created) == 20 and plan.writes == 0


def test_prune_deletes_only_items_we_created_and_the_library_dropped(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    own = zotero_server.http.post(f"{zotero_server.url}/groups/{group}/items",
                                  json=[{"itemType": "book", "title": "A colleague's book"}],
                                  headers={"Zotero-API-Key": zotero_server.user1_key}).json()
    assert own["successful"]
    lib.items = [it for it in lib.items if it["id"] not in ("time1950korea", "pravda1950")]
    user_edit(zotero_server, group, zotero_key("item", "pravda1950"), title="Zaiavlenie TASS (annotated)")
    kept = sync(lib, config, tmp_path, progress=None)  # without --prune nothing is deleted
    assert kept.pruned == [] and len(server_items(zotero_server, group)) == 21
    pruned = sync(lib, config, tmp_path, prune=True, progress=None)
    assert pruned.pruned == ["time1950korea"]
    assert pruned.kept_edited == ["pravda1950"]  # edited in Zotero since our sync: kept
    keys = set(by_key(zotero_server, group))
    assert zotero_key("item", "time1950korea") not in keys and zotero_key("note", "time1950korea") not in keys
    assert zotero_key("item", "pravda1950") in keys
    assert len(keys) == 19  # 16 of ours + the colleague's book + pravda and its note


def test_dry_run_prints_the_plan_and_writes_nothing(zotero_server, group, tmp_path, monkeypatch, capsys):
    save(Library(items=sample_items()), tmp_path)
    monkeypatch.setenv("ZOTERO_API_KEY", zotero_server.user1_key)
    monkeypatch.setenv("ZOTERO_CW_CONFIG", str(tmp_path / "none.yaml"))
    args = ["sync", "--group", str(group), "--endpoint", zotero_server.url, "--library", str(tmp_path)]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "create     rgaspi-84-3-36" in out.out and "plan: would create 20" in out.out
    assert server_items(zotero_server, group) == []
    assert main(args) == 0
    out2 = capsys.readouterr()
    assert "sync: create 20" in out2.out
    assert main(args) == 0
    out3 = capsys.readouterr()
    assert "unchanged 20" in out3.out and "0 writes" in out3.out
    for text in (out.out, out.err, out2.out, out2.err, out3.out, out3.err):
        assert zotero_server.user1_key not in text
    assert zotero_server.user1_key not in (tmp_path / STATE_FILE).read_text()


def test_cli_errors_are_one_line_without_the_key(zotero_server, tmp_path, monkeypatch, capsys):
    save(Library(items=sample_items()), tmp_path)
    monkeypatch.setenv("ZOTERO_CW_CONFIG", str(tmp_path / "none.yaml"))
    base = ["sync", "--endpoint", zotero_server.url, "--library", str(tmp_path)]
    monkeypatch.setenv("ZOTERO_API_KEY", zotero_server.user1_key)
    assert main([*base, "--group", "999999"]) == 2
    err = capsys.readouterr().err
    assert "may not access group 999999" in err and err.count("\n") == 1
    bad = "wrongkey" + zotero_server.user1_key[8:]
    monkeypatch.setenv("ZOTERO_API_KEY", bad)
    assert main([*base, "--group", "1"]) == 2
    err = capsys.readouterr().err
    assert "API key is not valid" in err and bad not in err
    monkeypatch.delenv("ZOTERO_API_KEY")
    cfg = tmp_path / "config.yaml"
    cfg.write_text(json.dumps({"api_key": zotero_server.user1_key, "group": 999998}))
    cfg.chmod(0o600)
    assert main([*base, "--config", str(cfg)]) == 2
    assert "group 999998" in capsys.readouterr().err


def test_items_deleted_in_zotero_are_not_recreated(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    key = zotero_key("item", "kennan1946letter")
    version = by_key(zotero_server, group)[key]["version"]
    resp = zotero_server.http.delete(f"{zotero_server.url}/groups/{group}/items/{key}",
                                     headers={"Zotero-API-Key": zotero_server.user1_key,
                                              "If-Unmodified-Since-Version": str(version)})
    assert resp.status_code == 204
    lib2 = Library(items=copy.deepcopy(lib.items))
    lib2.item("kennan1946letter")["title"] = "Long Telegram"
    report = sync(lib2, config, tmp_path, progress=None)
    assert "kennan1946letter" in report.deleted_in_zotero
    assert key not in by_key(zotero_server, group)


def test_lost_state_after_a_conflict_keeps_the_colleagues_edit(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    key = zotero_key("item", "mastny1996cwihp")
    user_edit(zotero_server, group, key, title="A colleague's title")
    lib.item("mastny1996cwihp")["title"] = "The local title"
    lib.item("mastny1996cwihp")["publisher"] = "Wilson Center"  # so the conflict sync writes the item
    first = sync(lib, config, tmp_path, progress=None)
    assert first.conflicts == [("mastny1996cwihp", ["title"])] and first.updated == ["mastny1996cwihp"]
    (tmp_path / STATE_FILE).unlink()  # a new machine
    again = sync(lib, config, tmp_path, progress=None)
    assert by_key(zotero_server, group)[key]["data"]["title"] == "A colleague's title"
    assert again.updated == [] and again.conflicts == [("mastny1996cwihp", ["title"])]
    out = io.StringIO()
    print_report(again, out)
    assert ("conflict   mastny1996cwihp: kept the Zotero value of title (differs from the library and was not "
            "written by zotero-cw)") in out.getvalue()


def colleague(zotero_server, group):
    """pyzotero as a colleague uses it: their own client on the same group."""
    from pyzotero import zotero

    zot = zotero.Zotero(group, "group", zotero_server.user1_key)
    zot.endpoint = zotero_server.url
    return zot


def test_items_in_the_zotero_trash_are_left_there_unless_asked(zotero_server, group, config, tmp_path):
    lib = Library(items=sample_items())
    sync(lib, config, tmp_path, progress=None)
    key = zotero_key("item", "weathersby1993soviet")
    user_edit(zotero_server, group, key, deleted=1)
    lib.item("weathersby1993soviet")["title"] = "Soviet Aims in Korea and the Origins of the Korean War"
    report = sync(lib, config, tmp_path, progress=None)
    assert report.trashed == ["weathersby1993soviet"] and report.updated == [] and not report.failed
    data = by_key(zotero_server, group)[key]["data"]
    assert data.get("deleted") and data["title"] == "Soviet Aims in Korea"
    left = sync(lib, config, tmp_path, progress=None)
    assert left.trashed == ["weathersby1993soviet"] and left.writes == 0  # still left alone
    out = io.StringIO()
    print_report(left, out)
    assert "skipped    weathersby1993soviet: in the Zotero trash, left there (--restore-trashed" in out.getvalue()
    restored = sync(lib, config, tmp_path, progress=None, restore_trashed=True)
    assert restored.restored == ["weathersby1993soviet"] and restored.updated == ["weathersby1993soviet"]
    data = by_key(zotero_server, group)[key]["data"]
    assert not data.get("deleted") and data["title"].endswith("Korean War")
    assert sync(lib, config, tmp_path, progress=None).writes == 0


def test_library_item_matched_to_a_colleagues_zotero_item_updates_it(zotero_server, group, config, tmp_path):
    zot = colleague(zotero_server, group)
    book = zot.item_template("book")
    book.update(title="Racing the Enemy: Stalin, Truman, and the Surrender of Japan", date="2005",
                abstractNote="Entered by hand by a colleague", place="Cambridge, Mass.",
                creators=[{"creatorType": "author", "firstName": "Tsuyoshi", "lastName": "Hasegawa"}],
                tags=[{"tag": "colleague"}])
    theirs = zot.create_items([book])["successful"]["0"]["key"]
    items = sample_items()
    work = next(it for it in items if it["id"] == "hasegawa2005racing")
    work["custom"]["zotero_key"] = theirs
    work["custom"]["zotero_version"] = zot.item(theirs)["version"]
    lib = Library(items=items)
    report = sync(lib, config, tmp_path, progress=None)
    assert not report.failed and report.updated == ["hasegawa2005racing"]
    assert ("hasegawa2005racing", ["place", "title"]) in report.conflicts
    everything = zot.everything(zot.items())
    assert len(everything) == 20 and len({it["key"] for it in everything}) == 20  # no second Racing the Enemy
    top = [it for it in zot.everything(zot.top()) if it["data"]["title"].startswith("Racing the Enemy")]
    assert [it["key"] for it in top] == [theirs]
    data = zot.item(theirs)["data"]
    assert data["title"] == book["title"] and data["abstractNote"] == book["abstractNote"]
    assert data["place"] == "Cambridge, Mass." and data["date"] == "2005" and data["creators"] == book["creators"]
    assert data["publisher"] == "Harvard University Press"  # an empty field the library could fill
    assert {t["tag"] for t in data["tags"]} == {"colleague", "Books"}
    notes = zot.children(theirs)
    assert len(notes) == 1 and "note 3, page 45" in notes[0]["data"]["note"]
    # a new machine, then the work leaves the library and --prune runs: the colleague's item stays
    (tmp_path / STATE_FILE).unlink()
    again = sync(lib, config, tmp_path, progress=None)
    assert again.created == [] and again.updated == [] and zot.item(theirs)["data"]["title"] == book["title"]
    lib.items = [it for it in lib.items if it["id"] != "hasegawa2005racing"]
    pruned = sync(lib, config, tmp_path, prune=True, progress=None)
    assert zot.item(theirs)["data"]["abstractNote"] == book["abstractNote"]
    assert "hasegawa2005racing" not in pruned.pruned and len(zot.everything(zot.top())) == 10


def test_a_malformed_or_unknown_zotero_key_is_reported_and_nothing_created(zotero_server, group, config, tmp_path):
    items = sample_items()[:2]
    items[0]["custom"]["zotero_key"] = "not-a-key"
    items[1]["custom"]["zotero_key"] = "ZZZZ2345"  # well formed, but no such item in this group
    report = sync(Library(items=items), config, tmp_path, progress=None)
    assert [(n, c) for n, c, _ in report.failed] == [("hasegawa2005racing", 400)]
    assert report.missing == [("gaddis1997chapter", "ZZZZ2345")]
    assert server_items(zotero_server, group) == []
