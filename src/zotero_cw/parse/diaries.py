"""Diaries and appointment books a note names, as U.S. documentary notes cite them for the time of a
meeting: "Rusk's Appointment Book", "the President's Daily Diary", "Dulles' Daily Appointment Book (Princeton
University Library)", "Hagerty Diary". Each is a manuscript titled by its name as written; an archive in
brackets right after it is where it is kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOOK = r"(?:Daily\s+|Desk\s+)?(?:Appointment\s+Books?|Diary|Diaries|Calendar)(?![\w'’-])"
_KEPT = r"(?:\.?\s*\((?P<kept>[A-Z][^()\d]{2,80}?)\))?"  # no year: "(Liberty Publishing House, 2017)" is an imprint
# a keeper's possessive ("Rusk's", "Dulles'", "the President's"), or a diary by its keeper's name or initials
_DIARY = re.compile(
    rf"(?=[A-Z])(?<![\w'’-])(?:(?P<owner>President|[A-Z][a-z]+)(?:[’']s|(?<=s)[’'])\s+{_BOOK}"
    rf"|(?P<named>[A-Z][a-z]{{2,}}|[A-Z]{{2,4}})\s+(?:Diary|Diaries)(?![\w'’-])){_KEPT}")
_QUICK = re.compile(r"Appointment\s+Book|Diar(?:y|ies)|Calendar")
_NOT_NAMED = {"The", "This", "His", "Her", "Their", "Its", "Daily", "Desk", "Pocket", "War", "Official", "Personal",
              "Unpublished", "Published", "Secret", "Private", "Soviet", "American", "British", "Japanese"}


@dataclass
class Diary:
    start: int
    end: int
    title: str
    kept: str | None  # the archive named in brackets after it, as written


def find_diaries(s: str) -> list[Diary]:
    """Each diary or appointment book sentence `s` names by its keeper."""
    if not _QUICK.search(s):
        return []
    out = []
    for m in _DIARY.finditer(s):
        if m.group("named") in _NOT_NAMED:
            continue  # "The Diary", "Secret Diary": no keeper named
        before, after = s[: m.start()].rstrip()[-1:], s[m.end():].lstrip()[:1]
        then = s[m.end():].lstrip(" ,")[:1]
        if before in (",", ":") or after in (":", "(") or (after == "," and (then.isupper() or then.isdigit())):
            continue  # part of a fuller reference ("Whitman File, Eisenhower Diaries"; "Fish Diary, March 30, …")
        end = m.end("kept") + 1 if m.group("kept") else m.end()
        title = s[m.start(): m.start("kept")].rstrip(" .(") if m.group("kept") else s[m.start(): end]
        out.append(Diary(m.start(), end, " ".join(title.split()), m.group("kept")))
    return out
