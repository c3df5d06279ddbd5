"""`transition generate templates`: empty registers to fill in Excel, read back without loss."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..io.safe import safe_filename
from ..io.templates import write_template
from ..profiles import load_profile
from ..profiles.formats import RegistersFormat
from ..registers.schema import (
    ASSET_KINDS,
    CLASSES,
    CODES,
    COLUMNS,
    DATES,
    NUMBERS,
    RECORD_KINDS,
    SHEETS,
)

KIND_OF = {"lon": "coordinate", "lat": "coordinate", "value_vnd": "money", "balance_vnd": "money"}
NOTES = {
    "holder": "Mã đơn vị cũ đang quản lý (5 chữ số cấp xã, 3 chữ số cấp huyện), ví dụ 06652",
    "value_vnd": "Nguyên giá, đồng (1.250.000.000 hoặc 1,5 tỷ)",
    "balance_vnd": "Số dư, đồng",
    "lon": "Kinh độ, độ thập phân (107.07)",
    "lat": "Vĩ độ, độ thập phân (20.95)",
}
INSTRUCTIONS = [
    "Hướng dẫn điền danh sách (instructions)",
    "1. Mỗi dòng một mục; không gộp ô, không để dòng tổng cộng trong bảng.",
    "2. Mã đơn vị (holder) là mã của đơn vị cũ đang quản lý, ghi dạng chữ: 06652, không phải 6652.",
    "3. Ngày ghi dd/mm/yyyy (ví dụ 01/07/2025). Số tiền ghi bằng chữ số: 1.250.000.000 hoặc 1,5 tỷ.",
    "4. Giữ nguyên tên cột và tên trang tính; có thể thêm cột STT hoặc Ghi chú.",
    "5. Lưu tệp vào thư mục inputs/ của thư mục làm việc với tên staff.xlsx, assets.xlsx, "
    "dossiers.xlsx hoặc records.xlsx, rồi chạy: transition assign THƯ_MỤC",
]


@dataclass(frozen=True)
class TemplatesResult:
    """The templates written (workspace-relative paths)."""

    workspace: Path
    written: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"workspace": str(self.workspace), "written": self.written}


def header_of(kind: str, column: str) -> str:
    """The Vietnamese header of a column: its longest accepted name with diacritics or a space."""
    names = load_profile(RegistersFormat, "registers_format.toml").of(kind).get(column, [])
    written = [n for n in names if not n.isascii() or " " in n]
    if not written:
        return column
    name = max(written, key=len)
    return name[:1].upper() + name[1:]


def generate_templates(path: str | Path) -> TemplatesResult:
    """Write ``WS/inputs/templates/<register>.xlsx`` for each register (see :mod:`io.templates`)."""
    root = Path(path)
    written = []
    for kind in CLASSES:
        columns = []
        for col in COLUMNS[kind]:
            kind_of = (
                "code"
                if col in CODES or col in ("id", "national_id")
                else "date"
                if col in DATES
                else KIND_OF.get(col, "number" if col in NUMBERS else "text")
            )
            columns.append((header_of(kind, col), kind_of, NOTES.get(col, "")))
        choices: dict[str, tuple[str, ...]] = {}
        if kind == "assets":
            choices[header_of(kind, "kind")] = ASSET_KINDS
        if kind == "records":
            choices[header_of(kind, "kind")] = RECORD_KINDS
        target = root / "inputs" / "templates" / safe_filename(kind, ".xlsx")
        write_template(target, SHEETS[kind][1].capitalize(), columns, choices, INSTRUCTIONS)
        written.append(str(target.relative_to(root)))
    return TemplatesResult(root, written)
