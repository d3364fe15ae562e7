"""op. cit. without a note number finds the latest earlier work by that author or title through indexes; the
answer is the one a scan back through every earlier citation gives (the scan is the oracle here)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from zotero_cw.models import Citation
from zotero_cw.resolve import _author_match, _title_matches, resolve

AUTHORS = ["Taubman", "Ward", "Lee", "Gaddis", "Zubok", "Петров"]
TITLES = ["Khrushchev", "The Man and His Era", "We Now Know", "Failed Empire", "A Failed Empire", "Brezhnev's Folly"]


def _full(doc: str, n: int, authors: list[str], title: str) -> Citation:
    item = {"type": "book", "title": title, "author": [{"family": a, "given": "A."} for a in authors]}
    return Citation(kind="full", document=doc, note=n, text=title, item=item)


def _oracle(citations: list[Citation], i: int) -> int | None:
    c = citations[i]
    for j in range(i - 1, -1, -1):
        f = citations[j]
        if f.kind == "full" and f.document == c.document and (
                _author_match(c.short_title or "", f.item)[1] or _title_matches(c.short_title or "", f.item)):
            return j
    return None


step = st.one_of(
    st.tuples(st.just("full"), st.sampled_from("ab"), st.lists(st.sampled_from(AUTHORS), min_size=0, max_size=2),
              st.sampled_from(TITLES)),
    st.tuples(st.just("supra"), st.sampled_from("ab"),
              st.sampled_from(AUTHORS + TITLES + ["Ward and Lee", "Nobody", "Failed", "the man"]), st.just("")))


@settings(max_examples=150, deadline=None)
@given(st.lists(step, min_size=1, max_size=30))
def test_op_cit_by_author_or_title_is_the_latest_earlier_match(steps):
    citations = []
    for n, (kind, doc, who, title) in enumerate(steps, 1):
        if kind == "full":
            citations.append(_full(doc, n, who, title))
        else:
            citations.append(Citation(kind="supra", document=doc, note=n, text=f"{who}, op. cit.", short_title=who))
    expected = [_oracle(citations, i) if c.kind == "supra" else None for i, c in enumerate(citations)]
    resolve(citations)
    assert [c.antecedent if c.kind == "supra" else None for c in citations] == expected


def test_a_long_run_of_unresolvable_op_cits_is_reported_each():
    citations = [_full("a", 1, ["Ward"], "Brezhnev's Folly")]
    citations += [Citation(kind="supra", document="a", note=n, text="Nobody, op. cit.", short_title="Nobody")
                  for n in range(2, 3002)]
    warnings = resolve(citations)
    assert sum("no earlier work by or titled 'Nobody'" in w for w in warnings) == 3000
