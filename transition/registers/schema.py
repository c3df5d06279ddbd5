"""Columns of the four registers, reading them (CSV or XLSX, Vietnamese or English headers) and
checking them against the plan: problems as data, naming the file, row and column."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..io.tables import read_table
from ..mappings import read_profile
from ..model import Plan
from ..problems import ERROR, WARNING, Problem

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
DATES = ("birth_date", "service_start", "received", "due")
ASSET_KINDS = ("land", "headquarters", "building", "vehicle", "equipment", "it")
RECORD_KINDS = ("archive_fonds", "finance_account", "seal", "it_account", "signature_certificate")


def aliases(kind: str) -> dict[str, str]:
    spec = read_profile("registers_format.toml")[kind]
    return {alias: canonical for canonical, names in spec.items() for alias in names}


def normalise_register(frame: pd.DataFrame, kind: str, sort: bool = True) -> pd.DataFrame:
    """A copy with exactly the register's columns: text as text (codes keep leading zeros), numbers as
    floats. With ``sort``, rows are ordered by id; without, they keep the file's order (so that a
    problem's row is the file's line)."""
    n = len(frame)
    out = pd.DataFrame(index=frame.index)  # the file's positions: a skipped row keeps lines right
    for col in COLUMNS[kind]:
        values = frame[col].to_numpy() if col in frame.columns else [""] * n
        if col in NUMBERS:
            out[col] = pd.to_numeric(
                pd.Series(values, dtype=object, index=frame.index)
                .astype(str)
                .str.replace(",", ".", regex=False)
                .replace({"": None, "nan": None, "None": None}),
                errors="coerce",
            ).astype(float)
        else:
            series = (
                pd.Series(values, dtype=object, index=frame.index)
                .fillna("")
                .astype(str)
                .str.strip()
            )
            out[col] = series.str.replace(r"\.0$", "", regex=True) if col == "holder" else series
    return out.sort_values("id", kind="stable").reset_index(drop=True) if sort else out


def read_register(path: str | Path, kind: str, *, crs: str | None = None) -> pd.DataFrame:
    """Read a register file. Raises :class:`InputFileError` naming the file when a required column is
    missing (with the names it accepts).

    The field-case steps run on the file's text first (:func:`transition.registers.field_steps.
    read_field_cases`: totals rows, merged cells, coordinates, identity numbers); their problems ride
    on ``frame.attrs["problems"]`` for :func:`validate_register` to report.
    """
    from .field_steps import Notes, read_field_cases

    frame = read_table(path, aliases(kind))
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputFileError(
            path,
            f"has no column {', '.join(missing)}; the {kind} register needs "
            f"{', '.join(REQUIRED)} (see mappings/registers_format.toml for the Vietnamese names)",
        )
    frame, problems = read_field_cases(frame, kind, Path(path), crs=crs)
    out = normalise_register(frame, kind, sort=False)
    out.attrs["problems"] = Notes(problems)
    return out


def validate_register(frame: pd.DataFrame, kind: str, plan: Plan, file: str = "") -> list[Problem]:
    """Duplicate ids, unknown holders, unreadable dates and kinds, as problems (rows are file lines),
    after the problems the reader found (``frame.attrs["problems"]``)."""
    out: list[Problem] = [
        dataclasses.replace(p, file=file or p.file) for p in frame.attrs.get("problems", [])
    ]
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
                row=int(idx) + 2,
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
                row=int(idx) + 2,
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
                out.append(
                    Problem(
                        code="register-date",
                        severity=ERROR,
                        message=f"{kind} {frame.at[idx, 'id']}: '{frame.at[idx, col]}' "
                        "is not a date; write it as YYYY-MM-DD",
                        file=file,
                        row=int(idx) + 2,
                        column=col,
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
                    row=int(idx) + 2,
                    column="kind",
                )
            )
    return out
