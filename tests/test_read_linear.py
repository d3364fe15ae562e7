"""Issue 13: reading grows linearly with the document (it used to grow with its square: 7.8 s for a 24 KB
document of 4,000 markers, over 330 s for a 2 MB book). Sizes are bounded; time is compared between n and
4n (linear ≈ 4×, quadratic ≈ 16×), never against a clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from zotero_cw.read import read_document, sentences

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.fixture
def cleaned(monkeypatch):
    """Count the characters `sentences.clean` is given (each sentence should be cleaned once)."""
    seen = [0]
    real = sentences.clean

    def counting(fragment: str) -> str:
        seen[0] += len(fragment)
        return real(fragment)

    monkeypatch.setattr(sentences, "clean", counting)
    return seen


def test_4000_markers_in_one_sentence_clean_it_once(tmp_path: Path, cleaned):
    path = tmp_path / "words.txt"
    path.write_text("word¹ " * 4000, encoding="utf-8")
    doc = read_document(path)
    assert [n.n for n in doc.notes] == [1]
    assert cleaned[0] <= 2 * len("word¹ " * 4000)


def _numbered_words(n: int) -> str:
    return " ".join(f"word{str(k).translate(SUP)}" for k in range(1, n + 1))


def test_distinct_markers_in_a_sentence_without_end_clean_a_bounded_window(tmp_path: Path, cleaned):
    def work(n: int) -> int:
        cleaned[0] = 0
        path = tmp_path / f"words{n}.txt"
        path.write_text(_numbered_words(n), encoding="utf-8")
        doc = read_document(path)
        assert len(doc.notes) == n
        return cleaned[0]

    small, large = work(1000), work(4000)
    assert large <= 5 * small  # quadratic: 16×


def _min_time(make: Callable[[int], str], n: int, tmp_path: Path) -> float:
    path = tmp_path / f"doc{n}.txt"
    path.write_text(make(n), encoding="utf-8")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        read_document(path)
        best = min(best, time.perf_counter() - start)
    return best


def _book(chapters: int) -> str:
    """A book whose chapters number their 42 footnotes from 1, ~25 KB a chapter."""
    out = []
    for ch in range(1, chapters + 1):
        out.append(f"Chapter {ch}")
        for n in range(1, 43):
            words = " ".join(f"word{(n * 7 + k) % 97}" for k in range(70))
            out.append(f"The argument of part {n} goes on. {words.capitalize()} ends.{str(n).translate(SUP)}")
        out += [f"{n}. Jane Roe, *A Book {ch}.{n}* (Place: Press, 2001), p. {n}." for n in range(1, 43)]
    return "\n\n".join(out) + "\n"


def _glued(n: int) -> str:
    """Plain-digit markers glued to the text (1..N in order), as PDF text without superscripts has them."""
    return " ".join(f"Sentence number {k} says something about trade in 19{k % 90 + 10}.{k}" for k in range(1, n + 1))


@pytest.mark.parametrize("make,n", [(_book, 5), (_glued, 1500), (_numbered_words, 2000)],
                         ids=["book-with-chapters", "glued-markers", "distinct-markers"])
def test_reading_time_grows_linearly(make, n, tmp_path: Path):
    small = _min_time(make, n, tmp_path)
    large = _min_time(make, 4 * n, tmp_path)
    assert large < 8 * small + 0.05, f"{n}: {small:.3f}s, {4 * n}: {large:.3f}s"


def test_a_book_with_1680_notes_in_40_chapters(tmp_path: Path):
    path = tmp_path / "book.txt"
    path.write_text(_book(40), encoding="utf-8")
    doc = read_document(path)
    assert len(doc.notes) == 1680 and doc.sections == 40
    assert {n.section for n in doc.notes if n.n == 42} == set(range(1, 41))
    assert all(n.marker is not None for n in doc.notes)
