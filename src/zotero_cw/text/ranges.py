"""Number ranges as notes write them: "314 - 324" → "314–324", the leaves or pages a locator names."""

from __future__ import annotations

import re
from typing import Any

_DASH_RE = re.compile(r"\s*[–-]\s*")
_COMMA_RE = re.compile(r"\s*,\s*")
_SPAN_RE = re.compile(r"(\d+)\s*(?:[-–—]\s*(\d+))?")


def clean_range(text: str) -> str:
    """Normalise a locator: en dash between numbers, ", " between ranges."""
    text = _DASH_RE.sub("–", text.strip())
    return _COMMA_RE.sub(", ", text)


def numbers(text: Any) -> frozenset[int]:
    """Leaves or pages named by a locator such as "12–13", "58–61, 63–64", "36" (ranges capped at 500)."""
    out: set[int] = set()
    for m in _SPAN_RE.finditer(str(text or "")):
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if hi < lo and m.group(2) and len(m.group(2)) < len(m.group(1)):  # 1041–43
            hi = int(m.group(1)[: len(m.group(1)) - len(m.group(2))] + m.group(2))
        if lo <= hi <= lo + 500:
            out.update(range(lo, hi + 1))
        else:
            out.add(lo)
    return frozenset(out)
