"""The text before a citation (its lead): a signal phrase and a short lead-in are its prefix ("See", "As argued
in", "This can be seen, for example, in"); longer text is commentary, no citation."""

from __future__ import annotations

import re

from zotero_cw.parse.text import PARENTHETICAL_SIGNAL, SIGNAL, words

# a bare conjunction joining two citations ("…, Ll. 90–94; and RGAE, …"): the separator's job, not a prefix
AND_OR = re.compile(r"^(?:[;,]\s*)?(?:and|or)(?:\s+|$)")
_CLAUSE_BREAK = re.compile(r"[.?!;:]")
_SENTENCE_MARK = re.compile(r"[.?!]")


def prefix_start(text: str, first: re.Match[str]) -> int:
    """Where a prefix holding signal phrase `first` starts: at the signal, or at the start of `text` when the
    signal is a parenthetical ("for example") between commas in one short clause that has no clause-opening
    signal ("This can be seen, for example, in") — the words before it belong to the same lead-in."""
    before = text[: first.start()].rstrip()
    if not (before.endswith(",") and PARENTHETICAL_SIGNAL.fullmatch(first.group())):
        return first.start()
    if _CLAUSE_BREAK.search(text.replace(first.group(), "")):
        return first.start()
    if any(not PARENTHETICAL_SIGNAL.fullmatch(m.group()) for m in SIGNAL.finditer(text)):
        return first.start()  # "On trade, for example, see": the clause the citation belongs to starts at "see"
    return 0 if words(text) - words(first.group()) <= 8 else first.start()


def lead_parts(lead: str) -> tuple[str | None, str]:
    """Split the text before a citation into (prefix, rest): a short lead-in ("As argued in", "This can be
    seen, for example, in") is the prefix; otherwise the first signal phrase and what follows it ("see the
    materials in"). A bare "and" / "or" joining two citations is dropped."""
    text = lead.strip()
    text = AND_OR.sub("", text).strip(" ;,")
    if not text:
        return None, ""
    first = SIGNAL.search(text)
    if first:
        return text[prefix_start(text, first):].strip(" ,") or None, text[first.end():].strip(" ,")
    if words(text) <= 8 and not _SENTENCE_MARK.search(text):
        return text, ""
    return None, text
