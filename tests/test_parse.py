"""parse_note on single notes: every form a Chicago history note uses, with exact fields."""

from zotero_cw.models import FULL, IBID, SHORT, SUPRA, UNPARSED, Note
from zotero_cw.parse import ParseContext, parse_note
from zotero_cw.parse.dates import parse_date
from zotero_cw.parse.locators import parse_locator
from zotero_cw.parse.names import parse_name, parse_names
from zotero_cw.parse.text import split_sentences


def cites(text, n=1, ctx=None):
    return parse_note(Note("d.txt", n, text), ctx)


def one(text, **kw):
    out = cites(text, **kw)
    assert len(out) == 1, out
    return out[0]


def test_book_with_volume_editor_translator_and_page():
    c = one("Nikita Khrushchev, *Memoirs of Nikita Khrushchev*, Vol. 1, *Commissar, 1918–1945*, ed. by "
            "Sergei Khrushchev, trans. by George Shriver (University Park, PA: Pennsylvania State University "
            "Press, 2005), p. 689.")
    assert c.kind == FULL
    assert c.item == {
        "type": "book", "author": [{"family": "Khrushchev", "given": "Nikita"}],
        "title": "Memoirs of Nikita Khrushchev", "volume": "1", "volume-title": "Commissar, 1918–1945",
        "editor": [{"family": "Khrushchev", "given": "Sergei"}],
        "translator": [{"family": "Shriver", "given": "George"}],
        "publisher-place": "University Park, PA", "publisher": "Pennsylvania State University Press",
        "issued": {"date-parts": [[2005]]},
    }
    assert (c.locator, c.label) == ("689", "page")


def test_book_chapter_locator_and_signal_prefix():
    c = one("On X, see Kyung Deok Roh, *Stalin's Economic Advisors: The Varga Institute* "
            "(New York: I.B. Tauris, 2018), ch. 3.")
    assert c.prefix == "see"
    assert c.item["author"] == [{"family": "Roh", "given": "Kyung Deok"}]
    assert c.item["publisher"] == "I.B. Tauris"
    assert (c.locator, c.label) == ("3", "chapter")
    assert c.text.startswith("Kyung Deok Roh")


def test_edited_russian_volume_et_al_and_language():
    c = one("The stenogram can be found in Aleksandr Yakovlev et al., eds., *Nikita Khrushchev, 1964: "
            "Stenogrammy plenuma TsK KPSS i drugie dokumenty* (Moscow: Materik, 2007), p. 169.")
    assert c.item["editor"] == [{"family": "Yakovlev", "given": "Aleksandr"}]
    assert "author" not in c.item
    assert c.item["custom"] == {"et_al": ["editor"]}
    assert c.item["language"] == "ru"
    assert c.locator == "169"


def test_editor_ed_and_volume_after_publication():
    c = one("See A. A. Fursenko, ed., *Prezidium TsK KPSS 1954–1965: Chernoye protokol'nye zapiski "
            "zasedanii* (Moscow: ROSSPEN, 2003), Vol. 1, p. 786.")
    assert c.item["editor"] == [{"family": "Fursenko", "given": "A. A."}]
    assert c.item["volume"] == "1"
    assert c.item["language"] == "ru"
    assert (c.prefix, c.locator) == ("See", "786")


def test_english_title_has_no_language():
    c = one("Walter LaFeber, *The Clash: U.S.-Japanese Relations throughout History* (New York: W. W. Norton, "
            "1997), pp. 314–324.")
    assert "language" not in c.item
    assert c.item["publisher"] == "W. W. Norton"
    assert (c.locator, c.label) == ("314–324", "page")


def test_journal_article_with_season():
    c = one('Vladislav Zubok, "Lost in a Triangle," *Journal of Cold War Studies*, Vol. 15, No. 2 '
            "(Spring 2013), pp. 51–71.")
    assert c.item == {
        "author": [{"family": "Zubok", "given": "Vladislav"}], "title": "Lost in a Triangle",
        "container-title": "Journal of Cold War Studies", "type": "article-journal", "volume": "15",
        "issue": "2", "issued": {"date-parts": [[2013]], "season": 1}, "page": "51–71",
    }
    assert c.locator is None


def test_article_authors_named_in_prose():
    out = cites("Zubok focuses on the 1970s, whereas Sergey Radchenko and Lisbeth Tarlow deal with the issue in "
                '"Gorbachev, Ozawa, and the Failed Negotiations," *Journal of Cold War Studies*, Vol. 15, No. 2 '
                "(Spring 2013), pp. 104–130.")
    assert [c.kind for c in out] == [FULL]
    assert out[0].item["author"] == [{"family": "Radchenko", "given": "Sergey"},
                                     {"family": "Tarlow", "given": "Lisbeth"}]
    assert out[0].item["title"] == "Gorbachev, Ozawa, and the Failed Negotiations"


def test_magazine_and_newspaper():
    # a paper's one page is the page cited, with or without the italics (the labeller reads it so)
    for text in ('"Again the Rising Sun," *Time*, 13 July 1962, p. 89.', '"Again the Rising Sun," Time, 13 July 1962, p. 89.'):
        m = one(text)
        assert m.item["title"] == "Again the Rising Sun" and m.item["container-title"] == "Time"
        assert m.item["issued"] == {"date-parts": [[1962, 7, 13]]} and "page" not in m.item
        assert (m.locator, m.label) == ("89", "page")
    assert one('"Again the Rising Sun," *Time*, 13 July 1962, p. 89.').item["type"] == "article-magazine"
    for text in ('"Oilman with Dreams," *The Times* (London), 18 September 1967, p. 20.',
                 '"Oilman with Dreams," The Times (London), 18 September 1967, p. 20.'):
        n = one(text)
        assert n.item["type"] == "article-newspaper"
        assert n.item["publisher-place"] == "London"
        assert n.item["container-title"] == "The Times"
        assert n.locator == "20" and "page" not in n.item
    # an article's pages in a weekly stay its pages
    w = one('Timothy Shenk, "Apostles of Growth," *The Nation*, 24 November 2014, pp. 17–28.')
    assert w.item["page"] == "17–28" and w.locator is None


def test_working_paper():
    c = one('Vladimir O. Pechatnov, "The Big Three after World War II," CWIHP Working Paper No. 13, '
            "Washington, DC: Cold War International History Project, July 1995, pp. 18–19.")
    assert c.item == {
        "type": "report", "author": [{"family": "Pechatnov", "given": "Vladimir O."}],
        "title": "The Big Three after World War II", "genre": "CWIHP Working Paper", "number": "13",
        "publisher-place": "Washington, DC", "publisher": "Cold War International History Project",
        "issued": {"date-parts": [[1995, 7]]},
    }
    assert (c.locator, c.label) == ("18–19", "page")


def test_chapter_in_edited_book():
    c = one('Jane Roe, "A Chapter," in John Smith, ed., *The Book* (London: Routledge, 2001), pp. 10–20.')
    assert c.item == {
        "type": "chapter", "author": [{"family": "Roe", "given": "Jane"}], "title": "A Chapter",
        "container-title": "The Book", "editor": [{"family": "Smith", "given": "John"}],
        "publisher-place": "London", "publisher": "Routledge", "issued": {"date-parts": [[2001]]},
        "page": "10–20",
    }


def test_online_forum():
    c = one('Akira Iriye, H-Diplo Forum on "Special Issue on Relations," *Journal of Cold War Studies*, '
            "Vol. 15, No. 2 (Spring 2013), pp. 4–130, available on the H-Diplo website.")
    # a forum discusses its subject: no reviewed-title (Chicago would print "review of …" and shorten the
    # note to "Iriye, review."); the details of the discussed issue stay in the note
    assert c.item == {
        "type": "post", "author": [{"family": "Iriye", "given": "Akira"}],
        "title": "H-Diplo Forum on “Special Issue on Relations”", "container-title": "H-Diplo",
        "note": "Journal of Cold War Studies, Vol. 15, No. 2 (Spring 2013), pp. 4–130, available on the H-Diplo "
                "website",
    }


def test_statistical_serial_with_ellipsis():
    c = one("See the annual *Vneshnyaya torgovlya SSSR za . . . Statisticheskii obzor* series for 1961–1964.")
    assert c.item == {"type": "periodical", "title": "Vneshnyaya torgovlya SSSR za . . . Statisticheskii obzor",
                      "language": "ru"}
    assert (c.prefix, c.suffix) == ("See the annual", "series for 1961–1964")


def test_frus_definition_then_abbreviation():
    ctx = ParseContext(abbreviations={})
    first = one("See Memorandum from A (Sebald) to B (Murphy), 20 April 1955, in U.S. Department of State, "
                "*Foreign Relations of the United States, 1955–1957*, Vol. XXIII, pt. 1, p. 65 "
                "(hereinafter referred to as *FRUS*, with appropriate year and volume numbers).", ctx=ctx)
    assert first.prefix == "See"
    assert first.item == {
        "type": "chapter", "title": "Memorandum from A (Sebald) to B (Murphy)",
        "issued": {"date-parts": [[1955, 4, 20]]},
        "container-author": [{"literal": "U.S. Department of State"}],
        "container-title": "Foreign Relations of the United States, 1955–1957", "volume": "XXIII",
        "part": "1", "page": "65",
    }
    later = one("Telegram, Embassy in Japan to the Department of State, 28 July 1960, in *FRUS*, 1958–1960, "
                "Vol. XVIII, pp. 392–394.", n=2, ctx=ctx)
    assert later.item == {
        "type": "chapter", "title": "Telegram, Embassy in Japan to the Department of State",
        "issued": {"date-parts": [[1960, 7, 28]]}, "container-title-short": "FRUS",
        "container-author": [{"literal": "U.S. Department of State"}],
        "container-title": "Foreign Relations of the United States, 1958–1960", "volume": "XVIII",
        "page": "392–394",
    }


def test_frus_from_packaged_abbreviations_without_definition():
    c = one("Memorandum of Conversation, Washington, DC, 19 May 1956, in *FRUS, 1955–1957*, Vol. XXIII, "
            "pt. 1, pp. 175–178.")
    assert c.item["container-title"] == "Foreign Relations of the United States, 1955–1957"
    assert c.item["title"] == "Memorandum of Conversation, Washington, DC"
    assert "container-author" not in c.item  # never invented


def test_archival_full_name_first_mention():
    c = one("Mikoyan's note is stored in Russian State Archive of Sociopolitical History (RGASPI), Fond (F.) 84, "
            "Opis' (Op.) 3, Delo (D.) 108, List (L.) 43.")
    assert c.item == {
        "type": "manuscript", "archive": "Russian State Archive of Socio-Political History (RGASPI)",
        "archive_location": "F. 84, Op. 3, D. 108", "archive-place": "Moscow",
        "custom": {"archival": {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "108"}},
        "title": "Mikoyan's note",  # the sentence's subject names the document
    }
    assert (c.locator, c.label, c.prefix) == ("43", "folio", None)


def test_archival_document_title_and_date():
    c = one("Transcript of Mikoyan-Ikeda conversations, 16 August 1961, in RGASPI, F. 84, Op. 3, D. 36, L. 68.")
    assert c.item["title"] == "Transcript of Mikoyan-Ikeda conversations"
    assert c.item["issued"] == {"date-parts": [[1961, 8, 16]]}
    assert c.text.startswith("Transcript")
    assert c.prefix is None


def test_archival_letter_and_typos():
    c = one("Sato to Mikoyan, 14 September 1975, in GARE, F. 5446, Op, 120, D. 1626, Ll. 87–89.")
    assert c.item["type"] == "personal_communication"
    assert c.item["archive"] == "State Archive of the Russian Federation (GARF)"
    assert c.item["archive_location"] == "F. 5446, Op. 120, D. 1626"
    assert c.warnings == ["archive 'GARE' read as GARF"]


def test_archival_leaf_lists_and_signal_description():
    c = one("For examples of pressure, see the materials in RGAE, F. 413, Op. 13, D. 8562, "
            "Ll. 58–61, 63–64, 116–117, 150–152.")
    assert c.prefix == "see the materials in"
    assert (c.locator, c.label) == ("58–61, 63–64, 116–117, 150–152", "folio")
    assert "title" not in c.item


def test_fond_level_reference_and_commentary_after():
    out = cites("Examples can be found in RGAE, F. 413, Op. 31, D. 640, Ll. 90–94; and RGAE, F. 7, "
                "taking place a year apart, in July 1964 and July 1965.")
    assert [c.item["archive_location"] for c in out] == ["F. 413, Op. 31, D. 640", "F. 7"]
    assert out[1].locator is None
    assert out[1].suffix is None


def test_document_noun_after_signal_is_the_title():
    c = one("See transcript of Mikoyan-Ikeda conversations on the same day in RGASPI, F. 84, Op. 3, D. 36, L. 74.")
    assert c.item["title"] == "Transcript of Mikoyan-Ikeda conversations"
    assert "issued" not in c.item
    assert c.prefix == "See"


def test_several_works_in_one_note_and_commentary():
    out = cites("This contrasts with the view. See Tsuyoshi Hasegawa, *The Northern Territories Dispute* "
                "(Berkeley: University of California, 1998); and the sections on Japan in Sergey Radchenko, "
                "*Unwanted Visionaries* (Oxford, UK: Oxford University Press, 2014).")
    assert [c.item["author"][0]["family"] for c in out] == ["Hasegawa", "Radchenko"]
    assert [c.prefix for c in out] == ["See", "the sections on Japan in"]


def test_emphasis_is_not_a_citation():
    out = cites("This is the topic of Yokote Shinji's article in the *Journal of Cold War Studies* special issue "
                "in Spring 2013. Khrushchev joked that Mikoyan was “your Japanese” (*vash yaponets*).")
    assert out == []


def test_commentary_only_note_is_reported():
    ctx = ParseContext()
    assert cites("A year earlier, Eisenhower had been scheduled to visit Japan.", n=7, ctx=ctx) == []
    assert ctx.warnings == ["d.txt note 7: no citation found (commentary only)"]


def test_ibid_forms():
    assert [(c.kind, c.locator, c.label) for c in cites("*Ibid.*, Ll. 7–8. The letter was an appeal.")] == [
        (IBID, "7–8", "folio")]
    c = one("See *ibid.*, p. 172, for example.")
    assert (c.kind, c.prefix, c.locator, c.suffix) == (IBID, "See", "172", "for example")
    assert one("Ibid.").locator is None


def test_short_forms():
    c = one("See Khrushchev, *Memoirs*, Vol. 1, p. 691.")
    assert (c.kind, c.author, c.short_title, c.locator, c.item) == (SHORT, "Khrushchev", "Memoirs", "691",
                                                                     {"volume": "1"})
    q = one('"Again the Rising Sun," p. 89.')
    assert (q.kind, q.author, q.short_title, q.locator) == (SHORT, None, "Again the Rising Sun", "89")
    o = one("O'Bryan, *The Growth Idea*.")
    assert (o.kind, o.author, o.short_title, o.locator) == (SHORT, "O'Bryan", "The Growth Idea", None)


def test_supra():
    c = one("Transcript of Mikoyan-Ikeda conversations (see note 45 *supra*), L. 75.")
    assert (c.kind, c.note_ref, c.short_title, c.locator, c.label) == (
        SUPRA, 45, "Transcript of Mikoyan-Ikeda conversations", "75", "folio")
    s = one("Hasegawa, supra note 3, p. 12.")
    assert (s.kind, s.note_ref, s.short_title, s.locator) == (SUPRA, 3, "Hasegawa", "12")


def test_unreadable_reference_is_unparsed_not_dropped():
    out = cites("Some archive file, pp. 12–15, somewhere.")
    assert [c.kind for c in out] == [UNPARSED]
    assert out[0].reason == "looks like a reference, but its locator '12–15, somewhere' is not a page, leaf or range"
    assert out[0].text == "Some archive file, pp. 12–15, somewhere."


def test_missing_note_text_is_reported():
    ctx = ParseContext()
    assert parse_note(Note("d.txt", 4, None), ctx) == []
    assert ctx.warnings == ["d.txt note 4: text missing"]


def test_spans_point_into_the_note():
    text = "See Khrushchev, *Memoirs*, Vol. 1, p. 691. Ibid., p. 5."
    out = cites(text)
    assert [text[c.span.start:c.span.end] for c in out] == ["Khrushchev, *Memoirs*, Vol. 1, p. 691", "Ibid., p. 5"]


def test_names():
    assert parse_name("Yokote Shinji") == {"family": "Yokote", "given": "Shinji", "static-ordering": True}
    assert parse_name("Tsuyoshi Hasegawa") == {"family": "Hasegawa", "given": "Tsuyoshi"}
    assert parse_name("Akira Iriye") == {"family": "Iriye", "given": "Akira"}
    assert parse_name("Ludwig van Beethoven") == {"family": "Beethoven", "given": "Ludwig",
                                                  "non-dropping-particle": "van"}
    assert parse_names("A, B. C. Dee, and E. F. Gee et al.") == (
        [{"family": "A"}, {"family": "Dee", "given": "B. C."}, {"family": "Gee", "given": "E. F."}], True)


def test_dates_and_locators():
    assert parse_date("Spring 2013") == {"date-parts": [[2013]], "season": 1}
    assert parse_date("24 November 2014") == {"date-parts": [[2014, 11, 24]]}
    assert parse_date("July 13, 1962") == {"date-parts": [[1962, 7, 13]]}
    assert parse_date("1955–1957") == {"date-parts": [[1955], [1957]]}
    assert parse_date("no date") is None
    # Russian and Ukrainian dates, as archival documents are dated
    assert parse_date("22 июня 1941 г.") == {"date-parts": [[1941, 6, 22]]}
    assert parse_date("3 мая 1933 года") == {"date-parts": [[1933, 5, 3]]}
    assert parse_date("20 грудня 1989 р.") == {"date-parts": [[1989, 12, 20]]}
    assert parse_date("5 окт. 1943 г.") == {"date-parts": [[1943, 10, 5]]}
    assert parse_date("червень 1941 р.") == {"date-parts": [[1941, 6]]}
    assert parse_date("лист 5") is None  # a leaf, not November
    assert parse_locator("pp. 314-324") == ("314–324", "page")
    assert parse_locator("Ll. 58–61, 63–64") == ("58–61, 63–64", "folio")
    assert parse_locator("ch. 3") == ("3", "chapter")


def test_sentence_split_respects_abbreviations():
    text = "See W. W. Norton, *X* (U.S. Dept., 1997), p. 5. Ibid. The end."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "See W. W. Norton, *X* (U.S. Dept., 1997), p. 5.", "Ibid.", "The end."]


def test_japanese_name_printed_family_first_keeps_its_order():
    c = one("See Yokote Shinji, “Soviet Repatriation Policy, U.S. Occupation Authorities, and Japan's Entry into "
            "the Cold War,” *Journal of Cold War Studies*, Vol. 15, No. 2 (Spring 2013), pp. 30–50.")
    assert c.item["author"] == [{"family": "Yokote", "given": "Shinji", "static-ordering": True}]
    assert c.item["type"] == "article-journal"


# --- fixture 000 notes: prefixes, forum posts, documents named in prose ----------------------------------

def test_lead_in_clause_around_a_parenthetical_signal_is_the_whole_prefix():
    out = cites('This can be seen, for example, in Vladislav Zubok, "Lost in a Triangle: U.S.-Soviet Back-Channel '
                'Documents on the Japan Factor in Tripartite Diplomacy, 1969–1972," *Journal of Cold War Studies*, '
                "Vol. 15, No. 2 (Spring 2013), pp. 51–71. The issue of the disputed territories has often been a "
                "starting point for historians. Zubok focuses on the early 1970s, whereas Sergey Radchenko and "
                'Lisbeth Tarlow deal with the same issue at the end of the 1980s in "Gorbachev, Ozawa, and the '
                'Failed Back-Channel Negotiations of 1989–1990," *Journal of Cold War Studies*, Vol. 15, No. 2 '
                "(Spring 2013), pp. 104–130.", n=6)
    assert [c.prefix for c in out] == ["This can be seen, for example, in", None]
    assert out[0].text.startswith("Vladislav Zubok, ")
    n9 = one("See, for example, career diplomat Oleg Troyanovskii's assessment of Mikoyan in Oleg Troyanovskii, "
             "*Cherez gody i rasstoyaniya: Istoriya odnoi semi* (Moscow: Vagrius, 1997), p. 215.", n=9)
    assert n9.prefix == "See, for example, career diplomat Oleg Troyanovskii's assessment of Mikoyan in"
    n75 = one("This seems somewhat optimistic. See, for example, Telegram, Embassy in Japan to the Department of "
              "State, Tokyo, 20 August 1964, in *FRUS*, 1964–1968, Vol. XXIX, pt. 2, pp. 29–32.", n=75)
    assert n75.prefix == "See, for example"
    n20 = cites("On Stalin's interest in reviving trade with Japan, see, for example, the suggestion made in October "
                "1951, in RGASPI, F. 84, Op. 1, D. 73, L. 46; and another one made in August 1952 in the wake of the "
                "end of the U.S. occupation, in the Russian State Archive of the Economy (RGAE), F. 413, Op. 13, "
                "D. 6818, Ll. 45–46.", n=20)
    assert [c.prefix for c in n20] == ["see, for example, the suggestion made in October 1951, in", None]


def test_and_joining_two_archival_citations_is_no_prefix():
    out = cites("Examples of these requests can be found in RGAE, F. 413, Op. 31, D. 640, Ll. 90–94; and RGAE, "
                "F. 413, Op. 31, D. 123, L. 155, taking place a year apart, in July 1964 and July 1965.", n=71)
    assert [(c.prefix, c.item["archive_location"], c.locator) for c in out] == [
        ("Examples of these requests can be found in", "F. 413, Op. 31, D. 640", "90–94"),
        (None, "F. 413, Op. 31, D. 123", "155")]
    assert out[1].text == "RGAE, F. 413, Op. 31, D. 123, L. 155"


def test_h_diplo_forum_of_fixture_000_has_no_reviewed_title():
    c = one('Akira Iriye, H-Diplo Forum on "Special Issue on Soviet-Japanese Relations during the Cold War," '
            "*Journal of Cold War Studies*, Vol. 15, No. 2 (Spring 2013), pp. 4–130, available on the H-Diplo "
            "website.", n=7)
    assert c.item == {
        "type": "post", "author": [{"family": "Iriye", "given": "Akira"}],
        "title": "H-Diplo Forum on “Special Issue on Soviet-Japanese Relations during the Cold War”",
        "container-title": "H-Diplo",
        "note": "Journal of Cold War Studies, Vol. 15, No. 2 (Spring 2013), pp. 4–130, available on the H-Diplo "
                "website",
    }
    assert (c.prefix, c.locator) == (None, None)


RGASPI = "Russian State Archive of Socio-Political History (RGASPI)"


def test_document_named_by_the_subject_with_its_date():
    text = ("Mikoyan's thank-you note dates from 1 December 1975 and is stored in Russian State Archive of "
            "Sociopolitical History (RGASPI), Fond (F.) 84, Opis' (Op.) 3, Delo (D.) 108, List (L.) 43.")
    c = one(text)
    assert c.item == {
        "type": "manuscript", "archive": RGASPI, "archive_location": "F. 84, Op. 3, D. 108",
        "archive-place": "Moscow",
        "custom": {"archival": {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "108"}},
        "title": "Mikoyan's thank-you note", "issued": {"date-parts": [[1975, 12, 1]]},
    }
    assert (c.prefix, c.locator, c.label) == (None, "43", "folio")
    assert c.text == text.rstrip(".")


def test_documents_named_by_the_subject_and_vague_subjects_left_alone():
    out = cites("Cover note from Troyanovskii, in RGASPI, F. 84, Op. 3, D. 107, L. 33. Idemitsu's note is in RGASPI, "
                "F. 84, Op. 3, D. 107, L. 30. Mikoyan seems to have been similarly baffled, describing it simply (and "
                "almost surely inaccurately) as a “product of your company” in his thank-you note to Idemitsu, in "
                "RGASPI, F. 84, Op. 3, D. 108, L. 40.", n=2)
    assert [(c.item.get("title"), c.prefix, c.locator) for c in out] == [
        ("Cover note from Troyanovskii", None, "33"), ("Idemitsu's note", None, "30"), (None, None, "40")]
    assert out[1].text == "Idemitsu's note is in RGASPI, F. 84, Op. 3, D. 107, L. 30"
    kgb = one("The KGB report can be found in RGANI, F. 5, Op. 30, D. 482, Ll. 99–104.", n=74)
    assert kgb.item == {
        "type": "manuscript", "archive": "Russian State Archive of Contemporary History (RGANI)",
        "archive_location": "F. 5, Op. 30, D. 482", "archive-place": "Moscow",
        "custom": {"archival": {"archive": "RGANI", "fond": "5", "opis": "30", "delo": "482"}},
        "title": "KGB report",
    }
    assert (kgb.prefix, kgb.locator) == (None, "99–104")
    letter = one("The letter is in RGASPI, F. 84, Op. 3, D. 107, Ll. 39–40. He further reminds Mikoyan that his "
                 "company and the Soviet Union had enjoyed friendly relations for 23 years as of 1972.", n=3)
    assert "title" not in letter.item
    assert (letter.prefix, letter.text) == ("The letter is in", "RGASPI, F. 84, Op. 3, D. 107, Ll. 39–40")
