"""Sync the local library into a Zotero group library (issue #6): mapping, planning and HTTP."""
