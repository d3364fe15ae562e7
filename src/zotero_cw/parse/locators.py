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
_NUMBER = r"(?:\d+(?:[a-z](?![a-z]))?|[ivxlcdm]+\b|[IVXLCDM]+\b)"  # "12", "12a"; not the "o" of "12ob."
_OB = r"(?:\s*ob\b\.?)"  # the verso of a Russian leaf: "l. 12ob.", "ll. 5 ob.–7"
_RANGE = rf"{_NUMBER}(?:{_OB}?\s*[–-]\s*{_NUMBER})?{_OB}?"
# a further range of a list: "pp. 45–46, 50." — a number may end the sentence; a lone letter may not (", d. 12"
# is a file, ", l. 3" a leaf, not roman numerals)
_MORE = rf",\s*{_RANGE}(?:(?![\w.])|(?<=\d)(?=\.(?:\s|$)))"
_LABEL = r"(?:pp?|chaps?|ch|Ll?|ll?|fols?|nn?|sec|para|cols?|fig)\."
LOCATOR = rf"(?P<label>{_LABEL})\s*(?P<loc>{_RANGE}(?:{_MORE})*)"
LOCATOR_RE = re.compile(LOCATOR)
# pages of a work (an article's extent): "pp. 51–71"
PAGES = rf"{_RANGE}(?:{_MORE})*"
# Page numbers with no label, as Chicago short notes print them: "14", "15–16", "3, 7–9". Not a lone year.
_BARE_NUM = r"\d+[a-z]?(?:\s*[–-]\s*\d+[a-z]?)?"
BARE = (rf"(?P<bare>(?!(?:1[5-9]|20)\d\d\b(?!\s*[–-])){_BARE_NUM}(?:,\s*{_BARE_NUM})*)"
        r"(?=\s*(?:[.;,)]|$))")

# after "ibid." a locator may run on through several parts, kept as written: "no. 25, note 2", "45, n. 3",
# "doc. 12, pp. 45–46", "1945, no. 3, p. 4" (a year only before a labelled part)
PART_LABEL = rf"(?:{_LABEL}|[Nn]os?\.|[Dd]ocs?\.|notes?\b|[Vv]ols?\.|pts?\.|arts?\.|items?\b|tab\.)"
_PART = rf"{PART_LABEL}\s*{_RANGE}(?:{_MORE})*"
_YEAR = r"(?:1[5-9]|20)\d\d"
CHAIN = (rf"(?:{_PART}|(?!{_YEAR}\b(?!\s*[–-])){_BARE_NUM}(?:{_MORE})*|{_YEAR}(?=,\s*{PART_LABEL}\s*\d))"
         rf"(?:(?:,\s*|\s+){_PART})*(?=\s*(?:[.;,)]|\((?!\d)|$))")  # "Ibid., 77, 80 (emphasis added)"
_FIRST_LABEL = re.compile(rf"(?P<label>{PART_LABEL})\s*")

__all__ = ["BARE", "CHAIN", "LABELS", "LOCATOR", "LOCATOR_RE", "PAGES", "PART_LABEL", "SPELLED", "chain_locator",
           "clean_range", "label_of", "match_locator", "parse_locator"]


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


def chain_locator(text: str) -> tuple[str, str]:
    """(locator, label) of a CHAIN: "p. 25, note 2" → ("25, note 2", "page"); a chain that starts with a
    number or with a label CSL has no term for is kept whole: "no. 25, note 2" → ("no. 25, note 2", "page")."""
    m = _FIRST_LABEL.match(text)
    if m and m.group("label").lower() in LABELS:
        return clean_range(text[m.end():]), label_of(m.group("label"))
    return clean_range(text), "page"
