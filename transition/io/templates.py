"""Empty registers to fill in Excel: one XLSX per register with Vietnamese headers, drop-down lists for
kinds, date and number formats, codes formatted as text, and an instructions sheet; the toolkit reads a
filled copy back without loss (the headers are accepted names, the sheet a documented name)."""

from __future__ import annotations

import io
from pathlib import Path

from .atomic import FIXED_TIME, write_bytes
from .zips import fixed_zip

ROWS = 500  # rows prepared with formats and drop-downs
TEXT_FORMAT, DATE_FORMAT, MONEY_FORMAT, DECIMAL_FORMAT = "@", "DD/MM/YYYY", "#,##0", "0.000000"


def write_template(
    target: str | Path,
    sheet: str,
    columns: list[tuple[str, str, str]],
    choices: dict[str, tuple[str, ...]],
    instructions: list[str],
) -> None:
    """Write one template. ``columns``: (header, kind, note) with kind ``text``, ``code``, ``date``,
    ``money``, ``number`` or ``coordinate``; ``choices``: header -> allowed values (a drop-down)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    fmt = {
        "code": TEXT_FORMAT,
        "text": TEXT_FORMAT,
        "date": DATE_FORMAT,
        "money": MONEY_FORMAT,
        "number": MONEY_FORMAT,
        "coordinate": DECIMAL_FORMAT,
    }
    for k, (header, kind, note) in enumerate(columns, start=1):
        cell = ws.cell(1, k, header)
        cell.font = Font(bold=True)
        if note:
            cell.comment = Comment(note, "transition")
        letter = get_column_letter(k)
        ws.column_dimensions[letter].width = max(14, len(header) + 4)
        for r in range(2, ROWS + 2):
            ws.cell(r, k).number_format = fmt[kind]
        if kind == "date":
            dv = DataValidation(
                type="date",
                operator="between",
                formula1="DATE(1900,1,1)",
                formula2="DATE(2100,12,31)",
                showErrorMessage=True,
                error="Nhập ngày dạng dd/mm/yyyy",
            )
            dv.add(f"{letter}2:{letter}{ROWS + 1}")
            ws.add_data_validation(dv)
        if header in choices:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(choices[header]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                error="Chọn một giá trị trong danh sách",
            )
            dv.add(f"{letter}2:{letter}{ROWS + 1}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    guide = wb.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    for line in instructions:
        guide.append([line])
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "transition"
    raw = io.BytesIO()
    wb.save(raw)
    write_bytes(target, fixed_zip(raw.getvalue()))
