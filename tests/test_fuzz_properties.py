"""Property-based tests (hypothesis): on any input, the archive parser, the resolver, the text reader, the YAML
loader and the sync plan either answer or raise the project's one-line UserError — nothing else — and the sync
merge never loses a user's edit, with or without sync state. `tools/fuzz.py` runs the same targets far longer."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from zotero_cw.archives import find_archival_refs, parse_archival_ref
from zotero_cw.errors import UserError
from zotero_cw.models import FULL, IBID, SHORT, SUPRA, UNPARSED, Citation
from zotero_cw.read import read_document
from zotero_cw.resolve import resolve
from zotero_cw.userdata import archive_registry, parse_yaml
from zotero_cw.zotero import plan

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="zotero-cw-hypothesis-"))  # nothing left in the checkout
SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Text built from the pieces archival references, notes and documents are made of, plus any character at all.
PIECES = ["RGASPI", "GARF", "AVP RF", "РГАСПИ", "TNA", "NARA", "f.", "F.", "Fond", "op.", "Op.", "opis'", "d.",
          "D.", "delo", "l.", "ll.", "L.", "listy", "ob.", "p.", "papka", "84", "3", "36", "12", "R-5446", "17a",
          "/", "–", "-", ",", ", ", ";", ".", " ", "  ", "\n", "(", ")", "Ibid.", "Ibid., ", "See", "the ", "The ",
          "Russian State Archive of Socio-Political History", "¹", "²", "³", "*", "_", "1.", "2.", "10.",
          "Hasegawa", "Racing the Enemy", "supra", "n. 3", "op. cit.", "\t", "\u00a0", "\u200b", "\ufeff"]
pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), pieces)


@SETTINGS
@given(any_text)
def test_archive_parser_answers_or_raises_user_error(text):
    try:
        ref = parse_archival_ref(text)
        found = find_archival_refs(text)
    except UserError:
        return
    assert ref is None or ref.fond is not None or ref.archive is not None
    starts = [span[0] for span, _ in found]
    assert starts == sorted(starts)
    for (a, b), r in found:
        assert 0 <= a < b <= len(text) and r.fond


names = st.sampled_from(["Hasegawa", "Gaddis", "Weathersby", "Hasegwa", "", "Mastny", "Ó Gráda", "de Gaulle"])
families = st.sampled_from(["Hasegawa", "Gaddis", "Weathersby", "Hasegwa", "Mastny", "Ó Gráda", "de Gaulle",
                            "", "———", "李", "长谷川"])
titles = st.sampled_from(["Racing the Enemy", "The Cold War", "Soviet Aims", "Racing", "", "A", "Cold"])


@st.composite
def citations(draw) -> list[Citation]:
    out = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from([FULL, IBID, SHORT, SUPRA, UNPARSED]))
        item = {}
        if kind == FULL:
            item = {"title": draw(titles), "author": [{"family": draw(families), "given": "A."}],
                    "type": draw(st.sampled_from(["book", "manuscript", "chapter"]))}
        out.append(Citation(kind=kind, document=draw(st.sampled_from(["a.txt", "b.txt"])),
                            note=draw(st.integers(0, 12)), text=draw(st.text(max_size=20)), item=item,
                            author=draw(st.none() | names), short_title=draw(st.none() | titles),
                            note_ref=draw(st.none() | st.integers(-1, 14)), locator=draw(st.none() | st.text(max_size=5))))
    out.sort(key=lambda c: (c.document, c.note))
    return out


@SETTINGS
@given(citations())
def test_resolver_answers_or_raises_user_error(cits):
    try:
        warnings = resolve(cits)
    except UserError:
        return
    assert all(isinstance(w, str) for w in warnings)
    for c in cits:
        if c.kind in (IBID, SHORT, SUPRA) and c.antecedent is not None:
            assert 0 <= c.antecedent < len(cits) and cits[c.antecedent].kind == FULL


doc_lines = st.lists(st.one_of(pieces, st.sampled_from(["", "Notes", "NOTES", "Endnotes", "1 ", "[1]", "12. ",
                                                        "Text.¹ More.² ", "¹ ", "---", "Page 3"])), max_size=30)


@SETTINGS
@given(doc_lines, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1251"]))
def test_text_reader_answers_or_raises_user_error(lines, encoding):
    text = "\n".join(lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        try:
            path.write_bytes(text.encode(encoding))
        except UnicodeEncodeError:
            path.write_bytes(text.encode("utf-8"))
        try:
            doc = read_document(path)
        except UserError:
            return
        assert all(n.n is None or isinstance(n.n, int) for n in doc.notes)


# ---- YAML

class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


# PyYAML itself reads some line-break characters (NEL, LS, PS) and control characters back differently
plain = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x85\u2028\u2029"),
                max_size=20)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), plain,
                    st.floats(allow_nan=False, allow_infinity=False))
trees = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                     st.dictionaries(plain, kids, max_size=5)),
                     max_leaves=30)


@SETTINGS
@given(st.one_of(st.text(max_size=300), pieces, st.binary(max_size=100).map(lambda b: b.decode("latin-1"))))
def test_yaml_loader_answers_or_raises_user_error(text):
    try:
        parse_yaml(text, "fuzz.yaml")
    except UserError as exc:
        assert "\n" not in str(exc).strip()
    try:
        archive_registry(text, "fuzz.yaml")
    except UserError as exc:
        assert "\n" not in str(exc).strip()


@SETTINGS
@given(trees)
def test_yaml_loader_reads_what_safe_dump_writes(data):
    text = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True)
    assert parse_yaml(text, "t") == data


@SETTINGS
@given(st.lists(st.dictionaries(st.sampled_from(["acronym", "name", "aliases", "former", "place", "x"]),
                                scalars | st.lists(scalars, max_size=3), max_size=6), max_size=5))
def test_archive_registry_accepts_only_text_where_text_belongs(rows):
    text = yaml.dump({"archives": rows}, Dumper=_NoAliasDumper, allow_unicode=True)
    try:
        out = archive_registry(text, "t")
    except UserError:
        return
    for row in out["archives"]:
        assert isinstance(row["acronym"], str) and isinstance(row["name"], str)
        for k in ("aliases", "former"):
            assert all(isinstance(v, str) for v in row.get(k, []))


# ---- the sync plan

FIELDS = ["title", "date", "place", "publisher", "abstractNote", "pages"]
values = st.sampled_from(["A", "B", "C", "Ä", "x" * 30, "1950", "<p>n</p>"])


@st.composite
def views(draw) -> dict:
    v: dict = {"itemType": "book"}
    for f in FIELDS:
        if draw(st.booleans()):
            v[f] = draw(values)
    tags = sorted(set(draw(st.lists(st.sampled_from(["t1", "t2", "t3", "to read"]), max_size=3))))
    if tags:
        v["tags"] = tags
    v["extra"] = ["zotero-cw-id: w"] + draw(st.lists(st.sampled_from(["Fond: 84", "Original Date: 1950"]),
                                                      max_size=2, unique=True))
    return v


def edit(view: dict, changes: dict) -> dict:
    out = dict(view)
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


changes = st.dictionaries(st.sampled_from(FIELDS), st.none() | values, max_size=4)


@SETTINGS
@given(views(), changes, changes, st.booleans())
def test_sync_plan_never_loses_a_user_edit_with_or_without_state(first, ours, theirs, lost_state):
    """We wrote `first`; the library then changes `ours`, a colleague `theirs` in Zotero; sync (with the state,
    or with it lost): every field the colleague changed keeps the colleague's value; every field only the
    library changed takes the library's value; planning again afterwards writes nothing."""
    key = "ABCD2345"
    obj = plan.Obj("item", "w", key, first)
    created = plan.plan_object(obj, None, None, None)
    written = created.merged
    remote = edit(written, theirs)
    local = edit(first, ours)
    entry = None if lost_state else {"kind": "item", "id": "w", "version": 1, "base": first, "server": written}
    action = plan.plan_object(plan.Obj("item", "w", key, local), entry, remote, 2)
    merged = plan.strip_record(action.merged)
    for k in FIELDS:
        user_changed = remote.get(k) != written.get(k)
        we_changed = local.get(k) != first.get(k)
        if user_changed:
            assert merged.get(k) == remote.get(k), (k, "a colleague's edit was overwritten")
        elif we_changed:
            assert merged.get(k) == local.get(k), (k, "a library change was dropped")
        if user_changed and local.get(k) != remote.get(k) and local.get(k) is not None and (
                we_changed or lost_state):
            assert k in action.conflicts
    # the next sync finds nothing to do
    after = action.merged if action.op == "update" else remote
    entry2 = {"kind": "item", "id": "w", "version": 3, "base": local, "server": after}
    assert plan.plan_object(plan.Obj("item", "w", key, local), entry2, after, 3).op == "unchanged"
    again = plan.plan_object(plan.Obj("item", "w", key, local), None, after, 3)
    assert plan.strip_record(again.merged if again.op == "update" else after) == plan.strip_record(after)
