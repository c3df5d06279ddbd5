"""Spreadsheet shapes as offices make them: totals rows, merged cells, Excel 97-2003 ``.xls`` files,
and the list of every file in ``inputs/`` with whether it was read as a register.

* A totals row ("Tổng cộng", "Cộng", "Tổng số", "Tổng", "Total") is not an item: it is skipped with a
  note and its figures are checked against the sum of the rows above (a difference is an error).
* Merged cells (a unit's code merged down over its items) are filled down from the merge, with a note
  naming the range; pandas reads only the merge's top-left cell.
* ``.xls`` is read through python-calamine (pandas' ``calamine`` engine); without it the file is refused
  by name, with how to save it as ``.xlsx``. No register file is skipped silently.

>>> is_totals_label("TỔNG CỘNG:")
True
>>> is_totals_label("Cộng đồng dân cư")
False
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..problems import ERROR, INFO, Problem

TOTALS_LABELS = ("tong cong", "cong", "tong so", "tong", "total", "sum", "grand total", "cong don")
REGISTER_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".tsv", ".txt")


def is_totals_label(text) -> bool:
    """True for a cell that labels a totals row (case, diacritics, colons and numbering ignored)."""
    from ..text import fold

    key = fold(str(text or ""))
    key = re.sub(r"^(?:[ivx]+|\d+)\s+", "", key)  # "I. Tổng cộng", "3 Cộng"
    return key in TOTALS_LABELS


def vn_amount(text) -> float | None:
    """A money figure as written in a totals row: ``3.500.000.000``, ``3,500,000,000``, ``3500000000``
    (đồng, ``đ``/``VNĐ`` allowed). ``None`` when it is not a plain amount."""
    raw = re.sub(r"\s*(vnđ|vnd|đồng|đ)\s*$", "", str(text or "").strip(), flags=re.IGNORECASE)
    raw = raw.replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):
        return float(re.sub(r"[.,]", "", raw))
    if re.fullmatch(r"\d+([.,]\d+)?", raw):
        return float(raw.replace(",", "."))
    return None


def skip_totals_rows(
    frame: pd.DataFrame,
    label_columns: tuple[str, ...],
    sum_columns: tuple[str, ...],
    file: str = "",
    first_row: int = 2,
) -> tuple[pd.DataFrame, list[Problem]]:
    """``frame`` without its totals rows, and a note per row skipped.

    A totals row has a totals label (:func:`is_totals_label`) in any cell (the "STT" column too) and
    nothing of its own in ``label_columns`` (the id and the holder) but that label. Its figures in ``sum_columns`` are compared with the sum of the
    item rows since the previous totals row (``vn_amount`` on both); a difference is an error naming the
    row, the column and both figures. The index is kept (the file's positions).
    """
    rows = []
    problems: list[Problem] = []
    start = 0
    positions = list(frame.index)
    # Only a row whose id and holder are empty or a label can be a totals row (cheap on big registers).
    maybe = pd.Series(True, index=frame.index)
    for c in label_columns:
        if c in frame:
            cells = frame[c].astype(str).str.strip()
            # a label has no digit after its numbering ("3. Cộng"): ids and codes are out at once
            worded = cells.str.fullmatch(r"(?:[IVXivx]+|\d+)?[^\d]*").fillna(False).astype(bool)
            label = pd.Series(False, index=frame.index)
            label[worded] = cells[worded].map(is_totals_label).astype(bool)
            maybe &= (cells == "") | label
    for k, idx in enumerate(positions):
        if not maybe[idx]:
            continue
        label = next(
            (frame.at[idx, c] for c in frame.columns if is_totals_label(frame.at[idx, c])), None
        )
        own = [c for c in label_columns if c in frame and str(frame.at[idx, c]).strip()]
        if label is None or any(not is_totals_label(frame.at[idx, c]) for c in own):
            continue  # no label, or the row has an id / holder of its own: an item
        above = [i for i in positions[start:k] if i not in rows]
        start = k + 1
        rows.append(idx)
        checked = []
        for col in sum_columns:
            if col not in frame:
                continue
            written = vn_amount(frame.at[idx, col])
            if written is None:
                continue
            parts = [vn_amount(frame.at[i, col]) for i in above]
            total = sum(p for p in parts if p is not None)
            checked.append(f"{col} {written:,.0f} = {total:,.0f}")
            if abs(total - written) > 0.5:
                problems.append(
                    Problem(
                        code="totals-differ",
                        severity=ERROR,
                        message=f"the totals row '{label}' gives {col} {written:,.0f} but the "
                        f"{len(above)} rows above sum to {total:,.0f}",
                        file=file,
                        row=int(idx) + first_row,
                        column=col,
                        value=written,
                        fix="correct the rows or the total; the total itself is not an item",
                    )
                )
        problems.append(
            Problem(
                code="totals-row",
                severity=INFO,
                message=f"row '{label}' is a totals row, not an item: skipped"
                + (f"; checked against the sum ({'; '.join(checked)})" if checked else ""),
                file=file,
                row=int(idx) + first_row,
                column=next(c for c in frame.columns if is_totals_label(frame.at[idx, c])),
            )
        )
    return frame.drop(index=rows), problems


def merged_ranges(path: str | Path, sheet: str | int = 0) -> list[tuple[int, int, int, int]]:
    """Merged ranges of an XLSX, XLS or ODS sheet as ``(min_row, min_col, max_row, max_col)``,
    1-based, header included (XLS and ODS through python-calamine); empty for CSV."""
    path = Path(path)
    if path.suffix.lower() in (".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        found = (
            book.get_sheet_by_index(sheet)
            if isinstance(sheet, int)
            else book.get_sheet_by_name(sheet)
        ).merged_cell_ranges
        return sorted((r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in found or [])
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=False)
    ws = wb.worksheets[sheet] if isinstance(sheet, int) else wb[sheet]
    return sorted((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)


def fill_merged(
    frame: pd.DataFrame,
    ranges: list[tuple[int, int, int, int]],
    file: str = "",
    header_row: int = 1,
) -> tuple[pd.DataFrame, list[Problem]]:
    """A copy of ``frame`` (read from the sheet whose header is ``header_row``) with each merged range
    below the header filled from its top-left cell, and a note per range."""
    from openpyxl.utils import get_column_letter

    out = frame.copy()
    problems = []
    for r0, c0, r1, c1 in ranges:
        if r0 <= header_row or c0 > len(frame.columns) or r1 == r0:
            continue  # a merge within one row (a totals label across columns) fills nothing
        top = r0 - header_row - 1
        if top >= len(out):
            continue
        for c in range(c0, min(c1, len(frame.columns)) + 1):
            value = out.iloc[top, c - 1]
            for r in range(top + 1, min(r1 - header_row, len(out))):
                out.iloc[r, c - 1] = value
        where = f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}"
        problems.append(
            Problem(
                code="merged-cells",
                severity=INFO,
                message=f"merged cells {where} filled down with '{frame.iloc[top, c0 - 1]}'",
                file=file,
                row=r0,
                column=str(frame.columns[c0 - 1]),
                fix="unmerge the cells and write the value on every row",
            )
        )
    return out, problems


def read_xls(path: str | Path) -> pd.DataFrame:
    """An Excel 97-2003 ``.xls`` sheet (the first), every cell as text. Raises :class:`InputFileError`
    naming the file and how to save it as ``.xlsx`` when python-calamine is missing or fails."""
    from ..errors import InputFileError

    try:
        frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="calamine")
    except ImportError as exc:
        raise InputFileError(
            path,
            "is an Excel 97-2003 .xls file and python-calamine is not installed; install it "
            "(pip install python-calamine) or open it in Excel and save it as .xlsx",
        ) from exc
    except Exception as exc:
        raise InputFileError(
            path, f"cannot be read as .xls ({exc}); open it in Excel and save it as .xlsx"
        ) from exc
    return frame.map(lambda v: v[:-2] if isinstance(v, str) and re.fullmatch(r"\d+\.0", v) else v)


def inputs_listing(inputs: Path, read: dict[str, Path]) -> list[dict]:
    """Every file under ``inputs/`` with whether it was read: ``[{"file", "read", "as", "reason"}]``,
    sorted by file. ``read`` maps each register class to the file read for it."""
    used = {p.resolve(): kind for kind, p in read.items()}
    out = []
    for path in sorted(p for p in inputs.rglob("*") if p.is_file()):
        rel = str(path.relative_to(inputs.parent))
        kind = used.get(path.resolve())
        if kind:
            out.append({"file": rel, "read": True, "as": kind, "reason": ""})
            continue
        reason = "not a register (only staff, assets, dossiers, records are read)"
        if path.stem in ("staff", "assets", "dossiers", "records"):
            reason = f"another file was read as the {path.stem} register"
        if path.name in ("overrides.csv", "overrides.xlsx"):
            reason = "read as overrides"
        out.append({"file": rel, "read": False, "as": "", "reason": reason})
    return out


def unread_register_problems(listing: list[dict]) -> list[Problem]:
    """A warning per register-like file (a table in ``inputs/``) that was not read."""
    return [
        Problem(
            code="register-file-unread",
            severity="warning",
            message=f"{f['file']} was not read: {f['reason']}",
            file=f["file"],
            fix="name the file staff, assets, dossiers or records (.xlsx, .xls or .csv), or move "
            "it out of inputs/",
        )
        for f in listing
        if not f["read"]
        and Path(f["file"]).suffix.lower() in REGISTER_SUFFIXES
        and f["reason"] != "read as overrides"
    ]
