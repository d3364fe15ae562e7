"""Newspapers named in prose, the State Department's own files, NARA file codes and partial ibid. of U.S.
archives: forms written for these tests in the way FRUS and U.S. diplomatic histories print them (not fixture
notes), each with the fields expected."""

from zotero_cw.models import FULL, IBID, Note
from zotero_cw.parse import ParseContext, parse_note
from zotero_cw.parse.fields import Read
from zotero_cw.parse.model import _partial_archival
from zotero_cw.parse.press import find_press, is_newspaper
from zotero_cw.resolve import resolve


def cites(text, ctx=None):
    return parse_note(Note("t.txt", 1, text), ctx or ParseContext())


def run(texts):
    ctx = ParseContext()
    out = [c for i, t in enumerate(texts, 1) for c in parse_note(Note("t.txt", i, t), ctx)]
    resolve(out)
    return out


def newspaper(found):
    papers = [c for c in found if c.item.get("type") == "article-newspaper"]
    assert len(papers) == 1, found
    return papers[0]


# --- newspapers ---------------------------------------------------------------------------------------
def test_a_speech_published_in_a_paper_on_a_day_without_its_year():
    c = newspaper(cites("Gromyko’s statement, published in Izvestiia on March 3, was discussed in telegram 2210 "
                        "from Moscow."))
    assert c.kind == FULL and c.text == "Gromyko’s statement, published in Izvestiia on March 3"
    assert c.item["container-title"] == "Izvestiia" and c.item["title"] == "statement"
    assert c.item["author"] == [{"family": "Gromyko"}]
    assert c.item["issued"] == {"literal": "March 3"}  # no year is guessed


def test_an_article_by_someone_which_appeared_in_a_named_paper():
    c = newspaper(cites("Reference is to an article by Joseph Alsop which appeared in The Washington Post on "
                        "June 4, 1962. The Department had not been consulted."))
    assert c.text.startswith("an article by Joseph Alsop") and c.item["container-title"] == "The Washington Post"
    assert c.item["author"] == [{"family": "Alsop", "given": "Joseph"}] and "title" not in c.item
    assert c.item["issued"] == {"date-parts": [[1962, 6, 4]]}


def test_a_paper_opening_a_part_with_its_days_and_page():
    c = newspaper(cites("See Baltimore Sun, October 3 and 5, 1881, p. 2."))
    assert c.item["container-title"] == "Baltimore Sun" and c.item["issued"] == {"date-parts": [[1881, 10]]}
    assert (c.locator, c.label, c.prefix) == ("2", "page", "See")
    one = newspaper(cites("Trud, 12 April 1961, 1."))
    assert one.item["issued"] == {"date-parts": [[1961, 4, 12]]} and one.locator == "1"


def test_a_known_paper_after_published_in_needs_no_date_and_prose_is_not_a_paper():
    c = newspaper(cites("The passage, as printed in Pravda, omits the last sentence."))
    assert c.text == "Pravda" and "issued" not in c.item
    assert find_press("The report appeared in the Journal of Modern History.") == []  # a journal, no day
    assert find_press("He published in Moscow on May 5 a reply.") == []


def test_the_newspaper_list_is_the_users_to_extend(tmp_path, monkeypatch):
    text = "The appeal, published in Vecherniaia Odessa on 5 May 1978, was not answered."
    assert find_press(text) == []
    extra = tmp_path / "papers.yaml"
    extra.write_text("newspapers: [vecherniaia odessa]\n", encoding="utf-8")
    monkeypatch.setenv("ZOTERO_CW_LEXICON", str(extra))
    (hit,) = find_press(text)
    assert hit.item["container-title"] == "Vecherniaia Odessa" and "title" not in hit.item  # "The appeal": prose
    assert text[hit.start:hit.end] == "Vecherniaia Odessa on 5 May 1978"
    assert is_newspaper("Vecherniaia Odessa") and not is_newspaper("Slavic Review")


# --- the State Department's files --------------------------------------------------------------------
def test_state_department_files_with_a_lot_and_a_decimal_file():
    (lot,) = cites("Source: Department of State, Conference Files: Lot 62 D 181, CF 745. Secret.")
    arch = lot.item["custom"]["archival"]
    assert (lot.item["archive_location"], arch["archive"], arch["fond"], arch["opis"], arch["delo"]) == (
        "Conference Files: Lot 62 D 181, CF 745", "DOS", "Conference Files", "Lot 62 D 181", "CF 745")
    later = run(["Source: Department of State, Conference Files: Lot 62 D 181, CF 745. Secret.",
                 "Ibid., Lot 62 D 182.", "Ibid., Conference Files: Lot 63 D 123, CF 1020."])
    assert [c.item["archive_location"] for c in later[1:]] == [  # the lot replaces the lot and the file below it
        "Conference Files, Lot 62 D 182", "Conference Files, Lot 63 D 123, CF 1020"]
    decimal = [c for c in cites("Bohlen reported the talk at once. (Department of State, Central Files, "
                                "611.61/2–1456)") if c.item.get("archive_location")]
    arch = decimal[0].item["custom"]["archival"]
    assert (arch["archive"], arch["opis"], arch["delo"]) == ("DOS", "Central Files", "611.61/2–1456")


def test_a_nara_series_ending_in_a_file_code_gives_the_file():
    for text, series, file in (
            ("Source: National Archives, RG 59, Central Files 1964–66, POL 15–1 JAPAN. Secret.",
             "Central Files 1964–66", "POL 15–1 JAPAN"),
            ("NARA, RG 59, Central Decimal File 1955–59, 794.00/1–1457.", "Central Decimal File 1955–59",
             "794.00/1–1457")):
        (c,) = [c for c in cites(text) if c.item.get("custom")]
        arch = c.item["custom"]["archival"]
        assert (arch["fond"], arch["opis"], arch["delo"]) == ("59", series, file)


def test_a_box_then_the_folder_it_holds_is_the_unit_then_the_file():
    # the folder named after the box is the file, kept in the location, not a citation of its own
    (nara,) = cites("Noble to Brooks, September 13, 1960, NARA, RG 59, Lot File 71 D 212, Box 3, Foreign Relations 1960.")
    arch = nara.item["custom"]["archival"]
    assert nara.item["archive_location"] == "RG 59, Lot File 71 D 212, Box 3, Foreign Relations 1960"
    assert (arch["fond"], arch["opis"], arch["unit"], arch["delo"]) == ("59", "Lot File 71 D 212", "Box 3",
                                                                       "Foreign Relations 1960")
    (named,) = [c for c in cites("Source: National Archives, RG 63, Entry 9, Papers of the Foreign Section, Box 4, "
                                 "J.B. Hollis. No classification marking.") if c.item.get("custom")]
    assert named.item["custom"]["archival"]["delo"] == "J.B. Hollis"  # an initial's full stop ends no folder
    (dos,) = cites("Casey to Shultz, January 21, 1986, Department of State, CDC Lot File 95D113, Box 2, "
                   "Presidential Directive 1985.")
    arch = dos.item["custom"]["archival"]
    assert (arch["opis"], arch["unit"], arch["delo"]) == ("Lot File 95D113", "Box 2", "Presidential Directive 1985")
    assert dos.item["archive_location"] == "CDC Lot File 95D113, Box 2, Presidential Directive 1985"
    (alone,) = cites("Department of State, HAC Lot File 96D292, Box 1.")  # a box alone is the file
    assert alone.item["custom"]["archival"]["delo"] == "Box 1" and "unit" not in alone.item["custom"]["archival"]
    (folder,) = cites("National Archives, RG 59, Central Files, Box 17, folder 4.")
    assert folder.item["archive_location"] == "RG 59, Central Files, Box 17, Folder 4"  # no stray full stop


# --- partial ibid. in U.S. notations ------------------------------------------------------------------
def test_ibid_with_files_and_a_decimal_file_or_a_record_group():
    cits = run(["Source: Department of State, Central Files, 794.5/3–1059. Secret.",
                "Memorandum by Parsons, March 11; ibid., Central Files, 794.5/3–1159.",
                "Source: National Archives, RG 59, Central Files 1964–66, POL 7 JAPAN.",
                "Telegram 88 to Tokyo; ibid., RG 59, Central Files 1967–69, DEF 15 RYU IS–US."])
    dos, files, nara, group = cits
    assert files.kind == FULL and files.item["archive_location"] == "Central Files, 794.5/3–1159"
    assert files.item["custom"]["archival"]["archive"] == "DOS" and files.item["title"].startswith("Memorandum by")
    arch = group.item["custom"]["archival"]
    assert group.kind == FULL and (arch["archive"], arch["fond"], arch["opis"], arch["delo"]) == (
        "NARA", "59", "Central Files 1967–69", "DEF 15 RYU IS–US")


def test_a_bare_number_the_labeller_called_a_file_is_the_page_of_an_ibid():
    read = Read(kind="ibid", start=0, end=11, segments=[("backref", "Ibid.,"), ("delo", "156")])
    assert _partial_archival(read) == ({}, "156")
    named = Read(kind="ibid", start=0, end=18, segments=[("backref", "Ibid.,"), ("delo", "d. 88,")])
    assert _partial_archival(named) == ({"custom": {"archival_override": {"delo": "88"}}}, None)
    (c,) = cites("Ibid., 156.")
    assert c.kind == IBID and c.locator == "156"


# --- diaries, appointment books, documents of the same volume ------------------------------------------
def test_appointment_books_and_diaries_named_by_their_keeper():
    found = cites("The time of the meeting is from Dulles’ Daily Appointment Book (Princeton University Library) "
                  "and the Secretary’s Appointment Book, which lists no other visitor.")
    books = [c for c in found if c.kind == FULL]
    assert [c.item["title"] for c in books] == ["Dulles’ Daily Appointment Book", "Secretary’s Appointment Book"]
    assert books[0].item["archive"] == "Princeton University Library"
    (kept,) = cites("The hour is from Herter's Appointment Book. (Eisenhower Library)")
    assert kept.item["custom"]["archival"]["archive"] == "DDEL" and kept.item["title"] == "Herter's Appointment Book"
    (diary,) = cites("See also Hagerty Diary.")
    assert diary.item == {"type": "manuscript", "title": "Hagerty Diary"} and diary.prefix == "See also"


def test_a_diary_inside_a_fuller_reference_or_a_book_is_left_to_it():
    for text in ("Eisenhower Library, Whitman File, Eisenhower Diaries.",
                 "Eduard Kuznetsov, Prison Diaries (Liberty Publishing House, 2017), 68.",
                 "Fish Diary, March 30, 1870, Microfilm Roll 277, Fish Papers."):
        assert all(c.item.get("title") not in ("Eisenhower Diaries", "Prison Diaries", "Fish Diary")
                   or c.item.get("archive_location") or c.item.get("publisher") for c in cites(text)), text


def test_a_document_of_the_same_volume_named_after_a_verb():
    (c,) = [c for c in cites("The letter to Macmillan is Document 212.") if c.cross_reference]
    assert c.cross_reference == "Document 212"


def test_one_page_after_an_article_is_the_place_cited_and_a_range_its_pages():
    from zotero_cw.parse.fields import build
    from zotero_cw.parse.labeller import Labelled
    from zotero_cw.parse.tokens import tokenize

    def read(text, labels):
        toks = tokenize(text)
        assert len(toks) == len(labels), [t.text for t in toks]
        lab = [Labelled(t, x) for t, x in zip(toks, labels, strict=True)]
        from zotero_cw.parse.fields import group
        return build(text, group(lab)[0])

    one = read("Fedotov, “Nasha demokratiia,” Novyi grad 9 (1934): 12.",
               ["author", "title", "title", "container-title", "container-title", "volume", "date", "pages"])
    assert (one.locator, one.label, "page" in one.item) == ("12", "page", False)
    whole = read("Fedotov, “Nasha demokratiia,” Novyi grad 9 (1934): 5–17.",
                 ["author", "title", "title", "container-title", "container-title", "volume", "date", "pages"])
    assert (whole.locator, whole.item["page"]) == (None, "5–17")


# --- FRUS volumes -------------------------------------------------------------------------------------
def test_a_frus_volume_by_years_volume_and_pages_with_or_without_italics():
    for text in ("See Foreign Relations, 1958-1960, vol. X, Part 1, pp. 33-35.",
                 "See *Foreign Relations, 1958-1960*, vol. X, Part 1, pp. 33-35."):
        (c,) = cites(text)
        assert c.item == {"type": "book", "title": "Foreign Relations, 1958–1960", "volume": "X", "part": "1"}
        assert (c.locator, c.label, c.prefix) == ("33–35", "page", "See")
    (doc,) = cites("See Foreign Relations, 1964–1968, vol. XXX, China, Document 12 "
                   "(https://history.state.gov/historicaldocuments/frus1964-68v30/d12).")
    assert doc.item == {"type": "chapter", "container-title": "Foreign Relations, 1964–1968", "number": "12",
                        "URL": "https://history.state.gov/historicaldocuments/frus1964-68v30/d12", "volume": "XXX",
                        "volume-title": "China"}
    assert cites("The Foreign Relations series began in 1861.") == []  # the series named, no volume cited


def test_frus_pages_without_a_label_and_a_signal_before_the_printed_document():
    (vol,) = cites("FRUS, 1950, vol. VII, 158–61.")
    assert (vol.item["volume"], vol.locator, vol.label) == ("VII", "158–61", "page")
    (doc,) = cites("See for example Smith to Dulles, June 29, 1953, in Foreign Relations 1953, 57-58.")
    assert (doc.prefix, doc.item["title"], doc.item["page"]) == ("See for example", "Smith to Dulles", "57–58")
    assert doc.item["container-title"] == "Foreign Relations 1953"
    (years,) = cites("FRUS, 1961–1963, vol. V, 1962.")  # a year after the volume is not its pages
    assert years.locator is None


def test_the_presidents_public_papers_by_president_and_year():
    (c,) = cites("For the statement, see Public Papers of the Presidents of the United States: Harry S. Truman, "
                 "1949, pp. 112-114.")
    assert c.item == {"type": "book", "title": "Public Papers of the Presidents of the United States: Harry S. "
                                               "Truman, 1949"}
    assert (c.locator, c.label, c.prefix) == ("112–114", "page", "see")
    first, second = cites("Public Papers: Johnson, 1966, Book II, p. 794; Department of State Bulletin, May 3, 1966, "
                          "p. 12.")
    assert (first.item["title"], first.item["volume"], first.locator) == ("Public Papers: Johnson, 1966", "II", "794")
    assert second.item["container-title"] == "Department of State Bulletin"


def test_a_dated_document_before_a_frus_volume_is_printed_in_it():
    (c,) = cites("Dean Acheson memorandum for the President, May 2, 1950, Foreign Relations of the United States, "
                 "1950, vol. III, pp. 1007–1013.")
    assert c.item["type"] == "chapter" and c.item["title"] == "Dean Acheson memorandum for the President"
    assert c.item["issued"] == {"date-parts": [[1950, 5, 2]]} and c.item["volume"] == "III"
    assert c.item["container-title"] == "Foreign Relations of the United States, 1950"
    assert (c.item["page"], c.locator) == ("1007–1013", None)  # the document's pages in the volume
    ctx = ParseContext()
    cites("Memorandum by Bowie, 4 May 1955, in U.S. Department of State, Foreign Relations of the United States, "
          "1955–1957, Vol. XIX, p. 61 (hereinafter referred to as FRUS).", ctx)
    assert ctx.abbreviations["FRUS"] == {"title": "Foreign Relations of the United States",
                                         "container-author": [{"literal": "U.S. Department of State"}]}


def test_a_letter_to_several_addressees_and_a_writers_memorandum_without_one():
    (many,) = cites("Ellis Briggs memorandum to Wallace Murray, Jay Moffat, and Herbert Feis, March 2, 1938, "
                    "711.94/1203.")
    assert many.item["title"] == "Ellis Briggs memorandum to Wallace Murray, Jay Moffat, and Herbert Feis"
    assert many.item["issued"] == {"date-parts": [[1938, 3, 2]]}
    (memo,) = cites("Stanley Hornbeck memorandum, June 3, 1937, 793.94/8841.")
    assert memo.item["title"] == "Stanley Hornbeck memorandum" and memo.item["archive_location"] == "793.94/8841"


def test_a_day_without_its_year_or_with_two_digits_is_kept_as_written():
    from zotero_cw.parse.dates import literal_date, parse_date

    assert literal_date("26 Sep 44") == {"literal": "26 Sep 44"} and parse_date("26 Sep 44") is None
    assert literal_date("March 14,") == {"literal": "March 14"} and literal_date("1944") is None
    (c,) = cites("Memorandum of conversation, November 10; ibid.")
    assert (c.item["title"], c.item["issued"]) == ("Memorandum of conversation", {"literal": "November 10"})


def test_a_bracketed_file_after_a_description_and_a_semicolon_ends_before_the_next_sentence():
    found = cites("The memorandum is not printed. (Telegram 514 from Tokyo; Department of State, Central Files, "
                  "794.00/2–1060) During the talk Kishi raised the Ryukyus.")
    (c,) = [c for c in found if c.item.get("archive_location")]
    assert c.text == "Telegram 514 from Tokyo; Department of State, Central Files, 794.00/2–1060)"
    assert c.item["title"] == "Telegram 514 from Tokyo" and c.item["custom"]["archival"]["archive"] == "DOS"


def test_cia_records_by_job_or_crest_number():
    from zotero_cw.archives import default_registry, find_compact_refs

    text = "CREST, CIA-RDP80B01676R000900080067-4; Central Intelligence Agency Files, Job 80-B01285A, Box 2."
    refs = [ref for _, ref in find_compact_refs(text, default_registry())]
    assert [(r.archive, r.opis, r.delo, r.extra.get("box")) for r in refs] == [
        ("CIA", None, "CIA-RDP80B01676R000900080067-4", None), ("CIA", "Job 80-B01285A", None, "2")]
    assert find_compact_refs("He got the job 80 days later.", default_registry()) == []


def test_an_archive_named_with_its_acronym_in_brackets_defines_it_for_later_notes():
    ctx = ParseContext()
    cites("Lowrie to Mott, May 2, 1921, Donald A. Lowrie Papers, Rare Book and Manuscript Library, Columbia "
          "University Archives, New York (DLP CUA).", ctx)
    assert ctx.registry.find("CUA").name == "Columbia University Archives"
    assert ctx.registry.find("DLP CUA").acronym == "CUA"
    (c,) = cites("Lowrie to Mott, June 9, 1921, 2, DLP CUA.", ctx)
    arch = c.item["custom"]["archival"]
    assert (arch["archive"], arch["fond"], c.locator) == ("CUA", "DLP", "2")
    before = ParseContext()
    cites("The Soviet Union (USSR) signed.", before)
    assert before.registry.find("USSR") is None  # not an archive's name


def test_a_page_of_a_letter_after_its_decimal_file_is_its_locator():
    (c,) = cites("Joseph Grew despatch to Secretary of State, March 3, 1936, 026 Foreign Relations/1011, p. 4, "
                 "DoS CDF 1930-1939.")
    assert (c.locator, c.item["archive_location"]) == ("4", "026 Foreign Relations/1011, DoS CDF 1930-1939")
    assert c.item["custom"]["archival"]["delo"] == "026 Foreign Relations/1011"


def test_a_treaty_described_before_for_text_see_and_the_series_before_volume_and_page():
    (c,) = cites("The Treaty of Commerce and Navigation, signed at Tokyo on April 2, 1953; for text, see UNTS 206:143.")
    assert c.item == {"type": "treaty", "container-title": "UNTS", "volume": "206", "page": "143",
                      "issued": {"date-parts": [[1953, 4, 2]]}, "title": "The Treaty of Commerce and Navigation"}
    (bare,) = cites("For text, see 4 UST 2063.")
    assert "title" not in bare.item and (bare.item["volume"], bare.item["page"]) == ("4", "2063")


def test_a_document_printed_in_the_public_papers_for_text_see():
    (c,) = cites("For text of the President’s address to the Congress, January 30, see Public Papers of the "
                 "Presidents of the United States: John F. Kennedy, 1961, pp. 19-28.")
    assert (c.item["type"], c.item["title"], c.item["issued"]) == ("chapter", "the President’s address to the "
                                                                   "Congress", {"literal": "January 30"})
    assert c.item["container-title"] == "Public Papers of the Presidents of the United States: John F. Kennedy, 1961"
    assert c.item["page"] == "19–28"


# --- U.S. Army correspondence -----------------------------------------------------------------------------
def test_army_papers_by_writer_addressee_day_subject_and_file():
    (ltr,) = cites("Ltr, CG Philippine Dept to TAG, 4 Mar 41, sub: Beach Defenses of Luzon, AG 381 (3-4-41).")
    assert ltr.kind == FULL and ltr.item["type"] == "manuscript"
    assert ltr.item["title"] == "Ltr, CG Philippine Dept to TAG, sub: Beach Defenses of Luzon"
    assert ltr.item["issued"] == {"literal": "4 Mar 41"}  # a two-digit year is kept as written, never guessed
    assert ltr.item["archive_location"] == "AG 381 (3-4-41)" and "archive" not in ltr.item  # no archive named
    memo, rad = cites("Memo, ACofS WPD for CofS, 9 Jan 42, sub: Reinforcements, WPD 4639-11; Rad, Stimson to "
                      "MacArthur, No. 882, 17 Jan 42, AG 381 (11-27-41 Gen) Far East.")
    assert (memo.item["title"], memo.item["archive_location"]) == ("Memo, ACofS WPD for CofS, sub: Reinforcements",
                                                                  "WPD 4639-11")
    assert (rad.item["title"], rad.item["issued"], rad.item["archive_location"]) == (
        "Rad, Stimson to MacArthur", {"literal": "17 Jan 42"}, "AG 381 (11-27-41 Gen) Far East")
    (ind,) = cites("2d Ind, TAG to CG USAFFE, 3 Nov 41.")
    assert (ind.item["title"], ind.item["issued"]) == ("2d Ind, TAG to CG USAFFE", {"literal": "3 Nov 41"})
    assert cites("Rad is short for radiogram in these notes.") == []  # no paper without its parties and day
    (seen,) = [c for c in cites("See also ltr, Stimson to Hull, 2 Apr 41, WPD 3251- 47.") if c.item.get("title")]
    assert (seen.item["title"], seen.item["archive_location"]) == ("ltr, Stimson to Hull", "WPD 3251- 47")
    (chief,) = cites("Ltr, Chief, Hist Sec GHQ to G-3 AFPAC, 3 Jan 46, Military Intelligence Division 4521-12.")
    assert (chief.item["title"], chief.item["archive_location"]) == (
        "Ltr, Chief, Hist Sec GHQ to G-3 AFPAC", "Military Intelligence Division 4521-12")
