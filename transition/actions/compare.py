"""`transition compare`: two plans, edge by edge."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import WorkspaceError
from ..io.workspace import Workspace, read_crosswalk
from ..model.compare import compare_crosswalks
from ..model.crosswalk import normalise_crosswalk


@dataclass(frozen=True)
class CompareResult:
    """``{"same", "only_in_a", "only_in_b", "different"}``; see :func:`compare_crosswalks`."""

    data: dict[str, Any]

    @property
    def differs(self) -> bool:
        d = self.data
        unclear = any(d.get("part_not_understood", {}).values())
        return bool(d["only_in_a"] or d["only_in_b"] or d["different"] or unclear)

    def to_dict(self) -> dict[str, Any]:
        return self.data


def load_crosswalk(path: str | Path) -> pd.DataFrame:
    """A crosswalk from a workspace folder or a CSV/XLSX file."""
    p = Path(path)
    if p.is_dir():
        return Workspace.at(p).load_plan().crosswalk
    if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
        return normalise_crosswalk(read_crosswalk(p))
    raise WorkspaceError(f"{p} is neither a workspace folder nor a crosswalk CSV/XLSX file")


def compare(a: str | Path, b: str | Path) -> CompareResult:
    """Compare two plans (workspaces or crosswalk files); see :func:`compare_crosswalks`."""
    return CompareResult(compare_crosswalks(load_crosswalk(a), load_crosswalk(b)))
