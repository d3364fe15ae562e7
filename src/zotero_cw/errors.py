"""Errors the command line reports as one line with exit status 2."""


class UserError(Exception):
    """Bad input or configuration: shown to the user as one line, exit status 2."""
