"""Reading a workspace's registers (``inputs/``) and checking them against the plan."""

from __future__ import annotations

import pandas as pd

from ..errors import RegisterProblems, WorkspaceError
from ..io.workspace import Workspace
from ..model import Plan
from ..problems import ERROR, Problem
from .schema import CLASSES, read_register, validate_register


def register_problems(ws: Workspace, plan: Plan) -> list[Problem]:
    """Problems of the registers in ``inputs/`` (if any), for ``check`` to report with the plan's."""
    out: list[Problem] = []
    for kind in CLASSES:
        path = ws.register_path(kind)
        if path is not None:
            out += validate_register(
                read_register(path, kind), kind, plan, str(path.relative_to(ws.root))
            )
    return out


def load_registers(ws: Workspace, plan: Plan, only: str | None = None) -> dict[str, pd.DataFrame]:
    """Read and validate the registers in ``inputs/`` (one class with ``only``).

    Returns ``{class: frame}`` with the columns of :data:`~transition.registers.schema.COLUMNS`.
    Raises :class:`RegisterProblems` listing the errors (file, row, column, what to fix), and
    :class:`WorkspaceError` when a register asked for is missing or there is none.
    """
    out, errors = {}, []
    for kind in CLASSES if only is None else (only,):
        path = ws.register_path(kind)
        if path is None:
            if only is not None:
                raise WorkspaceError(
                    f"{ws.root / 'inputs'} has no {kind}.csv or {kind}.xlsx; add it, or make "
                    f"generated ones with 'transition generate registers {ws.root}'"
                )
            continue
        frame = read_register(path, kind)
        rel = str(path.relative_to(ws.root))
        errors += [p for p in validate_register(frame, kind, plan, rel) if p.severity == ERROR]
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
