"""U.S. Army correspondence as the Army's official histories cite it: the kind of paper abbreviated, writer to (or
for) addressee, the day ("12 Jan 44"), the subject, the Army file — "Ltr, TAG to CG Hawaiian Dept, 12 Jan 44,
sub: Defense of Oahu, AG 381 (12-27-40).", "Memo, ACofS WPD for CofS, 3 Feb 41, sub: Reinforcement of Hawaii, WPD
4402-136.", "Rad, MacArthur to Marshall, No. 1004, 27 Dec 41, CM-IN 2231." Each is a manuscript: its description
and subject the title, its day the date (as written: a two-digit year's century would be a guess), its file the
file; no archive is named, so none is given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from zotero_cw.archives import ArchivalRef
from zotero_cw.parse.dates import DATE, DAY_AS_WRITTEN, literal_date, parse_date

# the Army's abbreviations for its papers (letter, memorandum, memorandum for record, radiogram, message,
# cablegram, telegram, teletype, minutes, report, indorsement, interview)
_PAPER = (r"(?:[Ll]tr|[Mm]emo(?:\s+for\s+(?:Record|Rcd|rcd))?|MFR|[Rr]ad|[Mm]sg|[Cc]bl|[Tt]elg|TWX|Min|Rpt"
          r"|(?:\d+(?:st|d|nd|rd|th)\s+)?Ind)")  # (after a signal or ";" in small letters: "see also ltr, …")
# an Army file designation: its office's letters, then the file's number ("AG 381 (12-27-40)", "WPD 4402-136",
# "OPD 381 PTO (12 Jan 44)", "CM-IN 2231", "G-3 Jnl")
_FILE = (r"(?:[A-Z][A-Z0-9]{1,5}(?:-[A-Z0-9]{1,4})?|(?:[A-Z][a-z]+\s+){1,4}[A-Z][a-z]+)"  # ("Military Intelligence
         r"\s+\d[\w./–-]*(?:\s?[–-]\s?\d+)*(?:\s+[A-Z]{2,5})?(?:\s*\([^()]{1,30}\))?"  # Division 10641-374-50")
         r"(?:\s+[A-Z][\w]*){0,3}")
_ARMY = re.compile(
    # the parties, one comma among them ("Chief, Hist Div SSUSA to G-2 GHQ FEC")
    rf"(?<![\w-])(?P<desc>{_PAPER},?\s+(?P<parties>[A-Z][^,;:()]{{0,80}}?(?:,\s*[A-Z][^,;:()]{{0,60}}?\s(?:to|for)\s"
    rf"[^,;:()]{{1,60}}?)?))"
    rf"(?:,\s*(?P<number>No\.\s*[\w-]+))?"
    rf",\s*(?P<date>{DATE}|{DAY_AS_WRITTEN})"
    rf"(?:,\s*sub(?:j(?:ect)?)?:\s*(?P<sub>[^;]{{1,160}}?))?"
    rf"(?:,\s*(?P<file>{_FILE}))?(?=\s*(?:[;)]|\.\s|\.?$)|,\s*(?:in|copy\s+in)\s)")
_QUICK = re.compile(rf"(?<![\w-]){_PAPER},?\s+[A-Z]")  # what every match starts with: tested first


@dataclass
class ArmyPaper:
    start: int
    end: int
    item: dict[str, Any]
    ref: ArchivalRef | None


def find_army_papers(s: str) -> list[ArmyPaper]:
    out: list[ArmyPaper] = []
    if not _QUICK.search(s):
        return out
    for m in _ARMY.finditer(s):
        title = m.group("desc").strip()
        if m.group("sub"):
            title += f", sub: {m.group('sub').strip()}"
        item: dict[str, Any] = {"type": "manuscript", "title": title}
        issued = parse_date(m.group("date")) or literal_date(m.group("date"))
        if issued:
            item["issued"] = issued
        file = (m.group("file") or "").strip().rstrip(".")
        ref = ArchivalRef(None, None, delo=file, extra={"notation": "as-written", "location": file}) if file else None
        out.append(ArmyPaper(m.start(), m.end(), item, ref))
    return out
