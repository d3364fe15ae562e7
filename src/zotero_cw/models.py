"""Plain data shared by the stages: document → parse → resolve → archives → dedupe → library."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into some text (Python string indices)."""

    start: int
    end: int


@dataclass
class Note:
    """One footnote or endnote of a document. n == 0 is an unnumbered reference (a figure's source)."""

    document: str
    n: int
    text: str | None
    marker: Span | None = None
    context: str = ""
    section: int = 1  # notes numbered afresh (per chapter) are told apart by section: 1, 2, ...
    page: int | None = None  # the page the note's text starts on, where the format has pages

    @property
    def text_missing(self) -> bool:
        return self.text is None


@dataclass
class Document:
    name: str
    text: str
    notes: list[Note]
    layout: str  # "footnotes" (page-layout) or "inline" (markers glued to text)
    body: str = ""
    warnings: list[str] = field(default_factory=list)
    format: str = "text"  # what was read: text, markdown, html, docx, odt, pdf
    sections: int = 1  # note numbering runs (chapters numbering their notes from 1 again)


# Citation kinds, after eyecite: a full citation, ibid., a short form, supra, or text we could not read.
FULL, IBID, SHORT, SUPRA, UNPARSED = "full", "ibid", "short", "supra", "unparsed"


@dataclass
class Citation:
    """One reference made by a note. `item` holds CSL-JSON fields for full citations (no "id").

    The kind is a type, as in eyecite: `Citation(kind=IBID, ...)` makes an `IbidCitation` (the constructor is the
    factory `parse` uses); `kind` stays as a field for reports and JSON."""

    kind: str
    document: str
    note: int
    text: str  # the part of the note text this citation was read from
    span: Span | None = None  # offsets of `text` in the note text
    item: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None
    label: str | None = None  # CSL locator label: page, folio, chapter, volume, ...
    prefix: str | None = None
    suffix: str | None = None
    author: str | None = None  # short form / supra hint
    short_title: str | None = None
    note_ref: int | None = None  # supra: the note number the text points at
    cross_reference: str | None = None  # supra: another document of the same volume ("Document 140", FRUS)
    antecedent: int | None = None  # index (in the document's citation list) of the full citation it resolves to
    work: str | None = None  # id of the work (set by the pipeline's keys stage)
    reason: str | None = None  # why unparsed / unresolved
    warnings: list[str] = field(default_factory=list)

    def __new__(cls, *args: Any, **kwargs: Any) -> Citation:
        if cls is Citation:
            cls = KINDS.get(kwargs.get("kind", args[0] if args else None), Citation)
        return object.__new__(cls)

    def become(self, kind: str) -> None:
        """Change kind (a partial ibid. naming another archival file becomes a full citation)."""
        self.kind = kind
        self.__class__ = KINDS[kind]

    @property
    def resolved(self) -> bool:
        """Full, or a back-reference that found its full citation (a short form kept incomplete is not)."""
        return False


class FullCitation(Citation):
    @property
    def resolved(self) -> bool:
        return True


class BackReference(Citation):
    """ibid., a short form or supra: stands for an earlier full citation (`antecedent`)."""

    @property
    def resolved(self) -> bool:
        return self.antecedent is not None


class IbidCitation(BackReference):
    pass


class ShortCitation(BackReference):
    pass


class SupraCitation(BackReference):
    pass


class UnparsedCitation(Citation):
    """Text that looks like a reference but could not be read; `reason` says why."""


KINDS: dict[str | None, type[Citation]] = {FULL: FullCitation, IBID: IbidCitation, SHORT: ShortCitation,
                                           SUPRA: SupraCitation, UNPARSED: UnparsedCitation}


# ---- works: the typed form of a CSL item and zotero-cw's `custom` object (the persisted contract) ----

# archival levels below the archive, in order: (key, abbreviation, name)
LEVELS = (("fond", "F.", "Fond"), ("opis", "Op.", "Opis"), ("papka", "P.", "Papka"), ("delo", "D.", "Delo"),
          ("list", "L.", "List"))
FILE_LEVELS = ("fond", "opis", "delo")  # what names an archival file


@dataclass(frozen=True)
class ArchivalLocation:
    """Where an archival document is: archive and fond / opis / (papka) / delo, and the leaves asked for."""

    archive: str | None
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    leaves: str | None = None
    papka: str | None = None

    @classmethod
    def from_custom(cls, archival: dict[str, Any] | None) -> ArchivalLocation | None:
        """From `custom.archival` (None when there is none)."""
        if not archival:
            return None
        get = archival.get
        return cls(get("archive"), get("fond"), get("opis"), get("delo"), get("list"), get("papka"))

    def parts(self, levels: tuple[str, ...] = ("fond", "opis", "papka", "delo"), names: bool = False) -> list[str]:
        """The archive path: ["F. 84", "Op. 3", "D. 36"] (names: ["Fond: 84", ...]), the levels it has."""
        values = {"fond": self.fond, "opis": self.opis, "papka": self.papka, "delo": self.delo, "list": self.leaves}
        labels = {k: (abbr, name) for k, abbr, name in LEVELS}
        return [f"{labels[k][1]}: {values[k]}" if names else f"{labels[k][0]} {values[k]}" for k in levels
                if values[k] not in (None, "")]

    def path(self, sep: str = ", ", levels: tuple[str, ...] = ("fond", "opis", "papka", "delo")) -> str:
        """THE archive path: "F. 84, Op. 3, D. 36" (CSL `archive_location`; other separators for labels)."""
        return sep.join(self.parts(levels))

    def describe(self, levels: tuple[str, ...] = ("fond", "opis", "delo", "list")) -> str:
        """"RGASPI F. 84 Op. 3 D. 36 L. 68": what a search asked for, the file two items share."""
        return " ".join([self.archive or "any archive", *self.parts(levels)])


@dataclass(frozen=True)
class CitedIn:
    """One place a work is cited: document, note and the locator given there."""

    document: str
    note: int
    locator: str | None = None
    label: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()  # keys zotero-cw does not write (an imported file's), kept as they are

    @classmethod
    def of(cls, c: Citation) -> CitedIn:
        return cls(c.document, c.note, c.locator or None, c.label or None)

    @classmethod
    def from_csl(cls, value: dict[str, Any]) -> CitedIn:
        extra = tuple((k, v) for k, v in value.items() if k not in ("document", "note", "locator", "label"))
        return cls(str(value.get("document", "")), int(value.get("note", 0) or 0), value.get("locator"),
                   value.get("label"), extra)

    def to_csl(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.document, "note": self.note}
        if self.locator:
            out["locator"] = self.locator
        if self.label:
            out["label"] = self.label
        out.update(self.extra)
        return out


def custom_of(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item's `custom` object ({} when it has none), for the edges that read items (lookup, the build
    summary) and the parser's items; the stages read a `Work`'s attributes."""
    custom = item.get("custom")
    return custom if isinstance(custom, dict) else {}


def cited_in(item: dict[str, Any]) -> list[CitedIn]:
    """Where an item is cited (`custom.cited_in`)."""
    return [CitedIn.from_csl(c) for c in custom_of(item).get("cited_in") or []]


def archival_of(item: dict[str, Any]) -> dict[str, Any]:
    """`custom.archival` as stored ({} for a published work)."""
    return dict(custom_of(item).get("archival") or {})


def identity(work: Work) -> dict[str, Any]:
    """THE identity of a work: every CSL field, plus the archival reference (`custom.archival`) as "archival".
    Equal identities cite the same work: extract groups by it, dedupe collapses by it, keys hash it."""
    return {**work.csl, "archival": work.archival} if work.archival else dict(work.csl)


def canonical(value: Any) -> str:
    """Compact canonical JSON (sorted keys): equal values, equal strings."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_CUSTOM_ORDER = ("incomplete", "archival", "", "cited_in", "variants", "zotero_key", "zotero_version", "tags",
                 "collections")  # how zotero-cw writes `custom` ("": the other keys)


@dataclass
class Work:
    """A work: CSL fields (no id, no `custom`) and its provenance, what the stages after `group` pass along.
    CSL-JSON only at the edges: `from_csl`, `to_csl` (the library, items.json, render input, Zotero mapping and
    export read and write that form)."""

    csl: dict[str, Any]
    id: str | None = None
    cited_in: list[CitedIn] = field(default_factory=list)
    archival: dict[str, Any] | None = None  # custom.archival as stored (levels, notation); `location` types it
    tags: list[str] | None = None
    collections: list[list[str]] | None = None
    variants: dict[str, list[dict[str, Any]]] | None = None
    zotero_key: str | None = None
    zotero_version: int | None = None
    incomplete: str | None = None  # why the record is incomplete (a short form whose full citation is elsewhere)
    extra: dict[str, Any] = field(default_factory=dict)  # other custom keys, kept as they are
    # the order the CSL item's keys are written in, as it was read (None: "id", the fields, "custom"), and
    # custom's (None: `_CUSTOM_ORDER`); keys not listed follow in those orders. A stored item comes out as it went in.
    layout: tuple[str, ...] | None = None
    custom_layout: tuple[str, ...] | None = None

    _NAMED = ("cited_in", "archival", "tags", "collections", "variants", "zotero_key", "zotero_version",
              "incomplete")

    @property
    def location(self) -> ArchivalLocation | None:
        return ArchivalLocation.from_custom(self.archival)

    @classmethod
    def from_csl(cls, item: dict[str, Any], layout: bool = True) -> Work:
        """The work of a CSL-JSON item (`layout`: written back in the item's key order)."""
        custom = custom_of(item)
        return cls({k: v for k, v in item.items() if k not in ("id", "custom")}, item.get("id"),
                   [CitedIn.from_csl(c) for c in custom.get("cited_in") or []], custom.get("archival"),
                   custom.get("tags"), custom.get("collections"), custom.get("variants"), custom.get("zotero_key"),
                   custom.get("zotero_version"), custom.get("incomplete"),
                   {k: v for k, v in custom.items() if k not in cls._NAMED},
                   tuple(item) if layout else None, tuple(custom) if layout else None)

    def custom(self) -> dict[str, Any]:
        """The `custom` object: zotero-cw's fields in `custom_layout` order, then in `_CUSTOM_ORDER`."""
        values: dict[str, Any] = {}
        for key in _CUSTOM_ORDER:
            if key == "":
                values.update(self.extra)
            elif key == "cited_in":
                if self.cited_in or self.custom_layout is None or "cited_in" in self.custom_layout:
                    values[key] = [c.to_csl() for c in self.cited_in]
            elif getattr(self, key) is not None:
                values[key] = getattr(self, key)
        first = [k for k in self.custom_layout or () if k in values]
        return {**{k: values[k] for k in first}, **values}

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON item with `custom`."""
        custom = self.custom()
        values = {**({"id": self.id} if self.id is not None else {}), **self.csl}
        if custom or self.layout is None or "custom" in self.layout:
            values["custom"] = custom
        first = [k for k in self.layout or () if k in values]
        return {**{k: values[k] for k in first}, **values}
