"""Render input: CSL-JSON items as a Zotero user would have filled them for Chicago, made before any engine
sees them (zotero-cw's and, for the reference expectations, citeproc-js: tools/render_input.py).

- `title-short`: the main title, before ":" (or up to "?" / "!"), when the item has none, so that short notes
  drop the subtitle (CMOS 14.30); the style decides where it is used.
- A document in a published collection (FRUS and the like: a chapter with a day-exact date and no
  publisher): the document's date goes after its title ("Telegram …, April 20, 1955", in the style's date
  order), since the styles print `issued` only as the volume's year; "part" joins the volume ("XXIII, pt. 1"); the
  document's pages become the cite's locator when the cite gives none (`DEFAULT_LOCATOR`).
- Cite prefixes: a note that begins with a prefix begins with a capital ("see Oscar …" -> "See Oscar …"); a
  later cite's signal is lower case ("…, 97–98; see Khrushchev") — CMOS 14.x."""

from __future__ import annotations

import copy
import re
from typing import Any

from zotero_cw.render import marks

DEFAULT_LOCATOR = "zotero-cw-default-locator"  # page(s) cited when a cite has no locator
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def main_title(title: str) -> str | None:
    """'The Growth Idea: Purpose and Prosperity' -> 'The Growth Idea'; 'Whither Détente? A Study' ->
    'Whither Détente?'; None when the title has no subtitle."""
    for i, ch in enumerate(title):
        follows = title[i + 1:i + 2]
        if ch == ":" and follows.isspace():
            main = title[:i]
        elif ch in "?!" and follows.isspace() and title[i + 1:].strip():
            main = title[:i + 1]
        else:
            continue
        main = main.strip()
        return main if len(main) >= 2 else None
    return None


def _full_date(item: dict[str, Any]) -> list[int] | None:
    parts = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    try:
        ymd = [int(p) for p in parts]
    except (TypeError, ValueError):
        return None
    return ymd if len(ymd) == 3 and 1 <= ymd[1] <= 12 else None


def is_collection_document(item: dict[str, Any]) -> bool:
    """A chapter with a day-exact date, a volume and no publisher: a document in FRUS, DBPO, DVP SSSR …"""
    return item.get("type") == "chapter" and bool(item.get("container-title")) and bool(item.get("volume")) \
        and not item.get("publisher") and _full_date(item) is not None and bool(item.get("title"))


def render_input(item: dict[str, Any], *, day_first: bool = False) -> dict[str, Any]:
    out = copy.deepcopy(item)
    title = out.get("title")
    if isinstance(title, str) and not out.get("title-short") and not out.get("shortTitle"):
        short = main_title(title)
        if short:
            out["title-short"] = short
    short = archive_short(out)
    if short and out.get("archive") and not out.get("archive-short"):
        out["archive-short"] = short
    if is_collection_document(out):
        y, m, d = _full_date(out) or (0, 0, 0)
        when = f"{d} {MONTHS[m - 1]} {y}" if day_first else f"{MONTHS[m - 1]} {d}, {y}"
        out.setdefault("title-short", out["title"])
        out["title"] = f"{out['title']}, {when}"  # issued stays: it sorts and disambiguates
        if out.get("part") and out.get("volume") and not out.get("part-number"):
            out["volume"] = f"{out['volume']}, pt. {out.pop('part')}"
        if out.get("page"):
            out[DEFAULT_LOCATOR] = str(out["page"])
    return out


SHORT_SUFFIX = "#zotero-cw-short"
_ACRONYM = re.compile(r"\(([^()]+)\)\s*$")


def archive_short(item: dict[str, Any]) -> str | None:
    """The archive's acronym: custom.archival.archive, or the "(RGASPI)" at the end of its name."""
    arch = ((item.get("custom") or {}).get("archival") or {}).get("archive")
    name = str(item.get("archive") or "")
    if arch and str(arch) != name:
        return str(arch)
    m = _ACRONYM.search(name)
    return m.group(1) if m else None


def is_file_level(item: dict[str, Any]) -> bool:
    """An archival unit cited as a whole (fond / file): no title, no author, an archive and a location."""
    return bool(item.get("archive")) and bool(item.get("archive_location")) and not item.get("title") \
        and not item.get("author")


def short_archival_variant(item: dict[str, Any]) -> dict[str, Any] | None:
    """The item its short notes are rendered from, or None when it has a title to shorten."""
    if not is_file_level(item):
        return None
    short = archive_short(item)
    variant = {k: v for k, v in item.items() if k not in ("archive-place", "custom")}
    variant["id"] = f"{item['id']}{SHORT_SUFFIX}"
    if short:
        variant["archive"] = short
    return variant


def day_first(style: Any) -> bool:
    """Whether the style's text dates put the day before the month (20 April 1955)."""
    try:
        date = style.root.get_date("text")
        names = [p.get("name") for p in date.findall("cs:date-part", date.nsmap)]
    except Exception:  # a style without a text date form
        return False
    return "day" in names and "month" in names and names.index("day") < names.index("month")


# CMOS 14.x: signals and lead-ins are lower case inside a note ("…, 97–98; see Khrushchev, …")
SIGNALS = ("see", "see also", "cf.", "compare", "contra", "but see", "e.g.", "for example", "also", "quoted in",
           "cited in", "accord", "and")


def signal_case(prefix: str) -> str:
    """A later cite's prefix that begins with a capitalised signal ("See also") -> lower case."""
    low = prefix.lower()
    for sig in SIGNALS:
        if low.startswith(sig) and (len(low) == len(sig) or not low[len(sig)].isalpha()) and prefix[:1].isupper() \
                and prefix[1:len(sig)] == prefix[1:len(sig)].lower():
            return prefix[:1].lower() + prefix[1:]
    return prefix


_FIRST_WORD = re.compile("^([" + re.escape(marks.ALL) + "“‘\"'(]*)([a-z][a-z.]*)(?=[\\s,;:]|$)")


def capitalize_note(text: str) -> str:
    """A note that begins with a cite's prefix begins with a capital (CMOS): "see Oscar …" -> "See Oscar …";
    words with capitals inside ("eBay") are left alone."""
    return _FIRST_WORD.sub(lambda m: m.group(1) + m.group(2)[:1].upper() + m.group(2)[1:], text, count=1)




def cluster_input(prefixes: list[str | None]) -> list[str | None]:
    """The prefixes of one note's cites, in order, as CMOS wants them."""
    return [p if not p else capitalize_note(p) if i == 0 else signal_case(p) for i, p in enumerate(prefixes)]


def clusters_input(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """cluster_input on CSL citation clusters (for citeproc-js: tools/render_input.py)."""
    out = copy.deepcopy(clusters)
    for c in out:
        cites = c.get("citationItems", [])
        for ci, p in zip(cites, cluster_input([ci.get("prefix") for ci in cites]), strict=True):
            if p:
                ci["prefix"] = p
    return out
