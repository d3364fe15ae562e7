"""Note text → citations (pure functions). See `parse_note` (one note) and `parse_notes` (a document's notes)."""

from zotero_cw.parse.documents import archival_item
from zotero_cw.parse.notes import ParseContext, parse_note, parse_notes, prefetch

__all__ = ["ParseContext", "archival_item", "parse_note", "parse_notes", "prefetch"]
