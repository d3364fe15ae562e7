"""Citation keys: stable, readable, unique by content hash."""

from zotero_cw.keys import assign_keys, citation_key
from zotero_cw.models import Work

BOOK = {"type": "book", "title": "The Northern Territories Dispute", "author": [{"family": "Hasegawa",
        "given": "Tsuyoshi"}], "issued": {"date-parts": [[1998]]}}


def key(item):
    return citation_key(Work.from_csl(item))


def keys(*items):
    return assign_keys([Work.from_csl(it) for it in items])


def test_key_shapes():
    assert key(BOOK) == "hasegawa1998northern"
    assert key({"type": "book", "title": "Red Gas", "author": [{"family": "Högselius"}],
                         "issued": {"date-parts": [[2013]]}}) == "hogselius2013red"
    assert key({"type": "article-magazine", "title": "Again the Rising Sun",
                         "issued": {"date-parts": [[1962, 7, 13]]}}) == "again1962rising"
    assert key({"type": "manuscript", "custom": {"archival": {"archive": "RGASPI", "fond": "84",
                                                                        "opis": "3", "delo": "107"}}}) == \
        "rgaspindf84o3d107"
    assert key({"type": "book", "editor": [{"family": "O’Brien"}], "title": "A Book"}) == "obrienndbook"


def test_collisions_get_suffixes_independent_of_order():
    other = dict(BOOK, title="The Northern Territories: Another Book")
    keys1 = keys(BOOK, other)
    keys2 = keys(other, BOOK)
    assert sorted(keys1) == ["hasegawa1998northerna", "hasegawa1998northernb"]
    assert keys1 == list(reversed(keys2))


def test_unique_keys_unchanged():
    assert keys(BOOK, {"type": "book", "title": "Red Gas"}) == ["hasegawa1998northern", "redndgas"]


def test_cyrillic_authors_and_titles_are_romanized_in_keys():
    assert key({"type": "book", "title": "Воспоминания", "author": [{"family": "Хрущев", "given": "Н. С."}],
                "issued": {"date-parts": [[1999]]}}) == "khrushchev1999vospominaniia"
    assert key({"type": "book", "title": "Голод 1932–1933 рр. в Україні", "author": [{"family": "Кульчицький"}],
                "issued": {"date-parts": [[2003]]}}) == "kulchitskii2003golod"
