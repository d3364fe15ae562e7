"""The rendering tests compare with citeproc-js on fixture 000's items: those items must be what extract makes now.

If this fails, the extractor changed: copy its output over tests/data/render_000_{items,clusters}.json and run
tools/citeproc-js/render.sh to record citeproc-js's expectations again.
"""

from __future__ import annotations

import json

from paths import DOC_000, ROOT
from zotero_cw.extract import extract
from zotero_cw.read import read_document


def test_render_snapshot_is_the_current_extraction_of_fixture_000():
    ex = extract([read_document(DOC_000)])
    data = ROOT / "tests" / "data"
    items = json.loads((data / "render_000_items.json").read_text(encoding="utf-8"))
    clusters = json.loads((data / "render_000_clusters.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(ex.items, ensure_ascii=False)) == items
    assert json.loads(json.dumps(ex.clusters, ensure_ascii=False)) == clusters
    assert len(items) == 62 and len(clusters) == 84
