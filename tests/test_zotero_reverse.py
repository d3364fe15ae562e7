"""Zotero JSON → CSL through mapping's tables in reverse: what sync writes comes back, and back again unchanged."""

from __future__ import annotations

from zotero_cw.zotero import mapping
from zotero_cw.zotero.reverse import csl_date, zotero_to_csl

SCHEMAS = {
    "book": mapping.TypeSchema(frozenset({"title", "publisher", "place", "date", "series", "edition", "ISBN",
                                          "language", "extra", "shortTitle", "url", "numPages", "volume"}),
                               ("author", "editor", "translator", "contributor")),
    "journalArticle": mapping.TypeSchema(frozenset({"title", "publicationTitle", "volume", "issue", "pages", "date",
                                                    "DOI", "ISSN", "extra", "journalAbbreviation", "language"}),
                                         ("author", "editor", "contributor")),
    "manuscript": mapping.TypeSchema(frozenset({"title", "manuscriptType", "place", "date", "archive",
                                                "archiveLocation", "extra", "language"}), ("author", "contributor")),
    "document": mapping.TypeSchema(frozenset({"title", "publisher", "date", "extra"}), ("author", "contributor")),
    # the statute's fields as the Zotero schema lists them (no "title": its title is nameOfAct)
    "statute": mapping.TypeSchema(frozenset({"nameOfAct", "abstractNote", "code", "codeNumber", "publicLawNumber",
                                             "dateEnacted", "pages", "section", "session", "history", "extra"}),
                                  ("author", "contributor")),
}

ITEMS = [
    {"id": "hasegawa2005racing", "type": "book", "title": "Racing the Enemy", "publisher": "Harvard University Press",
     "publisher-place": "Cambridge, MA", "issued": {"date-parts": [[2005]]}, "ISBN": "9780674016934",
     "author": [{"family": "Hasegawa", "given": "Tsuyoshi"}], "editor": [{"literal": "Harvard Cold War Studies"}]},
    {"id": "zubok1993soviet", "type": "article-journal", "title": "Soviet Intelligence", "volume": "17",
     "issue": "3", "page": "453–472", "container-title": "Diplomatic History", "issued": {"date-parts": [[1993, 7]]},
     "author": [{"family": "Zubok", "given": "Vladislav"}]},
    {"id": "rgaspi1961record", "type": "manuscript", "title": "Record of a conversation", "archive": "RGASPI",
     "archive_location": "F. 84, Op. 3, D. 36", "archive-place": "Moscow", "issued": {"date-parts": [[1961, 8, 16]]},
     "custom": {"archival": {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "36"}}},
    {"id": "agreement1959", "type": "legislation", "title": "the 1959 agreement", "container-title": "UST",
     "volume": "10", "page": "1934"},
]


def test_what_sync_writes_comes_back_as_the_same_csl():
    for item in ITEMS:
        data = mapping.csl_to_zotero(item, SCHEMAS).data
        back = zotero_to_csl(data, "ABCD2345", 9)
        assert back["custom"]["zotero_cw_id"] == item["id"]
        assert back["custom"]["zotero_key"] == "ABCD2345" and back["custom"]["zotero_version"] == 9
        assert {k: v for k, v in back.items() if k not in ("id", "custom")} == \
            {k: v for k, v in item.items() if k not in ("id", "custom")}
        if "archival" in (item.get("custom") or {}):
            assert back["custom"]["archival"] == item["custom"]["archival"]


def test_a_statute_or_treaty_goes_into_zoteros_own_statute_fields():
    treaty = {"id": "ust", "type": "treaty", "title": "the 1958 agreement", "container-title": "UST", "volume": "9",
              "page": "13", "number": "85-477"}
    data = mapping.csl_to_zotero(treaty, SCHEMAS).data
    assert data["itemType"] == "statute"
    assert (data["nameOfAct"], data["code"], data["codeNumber"], data["pages"], data["publicLawNumber"]) == \
        ("the 1958 agreement", "UST", "9", "13", "85-477")
    assert data["extra"] == "zotero-cw-id: ust"  # nothing carried in Extra
    back = zotero_to_csl(data, "ABCD2345", 1)
    assert back["type"] == "legislation"  # as Zotero itself exports a statute
    assert (back["title"], back["container-title"], back["volume"], back["page"]) == ("the 1958 agreement", "UST",
                                                                                      "9", "13")


def test_a_colleagues_item_maps_back_to_the_same_zotero_fields():
    entered = {"itemType": "book", "title": "The Soviet Union and the Korean War", "publisher": "Wilson Center",
               "place": "Washington", "date": "March 1996", "creators": [
                   {"creatorType": "author", "firstName": "Vojtech", "lastName": "Mastny"},
                   {"creatorType": "editor", "name": "CWIHP"}],
               "extra": "Original Title: Sovetskii Soiuz\nread in the reading room"}
    csl = zotero_to_csl(entered, "K2345678", 3)
    assert csl["issued"] == {"raw": "March 1996"} and csl["original-title"] == "Sovetskii Soiuz"
    assert csl["note"] == "read in the reading room"
    again = mapping.csl_to_zotero({**csl, "id": "mastny1996soviet"}, SCHEMAS).data
    for field in ("itemType", "title", "publisher", "place", "date", "creators"):
        assert again[field] == entered[field], field
    assert "Original Title: Sovetskii Soiuz" in again["extra"] and "read in the reading room" in again["extra"]


def test_notes_attachments_and_dates():
    assert zotero_to_csl({"itemType": "note", "note": "x"}, "K") is None
    assert zotero_to_csl({"itemType": "attachment"}, "K") is None
    assert csl_date("1950-01-19") == {"date-parts": [[1950, 1, 19]]}
    assert csl_date("1950/1953") == {"date-parts": [[1950], [1953]]}
    assert csl_date("ca. 1950") == {"date-parts": [[1950]], "circa": True}
    assert csl_date("") is None
    assert zotero_to_csl({"itemType": "book", "title": "x", "deleted": 1}, "K")["custom"]["zotero_deleted"] is True
