"""The report of a scoring (a báo cáo in the Decree 30 layout) and its charts, as plain data.

The chart of points lost shows, for the units that lose most, where they lose them (stacked by
field); the chart of scores shows every unit's score with the tier thresholds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd


def vn_date(day: dt.date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _num(v: float | None) -> str:
    return "–" if v is None or pd.isna(v) else f"{v:.2f}".replace(".", ",")


def _change(c: dict) -> str:
    """``Tỷ lệ hồ sơ nộp trực tuyến từ 31% lên 50%: +2,30`` (the gain in index points)."""
    span = f" từ {c['from']:.0%} lên {c['to']:.0%}" if "from" in c else ""
    return f"{c['label']}{span}: +{_num(c['gain'])}"


def lost_figure(lost: pd.DataFrame, fields: dict[str, str], names: dict[str, str], top: int = 10):
    """A stacked horizontal bar chart: points lost per field for the ``top`` units losing most."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    per = lost.groupby(["unit_code", "field"])["lost"].sum().unstack(fill_value=0.0)
    per = per.loc[per.sum(axis=1).sort_values(ascending=False).index[:top]].iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(per), 3) + 1.2))
    left = pd.Series(0.0, index=per.index)
    for field in [f for f in fields if f in per.columns]:
        ax.barh([names.get(u, u) for u in per.index], per[field], left=left, label=fields[field])
        left += per[field]
    ax.set_xlabel("Điểm bị mất")
    ax.set_title("Đơn vị mất nhiều điểm nhất, theo lĩnh vực")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    fig.tight_layout()
    return fig


def scores_figure(units: pd.DataFrame, tiers: list[tuple[str, float]]):
    """Every unit's score, sorted, with the tier thresholds as lines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = units.dropna(subset=["score"]).sort_values("score")
    fig, ax = plt.subplots(figsize=(9, 4))
    ax.bar(range(len(shown)), shown["score"], color="#3b6ea5")
    for label, low in tiers:
        if low > 0:
            ax.axhline(low, color="#999", lw=0.8, ls="--")
            ax.text(0, low + 0.5, label, fontsize=7, color="#555")
    ax.set_ylim(0, 100)
    ax.set_xticks([])
    ax.set_ylabel("Điểm")
    ax.set_title("Điểm của các đơn vị (xếp tăng dần)")
    fig.tight_layout()
    return fig


def par_context(
    data: dict, province: str, day: dt.date, images: list[bytes], worst: list[dict]
) -> dict[str, Any]:
    """``bao_cao`` context of a PAR scoring: ranking, the units that lose most and where, the
    criteria that cost the most units the most points."""
    ordered = sorted(
        data["units"],
        key=lambda u: (u.get("group", ""), u["rank"] is None, u["rank"] or 0, u["code"]),
    )
    rows = [
        [u.get("group", ""), str(u["rank"] or "–") + ("=" if u["tied"] else ""),
         f"{u['name']} ({u['code']})", _num(u["score"]), u["tier"] or "chưa xếp loại",
         "tạm tính" if u["provisional"] else "chính thức"]
        for u in ordered
    ]  # fmt: skip
    worst_rows = [
        [f"{w['name']} ({w['code']})", _num(w["score"]),
         "; ".join(f"{x['label']}: -{_num(x['points'])}" for x in w["lost"][:3]),
         "; ".join(_change(c) for c in w["improve"])]
        for w in worst
    ]  # fmt: skip
    costly = [
        [c["label"], str(c["units"]), _num(c["points"])] for c in data["province"]["costly"][:10]
    ]
    rubric = data["rubric"]
    note = " (bộ tiêu chí ví dụ)" if rubric.get("example") and "VÍ DỤ" not in rubric["name"] else ""
    return {
        "governing_body": f"UBND {province.upper()}",
        "issuing_body": "SỞ NỘI VỤ",
        "number": "      /BC-SNV",
        "place_date": f"{province.replace('Tỉnh ', '')}, {vn_date(day)}",
        "doc_type": "BÁO CÁO",
        "summary": f"Kết quả Chỉ số cải cách hành chính của các đơn vị cấp xã, kỳ {data['period']}",
        "paragraphs": [
            f"Chấm theo {rubric['name']}{note}, {rubric['decision']}, phiên bản {rubric['version']}. "
            "Chỉ số = 100 × điểm đạt / điểm tối đa của các tiêu chí áp dụng, cộng điểm thưởng, trừ "
            "điểm phạt trong giới hạn. Tiêu chí thiếu số liệu không tính là 0: đơn vị đó chưa được xếp loại."
        ],
        "sections": [
            {
                "heading": "I. KẾT QUẢ XẾP HẠNG",
                "table": {
                    "columns": ["Nhóm", "Hạng", "Đơn vị", "Điểm", "Xếp loại", "Tình trạng"],
                    "rows": rows,
                },
            },
            {
                "heading": "II. CÁC ĐƠN VỊ MẤT NHIỀU ĐIỂM NHẤT",
                "table": {
                    "columns": [
                        "Đơn vị",
                        "Điểm",
                        "Mất điểm nhiều nhất",
                        "Thay đổi nâng điểm nhiều nhất",
                    ],
                    "rows": worst_rows,
                },
                "image": {"image_png": images[0], "width_mm": 160} if images else None,
            },
            {
                "heading": "III. TIÊU CHÍ LÀM MẤT ĐIỂM NHIỀU NHẤT TOÀN TỈNH",
                "table": {
                    "columns": ["Tiêu chí", "Số đơn vị mất điểm", "Tổng điểm mất"],
                    "rows": costly,
                },
                "image": {"image_png": images[1], "width_mm": 160} if len(images) > 1 else None,
            },
        ],  # fmt: skip
        "recipients": ["- UBND tỉnh (để báo cáo);", "- Lưu: VT, CCHC."],
        "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": ""},
    }
