"""Cite disambiguation as citeproc-js does it, on top of the patched engine (not a patch itself).

For the cites of one position class (first, or subsequent) of every registered item, cites that render alike
are made to differ, in the order of CSL 1.0.2: (1) disambiguate-add-names, (2) disambiguate-add-givenname
(givenname-disambiguation-rule; the all-names / primary-name rules also expand names that are ambiguous
anywhere, in every cite), (3) the `disambiguate="true"` condition, (4) disambiguate-add-year-suffix (a, b, …
in bibliography order; shared by every position and the bibliography). The result is a `Dis` per item that
the name and date patches read from the cite (`_dis`, `_suffix`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

NAME_VARS = ("author", "editor", "translator", "composer", "director", "interviewer", "recipient",
             "collection-editor", "container-author", "editorial-director", "illustrator", "original-author")

Person = tuple[str, str]  # (family, given)


@dataclass
class Dis:
    names: int = 0  # names added to the et-al list
    given: dict[Person, int] = field(default_factory=dict)  # 1 = initials (or full without initialize-with), 2 full
    cond: int = 0  # how many disambiguate="true" tests are on


@dataclass
class Options:
    add_names: bool = False
    add_given: bool = False
    rule: str = "by-cite"
    add_year: bool = False

    @classmethod
    def of(cls, style: Any) -> Options:
        citation = style.root.find("cs:citation", style.root.nsmap)
        attrib = dict(citation.attrib) if citation is not None else {}

        def flag(name: str) -> bool:
            return str(attrib.get(name, "false")).lower() == "true"

        return cls(flag("disambiguate-add-names"), flag("disambiguate-add-givenname"),
                   attrib.get("givenname-disambiguation-rule", "by-cite"), flag("disambiguate-add-year-suffix"))


def person(name: Any) -> Person:
    """A name's identity: family with its non-dropping particle, given with spacing and periods normalised
    ("J. J." = "J.J.")."""
    family = " ".join(str(p) for p in (name.get("non-dropping-particle"), name.get("family", name.get("literal")))
                      if p)
    given = " ".join(str(name.get("given", "")).replace(".", " ").split())
    return family, given


def persons(ref: Any) -> list[Person]:
    """The first names variable an item has (the one a style prints first)."""
    for var in NAME_VARS:
        names = ref.get(var.replace("-", "_"))
        if names:
            return [person(n) for n in names]
    return []


def _initials(given: str) -> str:
    return "".join(p[0] for p in given.replace("-", " ").replace(".", " ").split() if p)


def _expansion(group: list[Person], with_initials_only: bool) -> dict[Person, int]:
    """Levels that tell apart people of one family name: initials if they differ, else full given names."""
    out: dict[Person, int] = {}
    for p in group:
        others = [q for q in group if q != p]
        if not others:
            continue
        level = 1 if all(_initials(q[1]) != _initials(p[1]) for q in others) else 2
        if with_initials_only and level == 2:  # initials cannot tell them apart: leave the name as it is
            continue
        out[p] = level
    return out


def global_names(refs: list[Any], rule: str) -> dict[Person, int]:
    """all-names / primary-name rules: every person whose family name another person shares is expanded."""
    by_family: dict[str, list[Person]] = {}
    for ref in refs:
        people = persons(ref)
        if rule.startswith("primary-name"):
            people = people[:1]
        for p in people:
            group = by_family.setdefault(p[0], [])
            if p not in group:
                group.append(p)
    out: dict[Person, int] = {}
    for group in by_family.values():
        out.update(_expansion(group, rule.endswith("with-initials")))
    return out


def compute(keys: list[str], refs: dict[str, Any], render: Callable[[str], str], opts: Options,
            state: dict[str, Dis]) -> list[list[str]]:
    """Fill `state` (item key -> Dis) for these keys; returns the groups still ambiguous afterwards.

    `render(key)` renders the item's cite with the current state."""
    for k in keys:
        state.setdefault(k, Dis())
    if opts.add_given and opts.rule != "by-cite":
        expanded = global_names(list(refs.values()), opts.rule)
        for k in keys:
            state[k].given.update({p: lvl for p, lvl in expanded.items() if p in persons(refs[k])})
    groups = collisions(keys, render)
    if opts.add_names or opts.add_given:
        for g in groups:
            _names_and_given(g, refs, render, opts, state)
        groups = [g2 for g in groups for g2 in collisions(g, render)]
    for level in range(1, 8):  # the disambiguate="true" condition, one test more each round
        if not groups:
            break
        for g in groups:
            for k in g:
                state[k].cond = level
        groups = [g2 for g in groups for g2 in collisions(g, render)]
    return groups


def collisions(keys: list[str], render: Callable[[str], str]) -> list[list[str]]:
    seen: dict[str, list[str]] = {}
    for key in keys:
        seen.setdefault(render(key), []).append(key)
    return [ks for ks in seen.values() if len(ks) > 1]


def _distinct(group: list[str], render: Callable[[str], str]) -> int:
    return len({render(k) for k in group})


def _names_and_given(group: list[str], refs: dict[str, Any], render: Callable[[str], str], opts: Options,
                     state: dict[str, Dis]) -> None:
    """Steps 1 and 2 for one ambiguous group: the fewest added names (with given names expanded where the
    rule allows) that tell most cites apart; names stay as they were if nothing helps."""
    base = {k: dict(state[k].given) for k in group}
    best = (_distinct(group, render), 0, base)
    most = max((len(persons(refs[k])) for k in group), default=0)
    for extra in range(0, most + 1) if opts.add_names else [0]:
        for k in group:
            state[k].names = extra
            state[k].given = dict(base[k])
        if opts.add_given:
            _expand_given(group, refs, render, opts, state)
        n = _distinct(group, render)
        if n > best[0]:
            best = (n, extra, {k: dict(state[k].given) for k in group})
        if n == len(group):
            break
    for k in group:
        state[k].names = best[1]
        state[k].given = best[2][k]


def _expand_given(group: list[str], refs: dict[str, Any], render: Callable[[str], str], opts: Options,
                  state: dict[str, Dis]) -> None:
    """by-cite: expand, name by name, the given names that differ between the group's cites."""
    people = {k: persons(refs[k]) for k in group}
    width = max((len(p) for p in people.values()), default=0)
    for j in range(width):
        column = [people[k][j] for k in group if j < len(people[k])]
        by_family: dict[str, list[Person]] = {}
        for p in column:
            fam = by_family.setdefault(p[0], [])
            if p not in fam:
                fam.append(p)
        changed = False
        for fam in by_family.values():
            for p, lvl in _expansion(fam, opts.rule.endswith("with-initials")).items():
                for k in group:
                    if p in people[k] and state[k].given.get(p, 0) < lvl:
                        state[k].given[p] = lvl
                        changed = True
        if changed and _distinct(group, render) == len(group):
            return


def year_suffixes(groups: list[list[str]], order: list[str]) -> dict[str, int]:
    """Step 4: 1, 2, … (a, b, …) within each group still ambiguous, in bibliography order."""
    rank = {k: i for i, k in enumerate(order)}
    out: dict[str, int] = {}
    for g in groups:
        for n, k in enumerate(sorted(g, key=lambda k: rank.get(k, len(rank))), start=1):
            out[k] = n
    return out


def suffix_letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (citeproc-js)."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out
