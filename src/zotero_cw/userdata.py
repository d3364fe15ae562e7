"""Reading the YAML files a user hands zotero-cw (archive registries, the sync config) without trusting them.

A file is read only if it is a regular file under a size limit, holds no NUL bytes and is UTF-8; its YAML is
parsed with aliases refused (an alias bomb — "billion laughs" — is a few hundred bytes that expand to
gigabytes), nesting bounded and duplicate keys refused; what it holds is then checked against the shape the
caller expects. Every problem is one `UserError` line naming the file (and the line, where there is one).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node

from zotero_cw.errors import UserError, file_errors

MAX_BYTES = 4 * 1024 * 1024  # an archive registry of a few thousand archives is well under 1 MB
MAX_DEPTH = 32  # nesting; the files we read need three or four levels


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def read_text(path: Path | str, what: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of a user's file: a regular file, at most `max_bytes`, UTF-8 (a BOM is dropped), no NUL."""
    path = Path(path)
    with file_errors(path, what, missing="{what} not found: {path}",
                     denied="cannot read {what} {path}: permission denied",
                     failed="cannot read {what} {path}: {reason}"):
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise UserError(f"{what} {path} is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise UserError(f"{what} {path} is not a regular file")
        if st.st_size > max_bytes:
            raise UserError(f"{what} {path} is larger than {_size(max_bytes)} ({st.st_size:,} bytes)")
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise UserError(f"{what} {path} is larger than {_size(max_bytes)}")
    return decode(raw, f"{what} {path}")


def decode(raw: bytes, source: str) -> str:
    if b"\0" in raw:
        raise UserError(f"{source} is a binary file, not text (YAML)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(f"{source} is not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); "
                        "save it as UTF-8") from None
    return text.removeprefix("\ufeff")


class _NoDuplicates:
    """Refuse duplicate keys in mappings (YAML would keep the last one silently)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            try:
                dup = key in seen
            except TypeError:  # an unhashable key (a list): PyYAML reports it below
                break
            if dup:
                raise UserError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]


class _PyLoader(_NoDuplicates, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader without aliases and with bounded nesting (checked as it composes)."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(AliasEvent):
            _refuse_alias(self.peek_event())
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                _too_deep(self.peek_event())
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


_CSafe = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it: about 5 times faster
_CLoader = type("_CLoader", (_NoDuplicates, _CSafe), {}) if _CSafe is not None else None


def _refuse_alias(event: Any) -> None:
    raise UserError(f"line {event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are not allowed; "
                    "write the value out")


def _too_deep(event: Any) -> None:
    raise UserError(f"line {event.start_mark.line + 1}: nested more than {MAX_DEPTH} levels deep")


def _precheck(text: str) -> None:
    """With libyaml: walk the event stream (a flat loop in C) for aliases and depth before composing."""
    depth = 0
    for event in yaml.parse(text, Loader=_CSafe):
        if isinstance(event, AliasEvent):
            _refuse_alias(event)
        elif isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                _too_deep(event)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def parse_yaml(text: str, source: str) -> Any:
    """YAML text → Python data, refusing aliases, deep nesting and duplicate keys; errors name `source`."""
    loader = None
    try:
        if _CLoader is not None:
            _precheck(text)
            loader = _CLoader(text)
        else:
            loader = _PyLoader(text)
        return loader.get_single_data()
    except UserError as exc:
        raise UserError(f"{source}: {exc}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(0, exc.position)) + 1
        raise UserError(f"{source}: not valid YAML (control character #x{exc.character:04x} on line {line})"
                        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" on line {mark.line + 1}" if mark else ""
        raise UserError(f"{source}: not valid YAML ({exc.problem or exc.context}{where})") from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "unreadable"
        raise UserError(f"{source}: not valid YAML ({first})") from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a timestamp out of range, an unhashable key
        raise UserError(f"{source}: unreadable value ({exc})") from None
    finally:
        if loader is not None:
            loader.dispose()


def load_yaml(path: Path | str, what: str, max_bytes: int = MAX_BYTES) -> Any:
    return parse_yaml(read_text(path, what, max_bytes), f"{what} {path}")


# ---- shapes


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def text(value: Any, where: str, *, required: bool = False) -> str | None:
    """A text value (None if absent and not required)."""
    if value is None or value == "":
        if required:
            raise UserError(f"{where} is missing")
        return None
    if not isinstance(value, str):
        hint = f' (write it in quotes: "{value}")' if isinstance(value, int | float) else ""
        raise UserError(f"{where} must be text, not {_kind(value)}{hint}")
    return value


def text_list(value: Any, where: str) -> list[str]:
    """A list of texts; a single text counts as a list of one."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise UserError(f"{where} must be a list of names, not {_kind(value)}")
    out = []
    for i, v in enumerate(value):
        out.append(text(v, f"{where} item {i + 1}", required=True) or "")
    return out


ARCHIVE_TEXT = ("acronym", "name", "transliterated", "place")
ARCHIVE_LISTS = ("aliases", "former", "misspellings")


def archive_registry(text_: str, source: str) -> dict[str, Any]:
    """An archive registry file's data — {"archives": [{acronym, name, ...}]} — with every value checked:
    acronym and name are required text, transliterated and place text, aliases/former/misspellings lists of
    text; other keys (later additions) must hold text or lists of text."""
    data = parse_yaml(text_, source)
    rows = data.get("archives") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise UserError(f"{source}: expected a top-level 'archives:' list")
    out = []
    for i, row in enumerate(rows):
        where = f"{source}: archive entry {i + 1}"
        if not isinstance(row, dict):
            raise UserError(f"{where} must be a mapping with 'acronym' and 'name', not {_kind(row)}")
        clean: dict[str, Any] = {}
        for key, value in row.items():
            if not isinstance(key, str):
                raise UserError(f"{where}: key {key!r} must be text")
            if key in ARCHIVE_LISTS or (key not in ARCHIVE_TEXT and isinstance(value, list)):
                clean[key] = text_list(value, f"{where} '{key}'")
            else:
                clean[key] = text(value, f"{where} '{key}'", required=key in ("acronym", "name"))
        for key in ("acronym", "name"):
            if not clean.get(key):
                raise UserError(f"{where} needs 'acronym' and 'name'")
        out.append(clean)
    return {"archives": out}


def check_private(path: Path, what: str) -> None:
    """Refuse a file others could change (as ssh does): group- or world-writable, or owned by someone else."""
    try:
        st = path.stat()
    except OSError:
        return  # reading it reports the problem
    if not hasattr(os, "getuid"):
        return
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UserError(f"{what} {path} is writable by other users, who could redirect the API key; "
                        f"run: chmod 600 {path}")
    if st.st_uid not in (os.getuid(), 0):
        raise UserError(f"{what} {path} belongs to another user; it must be yours (and mode 600)")
