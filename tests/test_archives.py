"""Archive registry and archival reference syntax."""

import pytest

from zotero_cw.archives import ArchivalRef, Registry, find_archival_refs, parse_archival_ref
from zotero_cw.errors import UserError


@pytest.fixture(scope="module")
def reg():
    return Registry.load()


def test_find_by_acronym_name_transliteration_and_typo(reg):
    assert reg.find("RGASPI").acronym == "RGASPI"
    assert reg.find("Russian State Archive of Sociopolitical History").acronym == "RGASPI"
    assert reg.find("Gosudarstvennyi Arkhiv Rossiiskoi Federatsii").acronym == "GARF"
    assert reg.find("GARE").acronym == "GARF"
    assert reg.find("RGANI").canonical == "Russian State Archive of Contemporary History (RGANI)"
    assert reg.find("RGAE").place == "Moscow"
    assert reg.find("Nowhere Archive") is None
    assert reg.find("外務省外交史料館").acronym == "DAMOFA"
    assert [reg.find(x) for x in ("/", "", " — ")] == [None, None, None]  # punctuation names no archive


def test_registry_has_the_common_federal_archives(reg):
    assert {"RGASPI", "GARF", "RGAE", "RGANI", "RGVA", "RGALI", "RGIA", "RGADA", "RGAVMF"} <= set(reg.archives)


def test_user_file_adds_archives(tmp_path, monkeypatch):
    f = tmp_path / "mine.yaml"
    f.write_text("archives:\n  - acronym: GAKhK\n    name: State Archive of Khabarovsk Krai\n    place: Khabarovsk\n")
    assert Registry.load(f).find("GAKhK").place == "Khabarovsk"
    monkeypatch.setenv("ZOTERO_CW_ARCHIVES", str(f))
    assert Registry.load().find("State Archive of Khabarovsk Krai").acronym == "GAKhK"


def test_bad_user_file_is_a_user_error(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("archives:\n  - name: no acronym\n")
    with pytest.raises(UserError, match="needs 'acronym' and 'name'"):
        Registry.load(f)


@pytest.mark.parametrize("text, expected", [
    ("F. 84, Op. 3, D. 36, Ll. 12–13", ArchivalRef(None, "84", "3", "36", "12–13")),
    ("fond 4, opis' 83, delo 30, listy 148-155", ArchivalRef(None, "4", "83", "30", "148–155")),
    ("RGASPI 84/3/36", ArchivalRef("RGASPI", "84", "3", "36", None)),
    ("RGASPI f. 84 op. 3 d. 36", ArchivalRef("RGASPI", "84", "3", "36", None)),
    ("RGASPI, F. 84, Op, 2, D. 10, Ll. 81–87", ArchivalRef("RGASPI", "84", "2", "10", "81–87")),
    ("RGAE, F. 7", ArchivalRef("RGAE", "7")),
    ("GARF 5446", ArchivalRef("GARF", "5446")),
    ("AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, List 80",
     ArchivalRef("AVPRF", "059a", "5a", "5", "80", extra={"papka": "11"})),
    ("ГАРФ. Фонд Р-9401. Опись 2. Дело 64. Лист 9", ArchivalRef("GARF", "Р-9401", "2", "64", "9")),
    ("ОГАЧО, ф. Р-12, оп. 1, дело 234, лист 5", ArchivalRef("ОГАЧО", "Р-12", "1", "234", "5",
                                                         warnings=["unknown archive 'ОГАЧО' (add it to an "
                                                                   "archive registry file)"])),
    ("ЦДАМЛМ України, ф. 720, оп. 2, од. зб. 21, арк. 1", ArchivalRef("TsDAMLM", "720", "2", "21", "1")),
    ("РДАСПІ. Ф. 558. Оп. 11. Спр. 44. Арк. 93", ArchivalRef("RGASPI", "558", "11", "44", "93")),
    ("GARF 5446 120 1626", ArchivalRef("GARF", "5446", "120", "1626")),
    ("AVPRF, F. 0100, Op. 46, P. 362, D. 12, L. 5", ArchivalRef("AVPRF", "0100", "46", "12", "5",
                                                              extra={"papka": "362"})),
])
def test_parse_archival_ref(text, expected):
    assert parse_archival_ref(text) == expected


def test_parse_archival_ref_typo_warns_and_non_reference_is_none():
    ref = parse_archival_ref("GARE, F. 5446, Op. 120, D. 1626, L. 102")
    assert (ref.archive, ref.location(), ref.warnings) == ("GARF", "F. 5446, Op. 120, D. 1626",
                                                            ["archive 'GARE' read as GARF"])
    assert parse_archival_ref("Walter LaFeber, The Clash") is None


def test_find_several_refs_with_spans():
    text = "in RGAE, F. 413, Op. 31, D. 640, Ll. 90–94; and RGAE, F. 413, Op. 31, D. 123, L. 155, later"
    found = find_archival_refs(text)
    assert [text[a:b] for (a, b), _ in found] == ["RGAE, F. 413, Op. 31, D. 640, Ll. 90–94",
                                                  "RGAE, F. 413, Op. 31, D. 123, L. 155"]
    assert [r.leaves for _, r in found] == ["90–94", "155"]


def test_unknown_acronym_is_kept_and_reported():
    ((_, ref),) = find_archival_refs("in XYZA, F. 1, Op. 2, D. 3")
    assert ref.archive == "XYZA"
    assert ref.warnings == ["unknown archive 'XYZA' (add it to an archive registry file)"]
    assert ref.as_custom() == {"archive": "XYZA", "fond": "1", "opis": "2", "delo": "3"}


def test_a_chain_with_no_archive_named_is_found_but_a_lone_folio_is_not():
    from zotero_cw.archives import find_unnamed_refs

    [(span, ref)] = find_unnamed_refs("… 22 июня 1941 г. // Ф. 122, оп. 11, д. 4377, лл. 47-48.")
    assert (ref.archive, ref.fond, ref.opis, ref.delo, ref.leaves) == (None, "122", "11", "4377", "47–48")
    assert find_unnamed_refs("British Library, Add. MS 5, f. 12.") == []


def test_nara_named_na_after_the_record_group_is_the_archive_not_a_series():
    from zotero_cw.archives import find_compact_refs

    [(_, ref)] = find_compact_refs("Roll 56, M97, RG 59, NA.")
    assert (ref.archive, ref.fond, ref.opis) == ("NARA", "59", None)
    [(_, ref)] = find_compact_refs("RG 84, Tokyo Post Files, box 17, NARA.")
    assert (ref.archive, ref.fond, ref.opis, ref.extra.get("box")) == ("NARA", "84", "Tokyo Post Files", "17")


def test_jacar_reference_codes():
    from zotero_cw.archives import find_compact_refs

    [(_, ref)] = find_compact_refs("JACAR Ref. B02030001200, Gaimushō Gaikō Shiryōkan.")
    assert (ref.archive, ref.delo, ref.location()) == ("JACAR", "B02030001200", "B02030001200")
    [(_, ref)] = find_compact_refs("Telegram, 3 May 1941, JACAR (Reference Code: C04121234500).")
    assert ref.delo == "C04121234500"
    assert find_compact_refs("Ref. B0203") == []  # not a code of eleven digits
