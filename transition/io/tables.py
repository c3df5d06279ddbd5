"""Tables: CSV and XLSX read with every cell as text (codes keep their leading zeros) and written
atomically and reproducibly (UTF-8 with a byte-order mark for Excel; fixed XLSX dates)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .atomic import FIXED_TIME, write_bytes
from .zips import fixed_zip


def write_csv(target: str | Path, frame: pd.DataFrame) -> None:
    """UTF-8 CSV with a byte-order mark, so that Excel shows the diacritics right."""
    write_bytes(target, frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"))


def write_xlsx(target: str | Path, sheets: dict[str, pd.DataFrame]) -> None:
    """An XLSX workbook with one sheet per frame; codes stay text, header bold, columns sized."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, frame in sheets.items():
        ws = wb.create_sheet(title[:31])
        ws.append([str(c) for c in frame.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in frame.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for k, col in enumerate(frame.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
            ws.column_dimensions[ws.cell(1, k).column_letter].width = min(60, max(8, width + 2))
        ws.freeze_panes = "A2"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "transition"
    raw = io.BytesIO()
    wb.save(raw)
    write_bytes(target, fixed_zip(raw.getvalue()))


def _cell(v):
    if v is None:
        return None
    if isinstance(v, float) and pd.isna(v):
        return None
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return v


def read_table(
    path: str | Path, columns: dict[str, str] | None = None, *, sheet_names=()
) -> pd.DataFrame:
    """Read a CSV, TSV or XLSX with every cell as text (codes keep their leading zeros).

    ``columns`` maps other header spellings (Vietnamese, say) to the canonical names; headers are
    matched without case, spaces, diacritics or units in brackets, and found below title rows.
    Encodings (UTF-8, UTF-16, Windows-1258, TCVN3, VNI) end in Unicode NFC. The steps are those of
    :func:`transition.io.reading.read_raw`, which also says what it read (lines, sheet, notes).
    Raises :class:`InputFileError` naming the file.
    """
    from .reading import read_raw

    return read_raw(path, columns, sheet_names=sheet_names).frame.astype(str)
