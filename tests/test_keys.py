"""Citation keys: stable, readable, unique by content hash."""

from zotero_cw.keys import assign_keys, citation_key

BOOK = {"type": "book", "title": "The Northern Territories Dispute", "author": [{"family": "Hasegawa",
        "given": "Tsuyoshi"}], "issued": {"date-parts": [[1998]]}}


def test_key_shapes():
    assert citation_key(BOOK) == "hasegawa1998northern"
    assert citation_key({"type": "book", "title": "Red Gas", "author": [{"family": "Högselius"}],
                         "issued": {"date-parts": [[2013]]}}) == "hogselius2013red"
    assert citation_key({"type": "article-magazine", "title": "Again the Rising Sun",
                         "issued": {"date-parts": [[1962, 7, 13]]}}) == "again1962rising"
    assert citation_key({"type": "manuscript", "custom": {"archival": {"archive": "RGASPI", "fond": "84",
                                                                        "opis": "3", "delo": "107"}}}) == \
        "rgaspindf84o3d107"
    assert citation_key({"type": "book", "editor": [{"family": "O’Brien"}], "title": "A Book"}) == "obrienndbook"


def test_collisions_get_suffixes_independent_of_order():
    other = dict(BOOK, title="The Northern Territories: Another Book")
    keys1 = assign_keys([BOOK, other])
    keys2 = assign_keys([other, BOOK])
    assert sorted(keys1) == ["hasegawa1998northerna", "hasegawa1998northernb"]
    assert keys1 == list(reversed(keys2))


def test_unique_keys_unchanged():
    assert assign_keys([BOOK, {"type": "book", "title": "Red Gas"}]) == ["hasegawa1998northern", "redndgas"]
