"""The user data options every reading command takes: archives, abbreviations, word lists, citation model.

Each is also an environment variable; a flag sets it for this process, so every stage sees the same data."""

from __future__ import annotations

import argparse
import os

DATA_OPTIONS = (  # flag, environment variable, what it is
    ("--archives", "ZOTERO_CW_ARCHIVES", "extra archive registry file (YAML, like data/archives.yaml)"),
    ("--abbreviations", "ZOTERO_CW_ABBREVIATIONS", "extra abbreviations file (YAML, like data/abbreviations.yaml)"),
    ("--lexicon", "ZOTERO_CW_LEXICON", "extra word lists for the citation labeller (YAML, like data/lexicon.yaml)"),
)
MODEL_VAR = "ZOTERO_CW_MODEL"
DATA_VARS = (*(var for _, var, _ in DATA_OPTIONS), MODEL_VAR)  # what the flags set, for one command only


def add_data_options(p: argparse.ArgumentParser) -> None:
    for flag, var, what in DATA_OPTIONS:
        p.add_argument(flag, action="append", default=[], metavar="YAML", help=f"{what}; repeatable (also: ${var})")
    p.add_argument("--model", metavar="FILE", help="citation model made by `zotero-cw train` (also: $ZOTERO_CW_MODEL)")


def apply_data_options(args: argparse.Namespace) -> None:
    """Flags win over the environment; a bad model file is the user's mistake, said before anything is read."""
    for flag, var, _ in DATA_OPTIONS:
        given = getattr(args, flag[2:], None)
        if given:
            os.environ[var] = os.pathsep.join(str(p) for p in given)
    if getattr(args, "model", None):
        from zotero_cw.parse.labeller import Labeller

        Labeller(args.model)
        os.environ[MODEL_VAR] = str(args.model)
