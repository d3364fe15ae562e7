"""Property tests of the readers (issue 13): on any input, a Document or the project's one-line UserError."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zotero_cw.errors import UserError
from zotero_cw.read import read_document
from zotero_cw.read.html import read_html
from zotero_cw.read.markdown import read_markdown
from zotero_cw.read.text import read_text_document

# Text made of what readers look at: digits, superscripts, note-number punctuation, italics, markup, breaks.
PIECES = st.sampled_from(["1", "2", "3", "12", "27", "1000", "¹", "²", "³", "¹²", ". ", ".", ",", "\n", "\n\n",
                          "\f", " ", "*", "_", "[^1]", "[^1]: ", "    ", "# ", "<p>", "</p>", "<sup>", "</sup>",
                          '<a href="#fn1">', "</a>", '<li id="fn1">', "<i>", "</i>", "Notes", "Ibid.", "word",
                          "Word", "F. 84", "“", "”", "-", "—", "Source: ", "Figure 1. ", "\x00", "é"])
TEXTS = st.lists(PIECES, max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("fuzz.txt")


def _either(read, *args) -> None:
    try:
        doc = read(*args)
    except UserError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert doc.notes
    for note in doc.notes:
        if note.marker is not None:
            assert 0 <= note.marker.start <= note.marker.end <= len(doc.text)


@SETTINGS
@given(TEXTS)
def test_text_reader_never_fails_otherwise(text: str):
    _either(read_text_document, text, PATH, None, [])


@SETTINGS
@given(TEXTS)
def test_markdown_reader_never_fails_otherwise(text: str):
    _either(read_markdown, text, PATH, None, [])


@SETTINGS
@given(TEXTS)
def test_html_reader_never_fails_otherwise(text: str):
    _either(read_html, "<html><body>" + text, PATH, None, [])


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


HEADS = st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"", b"\xff\xfe", b"<html>", b"{\\rtf1"])


@settings(max_examples=150, deadline=None)
@given(HEADS, st.binary(max_size=400), st.booleans())
def test_any_bytes_are_read_or_refused_in_one_line(tmp_path_factory, head: bytes, tail: bytes, as_docx: bool):
    path = tmp_path_factory.mktemp("fuzz") / "doc.bin"
    if head == b"PK\x03\x04":
        name = "word/document.xml" if as_docx else "content.xml"
        path.write_bytes(_zip({name: b"<?xml version='1.0'?>" + tail}))
    else:
        path.write_bytes(head + tail + (b"\n%%EOF\n" if as_docx else b""))
    _either(read_document, path)
