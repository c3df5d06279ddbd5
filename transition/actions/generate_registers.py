"""`transition generate registers`: realistic, labelled registers for a demo or a benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import WorkspaceError
from ..io.workspace import Workspace
from ..registers.generate import generate_registers
from ..render import render
from .common import Progress, say


@dataclass(frozen=True)
class GenerateResult:
    """Rows generated per register, the seed, and the workspace."""

    workspace: Path
    seed: int
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"workspace": str(self.workspace), "seed": self.seed, "counts": self.counts}


def generate_workspace_registers(
    path: str | Path, seed: int = 2025, progress: Progress | None = None
) -> GenerateResult:
    """Fill ``inputs/`` of a workspace with generated registers (see :mod:`registers.generate`);
    every row is labelled ``generated (seed N)``. Raises :class:`WorkspaceError` when the workspace
    has no geometry."""
    ws = Workspace.at(path)
    plan = ws.load_plan()
    geometry = ws.load_geometry()
    if geometry is None:
        raise WorkspaceError(f"{ws.root} has no plan/geometry.gpkg; import the plan again")
    say(progress, "generating registers")
    registers = generate_registers(plan, geometry, seed)
    say(progress, "writing inputs/")
    ws.save_registers(registers, render("generated_registers_readme.md.j2", {"seed": seed}))
    return GenerateResult(ws.root, seed, {k: len(v) for k, v in registers.items()})
