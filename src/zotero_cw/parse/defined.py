"""Abbreviations: the series a user's notes abbreviate (data/abbreviations.yaml and the user's files,
$ZOTERO_CW_ABBREVIATIONS), and the archives a document defines as it goes ("National Archives of Australia,
Canberra (hereafter NAA)", "Hoover Institution Archives (HIA)")."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from zotero_cw.archives import Archive, Registry

ABBREVIATIONS_ENV = "ZOTERO_CW_ABBREVIATIONS"


def packaged_abbreviations() -> dict[str, dict[str, Any]]:
    """data/abbreviations.yaml, then the user's files ($ZOTERO_CW_ABBREVIATIONS=path[:path...]) over it."""
    return dict(_abbreviations(os.environ.get(ABBREVIATIONS_ENV, "")))


@lru_cache(maxsize=4)
def _abbreviations(user: str) -> tuple[tuple[str, dict[str, Any]], ...]:
    from zotero_cw.errors import UserError
    from zotero_cw.userdata import load_yaml

    text = resources.files("zotero_cw").joinpath("data/abbreviations.yaml").read_text(encoding="utf-8")
    sources: list[tuple[Any, str]] = [(yaml.safe_load(text) or {}, "abbreviations.yaml (package)")]
    sources += [(load_yaml(p, "abbreviations file"), p) for p in user.split(os.pathsep) if p]
    out: dict[str, dict[str, Any]] = {}
    for data, source in sources:
        rows = data.get("abbreviations") if isinstance(data, dict) else None
        if not isinstance(rows, dict):
            raise UserError(f"{source}: expected 'abbreviations:' mapping each abbreviation to {{title: ...}}")
        for key, value in rows.items():
            if not isinstance(value, dict) or not isinstance(value.get("title"), str):
                raise UserError(f"{source}: abbreviation {key!r} needs a 'title'")
            out[str(key)] = dict(value)
    return tuple(out.items())


_HEREAFTER = re.compile(
    r"(?P<name>(?:[A-ZА-ЯЁ][\w'’.-]*(?:\s+(?:of|the|and|for|de|of the|[A-ZА-ЯЁ][\w'’.-]*))*)(?:,\s*[A-Z][\w .]+?)?)"
    r"\s*[(\[]\s*(?:hereafter|hereinafter|henceforth|далее)(?:\s+(?:cited\s+as|referred\s+to\s+as|—|-))?[,:]?\s*"
    r"\*?(?P<abbr>[A-ZА-ЯЁ][\w .’'-]{0,15}?)\*?\s*[)\]]")


def define_archives(text: str, registry: Registry) -> tuple[Registry, list[str]]:
    """"National Archives of Australia, Canberra (hereafter NAA)": from this note on, NAA names that
    archive. A name the registry knows gains the abbreviation as an alias; an unknown one becomes an archive
    of its own — for this document only. Returns the registry with them and a warning for each."""
    hereafter = "ereafter" in text or "enceforth" in text or "далее" in text
    named = "(" in text and _ACRONYM_IN_BRACKETS.search(text) is not None
    if not (hereafter or named):
        return registry, []
    found = [(m.group("abbr").strip(), m.group("name").strip(" ,")) for m in _HEREAFTER.finditer(text)] if hereafter \
        else []
    for m in _NAMED_AS.finditer(text) if named else ():  # "…, Kautz Family YMCA Archives, Minneapolis (KFYA)"
        parts = [p.strip() for p in m.group("name").split(",")]
        kept = [p for p in parts if "rchiv" in p or "архив" in p] or [p for p in parts if _ARCHIVE_NAME.search(p)]
        if kept:  # "(PBAFP KFYA)": papers, then the archive (its last archival name); the pair names it too
            place = ", ".join(parts[parts.index(kept[-1]) + 1:])
            name = f"{kept[-1]}, {place}" if place else kept[-1]
            abbr = m.group("abbr")
            found += [(abbr.split()[-1], name)] + ([(abbr, name)] if " " in abbr else [])
    warnings: list[str] = []
    for abbr, name in found:
        if registry.find(abbr) or not _ARCHIVE_NAME.search(name):
            continue  # known already, or not an archive (titles: the anchored rules read "hereinafter *FRUS*")
        archive_name, _, place = name.partition(",")
        known = registry.find(archive_name)
        added = (replace(known, aliases=(*known.aliases, abbr)) if known
                 else Archive(abbr, archive_name.strip(), place=place.strip() or None))
        registry = registry.with_archive(added)
        warnings.append(f"abbreviation {abbr!r} defined for {added.name} in this document")
    return registry, warnings


_ARCHIVE_NAME = re.compile(r"(?i)archiv|librar|record|papers|collection|архив")
# an archive's name with its acronym in brackets after it ("Hoover Institution Archives (HIA)"; "Paul B. Anderson
# and Family Papers, Kautz Family YMCA Archives, University of Minnesota Libraries, Minneapolis (PBAFP KFYA)")
_ACRONYM = r"[A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,5}"
_ACRONYM_IN_BRACKETS = re.compile(rf"\({_ACRONYM}(?:\s+{_ACRONYM})?\)")
_NAMED_AS = re.compile(
    r"(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:of|the|and|for|at|de|[A-Z][\w'’.&-]*))*"
    r"(?:,\s+[A-Z][\w'’.&-]*(?:\s+(?:of|the|and|for|at|de|[A-Z][\w'’.&-]*))*){0,4})"
    rf"\s+\((?P<abbr>{_ACRONYM}(?:\s+{_ACRONYM})?)\)")
