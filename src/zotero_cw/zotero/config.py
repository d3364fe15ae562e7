"""Where to sync: group, endpoint and API key (environment or a YAML config file). The key is never shown."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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


def read_config_file(path: Path | None) -> dict[str, Any]:
    """`api_key`, `group` and `endpoint` from a YAML file; a missing default file is fine."""
    explicit = path is not None
    path = path or default_config_path()
    if not path.exists():
        if explicit:
            raise UserError(f"config file not found: {path}")
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        raise UserError(f"config file is not valid YAML: {path}") from None
    if not isinstance(data, dict):
        raise UserError(f"config file must be a mapping (api_key, group, endpoint): {path}")
    return data


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
        group_id = int(group_value)
    except (TypeError, ValueError):
        raise UserError(f"--group must be the numeric group id, not {group_value!r}") from None
    if not key:
        raise UserError("no Zotero API key: set ZOTERO_API_KEY or api_key in "
                        f"{config_path or default_config_path()}")
    url = (endpoint or env.get("ZOTERO_CW_ENDPOINT") or data.get("endpoint") or DEFAULT_ENDPOINT).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise UserError(f"--endpoint must be an http(s) URL, not {url!r}")
    return SyncConfig(group_id=group_id, api_key=str(key), endpoint=url)


def redact(text: str, key: str) -> str:
    """Remove the API key from anything that may be shown or logged."""
    return text.replace(key, "<API key>") if key else text
