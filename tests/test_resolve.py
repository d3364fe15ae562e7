"""resolve(): ibid., short forms and supra onto the full citation they stand for."""

from zotero_cw.models import Note
from zotero_cw.parse import ParseContext, parse_note
from zotero_cw.resolve import resolve


def run(notes):
    ctx = ParseContext()
    cits = []
    for n, text in notes:
        cits.extend(parse_note(Note("d.txt", n, text), ctx))
    return cits, resolve(cits)


def test_ibid_chain_with_and_without_locator():
    cits, warnings = run([(1, "CPSU Resolution, 20 January 1961, in RGASPI, F. 84, Op. 3, D. 36, Ll. 12–13."),
                          (2, "*Ibid.*, L. 36."), (3, "*Ibid.*"), (4, "See *ibid.*, pp. 5–6.")])
    assert [c.antecedent for c in cits] == [None, 0, 0, 0]
    assert [c.locator for c in cits] == ["12–13", "36", None, "5–6"]
    assert warnings == []


def test_ibid_after_short_form_goes_to_its_full_citation():
    cits, _ = run([(12, "Nikita Khrushchev, *Memoirs of Nikita Khrushchev*, Vol. 1 (University Park, PA: "
                        "Penn State Press, 2005), p. 689."),
                   (13, "Kimie Hara, *A Difficult Peace* (London: Routledge, 1998). See Khrushchev, *Memoirs*, "
                        "Vol. 1, p. 691."),
                   (16, "Commentary here. See *ibid.*, pp. 691–692.")])
    assert [(c.kind, c.antecedent) for c in cits] == [("full", None), ("full", None), ("short", 0), ("ibid", 0)]


def test_ibid_after_multi_work_note_takes_last_and_warns():
    cits, warnings = run([(1, "Cover note, in RGASPI, F. 84, Op. 3, D. 107, L. 33. See RGAE, F. 7."),
                          (2, "*Ibid.*")])
    assert cits[2].antecedent == 1
    assert warnings == ["d.txt note 2: ibid. follows note 1, which cites 2 works; taken as the last one"]


def test_short_form_with_misspelt_full_author_resolves_and_warns():
    cits, warnings = run([(26, "Scott O’Byran, *The Growth Idea: Purpose and Prosperity* (Honolulu: UHP, 2009)."),
                          (30, "Walter LaFeber, *The Clash* (New York: Norton, 1997)."),
                          (49, "O'Bryan, *The Growth Idea*.")])
    assert cits[2].antecedent == 0
    assert warnings == ["d.txt note 49: short form author \"O'Bryan\" differs from 'O’Byran' in note 26"]


def test_title_only_short_form():
    cits, _ = run([(42, '"Again the Rising Sun," *Time*, 13 July 1962, p. 89.'),
                   (43, '"Oilman," *The Times* (London), 18 September 1967, p. 20.'),
                   (44, '"Again the Rising Sun," p. 89.')])
    assert cits[2].antecedent == 0


def test_supra_follows_title_over_wrong_note_number():
    cits, warnings = run([
        (45, "Transcript of Mikoyan-Idemitsu conversations, 16 August 1961, in RGASPI, F. 84, Op. 3, D. 36, L. 68."),
        (46, "See transcript of Mikoyan-Ikeda conversations on the same day in RGASPI, F. 84, Op. 3, D. 36, L. 74."),
        (58, "Transcript of Mikoyan-Ikeda conversations (see note 45 *supra*), L. 75.")])
    assert cits[2].antecedent == 1
    assert cits[2].locator == "75"
    assert warnings == ["d.txt note 58: supra points to note 45, but 'Transcript of Mikoyan-Ikeda conversations' "
                        "is cited in note 46; followed the title"]


def test_supra_by_note_number_alone():
    cits, warnings = run([(3, "Tsuyoshi Hasegawa, *The Northern Territories* (Berkeley: UC, 1998)."),
                          (9, "See note 3 *supra*, p. 12.")])
    assert (cits[1].kind, cits[1].antecedent, cits[1].locator) == ("supra", 0, "12")
    assert warnings == []


def test_unresolvable_is_reported_not_guessed():
    cits, warnings = run([(1, "*Ibid.*, p. 4."), (2, "Smith, *Unknown Book*, p. 3."), (3, "See note 40 *supra*.")])
    assert [c.antecedent for c in cits] == [None, None, None]
    assert [c.reason for c in cits] == ["ibid. with no preceding citation",
                                        "no earlier full citation matches Smith 'Unknown Book'",
                                        "supra: note 40 cites no work before this note"]
    assert warnings[0] == "d.txt note 1: ibid unresolved: ibid. with no preceding citation"
    assert len(warnings) == 3


def test_ibid_after_unresolved_is_unresolved():
    cits, _ = run([(1, "Smith, *Unknown Book*, p. 3."), (2, "*Ibid.*")])
    assert cits[1].reason == "ibid. follows an unresolved citation in note 1"


def test_short_title_without_leading_article_or_subtitle():
    cits, warnings = run([
        (26, "Scott O'Bryan, *The Growth Idea: Purpose and Prosperity in Postwar Japan* (Honolulu: University of "
             "Hawai'i Press, 2009)."),
        (27, "T. Hasegawa, *The Northern Territories Dispute and Russo-Japanese Relations*, vol. 1, *Between War and "
             "Peace, 1697–1985* (Berkeley, CA: University of California, International and Area Studies, 1998), "
             "p. 12."),
        (28, "Kimie Hara, *A Difficult Peace* (London: Routledge, 1998)."),
        (29, "Jane Smith, *Trade Wars: A History* (London: Verso, 2001)."),
        (30, "O'Bryan, *Growth Idea*, p. 40."),
        (31, "Hasegawa, *Northern Territories Dispute*, p. 170."),
        (32, "Hara, *Difficult Peace*, 3."),
        (33, "Smith, *The Trade Wars*, p. 9."),
        (34, "Hasegawa, *Territories Dispute*, p. 1."),
    ])
    assert [(c.kind, c.antecedent, c.locator) for c in cits[4:]] == [
        ("short", 0, "40"), ("short", 1, "170"), ("short", 2, "3"), ("short", 3, "9"), ("short", None, "1")]
    assert warnings == ["d.txt note 34: short unresolved: no earlier full citation matches Hasegawa "
                        "'Territories Dispute'"]
