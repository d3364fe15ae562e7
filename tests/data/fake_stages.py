"""The pipeline's front stages (parse, resolve, group, clusters) replaced by hand-made per-document items, for
the build and add tests that check what the later stages do with them."""

from zotero_cw import pipeline
from zotero_cw.models import Work


def fake_front(fake):
    """The stages up to the clusters replaced by hand-made per-document items (clusters cite them by index)."""
    def front(run):
        ex = fake(run.documents)
        index = {it["id"]: n for n, it in enumerate(ex.items)}
        run.items, run.citations = [Work.from_csl(it) for it in ex.items], ex.citations
        run.clusters = [{**c, "citationItems": [{**ci, "id": index[ci["id"]]} for ci in c["citationItems"]]}
                        for c in ex.clusters]
    return front


def fake_stages(monkeypatch, fake):
    front = fake_front(fake)
    replaced = (pipeline.parse, pipeline.resolve_stage, pipeline.group, pipeline.clusters)
    for name in ("STAGES", "PREPARE", "EXTRACT"):
        stages = getattr(pipeline, name)
        monkeypatch.setattr(pipeline, name, tuple(front if s is pipeline.parse else s for s in stages
                                                  if s is pipeline.parse or s not in replaced))
