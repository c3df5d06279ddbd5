"""`transition lineage`: where an old unit went, or what made a new unit; also by a commune's name
from before the 2023-2025 mergers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputFileError, UnknownUnit
from ..io.tables import read_table
from ..io.workspace import Workspace
from ..mappings import read_table as read_mapping
from ..model.lineage import FORMER_COLUMNS, former_names_table, trace, trace_former

FORMER_NAMES_FILE = "former_names_2024.csv"


@dataclass(frozen=True)
class LineageResult:
    """``{"query", "units": [...], "former_names": [...], "found_by"}``; see
    :func:`transition.model.lineage.trace` and :func:`~transition.model.lineage.trace_former`."""

    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.data


def read_former_names(path: str | Path | None = None) -> pd.DataFrame:
    """Former names: the packaged ``mappings/former_names_2024.csv``, or a department's file in the
    same columns (CSV/XLSX) or in the shape of vn-address-kit's legacy-wards.json (.json).
    Raises :class:`InputFileError` for a file that cannot be read or lacks the columns."""
    if path is None:
        return read_mapping(FORMER_NAMES_FILE)
    p = Path(path)
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputFileError(p, f"cannot be read as JSON ({exc})") from exc
        if not isinstance(data, list):
            raise InputFileError(p, "is not a list of units with formerNames")
        return former_names_table(data, source=p.name)
    table = read_table(p)
    missing = [c for c in ("former_name", "code") if c not in table.columns]
    if missing:
        raise InputFileError(p, f"lacks the column(s) {missing}; expected {FORMER_COLUMNS}")
    for col in FORMER_COLUMNS:
        if col not in table.columns:
            table[col] = p.name if col == "source" else ""
    return table[FORMER_COLUMNS]


def lineage(path: str | Path, query: str, former_names: str | Path | None = None) -> LineageResult:
    """Trace ``query`` (a code or name of an old or new unit, or a commune's name before the mergers
    effective from 1 September 2024) through the plan of a workspace. A unit found only by a former
    name is marked ``"found_by": "former name"``. Raises :class:`~transition.errors.UnknownUnit` (with
    a suggestion) when nothing matches."""
    plan = Workspace.at(path).load_plan()
    former = trace_former(plan, query, read_former_names(former_names))
    try:
        data = trace(plan, query)
        data["found_by"] = "name or code"
    except UnknownUnit:
        if not former:
            raise
        data = {"query": query, "units": [], "found_by": "former name"}
    data["former_names"] = former
    return LineageResult(data)
