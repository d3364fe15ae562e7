"""A span of a note's text that a rule found, with the label its tokens take; and the back-references
(ibid., idem, op. cit., там же, указ. соч., "see note 12 above") several rules look for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zotero_cw.archives import ArchivalRef

BACKREF = re.compile(  # the lookahead (every alternative's first letter) lets the scan skip most positions
    r"(?=[IiOoLl*sSТтУуОоnFf])(?<!\w)(?:[Ii]bid(?:em)?\b\.?|[Ii]dem\b\.?|Id\.|[Oo]p\.\s*cit\.|[Ll]oc\.\s*cit\.|\*?supra\*?"
    r"|[Тт]ам\s+же\b\.?|[Уу]каз\.\s*соч\.|[Оо]н(?:а|и)?\s+же\b\.?"
    r"|(?:[Ss]ee\s+)?(?:note|n\.)\s*\d+\s*(?:\*?(?:supra|above)\*?)|\*?infra\*?"
    r"|(?:[Ss]ee\s+)?(?:[Ff]oot)?note\s+\d+(?=[\s,.;)]|$)"
    r"|(?:[Ss]ee\s+)?\*?supra\*?,?\s*(?:note|n\.)\s*\d+)")


@dataclass
class RuleSpan:
    start: int
    end: int
    label: str
    ref: ArchivalRef | None = None
