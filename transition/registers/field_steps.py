"""The field-case steps a register goes through between the file's text and the typed frame: merged
cells filled down, totals rows skipped and checked, coordinates read (DMS, decimal comma, latitude-first
swapped with a note), personal identification numbers checked. Each step is pure (frame in, frame and
problems out); rows stay the file's lines (the header is line 1)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..geo.coordinates import read_points
from ..io.sheets import fill_merged, merged_ranges, skip_totals_rows
from ..problems import Problem
from .identity import check_identity_numbers

# Columns a totals row leaves empty (or holding its label), and the figures it is checked on.
TOTALS_LABEL_COLUMNS = ("id", "holder")
TOTALS_SUM_COLUMNS = ("value_vnd", "balance_vnd", "floor_area_m2", "capacity")


def read_field_cases(
    frame: pd.DataFrame, kind: str, path: Path, *, crs: str | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """``frame`` (text cells, canonical headers) after the field-case steps, and their problems.

    Raises nothing: what cannot be read is an error problem naming the file, row and column.
    """
    file = path.name
    problems: list[Problem] = []
    ranges = merged_ranges(path) if path.exists() else []
    if ranges:
        frame, found = fill_merged(frame, ranges, file)
        problems += found
    frame, found = skip_totals_rows(frame, TOTALS_LABEL_COLUMNS, TOTALS_SUM_COLUMNS, file)
    problems += found
    if "lon" in frame.columns or "lat" in frame.columns:
        frame, found = read_points(frame, file, crs=crs)
        problems += found
    if kind == "staff" and "national_id" in frame.columns:
        problems += check_identity_numbers(
            frame["national_id"].tolist(),
            frame["id"].tolist() if "id" in frame else None,
            file=file,
            rows=[int(i) + 2 for i in frame.index],
        )
    return frame, problems
