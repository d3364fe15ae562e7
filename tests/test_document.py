"""Issue 2: every footnote and every note marker, reassembled and linked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paths import DOC_000, DOC_001, ROOT
from zotero_cw.errors import UserError
from zotero_cw.read import read_document, read_notes_file

NOTE_6 = (
    'This can be seen, for example, in Vladislav Zubok, "Lost in a Triangle: U.S.-Soviet Back-Channel Documents '
    'on the Japan Factor in Tripartite Diplomacy, 1969–1972," *Journal of Cold War Studies*, Vol. 15, No. 2 '
    "(Spring 2013), pp. 51–71. The issue of the disputed territories has often been a starting point for "
    "historians, with Soviet-Japanese relations said to be in deep freeze until such a time as the historical "
    "narrative begins. Zubok focuses on the early 1970s, whereas Sergey Radchenko and Lisbeth Tarlow deal with "
    'the same issue at the end of the 1980s in "Gorbachev, Ozawa, and the Failed Back-Channel Negotiations of '
    '1989–1990," *Journal of Cold War Studies*, Vol. 15, No. 2 (Spring 2013), pp. 104–130.'
)
NOTE_53 = (
    "On Mitchell's influence on Varga's institute, see Kyung Deok Roh, *Stalin's Economic Advisors: The Varga "
    "Institute and the Making of Soviet Foreign Policy* (New York: I.B. Tauris, 2018), ch. 3. On Mitchell's "
    'conceptual innovations, see Daniel Breslau, "Economics Invents the Economy: Mathematics, Statistics, and '
    "Models in the Work of Irving Fisher and Wesley Mitchell,” *Theory and Society*, Vol. 32, No. 3 (June 2003), "
    "pp. 379–411. Mitchell's main influence was on Simon Kuznets and other Keynesians who, in parallel with "
    "Varga's cohort in the Soviet Union, worked to introduce methods for national accounting as explained in "
    "Timothy Mitchell, “Fixing the Economy,” *Cultural Studies*, Vol. 12, No. 1 (1998), pp. 82–101. For an "
    "interesting study of the intellectual dialogue between Soviet and Western economists leading to the rise "
    "of neoliberal, free-market thinking, see Johanna Bockman, *Markets in the Name of Socialism: The Left-Wing "
    "Origins of Neoliberalism* (Stanford, CA: Stanford University Press, 2011)."
)
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@pytest.fixture(scope="module")
def doc000():
    return read_document(DOC_000)


@pytest.fixture(scope="module")
def doc001():
    return read_document(DOC_001)


# --- page layout (000) -------------------------------------------------------------------------------------


def test_000_has_83_numbered_notes_and_one_unnumbered(doc000):
    assert doc000.layout == "footnotes"
    assert [n.n for n in doc000.notes] == list(range(0, 84))
    assert all(n.text for n in doc000.notes)
    assert doc000.warnings == []


def test_000_notes_continued_across_pages_are_reassembled(doc000):
    notes = {n.n: n for n in doc000.notes}
    assert notes[6].text == NOTE_6
    assert notes[53].text == NOTE_53
    # The continuations are not read as body text, nor as part of the notes after them.
    assert "Back-Channel Negotiations of 1989" not in doc000.body
    assert "Mathematics, Statistics, and Models" not in doc000.body
    assert notes[7].text.startswith("Akira Iriye, H-Diplo Forum")
    assert notes[54].text.startswith("The immense intellectual production")


def test_000_simple_notes_read_whole(doc000):
    notes = {n.n: n for n in doc000.notes}
    assert notes[1].text == (
        "Mikoyan's thank-you note dates from 1 December 1975 and is stored in Russian State Archive of "
        "Sociopolitical History (RGASPI), Fond (F.) 84, Opis' (Op.) 3, Delo (D.) 108, List (L.) 43."
    )
    assert notes[8].text == "*Ibid.*"
    assert notes[58].text == "Transcript of Mikoyan-Ikeda conversations (see note 45 *supra*), L. 75."
    assert notes[83].text == "Sato to Mikoyan, 14 September 1975, in RGASPI, F. 84, Op. 3, D. 107, Ll. 49–50."


def test_000_every_marker_is_linked_to_its_note(doc000):
    text = doc000.text
    numbered = [n for n in doc000.notes if n.n > 0]
    assert all(n.marker is not None for n in numbered)
    for note in numbered:
        digits = text[note.marker.start:note.marker.end]
        assert int(digits.translate(SUPERSCRIPTS)) == note.n
    starts = [n.marker.start for n in numbered]
    assert starts == sorted(starts)


def test_000_markers_link_to_the_sentence_they_annotate(doc000):
    notes = {n.n: n for n in doc000.notes}
    assert notes[1].context == (
        "The year was 1975, and to mark Mikoyan's 80th birthday, Noguchi had sent the retired Soviet official "
        "a souvenir."
    )
    # Note 12's sentence is cut by a page of notes and rejoined.
    assert notes[12].context == (
        "The fact that the treaty was signed despite such intense social opposition could not have reassured "
        "Soviet officials, who were certain that the “Japanese could only do what the Americans secretly advised.”"
    )
    assert notes[58].context == "We are in need of various kinds of raw materials,” Ikeda explained."
    assert notes[4].context.endswith("are very highly regarded in our country.\"")


def test_000_page_furniture_is_not_body(doc000):
    assert "Journal of Cold War Studies\n" not in doc000.body
    assert "doi:10.1162" not in doc000.body
    assert "© 2018" not in doc000.body
    # A body paragraph cut by notes and furniture is rejoined.
    assert "Noguchi had sent the retired Soviet official a souvenir.¹" in doc000.body
    assert "continue to develop steadily. Your Excellency's services" in doc000.body
    assert "Akira Iriye argued in a subsequent critique" in doc000.body


def test_000_figure_source_is_unnumbered_note_zero(doc000):
    source = doc000.notes[0]
    assert source.n == 0 and source.marker is None
    assert source.text == (
        "Derived from the *Vneshnyaya torgovlya SSSR za . . . Statisticheskii obzor* series for those years."
    )
    assert source.context == "Figure 1: USSR Trade with Japan (in Millions of Current Rubles)"


# --- inline markers (001) ----------------------------------------------------------------------------------


def test_001_finds_85_markers_at_their_exact_offsets(doc001):
    expected = json.loads((ROOT / "tests/data/document_001_markers.json").read_text())["starts"]
    assert doc001.layout == "inline"
    assert [n.n for n in doc001.notes] == list(range(1, 86))
    assert [n.marker.start for n in doc001.notes] == expected


def _marker(doc, n):
    note = doc.notes[n - 1]
    return doc.text[note.marker.start:note.marker.end], note.marker.start


def test_001_marker_glued_to_a_year(doc001):
    digits, start = _marker(doc001, 12)
    assert digits == "12"
    assert doc001.text[start - 10:start] == "until 1984"


def test_001_marker_after_a_number_ending_a_sentence(doc001):
    digits, start = _marker(doc001, 48)
    assert digits == "48"
    assert doc001.text[start - 9:start] == "21 to 37."


def test_001_figure_right_after_a_marker(doc001):
    digits, start = _marker(doc001, 19)
    assert digits == "19"
    assert doc001.text[start - 4:start + 6] == "gas.19 44%"


def test_001_markers_split_by_a_space(doc001):
    assert _marker(doc001, 36)[0] == "3 6"
    assert doc001.text[_marker(doc001, 36)[1] - 5:_marker(doc001, 36)[1]] == "U.S.”"
    assert _marker(doc001, 58)[0] == "5 8"
    assert doc001.text[_marker(doc001, 58)[1] - 6:_marker(doc001, 58)[1]] == "1990. "


def test_001_markers_after_commas_quotes_and_in_letter_spaced_lines(doc001):
    digits, start = _marker(doc001, 34)
    assert (digits, doc001.text[start - 7:start]) == ("34", "Norway,")
    digits, start = _marker(doc001, 3)
    assert (digits, doc001.text[start - 2:start]) == ("3", ".”")
    digits, start = _marker(doc001, 17)
    assert (digits, doc001.text[start - 12:start]) == ("17", "competitors.")
    assert doc001.notes[16].context.endswith("to stay abreast of competitors.")


def test_001_amounts_years_and_percentages_are_not_markers(doc001):
    covered = {i for note in doc001.notes for i in range(note.marker.start, note.marker.end)}
    text = doc001.text
    for token in ("US$5 billion", "44%", "1.4 billion", "80,000", "G7 summit", "Sakhalin-1"):
        at = text.index(token)
        assert not covered & set(range(at, at + len(token))), token
    digits, start = _marker(doc001, 31)
    assert text[start - 13:start + 2] == "US$5 billion.31"


def test_001_note_texts_absent_are_reported_not_invented(doc001):
    assert all(n.text is None and n.text_missing for n in doc001.notes)
    assert doc001.warnings == [
        "001_f2115fb02966d65e.txt: 85 notes have no text in the document: 1–85 (supply them with --notes FILE)"
    ]
    assert doc001.notes[0].context == (
        "Moscow denied, however, that Brezhnev had accepted any such interpretation, and the two sides remained "
        "at loggerheads."
    )
    assert doc001.notes[11].context == (
        "First, coking coal was not delivered until 1984, and even then coal deliveries ran far short of the "
        "contracted amount."
    )


def test_001_endnotes_file_supplies_the_texts(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "1. Hiroshi Kimura, *Japanese-Russian Relations under Brezhnev and Andropov* (Armonk, NY: M.E. Sharpe,\n"
        "2000), p. 51.\n\n2. *Ibid.*, p. 60.\n\n86. A note the text never marks.\n",
        encoding="utf-8",
    )
    doc = read_document(DOC_001, notes)
    by_n = {n.n: n for n in doc.notes}
    assert by_n[1].text == (
        "Hiroshi Kimura, *Japanese-Russian Relations under Brezhnev and Andropov* (Armonk, NY: M.E. Sharpe, "
        "2000), p. 51."
    )
    assert by_n[2].text == "*Ibid.*, p. 60."
    assert by_n[3].text is None
    assert by_n[86].marker is None and by_n[86].text == "A note the text never marks."
    assert "001_f2115fb02966d65e.txt: 83 notes have no text in the document: 3–85" in doc.warnings
    assert any("no marker in the text: 86" in w for w in doc.warnings)


def test_notes_file_without_numbered_notes_is_an_error(tmp_path: Path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just prose\n", encoding="utf-8")
    with pytest.raises(UserError, match="text before the first numbered note"):
        read_notes_file(bad)


# --- general cases beyond the fixtures ---------------------------------------------------------------------


PAGED = """Title of the Piece

The first page says something.¹ Then it goes on and on about trade with a long sentence that the page cuts

1. Jane Roe, *A Book* (Place: Press, 2001), p. 3.

2. Some commentary that runs long and is cut by the page break in the

Journal of Things

Vol. 3, No. 1, Winter 2001, pp. 1–20, doi:10.1000/xyz

in two, as sentences are.² A new paragraph begins.³ Another one.⁵

middle of a word, so it continues here.

3. *Ibid.*, p. 4.

3. A second note three.

5. Last note.
"""


def test_synthetic_page_layout_with_gap_duplicate_and_continuation(tmp_path: Path):
    path = tmp_path / "paged.txt"
    path.write_text(PAGED, encoding="utf-8")
    doc = read_document(path)
    by_n = {}
    for n in doc.notes:
        by_n.setdefault(n.n, n)
    assert by_n[2].text == (
        "Some commentary that runs long and is cut by the page break in the middle of a word, so it continues here."
    )
    assert by_n[2].context == (
        "Then it goes on and on about trade with a long sentence that the page cuts in two, as sentences are."
    )
    assert [n.n for n in doc.notes] == [1, 2, 3, 3, 5]
    assert "paged.txt: notes missing from the numbering: 4" in doc.warnings
    assert "paged.txt: note numbers used twice: 3" in doc.warnings
    assert "Journal of Things" not in doc.body


def test_synthetic_inline_markers(tmp_path: Path):
    path = tmp_path / "inline.txt"
    path.write_text(
        "Trade grew from 1958 to 1967.1 It reached US$519 million,2 or 5% of the total, by 19703 and\n"
        "then fell.”4 In 1975 it was 3.5 billion.5 Nobody said 6 here. The end came in 1991.6\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    got = [(n.n, doc.text[n.marker.start:n.marker.end], n.marker.start) for n in doc.notes]
    text = doc.text
    assert got == [
        (1, "1", text.index("1967.1") + 5),
        (2, "2", text.index("million,2") + 8),
        (3, "3", text.index("19703") + 4),
        (4, "4", text.index("”4") + 1),
        (5, "5", text.index("billion.5") + 8),
        (6, "6", text.index("1991.6") + 5),
    ]
    assert doc.notes[2].context == "It reached US$519 million, or 5% of the total, by 1970 and then fell.”"
