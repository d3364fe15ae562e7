"""CSL-JSON item → Zotero item data (pure functions).

Only fields the server's schema has for the item type are set; every other CSL variable goes to Extra as a
`Label: value` line, the way Zotero users carry CSL variables that have no Zotero field.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.models import ArchivalLocation

# Zotero object keys: 8 characters from this alphabet.
KEY_ALPHABET = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
ID_LINE = "zotero-cw-id:"
HASH_LINE = "zotero-cw-hash:"  # whole-item hash of earlier versions: read as no record
RECORD_LINE = "zotero-cw-fields:"  # per-field hashes of what zotero-cw wrote (see plan.py)

CSL_TO_ZOTERO_TYPE = {
    "book": "book", "chapter": "bookSection", "article-journal": "journalArticle",
    "article-magazine": "magazineArticle", "article-newspaper": "newspaperArticle", "manuscript": "manuscript",
    "letter": "letter", "personal_communication": "letter", "document": "document", "report": "report",
    "webpage": "webpage", "post": "forumPost", "post-weblog": "blogPost", "thesis": "thesis",
    "interview": "interview", "speech": "presentation", "paper-conference": "conferencePaper",
    "entry-encyclopedia": "encyclopediaArticle", "entry-dictionary": "dictionaryEntry", "map": "map",
    "motion_picture": "film", "broadcast": "tvBroadcast", "legislation": "statute", "treaty": "statute", "bill": "bill",
    "legal_case": "case", "patent": "patent", "software": "computerProgram", "graphic": "artwork",
    "song": "audioRecording", "dataset": "dataset", "standard": "standard", "article": "preprint",
    "review": "journalArticle", "review-book": "journalArticle", "pamphlet": "book",
}

# CSL variable → Zotero fields to try in order; the first one the item type has wins.
CSL_TO_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "nameOfAct"),  # a statute's title is its nameOfAct, its code the container (as Zotero maps them)
    "container-title": ("publicationTitle", "code", "bookTitle", "websiteTitle", "forumTitle", "blogTitle",
                        "proceedingsTitle", "encyclopediaTitle", "dictionaryTitle", "programTitle"),
    "collection-title": ("series", "seriesTitle"),
    "collection-number": ("seriesNumber",),
    "publisher": ("publisher", "institution", "university", "label", "company", "network", "distributor",
                  "studio"),
    "publisher-place": ("place",),
    "event-place": ("place", "eventPlace"),
    "volume": ("volume", "codeNumber"),
    "number-of-volumes": ("numberOfVolumes",),
    "issue": ("issue",),
    "page": ("pages",),
    "number-of-pages": ("numPages",),
    "edition": ("edition",),
    "number": ("reportNumber", "number", "billNumber", "documentNumber", "patentNumber", "publicLawNumber"),
    "genre": ("manuscriptType", "reportType", "letterType", "websiteType", "postType", "thesisType",
              "presentationType", "mapType", "type", "genre"),
    "archive": ("archive",),
    "archive_location": ("archiveLocation",),
    "call-number": ("callNumber",),
    "URL": ("url",),
    "DOI": ("DOI",),
    "ISBN": ("ISBN",),
    "ISSN": ("ISSN",),
    "language": ("language",),
    "abstract": ("abstractNote",),
    "section": ("section",),
    "title-short": ("shortTitle",),
    "container-title-short": ("journalAbbreviation",),
    "source": ("libraryCatalog",),
    "event-title": ("conferenceName", "meetingName"),
    "medium": ("medium", "format", "letterType"),
}
DATE_FIELDS = {"issued": ("date",), "accessed": ("accessDate",), "original-date": ("originalDate",)}

CSL_TO_CREATOR = {
    "author": "author", "editor": "editor", "translator": "translator", "recipient": "recipient",
    "container-author": "bookAuthor", "collection-editor": "seriesEditor", "interviewer": "interviewer",
    "director": "director", "composer": "composer", "reviewed-author": "reviewedAuthor",
    "contributor": "contributor", "illustrator": "illustrator", "editorial-director": "editor",
}
# CSL keys that are bookkeeping, not bibliographic data.
SKIP_KEYS = {"id", "type", "custom", "citation-key", "note", "_source"}


@dataclass(frozen=True)
class TypeSchema:
    """What the server accepts for one item type."""

    fields: frozenset[str]
    creator_types: tuple[str, ...]  # primary first


@dataclass
class Mapped:
    """One CSL item as Zotero data, plus what could not be placed."""

    data: dict[str, Any]
    moved_to_extra: list[str] = field(default_factory=list)


def zotero_key(kind: str, ident: str) -> str:
    """A stable 8-character Zotero key for one of our objects: found again even if the sync state is lost."""
    digest = hashlib.sha256(f"zotero-cw:{kind}:{ident}".encode()).digest()
    return "".join(KEY_ALPHABET[b % len(KEY_ALPHABET)] for b in digest[:8])


def item_type_for(csl_type: str, known_types: set[str] | frozenset[str]) -> str:
    zt = CSL_TO_ZOTERO_TYPE.get(csl_type, "document")
    return zt if zt in known_types else "document"


def csl_date(value: Any) -> str:
    """CSL date object → Zotero date string (ISO-like; ranges as A/B)."""
    if not isinstance(value, dict):
        return str(value or "")
    parts = value.get("date-parts")
    if parts:
        out = ["-".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(dp) if p not in (None, ""))
               for dp in parts if dp]
        text = "/".join(x for x in out if x)
        if value.get("circa"):
            text = f"ca. {text}"
        return text
    return str(value.get("literal") or value.get("raw") or "")


def creator(name: dict[str, Any], ctype: str) -> dict[str, str]:
    if name.get("literal") or not name.get("family"):
        return {"creatorType": ctype, "name": str(name.get("literal") or name.get("given") or "")}
    family = " ".join(str(x) for x in (name.get("non-dropping-particle"), name["family"]) if x)
    given = " ".join(str(x) for x in (name.get("given"), name.get("dropping-particle")) if x)
    if name.get("suffix"):
        given = f"{given}, {name['suffix']}" if given else str(name["suffix"])
    return {"creatorType": ctype, "firstName": given, "lastName": family}


def label(var: str) -> str:
    """CSL variable name → Extra label: archive-place → Archive Place."""
    return " ".join(w.capitalize() for w in var.replace("_", "-").split("-"))


def archival_lines(archival: dict[str, Any] | None) -> list[str]:
    if not archival:
        return []
    location = ArchivalLocation.from_custom(archival)
    return location.parts(("fond", "opis", "delo", "list", "papka"), names=True) if location else []


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def csl_to_zotero(item: dict[str, Any], schemas: dict[str, TypeSchema]) -> Mapped:
    """Map one CSL item to Zotero data (fields, creators, extra); no key, version, tags or collections."""
    itype = item_type_for(str(item.get("type", "")), frozenset(schemas))
    schema = schemas[itype]
    data: dict[str, Any] = {"itemType": itype}
    extra: list[str] = []
    moved: list[str] = []
    creators: list[dict[str, str]] = []
    for var, value in item.items():
        if var in SKIP_KEYS or value in (None, "", [], {}):
            continue
        if var in CSL_TO_CREATOR or (isinstance(value, list) and value and isinstance(value[0], dict)
                                     and ("family" in value[0] or "literal" in value[0])):
            ctype = CSL_TO_CREATOR.get(var, "contributor")
            if ctype not in schema.creator_types:
                ctype = "contributor" if "contributor" in schema.creator_types else schema.creator_types[0]
            creators.extend(creator(n, ctype) for n in value if isinstance(n, dict))
            continue
        if var in DATE_FIELDS:
            text, candidates = csl_date(value), DATE_FIELDS[var]
        else:
            text, candidates = _text(value), CSL_TO_FIELDS.get(var, ())
        target = next((f for f in candidates if f in schema.fields and f not in data), None)
        if target:
            data[target] = text
        else:
            extra.append(f"{label(var)}: {text}")
            moved.append(var)
    if creators:
        data["creators"] = creators
    if "citationKey" in schema.fields:  # Zotero 7's own field for the key writers cite by
        data["citationKey"] = str(item["id"])
    custom = item.get("custom") or {}
    extra.extend(line for line in archival_lines(custom.get("archival")) if line not in extra)
    if item.get("note"):
        extra.extend(str(item["note"]).splitlines())
    extra.append(f"{ID_LINE} {item['id']}")
    data["extra"] = "\n".join(extra)
    return Mapped(data=data, moved_to_extra=moved)


def note_html(item: dict[str, Any]) -> str:
    """The child note: where the work is cited (document, note numbers, locators)."""
    rows = []
    for c in (item.get("custom") or {}).get("cited_in") or []:
        where = f"note {c['note']}" if c.get("note") not in (None, 0, "") else "unnumbered reference"
        loc = f", {c.get('label') or 'at'} {c['locator']}" if c.get("locator") else ""
        rows.append(f"<li>{html.escape(str(c.get('document', '?')))}: {html.escape(where + loc)}</li>")
    body = "".join(rows) or "<li>(no citations recorded)</li>"
    return f"<h2>Cited in</h2><ul>{body}</ul><p>{ID_LINE} {html.escape(str(item['id']))}</p>"


def collection_key(path: tuple[str, ...] | list[str]) -> str:
    return zotero_key("collection", "\x1f".join(path))


def collection_paths(items: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """Every collection path the items use, with all their ancestors, parents first."""
    paths: set[tuple[str, ...]] = set()
    for it in items:
        for path in (it.get("custom") or {}).get("collections") or []:
            p = tuple(str(x) for x in path if str(x))
            for i in range(1, len(p) + 1):
                paths.add(p[:i])
    return sorted(paths, key=lambda p: (len(p), p))


def desired_item(item: dict[str, Any], schemas: dict[str, TypeSchema]) -> dict[str, Any]:
    """The full Zotero data we want for a library item (without hash line, key or version)."""
    data = csl_to_zotero(item, schemas).data
    custom = item.get("custom") or {}
    data["tags"] = sorted({str(t) for t in custom.get("tags") or []})
    data["collections"] = sorted({collection_key(tuple(str(x) for x in p if str(x)))
                                  for p in custom.get("collections") or [] if p})
    return data


def item_key(item: dict[str, Any]) -> tuple[str, bool]:
    """(Zotero key, foreign) for a library item: `custom.zotero_key` when the item came from Zotero (pulled
    from the group or matched onto a colleague's item), else our stable key. Raises ValueError if malformed."""
    own = zotero_key("item", str(item["id"]))
    given = (item.get("custom") or {}).get("zotero_key")
    if given in (None, ""):
        return own, False
    if not isinstance(given, str) or not is_zotero_key(given):
        raise ValueError(f"custom.zotero_key {given!r} is not an 8-character Zotero key")
    return given, given != own


def is_zotero_key(text: str) -> bool:
    return len(text) == 8 and all(c in KEY_ALPHABET for c in text)


def desired_note(item: dict[str, Any], parent: str | None = None) -> dict[str, Any]:
    return {"itemType": "note", "note": note_html(item), "parentItem": parent or zotero_key("item", item["id"])}
