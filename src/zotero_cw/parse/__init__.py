"""Note text → citations (pure functions). See `parse_note`."""

from zotero_cw.parse.notes import ParseContext, archival_item, parse_note

__all__ = ["ParseContext", "archival_item", "parse_note"]
