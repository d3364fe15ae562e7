"""`pull` of a 50,000-item Zotero group: requests bounded by the API's limits, time, and an incremental re-pull.

    .venv/bin/python bench/bench_pull.py [--items N]

The group is served in process through httpx2's MockTransport (the tests pull from the real local Zotero server;
here the point is counting requests and timing the library side at a size that server would take long to fill).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("soviet japan trade oil timber treaty cold war moscow tokyo economy politics memory empire diplomacy "
         "siberia gas pipeline credit yen ruble planning kremlin islands peace growth idea memoirs").split()


def group_items(n: int, seed: int = 3) -> dict[str, dict]:
    rng = random.Random(seed)
    out = {}
    for i in range(n):
        key = f"K{i:07d}"
        if i % 3 == 0:
            data = {"itemType": "manuscript", "title": " ".join(rng.choice(WORDS) for _ in range(4)).capitalize(),
                    "archive": rng.choice(["RGASPI", "GARF", "RGANI"]),
                    "archiveLocation": f"F. {rng.randint(1, 9000)}, Op. {rng.randint(1, 99)}, D. {rng.randint(1, 999)}",
                    "date": f"{rng.randint(1945, 1991)}-{rng.randint(1, 12):02d}"}
        else:
            data = {"itemType": "book", "title": " ".join(rng.choice(WORDS) for _ in range(5)).title(),
                    "creators": [{"creatorType": "author", "firstName": rng.choice(WORDS).title(),
                                  "lastName": rng.choice(WORDS).title() + rng.choice(WORDS) + str(i % 97)}],
                    "publisher": "Nauka", "date": str(rng.randint(1950, 2020)), "tags": [{"tag": "Hand-entered"}]}
        out[key] = {"key": key, "version": 1 + i // 1000, "data": {**data, "key": key, "version": 1 + i // 1000}}
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=50_000)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import httpx2

    from zotero_cw import library
    from zotero_cw.zotero.client import ZoteroClient
    from zotero_cw.zotero.config import SyncConfig
    from zotero_cw.zotero.pull import pull

    items = group_items(args.items)
    top = max(it["version"] for it in items.values())
    biggest = [0]

    def handler(request: httpx2.Request) -> httpx2.Response:
        q = {k: v[0] for k, v in parse_qs(urlparse(str(request.url)).query).items()}
        since = int(q.get("since", 0))
        path = urlparse(str(request.url)).path
        headers = {"Last-Modified-Version": str(top)}
        if path.endswith("/deleted"):
            return httpx2.Response(200, json={"items": [], "collections": [], "searches": [], "tags": []},
                                   headers=headers)
        if q.get("format") == "versions":
            return httpx2.Response(200, json={k: it["version"] for k, it in items.items() if it["version"] > since},
                                   headers=headers)
        if "itemKey" in q:
            keys = q["itemKey"].split(",")
            biggest[0] = max(biggest[0], len(keys))
            return httpx2.Response(200, json=[items[k] for k in keys if k in items], headers=headers)
        start, limit = int(q.get("start", 0)), int(q.get("limit", 25))  # /items/top, paged
        page = list(items.values())[start:start + min(limit, 100)]
        biggest[0] = max(biggest[0], len(page))
        return httpx2.Response(200, json=page, headers=headers)

    client = ZoteroClient(SyncConfig(1, "bench-key", "http://zotero.invalid"),
                          client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    with tempfile.TemporaryDirectory() as tmp:
        with library.opened(Path(tmp), create=True) as conn:
            t = time.perf_counter()
            report = pull(conn, client, 1)
            took = time.perf_counter() - t
            works = conn.execute("SELECT count(*) FROM works WHERE origin='zotero'").fetchone()[0]
            print(f"first pull: {len(items)} items in {took:.1f} s, {report.requests} requests "
                  f"(1 listing + {report.requests - 2} pages of at most {biggest[0]} items + 1 deletions), "
                  f"{works} works from Zotero in the library")
            bound = 3 + len(items) // 100  # listing, deletions, full pages and the last (short or empty) one
            print(f"requests bounded by the page size (100): {report.requests} <= {bound}:",
                  "met" if report.requests <= bound else "MISSED")
            for i, key in enumerate(sorted(items)[:100]):  # colleagues edit 100 items
                items[key]["version"] = top + 1
                items[key]["data"]["title"] += f" (edited {i})"
            top += 1
            t = time.perf_counter()
            again = pull(conn, client, 1)
            print(f"incremental pull after 100 edits: {again.changed} changed, {len(again.updated)} updated, "
                  f"{again.requests} requests, {(time.perf_counter() - t) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
