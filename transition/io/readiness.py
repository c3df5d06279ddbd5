"""Files of readiness: the units' daily reports and forms, what the derived items read, and outputs.

::

    WORKSPACE/inputs/readiness/*.csv|*.xlsx   daily reports (any number of files; forms included)
    WORKSPACE/inputs/processing_log.csv       the dossier-processing log after go-live
    WORKSPACE/results/readiness/              readiness.json, readiness.xlsx, bao_cao.docx, trend.png
    WORKSPACE/results/readiness/forms/        one report form per unit (XLSX with drop-down lists)
    WORKSPACE/results/monitor/                monitor.json, monitor.xlsx, bao_cao.docx, trend.png
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from ..readiness.derived import Sources
from ..readiness.reports import ReportFile
from .atomic import write_bytes
from .labels import from_people
from .tables import read_table
from .workspace import Workspace

REPORTS_DIR = "inputs/readiness"
LOG_FILE = "inputs/processing_log.csv"
RESULTS_DIR = "results/readiness"
MONITOR_DIR = "results/monitor"
FORM_SHEET = "Báo cáo"
INFO_SHEET = "Thông tin"
REGISTER_COLUMNS = [
    "number",
    "kind",
    "old_codes",
    "new_codes",
    "path",
    "content_hash",
    "signed_date",
    "signed_by",
    "note",
]


def read_report_files(ws: Workspace) -> list[ReportFile]:
    """Every CSV or XLSX under ``inputs/readiness`` (sorted by name), as text frames.

    A form (an XLSX with the sheets "Báo cáo" and "Thông tin") is read from "Báo cáo", and the unit
    it is fixed to from "Thông tin" cell B2. Raises :class:`~transition.errors.InputFileError` for
    a file that cannot be read at all.
    """
    folder = ws.root / REPORTS_DIR
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        rel = f"{REPORTS_DIR}/{path.name}"
        if path.name.startswith((".", "~$")) or path.suffix.lower() not in (".csv", ".xlsx"):
            continue
        if path.suffix.lower() == ".xlsx":
            sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
            if FORM_SHEET in sheets:
                frame = pd.read_excel(
                    path, sheet_name=FORM_SHEET, dtype=str, keep_default_na=False, engine="openpyxl"
                )
                unit = None
                if INFO_SHEET in sheets:
                    info = pd.read_excel(
                        path, sheet_name=INFO_SHEET, header=None, dtype=str, engine="openpyxl"
                    )
                    unit = str(info.iat[1, 1]).strip() if info.shape[0] > 1 else None
                files.append(ReportFile(rel, frame, 2, unit or None))
                continue
        files.append(ReportFile(rel, read_table(path)))
    return files


def read_handover_register(ws: Workspace) -> pd.DataFrame | None:
    """Per new unit ``new_code, generated, signed, outstanding`` (contract 2), or ``None`` when the
    register ``documents/handover_register.xlsx`` is absent.

    Uses ``transition.documents.tracker.handover_status`` when the handover machinery is installed;
    otherwise reads the register by its contract columns: a minute counts for every unit of its
    ``new_codes`` (";"-joined) and is signed when ``signed_date`` is filled.
    """
    path = ws.root / "documents" / "handover_register.xlsx"
    if not path.exists():
        return None
    try:
        from ..documents.tracker import handover_status

        return handover_status(ws.root)
    except ImportError:
        pass
    reg = read_table(path)
    missing = [c for c in ("new_codes", "signed_date") if c not in reg.columns]
    if missing:
        from ..errors import InputFileError

        raise InputFileError(path, f"columns {', '.join(missing)} are missing (contract 2)")
    rows = reg.assign(new_code=reg["new_codes"].astype(str).str.split(";")).explode("new_code")
    rows["new_code"] = rows["new_code"].str.strip()
    rows = rows[rows["new_code"] != ""]
    rows["is_signed"] = ~rows["signed_date"].astype(str).str.strip().isin(["", "nan", "NaT"])
    out = rows.groupby("new_code").agg(generated=("is_signed", "size"), signed=("is_signed", "sum"))
    out["outstanding"] = out["generated"] - out["signed"]
    return out.reset_index()


def _optional(path: Path) -> pd.DataFrame | None:
    return read_table(path) if path.exists() else None


def _people_list(path: Path) -> pd.DataFrame | None:
    """A list written for people (headers in their language), with the code's column names."""
    table = _optional(path)
    return None if table is None else from_people(table)


def read_sources(ws: Workspace, as_of=None) -> Sources:
    """What the derived items read: the plan, the check's problems and the assignment's lists."""
    plan = ws.load_plan()
    problems = None
    if ws.path("check_json").exists():
        data = json.loads(ws.path("check_json").read_text(encoding="utf-8"))
        problems = pd.DataFrame(
            [
                (p.get("severity", ""), p.get("unit_code", "") or "")
                for p in data.get("problems", [])
            ],
            columns=["severity", "unit_code"],
        )
    folder = ws.path("assign_dir")
    units = plan.new_communes[["code", "name"]].reset_index(drop=True)
    return Sources(
        units=units,
        crosswalk=plan.crosswalk[["old_code", "new_code"]],
        problems=problems,
        quota=_optional(folder / "quota.csv"),
        headquarters=_optional(folder / "headquarters.csv"),
        dossiers=_optional(folder / "dossiers.csv"),
        review=_people_list(folder / "review.csv"),
        handover=read_handover_register(ws),
        as_of=as_of,
    )


def png_bytes(fig) -> bytes:
    """A matplotlib figure as PNG bytes without a timestamp or software tag (reproducible)."""
    raw = io.BytesIO()
    fig.savefig(raw, format="png", dpi=120, metadata={"Software": None}, bbox_inches="tight")
    return raw.getvalue()


def write_json(target: Path, data: dict) -> None:
    write_bytes(
        target, (json.dumps(data, ensure_ascii=False, indent=2, default=_json) + "\n").encode()
    )


def _json(v):
    if hasattr(v, "item"):
        return v.item()
    return str(v)


STATUS_CHOICES = ("xong", "một phần", "chưa bắt đầu", "vướng mắc")
INSTRUCTIONS = (
    "HƯỚNG DẪN BÁO CÁO TIẾN ĐỘ SẴN SÀNG VẬN HÀNH HẰNG NGÀY",
    "1. Mỗi ngày trong thời gian vận hành thử nghiệm, chọn trạng thái của từng mục ở sheet 'Báo cáo'.",
    "2. Trạng thái: xong / một phần / chưa bắt đầu / vướng mắc (chọn trong danh sách thả xuống).",
    "3. Mục 'vướng mắc': ghi rõ nguyên nhân và đề xuất ở cột 'ghi chú'.",
    "4. Cột 'minh chứng': số, ký hiệu văn bản hoặc biên bản chứng minh (nếu có).",
    "5. Ghi thời điểm gửi (dd/mm/yyyy hh:mm); báo cáo đúng hạn là gửi trước {hour} giờ cùng ngày.",
    "6. Không sửa cột 'mã đơn vị': mẫu này chỉ dùng cho đơn vị của mình.",
    "7. Báo cáo gửi sau thay thế báo cáo gửi trước của cùng ngày, cùng mục (cả hai được lưu).",
    "Các mục do phần mềm tự tính (phương án, cán bộ, trụ sở, hồ sơ, biên bản bàn giao) không báo cáo ở đây.",
)


def form_bytes(
    code: str, name: str, items: list[tuple[str, str]], days: list, deadline_hour: int
) -> bytes:
    """A unit's report form (XLSX): sheet "Báo cáo" with one row per trial day and attested item (the
    unit fixed, drop-down lists for item and status), "Hướng dẫn" (instructions in Vietnamese),
    "Danh mục" (the lists) and "Thông tin" (the unit, B2). ``items``: (id, Vietnamese label)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .atomic import FIXED_TIME
    from .zips import fixed_zip

    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    header = [
        "ngày",
        "mã đơn vị",
        "mục",
        "trạng thái",
        "ghi chú",
        "minh chứng",
        "người báo cáo",
        "thời điểm gửi",
    ]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for day in days:
        for item_id, label in items:
            ws.append(
                [
                    day.strftime("%d/%m/%Y"),
                    code,
                    f"{item_id} – {label}",
                    None,
                    None,
                    None,
                    None,
                    None,
                ]
            )
    _choices(wb, ws, items)
    guide = wb.create_sheet("Hướng dẫn", 0)
    guide.append([f"Đơn vị: {name} (mã {code})"])
    for line in INSTRUCTIONS:
        guide.append([line.format(hour=deadline_hour)])
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True)
    info = wb.create_sheet("Thông tin")
    info.append(["khóa", "giá trị"])
    info.append(["mã đơn vị", code])
    info.append(["tên đơn vị", name])
    info.sheet_state = "hidden"
    wb.active = 1
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "transition"
    raw = io.BytesIO()
    wb.save(raw)
    return fixed_zip(raw.getvalue())


def _choices(wb, ws, items: list[tuple[str, str]]) -> None:
    """The "Danh mục" sheet (items and statuses) and the drop-down lists of the report sheet."""
    from openpyxl.worksheet.datavalidation import DataValidation

    n = ws.max_row
    lists = wb.create_sheet("Danh mục")
    lists.append(["mục", "trạng thái"])
    for k in range(max(len(items), len(STATUS_CHOICES))):
        lists.append(
            [
                f"{items[k][0]} – {items[k][1]}" if k < len(items) else None,
                STATUS_CHOICES[k] if k < len(STATUS_CHOICES) else None,
            ]
        )
    item_dv = DataValidation(
        type="list", formula1=f"='Danh mục'!$A$2:$A${len(items) + 1}", allow_blank=True
    )
    status_dv = DataValidation(
        type="list", formula1=f"='Danh mục'!$B$2:$B${len(STATUS_CHOICES) + 1}", allow_blank=True
    )
    status_dv.error = "Chọn: xong, một phần, chưa bắt đầu, vướng mắc"
    status_dv.showErrorMessage = True
    ws.add_data_validation(item_dv)
    ws.add_data_validation(status_dv)
    item_dv.add(f"C2:C{max(n, 2) + 200}")
    status_dv.add(f"D2:D{max(n, 2) + 200}")
    for col, width in zip("ABCDEFGH", (12, 11, 70, 16, 40, 24, 28, 18), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
