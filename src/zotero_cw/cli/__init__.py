"""The `zotero-cw` command: one sub-command module each, dispatched from here."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from zotero_cw.cli.options import DATA_VARS
from zotero_cw.errors import UserError

# Each module defines register(subparsers) and sets `func` on its parser. Only the module of the command
# that runs is imported (so `lookup` does not pay for the parser, the renderer's styles or pyzotero).
COMMANDS = ["notes", "extract", "build", "add", "remove", "dedupe", "lookup", "bib", "cite", "export", "import",
            "pull", "sync", "train"]
MODULES = {"import": "import_"}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zotero-cw", description="Footnotes to CSL-JSON, Chicago notes and a Zotero group library."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in [only] if only else COMMANDS:
        module = importlib.import_module(f"zotero_cw.cli.{MODULES.get(name, name)}")
        module.register(sub)
    return parser


def _command(argv: list[str]) -> str | None:
    """The sub-command named on the command line, if it is the first argument."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    saved = {var: os.environ.get(var) for var in DATA_VARS}  # data flags set these for one command only
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"zotero-cw: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zotero-cw: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: still one line unless debugging
        if os.environ.get("ZOTERO_CW_DEBUG"):
            raise
        print(f"zotero-cw: internal error: {type(exc).__name__}: {exc} (set ZOTERO_CW_DEBUG=1 for details)",
              file=sys.stderr)
        return 1
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


if __name__ == "__main__":
    sys.exit(main())
