"""The report (báo cáo) of the Department of Home Affairs to the provincial People's Committee on the
readiness of the new units, as a plain context for ``render_docx("bao_cao", ...)`` (Decree
30/2020/NĐ-CP layout), and the trend chart as a matplotlib figure. Vietnamese, the words the
province uses ("54/54 đơn vị ...")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .status import UNIT_STATUS_VI, UNIT_STATUSES

STATUS_COLOURS = {
    "green": "#2e7d32",
    "amber": "#f9a825",
    "not_reported": "#9e9e9e",
    "red": "#c62828",
}


def vn_date(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}".replace(".", ",") + "%"


def trend_figure(trend: list[dict], title: str):
    """Units by status per day (stacked bars) with report completeness (line, right axis)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    days = [dt.date.fromisoformat(t["date"]).strftime("%d/%m") for t in trend]
    fig, ax = plt.subplots(figsize=(8, 4))
    bottom = [0] * len(trend)
    for status in ("green", "amber", "not_reported", "red"):
        values = [t["by_status"][status] for t in trend]
        ax.bar(
            days, values, bottom=bottom, color=STATUS_COLOURS[status], label=UNIT_STATUS_VI[status]
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("Số đơn vị")
    ax.set_title(title)
    ax.tick_params(axis="x", rotation=60, labelsize=8)
    right = ax.twinx()
    right.plot(
        days,
        [100 * (t["completeness"]["rate"] or 0) for t in trend],
        color="black",
        marker="o",
        label="Tỷ lệ báo cáo (%)",
    )
    right.set_ylim(0, 105)
    right.set_ylabel("Tỷ lệ báo cáo (%)")
    handles = ax.get_legend_handles_labels()
    extra = right.get_legend_handles_labels()
    ax.legend(
        handles[0] + extra[0],
        handles[1] + extra[1],
        fontsize=7,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        ncol=5,
        frameon=False,
    )
    fig.tight_layout()
    return fig


def report_context(
    result: dict, province: str, cutover: dt.date, image_png: bytes | None
) -> dict[str, Any]:
    """The ``bao_cao`` context for a readiness assessment (``Assessment.to_dict()``)."""
    day = dt.date.fromisoformat(result["date"])
    r = result["rollup"]
    n = r["completeness"]["expected"]
    by = r["by_status"]
    verdict = "ĐỦ ĐIỀU KIỆN" if result["go"] else "CHƯA ĐỦ ĐIỀU KIỆN"
    sections = _sections(result, image_png)
    paragraphs = [
        f"Thực hiện kế hoạch vận hành thử nghiệm mô hình chính quyền địa phương hai cấp, Sở Nội vụ báo cáo "
        f"tình hình sẵn sàng của {n} đơn vị hành chính cấp xã mới đến {vn_date(day)} như sau:",
        f"Báo cáo ngày: {r['completeness']['count']}/{n} đơn vị đã báo cáo "
        f"({_pct(r['completeness']['rate'])}), {r['on_time']['count']}/{n} đúng hạn ({_pct(r['on_time']['rate'])}).",
        "Tình trạng: "
        + "; ".join(f"{by[s]}/{n} đơn vị {UNIT_STATUS_VI[s]}" for s in reversed(UNIT_STATUSES))
        + ".",
        f"Đánh giá: {verdict} vận hành chính thức từ {vn_date(cutover)}. "
        + " ".join(f"{k + 1}) {reason}." for k, reason in enumerate(result["reasons"])),
    ]
    return {
        "governing_body": f"UBND {province.upper()}",
        "issuing_body": "SỞ NỘI VỤ",
        "number": "      /BC-SNV",
        "place_date": f"{province.replace('Tỉnh ', '').replace('Thành phố ', '')}, {vn_date(day)}",
        "doc_type": "BÁO CÁO",
        "summary": "Tình hình sẵn sàng vận hành của các đơn vị hành chính cấp xã mới",
        "bases": [],
        "paragraphs": paragraphs,
        "sections": sections,
        "recipients": [
            "- UBND tỉnh (để báo cáo);",
            "- Bộ Nội vụ (để báo cáo);",
            "- Lưu: VT, XDCQ.",
        ],
        "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": ""},
    }


def _sections(result: dict, image_png: bytes | None) -> list[dict[str, Any]]:
    """The report's four sections: items, the trend chart, the units not ready, the blockers."""
    r = result["rollup"]
    items = {
        "columns": ["TT", "Nội dung", "Bắt buộc", "Hạn", "Đã xong", "Vướng mắc", "Quá hạn"],
        "rows": [
            [
                str(k + 1),
                it["label"],
                "có" if it["critical"] else "không",
                dt.date.fromisoformat(it["due"]).strftime("%d/%m/%Y"),
                f"{it['done']}/{it['expected']}",
                str(it["blocked"]),
                str(it["overdue"]),
            ]
            for k, it in enumerate(r["items"])
        ],
        "widths": [1.2, 8, 2, 3.2, 2.4, 2.4, 2],
        "align": ["center", "left", "center", "center", "center", "center", "center"],
    }
    not_ready = [u for u in result["units"] if u["status"] in ("red", "not_reported")]
    units = {
        "columns": ["TT", "Đơn vị", "Mã", "Tình trạng", "Điểm", "Lý do"],
        "rows": [
            [str(k + 1), u["name"], u["code"], u["status_label"], f"{u['score']:.0f}", why(u)]
            for k, u in enumerate(not_ready)
        ],
        "widths": [1.2, 4.5, 2, 3, 1.6, 9.5],
        "align": ["center", "left", "center", "left", "right", "left"],
    }
    sections: list[dict[str, Any]] = [
        {"heading": "I. KẾT QUẢ THEO TỪNG NỘI DUNG", "table": items},
        {
            "heading": "II. DIỄN BIẾN TRONG THỜI GIAN VẬN HÀNH THỬ NGHIỆM",
            "image": {"image_png": image_png, "width_mm": 160} if image_png else None,
            "caption": "Số đơn vị theo tình trạng và tỷ lệ báo cáo từng ngày",
        },
        {
            "heading": "III. CÁC ĐƠN VỊ CHƯA SẴN SÀNG",
            "paragraphs": [] if not_ready else ["Không có đơn vị đỏ hoặc chưa báo cáo."],
            "table": units if not_ready else None,
        },
        {
            "heading": "IV. VƯỚNG MẮC CẦN CHỈ ĐẠO",
            "paragraphs": [
                f"- {b['label']}: {b['units']} đơn vị (vướng mắc {b['blocked']}, quá hạn {b['overdue']}); "
                f"trách nhiệm: {b['owner']}."
                for b in r["blockers"][:10]
            ]
            or ["Không có."],
        },
    ]
    return sections


def why(unit: dict) -> str:
    """A unit's reasons in one line: not reported, blocked items (with notes), overdue items."""
    parts = []
    if not unit["reported"]:
        parts.append("chưa báo cáo trong ngày")
    for b in unit["blockers"]:
        parts.append(
            f"vướng mắc: {b['label']}"
            + (f" ({b['note']})" if b["note"] else "")
            + f" – {b['owner']}"
        )
    for o in unit["overdue"]:
        due = dt.date.fromisoformat(o["due"]).strftime("%d/%m")
        parts.append(
            f"quá hạn {due}: {o['label']}"
            + (f" ({o['note']})" if o["note"] else "")
            + f" – {o['owner']}"
        )
    return "; ".join(parts)
