"""The steps both imports share: official figures, polygons (given or approximate), the workspace."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks import summarise
from ..geo import PlanGeometry, build_geometry, read_layer
from ..io.tables import read_table
from ..io.workspace import Workspace, column_aliases
from ..model import Plan
from ..model.attributes import apply_attributes
from .common import Progress, say


@dataclass(frozen=True)
class ImportResult:
    """A workspace built from a source: the plan, its geometry and the summary ``import`` prints."""

    workspace: Path
    plan: Plan
    geometry: PlanGeometry
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, Any]:
        return summarise(self.plan)

    def to_dict(self) -> dict[str, Any]:
        """The plan's summary (see :func:`transition.checks.summarise`), the workspace, and what the
        source adds (a resolution's number, totals and problems)."""
        return self.summary | {"workspace": str(self.workspace)} | self.extra


def read_attributes(path: str | Path):
    """The attribute table of ``path`` with its headers in canonical names."""
    return read_table(
        path,
        column_aliases("units")
        | {"area_km2_bando": "area_km2", "population_bando": "population", "fullname": "name"},
    )


def complete_import(
    plan: Plan,
    meta: dict,
    out: str | Path,
    new_units: str | None,
    old_units: str | None,
    attributes: str | None,
    progress: Progress | None,
    repair: bool = False,
) -> tuple[Workspace, Plan, PlanGeometry]:
    """Join official figures, attach polygons (approximating what is missing) and write the workspace."""
    if attributes:
        say(progress, f"joining official figures from {attributes}")
        plan, unmatched = apply_attributes(plan, read_attributes(attributes), str(attributes))
        meta["inputs"]["attributes"] = {"path": str(attributes), "unmatched": unmatched}
    say(
        progress,
        "attaching polygons" + ("" if new_units or old_units else " (approximating from points)"),
    )
    new_layer = read_layer(new_units, repair=repair) if new_units else None
    # old polygons are often rough: their invalid ones go to the geometry check's report
    old_layer = read_layer(old_units, repair=repair, strict=False) if old_units else None
    geometry, plan = build_geometry(plan, new_layer, old_layer)
    meta["geometry"] = {
        "new_units": "given" if new_layer else "approximate",
        "old_units": "given" if old_layer else "approximate",
    }
    ws = Workspace.at(out)
    say(progress, f"writing the workspace {ws.root}")
    ws.save_plan(plan, geometry, meta)
    return ws, plan, geometry
