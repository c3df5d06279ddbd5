"""What every action shares: the progress callback and the result protocol.

An action is one command of the toolkit as a library function: it loads through :mod:`transition.io`,
calls the pure stages, writes through :mod:`transition.io`, and returns a result object whose
``to_dict()`` is exactly what ``--json`` prints. Actions never print.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

Progress = Callable[[str], None]


def say(progress: Progress | None, text: str) -> None:
    """Report a stage of a long run (the CLI shows it; library callers may pass ``None``).

    Counts go in brackets after the stage: ``"writing unit workbooks (120/3,321)"``; the CLI prints
    one line per stage when stderr is not a terminal, so a stage may be reported as often as it
    likes."""
    if progress is not None:
        progress(text)


class Result(Protocol):
    """The result of an action; ``to_dict()`` is what ``--json`` prints."""

    def to_dict(self) -> dict[str, Any]: ...
