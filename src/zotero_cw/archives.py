"""Archive registry (YAML) and archival references: fond / opis / delo / leaves.

The registry turns acronyms, full names (English or transliterated), former acronyms and known
misspellings into one canonical `Archive`. `parse_archival_ref` reads one reference; `find_archival_refs`
finds every reference in a longer text (a note) with its span.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import ascii_uppercase

from zotero_cw import userdata
from zotero_cw.errors import UserError
from zotero_cw.models import ArchivalLocation
from zotero_cw.text import CYRILLIC, clean_range, fold, within_one

ENV_VAR = "ZOTERO_CW_ARCHIVES"


@dataclass(frozen=True)
class Archive:
    acronym: str
    name: str
    transliterated: str | None = None
    place: str | None = None
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()

    @property
    def canonical(self) -> str:
        """The CSL `archive` value: full English name with the acronym."""
        return f"{self.name} ({self.acronym})"


@dataclass
class ArchivalRef:
    """One archival reference. `archive` is the canonical acronym (or the text as written if unknown)."""

    archive: str | None
    fond: str | None
    opis: str | None = None
    delo: str | None = None
    leaves: str | None = None  # "12–13" or "58–61, 63–64"
    extra: dict[str, str] = field(default_factory=dict)  # other levels, e.g. {"papka": "12"}
    warnings: list[str] = field(default_factory=list)

    def location(self) -> str:
        """CSL `archive_location`: "F. 84, Op. 3, D. 36" (leaves are the citation's locator)."""
        notation = self.extra.get("notation")
        if notation == "as-written":  # levels in a notation zotero-cw does not model: as the note gives them
            return self.extra.get("location", "")
        if notation == "mofa":  # the Japanese Foreign Ministry's file classification: "A'.1.1.0.30"
            return self.delo or ""
        if notation == "tna":  # department and series / piece: "FO 371/84532"
            return f"{self.fond}/{self.delo}" if self.delo else (self.fond or "")
        if notation == "nara":  # "RG 59, Central Decimal File 1950–54, 611.61/2-1054, Box 2771"
            parts = [f"RG {self.fond}"] if self.fond else []
            parts += [v for v in (self.opis, self.delo) if v]
            parts += [f"{k.title()} {self.extra[k]}" for k in ("box", "folder") if k in self.extra]
            return ", ".join(parts)
        return self.where().path()

    def where(self) -> ArchivalLocation:
        """The reference as an `ArchivalLocation` (archive, levels, leaves)."""
        return ArchivalLocation(self.archive, self.fond, self.opis, self.delo, self.leaves, self.extra.get("papka"))

    def as_custom(self) -> dict[str, str]:
        """The structured parts kept in an item's `custom.archival`."""
        out = {"archive": self.archive or ""}
        for key in ("fond", "opis", "delo"):
            value = getattr(self, key)
            if value:
                out[key] = value
        out.update(self.extra)
        return {k: v for k, v in out.items() if v}


_TNA_DEPTS = ("FO|FCO|CAB|PREM|DEFE|CO|WO|ADM|AIR|DO|HO|KV|BT|INF|HW|MAF|LAB|ED|MT|POWE|OD|DEFE|AVIA|T")
_TNA_RE = re.compile(
    r"(?:(?P<arch>TNA|PRO|UKNA|The\s+National\s+Archives|National\s+Archives|Public\s+Record\s+Office)"
    r"(?:\s*\((?:TNA|PRO)\))?(?:,?\s*Kew)?[,:]?\s*)?"
    rf"\b(?P<dept>{_TNA_DEPTS})\s?(?P<series>\d{{1,4}})/(?P<piece>\d{{1,6}}[A-Z]?)\b")
# the Japan Center for Asian Historical Records numbers each document: a letter (A National Archives, B Foreign
# Ministry, C Defence) and eleven digits ("JACAR Ref. B02030001200", "JACAR (Reference Code: C04121234500)")
_JACAR_RE = re.compile(
    r"(?:(?:JACAR|Japan\s+Center\s+for\s+Asian\s+Historical\s+Records)[,:]?\s*\(?\s*)?"
    r"Ref(?:erence)?\.?\s*(?:[Cc]ode)?[.:]?\s*(?P<code>[A-C]\d{11})\b\)?")
_QUICK_TNA = re.compile(rf"\b(?:{_TNA_DEPTS})\s?\d{{1,4}}/\d")  # what every match contains: tested first
_RECORD_GROUP = re.compile(r"(?:RG|Record\s+Group)\s*\d")
# the file a NARA series ends with: a decimal file ("611.61/2-1054", "023.1/9–1360") or a subject-numeric one
# ("POL 15–4 ISR", "DEF 1 UK", "PR 10 Foreign Relations of U.S.")
_FILE_CODE = re.compile(r"\d{3}(?:\.[\w–-]+)?(?:\s?/\s?[\w–-]+)?|[A-Z]{1,5}\s\d+(?:[–-]\d+)?(?:\s+\S+){0,6}")
_NARA_RE = re.compile(
    r"(?:(?P<arch>NARA|National\s+Archives(?:\s+and\s+Records\s+Administration)?(?:\s*\(NARA\))?"
    r"(?:,\s*College\s+Park(?:,\s*(?:MD|Maryland))?)?|USNA)[,:]?\s*)?"
    r"(?P<rgword>\b(?:Record\s+Group|RG))\s*(?P<rg>\d+)"
    r"(?P<series>(?:,\s*+(?![Bb]ox\b|[Ff]older\b|NARA\b|National\b|U?SNA\b|NA\b)(?:(?!\.\s)[^,;()]){1,80}){0,3})"
    r"(?:,?\s*[Bb]ox\s+(?P<box>\d+[A-Z]?))?(?:,\s*[Ff]older\s+(?P<folder>[^,;]{1,40}))?"
    # a folder named by its title after the box: "…, Box 3, Foreign Relations 1960."
    r"(?(box)(?(folder)|(?:(?<=\d)(?P<titled>,\s+(?!NARA\b|National\b|U?SNA\b|NA\b)[A-Z0-9“\"][^;()]{0,118}?)"
    r"(?=\.?\s*(?:[;)]|$)|(?<!No)(?<!Vol)(?<!\s[A-Z])(?<!\.[A-Z])\.\s))?))"  # (not an initial's: "R.H. Van Deman")
    r"(?:,\s*(?P<tail>NARA|NA|USNA|National\s+Archives(?:,\s*College\s+Park(?:,\s*(?:MD|Maryland))?)?))?"
    r"(?=[,;.)]|\s|$)")


# Japan's Diplomatic Archives (Gaimushō Gaikō Shiryōkan) number files by a classification: a letter (A–I, a
# prime for postwar series), then four or more levels: "A'.1.1.0.30", "B.1.0.0.J/R1", "A.7.0.0.9-2"
_MOFA_RE = re.compile(
    r"(?:(?P<arch>DAMOFA|DRO|Gaimush[oō]\s+Gaik[oō]\s+Shiry[oō]kan|外務省外交史料館|Diplomatic\s+(?:Archives|Record\s+Office)"
    r"(?:\s+of\s+the\s+Ministry\s+of\s+Foreign\s+Affairs(?:\s+of\s+Japan)?)?)(?:\s*\([A-Z]+\))?(?:,\s*Tokyo)?"
    r"[,:]?\s*(?:file\s+)?)?"
    r"(?<![\w.])(?P<file>[A-I]['’]?(?:\.\d+){3,6}(?:[-–]\d+)?(?:\.[A-Z]{1,3}(?:/[A-Z]{1,3}\d*)?)?)(?![\w.]*\d)")
_QUICK_MOFA = re.compile(r"(?<![\w.])[A-I]['’]?\.\d+\.\d+\.\d")  # what every match contains: tested first


# A library's papers, as U.S. notes cite them: the library, then its collection, series and files, comma by
# comma, to the end of the sentence ("Eisenhower Library, Whitman File, Dulles–Herter Series.", "Kennedy Library,
# National Security Files, Countries Series, USSR, Vol. IV.", "Library of Congress, Manuscript Division, Harriman
# Papers, Box 12"). The library is a presidential one, the Library of Congress, or capitalised words ending in
# "Library" ("Houghton Library"); a year alone after it is a publisher's imprint ("Modern Library, 1998"), and
# so is a library after ":".
_LIBRARY = (r"(?:(?:[A-Z][a-z]+|[A-Z]\.)\s+){1,4}(?:Presidential\s+)?Library(?:\s+of\s+Congress)?"
            r"|Nixon\s+Presidential\s+Materials(?:\s+(?:Project|Staff))?|Library\s+of\s+Congress")
# one part of a library's papers, as written: "Whitman File", "Vol. I" (its dots are abbreviations)
LIBRARY_PART = r"(?:(?:Vols?|Nos?|vols?|nos?|pt|Pt)\.\s|[^;.()\s]|\s(?!\s))+"
_LIBRARY_RE = re.compile(
    rf"(?<![\w])(?P<arch>{_LIBRARY}),\s+(?P<parts>(?!\d{{4}}\b)[A-Z0-9]{LIBRARY_PART}"
    rf"(?:,\s+(?:[A-Za-z0-9]){LIBRARY_PART})*?)(?=\.?\s*(?:$|[();])|\.\s+[A-Z(])")
_COMMA_NUMBER = re.compile(r",\s+(?:[A-Za-z]+\.?\s)?[A-Z]{0,4}\d")  # tested first: cheaper, and most notes fail it
# what every `_series_res` match has: an acronym (two capitals) or ")" before ", A1838" / ", 3103/10/1"
_SERIES_GATE = re.compile(r"(?:(?<![\w.])[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,3}[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,5}|[А-Я]{2}|\)),\s+"
                          r"(?:[A-Za-z]+\.?\s)?[A-Z]{0,4}\d")
_IMPRINT_OPEN = re.compile(r"\([^()]*:\s*$")  # "(New York: " before a publisher


_DATE_PART = re.compile(r"(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d")


def _library_ref(text: str, m: re.Match[str], registry: Registry) -> tuple[ArchivalRef | None, int, int]:
    """The reference a `_LIBRARY_RE` match gives, where it starts and where it ends: its parts end before a
    date (the document's, not a file's: "DDE Diaries, March 3, 1956"); a part that completes a known name is
    the library's ("Library of Congress, Manuscript Division"). A library's papers the note places in an
    archive ("National Archives, Nixon Presidential Materials, NSC Files, Box 554") are that archive's."""
    if _IMPRINT_OPEN.search(text, 0, m.start()):
        return None, m.start(), m.end()  # "(New York: Modern Library, 1998)": a publisher
    held = _HELD_IN.search(text, max(0, m.start() - 40), m.start())
    written = " ".join(m.group("arch").split())
    parts: list[str] = []
    end = m.end("arch")
    pos = m.start("parts")
    for raw in m.group("parts").split(","):
        part = raw.strip()
        if part and _DATE_PART.match(part):
            break
        if part:
            if not parts and registry.lookup(f"{written}, {part}"):
                written = f"{written}, {part}"
            else:
                parts.append(part)
            end = pos + len(raw.rstrip())
        pos += len(raw) + 1
    if not parts or all(re.fullmatch(r"[\d\s–-]+", p) for p in parts):
        return None, m.start(), m.end()  # "Modern Library, 1998": an imprint
    if held and (keeper := registry.lookup(held.group("keeper"))):
        return _as_written(keeper[0].acronym, [written, *parts]), held.start(), end
    hit = registry.lookup(written)
    return _as_written(hit[0].acronym if hit else written, parts), m.start(), end


def _as_written(archive: str, parts: list[str]) -> ArchivalRef:
    """A reference in a notation zotero-cw does not model: the first part as the fond (the collection), the
    rest as the opis up to a box, the box as the unit and what follows it as the file; the location as the
    note gives it."""
    box = next((i for i, p in enumerate(parts) if i and _BOX.fullmatch(p)), None)
    upper = parts[1:box] if box is not None else parts[1:]
    extra = {"notation": "as-written", "location": ", ".join(parts)}
    if box is not None:
        extra["unit"] = parts[box]
    return ArchivalRef(archive, parts[0], opis=", ".join(upper) or None,
                       delo=", ".join(parts[box + 1:]) or None if box is not None else None, extra=extra)


BOX = r"(?:[Bb]ox|[Cc]arton|[Rr]eel)\s+\d+[A-Za-z]?"  # a box of papers ("Box 554", "reel 116")
_BOX = re.compile(BOX)
_HELD_IN = re.compile(r"(?P<keeper>National Archives|NARA|U\.S\. National Archives),\s*$")


# An archive the registry knows, then parts of its own notation, each with a number: "NAA, A1838, 3103/10/1"
# (series, control symbol), "National Archives of Australia, Canberra (hereafter NAA), A1838, 3103/10/1" — the
# levels as written. Fond/opis/delo chains, slashes, TNA and NARA have their own rules and win over this one.
_SERIES_PART = r"(?:[A-Za-z]+\.?\s)?[A-Z]{0,4}\d[\w/.–-]*(?<![.,])"
_YEARS = re.compile(r"(?:1[5-9]\d\d|20\d\d)(?:[–-]\d{2,4})?s?")


@lru_cache(maxsize=1)
def _series_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An acronym, then the parts ("NAA, A1838, 3103/10/1"); a name defining its acronym, then the parts
    ("National Archives of Australia, Canberra (hereafter NAA), A1838, …")."""
    parts = rf",\s+(?P<parts>{_SERIES_PART}(?:,\s+{_SERIES_PART}){{0,4}})(?=[\s.;,)]|$)"
    return (re.compile(rf"(?=[A-ZА-ЯЁ])(?<![\w.])(?P<arch>{_ACRONYM}){parts}"),
            re.compile(rf"(?P<arch>[A-ZА-ЯЁ][^(),;]{{2,80}}?)(?:,\s*[A-Z][a-z]+)?"
                       rf"\s*\((?:hereafter|hereinafter|henceforth)\s[^)]*\){parts}"))


@lru_cache(maxsize=1)
def _chain_word() -> re.Pattern[str]:
    """A level word of the fond/opis/delo notation (its patterns are defined further down)."""
    return re.compile(rf"{_FOND}|{_OPIS}|{_DELO}|{_LEAF_WORD}|{_PAPKA}")


def _series_refs(text: str, registry: Registry) -> list[tuple[tuple[int, int], ArchivalRef]]:
    out = []
    by_acronym, by_name = _series_res()
    found = list(by_acronym.finditer(text))
    if "here" in text or "hence" in text:
        found += by_name.finditer(text)
    for m in found:
        parts = [p.strip() for p in m.group("parts").split(",")]
        if _chain_word().match(parts[0]) or all(_YEARS.fullmatch(p) for p in parts) or _RECORD_GROUP.match(parts[0]):
            continue  # a chain ("GARF, F. 5446"); years ("USSR, 1953–1956"); a record group (NARA's rule)
        hit = registry.lookup(m.group("arch"))
        if hit is None:
            continue  # not an archive
        out.append(((m.start(), m.end()), _as_written(hit[0].acronym, parts)))
    return out


# The State Department's own files as FRUS source notes cite them: the files, then a decimal file or a lot
# ("Department of State, Central Files, 611.61/2-1054"; "Department of State, Conference Files: Lot 62 D 181,
# CF 745"; "Department of State, HAC Lot File 96D292, Box 1"). Files with a lot are the collection (fond), the
# lot its series (opis) and what follows ("CF 745", "Box 1") the file (delo); the Central Files are a series
# (opis) and a decimal file a file (delo), as NARA's Central Decimal File is read. The location as written.
_LOT = r"Lot\s+(?:File\s+)?\d{2}\s?[A-Z]\s?\d{1,4}"
# the subject-numeric files of 1963 on: a subject, its number, a country or two ("POL 15–1 CHINAT", "DEF 15 RYU
# IS–US", "CSM 1 CHICOM", "POL 7 JAPAN")
SUBJECT_FILE = r"[A-Z]{1,5}\s\d+(?:[–-]\d+)*(?:\s+[A-Z]{2,}(?:[–-][A-Z]+)*){1,3}(?![\w–-])"
# a file of the State Department's decimal scheme, alone: "740.00/1531", "500.A15a3/684d", "893.01 Provisional/18",
# "711.008 North Pacific/273", "894.00 P.R./144", "893.102S/1595½", "123G861/839", "761.00/1-2561"
DECIMAL_FILE = (r"\d{3}(?:[A-Z]?\.[\dA-Z][\dA-Za-z]*(?:\s+(?:P\.\s?R\.|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?"
                r"|\s?[A-Z]\s?\d+)/\d+(?:[–-]\d+)*[a-z]?½?")
_STATE_RE = re.compile(
    r"(?:(?<=\s)|^|(?<=[(\[]))(?:U\.\s?S\.\s+)?(?:Department\s+of\s+State|State\s+Department),\s+"
    r"(?:(?P<files>[A-Z0-9][^,;:()“”\"]{1,80}?)(?::|,)\s+(?P<ref>" + _LOT + r"|\d{3}[\w.–-]*/[\w–-]+(?:\s?[–-]\s?\d+)?"
    r"|" + SUBJECT_FILE + ")"
    r"|(?P<lotfiles>[A-Z][\w/–-]*(?:\s+[\w/–-]+){0,3}?)\s+(?P<lot>" + _LOT + r"))"
    r"(?P<more>(?:,\s+(?:CF|Box|NSC|Folder|Vol\.)\s+[\w.–/-]+(?:\s+Series)?)*)"
    r"(?:(?<=\d)(?P<folder>,\s+[A-Z0-9][^;()]{0,118}?)(?=\.?\s*(?:[;)]|$)|(?<!No)(?<!Vol)\.\s))?")
# ("…, Box 1, 1961–Report"; "…, SIG Memo No. 70": a number's "No." does not end the folder)


# the CIA's records: a job ("Central Intelligence Agency: Job 79-S01060A, Box 2") or a CREST document number
# ("CREST, CIA-RDP80B01676R000900080067-4"), the archive named or not (a CREST number names it)
_CIA_RE = re.compile(
    r"(?:(?:Central\s+Intelligence\s+Agency|CIA)(?:,\s*|:\s*|\s+Files,\s*))?(?:CREST,\s*)?"
    r"(?P<where>(?P<doc>CIA[-–]RDP\d{2}[A-Z0-9]+[-–]\d)|Job\s+(?P<job>\d{2}[-–][A-Z0-9]+)(?:,\s*[Bb]ox\s+(?P<box>\d+))?)"
    r"(?![\w–-])")


def _cia_refs(text: str) -> list[tuple[tuple[int, int], ArchivalRef]]:
    out = []
    for m in _CIA_RE.finditer(text):
        extra = {"notation": "as-written", "location": m.group("where")}
        if m.group("box"):
            extra["box"] = m.group("box")
        ref = ArchivalRef("CIA", None, opis=f"Job {m.group('job')}" if m.group("job") else None,
                          delo=m.group("doc"), extra=extra)
        out.append(((m.start(), m.end()), ref))
    return out


def _state_refs(text: str) -> list[tuple[tuple[int, int], ArchivalRef]]:
    out = []
    for m in _STATE_RE.finditer(text):
        files = (m.group("files") or m.group("lotfiles")).strip()
        ref = m.group("ref") or ""
        lot = m.group("lot") or (ref if ref.startswith("Lot") else None)
        below = ", ".join(u.strip().rstrip(".") for u in (m.group("more") + (m.group("folder") or "")).split(",")
                          if u.strip())
        at = m.start("files") if m.group("files") else m.start("lotfiles")
        extra = {"notation": "as-written", "location": text[at: m.end()].rstrip(".")}
        boxed = _BOX.match(below)
        if lot and boxed and below[boxed.end():].strip(" ,"):  # a box, then the folder in it: unit and file
            extra["unit"] = boxed.group()
            found = ArchivalRef("DOS", files, opis=lot, delo=below[boxed.end():].strip(" ,"), extra=extra)
        elif lot:  # the files, their lot, a file of it
            found = ArchivalRef("DOS", files, opis=lot, delo=below or None, extra=extra)
        else:  # the files, a decimal file
            found = ArchivalRef("DOS", None, opis=files, delo=ref, extra=extra)
        out.append(((m.start(), m.end()), found))
    return out


def find_compact_refs(text: str, registry: Registry | None = None) -> list[tuple[tuple[int, int], ArchivalRef]]:
    """British, American and Japanese notations: TNA "FO 371/84532" (department, series / piece), NARA
    "RG 59, Central Decimal File 1950–54, 611.61/2-1054, box 2771", a library's papers ("Eisenhower Library,
    Whitman File, Dulles–Herter Series"), a known archive's own series ("NAA, A1838, 3103/10/1"), the Japanese
    Foreign Ministry's "A'.1.1.0.30" (with or without the archive's name)."""
    out: list[tuple[tuple[int, int], ArchivalRef]] = []
    if "of State," in text or "State Department," in text:
        out.extend(_state_refs(text))
    if "RDP" in text or "Job " in text:
        out.extend(_cia_refs(text))
    if _COMMA_NUMBER.search(text) and _SERIES_GATE.search(text):
        out.extend(_series_refs(text, registry or default_registry()))
    if "Library" in text or "Presidential Materials" in text:
        for m in _LIBRARY_RE.finditer(text):
            ref, start, end = _library_ref(text, m, registry or default_registry())
            if ref is not None:
                out.append(((start, end), ref))
    if _QUICK_MOFA.search(text):
        for m in _MOFA_RE.finditer(text):
            out.append(((m.start(), m.end()), ArchivalRef("DAMOFA", None, delo=m.group("file"),
                                                          extra={"notation": "mofa"})))
    if "Ref" in text or "JACAR" in text:
        for m in _JACAR_RE.finditer(text):  # "JACAR Ref. B02030001200": a document's reference code
            code = m.group("code")
            out.append(((m.start(), m.end()), ArchivalRef("JACAR", None, delo=code,
                                                          extra={"notation": "as-written", "location": code})))
    if "/" in text and _QUICK_TNA.search(text):
        for m in _TNA_RE.finditer(text):
            ref = ArchivalRef("TNA", f"{m.group('dept')} {m.group('series')}", delo=m.group("piece"),
                              extra={"notation": "tna"})
            out.append(((m.start(), m.end()), ref))
    if "RG" in text or "Record Group" in text:
        for m in _NARA_RE.finditer(text):
            series = [p.strip() for p in (m.group("series") or "").rstrip(".").split(",") if p.strip()]
            extra = {"notation": "nara"}
            if m.group("box"):
                extra["box"] = m.group("box")
            if m.group("folder"):
                extra["folder"] = m.group("folder").strip().rstrip(".")
            file = series.pop() if len(series) > 1 and _FILE_CODE.fullmatch(series[-1]) else None
            if m.group("titled") and not file:  # the box is the unit, the folder's title the file; as written
                extra = {"notation": "as-written", "location": text[m.start("rgword"): m.end()].rstrip("."),
                         "unit": f"Box {m.group('box')}"}
                file = m.group("titled").strip(" ,").rstrip(".")
            ref = ArchivalRef("NARA", m.group("rg"), opis=", ".join(series) or None, delo=file, extra=extra)
            out.append(((m.start(), m.end()), ref))
    return out


def _norm(text: str) -> str:
    """The registry's key: lower case, letters (Latin, Cyrillic or Japanese, accents kept) and digits only."""
    return fold(text, keep="a-z0-9" + CYRILLIC + _JAPANESE, unaccent=False, sep="")


_JAPANESE = "\u3040-\u30ff\u4e00-\u9fff"  # kana and kanji: "外務省外交史料館" is a name, not an empty key


class Registry:
    """Archives by acronym, name, transliterated name, former acronym and misspelling."""

    def __init__(self, archives: list[Archive]):
        self.archives: dict[str, Archive] = {}
        for archive in archives:  # later entries (user files) replace earlier ones
            self.archives[archive.acronym] = archive
        self._index: dict[str, tuple[Archive, bool]] = {}  # normalised key -> (archive, is_misspelling)
        for archive in self.archives.values():
            for key in (archive.acronym, archive.name, archive.transliterated, *archive.aliases, *archive.former):
                if norm := _norm(key or ""):
                    self._index.setdefault(norm, (archive, False))
            for key in archive.misspellings:
                if norm := _norm(key):
                    self._index.setdefault(norm, (archive, True))
        self._acronym_keys = [(_norm(a.acronym), a) for a in self.archives.values()]  # for one-letter typos
        self._looked: dict[str, tuple[Archive, bool] | None] = {}  # lookup's answers (bounded: see lookup)
        self._names = self._spelled_out()
        self._base_names = self._names  # the names of the registry this one extends (see with_archive)
        self._extra_names: tuple[str, ...] = ()  # and the names it adds

    def with_archive(self, archive: Archive) -> Registry:
        """This registry plus (or with a replaced) `archive`, as a document's "hereafter" defines one. The
        names already known keep their compiled search; only the new ones get a small search of their own."""
        out = Registry([*self.archives.values(), archive])
        out._base_names = self._base_names
        base = set(self._base_names)
        out._extra_names = tuple(n for n in out._names if n not in base)
        return out

    @classmethod
    def load(cls, *paths: Path | str | None) -> Registry:
        """The packaged registry plus user files (arguments, else the ZOTERO_CW_ARCHIVES variable)."""
        text = resources.files("zotero_cw").joinpath("data/archives.yaml").read_text(encoding="utf-8")
        archives = _archives_from_yaml(text, "archives.yaml (package)")
        user = [p for p in paths if p]
        if not user and os.environ.get(ENV_VAR):
            user = [p for p in os.environ[ENV_VAR].split(os.pathsep) if p]
        for path in user:
            try:
                archives += _archives_from_yaml(userdata.read_text(path, "archive registry"), str(path))
            except OSError as exc:
                raise UserError(f"cannot read archive registry {path}: {exc.strerror}") from exc
        return cls(archives)

    def find(self, name: str) -> Archive | None:
        """The archive named by an acronym, a full name, a former acronym or a known misspelling."""
        hit = self.lookup(name)
        return hit[0] if hit else None

    def lookup(self, name: str) -> tuple[Archive, bool] | None:
        """(archive, guessed) — guessed is True for a known misspelling or a one-letter typo of an acronym."""
        if name in self._looked:
            return self._looked[name]
        if len(self._looked) > 10_000:
            self._looked.clear()
        key = _norm(name.strip().removeprefix("the ").removeprefix("The "))
        hit = None
        if not key:  # punctuation only ("/"): no archive
            pass
        elif key in self._index:
            hit = self._index[key]
        elif len(key) >= 4 and name.strip().isupper():
            close = {a.acronym: a for k, a in self._acronym_keys if within_one(key, k)}
            if len(close) == 1:
                hit = next(iter(close.values())), True
        self._looked[name] = hit
        return hit

    def names(self) -> list[str]:
        """Every spelled-out name (English, transliterated, aliases), longest first."""
        return list(self._names)

    def _spelled_out(self) -> tuple[str, ...]:
        out = set()
        for a in self.archives.values():
            out.update(n for n in (a.name, a.transliterated, *a.aliases) if n and " " in n)
        return tuple(sorted(out, key=len, reverse=True))


def _archives_from_yaml(text: str, source: str) -> list[Archive]:
    rows = userdata.archive_registry(text, source)["archives"]  # safe YAML, every value checked, acronym and name given
    return [Archive(
        acronym=str(row["acronym"]), name=str(row["name"]),
        transliterated=row.get("transliterated"), place=row.get("place"),
        aliases=tuple(map(str, row.get("aliases") or ())), former=tuple(map(str, row.get("former") or ())),
        misspellings=tuple(map(str, row.get("misspellings") or ())),
    ) for row in rows]


def default_registry() -> Registry:
    """The packaged registry plus $ZOTERO_CW_ARCHIVES, cached for each value of the variable."""
    return _registry_for(os.environ.get(ENV_VAR, ""))


@lru_cache(maxsize=4)
def _registry_for(user: str) -> Registry:
    return Registry.load()


default_registry.cache_clear = _registry_for.cache_clear  # type: ignore[attr-defined]


# --- reference syntax ------------------------------------------------------------------------------
_NUM = r"(?:[A-ZР]-?)?\d+[a-zA-Zа-я]?"  # fond numbers like 5446, R-5446, Р-9401, 17a, 1а
_FOND = r"(?:Fond\s*\(F\.\)|[Ff]ond\b|F\.|f\.|F\b|[Фф]\.|[Фф]онд\b)"
_OPIS = r"(?:Opis['’]?\s*\(Op\.\)|[Oo]pis['’]?(?=\s)|Op[.,]|op[.,]|[Оо]п\.|[Оо]пись\b)"
_PAPKA = r"(?:Papka\s*\(P\.\)|[Pp]apka\b|[Pp]ap\.|[Pp]a\.|P\.|p\.|[Пп]\.|[Пп]апка\b)"
# Ukrainian "спр." (справа) and "од. зб." (одиниця зберігання, a storage unit) are the file level
_DELO = r"(?:Delo\s*\(D\.\)|[Dd]elo\b|D\.|d\.|[Ss]pr\.|[Дд]\.|[Дд]ело\b|[Сс]пр\.|[Сс]права\b|[Оо]д\.\s*зб\.)"
_LEAF_WORD = (r"(?:Listy\s*\(Ll\.\)|List\s*\(L\.\)|[Ll]isty\b|[Ll]ist\b|Ll\.|ll\.|L\.|l\.|[Aa]rk\."
              r"|[Лл]л\.|[Лл]\.|[Лл]исты?\b|[Аа]рк\.|[Аа]ркуші?\b)")
_LEAF = r"\d+(?:\s?(?:ob|об)\.?)?(?:\s*[–-]\s*\d+(?:\s?(?:ob|об)\.?)?)?"
_LEAVES = rf"{_LEAF}(?:,\s*{_LEAF}(?![\d/]))*"
_SEP = r"\s*[,.]?\s*"

CHAIN = (
    rf"{_FOND}\s*(?P<fond>{_NUM})"
    rf"(?:{_SEP}{_OPIS}\s*(?P<opis>{_NUM}))?"
    rf"(?:{_SEP}{_PAPKA}\s*(?P<papka>{_NUM}))?"
    rf"(?:{_SEP}{_DELO}\s*(?P<delo>{_NUM}))?"
    # the folder after the file, written out ("Delo 5, Papka 11"); "d. 5, p. 12" is a page
    rf"(?:{_SEP}(?:[Pp]apka\b|[Pp]ap\.|[Пп]апка\b)\s*(?P<papka2>{_NUM}))?"
    rf"(?:{_SEP}{_LEAF_WORD}\s*(?P<leaves>{_LEAVES}))?"
)
SLASH = r"(?P<sfond>[A-Z]?-?\d+[a-z]?)/(?P<sopis>\d+[a-z]?)/(?P<sdelo>\d+[a-z]?)(?:/(?P<sleaves>\d+(?:[–-]\d+)?))?\b"
_ACRONYM = (r"(?<!\w)(?:[A-Z][A-Za-z]{0,3}[A-Z][A-Za-z]{0,5}"
            r"|[А-ЯЁІЇЄ][А-Яа-яЁёІіЇїЄє]{0,3}[А-ЯЁІЇЄ][А-Яа-яЁёІіЇїЄє]{0,5}"
            r"(?:\s(?:[А-Я]{2}|України|Украины|Беларусі))?)(?!\w)")  # "ГА РФ", "ЦДАМЛМ України"
# capitalised words naming an archive; never starting with a signal or sentence word ("See the ...")
_CAPSEQ = (r"(?!(?:See|Cf|Compare|Also|As|In|On|For|From|This|That|These|The|And)\b)"
           r"[A-Z][\w'’-]*(?:\s+(?:of|the|and|for|[A-Z][\w'’-]*))*")

_CHAIN_RE = re.compile(CHAIN)
_QUICK_FOND = re.compile(rf"(?=[FfФф]){_FOND}\s*{_NUM}")  # cheap tests before the full searches
_QUICK_SLASH = re.compile(r"\d/\d")
_SLASH_RE = re.compile(rf"(?P<sacr>{_ACRONYM})\s+{SLASH}")
# shorthand typed while writing: a known archive, then fond [opis [delo [leaves]]] as bare numbers: "GARF 5446"
_LEVEL = r"[A-Z]?-?\d+[a-z]?"
_BARE_RE = re.compile(rf"(?P<acr>\S+?)[\s,]+(?P<nums>{_LEVEL}(?:[\s/,]+{_LEVEL}){{0,3}})[\s,]*")


# after an archive's name, its acronym: "(RGASPI)", "(hereafter TsGAK)", "Simferopol (hereafter TsGAK)"
_PLACE_ACRONYM = (r"(?:,\s*[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)?\s*\("
                  r"(?:(?:hereafter|hereinafter|henceforth)(?:\s+cited\s+as)?[,:]?\s+)?"
                  r"(?P<pacr>[A-Z][A-Za-z ]{1,10}?)\)")


@lru_cache(maxsize=8)
def _mention_re(names: tuple[str, ...], known_only: bool = False) -> re.Pattern[str]:
    """The search for an archive's mention before a fond. `known_only`: only the branches that name one of
    `names` (the search for names a document added to a registry whose own search is compiled already)."""
    known = "|".join(re.escape(n) for n in names)
    head = (  # a name (known, or capitalised words) with its acronym, a known name, or an acronym
        rf"(?:(?:the\s+)?(?P<name>{known}|{_CAPSEQ}){_PLACE_ACRONYM}"
        rf"|(?:the\s+)?(?P<known>{known})"
        rf"|(?P<acr>{_ACRONYM}))"
    ) if not known_only else (
        rf"(?:(?:the\s+)?(?P<name>{known}){_PLACE_ACRONYM}"
        rf"|(?:the\s+)?(?P<known>{known})(?P<acr>(?!))?)"
    )
    # every match starts with one of these characters: testing it first lets the scan skip most positions
    first = "".join(sorted({"t", *(n[0] for n in names if n)} - set(ascii_uppercase)))
    return re.compile(rf"(?=[A-ZА-ЯЁ{re.escape(first)}]){head}{_SEP}(?={_FOND}\s*{_NUM})")


def _clean_leaves(text: str | None) -> str | None:
    return clean_range(text) if text else None


def _ref_from_chain(m: re.Match[str], archive: str | None) -> ArchivalRef:
    papka = m.group("papka") or m.group("papka2")
    extra = {"papka": papka} if papka else {}
    return ArchivalRef(archive=archive, fond=m.group("fond"), opis=m.group("opis"), delo=m.group("delo"),
                       leaves=_clean_leaves(m.group("leaves")), extra=extra)


def _resolve_archive(written: str, registry: Registry) -> tuple[str, list[str]]:
    hit = registry.lookup(written)
    if hit is None:
        return written, [f"unknown archive {written!r} (add it to an archive registry file)"]
    archive, guessed = hit
    if guessed:
        return archive.acronym, [f"archive {written!r} read as {archive.acronym}"]
    return archive.acronym, []


# another file of the same fond after a reference: "RGASPI, f. 17, op. 3, d. 410, l. 17; d. 415, l. 3",
# "GARF, f. R-5446, op. 1, d. 70; op. 2, d. 12", "… d. 410, l. 17, and d. 415"
_NEXT_FILE = re.compile(
    r"(?P<sep>\s*;\s*|,?\s+(?:and|и)\s+|,\s*)(?=[OoОоDdДдSsСсPpПп])"
    rf"(?:{_OPIS}\s*(?P<opis>{_NUM}))?"
    rf"(?:(?(opis){_SEP}|){_PAPKA}\s*(?P<papka>{_NUM}))?"
    rf"(?:(?(opis){_SEP}|(?(papka){_SEP}|)){_DELO}\s*(?P<delo>{_NUM}))?"
    rf"(?:{_SEP}{_LEAF_WORD}\s*(?P<leaves>{_LEAVES}))?")
_FILE_LEVELS = ("opis", "papka", "delo")


def next_files(text: str, end: int, ref: ArchivalRef) -> list[tuple[tuple[int, int], ArchivalRef]]:
    """The other files of `ref`'s fond named right after it (from `end`), each with the levels it names in place
    of `ref`'s (the lower ones go) and its own leaves; a reference in a notation kept as written has none."""
    out: list[tuple[tuple[int, int], ArchivalRef]] = []
    if ref.extra.get("notation") or ref.fond is None:
        return out
    while (m := _NEXT_FILE.match(text, end)) and (m.group("opis") or m.group("delo")):
        named = {k: m.group(k) for k in _FILE_LEVELS if m.group(k)}
        top = min(_FILE_LEVELS.index(k) for k in named)
        levels = {k: (named.get(k) if i >= top else (ref.extra.get(k) if k == "papka" else getattr(ref, k)))
                  for i, k in enumerate(_FILE_LEVELS)}
        ref = ArchivalRef(ref.archive, ref.fond, levels["opis"], levels["delo"], _clean_leaves(m.group("leaves")),
                          extra={"papka": levels["papka"]} if levels["papka"] else {})
        out.append(((m.end("sep"), m.end()), ref))
        end = m.end()
    return out


_UNNAMED_RE = re.compile(rf"(?<![\w/])(?=[FfФф]){CHAIN}")


def find_unnamed_refs(text: str) -> list[tuple[tuple[int, int], ArchivalRef]]:
    """Fond-opis-delo chains with no archive named ("// Ф. 122, оп. 11, д. 4377, лл. 47-48", as a document
    edition gives its own archive's files): a fond and at least its opis or file ("f. 12" alone is a folio)."""
    if _QUICK_FOND.search(text) is None:
        return []
    return [((m.start(), m.end()), _ref_from_chain(m, None)) for m in _UNNAMED_RE.finditer(text)
            if m.group("opis") or m.group("delo")]


def parse_archival_ref(text: str, registry: Registry | None = None) -> ArchivalRef | None:
    """Read one archival reference such as "RGASPI, F. 84, Op. 3, D. 36, Ll. 12–13", "RGASPI 84/3/36",
    "RGASPI f. 84 op. 3 d. 36", "GARF 5446" or "fond 4, opis' 83, delo 30, listy 148-155" (archive optional)."""
    registry = registry or default_registry()
    text = text.strip().rstrip(".;")
    found = find_archival_refs(text, registry)
    if found:
        return found[0][1]
    m = _CHAIN_RE.search(text)
    if m and not text[: m.start()].strip():
        return _ref_from_chain(m, None)
    m = re.fullmatch(rf"(?:(?P<acr>.+?)\s+)?{SLASH}", text)
    if m:
        archive, warns = _resolve_archive(m.group("acr"), registry) if m.group("acr") else (None, [])
        return ArchivalRef(archive, m.group("sfond"), m.group("sopis"), m.group("sdelo"),
                           _clean_leaves(m.group("sleaves")), warnings=warns)
    m = _BARE_RE.fullmatch(text)
    hit = registry.lookup(m.group("acr")) if m else None
    if m and hit:
        fond, opis, delo, leaves = (re.split(r"[\s/,]+", m.group("nums")) + [None] * 3)[:4]
        return ArchivalRef(hit[0].acronym, fond, opis, delo, leaves)
    return None


def archival_custom(archive: str, location: str) -> dict[str, str] | None:
    """`custom.archival` (archive, fond, opis, delo) read from an item's `archive` and `archive_location`
    ("RGASPI", "F. 84, Op. 3, D. 36"); None unless a fond is read."""
    ref = parse_archival_ref(f"{archive}, {location}", default_registry())
    if ref is None or not ref.fond:
        return None
    return {k: v for k, v in (("archive", ref.archive), ("fond", ref.fond), ("opis", ref.opis),
                              ("delo", ref.delo)) if v}


_BEFORE_FOND = 400  # how far before a fond a mention of its archive is looked for (names are far shorter)


def _mentions(text: str, registry: Registry) -> list[re.Match[str]]:
    """The archive mentions before a fond, left to right, as one search of the whole text would find them.
    Each fond is looked back from (a mention is always followed by one): the search of every known name is
    slow, and fonds are few. Names a document added are searched apart (a new search of every name would be
    compiled for each such document); where two matches start at one place the longer wins, and a match
    overlapping an earlier one is dropped, as one search would."""
    searches = [_mention_re(registry._base_names)]
    if registry._extra_names:
        searches.append(_mention_re(registry._extra_names, known_only=True))
    found: dict[tuple[int, int], re.Match[str]] = {}
    done = 0
    for fond in _QUICK_FOND.finditer(text):
        if fond.end() <= done:
            continue
        lo = max(done, text.rfind(" ", 0, max(fond.start() - _BEFORE_FOND, 0)) + 1)
        for rx in searches:
            for m in rx.finditer(text, lo, fond.end()):
                found.setdefault((m.start(), m.end()), m)
        done = fond.start()
    out: list[re.Match[str]] = []
    for key in sorted(found, key=lambda k: (k[0], -k[1])):
        if not out or key[0] >= out[-1].end():
            out.append(found[key])
    return out


def find_archival_refs(text: str, registry: Registry | None = None) -> list[tuple[tuple[int, int], ArchivalRef]]:
    """Every archive-named reference in `text`: ((start, end), ArchivalRef), start at the archive's name."""
    fonds = _QUICK_FOND.search(text) is not None  # a mention is always followed by a fond
    slashes = _QUICK_SLASH.search(text) is not None
    if not (fonds or slashes):
        return []
    registry = registry or default_registry()
    out: list[tuple[tuple[int, int], ArchivalRef]] = []
    for m in _mentions(text, registry) if fonds else ():
        chain = _CHAIN_RE.match(text, m.end())
        if not chain:
            continue
        written = m.group("pacr") or m.group("known") or m.group("acr")
        archive, warns = _resolve_archive(written, registry)
        if m.group("pacr") and registry.lookup(written) is None and m.group("name"):
            archive, warns = _resolve_archive(m.group("name"), registry)  # acronym unknown, try the name
        ref = _ref_from_chain(chain, archive)
        ref.warnings.extend(warns)
        start = m.start()
        if text.startswith(("the ", "The "), start):
            start += 4
        out.append(((start, chain.end()), ref))
    for m in _SLASH_RE.finditer(text) if slashes else ():
        hit = registry.lookup(m.group("sacr"))
        if hit is None:
            continue
        ref = ArchivalRef(hit[0].acronym, m.group("sfond"), m.group("sopis"), m.group("sdelo"),
                          _clean_leaves(m.group("sleaves")))
        out.append(((m.start(), m.end()), ref))
    out.sort(key=lambda pair: pair[0][0])
    return out
