"""The dossier-processing log of the new units (nhật ký giải quyết hồ sơ), as the portal exports it.

Contract 3 of the house: :func:`read_processing_log` returns the canonical columns
``dossier_id, procedure, unit_code, received, due, finished, channel, digitised_components,
result_digitised, official`` whatever the headers were called (Vietnamese or English, any case, with
or without diacritics). Types: ``received``, ``due``, ``finished`` are Timestamps (``finished`` NaT
while a dossier is open); ``channel`` is ``online`` or ``in_person``; the two digitisation columns
are booleans (``result_digitised`` is False while unfinished). A row whose dossier id, unit,
received or due time cannot be read is left out and reported as a problem with file and row.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputFileError
from ..io.tables import read_export, read_table
from ..problems import ERROR, Problem
from ..text import fold
from .reports import by_value

COLUMNS = [
    "dossier_id",
    "procedure",
    "unit_code",
    "received",
    "due",
    "finished",
    "channel",
    "digitised_components",
    "result_digitised",
    "official",
]
REQUIRED = ("dossier_id", "unit_code", "received", "due", "finished", "channel")
HEADERS = {
    "ma ho so": "dossier_id",
    "so ho so": "dossier_id",
    "dossier id": "dossier_id",
    "dossier_id": "dossier_id",
    "thu tuc": "procedure",
    "ma thu tuc": "procedure",
    "procedure": "procedure",
    "ma don vi": "unit_code",
    "don vi": "unit_code",
    "unit code": "unit_code",
    "unit_code": "unit_code",
    "ngay tiep nhan": "received",
    "tiep nhan": "received",
    "received": "received",
    "han tra": "due",
    "ngay hen tra": "due",
    "due": "due",
    "ngay hoan thanh": "finished",
    "hoan thanh": "finished",
    "finished": "finished",
    "kenh": "channel",
    "hinh thuc nop": "channel",
    "channel": "channel",
    "so hoa thanh phan": "digitised_components",
    "digitised components": "digitised_components",
    "digitised_components": "digitised_components",
    "so hoa ket qua": "result_digitised",
    "result digitised": "result_digitised",
    "result_digitised": "result_digitised",
    "can bo xu ly": "official",
    "official": "official",
}
SPELLINGS = {h: h for h in HEADERS}  # for the general reader's header search (folded either way)
ONLINE = {"truc tuyen", "online", "dvc truc tuyen", "qua mang"}
YES = {"co", "yes", "true", "1", "x", "da so hoa"}


@by_value
def _stamp(s: pd.Series) -> pd.Series:
    """``2025-07-01 08:30``, ``2025-07-01``, ``01/07/2025 08:30`` or ``01/07/2025`` -> Timestamp."""
    s = s.astype(str).str.strip().str.replace("T", " ", regex=False).str.slice(0, 16)
    out = pd.to_datetime(s, format="%Y-%m-%d %H:%M", errors="coerce")
    for fmt in ("%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y"):
        missing = out.isna() & (s != "")
        if not missing.any():
            break
        out = out.fillna(pd.to_datetime(s.where(missing, ""), format=fmt, errors="coerce"))
    return out


@by_value
def strip(s: pd.Series) -> pd.Series:
    return s.astype(str).str.strip()


@by_value
def unit_codes(s: pd.Series) -> pd.Series:
    """Codes typed as numbers get their leading zeros back (5 digits)."""
    code = s.astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    return code.where(~code.str.fullmatch(r"\d{1,4}"), code.str.zfill(5))


def _flags(s: pd.Series, words: set[str]) -> pd.Series:
    codes, uniques = pd.factorize(s, use_na_sentinel=False)
    answers = np.array([fold(str(v)) in words for v in uniques], dtype=bool)
    return pd.Series(answers[codes], index=s.index)


def normalise_log(frame: pd.DataFrame, file: str = "") -> tuple[pd.DataFrame, list[Problem]]:
    """Canonical columns and types from a log read as text; bad rows left out, as problems."""
    frame = frame.rename(columns=lambda c: HEADERS.get(fold(str(c)), str(c)))
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputFileError(
            file,
            f"columns {', '.join(missing)} are missing (found: {', '.join(map(str, frame.columns))})",
        )
    for c in COLUMNS:
        if c not in frame.columns:
            frame[c] = ""
    frame = frame[COLUMNS].astype(str).reset_index(drop=True)
    out = pd.DataFrame({"dossier_id": frame["dossier_id"]})  # ids are unique: no per-row clean-up
    out["procedure"] = strip(frame["procedure"])
    out["unit_code"] = unit_codes(frame["unit_code"])
    for c in ("received", "due", "finished"):
        out[c] = _stamp(frame[c])
    out["channel"] = np.where(_flags(frame["channel"], ONLINE), "online", "in_person")
    out["digitised_components"] = _flags(frame["digitised_components"], YES)
    out["result_digitised"] = _flags(frame["result_digitised"], YES) & out["finished"].notna()
    out["official"] = strip(frame["official"])
    problems: list[Problem] = []
    checks = [
        (out["dossier_id"].isin(["", " "]), "dossier_id", "the dossier id is empty"),
        (out["unit_code"] == "", "unit_code", "the unit is empty"),
        (out["received"].isna(), "received", "the received time cannot be read"),
        (out["due"].isna(), "due", "the due time cannot be read"),
        (
            out["finished"].isna() & (strip(frame["finished"]) != ""),
            "finished",
            "the finished time cannot be read",
        ),
    ]
    bad = pd.Series(False, index=out.index)
    for mask, column, message in checks:
        for k in np.flatnonzero(mask.to_numpy())[:1000]:  # the first thousand of each kind
            problems.append(
                Problem(
                    code="monitor-row",
                    severity=ERROR,
                    message=f"{message} ('{frame.at[k, column]}'); the row is left out",
                    file=file,
                    row=int(k) + 2,
                    column=column,
                    unit_code=str(out.at[k, "unit_code"]),
                    fix="write times as 2025-07-01 08:30 or 01/07/2025 08:30",
                )
            )
        bad |= mask
    return out[~bad].reset_index(drop=True), problems


def _has_required(columns: list[str]) -> bool:
    found = {HEADERS.get(fold(c), c) for c in columns}
    return all(c in found for c in REQUIRED)


def read_log_table(path: str | Path) -> pd.DataFrame:
    """The log's cells as text, headers as written: a portal's plain CSV export through the fast
    Arrow path (:func:`~transition.io.tables.read_export`), any other file (XLSX, title rows,
    legacy font encodings) through :func:`~transition.io.tables.read_table`. Raises
    :class:`~transition.errors.InputFileError` when the file is missing or unreadable."""
    frame = read_export(path, _has_required)
    if frame is None:
        frame = read_table(path, SPELLINGS)  # the header found below title rows
    return frame


def read_processing_log(path: str | Path, problems: list[Problem] | None = None) -> pd.DataFrame:
    """Read a processing log (CSV or XLSX) into the canonical columns (see the module).

    Rows that cannot be read are left out; pass a list as ``problems`` to receive them. Raises
    :class:`~transition.errors.InputFileError` when the file is missing, unreadable or lacks a
    required column.
    """
    frame, found = normalise_log(read_log_table(path), str(path))
    if problems is not None:
        problems.extend(found)
    return frame
