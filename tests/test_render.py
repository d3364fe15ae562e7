"""The render API, formats, the defects of issue #5 one by one, and the `bib` / `cite` commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from zotero_cw import library, render
from zotero_cw.cli import main
from zotero_cw.errors import UserError
from zotero_cw.render import marks
from zotero_cw.render.engine import FIRST, IBID, IBID_WITH_LOCATOR, SUBSEQUENT, positions
from zotero_cw.render.patches import core, formatting, sorting

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ITEMS: dict[str, dict[str, Any]] = {
    i["id"]: i for i in json.loads((DATA / "render_items.json").read_text(encoding="utf-8"))
}
IBID_STYLE = "chicago-notes-bibliography-subsequent-ibid"


def cluster(note: int, *cites: tuple[str, ...]) -> dict[str, Any]:
    items = []
    for c in cites:
        ci: dict[str, Any] = {"id": c[0]}
        if len(c) > 1:
            ci["locator"] = c[1]
        if len(c) > 2:
            ci["label"] = c[2]
        items.append(ci)
    return {"citationID": f"doc-n{note}", "citationItems": items,
            "properties": {"noteIndex": note, "document": "doc.txt"}}


# --- API ---------------------------------------------------------------------------------------------------

def test_note_first_and_short_with_locator() -> None:
    hara = ITEMS["hara1998japan"]
    assert render.note(hara, locator="97-98") == \
        "Kimie Hara, Japan-Soviet/Russian Relations since 1945: A Difficult Peace (Routledge, 1998), 97–98."
    assert render.note(hara, locator="97", short=True) == \
        "Hara, Japan-Soviet/Russian Relations since 1945, 97."


def test_note_archival_folio_locator_and_custom_ignored() -> None:
    item = ITEMS["rgaspi-84-3-36-resolution"]
    assert "custom" in item
    assert render.note(item, locator="12–13", label="folio") == \
        "“CPSU Resolution,” January 20, 1961, F. 84, Op. 3, D. 36, fols. 12–13, RGASPI, Moscow."


def test_note_17th_edition_rtf() -> None:
    assert render.note(ITEMS["hara1998japan"], style="chicago-notes-bibliography-17th-edition", fmt="rtf") == \
        "Kimie Hara, {\\i{}Japan-Soviet/Russian Relations since 1945: A Difficult Peace} (London: Routledge, 1998)."


def test_markdown_italics_and_roman_inside_italics() -> None:
    assert render.note(ITEMS["gaddis1997we"], fmt="markdown") == (
        "John Lewis Gaddis, *We Now Know: Rethinking Cold War History toward* Détente *since 1945*, vols. 12–14 "
        "(Oxford University Press & Clarendon, 1997).")


def test_bibliography_markdown_sorted_ignoring_quotes_and_accents() -> None:
    entries = render.bibliography([ITEMS[k] for k in ("zubok2013lost", "time1962again", "quoted1990title",
                                                       "elie1990accords")], fmt="markdown")
    assert entries == [
        "Élie, Marc. *Échanges et accords commerciaux soviéto-japonais*. Presses universitaires de France, 1990.",
        "*Far Eastern Economic Review*. “‘Cold Peace’ in the Pacific: Soviet Policy after Stalin.” March 1, 1990.",
        "*Time*. “Again the Rising Sun.” July 13, 1962.",
        "Zubok, Vladislav. “Lost in a Triangle: U.S.-Soviet Back-Channel Documents on the Japan Factor in "
        "Tripartite Diplomacy, 1969–1972.” *Journal of Cold War Studies* 15, no. 2 (2013): 51–71.",
    ]


def test_footnotes_ibid_positions_and_order_of_cites() -> None:
    clusters = [cluster(1, ("hara1998japan", "5")), cluster(2, ("hara1998japan", "5")),
                cluster(3, ("hara1998japan", "7")), cluster(4, ("zubok2013lost",), ("hara1998japan", "7"))]
    notes = render.footnotes(list(ITEMS.values()), clusters, style=IBID_STYLE)
    assert notes == [
        (1, "Kimie Hara, Japan-Soviet/Russian Relations since 1945: A Difficult Peace (Routledge, 1998), 5."),
        (2, "Ibid."),
        (3, "Ibid., 7."),
        (4, "Vladislav Zubok, “Lost in a Triangle: U.S.-Soviet Back-Channel Documents on the Japan Factor in "
            "Tripartite Diplomacy, 1969–1972,” Journal of Cold War Studies 15, no. 2 (2013): 51–71; "
            "Hara, Japan-Soviet/Russian Relations since 1945, 7."),
    ]


def test_positions_follow_citeproc_js_rules() -> None:
    clusters = [cluster(1, ("a", "5")), cluster(2, ("a", "5")), cluster(3, ("a", "6")), cluster(4, ("a",)),
                cluster(5, ("b",), ("a",)), cluster(6, ("a", "1")), cluster(7, ("a", "1"), ("a", "2")),
                cluster(0, ("a",))]
    got = [[c.position for c in cites] for cites in positions(clusters)]
    # note 6 follows a two-cite note: not ibid; within note 7 the second cite is ibid-with-locator
    assert got == [[FIRST], [IBID], [IBID_WITH_LOCATOR], [SUBSEQUENT], [FIRST, SUBSEQUENT], [SUBSEQUENT],
                   [IBID, IBID_WITH_LOCATOR], [SUBSEQUENT]]


def test_grouped_bibliography_archives_first_by_archive_and_fond() -> None:
    groups = render.grouped_bibliography([ITEMS[k] for k in ("hara1998japan", "rgaspi-84-3-107-sato",
                                                             "garf-5446-1-659-resolution")])
    assert groups == [
        ("Archival sources: GARF, F. 5446", ["Bulganin, Nikolai, and Dmitrii Shepilov. “Resolution Signed by "
                                             "Nikolai Bulganin and Dmitrii Shepilov.” October 19, 1956. F. 5446, "
                                             "Op. 1, D. 659. GARF."]),
        ("Archival sources: RGASPI, F. 84", ["Sato Eisaku. 1975. F. 84, Op. 3, D. 107. RGASPI."]),
        ("Published sources", ["Hara, Kimie. Japan-Soviet/Russian Relations since 1945: A Difficult Peace. "
                               "Routledge, 1998."]),
    ]


def test_unknown_style_and_format_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="unknown style 'no-such-style'"):
        render.note(ITEMS["hara1998japan"], style="no-such-style")
    with pytest.raises(UserError, match="unknown format 'docx'"):
        render.note(ITEMS["hara1998japan"], fmt="docx")
    with pytest.raises(UserError, match="no CSL style file"):
        render.bibliography([ITEMS["hara1998japan"]], style=str(tmp_path / "missing.csl"))


# --- defects of issue #5, one test each (exact strings checked against citeproc-js in test_render_reference) --

def test_defect_1_initialize_false_keeps_given_names() -> None:
    assert render.note(ITEMS["hara1998japan"]).startswith("Kimie Hara, ")


def test_defect_2_static_ordering_family_first() -> None:
    assert render.note(ITEMS["yokote2013soviet"]).startswith("Yokote Shinji, “Soviet Repatriation")
    assert render.note(ITEMS["yokote2013soviet"], short=True).startswith("Yokote, “Soviet")


def test_defect_3_4_punctuation_inside_quotes_and_nested_quotes() -> None:
    assert render.note(ITEMS["iriye2013forum"]) == (
        "Akira Iriye, “H-Diplo Forum on ‘Special Issue on Soviet-Japanese Relations during the Cold War,’” "
        "H-Diplo, November 4, 2013.")
    assert marks.finish(marks.from_markup("O'Bryan's \"Growth\"") + ",", "text") == "O’Bryan’s “Growth,”"


def test_defect_5_markup_parsed_and_html_escaped() -> None:
    assert render.note(ITEMS["gaddis1997we"], fmt="html") == (
        "John Lewis Gaddis, <i>We Now Know: Rethinking Cold War History toward "
        "<span style=\"font-style:normal;\">Détente</span> since 1945</i>, vols. 12–14 "
        "(Oxford University Press &#38; Clarendon, 1997).")


def test_defect_6_substitute_suppresses_title_and_editors() -> None:
    assert render.note(ITEMS["rgaspi-84-3-36-resolution"], short=True) == "“CPSU Resolution.”"
    assert render.note(ITEMS["fursenko2003prezidium"], short=True) == \
        "Fursenko, Prezidium TsK KPSS 1954–1965."


def test_defect_7_frus_telegrams_disambiguated() -> None:
    shorts = render.notes(list(ITEMS.values()), ["frus1960telegram", "frus1964telegram", "hara1998japan"],
                          short=True)
    assert shorts == {"frus1960telegram": "“Telegram” (1994).", "frus1964telegram": "“Telegram” (2006).",
                      "hara1998japan": "Hara, Japan-Soviet/Russian Relations since 1945."}


def test_defect_8_no_label_for_empty_variable() -> None:
    assert render.note(ITEMS["shenk2014apostles"]) == "Timothy Shenk, “Apostles of Growth,” The Nation, " \
                                                      "November 24, 2014."


def test_defect_9_locator_never_leaks_into_bibliography() -> None:
    hara = ITEMS["hara1998japan"]
    clusters = [cluster(1, ("hara1998japan", "97"))]
    assert render.footnotes([hara], clusters)[0][1].endswith("1998), 97.")
    assert render.bibliography([hara]) == ["Hara, Kimie. Japan-Soviet/Russian Relations since 1945: A Difficult "
                                           "Peace. Routledge, 1998."]


def test_defect_12_cites_keep_their_order_in_a_note() -> None:
    notes = render.footnotes(list(ITEMS.values()), [cluster(1, ("zubok2013lost",), ("allen2003farm",))])
    assert notes[0][1].startswith("Vladislav Zubok") and "; Robert C. Allen, Farm to Factory" in notes[0][1]


def test_defect_14_subsequent_author_substitute() -> None:
    entries = render.bibliography([ITEMS["sanchezsibony2014red"], ITEMS["sanchezsibony2014capitalism"]],
                                  style="chicago-notes-bibliography-17th-edition")
    assert entries[1] == "———. Red Globalization: The Political Economy of Soviet Foreign Relations from Stalin " \
                         "to Khrushchev. Cambridge, UK: Cambridge University Press, 2014."


def test_defect_15_seasons() -> None:
    assert render.note(ITEMS["mitchell2014economentality"], style="chicago-notes-bibliography-17th-edition") == (
        "Timothy Mitchell, “Economentality: How the Future Entered Government,” Critical Inquiry 40, no. 4 "
        "(Summer 2014): 479–507.")


def test_defect_16_number_of_volumes_plural_label() -> None:
    assert render.bibliography([ITEMS["fursenko2003prezidium"]]) == [
        "Fursenko, A. A., ed. Prezidium TsK KPSS 1954–1965: Chernovye protokol’nye zapisi zasedanii. Stenogrammy. "
        "3 vols. ROSSPEN, 2003."]


def test_defect_17_title_case_stop_words_and_hyphens() -> None:
    assert formatting.title_case("relations since 1945: a peace toward détente") == \
        "Relations since 1945: A Peace toward Détente"
    assert formatting.title_case("mikoyan's thank-you note") == "Mikoyan's Thank-You Note"


def test_defect_18_is_numeric_ranges() -> None:
    assert [core.is_numeric(v) for v in ("12-14", "12–14", "2nd", "1, 3", "XXIII, pt. 1", "n.d.")] == \
        [True, True, True, True, False, False]


def test_sort_key_numbers_and_accents() -> None:
    keys = sorted(["F. 413, Op. 13", "F. 84, Op. 3", "F. 7", "“Again”", "Élie", "Zubok"], key=sorting.sort_key)
    assert keys == ["“Again”", "Élie", "F. 7", "F. 84, Op. 3", "F. 413, Op. 13", "Zubok"]


# --- commands ----------------------------------------------------------------------------------------------

@pytest.fixture()
def lib_dir(tmp_path: Path) -> Path:
    clusters = [cluster(1, ("hara1998japan", "5")), cluster(2, ("hara1998japan", "5")),
                cluster(3, ("rgaspi-84-3-36-resolution", "12", "folio"))]
    ids = ("hara1998japan", "rgaspi-84-3-36-resolution", "zubok2013lost")
    library.save(library.Library(items=[ITEMS[i] for i in ids], clusters=clusters,
                                 documents=[{"name": "doc.txt"}]), tmp_path)
    return tmp_path


def test_cli_bib_prints_sorted_entries(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", "--library", str(lib_dir)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "“CPSU Resolution.” January 20, 1961. F. 84, Op. 3, D. 36. RGASPI, Moscow.",
        "Hara, Kimie. Japan-Soviet/Russian Relations since 1945: A Difficult Peace. Routledge, 1998.",
        "Zubok, Vladislav. “Lost in a Triangle: U.S.-Soviet Back-Channel Documents on the Japan Factor in "
        "Tripartite Diplomacy, 1969–1972.” Journal of Cold War Studies 15, no. 2 (2013): 51–71.",
    ]


def test_cli_bib_document_footnotes(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", "--library", str(lib_dir), "--document", "doc.txt", "--footnotes",
                 "--style", IBID_STYLE]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1. Kimie Hara, Japan-Soviet/Russian Relations since 1945: A Difficult Peace (Routledge, 1998), 5.",
        "2. Ibid.",
        "3. “CPSU Resolution,” January 20, 1961, F. 84, Op. 3, D. 36, fol. 12, RGASPI, Moscow.",
    ]


def test_cli_bib_document_only_cited_items_html(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", "--library", str(lib_dir), "--document", "doc", "--format", "html"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "“CPSU Resolution.” January 20, 1961. F. 84, Op. 3, D. 36. RGASPI, Moscow.",
        "Hara, Kimie. <i>Japan-Soviet/Russian Relations since 1945: A Difficult Peace</i>. Routledge, 1998.",
    ]


def test_cli_bib_grouped(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", "--library", str(lib_dir), "--grouped"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Archival sources: RGASPI, F. 84"
    assert out[3] == "Published sources"


def test_cli_cite_full_short_and_style_file(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "rgaspi-84-3-36-resolution", "--library", str(lib_dir), "--locator", "12–13",
                 "--label", "folio"]) == 0
    assert capsys.readouterr().out == \
        "“CPSU Resolution,” January 20, 1961, F. 84, Op. 3, D. 36, fols. 12–13, RGASPI, Moscow.\n"
    style = render.style_path("chicago-notes-bibliography-17th-edition")
    assert main(["cite", "hara1998japan", "--library", str(lib_dir), "--short", "--locator", "5",
                 "--style", style]) == 0
    assert capsys.readouterr().out == "Hara, Japan-Soviet/Russian Relations since 1945, 5.\n"


def test_cli_errors_are_one_line(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "nope", "--library", str(lib_dir)]) == 2
    assert capsys.readouterr().err.startswith("zotero-cw: error: no item 'nope' in the library")
    assert main(["bib", "--library", str(lib_dir), "--document", "other.txt"]) == 2
    assert "no citations of document 'other.txt'" in capsys.readouterr().err
    assert main(["bib", "--library", str(lib_dir), "--footnotes"]) == 2
    assert "--footnotes needs --document" in capsys.readouterr().err
    assert main(["bib", "--library", str(lib_dir), "--style", "nonexistent-style"]) == 2
    assert "unknown style 'nonexistent-style'" in capsys.readouterr().err


def test_house_style_round_trip_of_fixture_000() -> None:
    from zotero_cw.read import read_document
    sys.path.insert(0, str(ROOT / "tools"))
    from roundtrip import roundtrip

    doc = read_document(Path(__file__).parents[1] / "fixtures" / "000_777639387260dca8.txt")
    items = json.loads((DATA / "render_000_items.json").read_text(encoding="utf-8"))
    clusters = json.loads((DATA / "render_000_clusters.json").read_text(encoding="utf-8"))
    exact, loose, total, diffs = roundtrip(items, clusters, {n.n: n.text or "" for n in doc.notes})
    assert (exact, loose, total) == (20, 25, 84)
    assert render.footnotes(items, [c for c in clusters if c["properties"]["noteIndex"] in (34, 35)],
                            style="jcws-house", fmt="markdown")[1] == (35, "*Ibid.*, L. 36.")


def test_tailored_styles_shipped_in_package_equal_styles_dir() -> None:
    root = Path(__file__).parents[1]
    shipped = sorted(p.name for p in (root / "src" / "zotero_cw" / "styles").glob("*.csl"))
    assert shipped == sorted(p.name for p in (root / "styles").glob("*.csl")) == ["jcws-house.csl"]
    for name in shipped:
        assert (root / "styles" / name).read_bytes() == (root / "src" / "zotero_cw" / "styles" / name).read_bytes()


def test_items_dated_by_a_range_or_a_season_across_years_render() -> None:
    # citeproc-py's date ranges raise on ==; a condition on such a date must not turn into an internal error
    article = {"id": "hershberg1996crisis", "type": "article-journal", "title": "The Crisis Years",
               "author": [{"family": "Hershberg", "given": "James"}], "container-title": "CWIHP Bulletin",
               "issue": "8–9", "page": "104–7", "issued": {"date-parts": [[1996], [1997]], "season": 4}}
    assert render.note(article) == \
        "James Hershberg, “The Crisis Years,” CWIHP Bulletin, nos. 8–9 (Winter 1996–Winter 1997): 104–7."
    book = {"id": "frus1955", "type": "book", "title": "Foreign Relations of the United States",
            "issued": {"date-parts": [[1955], [1957]]}, "publisher": "GPO"}
    assert render.note(book) == "Foreign Relations of the United States (GPO, 1955–1957)."
