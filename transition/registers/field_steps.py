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


class Notes(list):
    """The problems a reader found, carried on ``frame.attrs["problems"]``. pandas deep-copies attrs
    on every operation; these are shared instead (copying thousands of problems per column access
    made a 16,000-row register take minutes)."""

    def __deepcopy__(self, memo):
        return self


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


def resolve_holders(
    frame: pd.DataFrame, plan, file: str = ""
) -> tuple[pd.DataFrame, list[Problem]]:
    """A copy of a register whose holders written as names ("P. Hà Tu", "Xã Vô Ngại, H. Bình Liêu",
    "Phường 1, Quận 3") are replaced by the code of the one old unit the name matcher finds, each
    with a note. A name that fits several units is left as written (the holder check then names it
    an error) with the candidates in a note; codes are left alone."""
    from ..model.plan import OLD
    from ..problems import INFO, WARNING
    from ..text import match_names

    if "holder" not in frame:
        return frame, []
    units = plan.old_units
    known = set(units["code"])
    todo = [i for i in frame.index if frame.at[i, "holder"] and frame.at[i, "holder"] not in known]
    if not todo:
        return frame, []
    keys, rows = plan.name_rows
    old_rows = [(k, r) for k, r in zip(keys, rows, strict=True) if k[0] == OLD]
    out, problems = frame.copy(), []
    for i in todo:
        written = str(frame.at[i, "holder"])
        if written.isdigit():
            continue
        found, _ = match_names(written, [r for _, r in old_rows])
        codes = sorted({old_rows[p][0][1] for p in found})
        if len(codes) == 1:
            out.at[i, "holder"] = codes[0]
            message = f"holder '{written}' read as {codes[0]} {old_rows[found[0]][1][0]}"
            severity = INFO
        elif codes:
            message = (
                f"holder '{written}' fits {len(codes)} units: "
                + ", ".join(
                    f"{old_rows[p][0][1]} {old_rows[p][1][0]} ({old_rows[p][1][2] or old_rows[p][1][3]})"
                    for p in found
                )
                + "; write the code, or add the district"
            )
            severity = WARNING
        else:
            continue
        problems.append(
            Problem(
                code="holder-by-name",
                severity=severity,
                message=message,
                file=file,
                row=int(i) + 2,
                column="holder",
                fix="write the unit's code (mã đơn vị) in the holder column",
            )
        )
    return out, problems
