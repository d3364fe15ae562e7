"""The archive registry for commands that must start fast (lookup): read from a small JSON cache.

Reading `data/archives.yaml` (and the user's files in $ZOTERO_CW_ARCHIVES) with PyYAML costs about a tenth of a
second; the registry they make is kept as JSON in $XDG_CACHE_HOME/zotero-cw/, under a name made from the bytes of
those files and of archives.py, so any change to them is seen at once. Anything unexpected: the registry is read
the ordinary way (`archives.default_registry`). JSON, not pickle: a cache file can never run code.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from zotero_cw.text import fold

ENV_VAR = "ZOTERO_CW_ARCHIVES"  # = archives.ENV_VAR (not imported: that module is what this spares)


HERE = Path(__file__).resolve().parent


def _sources() -> list[bytes]:
    """The bytes the registry is made from (plain files beside this module: cheaper than importlib.resources)."""
    out = [(HERE / "data" / "archives.yaml").read_bytes(), (HERE / "archives.py").read_bytes()]
    for p in [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]:
        try:
            out.append(p.encode() + b"\0" + Path(p).read_bytes())
        except OSError:
            out.append(p.encode())  # unreadable: the ordinary load reports it
    return out


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zotero-cw"


def _path() -> Path:
    digest = hashlib.sha256(b"\0\0".join(_sources())).hexdigest()[:20]
    return cache_dir() / f"archives-{digest}.json"


def _norm(text: str) -> str:
    """A name as `names` holds it: lower case, ASCII letters and digits only (accents are not folded)."""
    return fold(text, unaccent=False, sep="")


@functools.lru_cache(maxsize=1)
def names() -> set[str] | None:
    """Every name, acronym and spelling of the registry's archives, folded; None when not cached yet."""
    try:
        rows = json.loads(_path().read_text(encoding="utf-8"))
        out: set[str] = set()
        for r in rows:
            for v in r.values():
                for x in v if isinstance(v, list) else [v]:
                    if isinstance(x, str) and x:
                        out.add(_norm(x))
        return out
    except (OSError, ValueError, TypeError, AttributeError):
        return None


@functools.lru_cache(maxsize=1)
def registry() -> Any:
    from zotero_cw import archives

    try:
        path = _path()
        if path.exists():
            rows = json.loads(path.read_text(encoding="utf-8"))
            names = {f.name for f in fields(archives.Archive)}
            made = [archives.Archive(**{k: tuple(v) if isinstance(v, list) else v for k, v in r.items()
                                        if k in names}) for r in rows]
            return archives.Registry(made)
    except (OSError, ValueError, TypeError, AttributeError):
        return archives.default_registry()
    reg = archives.default_registry()
    try:
        rows = [asdict(a) for a in reg.archives.values()]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, TypeError, AttributeError):
        pass  # no cache this time; the registry is right either way
    return reg
