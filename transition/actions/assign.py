"""`transition assign`: every item of every register to one new holder or the review list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import OptionError, WorkspaceError
from ..io.assignment import write_assignment
from ..io.dates import DateError, parse_date
from ..io.staging import workspace_lock
from ..io.workspace import Workspace
from ..problems import ERROR
from ..reassign import Reassignment, reassign
from ..registers.loading import inputs_files, read_registers, stop_on_errors
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
    crs: str | None = None,
    lang: str = "vi",
) -> AssignResult:
    """Reassign the registers of a workspace and write every output (see :mod:`io.assignment`).

    ``cutover`` (dd/mm/yyyy or yyyy-mm-dd, day first) defaults to the timeline profile's; ``as_of`` is the day overdue
    dossiers are judged on (default: the day before the cutover). Raises
    :class:`~transition.errors.RegisterProblems` when a register has errors and
    :class:`~transition.reassign.LedgerError` when the ledger does not balance; nothing is written
    then. ``crs`` (an EPSG code, e.g. ``EPSG:9211`` for VN-2000 / TM-3 zone 107-45) reads the
    registers' coordinates as projected metres of that system. ``lang`` (``vi`` or ``en``) is the
    language of the headers and words of the unit workbooks and the review and surplus lists.
    """
    cutover = option_date(cutover, "--cutover")
    as_of = option_date(as_of, "--as-of")
    ws = Workspace.at(path)
    ws.meta()  # not a workspace: say so before taking the lock
    with workspace_lock(ws.root, "transition assign"):
        return _assign(ws, only, cutover, as_of, show_personal, unit_files, progress, crs, lang)


def _assign(
    ws, only, cutover, as_of, show_personal, unit_files, progress, crs, lang
) -> AssignResult:
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    say(progress, "reading the registers")
    reads = read_registers(ws, plan, only, crs=crs)
    if not reads:
        raise WorkspaceError(
            f"{ws.root / 'inputs'} has no registers (staff, assets, dossiers, records as CSV or "
            f"XLSX); make generated ones with 'transition generate registers {ws.root}'"
        )
    stop_on_errors(reads)  # a cell not read, or rows and sums that differ: nothing is written
    registers = {k: r.frame for k, r in reads.items()}
    overrides = read_overrides(ws.path("overrides"), plan, registers)
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
    book = dict(
        result.ledger,
        read={k: r.read for k, r in reads.items()},
        files=inputs_files(ws, reads),
        notes=[
            {k: v for k, v in p.to_dict().items() if v not in (None, "")}
            for kind in sorted(reads)
            for p in reads[kind].problems
            if p.severity != ERROR
        ],
        overrides_applied=_applied(result),
    )
    result = replace(result, ledger=book)
    written = write_assignment(
        ws,
        result,
        plan,
        show_personal=show_personal,
        unit_files=unit_files,
        progress=progress,
        lang=lang,
    )
    return AssignResult(ws.root, result, written)


def option_date(value: str | None, option: str) -> str | None:
    """A date given on the command line -> ISO text; day first (``01/07/2025`` is 1 July).
    Raises :class:`OptionError` saying how to write it."""
    if value is None:
        return None
    try:
        return parse_date(value, serials=False).isoformat()
    except DateError as exc:
        raise OptionError(f"{option} '{value}' {exc}") from exc


def _applied(result: Reassignment) -> list[dict[str, str]]:
    """Each decision of the department applied: class, id, new unit, reference."""
    out = []
    for kind, frame in result.items.items():
        hit = frame[frame["rule"] == "override"]
        out += [
            {"class": kind, "id": str(r.id), "new_code": str(r.new_code), "reason": str(r.reason)}
            for r in hit.itertuples(index=False)
        ]
    return out
