"""`transition lineage`: where an old unit went, or what made a new unit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io.workspace import Workspace
from ..model.lineage import trace


@dataclass(frozen=True)
class LineageResult:
    """``{"query", "units": [...]}``; see :func:`transition.model.lineage.trace`."""

    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.data


def lineage(path: str | Path, query: str) -> LineageResult:
    """Trace ``query`` (a code or name of an old or new unit) through the plan of a workspace.
    Raises :class:`~transition.errors.UnknownUnit` (with a suggestion) when nothing matches."""
    return LineageResult(trace(Workspace.at(path).load_plan(), query))
