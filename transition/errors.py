"""Named errors for misuse and bad input. Each message says what was asked, what exists and how to fix it.

Data problems that a check finds are not errors: they are :class:`transition.checks.Problem` values.
These exceptions stop a command; the CLI prints their message on one line and exits non-zero.
"""

from __future__ import annotations


class TransitionError(Exception):
    """Base class of every error this toolkit raises on purpose."""


class UnknownProvince(TransitionError):
    """A province name or code matched no province of the register."""


class UnknownUnit(TransitionError):
    """A unit code or name matched no unit of the plan."""


class WorkspaceError(TransitionError):
    """A workspace folder is missing or lacks a file it should hold."""


class InputFileError(TransitionError):
    """An input file cannot be read or lacks a column; the message names the file, row and column."""

    def __init__(self, path, message: str, *, row: int | None = None, column: str | None = None):
        where = str(path)
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.row = row
        self.column = column


class ProfileError(TransitionError):
    """A rule file of ``mappings/`` is missing, unreadable, or has an unknown or ill-typed key."""


class RegisterProblems(WorkspaceError):
    """The registers of a workspace have errors; the message lists them (file, row, column, fix)."""


class PlanError(TransitionError):
    """A plan was built from frames of the wrong shape (columns, code types, duplicate codes)."""


class OptionError(TransitionError):
    """A command-line option has a value that cannot be read (a date, say); the message says how."""


class WorkspaceLocked(WorkspaceError):
    """Another run is writing into the same workspace; the message names it."""
