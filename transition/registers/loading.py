"""Reading a workspace's registers (``inputs/``) and checking them against the plan."""

from __future__ import annotations

import pandas as pd

from ..errors import RegisterProblems, WorkspaceError
from ..geo.coordinates import outside_area
from ..io.sheets import inputs_listing, unread_register_problems
from ..io.workspace import Workspace
from ..model import Plan
from ..problems import ERROR, Problem
from .field_steps import Notes, resolve_holders
from .schema import CLASSES, read_register, validate_register


def register_problems(ws: Workspace, plan: Plan) -> list[Problem]:
    """Problems of the registers in ``inputs/`` (if any), for ``check`` to report with the plan's,
    and a warning per table in ``inputs/`` that is not read as a register."""
    out: list[Problem] = unread_register_problems(register_files(ws))
    for kind in CLASSES:
        path = ws.register_path(kind)
        if path is not None:
            rel = str(path.relative_to(ws.root))
            frame, notes = resolve_holders(read_register(path, kind), plan, rel)
            out += notes + validate_register(frame, kind, plan, rel)
    return out


def register_files(ws: Workspace) -> list[dict]:
    """Every file of ``inputs/`` with whether it is read as a register (see
    :func:`transition.io.sheets.inputs_listing`): the ledger lists them all."""
    read = {k: p for k in CLASSES if (p := ws.register_path(k)) is not None}
    inputs = ws.root / "inputs"
    return inputs_listing(inputs, read) if inputs.is_dir() else []


def _province_problems(ws: Workspace, frame: pd.DataFrame, file: str) -> list[Problem]:
    """Points of a register outside the union of the plan's new units (when it has polygons)."""
    if "lon" not in frame or not frame["lon"].notna().any():
        return []
    geometry = ws.load_geometry()
    if geometry is None or not len(geometry.new) or geometry.new_is_approximate:
        return []
    return outside_area(frame, geometry.new.geometry.union_all(), file)


def load_registers(
    ws: Workspace, plan: Plan, only: str | None = None, *, crs: str | None = None
) -> dict[str, pd.DataFrame]:
    """Read and validate the registers in ``inputs/`` (one class with ``only``).

    Returns ``{class: frame}`` with the columns of :data:`~transition.registers.schema.COLUMNS`;
    each frame's ``attrs["problems"]`` holds the notes and warnings of its reading (totals rows,
    swapped coordinates, identity numbers ...). ``crs`` (an EPSG code) reads coordinates as projected
    metres of that system (VN-2000).
    Raises :class:`RegisterProblems` listing the errors (file, row, column, what to fix), and
    :class:`WorkspaceError` when a register asked for is missing or there is none.
    """
    out, errors = {}, []
    for kind in CLASSES if only is None else (only,):
        path = ws.register_path(kind)
        if path is None:
            if only is not None:
                raise WorkspaceError(
                    f"{ws.root / 'inputs'} has no {kind}.csv, {kind}.xlsx or {kind}.xls; add it, or make "
                    f"generated ones with 'transition generate registers {ws.root}'"
                )
            continue
        rel = str(path.relative_to(ws.root))
        frame, notes = resolve_holders(read_register(path, kind, crs=crs), plan, rel)
        found = (
            notes + validate_register(frame, kind, plan, rel) + _province_problems(ws, frame, rel)
        )
        errors += [p for p in found if p.severity == ERROR]
        frame = frame.reset_index(drop=True)
        frame.attrs["problems"] = Notes(p for p in found if p.severity != ERROR)
        out[kind] = frame
    if not out:
        raise WorkspaceError(
            f"{ws.root / 'inputs'} has no registers (staff, assets, dossiers, records as CSV or "
            f"XLSX); make generated ones with 'transition generate registers {ws.root}'"
        )
    if errors:
        lines = "\n".join(
            f"  {p.file}, row {p.row}, column '{p.column}': {p.message}" for p in errors[:20]
        )
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise RegisterProblems(
            f"the registers have {len(errors)} error(s); nothing was assigned:\n{lines}{more}"
        )
    return out
