"""A unit's self-assessment form of a reform rubric (phiếu tự đánh giá), written and read back.

``inputs/par_forms/<code>_<name>.xlsx``: sheet "Tự chấm" with one row per item the unit scores itself
(``attested`` items: the method of the rubric that takes a self-score with evidence), the item's id,
content and maximum fixed, and columns to fill: the self-score (a drop-down rule: a number from 0 to
the item's maximum), the evidence (document number, date dd/mm/yyyy, issuer, file), "không áp
dụng" (not applicable: có/không) and the unit's explanation; "Hướng dẫn" (instructions in
Vietnamese); a hidden "Thông tin" sheet with the unit's code, so that a form copied to another unit
is refused. Read back into the columns of the scores register
(:data:`transition.reform.inputs.SCORE_COLUMNS`), each row with its file and line, so that the
scoring's problems name the form and the row.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..problems import ERROR, Problem
from .reading import read_raw

FORM_SHEET, GUIDE_SHEET, INFO_SHEET = "Tự chấm", "Hướng dẫn", "Thông tin"
HEADER = {  # the form's headers -> the scores register's columns
    "Mã tiêu chí": "item",
    "Nội dung": "label",
    "Điểm tối đa": "max",
    "Điểm tự chấm": "self_score",
    "Số văn bản minh chứng": "evidence_number",
    "Ngày văn bản": "evidence_date",
    "Cơ quan ban hành": "evidence_issuer",
    "Tệp minh chứng": "evidence_file",
    "Không áp dụng": "not_applicable",
    "Giải trình": "explanation",
}
GUIDE = (
    "Điền cột «Điểm tự chấm» cho từng tiêu chí: một số từ 0 đến «Điểm tối đa» (dấu phẩy thập phân: 1,5).",
    "Mỗi điểm tự chấm cần minh chứng: số văn bản, ngày (dd/mm/yyyy), cơ quan ban hành, tệp đính kèm.",
    "Tiêu chí không áp dụng với đơn vị: ghi «có» ở cột «Không áp dụng» và giải trình lý do.",
    "Không sửa các cột Mã tiêu chí, Nội dung, Điểm tối đa; không sửa trang «Thông tin».",
    "Gửi lại tệp này cho Sở Nội vụ; Sở đặt vào thư mục inputs/par_forms/ của hồ sơ làm việc.",
)


def par_form_bytes(
    code: str, name: str, rubric_id: str, items: list[tuple[str, str, float]]
) -> bytes:
    """The form of unit ``code`` for ``items`` (id, Vietnamese content, maximum points), an XLSX
    with fixed timestamps (the same inputs give the same bytes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from .atomic import FIXED_TIME
    from .zips import fixed_zip

    wb = Workbook()
    sheet = wb.active
    sheet.title = FORM_SHEET
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item_id, label, top in items:
        sheet.append([item_id, label, top, None, None, None, None, None, None, None])
    last = max(sheet.max_row, 2)
    for row in range(2, last + 1):
        rule = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=f"C{row}", allow_blank=True
        )
        rule.error = "Điểm tự chấm từ 0 đến điểm tối đa của tiêu chí"
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(f"D{row}")
    yes_no = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    yes_no.add(f"I2:I{last}")
    for col, width in zip("ABCDEFGHIJ", (16, 60, 11, 13, 22, 13, 24, 22, 13, 40), strict=True):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "@"
    sheet.freeze_panes = "D2"
    guide = wb.create_sheet(GUIDE_SHEET, 0)
    guide.append(
        [f"Phiếu tự đánh giá chỉ số cải cách hành chính ({rubric_id}): {name} (mã {code})"]
    )
    guide["A1"].font = Font(bold=True)
    for line in GUIDE:
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    info = wb.create_sheet(INFO_SHEET)
    info.append(["khóa", "giá trị"])
    info.append(["mã đơn vị", code])
    info.append(["bộ chỉ số", rubric_id])
    info.sheet_state = "hidden"
    wb.active = 1
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "transition"
    raw = io.BytesIO()
    wb.save(raw)
    return fixed_zip(raw.getvalue())


def read_par_forms(folder: Path, root: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Every form of ``folder`` (``*.xlsx``) as rows of the scores register with ``unit_code``
    from the form's own "Thông tin" sheet, and ``_file`` / ``_line`` (workspace-relative file, the
    row's line). A form without its "Thông tin" sheet is an error naming the file (its unit
    cannot be known); an unreadable file raises :class:`InputFileError`."""
    frames, problems = [], []
    for path in sorted(folder.glob("*.xlsx")) if folder.is_dir() else []:
        if path.name.startswith(("~$", ".")):
            continue
        rel = str(path.relative_to(root))
        unit = _unit_of(path)
        if not unit:
            problems.append(
                Problem(
                    code="par-form",
                    severity=ERROR,
                    message=f"{rel}: the form has no 'Thông tin' sheet naming its unit",
                    file=rel,
                    fix="use the form transition generate par-forms wrote for the unit",
                )
            )
            continue
        table = read_raw(path, HEADER, sheet_names=(FORM_SHEET,))
        frame = table.frame.drop(columns=["label", "max"], errors="ignore").astype(str)
        frame.insert(0, "unit_code", unit)
        frame["_file"] = rel
        frame["_line"] = [str(n) for n in table.lines]
        filled = frame.drop(columns=["unit_code", "item", "_file", "_line"]).apply(
            lambda c: c.str.strip() != ""
        )
        frames.append(frame[filled.any(axis=1)])  # rows left empty: nothing said
    if not frames:
        return pd.DataFrame(), problems
    return pd.concat(frames, ignore_index=True), problems


def _unit_of(path: Path) -> str:
    try:
        info = pd.read_excel(path, sheet_name=INFO_SHEET, header=None, dtype=str, engine="openpyxl")
    except ValueError:  # no such sheet
        return ""
    except Exception as exc:  # noqa: BLE001  openpyxl raises many kinds on a damaged file
        raise InputFileError(path, f"cannot be read as XLSX ({exc})") from exc
    found = {str(k).strip(): str(v).strip() for k, v in info.iloc[:, :2].itertuples(index=False)}
    return found.get("mã đơn vị", "")
