"""Pinpoint locators ("p. 215", "pp. 314–324", "ch. 3", "Ll. 58–61, 63–64") → (locator, CSL label)."""

from __future__ import annotations

import re

from zotero_cw.text import clean_range

LABELS = {
    "p.": "page", "pp.": "page", "ch.": "chapter", "chap.": "chapter", "chaps.": "chapter",
    "l.": "folio", "ll.": "folio", "fol.": "folio", "fols.": "folio", "n.": "note", "nn.": "note",
    "sec.": "section", "para.": "paragraph", "col.": "column", "cols.": "column", "fig.": "figure",
    "vol.": "volume", "pt.": "part", "с.": "page", "сс.": "page", "л.": "folio", "лл.": "folio",
    "ark.": "folio", "арк.": "folio",  # Ukrainian аркуш (leaf)
}
# labels spelled out before the number: "Appendix 2", "Table 4", "Chapter III"
SPELLED = {"appendix": "appendix", "app.": "appendix", "annex": "appendix", "table": "table", "chapter": "chapter",
           "part": "part", "section": "section", "figure": "figure"}
LABELS.update(SPELLED)
_NUMBER = r"(?:\d+[a-z]?|[ivxlcdm]+\b|[IVXLCDM]+\b)"
_RANGE = rf"{_NUMBER}(?:\s*(?:ob\.)?\s*[–-]\s*{_NUMBER})?(?:\s*ob\.)?"
_LABEL = r"(?:pp?|chaps?|ch|Ll?|ll?|fols?|nn?|sec|para|cols?|fig)\."
LOCATOR = rf"(?P<label>{_LABEL})\s*(?P<loc>{_RANGE}(?:,\s*{_RANGE}(?![\w.]))*)"
LOCATOR_RE = re.compile(LOCATOR)
# pages of a work (an article's extent): "pp. 51–71"
PAGES = rf"{_RANGE}(?:,\s*{_RANGE}(?![\w.]))*"
# Page numbers with no label, as Chicago short notes print them: "14", "15–16", "3, 7–9". Not a lone year.
_BARE_NUM = r"\d+[a-z]?(?:\s*[–-]\s*\d+[a-z]?)?"
BARE = (rf"(?P<bare>(?!(?:1[5-9]|20)\d\d\b(?!\s*[–-])){_BARE_NUM}(?:,\s*{_BARE_NUM})*)"
        r"(?=\s*(?:[.;,)]|$))")

__all__ = ["BARE", "LABELS", "LOCATOR", "LOCATOR_RE", "PAGES", "SPELLED", "clean_range", "label_of", "match_locator",
           "parse_locator"]


def label_of(word: str) -> str:
    return LABELS.get(word.lower(), "page")


def match_locator(m: re.Match[str]) -> tuple[str | None, str | None]:
    """(locator, label) from a match holding a LOCATOR (groups loc, label) or a BARE number (group bare)."""
    groups = m.groupdict()
    if groups.get("loc"):
        return clean_range(groups["loc"]), label_of(groups["label"])
    if groups.get("bare"):
        return clean_range(groups["bare"]), "page"
    return None, None


def parse_locator(text: str) -> tuple[str, str] | None:
    """("215", "page") for "p. 215"; None when the text is not a locator."""
    m = LOCATOR_RE.fullmatch(text.strip().rstrip("."))
    if not m:
        return None
    return clean_range(m.group("loc")), label_of(m.group("label"))
