"""Measure the parser against annotated notes: citation recall and per-field precision and recall.

A gold citation is found when a predicted citation (not UNPARSED) covers at least half of its text; each
prediction matches one gold citation at most. Fields are compared after folding case, punctuation and
quotes; names by their family names, dates by year, archives by their registry acronym, archival levels
and locators by their numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.archives import Registry, default_registry
from zotero_cw.models import FULL, UNPARSED, Citation, Note, archival_of, custom_of
from zotero_cw.parse.corpus import GoldCite, GoldNote
from zotero_cw.parse.dates import HOUR
from zotero_cw.parse.notes import ParseContext, parse_note
from zotero_cw.text import fold as text_fold

FIELDS = ("author", "title", "container-title", "publisher", "location", "date", "volume", "issue", "pages",
          "locator", "archive", "fond", "opis", "delo", "url")
_ROLE = re.compile(r"\b(?:eds?|edited|by|trans|translated|comp|compiled|see|also|in|под|ред|пер|сост)\b\.?",
                   re.IGNORECASE)


_LEAD_IN = re.compile(r"^\W*(?:(?:see|also|in)\b\W*)+", re.IGNORECASE)  # "in Law and the Christian Tradition in …"


def fold(text: str) -> str:
    """Lower case, accents and `*` italic marks off, letters of every script kept, words single-spaced."""
    return text_fold(text, keep=r"\w", drop="*")


def _numbers(text: str) -> str:
    return " ".join(re.findall(r"[a-zа-я]?-?\d+[a-zа-я]?", fold(text).replace(" ob", "ob")))


_HOUR = re.compile(rf",?\s*{HOUR}", re.IGNORECASE)


def _year(text: str) -> str:
    """The year, or a day without one as written ("on February 20"; a telegram's hour is no part of a date)."""
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text)
    return m.group(1) if m else re.sub(r"^(?:on|of|dated)\s+", "", fold(_HOUR.sub("", text)))


_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ](?=\w)(?!s\b)")  # a soft sign inside a name ("Il'in"), not a possessive


def _families(text: str) -> frozenset[str]:
    text = _ROLE.sub(" ", _APOSTROPHE.sub("", text))  # first: the "in" of "Il'in" is not a role word
    parts = re.split(r",|\band\b|\bи\b|&", text)
    out = set()
    for p in parts:
        words = [w for w in fold(p).split() if len(w) > 1]
        if words:
            out.add(max(words, key=len) if len(words) > 1 and len(words[-1]) <= 2 else words[-1])
    return frozenset(out)


def gold_fields(note: GoldNote, cite: GoldCite, registry: Registry) -> dict[str, Any]:
    raw: dict[str, list[str]] = {}
    for seg in cite.segments:
        raw.setdefault(seg.label, []).append(note.text[seg.start: seg.end])
    out: dict[str, Any] = {}
    for label, parts in raw.items():
        text = " ".join(parts)
        if label in ("author", "editor"):
            if label == "author" or "author" not in raw:
                out["author"] = _families(text)
        elif label == "date":
            out["date"] = _year(text)
        elif label in ("volume", "issue", "pages", "locator", "fond", "opis", "delo"):
            out[label] = _numbers(text)
        elif label == "folio" and "locator" not in raw:
            out["locator"] = _numbers(text)
        elif label == "archive":
            hit = registry.find(re.sub(r"^(?:in|the)\s+", "", text.strip(" ,.;:"), flags=re.IGNORECASE))
            out["archive"] = hit.acronym if hit else fold(text)
        elif label in ("title", "container-title", "publisher", "location", "url"):
            out[label] = fold(_LEAD_IN.sub("", text) if label == "container-title" else text)
    return {k: v for k, v in out.items() if v}


def predicted_fields(c: Citation, registry: Registry) -> dict[str, Any]:
    item = c.item
    out: dict[str, Any] = {}
    names = item.get("author") or item.get("editor") or []
    if names:
        families = [fold(_APOSTROPHE.sub("", n.get("family") or n.get("literal") or "")) for n in names]
        out["author"] = frozenset(f.split()[-1] for f in families if f)
    elif c.author and fold(c.author.split()[-1]) in fold(c.text or ""):  # a short form's author, if written
        out["author"] = _families(c.author)  # ("BL, 145" takes its author from the work it abbreviates)
    if item.get("title") or item.get("title-short") or c.short_title:  # a short form: its title as written
        out["title"] = fold(item.get("title") or item.get("title-short") or c.short_title or "")
    for key, name in (("container-title", "container-title"), ("publisher", "publisher"),
                      ("publisher-place", "location"), ("URL", "url")):
        if item.get(key):
            out[name] = fold(str(item[key]))
    if item.get("container-title") and item.get("volume-title"):  # the corpus has no volume-title: the volume's
        # title is part of the collection's ("Foreign Relations, 1945–1950, Emergence of the Intelligence …")
        out["container-title"] = fold(f"{item['container-title']} {item['volume-title']}")
    issued = (item.get("issued") or {}).get("date-parts")
    if issued and issued[0]:
        out["date"] = str(issued[0][0])
    elif (item.get("issued") or {}).get("literal"):  # "August 1", "26 Sep 44": as written
        out["date"] = _year(str(item["issued"]["literal"]))
    for key, name in (("volume", "volume"), ("issue", "issue"), ("page", "pages")):
        if item.get(key):
            out[name] = _numbers(str(item[key]))
    if c.locator:
        out["locator"] = _numbers(c.locator)
    arch = {**archival_of(item), **(custom_of(item).get("archival_override") or {})}  # "Ibid., d. 88": what it names
    if arch.get("archive"):
        known = registry.find(arch["archive"])
        out["archive"] = known.acronym if known else fold(arch["archive"])
    for key in ("fond", "opis", "delo"):
        if arch.get(key):
            out[key] = _numbers(arch[key])
    return {k: v for k, v in out.items() if v}


def _same(name: str, gold: Any, pred: Any) -> bool:
    if name == "author":
        return bool(gold) and gold <= pred or pred <= gold and len(pred) == len(gold)
    if name in ("title", "container-title", "publisher", "location"):
        return gold == pred or (len(gold) > 8 and (gold.startswith(pred) or pred.startswith(gold))
                                and min(len(gold), len(pred)) / max(len(gold), len(pred)) > 0.6)
    return gold == pred


@dataclass
class Scores:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    unparsed: int = 0
    kind_right: int = 0
    field_gold: Counter = field(default_factory=Counter)
    field_pred: Counter = field(default_factory=Counter)
    field_right: Counter = field(default_factory=Counter)
    notes: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 0.0

    def field_recall(self, name: str | None = None) -> float:
        if name:
            return self.field_right[name] / self.field_gold[name] if self.field_gold[name] else float("nan")
        total = sum(self.field_gold.values())
        return sum(self.field_right.values()) / total if total else 0.0

    def field_precision(self, name: str | None = None) -> float:
        if name:
            return self.field_right[name] / self.field_pred[name] if self.field_pred[name] else float("nan")
        total = sum(self.field_pred.values())
        return sum(self.field_right.values()) / total if total else 0.0


def _cover(c: Citation, g: GoldCite, text: str) -> float:
    if not c.span:
        return 0.0
    a, b = max(c.span.start, g.start), min(c.span.end, g.end)
    inter = sum(1 for ch in text[a:b] if not ch.isspace()) if b > a else 0
    size = sum(1 for ch in text[g.start: g.end] if not ch.isspace())
    return inter / size if size else 0.0


def score(notes: list[GoldNote], registry: Registry | None = None, **context: Any) -> Scores:
    """Parse each file's notes in order (one context per file, as a document) and score them."""
    registry = registry or default_registry()
    s = Scores()
    ctxs: dict[str, ParseContext] = {}
    for gn in notes:
        ctx = ctxs.setdefault(gn.file, ParseContext(registry=registry, **context))
        n = int(re.sub(r"\D", "", gn.n) or 0)
        predicted = [c for c in parse_note(Note(gn.file, n, gn.text), ctx)]
        s.notes += 1
        s.gold += len(gn.cites)
        s.unparsed += sum(c.kind == UNPARSED for c in predicted)
        usable = [c for c in predicted if c.kind != UNPARSED]
        s.predicted += len(usable)
        taken: set[int] = set()
        for g in gn.cites:
            gf = gold_fields(gn, g, ctx.registry)  # with the archives this document has named so far
            for name in gf:
                s.field_gold[name] += 1
            best = max(((i, _cover(c, g, gn.text)) for i, c in enumerate(usable) if i not in taken),
                       key=lambda pair: pair[1], default=(None, 0.0))
            if best[0] is None or best[1] < 0.5:
                continue
            taken.add(best[0])
            c = usable[best[0]]
            s.found += 1
            s.kind_right += (c.kind == g.kind) or (c.kind == FULL and g.kind == "full")
            pf = predicted_fields(c, ctx.registry)
            if "title" in pf and "container-title" not in pf and "container-title" in gf and "title" not in gf:
                # a collection cited whole ("Foreign Relations, 1937, vol. iii, p. 847"): the gold reads a
                # document of it that names no document, the parser the volume as a book; the same words
                pf["container-title"] = pf.pop("title")
            _one_page(g.type, gf, pf, printed=c.item.get("type") == "chapter" and "container-title" in c.item)
            for name, value in pf.items():
                s.field_pred[name] += 1
                if name in gf and _same(name, gf[name], value):
                    s.field_right[name] += 1
    return s


def _one_page(kind: str, gold: dict[str, Any], pred: dict[str, Any], printed: bool = False) -> None:
    """One set of pages that is both where the work is and the place cited, annotated either way, is scored
    under the name the gold gives it: a paper's one page ("…, Time, 13 July 1962, p. 89.": the corpus has the
    locator, 000 the article's pages), and the pages of a document printed in a collection ("…, Foreign
    Relations, 1950, vol. vi, p. 579": the corpus has the locator, the parser the document's pages in the
    volume, `printed`)."""
    if kind not in ("article-newspaper", "article-magazine") and not printed:
        return
    for have, want in (("locator", "pages"), ("pages", "locator")):
        if (want in gold and have not in gold and have in pred and want not in pred
                and (printed or " " not in str(pred[have])) and pred[have] == gold[want]):
            pred[want] = pred.pop(have)


def strip_marks(note: GoldNote) -> GoldNote:
    """The same note without `*` italic marks (offsets moved to match)."""
    keep = [i for i, ch in enumerate(note.text) if ch != "*"]
    new_pos = {old: new for new, old in enumerate(keep)}

    def at(i: int) -> int:
        while i < len(note.text) and i not in new_pos:
            i += 1
        return new_pos.get(i, len(keep))

    out = GoldNote(note.source, note.file, note.n, "".join(note.text[i] for i in keep))
    for c in note.cites:
        nc = GoldCite(c.type, c.kind, at(c.start), at(c.end))
        nc.segments = [type(s)(s.label, at(s.start), at(s.end)) for s in c.segments]
        out.cites.append(nc)
    return out
