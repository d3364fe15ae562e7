"""Chicago-style notes that are NOT from the fixtures: every form issue #3 lists, with exact fields."""

import json
from pathlib import Path

import jsonschema

from zotero_cw.models import FULL, IBID, SHORT, SUPRA, Note
from zotero_cw.parse import ParseContext, parse_note
from zotero_cw.resolve import resolve

SCHEMA = json.loads((Path(__file__).resolve().parent / "data" / "csl-data.json").read_text())


def cites(text, n=1, ctx=None):
    return parse_note(Note("g.txt", n, text), ctx)


def one(text, **kw):
    out = cites(text, **kw)
    assert len(out) == 1, out
    return out[0]


def run(notes):
    """Parse numbered notes of one document and resolve them: (citations, resolve warnings)."""
    ctx = ParseContext()
    cits = []
    for n, text in notes:
        cits.extend(parse_note(Note("g.txt", n, text), ctx))
    return cits, resolve(cits)


def valid(item):
    """The item is valid CSL-JSON 1.0.2 once it has an id."""
    jsonschema.validate([{"id": "x", **item}], SCHEMA)
    return True


# --- books ------------------------------------------------------------------------------------------

def test_book_second_edition():
    c = one("John Lewis Gaddis, *Strategies of Containment: A Critical Appraisal of American National Security "
            "Policy during the Cold War*, 2nd ed. (New York: Oxford University Press, 2005), p. 42.")
    assert (c.kind, c.locator, c.label) == (FULL, "42", "page")
    assert c.item == {
        "type": "book", "author": [{"family": "Gaddis", "given": "John Lewis"}],
        "title": "Strategies of Containment: A Critical Appraisal of American National Security Policy during "
                 "the Cold War",
        "edition": "2", "publisher-place": "New York", "publisher": "Oxford University Press",
        "issued": {"date-parts": [[2005]]},
    }
    assert valid(c.item)


def test_book_in_several_volumes_cited_by_volume():
    c = one("Robert W. Davies, *The Industrialisation of Soviet Russia*, 3 vols. (London: Macmillan, 1980), "
            "vol. 2, p. 115.")
    assert (c.kind, c.locator, c.label) == (FULL, "115", "page")
    assert c.item == {
        "type": "book", "author": [{"family": "Davies", "given": "Robert W."}],
        "title": "The Industrialisation of Soviet Russia", "number-of-volumes": "3",
        "publisher-place": "London", "publisher": "Macmillan", "issued": {"date-parts": [[1980]]},
        "volume": "2",
    }
    assert valid(c.item)


def test_book_with_editor_and_three_translators():
    c = one("Georgi Dimitrov, *The Diary of Georgi Dimitrov, 1933–1949*, ed. Ivo Banac, trans. Jane T. Hedges, "
            "Timothy D. Sergay, and Irina Faion (New Haven, CT: Yale University Press, 2003), p. 414.")
    assert c.item == {
        "type": "book", "author": [{"family": "Dimitrov", "given": "Georgi"}],
        "title": "The Diary of Georgi Dimitrov, 1933–1949",
        "editor": [{"family": "Banac", "given": "Ivo"}],
        "translator": [{"family": "Hedges", "given": "Jane T."}, {"family": "Sergay", "given": "Timothy D."},
                       {"family": "Faion", "given": "Irina"}],
        "publisher-place": "New Haven, CT", "publisher": "Yale University Press",
        "issued": {"date-parts": [[2003]]},
    }
    assert (c.locator, c.label) == ("414", "page")


def test_second_edition_translated_book():
    c = one("Dmitri Volkogonov, *Stalin: Triumph and Tragedy*, 2nd ed., trans. Harold Shukman (London: "
            "Weidenfeld and Nicolson, 1991), pp. 210–212.")
    assert c.item == {
        "type": "book", "author": [{"family": "Volkogonov", "given": "Dmitri"}],
        "title": "Stalin: Triumph and Tragedy", "edition": "2",
        "translator": [{"family": "Shukman", "given": "Harold"}],
        "publisher-place": "London", "publisher": "Weidenfeld and Nicolson", "issued": {"date-parts": [[1991]]},
    }
    assert (c.locator, c.label) == ("210–212", "page")


def test_editor_and_translator_in_one_and_unlabelled_page():
    c = one("Jane Roe, *Letters from Siberia*, ed. and trans. John Doe (London: Verso, 2001), 57.")
    assert c.item == {
        "type": "book", "author": [{"family": "Roe", "given": "Jane"}], "title": "Letters from Siberia",
        "editor": [{"family": "Doe", "given": "John"}], "translator": [{"family": "Doe", "given": "John"}],
        "publisher-place": "London", "publisher": "Verso", "issued": {"date-parts": [[2001]]},
    }
    assert (c.locator, c.label) == ("57", "page")


def test_two_authors():
    c = one("Vladislav Zubok and Constantine Pleshakov, *Inside the Kremlin's Cold War: From Stalin to "
            "Khrushchev* (Cambridge, MA: Harvard University Press, 1996), pp. 78–80.")
    assert c.item["author"] == [{"family": "Zubok", "given": "Vladislav"},
                                {"family": "Pleshakov", "given": "Constantine"}]
    assert (c.item["publisher-place"], c.locator) == ("Cambridge, MA", "78–80")


def test_three_authors_and_three_editors():
    a = one("Jane Smith, Peter Brown, and Maria Garcia, *Trade and Diplomacy in the Pacific* (Honolulu: "
            "University of Hawaii Press, 2011), p. 7.")
    assert a.item["author"] == [{"family": "Smith", "given": "Jane"}, {"family": "Brown", "given": "Peter"},
                                {"family": "Garcia", "given": "Maria"}]
    e = one("William Taubman, Sergei Khrushchev, and Abbott Gleason, eds., *Nikita Khrushchev* (New Haven, CT: "
            "Yale University Press, 2000), p. 30.")
    assert e.item["editor"] == [{"family": "Taubman", "given": "William"},
                                {"family": "Khrushchev", "given": "Sergei"},
                                {"family": "Gleason", "given": "Abbott"}]
    assert "author" not in e.item


def test_et_al_and_jr():
    c = one("Michael Ellman et al., *The Soviet Economy in Transition* (Oxford: Blackwell, 1992), p. 9.")
    assert c.item["author"] == [{"family": "Ellman", "given": "Michael"}]
    assert c.item["custom"] == {"et_al": ["author"]}
    j = one("Arthur M. Schlesinger Jr., *A Thousand Days* (Boston: Houghton Mifflin, 1965), p. 374.")
    assert j.item["author"] == [{"family": "Schlesinger", "given": "Arthur M.", "suffix": "Jr."}]


# --- parts of books, articles, papers -----------------------------------------------------------------

def test_chapter_in_book_with_two_editors():
    c = one('David Holloway, "Nuclear Weapons and the Escalation of the Cold War, 1945–1962," in Melvyn P. '
            "Leffler and Odd Arne Westad, eds., *The Cambridge History of the Cold War* (Cambridge: Cambridge "
            "University Press, 2010), pp. 376–397.")
    assert c.item == {
        "type": "chapter", "author": [{"family": "Holloway", "given": "David"}],
        "title": "Nuclear Weapons and the Escalation of the Cold War, 1945–1962",
        "container-title": "The Cambridge History of the Cold War",
        "editor": [{"family": "Leffler", "given": "Melvyn P."}, {"family": "Westad", "given": "Odd Arne"}],
        "publisher-place": "Cambridge", "publisher": "Cambridge University Press",
        "issued": {"date-parts": [[2010]]}, "page": "376–397",
    }
    assert valid(c.item)


def test_journal_article_lowercase_vol_no_and_month():
    c = one('James Richter, "Reexamining Soviet Policy towards Germany during the Beria Interregnum," '
            "*Europe-Asia Studies*, vol. 45, no. 4 (July 1993), pp. 671–691.")
    assert c.item == {
        "author": [{"family": "Richter", "given": "James"}],
        "title": "Reexamining Soviet Policy towards Germany during the Beria Interregnum",
        "container-title": "Europe-Asia Studies", "type": "article-journal", "volume": "45", "issue": "4",
        "issued": {"date-parts": [[1993, 7]]}, "page": "671–691",
    }
    assert c.locator is None


def test_journal_article_chicago_colon_pages():
    c = one('See Jane Doe, "Grain for Gold," *Slavic Review* 61, no. 1 (March 2002): 30–52.')
    assert c.prefix == "See"
    assert c.item == {
        "author": [{"family": "Doe", "given": "Jane"}], "title": "Grain for Gold",
        "container-title": "Slavic Review", "type": "article-journal", "volume": "61", "issue": "1",
        "issued": {"date-parts": [[2002, 3]]}, "page": "30–52",
    }


def test_newspaper_with_weekday_dates():
    c = one('"Soviet Trade Mission Arrives in Tokyo," *New York Times*, Tuesday, 12 March 1957, p. 3.')
    assert c.item == {"title": "Soviet Trade Mission Arrives in Tokyo", "container-title": "New York Times",
                      "type": "article-newspaper", "issued": {"date-parts": [[1957, 3, 12]]}}
    assert (c.locator, c.label) == ("3", "page")  # a paper's one page: the page cited
    u = one('"Japan Signs Fisheries Pact," *Washington Post*, Friday, March 15, 1957.')
    assert u.item == {"title": "Japan Signs Fisheries Pact", "container-title": "Washington Post",
                      "type": "article-newspaper", "issued": {"date-parts": [[1957, 3, 15]]}}


def test_working_paper_with_parenthesised_publication():
    c = one('Kathryn Weathersby, "Soviet Aims in Korea and the Origins of the Korean War, 1945–1950," Cold War '
            "International History Project Working Paper no. 8 (Washington, DC: Woodrow Wilson International "
            "Center for Scholars, November 1993), p. 12.")
    assert c.item == {
        "type": "report", "author": [{"family": "Weathersby", "given": "Kathryn"}],
        "title": "Soviet Aims in Korea and the Origins of the Korean War, 1945–1950",
        "genre": "Cold War International History Project Working Paper", "number": "8",
        "publisher-place": "Washington, DC", "publisher": "Woodrow Wilson International Center for Scholars",
        "issued": {"date-parts": [[1993, 11]]},
    }
    assert (c.locator, c.label) == ("12", "page")
    assert valid(c.item)


def test_frus_document_number():
    c = one("Memorandum of Conversation, Vienna, 4 June 1961, in *FRUS, 1961–1963*, Vol. V, Document 87.")
    assert c.item == {
        "type": "chapter", "title": "Memorandum of Conversation, Vienna",
        "issued": {"date-parts": [[1961, 6, 4]]}, "container-title-short": "FRUS",
        "container-title": "Foreign Relations of the United States, 1961–1963", "volume": "V", "number": "87",
    }
    assert valid(c.item)


# --- archives --------------------------------------------------------------------------------------

def test_archival_papka_level_lowercase():
    c = one("Record of conversation with the Japanese ambassador, 3 March 1956, in AVPRF, f. 0146, op. 39, "
            "p. 311, d. 5, l. 12.")
    assert c.item == {
        "type": "manuscript", "title": "Record of conversation with the Japanese ambassador",
        "issued": {"date-parts": [[1956, 3, 3]]},
        "archive": "Archive of Foreign Policy of the Russian Federation (AVPRF)",
        "archive_location": "F. 0146, Op. 39, P. 311, D. 5", "archive-place": "Moscow",
        "custom": {"archival": {"archive": "AVPRF", "fond": "0146", "opis": "39", "delo": "5", "papka": "311"}},
    }
    assert (c.locator, c.label) == ("12", "folio")


def test_archive_named_in_english_after_a_signal():
    text = "See the Russian State Archive of the Economy (RGAE), f. 7, op. 1, d. 2."
    c = one(text)
    assert c.prefix == "See the"  # the lead is kept as written, like "Derived from the" in fixture 000
    assert (c.item["archive"], c.item["archive_location"]) == ("Russian State Archive of the Economy (RGAE)",
                                                               "F. 7, Op. 1, D. 2")
    assert c.warnings == []
    assert c.text == "Russian State Archive of the Economy (RGAE), f. 7, op. 1, d. 2"


def test_archive_named_in_russian_transliteration_and_ob_leaves():
    text = ("See the Gosplan memorandum in Rossiiskii gosudarstvennyi arkhiv ekonomiki (RGAE), f. 4372, op. 65, "
            "d. 218, ll. 5–5ob.")
    c = one(text)
    assert c.item == {
        "type": "manuscript", "archive": "Russian State Archive of the Economy (RGAE)",
        "archive_location": "F. 4372, Op. 65, D. 218", "archive-place": "Moscow",
        "custom": {"archival": {"archive": "RGAE", "fond": "4372", "opis": "65", "delo": "218"}},
    }
    assert (c.prefix, c.locator, c.label) == ("See the Gosplan memorandum in", "5–5ob.", "folio")
    assert text[c.span.start:c.span.end].startswith("Rossiiskii gosudarstvennyi arkhiv ekonomiki (RGAE), f. 4372")


def test_lowercase_fond_opis_delo_list_with_ob():
    c = one("Decree of the Council of Ministers, 12 May 1955, in GARF, f. 5446, op. 1, d. 659, l. 3ob.")
    assert c.item["title"] == "Decree of the Council of Ministers"
    assert c.item["issued"] == {"date-parts": [[1955, 5, 12]]}
    assert c.item["custom"]["archival"] == {"archive": "GARF", "fond": "5446", "opis": "1", "delo": "659"}
    assert (c.locator, c.label) == ("3ob.", "folio")


def test_letters_in_archives():
    c = one("Gromyko to Kosygin, 2 February 1967, in RGANI, f. 5, op. 58, d. 12, ll. 40–41.")
    assert (c.item["type"], c.item["title"]) == ("personal_communication", "Gromyko to Kosygin")
    assert c.item["issued"] == {"date-parts": [[1967, 2, 2]]}
    assert (c.item["archive_location"], c.locator) == ("F. 5, Op. 58, D. 12", "40–41")
    f = one("Letter from Dobrynin to Gromyko, 5 May 1970, in Arkhiv vneshnei politiki Rossiiskoi Federatsii "
            "(AVPRF), f. 59, op. 12, p. 45, d. 3, l. 7.")
    assert (f.item["type"], f.item["title"]) == ("personal_communication", "Letter from Dobrynin to Gromyko")
    assert f.item["archive"] == "Archive of Foreign Policy of the Russian Federation (AVPRF)"
    assert f.item["archive_location"] == "F. 59, Op. 12, P. 45, D. 3"
    assert valid(f.item)


def test_book_and_archive_in_one_note():
    out = cites("See Kotkin, *Magnetic Mountain*, p. 5; and GARF, f. 5446, op. 1, d. 12, l. 3.")
    assert [(c.kind, c.locator, c.label) for c in out] == [(SHORT, "5", "page"), (FULL, "3", "folio")]
    # a bare "; and" between two citations is the separator's, not the second one's prefix (fixture 000, n. 71)
    assert [c.prefix for c in out] == ["See", None]


def test_book_lowercase_vol_with_volume_title():
    c = one("T. Hasegawa, *The Northern Territories Dispute and Russo-Japanese Relations*, vol. 1, *Between War and "
            "Peace, 1697–1985* (Berkeley, CA: University of California, International and Area Studies, 1998), p. 12.")
    assert c.kind == FULL
    assert c.item == {
        "type": "book", "author": [{"family": "Hasegawa", "given": "T."}],
        "title": "The Northern Territories Dispute and Russo-Japanese Relations", "volume": "1",
        "volume-title": "Between War and Peace, 1697–1985", "publisher-place": "Berkeley, CA",
        "publisher": "University of California, International and Area Studies", "issued": {"date-parts": [[1998]]},
    }
    assert (c.locator, c.label) == ("12", "page")
    assert valid(c.item)
    v = one("T. Hasegawa, *The Northern Territories Dispute and Russo-Japanese Relations*, vol. 1 (Berkeley, CA: "
            "University of California, International and Area Studies, 1998), p. 12.")
    assert v.item == {k: val for k, val in c.item.items() if k != "volume-title"}
    assert (v.locator, v.label) == ("12", "page")


# --- prefixes ------------------------------------------------------------------------------------------

BOOK = "Jane Smith, *Trade Wars* (London: Verso, 2001), p. 12"
BOOK2 = "Peter Brown, *Grain Politics* (Oxford: Clarendon, 1999), p. 3"


def test_short_clause_around_a_parenthetical_signal_is_the_prefix():
    assert one(f"This is discussed, for instance, in {BOOK}.").prefix == "This is discussed, for instance, in"
    assert one(f"The point is made, e.g., in {BOOK}.").prefix == "The point is made, e.g., in"
    a = one("This is documented, for example, in RGAE, f. 7, op. 1, d. 2.")
    assert (a.prefix, a.text) == ("This is documented, for example, in", "RGAE, f. 7, op. 1, d. 2")
    # a clause-opening signal after a topic phrase: the prefix starts at the first signal, as before
    assert one(f"On trade, for example, see {BOOK}.").prefix == "for example, see"
    assert one(f"On trade, see, for example, {BOOK}.").prefix == "see, for example"
    # a lead-in of more than one short clause is not copied whole
    assert one(f"This argument, which many historians have repeated over and over again, can be seen, for example, "
               f"in {BOOK}.").prefix == "for example, in"


def test_conjunction_between_two_citations_is_no_prefix():
    assert [c.prefix for c in cites(f"{BOOK}, and {BOOK2}.")] == [None, None]
    assert [c.prefix for c in cites(f"{BOOK}; or {BOOK2}.")] == [None, None]
    assert [c.prefix for c in cites(f"{BOOK}; and see also {BOOK2}.")] == [None, "see also"]
    out = cites(f"{BOOK}; and GARF, f. 5446, op. 1, d. 12, l. 3.")
    assert [(c.prefix, c.text) for c in out] == [(None, BOOK), (None, "GARF, f. 5446, op. 1, d. 12, l. 3")]


# --- archival documents named in prose ------------------------------------------------------------------

def test_document_named_by_the_sentence_subject():
    g = one("The Gosplan memorandum is kept in RGAE, f. 4372, op. 65, d. 218, ll. 5–6.")
    assert g.item == {
        "type": "manuscript", "archive": "Russian State Archive of the Economy (RGAE)",
        "archive_location": "F. 4372, Op. 65, D. 218", "archive-place": "Moscow",
        "custom": {"archival": {"archive": "RGAE", "fond": "4372", "opis": "65", "delo": "218"}},
        "title": "Gosplan memorandum",
    }
    assert (g.prefix, g.locator, g.text) == (None, "5–6", "The Gosplan memorandum is kept in RGAE, f. 4372, op. 65, "
                                                           "d. 218, ll. 5–6")
    d = one("Dobrynin's reply dates from 12 May 1970 and can be found in AVPRF, f. 59, op. 12, p. 45, d. 3, l. 7.")
    assert (d.item["title"], d.item["issued"], d.item["archive_location"], d.prefix) == (
        "Dobrynin's reply", {"date-parts": [[1970, 5, 12]]}, "F. 59, Op. 12, P. 45, D. 3", None)
    assert valid(d.item)
    k = one("The KGB report is stored in the Russian State Archive of the Economy (RGAE), f. 7, op. 1, d. 2.")
    assert (k.item["title"], k.prefix) == ("KGB report", None)
    out = cites("Ibid., l. 4; Gromyko's telegram is in AVPRF, f. 59, op. 12, d. 3, l. 7.")
    assert [(c.kind, c.item.get("title"), c.locator) for c in out] == [(IBID, None, "4"),
                                                                      (FULL, "Gromyko's telegram", "7")]


def test_vague_subjects_give_no_document_title():
    for lead in ("The letter is in", "His letter is in", "Much of it is in", "He said the report is in",
                 "The minutes of the meeting are in", "Soviet reports are in", "Both KGB reports are in"):
        c = one(f"{lead} GARF, f. 5446, op. 1, d. 12.")
        assert "title" not in c.item, lead
        assert (c.prefix, c.text) == (lead, "GARF, f. 5446, op. 1, d. 12"), lead


# --- chains: ibid., short forms, supra ----------------------------------------------------------------

def test_ibid_chain_with_page_changes():
    cits, warnings = run([(1, "Jane Smith, *Trade Wars* (London: Verso, 2001), p. 12."),
                          (2, "Ibid., 14."), (3, "*Ibid.*, pp. 15–16."), (4, "Ibid."), (5, "Ibid., 20–21.")])
    assert [c.kind for c in cits] == [FULL, IBID, IBID, IBID, IBID]
    assert [c.antecedent for c in cits] == [None, 0, 0, 0, 0]
    assert [(c.locator, c.label) for c in cits] == [("12", "page"), ("14", "page"), ("15–16", "page"),
                                                    (None, None), ("20–21", "page")]
    assert warnings == []


KOTKIN = [
    (1, "Stephen Kotkin, *Magnetic Mountain: Stalinism as a Civilization* (Berkeley: University of California "
        "Press, 1995), p. 5."),
    (2, "Stephen Kotkin, *Armageddon Averted: The Soviet Collapse, 1970–2000* (Oxford: Oxford University Press, "
        "2001), p. 9."),
    (3, "Stephen Kotkin, *Stalin: Paradoxes of Power, 1878–1928* (New York: Penguin, 2014)."),
    (4, "Robert Service, *Stalin: A Biography* (London: Macmillan, 2004), p. 100."),
]


def test_short_forms_pick_the_work_by_title():
    cits, warnings = run(KOTKIN + [(5, "Kotkin, *Magnetic Mountain*, p. 80."), (6, "Kotkin, *Stalin*, 3."),
                                   (7, "Kotkin, *Armageddon Averted*, pp. 15–17."), (8, "Service, *Stalin*.")])
    assert [c.kind for c in cits[4:]] == [SHORT] * 4
    assert [c.antecedent for c in cits[4:]] == [0, 2, 1, 3]
    assert [(c.locator, c.label) for c in cits[4:]] == [("80", "page"), ("3", "page"), ("15–17", "page"),
                                                        (None, None)]
    assert warnings == []


def test_supra_forms():
    cits, warnings = run(KOTKIN + [(9, "Kotkin (see note 3 above), p. 44."), (10, "Service, n. 4 supra, p. 10."),
                                   (11, "See note 1 above.")])
    assert [(c.kind, c.note_ref) for c in cits[4:]] == [(SUPRA, 3), (SUPRA, 4), (SUPRA, 1)]
    assert [c.antecedent for c in cits[4:]] == [2, 3, 0]
    assert [c.locator for c in cits[4:]] == ["44", "10", None]
    assert cits[6].prefix == "See"
    assert warnings == []


# --- commentary and what cannot be read ---------------------------------------------------------------

def test_pure_commentary_is_reported_not_cited():
    ctx = ParseContext()
    assert cites("The negotiations dragged on for two more years, largely because neither side trusted the "
                 "other.", n=5, ctx=ctx) == []
    assert ctx.warnings == ["g.txt note 5: no citation found (commentary only)"]


def test_an_archival_reference_in_an_unknown_notation_keeps_its_location_as_written():
    # the archive is not in the registry and the notation is no known one: filed as written, never dropped
    # (the archive named last is the archive; the papers before the box are its collection)
    text = "Foreign Trade Ministry papers, box 14, folder 3, Hoover Institution Archives."
    ctx = ParseContext()
    c = one(text, ctx=ctx)
    assert (c.kind, c.item["type"], c.locator) == (FULL, "manuscript", None)
    assert (c.item["archive"], c.item["archive_location"]) == ("Hoover Institution Archives",
                                                               "Foreign Trade Ministry papers, box 14, folder 3")
    assert c.text == text
    assert ctx.warnings == []


def test_references_without_markup_that_the_rules_could_not_read_are_read_by_the_labeller():
    # issue 9: these were UNPARSED before the trained labeller
    c = one("Interview with a former trade official, Moscow, 14 June 1998, pp. 3–4.")
    assert (c.kind, c.item["type"], c.item["title"]) == (FULL, "interview", "Interview with a former trade official")
    assert c.item["issued"] == {"date-parts": [[1998, 6, 14]]} and c.locator == "3–4"
    b = one("Jane Smith, *The Unfinished Book* (forthcoming).")
    assert (b.kind, b.item["type"], b.item["title"], b.item["status"]) == (FULL, "book", "The Unfinished Book",
                                                                          "forthcoming")
    assert b.item["author"] == [{"family": "Smith", "given": "Jane"}]


def test_volume_colon_page_is_the_locator():
    out = cites("Ibid., 2:115.")
    assert [(c.kind, c.text, c.locator) for c in out] == [(IBID, "Ibid., 2:115.", "2:115")]


def test_reference_parts_without_a_work_are_unparsed_with_a_reason():
    text = "Vol. 3, no. 4, pp. 12–20 (1987)."
    ctx = ParseContext()
    c = one(text, ctx=ctx)
    assert (c.kind, c.item, c.text) == ("unparsed", {}, text)
    assert c.reason == "looks like a reference, but its title and author could not be told"


def test_ibid_takes_the_locator_that_follows_it_whatever_its_label():
    cases = {"Ibid, Appendix 2.": ("2", "appendix"), "Ibid., Table 4.": ("4", "table"),
             "Ibid., pp. 12–14.": ("12–14", "page"), "Ibid., chap. 3.": ("3", "chapter"),
             "Там же. С. 7.": ("7", "page")}
    for text, expected in cases.items():
        c = one(text)
        assert (c.kind, c.locator, c.label) == (IBID, *expected), text


def test_ibid_locator_of_several_parts_is_kept_whole():
    # a document number and its note, a page and a note of the work cited, a document and its pages: one
    # locator as written; the "note 2" of the cited work is not a back-reference to note 2 of this document
    cases = {"Ibid., no. 25, note 2.": ("no. 25, note 2", "page"), "Ibid., p. 25, note 2.": ("25, note 2", "page"),
             "Ibid., 45, n. 3.": ("45, n. 3", "page"), "Ibid., 45 n. 3.": ("45 n. 3", "page"),
             "Ibid., doc. 12, pp. 45-46.": ("doc. 12, pp. 45–46", "page"),
             "Ibid., chap. 3, n. 14.": ("3, n. 14", "chapter"), "Ibid., 1947, no. 3, p. 4.": ("1947, no. 3, p. 4", "page"),
             "Ibid., pp. 45–46, 50.": ("45–46, 50", "page"), "Ibid., ll. 5-7, 9.": ("5–7, 9", "folio"),
             "Ibid., l. 12ob.": ("12ob.", "folio")}
    for text, expected in cases.items():
        c = one(text)
        assert (c.kind, c.locator, c.label, c.text) == (IBID, *expected, text.rstrip(".")
                                                        if not text.endswith("ob.") else text), text


def test_ibid_locator_stops_where_the_next_citation_or_a_year_alone_begins():
    out = cites("Ibid., p. 12; Smith, Soviet Power, 4.")
    assert [(c.kind, c.locator) for c in out] == [(IBID, "12"), (SHORT, "4")]
    out = cites("Ibid., 45. See note 3 above.")
    assert [(c.kind, c.locator, c.note_ref) for c in out] == [(IBID, "45", None), (SUPRA, None, 3)]
    c = one("Ibid., d. 88, l. 3.")  # a file of the archive: a partial ibid., not a chain of locators
    assert (c.item["custom"]["archival_override"], c.locator, c.label) == ({"delo": "88"}, "3", "folio")


def test_gost_book_names_its_author_and_title():
    c = one("Хрущев Н. С. Воспоминания. М., 1999. Т. 2. С. 45.")
    assert c.item["author"] == [{"family": "Хрущев", "given": "Н. С."}]
    assert (c.item["title"], c.item["publisher-place"], c.item["issued"], c.item["volume"]) == (
        "Воспоминания", "М.", {"date-parts": [[1999]]}, "2")
    assert (c.locator, c.label) == ("45", "page")


def test_gost_article_in_a_journal_and_a_book_with_editors():
    c = one("Пихоя Р. Г. О внутриполитической борьбе в советском руководстве // Новая и новейшая история. 1995. "
            "№ 6. С. 3–14.")
    assert (c.item["author"], c.item["title"], c.item["container-title"], c.item["issue"]) == (
        [{"family": "Пихоя", "given": "Р. Г."}], "О внутриполитической борьбе в советском руководстве",
        "Новая и новейшая история", "6")
    c = one("Данилов В. П. Трагедия советской деревни / под ред. В. П. Данилова. М., 1999. Т. 1. С. 5.")
    assert (c.item["title"], c.item["editor"]) == ("Трагедия советской деревни",
                                                  [{"family": "Данилова", "given": "В. П."}])


def test_gost_authors_after_a_signal_and_ukrainian_imprint():
    c = one("См.: Зубок В. М., Плешаков К. В. Внутри кремлевской холодной войны. М., 1999. С. 77.")
    assert [a["family"] for a in c.item["author"]] == ["Зубок", "Плешаков"]
    assert (c.item["title"], c.prefix, c.locator) == ("Внутри кремлевской холодной войны", "См.", "77")
    c = one("Кульчицький С. В. Голод 1932–1933 рр. в Україні. К.: Наукова думка, 2003. С. 5.")
    assert (c.item["author"][0]["family"], c.item["title"], c.item["publisher"]) == (
        "Кульчицький", "Голод 1932–1933 рр. в Україні", "Наукова думка")


def test_a_document_named_with_its_people_is_not_a_gost_author():
    from zotero_cw.parse.gost import gost_spans

    text = "Телеграма Й. Сталіна Л. Кагановичу та В. Молотову / Сталин и Каганович. Переписка. М., 2001. С. 281."
    assert gost_spans(text) == []
    assert gost_spans("Шифрограма Й. Сталіна Ворошилову. Висловив пропозицію / РДАСПІ. – Ф. 558.") == []


def test_a_second_work_after_a_semicolon_is_by_its_author_not_an_editor():
    cs = cites("Cf. Michael Cox, Beyond the Cold War (Macmillan: London 1990), 33; Jean Laloy, Yalta (Paris, 1982), 7.")
    assert [(c.kind, c.item.get("title")) for c in cs] == [(FULL, "Beyond the Cold War"), (FULL, "Yalta")]
    assert (cs[0].item["publisher"], cs[0].item["publisher-place"]) == ("Macmillan", "London")
    assert (cs[1].item["author"], cs[1].item["publisher-place"], cs[1].locator) == (
        [{"family": "Laloy", "given": "Jean"}], "Paris", "7")
    ed = one("Jane Doe, ed., The Grain Trade (London: Macmillan, 1982), 4.")
    assert ed.item["editor"] == [{"family": "Doe", "given": "Jane"}] and "author" not in ed.item


def test_a_newspaper_page_after_the_day_and_ukrainian_leaves_in_a_partial_ibid():
    c = one("\"Soviet Trade Delegation,\" Japan Times, 14 March 1958, 3, accessed May 5, 2010, http://example.org/jt.")
    assert (c.item["type"], c.locator, c.label, "volume" in c.item) == ("article-newspaper", "3", "page", False)
    assert c.item["accessed"] == {"date-parts": [[2010, 5, 5]]}
    out, _ = run([(1, "TsDAHO, f. 1, op. 23, spr. 5, ark. 7."), (2, "Ibid., spr. 6, ark. 2.")])
    assert [(c.item.get("archive_location"), c.locator, c.label) for c in out] == [
        ("F. 1, Op. 23, D. 5", "7", "folio"), ("F. 1, Op. 23, D. 6", "2", "folio")]


def test_japanese_foreign_ministry_file_numbers_and_an_issue_written_no():
    c = one("Gaimushō Gaikō Shiryōkan, A'.1.1.0.30, \"Nisso kokkō chōsei mondai,\" vol. 3.")
    assert (c.item["type"], c.item["archive_location"], c.item["custom"]["archival"]["archive"]) == (
        "manuscript", "A'.1.1.0.30", "DAMOFA")
    assert c.item["title"] == "Nisso kokkō chōsei mondai"
    c = one("Telegram, Tōgō to Satō, 8 August 1945, DRO, A.7.0.0.9-2.")
    assert (c.item["archive_location"], c.item["title"], c.item["issued"]) == (
        "A.7.0.0.9-2", "Telegram, Tōgō to Satō", {"date-parts": [[1945, 8, 8]]})
    c = one("James Hershberg, \"The Crisis Years,\" CWIHP Bulletin, no. 8–9 (Winter 1996/1997): 104–7.")
    assert (c.item["issue"], "volume" in c.item, c.item["issued"]) == (
        "8–9", False, {"date-parts": [[1996], [1997]], "season": 4})


# --- FRUS cross-references to documents of the same volume ------------------------------------------------
def test_frus_see_document_n_is_a_cross_reference_not_a_work():
    cits, _ = run([(1, "Printed in Foreign Relations of the United States, 1961–1963, vol. V, Soviet Union, Document 3."),
                   (2, "For Thompson's meeting with Gromyko, January 12, see Document 140."),
                   (3, "See footnote 5, Document 19."),
                   (4, "Kennedy met Adzhubei (see Documents 150 and 151). He left on Monday.")])
    assert cits[0].kind == FULL and cits[0].cross_reference is None  # a volume's document number is its own
    assert cits[0].item["number"] == "3"
    crosses = [c for c in cits[1:] if c.kind == SUPRA]
    assert [(c.text, c.cross_reference) for c in crosses] == [
        ("see Document 140.", "Document 140"), ("See footnote 5, Document 19.", "Document 19"),
        ("see Documents 150", "Document 150"), ("151", "Document 151")]  # each document, its own
    for c in crosses:  # never resolved to a work: reported as what it is
        assert c.antecedent is None and c.work is None
        assert c.reason == f"cross-reference to {c.cross_reference} of the same volume (not a work)"
    assert crosses[1].note_ref is None  # "footnote 5" is Document 19's note, not this document's note 5


def test_frus_cross_references_name_part_attachment_and_source_note():
    cits, _ = run([(1, "For the meeting, see Part 1, Document 12."), (2, "Attachment to Document 54."),
                   (3, "See Document 49 and footnote 1 thereto."), (4, "See the source note, Document 335.")])
    assert [(c.kind, c.text, c.cross_reference) for c in cits] == [
        (SUPRA, "see Part 1, Document 12.", "Part 1, Document 12"), (SUPRA, "Attachment to Document 54.", "Document 54"),
        (SUPRA, "See Document 49 and footnote 1 thereto.", "Document 49"),
        (SUPRA, "See the source note, Document 335.", "Document 335")]


# --- partial ibid. naming another file of a U.S. archive ----------------------------------------------------
def test_ibid_with_a_central_files_number_or_lot_file_is_that_file_of_the_same_archive():
    cits, _ = run([(1, "Source: Department of State, Central Files, 611.61/2-562. Secret."),
                   (2, "Ibid., 611.61/2-762."), (3, "Ibid., 45."), (4, "ibid., Bruce Diaries: Lot 64 D 327.")])
    full, other_file, page, lot = cits
    assert other_file.kind == FULL and other_file.text == "Ibid., 611.61/2-762."
    assert other_file.item["archive"] == full.item["archive"]
    assert other_file.item["archive_location"] == "Central Files, 611.61/2-762"  # not page 611
    assert page.kind == IBID and page.locator == "45" and page.antecedent is not None
    assert lot.kind == FULL and lot.item["archive_location"] == "Bruce Diaries, Lot 64 D 327"  # files, then lot
    assert valid(other_file.item)


def test_accessed_dates_in_english_iso_and_russian_forms():
    web = one("Doe, “Page,” http://x.org/a (accessed 2010-05-05).")
    assert web.item["accessed"] == {"date-parts": [[2010, 5, 5]]} and web.item["URL"] == "http://x.org/a"
    on = one("“History,” Wilson Center Digital Archive, https://digitalarchive.wilsoncenter.org/x, accessed on 5 May "
             "2010.")
    assert on.item["accessed"] == {"date-parts": [[2010, 5, 5]]}
    gost = one("Сайт РИО. URL: https://rio.ru/x (дата обращения: 05.05.2020).")
    assert gost.item["URL"] == "https://rio.ru/x"  # GOST's "URL:" label is not part of it
    assert gost.item["accessed"] == {"date-parts": [[2020, 5, 5]]}  # day first


def test_a_document_described_before_ibid_is_another_document_of_that_file():
    cits, _ = run([(1, "Source: Department of State, Central Files, 611.61/2-562. Secret."),
                   (2, "Telegram 6333 from Tokyo, August 1; ibid."),
                   (3, "(Memorandum of conversation, November 10, 1958; ibid., 848.00/11–1058)"),
                   (4, "The Secretary agreed; ibid.")])
    source, telegram, memo, plain = cits
    assert telegram.kind == FULL and telegram.text == "Telegram 6333 from Tokyo, August 1; ibid."
    assert telegram.item["title"] == "Telegram 6333 from Tokyo"
    assert telegram.item["issued"] == {"literal": "August 1"}  # the day as written: no year given, none invented
    assert telegram.item["archive_location"] == source.item["archive_location"] == "Central Files, 611.61/2-562"
    assert memo.item["title"] == "Memorandum of conversation"
    assert memo.item["issued"] == {"date-parts": [[1958, 11, 10]]}
    assert memo.item["archive_location"] == "Central Files, 848.00/11–1058"
    assert plain.kind == IBID and plain.text == "ibid."  # prose before an ibid. is not a document's description
    assert valid(telegram.item) and valid(memo.item)


def test_a_gost_reference_after_long_english_commentary_is_read():
    lead = "This account, repeated in many memoirs and in most of the later histories, " * 6  # over 400 characters
    c = cites(lead + "See Хрущев Н. С. Воспоминания. М., 1999. Т. 2. С. 45.")[-1]
    assert c.item.get("author") == [{"family": "Хрущев", "given": "Н. С."}]
    assert c.item.get("title") == "Воспоминания"


def test_russian_op_cit_chains_resolve_by_cyrillic_and_latin_family_names():
    cits, warnings = run([
        (1, "Зубок В. М. Неудавшаяся империя: Советский Союз в холодной войне от Сталина до Горбачева. М., 2011. С. 12."),
        (2, "Там же. С. 14."),
        (3, "Хрущев Н. С. Воспоминания. М., 1999. Т. 2. С. 45."),
        (4, "Зубок В. М. Указ. соч. С. 45."),
        (5, "Хрущев Н. С. Указ. соч. Т. 2. С. 50."),
        (6, "Vladislav Zubok, A Failed Empire (Chapel Hill: University of North Carolina Press, 2007), 45."),
        (7, "Зубок, указ. соч., с. 50.")])
    zubok_ru, ibid, khrushchev, zubok_opcit, khrushchev_opcit, zubok_en, cross_script = cits
    assert ibid.antecedent == 0 and ibid.locator == "14"
    assert zubok_opcit.kind == SUPRA and zubok_opcit.antecedent == 0 and zubok_opcit.locator == "45"
    assert khrushchev_opcit.antecedent == 2 and khrushchev_opcit.locator == "50"
    assert cross_script.antecedent == 5  # "Зубок" is "Zubok": the latest earlier work by that name
    assert warnings == []


def test_decimal_files_the_parser_cannot_place_are_reported_not_dropped():
    out = cites("Further telegrams on the talks are in files 761.5622/1–1253 and 761.5622/1–1353.")
    assert [c.kind for c in out] == ["unparsed"]
    assert "761.5622/1–1353" in out[0].text and out[0].reason == "looks like a reference but matches no known form"
    assert one("See also Documents 139–145.").cross_reference == "Documents 139–145"


def test_ibid_after_a_cross_reference_repeats_the_source_before_it():
    cits, warnings = run([(1, "Source: Eisenhower Library, Whitman File, Dulles–Herter Series. Secret."),
                          (2, "For the meeting, see Document 140."),
                          (3, "Telegram 6333 from Tokyo, August 1; ibid.")])
    source, cross, telegram = cits
    assert cross.cross_reference == "Document 140" and cross.antecedent is None
    assert telegram.kind == FULL and telegram.item["archive_location"] == "Whitman File, Dulles–Herter Series"
    assert warnings == ["g.txt note 2: supra unresolved: cross-reference to Document 140 of the same volume "
                        "(not a work)"]


def test_a_lot_file_named_after_ibid_replaces_the_files_and_keeps_the_archive():
    cits, _ = run([(1, "Source: Department of State, Secretary's Memoranda of Conversation: Lot 65 D 330. Confidential."),
                   (2, "Memorandum of conversation by Sneider; ibid., Secretary's Memoranda of Conversation: Lot 65 D 331."),
                   (3, "Ibid., Lot 65 D 332.")])
    source, memo, bare = cits
    assert memo.item["title"] == "Memorandum of conversation by Sneider"
    assert memo.item["archive"] == source.item["archive"]
    assert memo.item["archive_location"] == "Secretary's Memoranda of Conversation, Lot 65 D 331"
    assert bare.kind == FULL and bare.item["archive_location"] == "Secretary's Memoranda of Conversation, Lot 65 D 332"


def test_a_page_after_a_file_without_leaves_is_its_locator_not_lost():
    out = cites("RGASPI, f. 17, op. 3, d. 5, p. 12; GARF, f. 5446, op. 1, d. 3, pp. 4-6.")
    assert [(c.item["archive_location"], c.locator, c.label) for c in out] == [
        ("F. 17, Op. 3, D. 5", "12", "page"), ("F. 5446, Op. 1, D. 3", "4–6", "page")]
    c = one("RGASPI, f. 17, op. 3, d. 5, l. 4.")
    assert (c.locator, c.label) == ("4", "folio")


def test_papers_placed_in_an_archive_and_a_partial_ibid_naming_another_box():
    cits, _ = run([(1, "National Archives, Nixon Presidential Materials, NSC Files, Box 399, Subject Files, "
                       "Textiles, Vol. I."),
                   (2, "Memorandum from Peterson to Kissinger, May 2; ibid., Box 533, Country Files, Far East, "
                       "Japan, Vol. I.")])
    first, second = cits
    assert first.item["archive"] == "National Archives and Records Administration (NARA)"
    assert first.item["custom"]["archival"]["fond"] == "Nixon Presidential Materials"
    assert first.item["custom"]["archival"]["unit"] == "Box 399"
    assert second.kind == FULL  # another document of the same papers, in another box
    assert second.item["title"] == "Memorandum from Peterson to Kissinger"
    assert second.item["archive_location"] == ("Nixon Presidential Materials, NSC Files, Box 533, Country Files, "
                                               "Far East, Japan, Vol. I")


def test_several_files_of_one_fond_in_one_note_are_several_citations():
    out = cites("RGASPI, f. 17, op. 3, d. 410, l. 17; d. 415, l. 3; GARF, f. R-5446, op. 1, d. 70, l. 5 and op. 2, "
                "d. 12.")
    assert [(c.text, c.item["archive_location"], c.locator) for c in out] == [
        ("RGASPI, f. 17, op. 3, d. 410, l. 17", "F. 17, Op. 3, D. 410", "17"),
        ("d. 415, l. 3", "F. 17, Op. 3, D. 415", "3"),
        ("GARF, f. R-5446, op. 1, d. 70, l. 5", "F. R-5446, Op. 1, D. 70", "5"),
        ("op. 2, d. 12", "F. R-5446, Op. 2, D. 12", None)]
    assert {c.item["archive"] for c in out[:2]} == {"Russian State Archive of Socio-Political History (RGASPI)"}
    cyr = cites("РГАСПИ. Ф. 17. Оп. 3. Д. 410. Л. 17; Д. 415. Л. 3.")
    assert [(c.item["archive_location"], c.locator) for c in cyr] == [("F. 17, Op. 3, D. 410", "17"),
                                                                      ("F. 17, Op. 3, D. 415", "3")]
    # a back-reference after a file is not another file
    assert [c.kind for c in cites("RGASPI, f. 17, op. 3, d. 5; Smith, op. cit., 45.")][0] == FULL


def test_an_ibid_naming_a_presidential_materials_file():
    c = one("Ibid., Nixon Presidential Materials, NSC Files, Box 554, Country Files, Far East.")
    level = c.item["custom"]["archival_override"]
    assert (c.kind, level["fond"], level["unit"], level["delo"]) == (IBID, "NSC Files", "Box 554",
                                                                    "Country Files, Far East")


def test_subject_numeric_files_of_the_state_department_and_a_document_that_is_ibid():
    first, second = cites("Department of State, Central Files, DEF 15 RYU IS–US; ibid., POL 19 RYU IS.")
    assert first.item["custom"]["archival"]["delo"] == "DEF 15 RYU IS–US"
    assert second.kind == IBID and second.item["custom"]["archival_override"] == {"delo": "POL 19 RYU IS"}
    c = one("A record of his talk with the Foreign Minister on May 16 is ibid., POL 15–1 JAPAN.")
    assert c.item["title"] == "A record of his talk with the Foreign Minister on May 16"
    assert c.item["custom"]["archival_override"] == {"delo": "POL 15–1 JAPAN"}
    d = one("Circular airgram CA-4523, October 23, 1963; not printed. (Department of State, Central Files, "
            "CSM 1 CHICOM)")
    assert (d.item["title"], d.item["issued"], d.item["custom"]["archival"]["delo"]) == (
        "Circular airgram CA-4523", {"date-parts": [[1963, 10, 23]]}, "CSM 1 CHICOM")


def test_a_document_described_before_its_bracketed_file_ends_at_its_date():
    out, _ = run([(1, "Department of State, Central Files, 864.10/4–556."),
                  (2, "Despatch 399, April 13, dealt with the credit position as an opportunity. (Ibid., 864.10/4–1356)")])
    c = out[1]
    assert (c.kind, c.item["title"], c.item["issued"]) == (FULL, "Despatch 399", {"literal": "April 13"})
    assert c.item["custom"]["archival"]["delo"] == "864.10/4–1356"


def test_several_decimal_files_after_one_ibid_are_several_files_of_the_same_archive():
    out, _ = run([(1, "Department of State, Central Files, 611.48/5–1156."),
                  (2, "(Ibid., 611.48/5–1856, 911.6248/5–1856, and 848.181/5–1856, respectively)")])
    assert [c.item["custom"]["archival"]["delo"] for c in out[1:]] == ["611.48/5–1856", "911.6248/5–1856",
                                                                        "848.181/5–1856"]
    assert {c.item["archive"] for c in out} == {"U.S. Department of State (DOS)"}


def test_an_ibid_naming_other_papers_of_the_same_library():
    out, _ = run([(1, "Source: Kennedy Library, National Security Files, Countries Series, USSR. Another copy is ibid., "
                      "President’s Office Files, USSR.")])
    first, second = out
    assert second.kind == FULL and "title" not in second.item  # "Another copy" names no document
    assert second.item["archive"] == first.item["archive"] == "John F. Kennedy Library (JFKL)"
    assert second.item["archive_location"] == "President’s Office Files, USSR"


def test_an_ibid_naming_another_series_of_the_same_papers():
    out, _ = run([(1, "Eisenhower Library, Whitman File, Eisenhower Diaries."), (2, "A record of the call is ibid., "
                                                                                    "ACW Diary.")])
    assert out[1].item["archive_location"] == "Whitman File, ACW Diary"
    assert out[1].item["title"] == "A record of the call"


def test_lot_files_after_ibid_with_a_colon_a_named_folder_a_list_and_a_numbered_memo():
    cases = {"(Ibid.: Lot 62 D 430, Volunteer Freedom Corps)": {"opis": "Lot 62 D 430",
                                                                "delo": "Volunteer Freedom Corps"},
             "Ibid., Conference Files: Lot 66 D 110, CF 2375, 2380, and 2384/E.": {
                 "fond": "Conference Files", "opis": "Lot 66 D 110", "delo": "CF 2375, 2380, and 2384/E"},
             "Ibid., S/S Files: Lot 63 D 351, CF 786.": {"fond": "S/S Files", "opis": "Lot 63 D 351", "delo": "CF 786"}}
    for text, level in cases.items():
        c = one(text)
        assert (c.kind, c.item["custom"]["archival_override"]) == (IBID, level), text
    memo = one("Department of State, SIG Records: Lot 70 D 263, SIG Memo No. 70.")
    assert memo.item["custom"]["archival"]["delo"] == "SIG Memo No. 70"


def test_a_footnote_of_another_document_is_the_place_a_cross_reference_cites():
    c = one("See footnote 2, Document 53.")
    assert (c.kind, c.cross_reference, c.locator, c.label) == (SUPRA, "Document 53", "2", "note")
    t = one("Telegram 4415 from Paris reported that Laloy had briefed Lyon. (Department of State, Central Files, "
            "651.61/3–2860)")
    assert t.item["title"] == "Telegram 4415 from Paris"


def test_a_note_that_is_only_a_decimal_file_is_that_document_kept_there():
    from zotero_cw.models import FULL, Note
    from zotero_cw.parse import ParseContext, parse_note

    ctx = ParseContext()
    tele, bare, older, personnel = (parse_note(Note("d", i, t), ctx) for i, t in enumerate(
        ["762.94/1203: Telegram", "500.C11a2/4471", "(File No. 893.51/2210).", "123G861/42"], 1))
    assert [c.kind for c in tele + bare + older + personnel] == [FULL] * 4
    assert tele[0].item["archive_location"] == "762.94/1203" and tele[0].item["genre"] == "Telegram"
    assert tele[0].item["type"] == "manuscript" and "archive" not in tele[0].item  # the note names no archive
    assert bare[0].item["archive_location"] == "500.C11a2/4471" and "title" not in bare[0].item
    assert older[0].item["archive_location"] == "893.51/2210" and personnel[0].item["archive_location"] == "123G861/42"


def test_older_volumes_point_at_pages_of_this_or_another_volume():
    from zotero_cw.models import SUPRA, Note
    from zotero_cw.parse import ParseContext, parse_note
    from zotero_cw.resolve import resolve

    ctx = ParseContext()
    notes = ["Ante, p. 12.", "Dated March 3, post, p. 410.", "See pp. 77 ff.", "Cf. vol. ii, pp. 301 and 309."]
    cits = [c for i, t in enumerate(notes, 1) for c in parse_note(Note("d", i, t), ctx)]
    assert [(c.kind, c.cross_reference, c.locator) for c in cits] == [
        (SUPRA, "p. 12", "12"), (SUPRA, "p. 410", "410"), (SUPRA, "pp. 77 ff.", "77 ff."),
        (SUPRA, "vol. ii, pp. 301 and 309", "301 and 309")]
    resolve(cits)
    assert cits[3].reason == "cross-reference to vol. ii, pp. 301 and 309 of another volume of the series (not a work)"
    assert cits[0].reason == "cross-reference to p. 12 of the same volume (not a work)"


def test_a_note_that_says_who_a_person_is_cites_nothing():
    from zotero_cw.models import SHORT, Note
    from zotero_cw.parse import ParseContext, parse_note

    ctx = ParseContext()
    who = ["Neville Chamberlain, British Prime Minister.", "Joseph Ballantine, Assistant Chief, Division of Far "
           "Eastern Affairs.", "Maxim Litvinov, Soviet Commissar for Foreign Affairs.", "Col. Joseph W. Stilwell, "
           "Military Attaché in China."]
    assert [parse_note(Note("d", i, t), ctx) for i, t in enumerate(who, 1)] == [[], [], [], []]
    assert all("commentary only" in w for w in ctx.warnings[-4:])
    kept = parse_note(Note("d", 5, "Gaddis, The Long Peace."), ctx)  # a short form without a page stays one
    assert [(c.kind, c.author, c.short_title) for c in kept] == [(SHORT, "Gaddis", "The Long Peace")]


def test_who_a_person_is_with_the_years_of_office_or_the_office_first():
    from zotero_cw.parse.model import _an_office, _office_first

    # the years of a tenure are no page or volume number
    assert _an_office(" former Governor of Yunnan, 1928–1945, was Vice Chairman of the Committee.")
    assert _an_office(" Prime Minister of Italy, July 1943–June 1944.")
    assert not _an_office(" Secretary of State, p. 45.") and not _an_office(" Minister, vol. 3.")
    # the office (after a nationality) first, and no document named
    assert _office_first("Admiral Thomas C. Hart of the United States Asiatic Fleet.")
    assert _office_first("American delegate to the Brussels Conference, November 1937.")
    assert not _office_first("President Truman’s address to the Congress, March 12, 1947.")  # what he said
    assert not _office_first("Ambassador in China, telegram 412, May 5.")
    assert not _office_first("Gaddis, The Long Peace.")


def test_a_note_opening_with_the_telegram_it_reports_cites_it_unless_its_file_follows():
    from zotero_cw.models import FULL, Note
    from zotero_cw.parse import ParseContext, parse_note

    ctx = ParseContext()
    told = parse_note(Note("d", 1, "In telegram 617 from Prague, March 3, the Embassy reported the arrests."), ctx)
    assert [(c.kind, c.item["title"], c.item["issued"]) for c in told] == [
        (FULL, "telegram 617 from Prague", {"literal": "March 3"})]
    assert told[0].text == "telegram 617 from Prague, March 3,"
    filed = parse_note(Note("d", 2, "According to telegram 618 from Prague, March 4, nothing changed. (Department "
                                    "of State, Central Files, 749.00/3-456)"), ctx)
    assert len(filed) == 1 and filed[0].item["archive_location"].endswith("749.00/3-456")  # one document, its file


def test_the_volumes_pages_named_after_a_description_a_date_or_for_documentation():
    from zotero_cw.models import SHORT, SUPRA, Note
    from zotero_cw.parse import ParseContext, parse_note
    from zotero_cw.resolve import resolve

    ctx = ParseContext()
    notes = ["For text of NSC 48/2, December 30, see p. 112.", "Dated March 2, p. 1270.",
             "For documentation on U.S. policy with regard to Burma, see vol. vi, Part 1, pp. 267 ff.",
             "Documentation on U.S. policy with regard to Yugoslavia is included in volume iv.",
             "For the proposals, see editorial note, p. 76; see editorial note, p. 91."]
    cits = [c for i, t in enumerate(notes, 1) for c in parse_note(Note("d", i, t), ctx)]
    assert [(c.kind, c.cross_reference, c.locator) for c in cits if c.kind == SUPRA] == [
        (SUPRA, "p. 112", "112"), (SUPRA, "p. 1270", "1270"), (SUPRA, "vol. vi, Part 1, pp. 267 ff.", "267 ff."),
        (SUPRA, "volume iv", None), (SUPRA, "p. 76", "76"), (SUPRA, "p. 91", "91")]
    others = [c for c in cits if c.kind != SUPRA]  # "For text of NSC 48/2, December 30": at most that document
    assert all(c.note == 1 and c.item.get("title") == "NSC 48/2" for c in others)
    resolve(cits)
    assert [c.reason for c in cits if c.cross_reference == "volume iv"] == [
        "cross-reference to volume iv of another volume of the series (not a work)"]
    short = parse_note(Note("d", 6, "Gaddis, We Now Know, see p. 79."), ctx)  # a work's page stays the work's
    assert [(c.kind, c.locator) for c in short] == [(SHORT, "79")]


def test_the_older_volumes_lowercase_numbers_supplements_and_telegrams_printed_there():
    from zotero_cw.models import FULL, Note
    from zotero_cw.parse import ParseContext, parse_note

    ctx = ParseContext()
    vol = parse_note(Note("d", 1, "Foreign Relations, 1949, vol. viii, pp. 933 ff."), ctx)
    assert [(c.kind, c.item["title"], c.item["volume"], c.locator) for c in vol] == [
        (FULL, "Foreign Relations, 1949", "viii", "933")]
    supp = parse_note(Note("d", 2, "See Foreign Relations, 1918, supp. 1, p. 170."), ctx)
    assert supp[0].item["part"] == "Supplement 1" and supp[0].locator == "170"
    tele = parse_note(Note("d", 3, "See telegram 5398, December 16, 1947, 6 p. m., from Paris, Foreign Relations, "
                                   "1947, vol. vi, p. 150."), ctx)
    assert [(c.item["title"], c.item["container-title"], c.item["volume"], c.item["page"]) for c in tele] == [
        ("telegram 5398 from Paris", "Foreign Relations, 1947", "vi", "150")]
    assert tele[0].item["issued"] == {"date-parts": [[1947, 12, 16]]}


def test_a_telegram_named_in_brackets_inside_a_sentence():
    from zotero_cw.models import FULL, Note
    from zotero_cw.parse import ParseContext, parse_note

    cits = parse_note(Note("d", 1, "The Assembly passed the bill by 348 to 202 (telegram 1221, March 24, 10 p. m., "
                                   "from Paris)."), ParseContext())
    named = [c for c in cits if c.kind == FULL]
    assert [(c.item["type"], c.item["title"], c.item["issued"]) for c in named] == [
        ("manuscript", "telegram 1221 from Paris", {"literal": "March 24"})]
    assert named[0].text == "(telegram 1221, March 24, 10 p. m., from Paris)"


# --- a serial named by a Russian title, without italics ----------------------------------------------------------

def test_a_serial_named_by_a_transliterated_title_without_italics():
    # the title's language marks it as italics would; the ellipsis of three dots ends no sentence
    c = one("Figures are taken from the Narodnoe khoziaistvo SSSR v . . . godu: Statisticheskii ezhegodnik series "
            "for 1956–1965.")
    assert c.item == {"type": "periodical", "language": "ru",
                      "title": "Narodnoe khoziaistvo SSSR v . . . godu: Statisticheskii ezhegodnik"}
    assert (c.prefix, c.suffix) == ("Figures are taken from the", "series for 1956–1965")
    cyr = one("For the harvests see the Сельское хозяйство СССР series, 1960–1970.")
    assert cyr.item == {"type": "periodical", "title": "Сельское хозяйство СССР"}
    assert valid(c.item) and valid(cyr.item)


def test_an_english_series_or_a_name_before_series_is_no_russian_title():
    from zotero_cw.parse.works import foreign_serials

    for text in ("Much of the documentation appearing in the Foreign Relations series for 1955–1957 concerns it.",
                 "This was the third in a series of quarterly reports by Nikolai Bulganin.",
                 "See the Khrushchev series of interviews.", "Moscow, Vneshnyaya series."):
        assert foreign_serials(text) == [], text


def test_a_paper_with_its_city_in_brackets_and_an_interview_with_its_place_and_day():
    paper = one("“Treaty Talks Resume,” Asahi Evening News (Tokyo), 5 May 1960, p. 2.")
    assert (paper.item["type"], paper.item["container-title"], paper.item["publisher-place"]) == (
        "article-newspaper", "Asahi Evening News", "Tokyo")
    talk = one("Interview with Tarora Sadao, Tokyo, November 26, 1968.")
    assert (talk.item["type"], talk.item["title"], talk.item["publisher-place"], talk.item["issued"]) == (
        "interview", "Interview with Tarora Sadao", "Tokyo", {"date-parts": [[1968, 11, 26]]})
