"""Paths of the fixtures, for every test module."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DOC_000 = FIXTURES / "000_777639387260dca8.txt"
DOC_001 = FIXTURES / "001_f2115fb02966d65e.txt"
