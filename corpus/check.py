"""Check annotated footnote files (see GUIDE.md): python3 check.py FILE..."""
import sys
import xml.etree.ElementTree as ET

SEGMENTS = {"signal", "author", "editor", "translator", "title", "container-title", "collection-title", "number",
            "volume", "issue", "edition", "genre", "publisher", "location", "date", "pages", "locator", "url",
            "accessed", "archive", "fond", "opis", "delo", "folio", "unit", "backref", "other"}
TYPES = {"book", "chapter", "article-journal", "article-magazine", "article-newspaper", "thesis", "interview",
         "webpage", "post", "report", "speech", "treaty", "legislation", "personal_communication",
         "entry-encyclopedia", "manuscript", "document", "map", "motion_picture", "broadcast", "dataset"}
KINDS = {"full", "short", "ibid", "supra"}

bad = 0
total_notes = total_cites = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        print(f"{path}: not well-formed XML: {exc}")
        bad += 1
        continue
    problems = []
    if root.tag != "notes" or not root.get("source"):
        problems.append("root must be <notes source=...>")
    for note in root:
        if note.tag != "note" or not note.get("n"):
            problems.append(f"<{note.tag}> where <note n=...> expected")
            continue
        total_notes += 1
        n = note.get("n")
        for cite in note:
            if cite.tag != "cite":
                problems.append(f"note {n}: <{cite.tag}> outside a <cite>")
                continue
            total_cites += 1
            if cite.get("type") not in TYPES:
                problems.append(f"note {n}: cite type {cite.get('type')!r} unknown")
            if cite.get("kind") not in KINDS:
                problems.append(f"note {n}: cite kind {cite.get('kind')!r} unknown")
            if (cite.text or "").strip():
                problems.append(f"note {n}: untagged text inside cite: {cite.text.strip()!r}")
            for seg in cite:
                if seg.tag not in SEGMENTS:
                    problems.append(f"note {n}: segment <{seg.tag}> unknown")
                if len(seg):
                    problems.append(f"note {n}: <{seg.tag}> has nested tags")
                tail = (seg.tail or "").strip()
                if tail and not all(ch in ".,;:()[]" for ch in tail):
                    problems.append(f"note {n}: untagged text inside cite after <{seg.tag}>: {tail!r}")
    for p in problems:
        print(f"{path}: {p}")
    bad += bool(problems)
print(f"{len(sys.argv) - 1} files, {total_notes} notes, {total_cites} citations, {bad} files with problems")
sys.exit(1 if bad else 0)
