"""Shared pytest fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def zotero_server():
    """A real Zotero-API-compatible server on 127.0.0.1 for the whole session (fails, never skips)."""
    from zotero_server import ServerUnavailable, ZoteroTestServer

    server = ZoteroTestServer()
    try:
        server.start()
        server.setup_users()
    except ServerUnavailable as exc:
        server.stop()
        pytest.fail(f"Zotero test server unavailable: {exc}", pytrace=False)
    yield server
    server.stop()
