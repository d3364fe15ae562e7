"""Reading speed, measured as a user meets it: a whole `zotero-cw notes FILE` process, and read_document alone.

    .venv/bin/python bench/bench_read.py

Process times are wall-clock; read times are CPU seconds on one core. Prints pages/s for PDFs (the
25-page test PDF, then it repeated to 50 and 400 pages: the aim is a 40-page
article in under 5 s on one core, and no growth beyond linear), notes/s for the other formats, and the
issue-13 cases: 4,000 markers in one 24 KB sentence, and a 2 MB book whose chapters number notes from 1.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from test_read_linear import _book  # noqa: E402
from zotero_cw.read import read_document  # noqa: E402

DOCS = ROOT / "tests" / "data" / "documents"


def process(path: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "zotero_cw", "notes", str(path)], capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"zotero-cw notes {path} failed: {proc.stderr.strip()}")
    return took


def in_process(path: Path) -> tuple[float, int]:
    """CPU seconds of read_document (one core; the machine may be shared) and the notes read."""
    start = time.process_time()
    doc = read_document(path)
    return time.process_time() - start, len(doc.notes)


def repeated_pdf(times: int, out: Path) -> Path:
    src = pdfium.PdfDocument(DOCS / "000.pdf")
    dst = pdfium.PdfDocument.new()
    for _ in range(times):
        dst.import_pages(src)
    dst.save(out)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        print("PDF (whole process `zotero-cw notes`; read_document alone):")
        for times in (1, 2, 16):
            path = DOCS / "000.pdf" if times == 1 else repeated_pdf(times, tmpdir / f"x{times}.pdf")
            pages = len(pdfium.PdfDocument(path))
            whole = process(path)
            alone, notes = in_process(path)
            print(f"  {pages:4d} pages, {notes:5d} notes: {whole:6.2f} s process, {alone:6.2f} s CPU read "
                  f"= {pages / alone:6.1f} pages/s")
        print("Other formats (fixture 000, 83 notes):")
        for name in ("000.md", "000.docx", "000.odt", "000.html", "000-libreoffice.html", "000-2col.pdf"):
            path = DOCS / name
            whole = process(path)
            alone, notes = in_process(path)
            print(f"  {name:22s} {whole:6.2f} s process, {alone:6.3f} s read = {notes / alone:8.0f} notes/s")
        txt = ROOT / "fixtures" / "000_777639387260dca8.txt"
        alone, notes = in_process(txt)
        print(f"  {'000 .txt':22s} {process(txt):6.2f} s process, {alone:6.3f} s read = {notes / alone:8.0f} notes/s")
        print("Issue 13 cases:")
        words = tmpdir / "words.txt"
        words.write_text("word¹ " * 4000, encoding="utf-8")
        alone, _ = in_process(words)
        print(f"  'word¹ ' x 4,000 ({words.stat().st_size // 1024} KB): {alone:.3f} s (was 7.8 s)")
        book = tmpdir / "book.txt"
        text = _book(80)
        book.write_text(text, encoding="utf-8")
        alone, notes = in_process(book)
        print(f"  book of {book.stat().st_size / 1e6:.1f} MB, {notes} notes in 80 chapters: {alone:.2f} s read, "
              f"{process(book):.2f} s process (a 2 MB text took over 330 s)")


if __name__ == "__main__":
    main()
