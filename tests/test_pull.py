"""Pull from a real Zotero-API server on 127.0.0.1: hand-entered items are found by lookup and not doubled."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from zotero_cw import library
from zotero_cw.cli import main
from zotero_cw.library import Library, save
from zotero_cw.zotero.config import SyncConfig
from zotero_cw.zotero.mapping import zotero_key
from zotero_cw.zotero.sync import sync
from zotero_server import sample_items

sys.path.insert(0, str(Path(__file__).parent / "data"))


@pytest.fixture
def group(zotero_server):
    return zotero_server.create_group()


@pytest.fixture
def env(zotero_server, group, monkeypatch):
    monkeypatch.setenv("ZOTERO_API_KEY", zotero_server.user1_key)
    monkeypatch.setenv("ZOTERO_CW_CONFIG", "/nonexistent/zotero-cw.yaml")
    return ["--group", str(group), "--endpoint", zotero_server.url]


def post(server, group, items: list[dict]) -> dict:
    resp = server.http.post(f"{server.url}/groups/{group}/items", json=items,
                            headers={"Zotero-API-Key": server.user1_key})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert not body["failed"], body
    return body["successful"]


def delete(server, group, key: str) -> None:
    item = server.http.get(f"{server.url}/groups/{group}/items/{key}",
                           headers={"Zotero-API-Key": server.user1_key}).json()
    resp = server.http.delete(f"{server.url}/groups/{group}/items/{key}",
                              headers={"Zotero-API-Key": server.user1_key,
                                       "If-Unmodified-Since-Version": str(item["version"])})
    assert resp.status_code == 204, resp.text


HAND_ENTERED = {"itemType": "book", "title": "The Soviet Union and the Korean War, 1950-1953",
                "creators": [{"creatorType": "author", "firstName": "Vojtech", "lastName": "Mastny"}],
                "publisher": "Woodrow Wilson Center", "place": "Washington", "date": "1996",
                "tags": [{"tag": "Korea"}], "extra": "Archive Place: Washington"}
HAND_ARCHIVAL = {"itemType": "manuscript", "title": "Cable, Shtykov to Vyshinsky",
                 "archive": "AVPRF", "archiveLocation": "F. 0146, Op. 1, D. 12", "date": "1949-09-03"}


def test_pull_brings_hand_entered_items_that_lookup_finds(zotero_server, group, env, tmp_path, capsys):
    lib = tmp_path / "lib"
    made = post(zotero_server, group, [HAND_ENTERED, HAND_ARCHIVAL])
    assert main(["pull", *env, "--library", str(lib)]) == 0
    out = capsys.readouterr().out
    assert "2 added" in out and "since version 0" in out
    got = library.load(lib)
    assert sorted(it["custom"]["zotero_key"] for it in got.items) == sorted(v["key"] for v in made.values())
    assert set(got.origins.values()) == {"zotero"}
    book = next(it for it in got.items if it["type"] == "book")
    assert book["author"] == [{"family": "Mastny", "given": "Vojtech"}]
    assert book["archive-place"] == "Washington" and book["custom"]["tags"] == ["Korea"]
    assert main(["lookup", "Mastny", "Korean", "--library", str(lib), "--json"]) == 0
    assert [it["id"] for it in json.loads(capsys.readouterr().out)] == [book["id"]]
    assert main(["lookup", "Mastyn", "--library", str(lib), "--json"]) == 0  # a typo
    assert "did you mean 'mastny'" in capsys.readouterr().err
    assert main(["lookup", "AVP", "RF", "0146", "--library", str(lib), "--json"]) == 0
    assert [it["title"] for it in json.loads(capsys.readouterr().out)] == ["Cable, Shtykov to Vyshinsky"]
    assert main(["lookup", "АВП", "РФ", "ф.", "0146", "--library", str(lib), "--json"]) == 0
    assert [it["title"] for it in json.loads(capsys.readouterr().out)] == ["Cable, Shtykov to Vyshinsky"]

    # incremental: nothing changed → nothing fetched; a deletion in Zotero takes the item out
    assert main(["pull", *env, "--library", str(lib)]) == 0
    assert "0 changed in Zotero" in capsys.readouterr().out
    delete(zotero_server, group, book["custom"]["zotero_key"])
    assert main(["pull", *env, "--library", str(lib)]) == 0
    assert "1 removed" in capsys.readouterr().out
    assert [it["type"] for it in library.load(lib).items] == ["manuscript"]


def test_a_hand_entered_item_is_the_work_the_documents_cite(zotero_server, group, env, tmp_path, capsys):
    """The colleague's item and the documents' citation are one work: it gains cited_in, sync does not double it."""
    lib = tmp_path / "lib"
    mine = [it for it in sample_items() if it["id"] == "mastny1996cwihp"]
    save(Library(items=mine, documents=[{"name": "001_f2115fb02966d65e.txt", "notes": 11}]), lib)
    entered = {"itemType": "report", "title": "The Soviet Union and the Korean War",
               "creators": [{"creatorType": "author", "firstName": "Vojtech", "lastName": "Mastny"}],
               "institution": "Woodrow Wilson Center", "date": "1996", "seriesTitle": "CWIHP Working Paper"}
    key = next(iter(post(zotero_server, group, [entered]).values()))["key"]
    assert main(["pull", *env, "--library", str(lib)]) == 0
    assert "matched    mastny1996cwihp" in capsys.readouterr().out
    got = library.load(lib)
    assert [it["id"] for it in got.items] == ["mastny1996cwihp"]
    work = got.items[0]
    assert work["custom"]["zotero_key"] == key and isinstance(work["custom"]["zotero_version"], int)
    assert work["custom"]["cited_in"] == mine[0]["custom"]["cited_in"]
    assert got.origins["mastny1996cwihp"] == "zotero"
    # the next sync updates the colleague's item (adds the cited-in note) instead of creating a second one
    config = SyncConfig(group, zotero_server.user1_key, zotero_server.url)
    assert not sync(got, config, lib, progress=None).failed
    headers = {"Zotero-API-Key": zotero_server.user1_key}
    top = zotero_server.http.get(f"{zotero_server.url}/groups/{group}/items/top", headers=headers).json()
    assert [it["key"] for it in top] == [key]
    assert top[0]["data"]["title"] == entered["title"] and top[0]["data"]["itemType"] == "report"
    children = zotero_server.http.get(f"{zotero_server.url}/groups/{group}/items/{key}/children",
                                      headers=headers).json()
    assert [c["data"]["itemType"] for c in children] == ["note"]
    assert children[0]["data"]["parentItem"] == key


def test_pull_of_what_sync_wrote_links_the_works(zotero_server, group, tmp_path):
    """Items zotero-cw's sync created come back onto their works (their Extra names them), not as new works."""
    lib = tmp_path / "lib"
    items = sample_items()
    save(Library(items=items), lib)
    config = SyncConfig(group, zotero_server.user1_key, zotero_server.url)
    assert not sync(library.load(lib), config, lib, progress=None).failed
    from zotero_cw.zotero.client import ZoteroClient
    from zotero_cw.zotero.pull import pull

    client = ZoteroClient(config)
    with library.opened(lib) as conn:
        report = pull(conn, client, group)
    assert sorted(report.linked) == sorted(it["id"] for it in items) and report.added == []
    got = library.load(lib)
    assert {it["id"]: it["custom"]["zotero_key"] for it in got.items} == \
        {it["id"]: zotero_key("item", it["id"]) for it in items}
    # requests: one listing, one per 50 changed keys (items and their notes), one for deletions
    assert report.requests == 1 + -(-report.changed // 50) + 1


def test_pull_without_key_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ZOTERO_API_KEY", raising=False)
    monkeypatch.setenv("ZOTERO_CW_CONFIG", str(tmp_path / "none.yaml"))
    assert main(["pull", "--group", "1", "--library", str(tmp_path / "lib")]) == 2
    assert "no Zotero API key" in capsys.readouterr().err


def test_the_cli_imports_pyzotero_only_for_zotero_commands(tmp_path):
    import subprocess

    code = ("import sys; from zotero_cw.cli import main; main(['lookup', 'x', '--library', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyzotero', 'httpx2', 'citeproc', "
            "'bibtexparser', 'rispy') or m in ('zotero_cw.parse', 'zotero_cw.render', 'zotero_cw.cli.sync')))")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "none")], capture_output=True, text=True)
    assert run.stdout.strip() == "[]", run.stdout + run.stderr
    assert types is not None
