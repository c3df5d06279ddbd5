"""`transition dashboard`: the offline dashboard of a workspace, opened by double-clicking index.html."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..dashboard import DashboardInputs, build_dashboard, status
from ..io import dashboard as files
from ..io.labels import from_people
from ..io.workspace import Workspace
from ..profiles import load_profile
from ..profiles.dashboard import DashboardProfile
from .common import Progress, say


@dataclass(frozen=True)
class DashboardResult:
    """Where the dashboard was written, what it holds and what was absent."""

    index: str
    new_units: int
    old_units: int
    shapes: dict[str, int]
    absent: list[str]
    files: dict[str, int] = field(default_factory=dict)

    @property
    def size_bytes(self) -> int:
        return sum(self.files.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "new_units": self.new_units,
            "old_units": self.old_units,
            "shapes": self.shapes,
            "absent": self.absent,
            "size_bytes": self.size_bytes,
            "files": self.files,
        }


def dashboard_inputs(ws: Workspace, out: Path, progress: Progress | None = None) -> DashboardInputs:
    """Read the plan, the geometry and whatever results exist (check, assign, handover, readiness)."""
    say(progress, "plan")
    plan = ws.load_plan()
    geo = ws.load_geometry()
    root = ws.root
    say(progress, "results")
    register = files.read_handover_register(root)
    handover = status.handover(
        register, str(root.resolve()), str(out.resolve()), files.existing_files(root)
    )
    return DashboardInputs(
        plan=plan,
        geometry=geo,
        profile=load_profile(DashboardProfile, "dashboard.toml", root),
        criteria=_labelled(root / "results" / "check.xlsx", "criteria"),
        by_holder=files.read_optional_table(root / "results" / "assign" / "ledger_by_holder.csv"),
        headquarters=files.read_optional_table(root / "results" / "assign" / "headquarters.csv"),
        readiness=files.read_optional_json(root / "results" / "readiness" / "readiness.json"),
        handover=handover,
        par=files.read_latest_result(root / "results" / "reform", "par"),
        service=files.read_latest_result(root / "results" / "reform", "service_index"),
    )


def build_workspace_dashboard(
    path: str | Path, out: str | Path | None = None, progress: Progress | None = None
) -> DashboardResult:
    """Write the dashboard of the workspace at ``path`` into ``out`` (default ``WORKSPACE/dashboard``).

    The folder holds ``index.html``, ``app.js``, ``style.css``, ``data/*.js`` (the content as
    JavaScript) and ``vendor/`` (Leaflet, MiniSearch, topojson-client and their licences). Raises
    :class:`~transition.errors.WorkspaceError` for a folder that is not a workspace and
    :class:`~transition.io.dashboard.MissingVendorFiles` when the libraries are not installed.
    """
    ws = Workspace.at(path)
    target = Path(out) if out is not None else ws.root / "dashboard"
    files.vendor_sources()  # fail early, before the slow part
    inputs = dashboard_inputs(ws, target, progress)
    say(progress, "shapes")
    data = build_dashboard(inputs)
    topo = data.pop("topology")
    search = data.pop("search")
    say(progress, "writing")
    sizes = files.write_dashboard(
        target,
        {
            "units": ("TRANSITION_DATA", data),
            "search": ("TRANSITION_SEARCH", search),
            "shapes": ("TRANSITION_SHAPES", (topo or {}).get("new")),
            "shapes_old": ("TRANSITION_SHAPES_OLD", (topo or {}).get("old")),
        },
        ws.root,
    )
    objects = {
        name: obj for part in (topo or {}).values() for name, obj in part.get("objects", {}).items()
    }
    absent = [
        name
        for name, value in (
            ("geometry", topo),
            ("criteria", inputs.criteria),
            ("ledger", inputs.by_holder),
            ("headquarters", inputs.headquarters),
            ("handover", inputs.handover),
            ("readiness", inputs.readiness),
            ("reform", inputs.par or inputs.service),
        )
        if value is None
    ]
    return DashboardResult(
        index=str(target / "index.html"),
        new_units=data["meta"]["new_units"],
        old_units=data["meta"]["old_units"],
        shapes={k: len(v.get("geometries", [])) for k, v in sorted(objects.items())},
        absent=absent,
        files=sizes,
    )


def _labelled(path: Path, sheet: str) -> pd.DataFrame | None:
    """A sheet people read (headers and words in their language), with the code's names again."""
    table = files.read_optional_table(path, sheet=sheet)
    return None if table is None else from_people(table)
