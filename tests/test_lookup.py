"""Lookup: each query form historians type, against a library made from hand-made items."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "data"))

import dedupe_cases as dc  # noqa: E402

from zotero_cw import render  # noqa: E402
from zotero_cw.catalog import catalog  # noqa: E402
from zotero_cw.dedupe import dedupe  # noqa: E402
from zotero_cw.lookup import ArchiveQuery, Index, format_result, parse_archive_query  # noqa: E402

R = dedupe(dc.items(), dc.clusters())
INDEX = Index(catalog(R.items))


def ids(query, limit=None):
    return [h.item["id"] for h in INDEX.search(query, limit=limit).hits]


def work(doc, old):
    return R.id_map[(doc, old)]


D36 = sorted(work(dc.A, x) for x in ("r1", "r2", "r3", "r4"))


def test_parse_archive_queries():
    assert parse_archive_query("RGASPI 84/3/36") == ArchiveQuery("RGASPI", "84", "3", "36")
    assert parse_archive_query("RGASPI f. 84 op. 3 d. 36") == ArchiveQuery("RGASPI", "84", "3", "36")
    assert parse_archive_query("F. 84, Op. 3, D. 36, L. 68") == ArchiveQuery(None, "84", "3", "36", "68")
    assert parse_archive_query("GARF 5446") == ArchiveQuery("GARF", "5446")
    assert parse_archive_query("GARF") == ArchiveQuery("GARF", None)
    assert parse_archive_query("Hasegawa 1998") is None
    assert parse_archive_query("growth idea") is None


def test_slash_form_lists_the_delo():
    res = INDEX.search("RGASPI 84/3/36")
    assert res.kind == "archive"
    assert sorted(h.item["id"] for h in res.hits) == D36
    assert res.total == 4


def test_russian_abbreviations_form():
    assert sorted(ids("RGASPI f. 84 op. 3 d. 36")) == D36


def test_leaf_form_finds_the_document_at_that_leaf():
    res = INDEX.search("F. 84, Op. 3, D. 36, L. 68")
    assert [h.item["id"] for h in res.hits] == [work(dc.A, "r3")]
    assert (res.hits[0].locator, res.hits[0].label) == ("68", "folio")
    assert ids("F. 84, Op. 3, D. 36, L. 74") == [work(dc.A, "r4")]


def test_leaf_nobody_cited_lists_the_whole_delo():
    assert sorted(ids("F. 84, Op. 3, D. 36, L. 500")) == D36


def test_fond_lists_its_files_and_documents():
    res = INDEX.search("GARF 5446")
    assert [h.item["id"] for h in res.hits] == [work(dc.A, "g1"), *sorted([work(dc.A, "g3"), work(dc.A, "g2")])]
    lines = format_result(res)
    assert lines[0] == "GARF F. 5446: 3 document(s)"
    assert lines[1] == "GARF F. 5446 Op. 1 D. 659"
    assert "GARF F. 5446 Op. 120 D. 1626" in lines
    assert ids("GARF 5446/120/1626") == sorted([work(dc.A, "g3"), work(dc.A, "g2")])
    assert ids("RGASPI 5446") == []


def test_words_author_title_year():
    hasegawa = {work(dc.A, "hasegawa1998northern"), work(dc.B, "hasegawa2005racing"), work(dc.B, "hasegawa2007end")}
    assert set(ids("Hasegawa")) == hasegawa
    assert ids("hasegawa 1998") == [work(dc.A, "hasegawa1998northern")]
    assert ids("hasegawa racing") == [work(dc.B, "hasegawa2005racing")]
    assert ids("growth idea") == [work(dc.A, "obyran2009growth")]
    assert ids("memoirs 2006") == [work(dc.B, "khrushchev2006memoirs")]
    assert ids("nothing-like-this") == []


def test_words_match_prefixes_accents_and_variant_spellings():
    growth = [work(dc.A, "obyran2009growth")]
    assert ids("O'Bryan") == growth  # a variant spelling recorded by dedupe
    assert ids("O’Byran") == growth
    assert ids("hawai") == growth
    assert ids("Khrush memoirs", limit=1) == [work(dc.A, "khrushchev2005memoirs")]  # most cited first


def test_limit_and_total():
    res = INDEX.search("hasegawa", limit=2)
    assert len(res.hits) == 2
    assert res.total == 3
    assert format_result(res)[-1] == "... 1 more (use --limit)"


def test_output_has_full_and_short_notes_and_where_cited():
    res = INDEX.search("F. 84, Op. 3, D. 36, L. 74")
    item = res.hits[0].item
    lines = format_result(res)
    assert lines == [
        "any archive F. 84 Op. 3 D. 36 L. 74: 1 document(s)",
        "RGASPI F. 84 Op. 3 D. 36",
        f"[1] {item['id']}",
        f"    full:  {render.note(item, locator='74', label='folio')}",
        f"    short: {render.note(item, locator='74', label='folio', short=True)}",
        "    cited: 000_a.txt n. 46, l. 74",
        "    cited: 001_b.txt n. 51, l. 74",
    ]
    assert "74" in lines[3]


def test_cli_defaults_match_the_renderer():
    from zotero_cw.cli import lookup as cli_lookup
    from zotero_cw.render import DEFAULT_STYLE, FORMATS

    assert (cli_lookup.DEFAULT_STYLE, tuple(cli_lookup.FORMATS)) == (DEFAULT_STYLE, tuple(FORMATS))


def test_cyrillic_archive_references_are_the_latin_ones():
    assert parse_archive_query("РГАСПИ 84/3/36") == ArchiveQuery("RGASPI", "84", "3", "36")
    assert parse_archive_query("РГАСПИ, ф. 84, оп. 3, д. 36") == ArchiveQuery("RGASPI", "84", "3", "36")
    assert parse_archive_query("ф. 84, оп. 3, д. 36, л. 68") == ArchiveQuery(None, "84", "3", "36", "68")
    assert parse_archive_query("ГАРФ 5446") == ArchiveQuery("GARF", "5446")
    assert ids("РГАСПИ 84/3/36") == ids("RGASPI 84/3/36") == D36


def test_acronyms_written_with_spaces():
    assert parse_archive_query("AVP RF 0146") == ArchiveQuery("AVPRF", "0146")
    assert parse_archive_query("AVP RF f. 0146, op. 1") == ArchiveQuery("AVPRF", "0146", "1")
    assert parse_archive_query("AVP RF") == ArchiveQuery("AVPRF", None)
    assert parse_archive_query("АВП РФ 0146") == ArchiveQuery("AVPRF", "0146")
    assert parse_archive_query("RGAE 7") == ArchiveQuery("RGAE", "7")  # not a one-letter typo of an acronym


def test_a_misspelt_name_is_corrected_and_said():
    name = next(it["author"][0]["family"] for it in INDEX.items if it.get("author"))
    typo = name[:2] + name[3] + name[2] + name[4:] if len(name) > 4 else name + "x"
    assert not INDEX._words(typo, None).hits
    r = INDEX.search(typo)
    assert r.corrected and r.hits and r.corrected.split() == [name.lower()]
    assert all(name in [p.get("family") for p in h.item.get("author", [])] for h in r.hits)
    assert format_result(r)[0] == f"no match for {typo!r}; did you mean {name.lower()!r}? Its matches:"
    assert INDEX.search("qqqqqqqq").hits == [] and INDEX.search("qqqqqqqq").corrected is None


def test_cyrillic_words_find_romanized_titles():
    items = [{"id": "khrushchev1970", "type": "book", "title": "Vospominaniia", "issued": {"date-parts": [[1970]]},
              "author": [{"family": "Khrushchev", "given": "Nikita"}], "custom": {}},
             {"id": "other", "type": "book", "title": "Другие воспоминания", "custom": {}}]
    index = Index(items)
    assert [h.item["id"] for h in index.search("Хрущёв").hits] == ["khrushchev1970"]
    assert [h.item["id"] for h in index.search("drugie vosp").hits] == ["other"]
    assert [h.item["id"] for h in index.search("vospomin").hits] == ["other", "khrushchev1970"]  # d before v


def test_lookup_reads_the_database_without_loading_the_library(tmp_path, monkeypatch):
    from zotero_cw import library
    from zotero_cw.cli import main

    library.save(library.Library(items=catalog(R.items), clusters=R.clusters), tmp_path)
    monkeypatch.setattr(library, "read_all", lambda conn: (_ for _ in ()).throw(AssertionError("loaded")))
    assert main(["lookup", "RGASPI", "84/3/36", "--library", str(tmp_path), "--json"]) == 0


def test_notes_rendered_once_are_read_from_the_library_after(tmp_path):
    """A second lookup prints the same notes without loading the renderer (they are kept in note_cache)."""
    import subprocess

    from zotero_cw import library

    library.save(library.Library(items=catalog(R.items), clusters=R.clusters), tmp_path)
    code = ("import sys; from zotero_cw.cli import main; main(['lookup', 'RGASPI', '84/3/36', '--library', "
            "sys.argv[1]]); print('render loaded:', 'zotero_cw.render' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert first.stdout.splitlines()[-1] == "render loaded: True"
    assert second.stdout.splitlines()[-1] == "render loaded: False"
    assert first.stdout.splitlines()[:-1] == second.stdout.splitlines()[:-1]
    assert "    full:  " in first.stdout
    direct = format_result(INDEX.search("RGASPI 84/3/36"))  # the same lines as rendering afresh
    assert first.stdout.splitlines()[:-1] == direct
