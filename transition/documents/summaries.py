"""Receiving summaries (one per new unit: everything it receives, from whom, with totals) and
dissolution summaries (one per old district: where every person, asset, dossier and record of its
bodies went), as ``bao_cao`` contexts (see :mod:`transition.render.docx`)."""

from __future__ import annotations

from typing import Any

from ..model import Plan
from .context import unit_phrase
from .words import in_words, two, vnd

HEAD = {
    "vi": [
        "STT",
        "Biên bản số",
        "Đơn vị",
        "Cán bộ",
        "Tài sản",
        "Giá trị tài sản (đồng)",
        "Hồ sơ TTHC",
        "Lưu trữ, tài khoản",
        "Đang rà soát",
    ],
    "en": [
        "No.",
        "Minutes no.",
        "Unit",
        "Staff",
        "Assets",
        "Asset value (đồng)",
        "Dossiers",
        "Records",
        "In review",
    ],
}
WIDTHS = [1.1, 1.2, 2.8, 1, 1, 2.8, 1.2, 1.3, 1.1]
ALIGN = ["center", "center", "left", "right", "right", "right", "right", "right", "right"]


def _value(m: dict[str, Any], new: str | None = None) -> float:
    """Asset value (đồng) of a minute; of ``new``'s share in a joint minute."""
    if new is not None and m["kind"] == "joint_minute":
        return float(m["shares"].get(new, {}).get("value", 0.0))
    for a in m["annexes"]:
        if a["key"] == "assets":
            return float(a["value"] or 0)
    return 0.0


def _row(i: int, m: dict[str, Any], unit: str, counts: dict[str, int], value: float) -> list[str]:
    return [
        str(i),
        f"{two(m['number'])}",
        unit,
        str(counts["staff"]),
        str(counts["assets"]),
        vnd(value),
        str(counts["dossiers"]),
        str(counts["records"]),
        str(len(m["review"])),
    ]


def _totals(rows: list[list[str]], label: str) -> list[str]:
    def s(k: int) -> int:
        return sum(int(r[k] or 0) for r in rows)

    value = sum(int((r[5] or "0").replace(".", "")) for r in rows)
    return ["", "", label, str(s(3)), str(s(4)), vnd(value), str(s(6)), str(s(7)), str(s(8))]


def _base(
    plan: Plan, labels: Any, number: str, place_date: str, issuing: str, summary: str
) -> dict:
    return {
        "governing_body": f"ỦY BAN NHÂN DÂN {plan.province_name.upper()}",
        "issuing_body": issuing.upper(),
        "number": number,
        "place_date": place_date,
        "doc_type": labels.report_type,
        "summary": summary,
        "bases": [],
        "recipients": ["- Ủy ban nhân dân tỉnh;", "- Sở Nội vụ;", "- Lưu: VT."],
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": ""},
    }


def receiving_summary(
    new: str, minutes: list[dict[str, Any]], plan: Plan, labels: Any, lang: str, place_date: str
) -> dict[str, Any]:
    """What ``new`` receives, minute by minute, with totals (joint minutes count its share only)."""
    name = plan.new_names.get(new, new)
    rows: list[list[str]] = []
    for m in minutes:
        counts = m["shares"].get(new, m["counts"]) if m["kind"] == "joint_minute" else m["counts"]
        unit = f"{plan.old_names.get(m['holder'], m['holder'])} ({m['holder']})"
        value = _value(m, new)
        rows.append(_row(len(rows) + 1, m, unit, counts, value))
    totals = _totals(rows, labels.columns.total)
    people = int(totals[3])
    ctx = _base(
        plan,
        labels,
        f"…/BC-{new}",
        place_date,
        f"Ủy ban nhân dân {unit_phrase(name)}",
        labels.summary_receiving.format(new=unit_phrase(name)),
    )
    ctx["paragraphs"] = [
        f"{name} ({new}) tiếp nhận theo {len(minutes)} biên bản: {people} người "
        f"({in_words(people, lang).lower()} người), {totals[4]} tài sản trị giá {totals[5]} đồng, "
        f"{totals[6]} hồ sơ thủ tục hành chính, {totals[7]} hồ sơ lưu trữ, tài khoản, con dấu."
        if lang != "en"
        else f"{name} ({new}) receives under {len(minutes)} minutes: {people} staff, {totals[4]} assets "
        f"worth {totals[5]} đồng, {totals[6]} dossiers, {totals[7]} records, accounts and seals."
    ]
    ctx["sections"] = [
        {
            "heading": "I. Tiếp nhận theo từng biên bản" if lang != "en" else "I. By minutes",
            "paragraphs": [],
            "table": {
                "columns": HEAD[lang],
                "rows": rows,
                "widths": WIDTHS,
                "align": ALIGN,
                "totals": totals,
            },
        }
    ]
    return ctx


def district_summary(
    district: str,
    minutes: list[dict[str, Any]],
    plan: Plan,
    labels: Any,
    lang: str,
    place_date: str,
) -> dict[str, Any]:
    """Where everything of the district ``district`` went, per receiving unit, with totals."""
    name = plan.old_names.get(district, district)
    rows: list[list[str]] = []
    for m in minutes:
        unit = ", ".join(f"{plan.new_names.get(n, n)} ({n})" for n in m["new_codes"])
        rows.append(_row(len(rows) + 1, m, unit, m["counts"], _value(m)))
    totals = _totals(rows, labels.columns.total)
    bodies = sorted({b for m in minutes for b in m.get("bodies", [])})
    ctx = _base(
        plan,
        labels,
        f"…/BC-{district}",
        place_date,
        f"Ủy ban nhân dân {unit_phrase(name)}",
        labels.summary_district.format(old=unit_phrase(name)),
    )
    ctx["governing_body"] = f"ỦY BAN NHÂN DÂN {plan.province_name.upper()}"
    ctx["paragraphs"] = [
        f"{name} ({district}) kết thúc hoạt động; các cơ quan ({', '.join(bodies) or '…'}) bàn giao theo "
        f"{len(minutes)} biên bản: {totals[3]} người, {totals[4]} tài sản trị giá {totals[5]} đồng, "
        f"{totals[6]} hồ sơ thủ tục hành chính, {totals[7]} hồ sơ lưu trữ, tài khoản, con dấu; "
        f"{totals[8]} mục đang rà soát."
        if lang != "en"
        else f"{name} ({district}) ceases to operate; its bodies hand over under {len(minutes)} minutes."
    ]
    ctx["sections"] = [
        {
            "heading": "I. Nơi nhận theo từng biên bản"
            if lang != "en"
            else "I. Where it went, by minutes",
            "paragraphs": [],
            "table": {
                "columns": HEAD[lang],
                "rows": rows,
                "widths": WIDTHS,
                "align": ALIGN,
                "totals": totals,
            },
        }
    ]
    return ctx
