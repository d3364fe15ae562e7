"""Words and pieces of regular expressions more than one stage reads with."""

from __future__ import annotations

# CSL season numbers (as citeproc-js reads them): what "Spring 2013" and a date's "season" field mean.
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
SEASON = "(?:" + "|".join(s.capitalize() for s in SEASONS) + ")"  # (?:Spring|Summer|Autumn|Fall|Winter)
