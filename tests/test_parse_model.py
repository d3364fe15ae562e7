"""The trained labeller and the rules laid over it, on notes that are not from the fixtures and carry no
markup (web and PDF copies lose italics): exact fields for each form and rule."""

import json
from pathlib import Path

import jsonschema

from zotero_cw.models import FULL, IBID, SHORT, SUPRA, UNPARSED, Note
from zotero_cw.parse import ParseContext, parse_note
from zotero_cw.resolve import resolve

SCHEMA = json.loads((Path(__file__).resolve().parent / "data" / "csl-data.json").read_text())


def run(*texts):
    ctx = ParseContext()
    cits = []
    for n, text in enumerate(texts, 1):
        cits.extend(parse_note(Note("m.txt", n, text), ctx))
    resolve(cits)
    return cits


def one(text):
    out = run(text)
    assert len(out) == 1, [(c.kind, c.text) for c in out]
    return out[0]


def valid(item):
    jsonschema.validate([{"id": "x", **{k: v for k, v in item.items() if k != "custom"}}], SCHEMA)
    return True


def test_book_without_markup():
    c = one("See John Lewis Gaddis, We Now Know: Rethinking Cold War History (Oxford: Clarendon Press, 1997), 45–46.")
    assert c.kind == FULL and c.prefix == "See"
    assert c.item["type"] == "book"
    assert c.item["author"] == [{"family": "Gaddis", "given": "John Lewis"}]
    assert c.item["title"] == "We Now Know: Rethinking Cold War History"
    assert (c.item["publisher-place"], c.item["publisher"]) == ("Oxford", "Clarendon Press")
    assert c.item["issued"] == {"date-parts": [[1997]]}
    assert (c.locator, c.label) == ("45–46", "page")
    assert valid(c.item)


def test_journal_article_volume_issue_pages():
    c = one('Vladislav Zubok, "Soviet Intelligence and the Cold War," Diplomatic History 19, no. 3 (1995): 453–72.')
    assert c.item["type"] == "article-journal"
    assert c.item["title"] == "Soviet Intelligence and the Cold War"
    assert c.item["container-title"] == "Diplomatic History"
    assert (c.item["volume"], c.item["issue"], c.item["page"]) == ("19", "3", "453–72")
    assert c.item["issued"] == {"date-parts": [[1995]]}


def test_thesis_keeps_its_genre():
    c = one('Jane Smith, "The Politics of Grain" (PhD diss., University of Chicago, 2004), 112.')
    assert c.item["type"] == "thesis"
    assert c.item["genre"] == "PhD diss."
    assert c.item["publisher"] == "University of Chicago"
    assert c.locator == "112"


def test_short_form_resolves_to_the_full_citation():
    cits = run("John Lewis Gaddis, We Now Know: Rethinking Cold War History (Oxford: Clarendon Press, 1997), 45.",
               "Gaddis, We Now Know, 50.")
    assert [c.kind for c in cits] == [FULL, SHORT]
    assert (cits[1].author, cits[1].short_title, cits[1].locator) == ("Gaddis", "We Now Know", "50")
    assert cits[1].antecedent == 0


def test_op_cit_by_author_resolves_without_a_note_number():
    cits = run("William Taubman, Khrushchev: The Man and His Era (New York: Norton, 2003), 12.",
               "Taubman, op. cit., p. 45.")
    assert cits[1].kind == SUPRA and cits[1].locator == "45" and cits[1].antecedent == 0


def test_cyrillic_gost_archive_and_tam_zhe():
    cits = run("РГАСПИ. Ф. 17. Оп. 3. Д. 1090. Л. 5.", "Там же. Л. 7.")
    full, ibid = cits
    assert full.kind == FULL and full.item["custom"]["archival"] == {
        "archive": "RGASPI", "fond": "17", "opis": "3", "delo": "1090"}
    assert full.item["archive_location"] == "F. 17, Op. 3, D. 1090"
    assert (full.locator, full.label) == ("5", "folio")
    assert ibid.kind == IBID and (ibid.locator, ibid.label) == ("7", "folio") and ibid.antecedent == 0


def test_gost_names_are_family_first_with_initials():
    from zotero_cw.parse.fields import _names
    assert _names("Хрущев Н. С.")[0] == [{"family": "Хрущев", "given": "Н. С."}]


def test_partial_ibid_names_another_file_of_the_same_fond():
    cits = run("RGASPI, f. 17, op. 3, d. 1090, l. 12ob.", "Ibid., op. 5, d. 212, l. 3.")
    second = cits[1]
    assert second.kind == FULL  # another file: a work of its own
    assert second.item["custom"]["archival"] == {"archive": "RGASPI", "fond": "17", "opis": "5", "delo": "212"}
    assert second.item["archive_location"] == "F. 17, Op. 5, D. 212"
    assert cits[0].locator == "12ob."


def test_papka_r_fond_lettered_opis_and_ukrainian_levels():
    c = one("Memorandum of conversation, Molotov–Sato, 8 August 1945, AVP RF, f. 06, op. 7, pap. 2, d. 29, ll. 5–7ob.")
    assert c.item["custom"]["archival"] == {"archive": "AVPRF", "fond": "06", "opis": "7", "delo": "29", "papka": "2"}
    assert c.item["title"] == "Memorandum of conversation, Molotov–Sato"
    assert c.item["issued"] == {"date-parts": [[1945, 8, 8]]}
    assert c.locator == "5–7ob."
    g = one("GARF, f. R-9401, op. 1a, d. 12, l. 3.")
    assert g.item["custom"]["archival"]["fond"] == "R-9401" and g.item["custom"]["archival"]["opis"] == "1a"
    u = one("TsDAHOU, f. 1, op. 23, spr. 12, ark. 5.")
    assert u.item["custom"]["archival"] == {"archive": "TsDAHOU", "fond": "1", "opis": "23", "delo": "12"}
    assert u.locator == "5"
    k = one("ЦДАГО України. Ф. 1. Оп. 23. Спр. 12. Арк. 5.")
    assert k.item["custom"]["archival"]["archive"] == "TsDAHOU"


def test_british_and_american_archives():
    tna, nara = run("TNA, FO 371/84532; RG 59, Central Decimal File 1950–54, 611.61/2-1054, box 2771, NARA.")
    assert tna.item["archive_location"] == "FO 371/84532"
    assert tna.item["custom"]["archival"]["archive"] == "TNA"
    assert nara.item["custom"]["archival"]["archive"] == "NARA"
    assert nara.item["archive_location"] == "RG 59, Central Decimal File 1950–54, 611.61/2-1054, Box 2771"


def test_library_papers_as_us_notes_cite_them():
    source, kennedy = run("Source: Eisenhower Library, Whitman File, Dulles–Herter Series. Secret.",
                          "Kennedy Library, National Security Files, Countries Series, USSR, Vol. IV, Memos (Dec. 1962).")
    assert source.kind == FULL and source.text == "Eisenhower Library, Whitman File, Dulles–Herter Series."
    assert source.item["archive"] == "Dwight D. Eisenhower Library (DDEL)"
    assert source.item["archive_location"] == "Whitman File, Dulles–Herter Series"
    assert source.item["archive-place"] == "Abilene, KS"
    assert source.item["custom"]["archival"]["archive"] == "DDEL"
    assert source.item["custom"]["archival"]["fond"] == "Whitman File"
    assert kennedy.item["archive_location"] == "National Security Files, Countries Series, USSR, Vol. IV, Memos"
    lc = one("Library of Congress, Manuscript Division, Harriman Papers, Box 12.")
    assert lc.item["custom"]["archival"]["archive"] == "LC"  # "Manuscript Division" completes the library's name
    assert lc.item["archive_location"] == "Harriman Papers, Box 12"
    dated = run("Ulam, Expansion and Coexistence (New York, 1974), 45; Eisenhower Library, Whitman File, DDE Diaries, "
                "March 3, 1956.")[1]
    assert dated.item["archive_location"] == "Whitman File, DDE Diaries"  # the date is the document's, not a file
    assert valid(source.item) and valid(lc.item)


def test_a_library_as_publisher_is_not_an_archive():
    book = one("Isaiah Berlin, Russian Thinkers (New York: Modern Library, 1998), 45.")
    assert "archive" not in book.item and book.item.get("publisher") == "Modern Library"


def test_same_fields_with_and_without_markup():
    plain = one("See Ezra Vogel, Japan as Number One (Cambridge, MA: Harvard University Press, 1979), 3.")
    marked = one("See Ezra Vogel, *Japan as Number One* (Cambridge, MA: Harvard University Press, 1979), 3.")
    assert plain.item == marked.item and plain.locator == marked.locator


def test_commentary_only_note_is_reported_and_kept():
    ctx = ParseContext()
    out = parse_note(Note("m.txt", 4, "This point is disputed by many, and rightly so."), ctx)
    assert out == []
    assert ctx.warnings == ["m.txt note 4: no citation found (commentary only)"]


def test_reference_parts_without_title_or_author_are_unparsed_not_guessed():
    out = run("Ibid.; 17, 45, 1999.")
    assert all(c.kind in (IBID, UNPARSED) for c in out)


def test_parse_stays_linear_on_repeated_fragments():
    import time

    def cost(n):
        t = time.perf_counter()
        run("RGASPI 1/1/1 " * n)
        run("*A*, " * n)
        return time.perf_counter() - t

    small, large = cost(250), cost(1000)
    assert large < 4 * small * 3 + 0.5  # linear: 4x the input, well under 16x the time


def test_an_archive_defined_by_hereafter_and_its_own_series_notation():
    defining, later, short = run("National Archives of Australia, Canberra (hereafter NAA), A1838, 3103/10/1.",
                                 "NAA, A1838, 3103/10/2; Doe, Grain Trade, 7.")
    assert defining.kind == FULL and defining.item["type"] == "manuscript"  # was read as a book of that title
    assert defining.item["custom"]["archival"]["archive"] == "NAA"
    assert defining.item["archive_location"] == "A1838, 3103/10/1"
    assert later.kind == FULL and later.item["archive_location"] == "A1838, 3103/10/2"  # was lost
    assert short.kind == SHORT and short.locator == "7"
    years = one("FRUS, 1952–1954, vol. 14, 1200.")
    assert "archive" not in years.item  # a series' years are not an archive's levels


def test_for_text_of_a_document_see_where_it_is_printed():
    c = one("For text of the Geneva Cotton Textile Agreement dated July 21, 1961, see Department of State Bulletin, "
            "August 21, 1961, p. 336.")
    assert c.kind == FULL and c.text.startswith("the Geneva Cotton Textile Agreement")
    assert c.item["title"] == "the Geneva Cotton Textile Agreement"
    assert c.item["container-title"] == "Department of State Bulletin"
    assert c.item["issued"] == {"date-parts": [[1961, 7, 21]]}  # the document's date
    assert c.locator == "336"
    speech = one("For text of this address on February 12, see Congressional Record, vol. 105, Part 2, pp. 2242–2321.")
    assert speech.item["title"] == "this address on February 12"  # no year given: none invented
    assert "issued" not in speech.item
    bare = one("For text, see Department of State Bulletin, March 2, 1959, p. 297.")
    assert "title" not in bare.item and bare.item["container-title"] == "Department of State Bulletin"


def test_a_document_described_before_its_bracketed_file():
    source, telegram, despatch, plain = run(
        "Source: Department of State, Central Files, 611.61/2-562. Secret.",
        "The Ambassador's report was transmitted in telegram 2827 from Bonn, May 22. (Ibid.)",
        "The text was sent in despatch 338 from Tokyo, October 17, 1961. (Department of State, Central Files, "
        "611.9441/10-1761)",
        "He left. (Ibid.)")
    assert telegram.kind == FULL and telegram.text.startswith("telegram 2827 from Bonn")  # the last document named
    assert telegram.item["title"] == "telegram 2827 from Bonn"
    assert telegram.item["issued"] == {"literal": "May 22"}  # the day as written: no year, none invented
    assert telegram.item["archive_location"] == source.item["archive_location"]
    assert despatch.item["title"] == "despatch 338 from Tokyo"
    assert despatch.item["issued"] == {"date-parts": [[1961, 10, 17]]}
    assert despatch.item["archive_location"] == "Central Files, 611.9441/10-1761"
    assert plain.kind == IBID and "title" not in plain.item


def test_a_dated_document_read_as_a_bare_short_title_is_a_full_citation_not_commentary():
    from zotero_cw.parse.fields import Read
    from zotero_cw.parse.model import SpanIndex, to_citation

    text = "Shafer letter to Kirkland, December 13, 1955;"
    read = Read(kind="short", start=0, end=len(text), short_title="Shafer letter to Kirkland, December 13, 1955",
                segments=[("title", text)])
    c = to_citation(read, Note("m.txt", 1, text), ParseContext(), SpanIndex([]))
    assert c is not None and c.kind == FULL  # was dropped, unreported, as "a title alone"
    assert c.item == {"title": "Shafer letter to Kirkland", "issued": {"date-parts": [[1955, 12, 13]]},
                      "type": "document"}
    undated = Read(kind="short", start=0, end=12, short_title="the new rules", segments=[("title", "the new rules")])
    assert to_citation(undated, Note("m.txt", 1, "the new rules"), ParseContext(), SpanIndex([])) is None


def test_an_archival_citation_after_and_is_not_taken_for_a_lead_in():
    from zotero_cw.models import Citation, Span
    from zotero_cw.parse.model import _lead_in

    text = "and Shafer letter to Bestor, December 20, 1955 in “Correspondence,” Box 188, Smith Papers."
    c = Citation(kind=FULL, document="m.txt", note=1, text=text, span=Span(0, len(text)),
                 item={"type": "manuscript", "archive_location": "Box 188, Smith Papers"})
    assert not _lead_in(c, [], text)  # its archival location is something cited, not words around a citation


def test_an_archive_a_document_defines_is_found_when_its_name_is_written_again():
    # the defined name is searched apart from the packaged ones (its own small search); both are found
    first, again, packaged = run(
        "Central State Archive of the Crimea, Simferopol (hereafter TsGAK), f. 652, op. 1, d. 9, l. 4.",
        "Central State Archive of the Crimea, f. 652, op. 1, d. 11, l. 2.",
        "Russian State Archive of Contemporary History, f. 5, op. 30, d. 4, l. 8.")
    assert first.item["custom"]["archival"]["archive"] == "TsGAK"
    assert again.item["custom"]["archival"] == {"archive": "TsGAK", "fond": "652", "opis": "1", "delo": "11"}
    assert again.locator == "2"
    assert packaged.item["custom"]["archival"]["archive"] == "RGANI"


def test_correspondence_writer_document_addressee_date_and_where_it_is_kept():
    first, second, third = run("See Joseph Grew despatch to Secretary of State, February 2, 1935, 026 Foreign "
                               "Relations/816, DoS CDF 1930-1939; Cyril Wynne memorandum to Stanley Hornbeck, "
                               "October 10, 1936, 026 Foreign Relations/1097 and R. Walton Moore instruction to Erle "
                               "Dickover, November 2, 1936, 026 Foreign Relations/1098.")
    assert first.kind == FULL and first.prefix == "See"
    assert first.item["type"] == "manuscript" and first.item["title"] == "Joseph Grew despatch to Secretary of State"
    assert first.item["issued"] == {"date-parts": [[1935, 2, 2]]}
    assert first.item["archive_location"] == "026 Foreign Relations/816, DoS CDF 1930-1939"
    assert first.item["custom"]["archival"] == {"delo": "026 Foreign Relations/816", "opis": "DoS CDF 1930-1939",
                                                "notation": "as-written",
                                                "location": "026 Foreign Relations/816, DoS CDF 1930-1939"}
    assert second.item["title"] == "Cyril Wynne memorandum to Stanley Hornbeck"
    assert second.item["archive_location"] == "026 Foreign Relations/1097"  # not the next letter, after "and"
    assert third.item["title"] == "R. Walton Moore instruction to Erle Dickover"
    assert third.item["issued"] == {"date-parts": [[1936, 11, 2]]}
    assert valid(first.item) and valid(third.item)


def test_a_letter_before_an_archives_own_notation_keeps_the_archive():
    c = one("Houston to Colby, March 21, 1972, NARA, RG 59, CDF 1960–1963, 023.1/5–1161.")
    assert c.item["type"] == "personal_communication" and c.item["title"] == "Houston to Colby"
    assert c.item["issued"] == {"date-parts": [[1972, 3, 21]]}
    assert c.item["custom"]["archival"]["archive"] == "NARA"
    assert c.item["archive_location"] == "RG 59, CDF 1960–1963, 023.1/5–1161"  # no stop carried into the file


def test_correspondence_with_a_page_an_enclosure_and_a_memorandum_for_the_files():
    paged = one("John Hughes memorandum to Secretary of State, January 30, 1984, p. 4.")
    assert paged.item["title"] == "John Hughes memorandum to Secretary of State" and paged.locator == "4"
    enclosed = one("Stephen Gaselee letter to Herschel Johnson, September 23, 1938 enclosed with Herschel Johnson "
                   "despatch to Secretary of State, September 30, 1938, 026 Foreign Relations/16 in DoS CDF 1930-1939.")
    assert enclosed.item["title"] == "Stephen Gaselee letter to Herschel Johnson"  # the enclosure, one citation
    assert enclosed.item["issued"] == {"date-parts": [[1938, 9, 23]]}
    assert enclosed.item["archive_location"] == "026 Foreign Relations/16 in DoS CDF 1930-1939"
    files = one("Richardson Dougall memorandum for the files, December 2, 1957, Folder “November-December 1957”.")
    assert files.item["title"] == "Richardson Dougall memorandum for the files"
    assert files.item["archive_location"] == "Folder “November-December 1957”"


def test_words_inside_a_quoted_title_are_not_a_letter():
    c = one("Paul B. Anderson, “A Pilgrimage: The Pilgrimage of Donald A. Lowrie and Paul B. Anderson to Jerusalem, "
            "1923,” privately printed, 8.")
    assert c.text.startswith("Paul B. Anderson, “A Pilgrimage")  # not "Paul B. Anderson to Jerusalem, 1923"
    assert c.item.get("type") != "personal_communication" and "Jerusalem" not in (c.item.get("title") or "")[:30]


def test_statutes_regulations_and_treaties_by_volume_code_and_page():
    first, second = run("On the 1958 agreement, see 9 UST 13; for the 1959 agreement, see 10 UST 1934.")
    assert first.kind == FULL and first.item["type"] == "treaty"
    assert (first.item["title"], first.item["container-title"], first.item["volume"], first.item["page"]) == \
        ("the 1958 agreement", "UST", "9", "13")
    assert first.text == "the 1958 agreement, see 9 UST 13"
    assert second.item["title"] == "the 1959 agreement" and second.item["page"] == "1934"
    order = one("On March 19 the President signed E.O. 11010 (27 Fed. Reg. 2621) amending E.O. 10713.")
    assert order.item == {"type": "legislation", "title": "E.O. 11010", "container-title": "Fed. Reg.",
                          "volume": "27", "page": "2621"}  # "Fed." does not end the sentence
    code = run("22 USC 4351, et seq. See also Al Kamen, “Documents Law,” Washington Post, May 1, 1991.")[0]
    assert code.item == {"type": "legislation", "container-title": "USC", "volume": "22"}
    assert (code.locator, code.label) == ("4351", "section")
    tias = run("Text is in TIAS 4509 and 72 Stat. 1012.")
    assert [(c.item["container-title"], c.item.get("number"), c.item.get("volume")) for c in tias] == \
        [("TIAS", "4509", None), ("Stat.", None, "72")]
    assert all(valid(c.item) for c in (first, order, code, *tias))


def test_a_letter_printed_in_a_collection_is_not_given_an_archive():
    printed = one("Lampson to Reading, 10 December 1931, DBFP, vol. VIII, p. 745.")
    assert "archive_location" not in printed.item  # a volume and page: where it is printed, not kept
    assert printed.item.get("container-title") == "DBFP" and printed.item["volume"] == "VIII"
    papers = one("Paul B. Anderson letter to Berta, March 31, 1921, 1–3, PBAFP KFYA.")
    assert papers.item["title"] == "Paul B. Anderson letter to Berta"
    assert papers.locator == "1–3" and papers.item["archive_location"] == "PBAFP KFYA"  # its pages, then the papers


def test_memoranda_of_conversation_asides_and_letters_named_in_a_sentence():
    talk, later = run("Memorandum of conversation between Edwin Wilson and M. Massigli, August 26, 1938; memorandum "
                      "of conversation (March 27, 1980) between Clayton McManaway, et al., April 2, 1980 in "
                      "“Dissent Channel Package.”")
    assert talk.item["title"] == "Memorandum of conversation between Edwin Wilson and M. Massigli"
    assert talk.item["issued"] == {"date-parts": [[1938, 8, 26]]}
    assert later.item["title"] == "memorandum of conversation (March 27, 1980) between Clayton McManaway, et al."
    assert later.item["issued"] == {"date-parts": [[1980, 4, 2]]}  # the memorandum's date, not the talk's
    aside = one("See Stanley Grogon (with attached Edwin Kretzmann through Grogon to Allen Dulles) to Allen Dulles, "
                "December 1, 1960.")
    assert aside.item["title"].endswith("to Allen Dulles") and aside.item["issued"] == {"date-parts": [[1960, 12, 1]]}
    quoted = one("Quote from attached John Hughes memorandum to Secretary of State, January 30, 1984, p. 4.")
    assert quoted.item["title"] == "John Hughes memorandum to Secretary of State" and quoted.locator == "4"
    everyone = one("Ben Read memorandum to all Assistant Secretaries, April 11, 1980.")
    assert everyone.item["title"] == "Ben Read memorandum to all Assistant Secretaries"


def test_a_public_law_with_its_date_and_a_treaty_for_whose_text_the_volume_is_given():
    law = one("Under P.L. 86-629, approved July 12, 1960 (74 Stat. 462), the President may act.")
    assert law.item == {"type": "legislation", "container-title": "Stat.", "number": "86-629", "volume": "74",
                        "page": "462", "issued": {"date-parts": [[1960, 7, 12]]}}
    text_of = one("For text of the Geneva Cotton Textile Agreement dated July 21, 1961, see 12 UST 1675.")
    assert text_of.item["title"] == "the Geneva Cotton Textile Agreement"  # not "…, see"
    assert text_of.item["issued"] == {"date-parts": [[1961, 7, 21]]} and text_of.item["page"] == "1675"


def test_a_letters_file_then_its_archive_keeps_both():
    c = one("Allen W. Dulles to Secretary of State Frank Kellogg, January 25, 1929, File 116/174C, CDF, RG 59, NA.")
    assert c.item["title"] == "Allen W. Dulles to Secretary of State Frank Kellogg"
    assert c.item["archive_location"] == "File 116/174C, CDF, RG 59, NA"  # the file as written
    assert c.item["custom"]["archival"]["archive"] == "NARA" and c.item["custom"]["archival"]["fond"] == "59"


# --- the imprint rule, over a labelling the model might give (so the test does not depend on the model) ----
def _relabel(text, labels):
    from zotero_cw.archives import default_registry
    from zotero_cw.parse.labeller import Labelled
    from zotero_cw.parse.rules import apply
    from zotero_cw.parse.tokens import tokenize

    tokens = tokenize(text)
    assert len(tokens) == len(labels)
    out, _ = apply(text, [Labelled(t, lab) for t, lab in zip(tokens, labels, strict=True)], default_registry())
    return [t.label for t in out]


def test_an_imprint_in_brackets_is_place_publisher_and_year_whatever_the_place():
    text = "Anna Petrova, Zemlia i volia (St Petersburg: Aleteiia, 2009), 45."
    wrong = ["author", "author", "title", "title", "title", "title", "location", "publisher", "date", "locator"]
    assert _relabel(text, wrong) == ["author", "author", "title", "title", "title", "location", "location",
                                     "publisher", "date", "locator"]


def test_no_place_or_publisher_before_the_imprint_and_no_volume_after_it():
    # "Paris:" inside the title is not the place; "12, 30–31" after the bracket are pages cited, not a volume
    text = "Mark Dunlop, Life in Paris: The Merchants (Ithaca, NY: Cornell University Press, 2011), 12, 30–31."
    wrong = ["author", "author", "title", "title", "location", "publisher", "publisher", "location", "location",
             "publisher", "publisher", "publisher", "date", "volume", "pages"]
    assert _relabel(text, wrong) == ["author", "author", "title", "title", "title", "title", "title", "location",
                                     "location", "publisher", "publisher", "publisher", "date", "locator",
                                     "locator"]


def test_a_chapters_pages_after_the_imprint_stay_its_pages():
    text = "Anna Petrova, “Zemlia,” in Rossiia i mir, ed. Ivan Orlov (Moscow: Nauka, 2003), 101–19."
    labels = ["author", "author", "title", "signal", "container-title", "container-title", "container-title",
              "editor", "editor", "editor", "location", "publisher", "date", "pages"]
    assert _relabel(text, labels) == labels


def test_a_stray_punctuation_mark_the_labeller_calls_an_archive_is_no_citation():
    from zotero_cw.archives import default_registry
    from zotero_cw.parse.fields import Read
    from zotero_cw.parse.model import SpanIndex, to_citation

    text = "комбінацію» / РДАСПІ. Ф. 558. Оп. 11. Спр. 44. Арк. 93."
    ctx = ParseContext(registry=default_registry())
    stray = Read("full", 12, 13, item={"type": "manuscript"}, segments=[("archive", "/")])
    assert to_citation(stray, Note("u.txt", 1, text), ctx, SpanIndex([])) is None
    [c] = [c for c in parse_note(Note("u.txt", 1, text), ctx) if c.kind == FULL]
    assert (c.item["archive"], c.item["archive_location"], c.locator) == (
        "Russian State Archive of Socio-Political History (RGASPI)", "F. 558, Op. 11, D. 44", "93")


def test_a_document_described_in_russian_before_its_file_takes_title_and_date():
    # captions as archives' sites and document editions print them (written for the test)
    cases = {
        "Докладная записка наркома о снабжении города, 6 декабря 1941 г. // ЦАОДМ, ф. 3, оп. 52, д. 27, л. 18-32.":
            ("Докладная записка наркома о снабжении города", [1941, 12, 6], "F. 3, Op. 52, D. 27", "18–32"),
        "Письмо председателя колхоза в райком. 3 мая 1933 г. ГАРФ. Ф. Р-5446. Оп. 1. Д. 70. Л. 5.":
            ("Письмо председателя колхоза в райком", [1933, 5, 3], "F. Р-5446, Op. 1, D. 70", "5"),
        "Відкритий лист письменника до редакції. Авт. 20 грудня 1989 р. ЦДАМЛМ України, ф. 720, оп. 2, од. зб. 21, "
        "арк. 1": ("Відкритий лист письменника до редакції", [1989, 12, 20], "F. 720, Op. 2, D. 21", "1"),
        "Участники областного совещания краеведов. Второй слева – профессор И.И. Петров. 1959 год. ОГАЧО. Ф. Р-7. "
        "Оп. 2. Дело 31.": ("Участники областного совещания краеведов. Второй слева – профессор И.И. Петров", [1959],
                            "F. Р-7, Op. 2, D. 31", None),
        "Из стенограммы выступления директора завода на митинге. 22 июня 1941 г. // Ф. 122, оп. 11, д. 4377, "
        "лл. 47-48.": ("Из стенограммы выступления директора завода на митинге", [1941, 6, 22],
                       "F. 122, Op. 11, D. 4377", "47–48"),
    }
    for text, (title, date, location, leaves) in cases.items():
        c = one(text)
        assert (c.kind, c.item["title"], c.item["issued"]["date-parts"][0], c.item["archive_location"],
                c.locator, c.text.rstrip(".")) == (FULL, title, date, location, leaves, text.rstrip(".")), text


def test_a_russian_sentence_before_a_file_without_a_date_is_not_its_title():
    c = one("См.: ГАРФ. Ф. Р-5446. Оп. 1. Д. 70. Л. 5.")
    assert "title" not in c.item and c.prefix in ("См.:", "См.")


def test_a_short_form_after_commentary_ending_in_in_is_a_citation():
    c = one("Not printed, but most of this letter is published in Petrova, Grain and Power, pp. 67-68.")
    assert (c.kind, c.author, c.short_title, c.locator) == (SHORT, "Petrova", "Grain and Power", "67–68")
    labels = _relabel("Miller, “Reading the Mail,” in Theoharis, A Culture of Secrecy, 186–210.",
                      ["author", "title", "title", "title", "other", "editor", "container-title",
                       "container-title", "container-title", "container-title", "pages"])
    assert labels[5:] == ["editor", "container-title", "container-title", "container-title", "container-title",
                          "pages"]


def test_a_number_after_a_whole_date_is_the_page_of_the_document():
    text = "Anna Petrova, letter to her brother, October 10, 1920, 4."
    labels = _relabel(text, ["author", "author", "title", "title", "title", "title", "date", "date", "date", "date"])
    assert labels[-1] == "locator"
    years = _relabel("Report, 12 May 1955, 1957.", ["title", "date", "date", "date", "date"])
    assert years[-1] == "date"  # a second year is not a page


def test_an_ibid_locator_before_a_parenthetical_comment():
    c = run("Ibid., 77, 80 (emphasis in the original).")[0]
    assert (c.kind, c.locator) == (IBID, "77, 80")


def test_a_letter_described_by_its_title_is_a_personal_communication():
    from zotero_cw.parse.fields import _type

    assert _type({"title": "letter to his mother", "author": [{"family": "Anderson"}],
                  "issued": {"date-parts": [[1920, 10, 10]]}}, {}) == "personal_communication"
    assert _type({"title": "Письмо к брату", "issued": {"date-parts": [[1901]]}}, {}) == "personal_communication"
    assert _type({"title": "Letters to the Editor", "container-title": "The Times"}, {}) != "personal_communication"


def test_a_dated_issue_of_a_bulletin_or_weekly_is_a_magazine_article_of_a_daily_a_newspaper_article():
    from zotero_cw.parse.fields import _type

    issue = {"issued": {"date-parts": [[1961, 11, 20]]}}
    assert _type({**issue, "container-title": "Department of State Bulletin"}, {}) == "article-magazine"
    assert _type({**issue, "container-title": "Current Digest of the Soviet Press"}, {}) == "article-magazine"
    assert _type({**issue, "container-title": "Izvestiia"}, {}) == "article-newspaper"


def test_a_work_not_yet_out_has_its_title_up_to_the_status():
    labels = _relabel("Anna Petrova, The Last Harvest (in press).",
                      ["author", "author", "other", "other", "other", "other", "other"])
    assert labels == ["author", "author", "title", "title", "title", "title", "title"]
    c = one("Anna Petrova, The Last Harvest (in press).")
    assert (c.item["title"], c.item["status"], c.item["type"]) == ("The Last Harvest", "in press", "book")


def test_a_day_between_commas_is_the_documents_date_outside_quoted_titles():
    text = "CINCPAC Radio No. C-514 to WD, 2 Nov 44, GHQ, WD No. 873."
    labels = _relabel(text, ["title", "title", "title", "title", "title", "title", "unit", "unit", "unit", "unit",
                             "unit", "unit", "unit"])
    assert labels[5:10] == ["title", "date", "date", "date", "unit"]
    quoted = 'G-3, Memo, "Operations in 1 Jul 45, Part II," 1 Jul 45.'
    labels = _relabel(quoted, ["author", "title", "title", "title", "title", "title", "title", "title", "title",
                               "other", "other", "other"])
    assert labels[3:6] == ["title", "title", "title"] and labels[-3:] == ["date", "date", "date"]


def test_a_yearly_collections_volume_after_commentary_and_a_bare_volume_reference_is_reported():
    c = one("Also printed in Documents on Peace, 1962, vol. I, pp. 49-57.")
    assert (c.item["title"], c.item["volume"], c.item["type"], c.locator) == ("Documents on Peace, 1962", "I", "book",
                                                                              "49–57")
    labels = _relabel("Also printed in Documents on Peace, 1962, vol. I, pp. 49-57.",
                      ["comment"] * 7 + ["volume", "volume", "pages", "pages"])
    assert labels[3:9] == ["title", "title", "title", "title", "volume", "volume"]
    # a volume and page with no title: kept and reported, never taken for words leading into nothing
    u = one("Regarding the talks in Belgrade, see vol. XIV, p. 387.")
    assert (u.kind, u.text) == (UNPARSED, "see vol. XIV, p. 387.")


def test_an_archive_named_after_its_files_and_papers_before_a_box():
    text = "Foreign Trade Ministry papers, box 14, folder 3, Hoover Institution Archives."
    labels = _relabel(text, ["title"] * 4 + ["unit", "unit", "delo", "delo", "delo", "delo", "delo"])
    assert labels == ["fond"] * 4 + ["unit", "unit", "delo", "delo", "archive", "archive", "archive"]
    day = _relabel("Japan Times, 14 March 1958, 3, accessed May 5, 2010.",
                   ["container-title", "container-title", "date", "date", "date", "accessed", "accessed", "accessed",
                    "accessed", "accessed"])
    assert day[5] == "locator"  # the page after the issue's day, not part of when the page was read


def test_a_short_form_joined_by_and_after_a_finished_citation_and_three_authors_with_a_serial_comma():
    out = run("Public Papers: Kennedy, 1962, pp. 244-245, and Petrova, Grain and Power, pp. 154-157.")
    assert [(c.kind, c.author, c.short_title, c.locator) for c in out][-1] == (SHORT, "Petrova", "Grain and Power",
                                                                               "154–157")
    three = one("Smith, Jones, and Brown, Cold Peace, 45.")
    assert (three.author, three.short_title, three.locator) == ("Smith and Jones and Brown", "Cold Peace", "45")


def test_an_interview_with_someone_is_the_work_not_an_author_or_a_container():
    labels = _relabel("Interview with Ivan Orlov, November 26, 1968.",
                      ["author", "author", "author", "author", "date", "date", "date"])
    assert labels[:4] == ["title"] * 4
    c = one("Interview with Ivan Orlov, November 26, 1968.")
    assert (c.item["type"], c.item["title"], c.item["issued"]) == ("interview", "Interview with Ivan Orlov",
                                                                   {"date-parts": [[1968, 11, 26]]})


def test_a_newspaper_issue_as_gost_gives_it():
    c = one("Союзная мысль. - 1917. - 7 сентября. - № 140. - С. 1.")
    assert (c.item["container-title"], c.item["issued"], c.item["issue"], c.item["type"], c.locator) == (
        "Союзная мысль", {"date-parts": [[1917, 9, 7]]}, "140", "article-newspaper", "1")
    two = one("Культура і життя. – 1988. – 11, 18 вересня")
    assert (two.item["container-title"], two.item["issued"]) == ("Культура і життя", {"date-parts": [[1988, 9]]})


def test_an_edited_book_cited_whole_and_an_archives_name_is_no_title():
    c = one("Gaimushō, ed., Nihon gaikō bunsho: Shōwa ki, vol. 2 (Tokyo: Gaimushō, 1990), 45.")
    assert (c.item["type"], c.item["title"], c.item["editor"]) == ("book", "Nihon gaikō bunsho: Shōwa ki",
                                                                   [{"family": "Gaimushō"}])
    assert "container-title" not in c.item
    j = one("JACAR Ref. B02030001200, Gaimushō Gaikō Shiryōkan.")
    assert (j.item["archive"], j.item["archive_location"], "title" in j.item) == (
        "Japan Center for Asian Historical Records (JACAR)", "B02030001200", False)


def test_an_archive_named_by_the_acronyms_in_brackets_a_document_defined():
    first, later = run(
        "Lev Petrov, letter to Anna Petrova, May 3, 1931, Lev Petrov Papers, Bakhmeteff Archive, Columbia "
        "University, New York (LPP BAR).",
        "Lev Petrov, letter to his brother, June 9, 1932, 2–4 (LPP BAR).")
    assert first.item["type"] == "manuscript" and first.item["title"] == "letter to Anna Petrova"
    assert first.item["archive"].startswith("Bakhmeteff Archive") and first.item["custom"]["archival"]["archive"] == "BAR"
    assert first.item["archive_location"] == "Lev Petrov Papers"  # the papers before the archive: its fond
    assert later.item["type"] == "manuscript" and later.item["title"] == "letter to his brother"
    assert later.item["custom"]["archival"]["archive"] == "BAR"  # the pair ends the citation: where it is kept
    assert later.item["issued"] == {"date-parts": [[1932, 6, 9]]} and later.locator == "2–4"
    assert valid(later.item)


def test_a_work_the_document_abbreviates_is_cited_by_its_abbreviation_alone():
    full, short, bracketed, compared, numbered = run(
        "Vladimir Solovyov, Lectures on Divine Humanity, trans. Peter Zouboff (Hudson, NY: Lindisfarne, 1995), 52, "
        "emphasis original. (Henceforth LDH).",
        "LDH, 115.",
        "“The person is no means but an end” (LDH, 145).",
        "Compare Frank's view; cf. “LDH,” 2:31.",
        "LDH 3.9.4.")
    assert full.kind == FULL and full.item["title"] == "Lectures on Divine Humanity" and full.locator == "52"
    for c, where in ((short, "115"), (bracketed, "145"), (compared, "2:31"), (numbered, "3.9.4")):
        assert c.kind == SHORT and c.locator == where
        assert c.short_title == "Lectures on Divine Humanity" and c.author == "Solovyov"
        assert c.antecedent is not None  # resolve finds the full citation
    assert bracketed.text == "LDH, 145" and compared.text == "“LDH,” 2:31"


def test_an_abbreviation_defined_inside_the_citation_and_one_whose_work_was_not_read():
    full, later = run("Fyodor Dostoevsky, Polnoe sobranie sochinenii v tridtsati tomakh (hereafter PSS) (Leningrad: "
                      "Nauka, 1972–1990), 14:45.", "PSS, 15:23.")
    assert full.item["title"] == "Polnoe sobranie sochinenii v tridtsati tomakh"  # the definition is no title
    assert later.kind == SHORT and later.locator == "15:23" and later.short_title == full.item["title"]
    lone = run("As he put it to his friends, nothing mattered more. (Henceforth KRS).", "KRS, 12.")
    assert [(c.kind, c.short_title, c.locator) for c in lone] == [(SHORT, "KRS", "12")]  # kept as written
    assert lone[0].antecedent is None


def test_the_authors_remark_after_the_page_is_part_of_the_citation():
    art = one("Nikolai Berdyaev, “The Ethics of Creativity,” trans. Anna Lvova, Russian Review 12, no. 1–2 (1958): "
              "41, emphasis mine.")
    assert art.locator == "41" and art.item["volume"] == "12" and art.item["issue"] == "1–2"
    assert art.text.endswith("emphasis mine.")  # the remark is read with the citation, not as a locator
    book = one("Pavel Novgorodtsev, On the Social Ideal (New Haven: Yale University Press, 2000), 75, translation "
               "slightly modified.")
    assert book.locator == "75" and book.text.endswith("modified.") and "translation" not in book.item.get("title")


def test_short_forms_whose_title_starts_with_an_accented_capital():
    c = one("Schleiermacher, Über die Religion, 119.")
    assert (c.kind, c.author, c.short_title, c.locator) == (SHORT, "Schleiermacher", "Über die Religion", "119")
    d = one("See also Żeromski, Ćwiczenia z historii, 45–46.")
    assert (d.kind, d.author, d.short_title, d.locator) == (SHORT, "Żeromski", "Ćwiczenia z historii", "45–46")


def test_a_documents_own_abbreviation_wins_over_an_archive_of_that_acronym_and_takes_its_remark():
    full, page, remarked = run(
        "Sergii Bulgakov, The Bride of the Lamb, trans. Boris Jakim (Grand Rapids, MI: Eerdmans, 2002), 149, "
        "emphasis original. (Henceforth BL).", "BL, 145.", "BL, 248, emphasis in original, translation modified.")
    assert full.item["title"] == "The Bride of the Lamb" and full.locator == "149"
    for c, where in ((page, "145"), (remarked, "248")):  # BL is the British Library's acronym too
        assert c.kind == SHORT and c.short_title == "The Bride of the Lamb" and c.locator == where
    assert remarked.text == "BL, 248, emphasis in original, translation modified"


def test_a_book_edited_and_translated_by_one_person_is_the_book_not_a_chapter():
    c = one("Vladimir Solovyov, The Justification of the Good, edited and translated by Thomas Nemeth (Cham: "
            "Springer, 2015), 45.")
    assert c.item["type"] == "book" and c.item["title"] == "The Justification of the Good"
    assert "container-title" not in c.item and c.locator == "45"
    assert c.item["editor"] == c.item["translator"] == [{"family": "Nemeth", "given": "Thomas"}]
    k = one("Immanuel Kant, Groundwork of the Metaphysics of Morals, ed. and trans. Mary Gregor (Cambridge: "
            "Cambridge University Press, 1997), 4.")
    assert k.item["editor"] == k.item["translator"] == [{"family": "Gregor", "given": "Mary"}]


def test_a_chapter_in_a_book_with_its_editors_whatever_the_letters_of_its_title():
    c = one("Philip J. Swoboda, “Semën Frank's Expressivist Humanism,” in A History of Russian Philosophy, "
            "1830–1930: Faith, Reason, and the Defense of Human Dignity, ed. G. M. Hamburg and Randall A. Poole "
            "(Cambridge: Cambridge University Press, 2010), 205–23.")
    assert c.item["type"] == "chapter" and c.item["title"] == "Semën Frank's Expressivist Humanism"
    assert c.item["container-title"] == ("A History of Russian Philosophy, 1830–1930: Faith, Reason, and the "
                                         "Defense of Human Dignity")
    assert c.item["editor"] == [{"family": "Hamburg", "given": "G. M."}, {"family": "Poole", "given": "Randall A."}]
    assert (c.item.get("page") or c.locator) == "205–23"  # the chapter's pages, or the pages cited: kept either way
    d = one("Albrecht Beutel, “Die Bestimmung der Religion bei Spalding (1797),” in 200 Jahre “Reden über die "
            "Religion”, ed. Ulrich Barth (Berlin: De Gruyter, 2000), 45.")
    assert d.item["title"] == "Die Bestimmung der Religion bei Spalding (1797)"  # its own bracket kept
    assert d.item["container-title"] == "200 Jahre “Reden über die Religion”" and d.locator == "45"


def test_a_back_reference_ends_its_citation_and_a_short_form_may_follow_a_quotation():
    supra, book = run("See note 8 above. See also Randall Lesaffer and Janne E. Nijman, eds., The Cambridge "
                      "Companion to Hugo Grotius (Cambridge: Cambridge University Press, 2021), xix.")
    assert supra.kind == SUPRA and supra.note_ref == 8 and supra.text == "note 8 above"
    assert book.kind == FULL and book.item["title"] == "The Cambridge Companion to Hugo Grotius"
    assert book.prefix == "See also" and book.locator == "xix"
    quoted, compared = run("Ramelli argues that it “emerges throughout a full range of his works,” Ramelli, Social "
                           "Justice, 178. Cf. Boersma, Embodiment and Virtue, 149.")
    assert (quoted.kind, quoted.author, quoted.short_title, quoted.locator) == (SHORT, "Ramelli", "Social Justice",
                                                                              "178")
    assert (compared.kind, compared.author, compared.locator) == (SHORT, "Boersma", "149")


def test_a_book_after_prose_or_a_quotation_keeps_its_author():
    after_prose = one("I thank the anonymous reviewers for their comments and suggestions. Iver G. Neumann, Russia "
                      "and the Idea of Europe: A Study in Identity and International Relations, 2nd ed. (New York: "
                      "Routledge, 2013).")
    assert after_prose.item["author"] == [{"family": "Neumann", "given": "Iver G."}]
    assert after_prose.item["title"] == "Russia and the Idea of Europe: A Study in Identity and International Relations"
    quoted = one("As Maureen Junker-Kenny notes, “Piety which has its seat in feeling is in itself something entirely "
                 "different from morality.” Maureen Junker-Kenny, Self, Christ and God in Schleiermacher's Dogmatics: "
                 "A Theology Reconceived for Modernity (Berlin: De Gruyter, 2021), 32.")
    assert quoted.item["author"] == [{"family": "Junker-Kenny", "given": "Maureen"}] and quoted.locator == "32"
    assert quoted.item["title"] == "Self, Christ and God in Schleiermacher's Dogmatics: A Theology Reconceived for Modernity"


def test_a_source_notes_marking_and_routing_are_not_works():
    src = run("Source: National Archives, RG 59, Central Files 1967–69, POL 7 USSR, Box 2210. Secret; Sensitive. "
              "Sent for action. Copies were sent to Rostow, Eugene V. Katzenbach (Under Secretary), and Bohlen.")
    assert len(src) == 1 and src[0].item["type"] == "manuscript"
    assert "title" not in src[0].item  # "Secret" is its marking, not its title
    drafted = run("Source: Department of State, Central Files, 611.61/3–1056. Confidential. Drafted by Boster and "
                  "cleared with EUR, S/P, and EE. This statement was sent to 40 posts as an enclosure to instruction "
                  "CA–6130, March 12.")
    assert [c.item.get("archive_location") for c in drafted] == ["Central Files, 611.61/3–1056"]


def test_names_that_start_like_a_role_word_keep_their_letters():
    c = one("Edward Crankshaw, The New Cold War, ed. Edward Smith (London: Penguin, 1963), 4.")
    assert c.item["author"] == [{"family": "Crankshaw", "given": "Edward"}]
    assert c.item["editor"] == [{"family": "Smith", "given": "Edward"}]
    ch = one("Barbara Smith, “A Chapter,” in A Book, eds. Paul Jones and Edith Roe (London: Penguin, 1959), 4.")
    assert ch.item["editor"] == [{"family": "Jones", "given": "Paul"}, {"family": "Roe", "given": "Edith"}]
    assert ch.item["container-title"] == "A Book" and ch.item["author"] == [{"family": "Smith", "given": "Barbara"}]
    wise = one("Isaac M. Wise, Selected Writings, editors David Philipson and Louis Grossmann (Cincinnati, OH: "
               "The Robert Clarke Company, 1900), 182.")
    assert wise.item["editor"] == [{"family": "Philipson", "given": "David"}, {"family": "Grossmann", "given": "Louis"}]


def test_a_book_after_prose_and_in_by_or_see_keeps_its_author_and_its_title_ends_before_a_translator():
    c = one("The strikes of 1962 are described in detail in Margaret Holloway, Harbour Towns: Labour and the State "
            "in Odessa (London: Verso, 2011), 88–90.")
    assert c.item["author"] == [{"family": "Holloway", "given": "Margaret"}]
    assert c.item["title"] == "Harbour Towns: Labour and the State in Odessa" and c.locator == "88–90"
    c = one("As argued by Peter Marsh, The Grain Question (Chicago: University of Chicago Press, 1994), 12.")
    assert c.item["author"] == [{"family": "Marsh", "given": "Peter"}] and c.item["title"] == "The Grain Question"
    c = one("On the famine, see the careful estimates of Stephen Wheatcroft, Famine and Its Victims (Cambridge: "
            "Polity, 2009), 7.")
    assert c.item["author"] == [{"family": "Wheatcroft", "given": "Stephen"}]
    assert c.item["title"] == "Famine and Its Victims"
    c = one("See also Johann Friedrich Herbart, Outlines of Pedagogy, trans. Alexis Lange (New York: Macmillan, "
            "1901), 14.")
    assert c.item["author"] == [{"family": "Herbart", "given": "Johann Friedrich"}]
    assert c.item["title"] == "Outlines of Pedagogy"
    assert c.item["translator"] == [{"family": "Lange", "given": "Alexis"}]
    c = one("Lydia Orlova, Ten Winters in Perm, preface by Ivan Belov (Moscow: Nauka, 2004).")
    assert c.item["author"] == [{"family": "Orlova", "given": "Lydia"}] and c.item["title"] == "Ten Winters in Perm"
    # a title in title case is not prose: its "of" does not start an author
    c = one("See Royal Institute for Baltic Affairs, The Conferences of Northern States, First Series, 1921–1930 "
            "(London: Methuen, 1931), 5.")
    assert c.item["title"] == "The Conferences of Northern States, First Series, 1921–1930"
    # names before "eds.," are the editors, not an author and a title
    c = one("Andy Kerr, Ben Doak, and Sam Hutt, eds., Transnational Rivers (Liverpool: Liverpool University Press, "
            "2020), 6.")
    assert [n["family"] for n in c.item["editor"]] == ["Kerr", "Doak", "Hutt"] and "author" not in c.item
    assert c.item["title"] == "Transnational Rivers"


def test_a_short_form_with_the_volume_cited_keeps_the_volume_and_finds_its_work():
    full, short = run("Lydia Orlova, Ten Winters: Letters from Perm, Vol. 2 (Moscow: Nauka, 2004), 5.",
                      "Orlova, Ten Winters, Vol. 2, p. 31.")
    assert short.kind == SHORT and short.item == {"volume": "2"} and short.locator == "31"
    assert short.short_title == "Ten Winters" and short.author == "Orlova"
    assert full.kind == FULL and short.antecedent == 0
    other = run("Lydia Orlova, Ten Winters: Letters from Perm, Vol. 2 (Moscow: Nauka, 2004), 5.",
                "Orlova, Ten Winters, Vol. 3, p. 8.")[1]
    assert other.item == {"volume": "3"} and other.antecedent is None  # another volume: not that book


def test_a_journals_volume_and_number_and_no_archive_levels_in_a_book():
    c = one("Anna Petrova, “Grain and Gold,” Slavic Economic Review, Vol. 22, No. 3 (Autumn 1999), pp. 41–60.")
    assert (c.item["volume"], c.item["issue"], c.item["page"]) == ("22", "3", "41–60")
    # a volume's own title and years, in a note with no archive, are no opis or delo
    c = one("Ivan Bunin, Collected Stories, Vol. 2, Exile, 1920–1933, ed. by Mark Rowe (London: Faber, 1988), p. 12.")
    assert "archive_location" not in c.item and "archival" not in c.item.get("custom", {})
    assert c.item["type"] == "book" and c.item["volume"] == "2" and c.locator == "12"


def test_prose_before_a_quoted_title_is_not_the_title_and_a_dated_paper_with_its_place_is_a_newspaper():
    c = one("This echoes what Susan Lowe argues in “The Uses of Thrift,” Past and Present, no. 120 (1988): 33–41.")
    assert c.item["title"] == "The Uses of Thrift" and c.item["container-title"] == "Past and Present"
    c = one('"Port Strike Ends," The Guardian (Manchester), 4 May 1951, p. 3.')
    assert c.item["type"] == "article-newspaper" and c.item["publisher-place"] == "Manchester"
    assert c.locator == "3"


def test_a_short_form_by_its_title_alone_after_prose_or_as_the_whole_note():
    full, short = run("Lydia Orlova, Ten Winters: Letters from Perm (Moscow: Nauka, 2004), 5.", "Ten Winters, 12–13.")
    assert short.kind == SHORT and short.short_title == "Ten Winters" and short.author is None
    assert short.locator == "12–13" and short.antecedent == 0
    c = one("Their talks are described in Ruckblenden, p. 560.")
    assert c.kind == SHORT and (c.short_title, c.locator) == ("Ruckblenden", "560") and c.prefix is None
    # a place, a part of a volume, a chapter's book are no such short form
    for text in ("He was then in Berlin, p. 5.", "See Part I, p. 12.",
                 "Ivan Orlov, “Basic Problems,” in Problems of Idealism: Essays in Russian Social Philosophy, 1–78."):
        assert not [x for x in run(text) if x.kind == SHORT], text


def test_a_telegram_a_note_names_with_its_day_is_cited_when_the_note_gives_no_file():
    c = one("The Department gave its approval to this in telegram 743, March 9, 4 p. m. (19 to Saigon).")
    assert c.kind == FULL and c.item["type"] == "manuscript" and c.item["title"] == "telegram 743"
    assert c.item["issued"] == {"literal": "March 9"}
    c = one("Transmitted in telegram 1234, March 25, 7 p. m., from Paris, not printed.")
    assert c.item["title"] == "telegram 1234 from Paris"
    # with its file given, the file's citation is the document's; printed in a volume, a cross-reference
    c = one("In despatch 406, April 19, the Legation proposed a note. (Department of State, Central Files, "
            "764.00/4–1956)")
    assert c.item["archive_location"] == "Central Files, 764.00/4–1956" and c.item["title"] == "despatch 406"
    out = run("See telegram No. 664, October 13, 1938, 4 p.m., from the Ambassador in Japan, vol. i, p. 623.")
    assert not [x for x in out if x.kind == FULL and x.item.get("title", "").startswith("telegram")]


def test_cross_references_to_several_documents_to_a_later_place_and_to_a_dated_document_at_a_page():
    out = run("See Documents 12, 14, and 15.")
    assert [(c.kind, c.cross_reference) for c in out] == [(SUPRA, "Document 12"), (SUPRA, "Document 14"),
                                                          (SUPRA, "Document 15")]
    out = run("Documents 5–7.")
    assert [(c.kind, c.cross_reference) for c in out] == [(SUPRA, "Documents 5–7")]  # a range: one
    out = run("See infra and Document 32.")
    assert [(c.kind, c.cross_reference) for c in out] == [(SUPRA, "infra"), (SUPRA, "Document 32")]
    c = one("See memorandum of January 3 by the Secretary of State, p. 519.")
    assert c.kind == SUPRA and (c.locator, c.label) == ("519", "page")
    assert c.cross_reference == "memorandum of January 3 by the Secretary of State, p. 519"


def test_the_department_of_state_bulletin_and_a_frus_volume_named_before_its_year():
    c = one("For text, see Department of State Bulletin, July 10, 1961, pp. 57-58.")
    assert c.item["container-title"] == "Department of State Bulletin" and "publisher" not in c.item
    assert c.item["type"] == "article-magazine" and c.item["issued"] == {"date-parts": [[1961, 7, 10]]}
    c = one("See Foreign Relations, The Conferences at Malta and Yalta, 1945, pp. 448–449.")
    assert c.item["title"] == "Foreign Relations, The Conferences at Malta and Yalta, 1945" and c.locator == "448–449"


def test_short_forms_after_a_semicolon_and_after_translation_from_and_before_commentary():
    out = run("Hartley, Rivers of Grace, 160–161; and Omerov, Steppe Justice, 178.")
    assert [(c.kind, c.author, c.short_title, c.locator) for c in out] == [
        (SHORT, "Hartley", "Rivers of Grace", "160–161"), (SHORT, "Omerov", "Steppe Justice", "178")]
    c = one("Translation from Vasnetsova, The Long Road, 436–437.")
    assert (c.kind, c.author, c.short_title, c.locator) == (SHORT, "Vasnetsova", "The Long Road", "436–437")
    c = one("See also Dunmore, Pavel Florensky, 293–303, on his theory of icons.")
    assert (c.kind, c.author, c.short_title, c.locator) == (SHORT, "Dunmore", "Pavel Florensky", "293–303")
    # a date is no page, an imprint after it no commentary, and "from" after other words no lead-in
    for text in ("Japan, Rikugun Daihon'ei, Marei gunsei yoko, October 21, 1941, n.p.",
                 "Neale, R. G. et al., Documents on Australian Policy, 1937–1949, vol. I (Canberra: AGPS, 1975), p. 170.",
                 "Orders recovered from CA NACHI, ATIS, G-2, GHQ, Translation No. 39, Part VIII."):
        assert not [x for x in run(text) if x.kind == SHORT], text


def test_a_writer_to_an_addressee_before_an_archive_is_the_documents_description_whole():
    c = one("Peter Olsen to Assistant Secretary of Defense (Public Affairs), March 18, 1966, NARA, RG 59, CFPF "
            "1964–1966, PR 10.")
    assert c.item["title"] == "Peter Olsen to Assistant Secretary of Defense (Public Affairs)" and "author" not in c.item
    assert c.item["issued"] == {"date-parts": [[1966, 3, 18]]} and c.item["archive_location"].startswith("RG 59")
