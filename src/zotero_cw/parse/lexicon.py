"""Word lists the labeller uses as features (data/lexicon.yaml plus user files)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from zotero_cw.errors import UserError

ENV_VAR = "ZOTERO_CW_LEXICON"
FEATURE_LISTS = ("places", "publisher_words", "journal_words", "months", "role_words", "locator_words",
                 "archive_words", "backref_words", "signal_words")  # what the labeller's features test
LISTS = (*FEATURE_LISTS, "newspapers", "offices")  # whole newspaper titles, which the rules read (parse/press.py);
# the words of offices, which tell a note identifying a person ("Neville Chamberlain, British Prime Minister.")


@dataclass(frozen=True, eq=False)
class Lexicon:
    lists: dict[str, frozenset[str]]
    _index: dict[str, frozenset[str]] = field(init=False, repr=False)  # word → the lists it is in

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = {}
        for name, words in self.lists.items():
            if name not in FEATURE_LISTS:
                continue
            for w in words:
                index.setdefault(w, set()).add(name)
        object.__setattr__(self, "_index", {w: frozenset(names) for w, names in index.items()})

    def classes(self, word: str) -> list[str]:
        """The list names a lower-cased word (with and without trailing punctuation) belongs to, in the
        order of `lists`."""
        bare = word.strip(",.;:()[]\"“”'’«»")
        index = self._index
        if word not in index and bare not in index:
            return []
        names = index.get(word, frozenset()) | index.get(bare, frozenset())
        return [name for name in self.lists if name in names]


def _read(text: str, source: str) -> dict[str, set[str]]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise UserError(f"{source}: not valid YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict):
        raise UserError(f"{source}: expected lists named {', '.join(LISTS)}")
    out: dict[str, set[str]] = {}
    for name, words in data.items():
        if name not in LISTS or not isinstance(words, list):
            raise UserError(f"{source}: {name!r} is not one of {', '.join(LISTS)} with a list of words")
        out[str(name)] = {str(w).lower() for w in words}
    return out


def load_lexicon(*paths: str | Path | None) -> Lexicon:
    """The packaged lists plus user files (arguments, else $ZOTERO_CW_LEXICON)."""
    merged: dict[str, set[str]] = {name: set() for name in LISTS}
    text = resources.files("zotero_cw").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    sources = [(text, "lexicon.yaml (package)")]
    user = [p for p in paths if p] or [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    for path in user:
        try:
            sources.append((Path(path).read_text(encoding="utf-8"), str(path)))
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read word list {path}: {exc}") from exc
    for body, source in sources:
        for name, words in _read(body, source).items():
            merged[name] |= words
    # single words of multi-word entries count too ("new york" → "york" is not added: keep phrases whole)
    return Lexicon({name: frozenset(words) for name, words in merged.items()})


def default_lexicon() -> Lexicon:
    """The packaged lists plus $ZOTERO_CW_LEXICON, cached for each value of the variable."""
    return _lexicon_for(os.environ.get(ENV_VAR, ""))


@lru_cache(maxsize=4)
def _lexicon_for(user: str) -> Lexicon:
    return load_lexicon()
