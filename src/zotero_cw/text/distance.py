"""Edit distances (rapidfuzz, imported at the first comparison so that importing this costs nothing)."""

from __future__ import annotations


def levenshtein(a: str, b: str, *, transpositions: bool = False, cutoff: int | None = None) -> int:
    """Insertions, deletions and substitutions between a and b; with `transpositions`, a swap of two adjacent
    characters counts one too (optimal string alignment). Above `cutoff`, any distance is cutoff + 1."""
    from rapidfuzz.distance import OSA, Levenshtein

    return (OSA if transpositions else Levenshtein).distance(a, b, score_cutoff=cutoff)


def within_one(a: str, b: str, *, transpositions: bool = False) -> bool:
    """True if a and b differ by at most one edit (see `levenshtein`)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    return levenshtein(a, b, transpositions=transpositions, cutoff=1) <= 1
