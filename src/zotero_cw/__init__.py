"""zotero-cw: footnotes of history articles to CSL-JSON, Chicago notes and a Zotero group library."""

__version__ = "0.1.0"
