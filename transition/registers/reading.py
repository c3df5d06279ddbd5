"""Reading one register file as offices keep it, and saying what was read.

Every cell a register's number or date column holds is read (Vietnamese notation, XLSX cells, legacy
encodings) or reported as an error naming the file, row, column and the text: never an empty value.
What was read (rows in the file, rows read, rows skipped and why; the sum of every value column as
written in the file and as parsed) goes to the ledger, and a difference stops the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputFileError
from ..io.dates import parse_date_column
from ..io.headers import accepted_names, header_key, missing_message
from ..io.numbers import parse_column
from ..io.reading import Table, read_raw
from ..problems import ERROR, INFO, WARNING, Problem
from ..text import suggest
from .field_steps import Notes, apply_field_steps
from .schema import (
    COLUMNS,
    DATES,
    IGNORED,
    NUMBER_KINDS,
    NUMBERS,
    REQUIRED,
    SHEETS,
    aliases,
    normalise_register,
)

VALUE_COLUMNS = {"assets": ("value_vnd", "floor_area_m2", "capacity"), "records": ("balance_vnd",)}


@dataclass
class RegisterRead:
    """A register as read: ``frame`` (the register's columns, file order; ``attrs['lines']`` the
    file lines), ``problems`` (cells that could not be read, headers not understood, notes) and
    ``read`` (what the ledger shows: rows and sums, see :func:`read_summary`)."""

    kind: str
    file: str
    frame: pd.DataFrame
    table: Table
    problems: list[Problem] = field(default_factory=list)
    read: dict[str, Any] = field(default_factory=dict)


def read_register_file(
    path: str | Path, kind: str, file: str | None = None, *, crs: str | None = None
) -> RegisterRead:
    """Read ``path`` as the ``kind`` register (staff, assets, dossiers, records).

    ``file`` is the name problems carry (workspace-relative). Raises :class:`InputFileError` when the
    file cannot be read, a required column (``id``, ``holder``) is missing (the accepted names are
    listed), or a workbook's sheet is unclear. Cells that cannot be read are ERROR problems.
    ``crs`` (an EPSG code) reads coordinates as projected metres of that system (VN-2000); the
    field-case steps (merged cells, totals rows, coordinates, identity numbers) run on the text.
    """
    label = file or str(path)
    names = aliases(kind)
    table = read_raw(path, names, sheet_names=SHEETS[kind])
    frame = table.frame
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputFileError(path, missing_message(missing, names, list(table.headers.values())))
    table, field_problems = apply_field_steps(table, kind, Path(path), label, crs=crs)
    frame = table.frame
    problems = _header_problems(table, kind, names, label) + field_problems
    problems += [
        Problem(code="register-shape", severity=ERROR, message=msg, file=label, row=line)
        for line, msg in table.shape
    ]
    problems += _cell_problems(table, kind, label)
    typed = frame.copy()
    for col, positions in table.numbers.items():  # XLSX numbers are taken as they are
        if col in NUMBERS:
            typed[col] = [
                float(v) if i in positions else v for i, v in enumerate(typed[col].tolist())
            ]
    typed.attrs["lines"] = Notes(table.lines)  # shared: pandas deep-copies attrs on every access
    register = normalise_register(typed, kind, sort=False)
    restored = (frame["holder"].astype(str).str.strip() != register["holder"]).sum()
    if restored:
        problems.append(
            Problem(
                code="register-code-restored",
                severity=INFO,
                message=f"{restored} holder code(s) had lost their leading zeros (Excel turns "
                "codes into numbers); restored to 5 digits for a commune, 3 for a district",
                file=label,
                column="holder",
                fix="format the code column as Text in Excel",
            )
        )
    problems += [
        Problem(code="register-read-note", severity=INFO, message=note, file=label)
        for note in table.notes
    ]
    read = read_summary(table, register, kind) | {"file": label}
    return RegisterRead(kind, label, register, table, problems, read)


def _header_problems(table: Table, kind: str, names: dict[str, str], label: str) -> list[Problem]:
    """A known column missing while the file has a header that is not understood: most likely a
    renamed column, whose values would be lost. An error naming both, with the accepted names."""
    out = []
    ignored = {header_key(h) for h in IGNORED}
    unknown = [
        h
        for c, h in table.headers.items()
        if c not in COLUMNS[kind] and header_key(h) not in ignored and not c.startswith("column ")
    ]
    absent = [c for c in COLUMNS[kind] if c not in table.frame.columns]
    for col in absent:
        accepted = accepted_names(col, names)
        close = suggest(col, unknown) or [
            h for h in unknown if any(suggest(a, [h]) for a in accepted)
        ]
        if close:
            out.append(
                Problem(
                    code="register-column",
                    severity=ERROR,
                    message=f"the {kind} register has no column '{col}', and its column "
                    f"'{close[0]}' is not one the toolkit knows; its values would be lost",
                    file=label,
                    row=table.header_line,
                    column=close[0],
                    fix=f"rename the column to one of: {', '.join(accepted)}",
                )
            )
    for h in unknown:
        if not any(p.column == h for p in out):
            out.append(
                Problem(
                    code="register-column-unused",
                    severity=WARNING,
                    message=f"column '{h}' of the {kind} register is not one the toolkit reads; "
                    "its values are not used",
                    file=label,
                    row=table.header_line,
                    column=h,
                    fix="rename it if it holds one of the register's columns "
                    "(see mappings/registers_format.toml)",
                )
            )
    return out


def _cell_problems(table: Table, kind: str, label: str) -> list[Problem]:
    """Every number or date cell that cannot be read: an error naming row, column and text."""
    out = []
    frame = table.frame
    ids = frame["id"].astype(str).tolist()
    for col in COLUMNS[kind]:
        if col not in frame.columns:
            continue
        cells = frame[col].astype(str).tolist()
        header = table.headers.get(col, col)
        if col in NUMBERS:
            number_kind, negative = NUMBER_KINDS[col]
            parsed = parse_column(
                cells,
                kind=number_kind,
                allow_negative=negative,
                native=table.numbers.get(col, set()),
            )
            bad = parsed.errors
            notes = parsed.notes
        elif col in DATES:
            dates = parse_date_column(cells, table.dates.get(col, set()))
            bad, notes = [], dates.notes  # unreadable dates: validate_register names them
        else:
            continue
        for i, text, reason in bad:
            out.append(
                Problem(
                    code="register-number" if col in NUMBERS else "register-date",
                    severity=ERROR,
                    message=f"{kind} {ids[i]}: '{text}' in column '{header}' {reason}",
                    file=label,
                    row=table.lines[i],
                    column=col,
                    fix="write a number in digits (1.250.000.000 or 1,5 tỷ)"
                    if col in NUMBERS
                    else "write the date as dd/mm/yyyy (01/07/2025) or yyyy-mm-dd",
                )
            )
        out += [
            Problem(
                code="register-read-note",
                severity=INFO,
                message=f"column '{header}': {note}",
                file=label,
                column=col,
            )
            for note in notes
        ]
    return out


def read_summary(table: Table, register: pd.DataFrame, kind: str) -> dict[str, Any]:
    """What was read, for the ledger: ``{"file", "sheet", "encoding", "rows_in_file", "rows_read",
    "skipped", "sums": {column: {"written", "parsed", "cells_written", "cells_parsed"}}, "agrees"}``.

    ``written`` sums the file's cells exactly (Decimal, each cell read on its own); ``parsed`` sums the
    column the reassignment uses. They differ when a cell was lost between the file and the ledger.
    """
    sums = {}
    for col in VALUE_COLUMNS.get(kind, ()):
        if col not in table.frame.columns:
            continue
        number_kind, negative = NUMBER_KINDS[col]
        cells = table.frame[col].astype(str).tolist()
        parsed = parse_column(
            cells, kind=number_kind, allow_negative=negative, native=table.numbers.get(col, set())
        )
        written = sum((v for v in parsed.values if v is not None), Decimal(0))
        column = register[col]
        sums[col] = {
            "written": float(written),
            "parsed": float(column.sum()),
            "cells_written": sum(1 for c in cells if c.strip()),
            "cells_parsed": int(column.notna().sum()),
        }
    skipped = sum(table.skipped.values()) - table.skipped.get("blank", 0)
    agrees = table.rows_in_file == len(register) + skipped and all(
        s["cells_written"] == s["cells_parsed"]
        and abs(s["written"] - s["parsed"]) <= 0.5 * max(1, s["cells_written"]) * 1e-6
        for s in sums.values()
    )
    return {
        "file": table.path,
        "sheet": table.sheet,
        "encoding": table.encoding,
        "header_line": table.header_line,
        "rows_in_file": table.rows_in_file,
        "rows_read": int(len(register)),
        "skipped": dict(sorted(table.skipped.items())),
        "sums": sums,
        "agrees": bool(agrees),
    }
