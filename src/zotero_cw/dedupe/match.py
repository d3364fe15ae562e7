"""Is this the same work? Pure functions over `Normalized` works: evidence, or a reason to keep apart."""

from __future__ import annotations

from zotero_cw.dedupe.normalize import Normalized, compatible_text, name_eq, overlap
from zotero_cw.models import FILE_LEVELS, ArchivalLocation


def _title_evidence(a: Normalized, b: Normalized) -> str | None:
    if a.title == b.title:
        return "same title"
    if compatible_text(a.title, b.title):
        return "one title is a short form of the other (subtitle or volume title missing)"
    return None


def conflict(a: Normalized, b: Normalized) -> str | None:
    """A hard reason why two items cannot be one work (None if nothing contradicts)."""
    if (a.archival is None) != (b.archival is None):
        return "archival vs published"
    if a.archival and b.archival and a.archival != b.archival:
        return "different archival file"
    if a.date and b.date and a.date[: len(b.date)] != b.date[: len(a.date)]:
        return f"different dates {_d(a.date)} / {_d(b.date)}"
    if a.year and b.year and a.year != b.year:
        return f"different years {a.year} / {b.year}"
    if a.archival:
        if a.title and b.title and not compatible_text(a.title, b.title):
            if not (a.leaves & b.leaves and overlap(a.title, b.title) >= 0.5):
                return "different descriptions"
        return None
    if a.volume and b.volume and a.volume != b.volume:
        return f"different volumes {a.volume} / {b.volume}"
    if a.issue and b.issue and a.issue != b.issue:
        return f"different issues {a.issue} / {b.issue}"
    if a.pages and b.pages and not a.pages & b.pages:
        return "page ranges do not overlap"
    if a.container and b.container and not compatible_text(a.container, b.container):
        return "different containers"
    if a.names and b.names and not name_eq(a.names[0], b.names[0]):
        return "different authors"
    if a.title and b.title and not compatible_text(a.title, b.title):
        return "different titles"
    return None


def match(a: Normalized, b: Normalized) -> list[str] | None:
    """Evidence that a and b are the same work, or None."""
    if conflict(a, b):
        return None
    if a.archival:
        return _match_archival(a, b)
    why = _title_evidence(a, b)
    if why is None:
        return None
    evidence = [why]
    if a.names and b.names:
        evidence.append(f"author: {name_eq(a.names[0], b.names[0])}")
    elif a.title != b.title and min(len(a.title), len(b.title)) < 3:
        return None  # a short title with no author to confirm it is too weak
    if a.year and a.year == b.year:
        evidence.append(f"same year {a.year}")
    if a.volume and a.volume == b.volume:
        evidence.append(f"same volume {a.volume}")
    elif bool(a.volume) != bool(b.volume):
        evidence.append("volume given in one only")
    if a.container and b.container:
        evidence.append("same container" if a.container == b.container else "container abbreviated")
    if a.publisher and b.publisher:
        evidence.append("same publisher" if a.publisher == b.publisher else
                        "publisher variant" if compatible_text(a.publisher, b.publisher) else
                        "different publisher names")
    if a.place and a.place == b.place:
        evidence.append(f"same place {a.place}")
    return evidence


def _match_archival(a: Normalized, b: Normalized) -> list[str] | None:
    where = ArchivalLocation(*a.archival).describe(FILE_LEVELS) if a.archival else ""  # the levels it has
    ev = [f"same file {where}"]
    shared = a.leaves & b.leaves
    if a.date and a.date == b.date:
        ev.append(f"same date {_d(a.date)}")
    if a.title and b.title:
        if compatible_text(a.title, b.title):
            ev.append("same description" if a.title == b.title else "description shortened")
        elif shared and overlap(a.title, b.title) >= 0.5:
            ev.append("similar description")
        else:
            return None
    elif a.title or b.title:
        return None  # a bare reference cites the file; a described document is one item in it
    else:
        ev.append("no description: the file itself")
    if shared:
        ev.append("same leaf " + ", ".join(map(str, sorted(shared)[:3])))
    return ev


def _d(parts: tuple[int, ...]) -> str:
    """ISO-style date: 1961-01-20, 1961-08, 1961."""
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
