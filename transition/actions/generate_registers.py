"""`transition generate registers`: realistic, labelled registers for a demo or a benchmark."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import WorkspaceError
from ..io.workspace import Workspace
from ..registers import CLASSES
from ..registers.generate import generate_registers
from ..registers.loading import register_files
from ..render import render
from .common import Progress, say


@dataclass(frozen=True)
class GenerateResult:
    """Rows generated per register, the seed, and the workspace."""

    workspace: Path
    seed: int
    counts: dict[str, int]
    backup: str | None = None  # where the department's own registers were moved (--force)

    def to_dict(self) -> dict[str, Any]:
        return {
            "workspace": str(self.workspace),
            "seed": self.seed,
            "counts": self.counts,
            "backup": self.backup,
        }


def generate_workspace_registers(
    path: str | Path, seed: int = 2025, progress: Progress | None = None, force: bool = False
) -> GenerateResult:
    """Fill ``inputs/`` of a workspace with generated registers (see :mod:`registers.generate`);
    every row is labelled ``generated (seed N)``.

    Registers already in ``inputs/`` that are not generated ones (a department's own) are never
    overwritten: :class:`WorkspaceError` names them, unless ``force``, when they are first moved to
    ``inputs/backup-YYYYMMDD-HHMMSS/``. Raises :class:`WorkspaceError` when the workspace has no
    geometry."""
    ws = Workspace.at(path)
    own = [f for kind in CLASSES for f in register_files(ws, kind) if not _generated(f)]
    backup = None
    if own and not force:
        names = ", ".join(str(f.relative_to(ws.root)) for f in own)
        raise WorkspaceError(
            f"{ws.root / 'inputs'} already holds registers that were not generated ({names}); "
            "generated rows would replace them. Run again with --force to move them to a dated "
            "backup folder inputs/backup-.../ first"
        )
    if own:
        backup = ws.root / "inputs" / dt.datetime.now().strftime("backup-%Y%m%d-%H%M%S")
        backup.mkdir(parents=True, exist_ok=True)
        for f in own:
            shutil.move(str(f), backup / f.name)
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    if geometry is None:
        raise WorkspaceError(f"{ws.root} has no plan/geometry.gpkg; import the plan again")
    say(progress, "generating registers")
    registers = generate_registers(plan, geometry, seed)
    say(progress, "writing inputs/")
    ws.save_registers(registers, render("generated_registers_readme.md.j2", {"seed": seed}))
    return GenerateResult(
        ws.root,
        seed,
        {k: len(v) for k, v in registers.items()},
        str(backup.relative_to(ws.root)) if backup else None,
    )


def _generated(path: Path) -> bool:
    """True when every row of a register file is labelled generated (a CSV this command wrote)."""
    if path.suffix.lower() != ".csv":
        return False
    try:
        source = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["source"])["source"]
    except (ValueError, OSError, UnicodeDecodeError):  # no source column: a department's own
        return False
    return bool(source.str.startswith("generated").all())
