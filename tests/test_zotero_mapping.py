"""CSL → Zotero mapping and three-way merge (pure functions, no server)."""

from __future__ import annotations

import re

from zotero_cw.zotero import mapping, plan
from zotero_cw.zotero.mapping import TypeSchema
from zotero_cw.zotero.templates import load_schemas
from zotero_server import sample_items

# A slice of Zotero's schema: enough to check that nothing outside it is ever produced.
COMMON = {"title", "abstractNote", "date", "url", "accessDate", "language", "shortTitle", "rights", "extra"}
ARCH = {"archive", "archiveLocation", "libraryCatalog", "callNumber"}
SCHEMAS = {
    "book": TypeSchema(frozenset(COMMON | ARCH | {"publisher", "place", "edition", "numPages", "series", "ISBN"}),
                       ("author", "contributor", "editor", "translator", "seriesEditor")),
    "bookSection": TypeSchema(frozenset(COMMON | ARCH | {"bookTitle", "publisher", "place", "pages"}),
                              ("author", "contributor", "editor", "bookAuthor", "translator")),
    "journalArticle": TypeSchema(frozenset(COMMON | ARCH | {"publicationTitle", "volume", "issue", "pages", "DOI"}),
                                 ("author", "contributor", "editor", "translator", "reviewedAuthor")),
    "magazineArticle": TypeSchema(frozenset(COMMON | ARCH | {"publicationTitle", "volume", "issue", "pages"}),
                                  ("author", "contributor", "translator")),
    "newspaperArticle": TypeSchema(frozenset(COMMON | ARCH | {"publicationTitle", "section", "pages", "place"}),
                                   ("author", "contributor", "translator")),
    "manuscript": TypeSchema(frozenset(COMMON | ARCH | {"manuscriptType", "place", "numPages"}),
                             ("author", "contributor", "translator")),
    "letter": TypeSchema(frozenset(COMMON | ARCH | {"letterType"}), ("author", "recipient", "contributor")),
    "report": TypeSchema(frozenset(COMMON | ARCH | {"reportNumber", "reportType", "seriesTitle", "institution",
                                                    "place", "pages"}), ("author", "editor", "seriesEditor")),
    "webpage": TypeSchema(frozenset(COMMON | {"websiteTitle", "websiteType"}), ("author", "contributor")),
    "forumPost": TypeSchema(frozenset(COMMON | {"forumTitle", "postType"}), ("author", "contributor")),
    "document": TypeSchema(frozenset(COMMON | ARCH | {"publisher"}), ("author", "contributor", "editor")),
}


def by_id() -> dict[str, dict]:
    return {it["id"]: it for it in sample_items()}


def test_every_sample_type_maps_to_the_right_item_type_with_valid_fields_only():
    expected = {"book": "book", "chapter": "bookSection", "article-journal": "journalArticle",
                "article-magazine": "magazineArticle", "article-newspaper": "newspaperArticle",
                "manuscript": "manuscript", "letter": "letter", "report": "report", "post": "forumPost",
                "document": "document"}
    for item in sample_items():
        data = mapping.csl_to_zotero(item, SCHEMAS).data
        assert data["itemType"] == expected[item["type"]], item["id"]
        schema = SCHEMAS[data["itemType"]]
        invalid = set(data) - schema.fields - {"itemType", "creators"}
        assert not invalid, (item["id"], invalid)
        for c in data.get("creators", []):
            assert c["creatorType"] in schema.creator_types, (item["id"], c)


def test_manuscript_keeps_archive_fields_and_carries_the_rest_in_extra():
    data = mapping.csl_to_zotero(by_id()["rgaspi-84-3-36"], SCHEMAS).data
    assert data["archive"] == "Russian State Archive of Socio-Political History (RGASPI)"
    assert data["archiveLocation"] == "F. 84, Op. 3, D. 36"
    assert data["date"] == "1950-01-19"
    lines = data["extra"].splitlines()
    assert "Archive Place: Moscow" in lines
    assert "Original Title: Shifrotelegramma" in lines
    assert ["Fond: 84", "Opis: 3", "Delo: 36"] == [ln for ln in lines if ln.split(":")[0] in ("Fond", "Opis", "Delo")]
    assert lines[-1] == "zotero-cw-id: rgaspi-84-3-36"


def test_chapter_report_letter_post_and_frus_document():
    items = by_id()
    chapter = mapping.csl_to_zotero(items["gaddis1997chapter"], SCHEMAS).data
    assert chapter["bookTitle"] == "The Origins of the Cold War"
    assert [c["creatorType"] for c in chapter["creators"]] == ["author", "editor"]
    report = mapping.csl_to_zotero(items["mastny1996cwihp"], SCHEMAS).data
    assert (report["seriesTitle"], report["reportNumber"], report["institution"]) == (
        "CWIHP Working Paper", "8", "Woodrow Wilson Center")
    letter = mapping.csl_to_zotero(items["kennan1946letter"], SCHEMAS).data
    assert {"creatorType": "recipient", "firstName": "James", "lastName": "Byrnes"} in letter["creators"]
    post = mapping.csl_to_zotero(items["hdiplo2019roundtable"], SCHEMAS).data
    assert post["forumTitle"] == "H-Diplo" and "archive" not in post
    assert "Archive Place: online" in post["extra"].splitlines()
    assert post["accessDate"] == "2020-05-01"
    frus = mapping.csl_to_zotero(items["frus1950v7doc86"], SCHEMAS).data
    assert "Container Title: Foreign Relations of the United States, 1950, Korea, Volume VII" in frus["extra"]


def test_field_missing_from_the_server_schema_goes_to_extra_not_to_the_item():
    small = dict(SCHEMAS)
    small["webpage"] = TypeSchema(frozenset({"title", "extra"}), ("author",))
    item = {"id": "w1", "type": "webpage", "title": "T", "container-title": "Site", "archive": "A",
            "author": [{"family": "Doe", "given": "J"}], "translator": [{"literal": "Agency"}]}
    mapped = mapping.csl_to_zotero(item, small)
    assert set(mapped.data) == {"itemType", "title", "extra", "creators"}
    assert {"container-title", "archive"} <= set(mapped.moved_to_extra)
    assert mapped.data["creators"][1] == {"creatorType": "author", "name": "Agency"}


def test_unknown_csl_type_becomes_document_and_dates_are_iso():
    data = mapping.csl_to_zotero({"id": "x", "type": "hearing", "title": "H",
                                  "issued": {"date-parts": [[1951, 5], [1951, 6]]}}, SCHEMAS).data
    assert data["itemType"] == "document"
    assert data["date"] == "1951-05/1951-06"
    assert mapping.csl_date({"literal": "spring 1950"}) == "spring 1950"


def test_keys_are_stable_valid_zotero_keys_and_collections_nest():
    key = mapping.zotero_key("item", "rgaspi-84-3-36")
    assert re.fullmatch(r"[23456789ABCDEFGHIJKLMNPQRSTUVWXYZ]{8}", key)
    assert key == mapping.zotero_key("item", "rgaspi-84-3-36")
    assert key != mapping.zotero_key("note", "rgaspi-84-3-36")
    paths = mapping.collection_paths(sample_items())
    assert ("Archives",) in paths and ("Archives", "RGASPI", "F. 84", "Op. 3", "D. 36") in paths
    assert paths.index(("Archives",)) < paths.index(("Archives", "RGASPI"))
    item = mapping.desired_item(by_id()["rgaspi-84-3-36"], SCHEMAS)
    assert item["tags"] == ["RGASPI", "RGASPI F. 84"]
    assert mapping.collection_key(("Archives", "RGASPI", "F. 84", "Op. 3", "D. 36")) in item["collections"]


def test_note_lists_documents_notes_and_locators():
    html = mapping.note_html(by_id()["rgaspi-84-3-36"])
    assert "000_777639387260dca8.txt: note 10, folio 12–13" in html
    assert "note 14, folio 15" in html


def test_merge_keeps_the_users_value_where_both_changed():
    base = {"itemType": "book", "title": "A", "place": "P", "tags": ["x"], "extra": ["zotero-cw-id: b"]}
    local = {**base, "title": "A2", "place": "P2", "tags": ["x", "new"]}
    remote = {**base, "title": "User title", "tags": ["x", "user"], "extra": ["my line", "zotero-cw-id: b"]}
    merged, conflicts = plan.merge(base, local, remote)
    assert conflicts == ["title"]
    assert merged["title"] == "User title" and merged["place"] == "P2"
    assert merged["tags"] == ["new", "user", "x"]
    assert merged["extra"] == ["my line", "zotero-cw-id: b"]


def test_merge_without_base_never_overwrites_a_server_value():
    local = {"itemType": "book", "title": "Local", "place": "P"}
    remote = {"itemType": "book", "title": "Remote", "abstractNote": "user note"}
    merged, conflicts = plan.merge(None, local, remote)
    assert merged["title"] == "Remote" and merged["place"] == "P" and merged["abstractNote"] == "user note"
    assert conflicts == ["title"]


def test_record_tells_fields_zotero_cw_wrote_from_a_users_edit():
    local = {"itemType": "book", "title": "T", "place": "P", "tags": ["a"], "extra": ["zotero-cw-id: t"]}
    written = plan.with_record(local, local, "ABCD2345")
    assert written["extra"][-1].startswith("zotero-cw-fields: extra=") and "title=" in written["extra"][-1]
    assert plan.strip_record(written) == local
    edited = {**written, "title": "T (edited)", "abstractNote": "the user's"}
    base, unknown = plan.base_from_record(edited, "ABCD2345")
    assert unknown == {"title"} and base["place"] == "P" and "abstractNote" not in base
    # a record copied onto another item proves nothing there
    assert plan.base_from_record(written, "WXYZ2345")[0] == {}
    # the library changed place and title: place is ours to change, the user's title stays and is reported
    merged, conflicts = plan.merge(base, {**local, "title": "T2", "place": "P2"}, edited, unknown)
    assert merged["title"] == "T (edited)" and merged["place"] == "P2" and merged["abstractNote"] == "the user's"
    assert conflicts == ["title"]


def test_record_of_a_conflict_covers_only_the_librarys_own_values():
    local = {"itemType": "book", "title": "Ours", "place": "P"}
    merged = plan.with_record({"itemType": "book", "title": "Theirs", "place": "P"}, local, "ABCD2345")
    record = plan.read_record(merged)
    assert record["title"] == "-" and set(record) == {"itemType", "place", "title"}  # the title is the user's


def test_note_record_lives_in_the_note_and_is_stripped_before_comparing():
    note = {"itemType": "note", "note": "<h2>Cited in</h2><ul><li>x</li></ul>", "parentItem": "ABCD2345"}
    written = plan.with_record(note, note, "NOTE2345")
    assert written["note"].endswith("</p>") and "zotero-cw-fields: " in written["note"]
    assert plan.strip_record(written) == note
    assert plan.base_from_record(written, "NOTE2345") == (note, set())
    assert plan.base_from_record({**written, "note": "<p>mine</p>" + written["note"]}, "NOTE2345")[1] == {"note"}


def test_an_old_whole_item_hash_line_is_not_taken_as_a_record():
    remote = {"itemType": "book", "title": "User", "extra": ["zotero-cw-id: t", "zotero-cw-hash: 0123456789abcdef"]}
    assert plan.read_record(remote) is None and plan.strip_record(remote)["extra"] == ["zotero-cw-id: t"]
    action = plan.plan_object(plan.Obj("item", "t", "ABCD2345", {"itemType": "book", "title": "Local",
                                                                 "extra": ["zotero-cw-id: t"]}), None, remote, 3)
    assert action.merged["title"] == "User" and action.conflicts == ["title"]


def test_patch_sends_only_changed_fields_and_clears_removed_ones():
    remote = {"itemType": "book", "title": "T", "place": "P", "tags": ["a"]}
    merged = {"itemType": "book", "title": "T2", "tags": ["a", "b"]}
    assert plan.patch(merged, remote) == {"title": "T2", "place": "", "tags": [{"tag": "a"}, {"tag": "b"}]}


def test_schemas_are_fetched_once_and_union_template_and_field_list():
    class Source:
        calls = 0

        def item_types(self):
            self.calls += 1
            return ["book", "document", "manuscript"]

        def schema_for(self, t):
            self.calls += 1
            return ["title", "place"], [{"creatorType": "contributor"}, {"creatorType": "author", "primary": True}], \
                {"itemType": t, "title": "", "archive": "", "creators": [], "tags": []}

    src, cache = Source(), {}
    schemas = load_schemas(src, cache, {"manuscript", "chapter"})
    assert set(schemas) == {"document", "manuscript"}  # chapter → bookSection is unknown here → document
    assert schemas["manuscript"].fields == frozenset({"title", "place", "archive"})
    assert schemas["manuscript"].creator_types == ("author", "contributor")
    calls = src.calls
    load_schemas(src, cache, {"manuscript"})
    assert src.calls == calls


def test_citation_key_field_is_filled_only_where_the_server_has_it():
    item = by_id()["rgaspi-84-3-36"]
    with_key = {**SCHEMAS, "manuscript": TypeSchema(SCHEMAS["manuscript"].fields | {"citationKey"},
                                                   SCHEMAS["manuscript"].creator_types)}
    assert mapping.csl_to_zotero(item, with_key).data["citationKey"] == "rgaspi-84-3-36"
    assert "citationKey" not in mapping.csl_to_zotero(item, SCHEMAS).data
