"""The text package (zotero_cw.text) and the error translations of zotero_cw.errors."""

import sqlite3
import subprocess
import sys
from itertools import product

import pytest

from zotero_cw import text
from zotero_cw.errors import UserError, file_errors, sqlite_errors
from zotero_cw.library import db, validate
from zotero_cw.userdata import read_text


def test_the_folds():
    assert text.fold("L’Humanité, no. 3") == "lhumanite no 3"
    assert text.fold(None) == ""
    assert text.fold("Hé*llo Søren Кто", keep=r"\w", drop="*") == "hello søren кто"
    assert text.fold("GARF (ГАРФ)", keep="a-z0-9" + text.CYRILLIC, unaccent=False, sep="") == "garfгарф"
    assert text.title_key("Hawai’i: Søren’s  Story") == "hawai i sren s story"
    assert text.ascii_key("Hasegawa’s 2nd") == "hasegawas2nd"
    assert text.ascii_key("O’Brien-Smith 3", digits=False) == "obriensmith"
    assert text.ascii_fold("Högselius Ø") == "Hogselius "
    assert text.strip_accents("Högselius Ø") == "Hogselius Ø"
    assert text.search_fold("РГАСПИ ф. 17") == "rgaspi f 17"
    assert text.plain({"a": ["Hawai’i\u00a0 “x”"], "n": 3}) == {"a": ["Hawai'i \"x\""], "n": 3}


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_edit_distances_against_brute_force():
    words = ["".join(p) for n in range(4) for p in product("abé", repeat=n)]
    for a, b in product(words, words):
        d = _levenshtein(a, b)
        assert text.levenshtein(a, b) == d
        assert text.within_one(a, b) == (d <= 1)
        swapped = any(a == b[:i] + b[i + 1] + b[i] + b[i + 2:] for i in range(len(b) - 1))
        assert text.within_one(a, b, transpositions=True) == (d <= 1 or (len(a) == len(b) and swapped))


def test_ranges_and_seasons():
    assert text.clean_range(" 58 - 61 ,63-64 ") == "58–61, 63–64"
    assert text.numbers("1041–43, 7") == frozenset({7, 1041, 1042, 1043})
    assert text.SEASONS["fall"] == 3 and text.SEASON == "(?:Spring|Summer|Autumn|Fall|Winter)"


def test_the_two_sentence_splitters():
    prose = "He came etc. Then he went. See Mr. Smith. J. F. Kennedy spoke."
    assert [prose[:e] for e in text.boundaries(prose)][:2] == ["He came etc.", "He came etc. Then he went."]
    note = "Ibid., trans. Smith. See also etc. Another."
    assert [note[a:b] for a, b in text.split_sentences(note)] == ["Ibid., trans. Smith.", "See also etc. Another."]


def test_lookup_loads_only_what_it_needs():
    code = ("import sys, zotero_cw.lookup; print(sorted(m for m in sys.modules "
            "if m.startswith(('zotero_cw.text', 'rapidfuzz', 'yaml'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['zotero_cw.text', 'zotero_cw.text.folding', 'zotero_cw.text.ranges']"


WORDING = {"missing": "{what} not found: {path}", "denied": "{what} denied: {path}",
           "directory": "{path} is a directory", "undecodable": "{what} not UTF-8", "failed": "{what} {path}: {reason}"}


@pytest.mark.parametrize("exc, message", [
    (FileNotFoundError(2, "No such file or directory"), "list not found: /x/{y}"),
    (PermissionError(13, "Permission denied"), "list denied: /x/{y}"),
    (IsADirectoryError(21, "Is a directory"), "/x/{y} is a directory"),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "list not UTF-8"),
    (OSError(5, "Input/output error"), "list /x/{y}: Input/output error"),
    (OSError("no errno"), "list /x/{y}: OSError"),
])
def test_file_errors_wording(exc, message):
    with pytest.raises(UserError) as got, file_errors("/x/{y}", "list", **WORDING):
        raise exc
    assert str(got.value) == message and got.value.__cause__ is None


def test_file_errors_without_the_optional_wordings():
    with pytest.raises(UserError, match="^list /x: No such file or directory$"), \
            file_errors("/x", "list", denied="-", failed="{what} {path}: {strerror}"):
        raise FileNotFoundError(2, "No such file or directory")
    with pytest.raises(UnicodeDecodeError), file_errors("/x", denied="-", failed="-"):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    with pytest.raises(UserError, match="^mine$"), file_errors("/x", denied="-", failed="-"):
        raise UserError("mine")  # raised inside: passes through


def test_the_readers_wording(tmp_path, monkeypatch):
    missing = tmp_path / "none.json"
    with pytest.raises(UserError, match="^items not found: "):
        validate.read_json_file(missing, "items")
    with pytest.raises(UserError, match="^archive registry not found: "):
        read_text(missing, "archive registry")
    with pytest.raises(UserError, match="is a directory, not a file$"):
        db.check_header(tmp_path)
    with pytest.raises(UserError, match=r"cannot be read \(No such file or directory\)$"):
        db.check_header(missing)
    path = tmp_path / "failing.yaml"
    path.write_text("x")
    real_open = open

    def failing(p, *a, **kw):
        if str(p) == str(path):
            raise OSError(5, "Input/output error")
        return real_open(p, *a, **kw)

    monkeypatch.setattr("builtins.open", failing)
    with pytest.raises(UserError, match=r"^cannot read archive registry .*failing.yaml: Input/output error$"):
        read_text(path, "archive registry")


@pytest.mark.parametrize("exc, operational, message", [
    (sqlite3.OperationalError("database is locked"), None,
     "the library /l is busy (another zotero-cw is writing it); try again"),
    (sqlite3.OperationalError("attempt to write a readonly database"), None, "the library /l cannot be written (read-only)"),
    (sqlite3.OperationalError("disk I/O error"), None,
     "the library /l is damaged or not a zotero-cw library (disk I/O error); it was left untouched"),
    (sqlite3.OperationalError("database is locked"), "the library {path} could not be written ({exc})",
     "the library /l could not be written (database is locked)"),
    (sqlite3.DatabaseError("file is not a database"), None,
     "the library /l is damaged or not a zotero-cw library (file is not a database); it was left untouched"),
])
def test_sqlite_errors_wording(exc, operational, message):
    with pytest.raises(UserError) as got, sqlite_errors("/l", operational=operational):
        raise exc
    assert str(got.value) == message


def test_sqlite_integrity_errors_pass_through():
    with pytest.raises(sqlite3.IntegrityError), sqlite_errors("/l"):
        raise sqlite3.IntegrityError("UNIQUE constraint failed")


def test_three_dots_omit_words_inside_a_sentence_and_four_end_it():
    from zotero_cw.text import sentences

    one = "Kept in Vneshnyaya torgovlya SSSR za . . . Statisticheskii obzor and in Narodnoe khoziaistvo... Other."
    assert [one[a:b] for a, b in sentences.split_sentences(one)] == [one]
    two = "He wrote that the end was near. . . . The next day he left. See also Smith, Title, 5."
    assert [two[a:b] for a, b in sentences.split_sentences(two)] == [
        "He wrote that the end was near. . . .", "The next day he left.", "See also Smith, Title, 5."]
