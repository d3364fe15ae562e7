"""Text helpers of notes: signal phrases, markup removal, word counts; sentence splitting (`split_sentences`,
in `zotero_cw.text.sentences`: it respects abbreviations, quotes and italics)."""

from __future__ import annotations

import re

from zotero_cw.text.sentences import split_sentences

__all__ = ["PARENTHETICAL_SIGNAL", "REMARK", "SIGNAL", "STATUS_WORDS", "split_sentences", "strip_markup", "words"]

# Signal phrases that introduce a citation; they go to its prefix.
SIGNAL = re.compile(r"\b(?:[Ss]ee(?:,?\s+also)?\b|[Cc]f\.|[Cc]ompare\b|[Ff]or\s+(?:example|instance)\b"
                    r"|[Ee]\.g\.|[Сс]м\.(?:\s+также)?:?|[Цц]ит\.\s+по:?|[Сс]р\.:?)")  # "См.:", "Цит. по:", "Ср."
# Signal phrases that stand between commas inside a clause ("This can be seen, for example, in"), and the
# ones that begin a clause of their own ("On trade, see").
# a work not out yet: "The Unfinished Book (forthcoming)"
STATUS_WORDS = r"forthcoming|in press|unpublished|в печати"
PARENTHETICAL_SIGNAL = re.compile(r"[Ff]or\s+(?:example|instance)|[Ee]\.g\.")
# the author's remark on a quotation after what is cited: ", emphasis mine.", ", translation slightly modified"
REMARK = re.compile(
    r",\s*(?P<r>(?:(?:my|our)\s+)?(?:emphasis|italics)(?:\s+(?:mine|added|original|in\s+(?:the\s+)?original|his|hers))?"
    r"|my\s+translation|translation\s+(?:slightly\s+)?(?:modified|altered|amended|revised|mine)|respectively)"
    r"(?=\s*[.;,)]|\s*$)", re.IGNORECASE)


def strip_markup(text: str) -> str:
    """Remove *italic* markers and squeeze spaces."""
    return " ".join(text.replace("*", "").split())


def words(text: str) -> int:
    return len(text.split())
