"""Pinpoint locators ("p. 215", "pp. 314–324", "ch. 3", "Ll. 58–61, 63–64") → (locator, CSL label)."""

from __future__ import annotations

import re

LABELS = {
    "p.": "page", "pp.": "page", "ch.": "chapter", "chap.": "chapter", "chaps.": "chapter",
    "l.": "folio", "ll.": "folio", "fol.": "folio", "fols.": "folio", "n.": "note", "nn.": "note",
    "sec.": "section", "para.": "paragraph", "col.": "column", "cols.": "column", "fig.": "figure",
    "vol.": "volume", "pt.": "part",
}
_NUMBER = r"(?:\d+[a-z]?|[ivxlcdm]+\b|[IVXLCDM]+\b)"
_RANGE = rf"{_NUMBER}(?:\s*(?:ob\.)?\s*[–-]\s*{_NUMBER})?(?:\s*ob\.)?"
_LABEL = r"(?:pp?|chaps?|ch|Ll?|ll?|fols?|nn?|sec|para|cols?|fig)\."
LOCATOR = rf"(?P<label>{_LABEL})\s*(?P<loc>{_RANGE}(?:,\s*{_RANGE}(?![\w.]))*)"
LOCATOR_RE = re.compile(LOCATOR)
# pages of a work (an article's extent): "pp. 51–71"
PAGES = rf"{_RANGE}(?:,\s*{_RANGE}(?![\w.]))*"


def clean_range(text: str) -> str:
    """Normalise a locator: en dash between numbers, ", " between ranges."""
    text = re.sub(r"\s*[–-]\s*", "–", text.strip())
    return re.sub(r"\s*,\s*", ", ", text)


def label_of(word: str) -> str:
    return LABELS.get(word.lower(), "page")


def parse_locator(text: str) -> tuple[str, str] | None:
    """("215", "page") for "p. 215"; None when the text is not a locator."""
    m = LOCATOR_RE.fullmatch(text.strip().rstrip("."))
    if not m:
        return None
    return clean_range(m.group("loc")), label_of(m.group("label"))
