"""CSL ↔ BibTeX / BibLaTeX / RIS: the tables both directions read (data, no logic)."""

from __future__ import annotations

# CSL type → (BibTeX type, BibLaTeX type); reading back, the first CSL type naming an entry type wins.
BIB_TYPES: dict[str, tuple[str, str]] = {
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "report": ("techreport", "report"),
    "thesis": ("phdthesis", "thesis"),
    "manuscript": ("unpublished", "unpublished"),
    "letter": ("misc", "letter"),
    "webpage": ("misc", "online"),
    "entry-encyclopedia": ("incollection", "inreference"),
    "document": ("misc", "misc"),
}
BIB_TYPES_BACK = {"book": "book", "incollection": "chapter", "inbook": "chapter", "article": "article-journal",
                  "inproceedings": "paper-conference", "conference": "paper-conference", "techreport": "report",
                  "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
                  "unpublished": "manuscript", "letter": "letter", "online": "webpage",
                  "inreference": "entry-encyclopedia",
                  "misc": "document", "collection": "book", "proceedings": "book"}

# CSL variable → (BibTeX field, BibLaTeX field); None = not written in that dialect.
BIB_FIELDS: dict[str, tuple[str | None, str | None]] = {
    "title": ("title", "title"),
    "volume": ("volume", "volume"),
    "issue": ("number", "number"),
    "page": ("pages", "pages"),
    "edition": ("edition", "edition"),
    "publisher": ("publisher", "publisher"),
    "publisher-place": ("address", "location"),
    "collection-title": ("series", "series"),
    "DOI": ("doi", "doi"),
    "URL": ("url", "url"),
    "ISBN": ("isbn", "isbn"),
    "ISSN": ("issn", "issn"),
    "language": (None, "langid"),
    "abstract": ("abstract", "abstract"),
    "note": ("note", "note"),
    "genre": ("type", "type"),
    "number": ("number", "number"),
}
# where container-title goes, by BibTeX entry type
CONTAINER_FIELD = {"article": ("journal", "journaltitle"), "incollection": ("booktitle", "booktitle"),
                   "inproceedings": ("booktitle", "booktitle"), "inreference": ("booktitle", "booktitle")}
BIB_NAMES = {"author": "author", "editor": "editor", "translator": "translator"}
# Archive and place in it: BibLaTeX's `library` ("a library name and a call number"); BibTeX has no field, so
# it is written as `archive` / `archive_location` (as Better BibTeX does) and the renderer-facing `note`.
ARCHIVE_FIELDS = ("archive", "archive_location")

# RIS (rispy keys)
RIS_TYPES = {"book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "article-magazine": "MGZN",
             "article-newspaper": "NEWS", "manuscript": "MANSCPT", "letter": "PCOMM", "report": "RPRT",
             "thesis": "THES", "webpage": "ELEC", "paper-conference": "CONF", "document": "GEN",
             "entry-encyclopedia": "ENCYC"}
RIS_TYPES_BACK = {v: k for k, v in RIS_TYPES.items()} | {"GEN": "document", "JFULL": "article-journal",
                                                         "EJOUR": "article-journal", "EBOOK": "book",
                                                         "ECHAP": "chapter", "UNPB": "manuscript"}
RIS_FIELDS = {"title": "title", "container-title": "secondary_title", "collection-title": "tertiary_title",
              "volume": "volume", "issue": "number", "publisher": "publisher", "publisher-place": "place_published",
              "edition": "edition", "DOI": "doi", "ISBN": "issn", "language": "language", "abstract": "abstract",
              "title-short": "short_title", "archive": "name_of_database", "archive_location": "accession_number",
              "call-number": "call_number", "number-of-volumes": "number_of_volumes", "section": "section"}
RIS_NAMES = {"author": "authors", "editor": "secondary_authors", "translator": "translated_author"}
