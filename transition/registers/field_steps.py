"""The field-case steps a register goes through between the file's text and the typed frame: merged
cells filled down, totals rows skipped and checked, coordinates read (DMS, decimal comma, latitude-first
swapped with a note, VN-2000 metres with ``crs``), personal identification numbers checked. They work
on the :class:`~transition.io.reading.Table` the input readers give, so that the rows each problem
names stay the file's lines and the ledger counts a skipped totals row as skipped, not lost."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..geo.coordinates import read_points
from ..io.reading import Table
from ..io.sheets import fill_merged, merged_ranges, skip_totals_rows
from ..problems import Problem
from .identity import check_identity_numbers

# Columns a totals row leaves empty (or holding its label), and the figures it is checked on.
TOTALS_LABEL_COLUMNS = ("id", "holder")
TOTALS_SUM_COLUMNS = ("value_vnd", "balance_vnd", "floor_area_m2", "capacity")
TOTALS = "totals row"


class Notes(list):
    """A list carried on ``frame.attrs`` (the reader's problems, the file lines of the rows). pandas
    deep-copies attrs on every operation; these are shared instead (copying thousands of items per
    column access made a 16,000-row register take minutes)."""

    def __deepcopy__(self, memo):
        return self


def _text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return repr(v) if isinstance(v, float) else str(v)


def _at_lines(problems: list[Problem], table: Table, first_row: int) -> list[Problem]:
    """Problems whose ``row`` was ``position + first_row``, moved to the file's line."""
    out = []
    for p in problems:
        pos = (p.row or 0) - first_row
        line = table.lines[pos] if p.row and 0 <= pos < len(table.lines) else p.row
        out.append(replace(p, row=line))
    return out


def apply_field_steps(
    table: Table, kind: str, path: Path, file: str, *, crs: str | None = None
) -> tuple[Table, list[Problem]]:
    """``table`` after the field-case steps, and their problems (rows are the file's lines).

    Raises nothing: what cannot be read is an error problem naming the file, row and column.
    """
    problems: list[Problem] = []
    frame = table.frame
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods") and path.exists():
        ranges = merged_ranges(path, table.sheet or 0)
        if ranges:
            frame, found = fill_merged(frame, ranges, file, header_row=table.header_line)
            problems += found
            table = replace(table, frame=frame)
    kept, found = skip_totals_rows(frame, TOTALS_LABEL_COLUMNS, TOTALS_SUM_COLUMNS, file)
    problems += _at_lines(found, table, 2)
    kept_rows = set(kept.index)
    gone = [i for i in range(len(frame)) if i not in kept_rows]
    if gone:
        table = table.drop(gone, TOTALS)
    frame = table.frame
    if "lon" in frame.columns or "lat" in frame.columns:
        points, found = read_points(frame, file, crs=crs)
        problems += _at_lines(found, table, 2)
        for col in ("lon", "lat"):
            if col in points.columns:
                frame = frame.assign(**{col: [_text(v) for v in points[col]]})
        table = replace(table, frame=frame)
    if kind == "staff" and "national_id" in frame.columns:
        problems += check_identity_numbers(
            frame["national_id"].tolist(),
            frame["id"].tolist() if "id" in frame else None,
            file=file,
            rows=list(table.lines),
        )
    return table, problems


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
    holders = dict(zip(frame.index, frame["holder"].tolist(), strict=True))  # one column access
    todo = [i for i, h in holders.items() if h and h not in known]
    if not todo:
        return frame, []
    keys, rows = plan.name_rows
    old_rows = [(k, r) for k, r in zip(keys, rows, strict=True) if k[0] == OLD]
    out, problems = frame.copy(), []
    for i in todo:
        written = str(holders[i])
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
