"""The one model and the one pipeline: citation kinds as types, the archive path, works, readers, rules, stages."""

from pathlib import Path

from zotero_cw import pipeline
from zotero_cw.archives import ArchivalRef
from zotero_cw.extract import extract
from zotero_cw.models import (
    FULL,
    IBID,
    BackReference,
    Citation,
    FullCitation,
    IbidCitation,
    Note,
    UnparsedCitation,
    Work,
)
from zotero_cw.parse import ParseContext, parse_note
from zotero_cw.read import DEFAULT_READERS, Reader, read_document
from zotero_cw.resolve import DEFAULT_RULES, resolve


def test_the_kind_is_a_type():
    c = Citation(IBID, "d.txt", 2, "Ibid.")
    assert isinstance(c, IbidCitation) and isinstance(c, BackReference) and c.kind == IBID
    assert not c.resolved
    c.antecedent = 0
    assert c.resolved
    assert Citation(kind=FULL, document="d.txt", note=1, text="x").resolved
    assert not Citation("unparsed", "d.txt", 1, "?", reason="no title").resolved
    c.become(FULL)
    assert isinstance(c, FullCitation) and c.kind == FULL


def test_one_archive_path():
    ref = ArchivalRef("RGASPI", "84", "3", "36", "12–13", extra={"papka": "7"})
    where = ref.where()
    assert ref.location() == where.path() == "F. 84, Op. 3, P. 7, D. 36"
    assert where.path(" ", ("fond", "opis", "delo")) == "F. 84 Op. 3 D. 36"
    assert where.describe() == "RGASPI F. 84 Op. 3 D. 36 L. 12–13"
    assert where.parts(("fond", "delo"), names=True) == ["Fond: 84", "Delo: 36"]


def test_work_round_trips_its_csl_item():
    item = {"id": "k", "type": "book", "title": "T", "custom": {
        "archival": {"archive": "GARF", "fond": "5446"}, "cited_in": [{"document": "a.txt", "note": 3, "locator": "5"}],
        "tags": ["GARF"], "zotero_key": "ABCD2345", "other": 1}}
    work = Work.from_csl(item)
    assert work.csl == {"type": "book", "title": "T"}
    assert work.cited_in[0].document == "a.txt" and work.cited_in[0].note == 3
    assert work.location is not None and work.location.fond == "5446"
    assert work.to_csl() == item


def test_readers_are_a_list(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("Text.1\n\n1. A note.\n", encoding="utf-8")
    assert [r.name for r in DEFAULT_READERS][-1] == "text"
    seen = []

    def own(src):
        seen.append(src.fmt)
        return DEFAULT_READERS[-1].read(src)
    read = read_document(doc, readers=[Reader("mine", lambda s: True, own)])
    assert seen == ["text"] and read.notes[0].text == "A note."


def test_resolver_rules_are_a_list():
    ctx = ParseContext()
    cits = [c for n, t in [(1, "Kimie Hara, *A Difficult Peace* (London: Routledge, 1998), 5."), (2, "*Ibid.*, 6.")]
            for c in parse_note(Note("d.txt", n, t), ctx)]
    assert resolve(cits, rules=[]) == [] and cits[1].antecedent is None
    assert resolve(cits, rules=DEFAULT_RULES) == [] and cits[1].antecedent == 0


def test_extract_runs_the_pipeline_without_merging(tmp_path):
    assert pipeline.EXTRACT == tuple(s for s in pipeline.STAGES
                                     if s not in (pipeline.variants, pipeline.dedupe, pipeline.catalog_stage))
    doc = tmp_path / "d.txt"
    doc.write_text("One.1 Two.2 Three.3\n\n1. Kimie Hara, *A Difficult Peace* (London: Routledge, 1998), 5.\n\n"
                   "2. *Ibid.*, 6.\n\n3. Unreadable ???\n", encoding="utf-8")
    ex = extract([read_document(Path(doc))])
    assert [it["id"] for it in ex.items] == ["hara1998difficult"]
    assert [[ci["id"] for ci in cl["citationItems"]] for cl in ex.clusters] == [["hara1998difficult"]] * 2 + [[]]
    assert all(c.work == "hara1998difficult" for c in ex.citations["d.txt"] if not isinstance(c, UnparsedCitation))
    assert ex.report["resolved"] == 1


def test_work_writes_a_stored_item_back_key_for_key():
    import json

    pulled = {"type": "book", "title": "T", "custom": {"zotero_key": "ABCD2345", "zotero_version": 3,
                                                      "archival": {"archive": "GARF"}, "tags": ["x"]}, "id": "k"}
    assert json.dumps(Work.from_csl(pulled).to_csl()) == json.dumps(pulled)
    assert Work.from_csl({"id": "x", "type": "book"}).to_csl() == {"id": "x", "type": "book"}  # nothing added
    made = Work({"type": "book", "title": "T"}, "k", incomplete="why", extra={"other": 1})
    assert list(made.to_csl()) == ["id", "type", "title", "custom"]
    assert list(made.to_csl()["custom"]) == ["incomplete", "other", "cited_in"]


def test_the_stages_after_group_pass_works(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("One.1 Two.2\n\n1. Kimie Hara, *A Difficult Peace* (London: Routledge, 1998), 5.\n\n"
                   "2. Hara, *Difficult Peace*, 6.\n", encoding="utf-8")
    run = pipeline.run_stages(pipeline.Run(paths=[doc]))
    assert [type(w) for w in run.items] == [Work] and run.items[0].id == "hara1998difficult"
    assert [(c.note, c.locator) for c in run.items[0].cited_in] == [(1, "5"), (2, "6")]
    assert run.items[0].collections == [["Documents", "d"]]


def test_a_cited_in_entry_keeps_keys_zotero_cw_does_not_write():
    from zotero_cw.models import CitedIn

    entry = {"document": "a.txt", "note": 4, "locator": "12", "label": "page", "comment": "checked in Moscow"}
    assert CitedIn.from_csl(entry).to_csl() == entry
