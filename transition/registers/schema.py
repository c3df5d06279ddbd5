"""Columns of the four registers, reading them (CSV or XLSX, Vietnamese or English headers) and
checking them against the plan: problems as data, naming the file, row and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io.dates import DateError, parse_date, parse_date_column
from ..io.numbers import AMOUNT, COORDINATE, COUNT, MEASURE, parse_column
from ..model import Plan
from ..problems import ERROR, WARNING, Problem
from ..profiles import load_profile
from ..profiles.formats import RegistersFormat

CLASSES = ("staff", "assets", "dossiers", "records")

COLUMNS: dict[str, list[str]] = {
    "staff": [
        "id",
        "full_name",
        "national_id",
        "birth_date",
        "sex",
        "holder",
        "body",
        "category",
        "position",
        "grade",
        "service_start",
        "qualifications",
    ],
    "assets": [
        "id",
        "kind",
        "name",
        "holder",
        "body",
        "lon",
        "lat",
        "address",
        "value_vnd",
        "floor_area_m2",
        "capacity",
    ],
    "dossiers": [
        "id",
        "procedure_code",
        "field",
        "holder",
        "body",
        "received",
        "due",
        "status",
        "lon",
        "lat",
        "address",
    ],
    "records": ["id", "kind", "name", "holder", "body", "balance_vnd"],
}
REQUIRED = ("id", "holder")
NUMBERS = ("lon", "lat", "value_vnd", "floor_area_m2", "capacity", "balance_vnd")
# How each number column is written and whether it may be below zero (a balance may; a value may not).
NUMBER_KINDS = {
    "lon": (COORDINATE, True),
    "lat": (COORDINATE, True),
    "value_vnd": (AMOUNT, False),
    "floor_area_m2": (MEASURE, False),
    "capacity": (COUNT, False),
    "balance_vnd": (AMOUNT, True),
}
DATES = ("birth_date", "service_start", "received", "due")
CODES = ("holder",)  # unit codes: text of fixed width (05 digits a commune, 3 a district)
ASSET_KINDS = ("land", "headquarters", "building", "vehicle", "equipment", "it")
RECORD_KINDS = ("archive_fonds", "finance_account", "seal", "it_account", "signature_certificate")
# Sheet names under which a workbook keeps each register (folded on matching).
SHEETS = {
    "staff": ("staff", "cán bộ", "danh sách cán bộ", "nhân sự", "CBCC"),
    "assets": ("assets", "tài sản", "danh sách tài sản"),
    "dossiers": ("dossiers", "hồ sơ", "hồ sơ TTHC", "hồ sơ tồn"),
    "records": ("records", "lưu trữ", "lưu trữ, tài khoản", "tài khoản"),
}
# Headers that carry nothing the toolkit reads (row numbers, notes, the generator's label).
IGNORED = ("stt", "tt", "số thứ tự", "ghi chú", "note", "notes", "source", "nguồn")


def aliases(kind: str) -> dict[str, str]:
    spec = load_profile(RegistersFormat, "registers_format.toml").of(kind)
    return {alias: canonical for canonical, names in spec.items() for alias in names}


def restore_code(code: str, known: set[str] | None = None) -> str:
    """A unit code whose leading zeros Excel dropped, back to its width. With ``known`` (the plan's
    codes): the padded code (5 digits a commune, 3 a district) that is one of them; without: 4 digits
    -> 5 (``"6970"`` -> ``"06970"``). Other text is returned as it is."""
    if not code.isdigit():
        return code
    if known is not None:
        if code in known:
            return code
        for width in (5, 3):
            if code.zfill(width) in known:
                return code.zfill(width)
        return code
    return "0" + code if len(code) == 4 else code


def normalise_register(frame: pd.DataFrame, kind: str, sort: bool = True) -> pd.DataFrame:
    """A copy with exactly the register's columns: text as text (codes keep leading zeros), numbers as
    floats (Vietnamese notation read, see :mod:`transition.io.numbers`), dates as ISO text. With
    ``sort``, rows are ordered by id; without, they keep the file's order (so that a problem's row
    is the file's line). A cell that cannot be read becomes NaN here; :func:`read_register_file`
    reports it as an error before anything uses the frame."""
    n = len(frame)
    out = pd.DataFrame(index=range(n))
    for col in COLUMNS[kind]:
        values = list(frame[col].to_numpy()) if col in frame.columns else [""] * n
        if col in NUMBERS:
            number_kind, negative = NUMBER_KINDS[col]
            native = {i for i, v in enumerate(values) if _is_number(v)}
            cells = ["" if _missing(v) else str(v) for v in values]
            parsed = parse_column(cells, kind=number_kind, allow_negative=negative, native=native)
            out[col] = pd.array(
                [float(v) if v is not None else float("nan") for v in parsed.values], dtype=float
            )
        else:
            series = pd.Series(
                ["" if _missing(v) else str(v).strip() for v in values], dtype=object
            )
            if col in CODES:
                series = series.map(restore_code)
            if col in DATES:
                dates = parse_date_column(series.tolist())
                series = pd.Series(
                    [d or t for d, t in zip(dates.values, series, strict=True)], dtype=object
                )
            out[col] = series
    from .field_steps import Notes

    out.attrs["lines"] = Notes(frame.attrs.get("lines", range(2, n + 2)))
    if sort:
        out = out.sort_values("id", kind="stable").reset_index(drop=True)
        out.attrs.pop("lines", None)
    return out


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not pd.isna(v)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and pd.isna(v))


def line_of(frame: pd.DataFrame, idx) -> int:
    """The file line of the row at ``idx`` (the header is line 1 unless title rows are above it)."""
    lines = frame.attrs.get("lines")
    return int(lines[idx]) if lines is not None and idx < len(lines) else int(idx) + 2


def read_register(path: str | Path, kind: str, *, crs: str | None = None) -> pd.DataFrame:
    """Read a register file (see :func:`transition.registers.reading.read_register_file`), file order.
    Raises :class:`InputFileError` naming the file when a required column is missing (with the names
    it accepts). ``attrs["problems"]`` holds what the reader found (notes, warnings, errors)."""
    from .field_steps import Notes
    from .reading import read_register_file

    read = read_register_file(path, kind, crs=crs)
    frame = read.frame
    frame.attrs["problems"] = Notes(read.problems)  # shared, not deep-copied by pandas
    return frame


def validate_register(frame: pd.DataFrame, kind: str, plan: Plan, file: str = "") -> list[Problem]:
    """Duplicate ids, unknown holders, unreadable dates and kinds, as problems (rows are file lines)."""
    out: list[Problem] = []
    holders = set(plan.old_communes["code"]) | set(
        plan.old_units.loc[plan.old_units["level"] == "district", "code"]
    )
    dup = frame["id"].duplicated(keep=False) | (frame["id"] == "")
    for idx in frame.index[dup]:
        out.append(
            Problem(
                code="register-id",
                severity=ERROR,
                message=f"{kind} id '{frame.at[idx, 'id']}' is empty or appears twice; "
                "give every item its own id",
                file=file,
                row=line_of(frame, idx),
                column="id",
            )
        )
    for idx in frame.index[~frame["holder"].isin(holders)]:
        out.append(
            Problem(
                code="register-holder",
                severity=ERROR,
                message=f"{kind} {frame.at[idx, 'id']}: holder '{frame.at[idx, 'holder']}' is neither an old "
                "commune nor an old district of the plan; write the code of the unit that holds it",
                unit_code=frame.at[idx, "holder"],
                unit_name="",
                file=file,
                row=line_of(frame, idx),
                column="holder",
            )
        )
    for col in DATES:
        if col in frame.columns:
            bad = (
                frame[col].ne("")
                & pd.to_datetime(frame[col], errors="coerce", format="%Y-%m-%d").isna()
            )
            for idx in frame.index[bad]:
                value = frame.at[idx, col]
                out.append(
                    Problem(
                        code="register-date",
                        severity=ERROR,
                        message=f"{kind} {frame.at[idx, 'id']}: '{value}' {_date_reason(value)}",
                        file=file,
                        row=line_of(frame, idx),
                        column=col,
                        fix="write the date as dd/mm/yyyy (01/07/2025) or yyyy-mm-dd",
                    )
                )
    known = {"assets": ASSET_KINDS, "records": RECORD_KINDS}.get(kind)
    if known:
        for idx in frame.index[~frame["kind"].isin(known)]:
            out.append(
                Problem(
                    code="register-kind",
                    severity=WARNING,
                    message=f"{kind} {frame.at[idx, 'id']}: kind '{frame.at[idx, 'kind']}'"
                    f" is not one of {', '.join(known)}",
                    file=file,
                    row=line_of(frame, idx),
                    column="kind",
                )
            )
    return out


def _date_reason(value: str) -> str:
    try:
        parse_date(value)
    except DateError as exc:
        return str(exc)
    return "is not a date"
