"""The monitor's report (báo cáo) context for ``render_docx("bao_cao", ...)`` and its chart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..profiles.readiness import Readiness
from .document import vn_date

LABELS = {
    "online_rate": "Nộp trực tuyến",
    "on_time_rate": "Giải quyết đúng hạn",
    "digitised_rate": "Số hóa thành phần hồ sơ",
    "result_digitised_rate": "Số hóa kết quả",
}


def _pct(v) -> str:
    return "–" if v is None or pd.isna(v) else f"{v * 100:.1f}".replace(".", ",") + "%"


def monitor_figure(days: pd.DataFrame, profile: Readiness, title: str):
    """The province's four rates per day, with the online target in force as a step line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    x = pd.to_datetime(days["period"])
    for rate, label in LABELS.items():
        ax.plot(x, 100 * days[rate], label=label, linewidth=1.2)
    target = [profile.target("online_rate", d.date()) for d in x]
    ax.step(
        x,
        [100 * t.value if t else float("nan") for t in target],
        where="post",
        linestyle="--",
        color="black",
        label="Mục tiêu nộp trực tuyến",
    )
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.set_title(title)
    ax.legend(fontsize=7, loc="lower right")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def monitor_context(
    result: dict, province: str, last: dt.date, image_png: bytes | None
) -> dict[str, Any]:
    """``bao_cao`` context: the province by month against targets, and the delays of the last month."""
    months = result["province"]["months"]
    rows = []
    for mo in months:
        for rate, label in LABELS.items():
            met = mo.get(f"{rate}_met")
            rows.append(
                [
                    mo["period"],
                    label,
                    _pct(mo[rate]),
                    _pct(mo.get(f"{rate}_target")),
                    "đạt" if met is True else "không đạt" if met is False else "–",
                ]
            )
    latest = months[-1]["period"] if months else ""
    delays = [d for d in result["delays"] if d["month"] == latest][:30]
    return {
        "governing_body": f"UBND {province.upper()}",
        "issuing_body": "SỞ NỘI VỤ",
        "number": "      /BC-SNV",
        "place_date": f"{province.replace('Tỉnh ', '')}, {vn_date(last)}",
        "doc_type": "BÁO CÁO",
        "summary": "Kết quả phục vụ người dân, doanh nghiệp của các đơn vị hành chính cấp xã sau vận hành chính thức",
        "paragraphs": [
            f"Số liệu từ nhật ký giải quyết hồ sơ từ {result['period']['first']} đến {result['period']['last']}; "
            "tỷ lệ tính từ số hồ sơ (Quyết định 766/QĐ-TTg), không lấy bình quân tỷ lệ của các đơn vị."
        ],
        "sections": [
            {
                "heading": "I. CHỈ SỐ CỦA TỈNH THEO THÁNG",
                "table": {
                    "columns": ["Tháng", "Chỉ số", "Kết quả", "Mục tiêu", "Đánh giá"],
                    "rows": rows,
                },
            },
            {
                "heading": "II. DIỄN BIẾN THEO NGÀY",
                "image": {"image_png": image_png, "width_mm": 160} if image_png else None,
            },
            {
                "heading": f"III. ĐƠN VỊ, CÁ NHÂN ĐỂ CHẬM MUỘN (tháng {latest})",
                "table": {
                    "columns": ["Đơn vị", "Cán bộ xử lý", "Trả muộn", "Quá hạn chưa giải quyết"],
                    "rows": [
                        [
                            f"{d['unit_name']} ({d['unit_code']})",
                            d["official"],
                            str(d["late"]),
                            str(d["open_overdue"]),
                        ]
                        for d in delays
                    ],
                }
                if delays
                else None,
                "paragraphs": [] if delays else ["Không có hồ sơ chậm muộn."],
            },
        ],
        "recipients": ["- UBND tỉnh (để báo cáo);", "- Lưu: VT, CCHC."],
        "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": ""},
    }
