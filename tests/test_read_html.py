"""HTML layouts beyond pandoc's and LibreOffice's (whose real output test_read_formats reads): Word's "Save as
web page" anchors, an online journal's <sup> markers with a "Notes" list, endnotes in <div>s."""

from __future__ import annotations

from pathlib import Path

from zotero_cw.read import read_document

WORD_HTML = """<html><body><div class=WordSection1>
<p class=MsoNormal>Trade grew in the <i>1970s</i>.<a href="#_ftn1" name="_ftnref1" title=""><span
class=MsoFootnoteReference><span class=MsoFootnoteReference>[1]</span></span></a> It fell
later.<a href="#_ftn2" name="_ftnref2" title=""><span class=MsoFootnoteReference>[2]</span></a></p>
</div><div style='mso-element:footnote-list'><br clear=all><hr align=left size=1 width="33%">
<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1"
title=""><span class=MsoFootnoteReference>[1]</span></a> Jane Roe, <i>A Book</i> (Place: Press, 2001), p. 3.</p></div>
<div style='mso-element:footnote' id=ftn2><p class=MsoFootnoteText><a href="#_ftnref2" name="_ftn2"
title="">[2]</a> <i>Ibid.</i>, p. 4.</p></div></div></body></html>"""

JOURNAL_HTML = """<!DOCTYPE html><html><head><title>An article</title></head><body>
<nav><a href="/">Home</a> <a href="#notes">1</a></nav>
<article><h1>The Trade Question</h1>
<p>Moscow denied it.<sup>27</sup> The sides remained at <em>loggerheads</em>.<sup>28</sup></p>
<h2>Notes</h2>
<ol start="27"><li>Hiroshi Kimura, <em>Japanese-Russian Relations</em> (Armonk, NY: M.E. Sharpe, 2000), p. 51.</li>
<li><em>Ibid.</em>, p. 60.</li></ol></article></body></html>"""

DIV_NOTES = """<html><body><p>One claim<a class="fn" href="#n1" id="r1">1</a> and another.<a class="fn"
href="#n2" id="r2">2</a></p><section class="endnotes"><h3>Endnotes</h3>
<div class="note" id="n1"><a href="#r1">1.</a> RGASPI, F. 84, Op. 3, D. 107, L. 33.</div>
<div class="note" id="n2"><a href="#r2">↩</a> 2. <i>Pravda</i>, 14 August 1961.</div></section></body></html>"""


def _read(tmp_path: Path, html: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return read_document(path)


def test_word_save_as_web_page(tmp_path: Path):
    doc = _read(tmp_path, WORD_HTML)
    assert [(n.n, n.text, n.context) for n in doc.notes] == [
        (1, "Jane Roe, *A Book* (Place: Press, 2001), p. 3.", "Trade grew in the *1970s*."),
        (2, "*Ibid.*, p. 4.", "It fell later."),
    ]
    assert doc.warnings == []


def test_online_journal_sup_markers_and_a_notes_list_from_27(tmp_path: Path):
    doc = _read(tmp_path, JOURNAL_HTML)
    assert [(n.n, n.text, n.context) for n in doc.notes] == [
        (27, "Hiroshi Kimura, *Japanese-Russian Relations* (Armonk, NY: M.E. Sharpe, 2000), p. 51.",
         "Moscow denied it."),
        (28, "*Ibid.*, p. 60.", "The sides remained at *loggerheads*."),
    ]


def test_endnotes_in_divs_with_back_links(tmp_path: Path):
    doc = _read(tmp_path, DIV_NOTES)
    assert [(n.n, n.text, n.context) for n in doc.notes] == [
        (1, "RGASPI, F. 84, Op. 3, D. 107, L. 33.", "One claim and another."),
        (2, "*Pravda*, 14 August 1961.", "One claim and another."),
    ]
    assert doc.text[doc.notes[0].marker.start:doc.notes[0].marker.end] == "¹"
