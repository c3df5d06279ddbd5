"""`transition assign`: every item of every register to one new holder or the review list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io.assignment import write_assignment
from ..io.workspace import Workspace
from ..reassign import Reassignment, reassign
from ..registers.loading import load_registers
from ..registers.overrides import read_overrides
from .common import Progress, say


@dataclass(frozen=True)
class AssignResult:
    """The reassignment and the workspace-relative paths written."""

    workspace: Path
    reassignment: Reassignment
    written: list[str]

    def to_dict(self) -> dict[str, Any]:
        """The ledger: ``{"balanced", "classes": {class: {"before", "assigned", "review", ...}}}``."""
        return self.reassignment.ledger


def assign_workspace(
    path: str | Path,
    *,
    only: str | None = None,
    cutover: str | None = None,
    as_of: str | None = None,
    show_personal: bool = False,
    unit_files: bool = True,
    progress: Progress | None = None,
) -> AssignResult:
    """Reassign the registers of a workspace and write every output (see :mod:`io.assignment`).

    ``cutover`` (YYYY-MM-DD) defaults to the timeline profile's; ``as_of`` is the day overdue
    dossiers are judged on (default: the day before the cutover). Raises
    :class:`~transition.errors.RegisterProblems` when a register has errors and
    :class:`~transition.reassign.LedgerError` when the ledger does not balance; nothing is written
    then.
    """
    ws = Workspace.at(path)
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    say(progress, "reading the registers")
    registers = load_registers(ws, plan, only)
    overrides = read_overrides(ws.path("overrides"), plan)
    items = sum(len(frame) for frame in registers.values())
    say(progress, f"reassigning ({items:,} items)")
    result = reassign(
        plan,
        geometry,
        registers,
        overrides=overrides,
        as_of=as_of,
        cutover=cutover,
        workspace=ws.root,
    )
    written = write_assignment(
        ws, result, plan, show_personal=show_personal, unit_files=unit_files, progress=progress
    )
    return AssignResult(ws.root, result, written)
