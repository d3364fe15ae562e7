"""HTTP to a Zotero group through pyzotero's client: retries, Backoff/Retry-After, one-line errors.

pyzotero supplies the authenticated httpx2 client, the endpoint and the headers (the key travels only in the
Authorization header). Its write helpers are not used: `update_items` ignores per-object failures and drops a
chunk on 429, and `create_items` does not retry 429 — every write here goes through `request` instead.
"""

from __future__ import annotations

import secrets
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx2
from pyzotero import zotero

from zotero_cw.errors import UserError
from zotero_cw.zotero.config import SyncConfig, redact

MAX_ATTEMPTS = 6
MAX_RETRY_DELAY = 60.0  # seconds: our own backoff between retries of a timeout or a reset
LONG_WAIT = 3600.0  # a server asking for longer than this gets no request until the user runs sync again
TIMEOUT = httpx2.Timeout(60.0, connect=10.0)


class ZoteroClient:
    def __init__(self, config: SyncConfig, client: httpx2.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep, log: Callable[[str], None] | None = None):
        self.config = config
        self.zot = zotero.Zotero(config.group_id, "group", config.api_key, client=client)
        self.zot.endpoint = config.endpoint.rstrip("/")
        self.sleep = sleep
        self.log = log or (lambda _msg: None)
        self.requests = 0  # HTTP requests sent, retries included
        self.writes = 0
        self.backoff_until = 0.0

    @property
    def prefix(self) -> str:
        return f"/groups/{self.config.group_id}"

    def _wait(self, seconds: float, why: str) -> None:
        """Honour the server's wait in full, saying how long; past LONG_WAIT stop instead (state is saved)."""
        if seconds > LONG_WAIT:
            until = datetime.now().astimezone() + timedelta(seconds=seconds)
            raise UserError(f"the Zotero server at {self.zot.endpoint} asks zotero-cw to wait "
                            f"{_duration(seconds)} ({why}); run sync again after {until:%Y-%m-%d %H:%M}")
        self.log(f"{why}: waiting {_duration(seconds)} as the server asks")
        self.sleep(seconds)

    def _wait_backoff(self) -> None:
        remaining = self.backoff_until - time.monotonic()
        self.backoff_until = 0.0
        if remaining > 0:
            self._wait(remaining, "Backoff")

    def request(self, method: str, path: str, *, params: dict[str, Any] | None = None,
                json: Any = None, headers: dict[str, str] | None = None,
                ok: tuple[int, ...] = (200, 204)) -> httpx2.Response:
        """Send one request. Retried: 429/503 (waiting as Retry-After/Backoff say), timeouts and dropped
        connections. Not retried: a refused connection, an unknown host — those fail at once in one line.
        Retrying a write is safe: creates carry a write token, updates and deletes a version precondition."""
        url = self.zot.endpoint + path
        hdrs = {**self.zot.default_headers(), **(headers or {})}
        if json is not None:
            hdrs["Content-Type"] = "application/json"
        for attempt in range(1, MAX_ATTEMPTS + 1):
            self._wait_backoff()
            self.requests += 1
            if method != "GET":
                self.writes += 1
            try:
                resp = self.zot.client.request(method, url, params=params, json=json, headers=hdrs,
                                               timeout=TIMEOUT)
            except httpx2.TransportError as exc:
                retry, what = transport_problem(exc, self.zot.endpoint)
                if not retry:
                    raise UserError(redact(what, self.config.api_key)) from None
                if attempt == MAX_ATTEMPTS:
                    raise UserError(redact(f"{what}, {MAX_ATTEMPTS} times; try again later",
                                           self.config.api_key)) from None
                delay = min(2.0 ** attempt, MAX_RETRY_DELAY)
                self.log(redact(f"{what}; retrying in {_duration(delay)}", self.config.api_key))
                self.sleep(delay)
                continue
            wait = header_seconds(resp.headers)
            if resp.status_code in (429, 503):
                if attempt == MAX_ATTEMPTS:
                    break
                if wait is not None:
                    self._wait(wait, f"server busy ({resp.status_code}, {wait_header(resp.headers)})")
                else:
                    delay = min(2.0 ** attempt, MAX_RETRY_DELAY)
                    self.log(f"server busy ({resp.status_code}); retrying in {_duration(delay)}")
                    self.sleep(delay)
                continue
            if wait:  # Backoff on a successful response: pause before the next request
                self.backoff_until = time.monotonic() + wait
            if resp.status_code in ok:
                return resp
            raise UserError(self.explain(resp))
        raise UserError(f"the Zotero server at {self.zot.endpoint} is still busy after {MAX_ATTEMPTS} attempts "
                        f"({resp.status_code}); try again later")

    def explain(self, resp: httpx2.Response) -> str:
        g, code = self.config.group_id, resp.status_code
        body = redact(resp.text.strip().splitlines()[0][:200] if resp.text.strip() else "", self.config.api_key)
        msgs = {
            400: f"the Zotero server rejected a request as invalid: {body}",
            403: f"the API key may not access group {g}: check --group and that the key can read and write it",
            404: f"group {g} not found at {self.zot.endpoint} (check --group)",
            409: f"group {g} is locked or a write conflicted; try again later",
            412: f"group {g} changed on the server during the sync; run sync again",
            413: "a request was too large for the Zotero server",
            428: "the Zotero server requires a version precondition (a bug in zotero-cw)",
        }
        return msgs.get(code, f"the Zotero server answered {code}: {body}")

    # ---- reads

    def get_json(self, path: str, *, library: bool = True, **params: Any) -> tuple[Any, int]:
        """GET JSON from the group (or, library=False, from the server root); also the library version."""
        resp = self.request("GET", (self.prefix if library else "") + path, params=params or None)
        return resp.json(), int(resp.headers.get("Last-Modified-Version", 0) or 0)

    def check_access(self, write: bool) -> None:
        """Stop before writing unless the key can read (and write) the group."""
        resp = self.request("GET", "/keys/current", ok=(200, 403, 404))
        if resp.status_code != 200:
            raise UserError("the Zotero API key is not valid (set ZOTERO_API_KEY or api_key in the config file)")
        groups = (resp.json().get("access") or {}).get("groups") or {}
        acc = groups.get(str(self.config.group_id)) or groups.get("all") or {}
        if not acc.get("library"):
            raise UserError(f"the API key has no read access to group {self.config.group_id}")
        if write and not acc.get("write"):
            raise UserError(f"the API key has no write access to group {self.config.group_id} "
                            "(create a key with write access, or use --dry-run)")

    def fetch_items(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(keys), 50):
            chunk = keys[i:i + 50]
            data, _ = self.get_json("/items", itemKey=",".join(chunk), includeTrashed=1, limit=50)
            for obj in data:
                out[obj["key"]] = obj["data"] | {"version": obj["version"]}
        return out

    def all_top_items(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        start = 0
        while True:
            data, _ = self.get_json("/items/top", start=start, limit=100)
            out.extend(obj["data"] | {"version": obj["version"]} for obj in data)
            if len(data) < 100:
                return out
            start += 100

    # ---- writes

    def post_objects(self, kind: str, objs: list[dict[str, Any]]) -> tuple[dict[str, Any], int]:
        """POST ≤ 50 objects with a write token; returns the response body and the new library version."""
        if len(objs) > 50:
            raise ValueError("at most 50 objects per write")
        token = secrets.token_hex(16)
        resp = self.request("POST", f"{self.prefix}/{kind}", json=objs,
                            headers={"Zotero-Write-Token": token}, ok=(200, 412))
        if resp.status_code == 412:  # token already used: the request went through before a retry
            return {"successful": {}, "unchanged": {}, "failed": {}, "replan": True}, 0
        return resp.json(), int(resp.headers.get("Last-Modified-Version", 0) or 0)

    def delete_items(self, keys: list[str], library_version: int) -> int:
        resp = self.request("DELETE", f"{self.prefix}/items", params={"itemKey": ",".join(keys)},
                            headers={"If-Unmodified-Since-Version": str(library_version)}, ok=(204, 412))
        if resp.status_code == 412:
            return -1
        return int(resp.headers.get("Last-Modified-Version", 0) or 0)

    def schema_for(self, item_type: str) -> tuple[list[str], list[dict[str, Any]], dict[str, Any]]:
        fields, _ = self.get_json("/itemTypeFields", library=False, itemType=item_type)
        ctypes, _ = self.get_json("/itemTypeCreatorTypes", library=False, itemType=item_type)
        template, _ = self.get_json("/items/new", library=False, itemType=item_type)
        return [f["field"] for f in fields], ctypes, template

    def item_types(self) -> list[str]:
        data, _ = self.get_json("/itemTypes", library=False)
        return [t["itemType"] for t in data]


def transport_problem(exc: httpx2.TransportError, endpoint: str) -> tuple[bool, str]:
    """(worth retrying, one line) for a failed request. A timeout or a dropped connection may pass; a refused
    connection or an unknown host will not, so those are not retried."""
    if isinstance(exc, httpx2.TimeoutException):
        return True, f"no answer from {endpoint} in time ({type(exc).__name__})"
    if isinstance(exc, httpx2.ConnectError):
        cause = _root(exc)
        if isinstance(cause, socket.gaierror):
            host = urlsplit(endpoint).hostname or endpoint
            return False, f"cannot find the host {host} (check --endpoint and the network)"
        if isinstance(cause, ConnectionRefusedError):
            return False, f"cannot connect to {endpoint}: connection refused (is the server running?)"
        return False, f"cannot connect to {endpoint}: {cause or exc}"
    if isinstance(exc, httpx2.ReadError | httpx2.WriteError | httpx2.RemoteProtocolError):
        return True, f"the connection to {endpoint} was dropped ({type(exc).__name__})"
    return False, f"cannot talk to {endpoint}: {type(exc).__name__}: {exc}"


def _root(exc: BaseException) -> BaseException | None:
    seen = 0
    cur: BaseException | None = exc
    while cur is not None and seen < 10:
        nxt = cur.__cause__ or cur.__context__
        if nxt is None:
            break
        cur, seen = nxt, seen + 1
    return cur if cur is not exc else None


def wait_header(headers: httpx2.Headers) -> str:
    return "Retry-After" if headers.get("Retry-After") else "Backoff"


def header_seconds(headers: httpx2.Headers) -> float | None:
    """Seconds from Retry-After (seconds or an HTTP date) or Backoff; None if absent or unreadable."""
    for name in ("Retry-After", "Backoff"):
        value = (headers.get(name) or "").strip()
        if not value:
            continue
        try:
            seconds = float(value)
        except ValueError:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = (when - datetime.now(UTC)).total_seconds()
        if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN, infinity
            continue
        return max(0.0, seconds)
    return None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.3g} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
