"""Reading a workspace's registers (``inputs/``) and checking them against the plan."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import RegisterProblems, WorkspaceError
from ..geo.coordinates import outside_area
from ..io.sheets import inputs_listing, unread_register_problems
from ..io.workspace import REGISTER_FILES, Workspace
from ..model import Plan
from ..problems import ERROR, INFO, Problem
from .field_steps import resolve_holders
from .reading import RegisterRead, read_register_file
from .schema import CLASSES, restore_code, validate_register

REGISTER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".txt")


def register_files(ws: Workspace, kind: str) -> list[Path]:
    """Every file of ``inputs/`` that could be the ``kind`` register (``staff.xlsx``, ``staff.csv``)."""
    base = ws.root / REGISTER_FILES[kind]
    return [base.with_suffix(s) for s in REGISTER_SUFFIXES if base.with_suffix(s).exists()]


def _one_file(ws: Workspace, kind: str) -> Path | None:
    files = register_files(ws, kind)
    if len(files) > 1:
        names = ", ".join(str(f.relative_to(ws.root)) for f in files)
        raise WorkspaceError(
            f"{ws.root / 'inputs'} has {len(files)} {kind} registers ({names}); keep one, so that "
            "real and generated rows are never mixed (move the other out of inputs/)"
        )
    return files[0] if files else None


def read_registers(
    ws: Workspace, plan: Plan, only: str | None = None, *, crs: str | None = None
) -> dict[str, RegisterRead]:
    """Every register of ``inputs/`` read (one class with ``only``), with its problems (the plan's
    checks included; points outside the plan's units) and what was read. ``crs`` (an EPSG code)
    reads coordinates as projected metres (VN-2000). Raises :class:`WorkspaceError` when a register asked for is
    missing, there is none, or one class has two files; :class:`InputFileError` when a file cannot
    be read or lacks a required column."""
    out = {}
    for kind in CLASSES if only is None else (only,):
        path = _one_file(ws, kind)
        if path is None:
            if only is not None:
                raise WorkspaceError(
                    f"{ws.root / 'inputs'} has no {kind}.csv, {kind}.xlsx or {kind}.xls; add it, or make "
                    f"generated ones with 'transition generate registers {ws.root}'"
                )
            continue
        read = read_for_plan(path, kind, plan, str(path.relative_to(ws.root)), crs=crs)
        read.problems += _province_problems(ws, read.frame, read.file)
        out[kind] = read
    return out


def read_for_plan(
    path: Path, kind: str, plan: Plan, file: str | None = None, *, crs: str | None = None
) -> RegisterRead:
    """One register file read and checked against the plan: holder codes that lost their leading
    zeros are restored when the padded code is a unit of the plan (with a note). ``crs``: see
    :func:`~transition.registers.reading.read_register_file`."""
    read = read_register_file(path, kind, file, crs=crs)
    known = set(plan.old_units["code"])
    holders = read.frame["holder"]
    fixed = holders.map(lambda c: restore_code(c, known))
    n = int((fixed != holders).sum())
    if n:
        read.frame["holder"] = fixed
        read.problems.append(
            Problem(
                code="register-code-restored",
                severity=INFO,
                message=f"{n} holder code(s) had lost their leading zeros (Excel turns codes "
                "into numbers); restored to the plan's codes",
                file=read.file,
                column="holder",
                fix="format the code column as Text in Excel",
            )
        )
    read.frame, notes = resolve_holders(read.frame, plan, read.file)  # holders written as names
    read.problems += notes
    read.problems += validate_register(read.frame, kind, plan, read.file)
    return read


def register_problems(ws: Workspace, plan: Plan) -> list[Problem]:
    """Problems of the registers in ``inputs/`` (if any), for ``check`` to report with the plan's,
    and a warning per table in ``inputs/`` that is not read as a register."""
    reads = read_registers(ws, plan)
    listing = inputs_files(ws, reads)
    return unread_register_problems(listing) + [p for r in reads.values() for p in r.problems]


def inputs_files(ws: Workspace, reads: dict[str, RegisterRead]) -> list[dict]:
    """Every file of ``inputs/`` with whether it was read as a register and why not (see
    :func:`transition.io.sheets.inputs_listing`): the ledger lists them all."""
    inputs = ws.root / "inputs"
    used = {kind: ws.root / r.file for kind, r in reads.items()}
    return inputs_listing(inputs, used) if inputs.is_dir() else []


def _province_problems(ws: Workspace, frame: pd.DataFrame, file: str) -> list[Problem]:
    """Points of a register outside the union of the plan's new units (when it has real polygons)."""
    if "lon" not in frame or not frame["lon"].notna().any():
        return []
    geometry = ws.load_geometry()
    if geometry is None or not len(geometry.new) or geometry.new_is_approximate:
        return []
    return outside_area(frame, geometry.new.geometry.union_all(), file)


def stop_on_errors(reads: dict[str, RegisterRead]) -> None:
    """Raise :class:`RegisterProblems` listing the errors (file, row, column, text, fix); also when
    what was read differs from what the file holds (rows or sums)."""
    errors = [p for r in reads.values() for p in r.problems if p.severity == ERROR]
    lines = [
        f"  {p.file}, row {p.row}, column '{p.column}': {p.message}"
        + (f" (fix: {p.fix})" if p.fix else "")
        for p in errors[:20]
    ]
    if len(errors) > 20:
        lines.append(f"  ... and {len(errors) - 20} more (transition check lists them all)")
    for r in reads.values():
        if not r.read.get("agrees", True) and not any(p.file == r.file for p in errors):
            lines.append(f"  {r.file}: what was read differs from the file: {r.read}")
    if lines:
        raise RegisterProblems(
            f"the registers have {len(errors)} error(s); nothing was assigned or written:\n"
            + "\n".join(lines)
        )


def load_registers(
    ws: Workspace, plan: Plan, only: str | None = None, *, crs: str | None = None
) -> dict[str, pd.DataFrame]:
    """Read and validate the registers in ``inputs/`` (one class with ``only``).

    Returns ``{class: frame}`` with the columns of :data:`~transition.registers.schema.COLUMNS`.
    Raises :class:`RegisterProblems` listing the errors (file, row, column, what to fix), and
    :class:`WorkspaceError` when a register asked for is missing or there is none.
    """
    reads = read_registers(ws, plan, only, crs=crs)
    if not reads:
        raise WorkspaceError(
            f"{ws.root / 'inputs'} has no registers (staff, assets, dossiers, records as CSV or "
            f"XLSX); make generated ones with 'transition generate registers {ws.root}'"
        )
    stop_on_errors(reads)
    return {k: r.frame for k, r in reads.items()}
