"""Where to sync: group, endpoint and API key (environment or a YAML config file). The key is never shown."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2

from zotero_cw import userdata
from zotero_cw.errors import UserError

DEFAULT_ENDPOINT = "https://api.zotero.org"


@dataclass(frozen=True)
class SyncConfig:
    group_id: int
    api_key: str = field(repr=False)
    endpoint: str = DEFAULT_ENDPOINT

    def __repr__(self) -> str:  # never the key
        return f"SyncConfig(group_id={self.group_id}, endpoint={self.endpoint!r})"


def default_config_path() -> Path:
    if os.environ.get("ZOTERO_CW_CONFIG"):
        return Path(os.environ["ZOTERO_CW_CONFIG"])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "zotero-cw" / "config.yaml"


CONFIG_KEYS = ("api_key", "group", "endpoint")
MAX_CONFIG_BYTES = 64 * 1024


def read_config_file(path: Path | None) -> dict[str, Any]:
    """`api_key`, `group` and `endpoint` from a YAML file; a missing default file is fine.

    The file is read as untrusted input (userdata: size-limited, UTF-8, no YAML aliases) and refused, as ssh
    refuses its files, if anyone else could change it: it decides where the API key is sent."""
    explicit = path is not None
    path = path or default_config_path()
    if not explicit and not path.exists() and not path.is_symlink():
        return {}
    text = userdata.read_text(path, "config file", MAX_CONFIG_BYTES)
    userdata.check_private(path, "config file")
    data = userdata.parse_yaml(text, f"config file {path}")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError(f"config file {path} must be a mapping (api_key, group, endpoint)")
    for k in data:
        if k not in CONFIG_KEYS:
            raise UserError(f"config file {path}: unknown setting {str(k)[:40]!r} (known: {', '.join(CONFIG_KEYS)})")
    for k in ("api_key", "endpoint"):
        if data.get(k) is not None and not isinstance(data[k], str):
            raise UserError(f"config file {path}: {k} must be text, not {type(data[k]).__name__}")
    if data.get("group") is not None and (isinstance(data["group"], bool)
                                          or not isinstance(data["group"], int | str)):
        raise UserError(f"config file {path}: group must be the numeric group id")
    return data


def check_key(key: str) -> str:
    """A key goes into an HTTP header: printable ASCII without spaces (never shown in the message)."""
    if not all(33 <= ord(c) < 127 for c in key) or len(key) > 256:
        raise UserError("the Zotero API key contains spaces, control or non-ASCII characters "
                        "(check ZOTERO_API_KEY or api_key in the config file)")
    return key


def check_endpoint(url: str) -> str:
    """An http(s) URL with a host (and a valid port, if any); one line naming the problem otherwise."""
    shown = url if len(url) <= 80 else url[:77] + "..."
    if not url.startswith(("http://", "https://")):
        raise UserError(f"--endpoint must be an http(s) URL, not {shown!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
        httpx2.URL(url)
    except (ValueError, httpx2.InvalidURL) as exc:
        raise UserError(f"--endpoint {shown!r} is not a valid URL ({exc})") from None
    if not parts.hostname or any(c.isspace() for c in url):
        raise UserError(f"--endpoint {shown!r} is not a valid URL (no host name)")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise UserError(f"--endpoint {shown!r} must be a plain base URL (no user, query or fragment)")
    return url


def load_config(group: int | None, endpoint: str | None, config_path: Path | None,
                env: dict[str, str] | None = None) -> SyncConfig:
    """Command-line values first, then ZOTERO_API_KEY / ZOTERO_CW_GROUP, then the config file."""
    env = dict(os.environ) if env is None else env
    data = read_config_file(config_path)
    key = env.get("ZOTERO_API_KEY") or data.get("api_key") or ""
    group_value = group if group is not None else env.get("ZOTERO_CW_GROUP") or data.get("group")
    if not group_value:
        raise UserError("no Zotero group: pass --group ID (the number in the group's URL)")
    try:
        group_id = int(str(group_value).strip())
        if group_id <= 0:
            raise ValueError
    except (TypeError, ValueError):
        raise UserError(f"--group must be the numeric group id, not {str(group_value)[:40]!r}") from None
    if not key:
        raise UserError("no Zotero API key: set ZOTERO_API_KEY or api_key in "
                        f"{config_path or default_config_path()}")
    url = (endpoint or env.get("ZOTERO_CW_ENDPOINT") or data.get("endpoint") or DEFAULT_ENDPOINT).rstrip("/")
    return SyncConfig(group_id=group_id, api_key=check_key(str(key)), endpoint=check_endpoint(url))


# Where a key travels in HTTP: the Authorization and Zotero-API-Key headers, a `key=` query parameter.
_KEY_SLOTS = re.compile(r"(?i)(\bbearer\s+|\bzotero-api-key\s*[:=]\s*|[?&;]key=)([^\s&;,\"'<>]+)")


def redact(text: str, key: str) -> str:
    """Remove the API key from anything that may be shown or logged: any value in a header or query slot that
    carries a key, and the key itself wherever it stands as a whole token (never inside a longer word)."""
    out = _KEY_SLOTS.sub(lambda m: m.group(1) + "<API key>", text)
    if key:
        out = re.sub(rf"(?<![A-Za-z0-9]){re.escape(key)}(?![A-Za-z0-9])", "<API key>", out)
    return out
