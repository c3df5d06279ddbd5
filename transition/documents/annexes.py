"""The annex tables of a handover minute, as plain dicts (the renderer and the XLSX writer read them).

An annex is ``{"key", "title", "columns", "rows", "widths", "align", "totals", "notes", "count",
"value", "ids"}``: ``rows`` are lists of text (codes stay text, money in đồng written "1.250.000"),
``totals`` the last row, ``notes`` the lines under the table (the total and "Viết bằng chữ: ..."),
``ids`` the register ids listed (to prove every item is in exactly one annex).

Items come as records (one dict per register row of the reassignment). Annexes and their sources:
staff (masked unless asked), assets (land, headquarters, buildings, vehicles, equipment; value_vnd in
đồng), dossiers (pending, with the time left at the cutover and what to do), archives (records of kind
archive_fonds, in the columns of Decree 30/2020/NĐ-CP Annex V "Mục lục hồ sơ, tài liệu nộp lưu"),
finance (finance_account, balance_vnd), seals (seal), accounts (it_account, signature_certificate).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from ..privacy import mask_date, mask_id
from .words import date_vn, in_words, vnd

RECORD_ANNEX = {
    "archive_fonds": "archives",
    "finance_account": "finance",
    "seal": "seals",
    "it_account": "accounts",
    "signature_certificate": "accounts",
}
ORDER = ("staff", "assets", "dossiers", "archives", "finance", "seals", "accounts")
ASSET_ORDER = {
    k: i for i, k in enumerate(("land", "headquarters", "building", "vehicle", "equipment", "it"))
}
Record = dict[str, Any]


def _s(v: Any) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _num(v: Any) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _finish(
    key: str,
    labels: Any,
    lang: str,
    columns: list[str],
    rows: list[list[str]],
    widths: list[float],
    align: list[str],
    items: list[Record],
    value_col: str | None = None,
) -> dict[str, Any]:
    n = len(rows)
    unit = getattr(labels.units, key)
    notes = [
        labels.total_count.format(count=n, unit=unit),
        labels.in_words.format(words=in_words(n, lang), unit=unit),
    ]
    totals = [""] * len(columns)
    totals[0], totals[1] = str(n), labels.columns.total
    value = None
    if value_col is not None:
        value = float(sum(_num(r[value_col]) or 0.0 for r in items))
        name = labels.columns.value if key == "assets" else labels.columns.balance
        totals[columns.index(name)] = vnd(value)
        notes.append(labels.total_value.format(value=vnd(value), words=in_words(value, lang)))
    return {
        "key": key,
        "title": getattr(labels.annexes, key),
        "columns": columns,
        "rows": rows,
        "widths": widths,
        "align": align,
        "totals": totals,
        "notes": notes,
        "count": n,
        "value": value,
        "ids": [r["id"] for r in items],
    }


def _joint(columns, widths, align, labels, joint: bool) -> None:
    if joint:
        columns.append(labels.columns.receiver)
        widths.append(2)
        align.append("left")


def staff_annex(
    items: list[Record], labels: Any, lang: str, joint: bool, show_personal: bool
) -> dict:
    """Staff handed over; national id and birth date masked unless ``show_personal``."""
    c = labels.columns
    items = sorted(
        items, key=lambda r: (_s(r["body"]), _s(r["category"]), _s(r["position"]), r["id"])
    )
    rows = []
    for i, r in enumerate(items, start=1):
        nid, born = _s(r["national_id"]), _s(r["birth_date"])
        nid, born = (nid, date_vn(born)) if show_personal else (mask_id(nid), mask_date(born))
        row = [str(i), _s(r["full_name"]), nid, born, _s(r["position"]), _s(r["category"])]
        row.append(_s(r["body"]))
        if joint:
            row.append(_s(r["new_name"]))
        rows.append(row)
    columns = [c.no, c.full_name, c.national_id, c.birth_date, c.position, c.category, c.body]
    widths = [1.1, 3, 2.8, 1.3, 2.6, 1.6, 2]
    align = ["center", "left", "center", "center", "left", "left", "left"]
    _joint(columns, widths, align, labels, joint)
    return _finish("staff", labels, lang, columns, rows, widths, align, items)


def asset_annex(items: list[Record], labels: Any, lang: str, joint: bool) -> dict:
    """Assets by kind (land, headquarters, buildings, vehicles, equipment), values in đồng."""
    c, k = labels.columns, labels.kinds
    items = sorted(items, key=lambda r: (ASSET_ORDER.get(r["kind"], 99), r["id"]))
    rows = []
    for i, r in enumerate(items, start=1):
        area = _num(r["floor_area_m2"])
        row = [str(i), _s(r["id"]), _s(r["name"]), getattr(k, r["kind"], _s(r["kind"]))]
        row += [_s(r["address"]), "" if area is None else vnd(area), vnd(_num(r["value_vnd"]))]
        if joint:
            row.append(_s(r["new_name"]))
        rows.append(row)
    columns = [c.no, c.id, c.name, c.kind, c.address, c.floor_area, c.value]
    widths = [1.1, 2, 3.2, 1.6, 2.6, 1.3, 2]
    align = ["center", "left", "left", "left", "left", "right", "right"]
    _joint(columns, widths, align, labels, joint)
    return _finish("assets", labels, lang, columns, rows, widths, align, items, "value_vnd")


def _time_left(days: Any, labels: Any) -> str:
    d = _num(days)
    if d is None:
        return ""
    return labels.overdue.format(days=int(-d)) if d < 0 else labels.days_left.format(days=int(d))


def dossier_annex(items: list[Record], labels: Any, lang: str, joint: bool) -> dict:
    """Pending dossiers: received, due, the days left at the cutover (or overdue), what to do."""
    c = labels.columns
    items = sorted(items, key=lambda r: (_s(r["due"]), r["id"]))
    rows = []
    for i, r in enumerate(items, start=1):
        row = [str(i), _s(r["id"]), _s(r["procedure_code"]), _s(r["field"])]
        row += [
            date_vn(_s(r["received"])),
            date_vn(_s(r["due"])),
            _time_left(r["days_left"], labels),
        ]
        row.append(_s(r["triage"]))
        if joint:
            row.append(_s(r["new_name"]))
        rows.append(row)
    columns = [c.no, c.id, c.procedure, c.field, c.received, c.due, c.time_left, c.action]
    widths = [1.1, 2, 1.4, 1.8, 1.4, 1.4, 1.6, 2.6]
    align = ["center", "left", "center", "left", "center", "center", "left", "left"]
    _joint(columns, widths, align, labels, joint)
    return _finish("dossiers", labels, lang, columns, rows, widths, align, items)


def archive_annex(items: list[Record], labels: Any, lang: str, joint: bool, cutover: str) -> dict:
    """The columns of Decree 30/2020 Annex V: STT, số và ký hiệu hồ sơ, tiêu đề, thời gian, thời hạn
    bảo quản, số tờ, ghi chú. A fonds is closed at the termination date (the day before the cutover,
    Official Letter 414/BNV-VTLTNN); its retention is permanent; the sheet count is written by hand."""
    c, k = labels.columns, labels.kinds
    items = sorted(items, key=lambda r: r["id"])
    closed = (dt.date.fromisoformat(cutover) - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    period = k.period.format(date=closed)
    rows = [
        [
            str(i),
            _s(r["id"]),
            _s(r["name"]),
            period,
            k.retention,
            "....",
            _s(r["new_name"] if joint else r["body"]),
        ]
        for i, r in enumerate(items, start=1)
    ]
    columns = [c.no, c.record_no, c.title, c.period, c.retention, c.sheets, c.note]
    widths = [1.1, 2.2, 3.6, 1.6, 1.5, 1, 2]
    align = ["center", "left", "left", "center", "center", "center", "left"]
    return _finish("archives", labels, lang, columns, rows, widths, align, items)


def record_annex(key: str, items: list[Record], labels: Any, lang: str, joint: bool) -> dict:
    """Finance accounts (with balances in đồng), seals, IT accounts and certificates."""
    c, k = labels.columns, labels.kinds
    items = sorted(items, key=lambda r: (r["kind"], r["id"]))
    finance = key == "finance"
    rows = []
    for i, r in enumerate(items, start=1):
        row = [
            str(i),
            _s(r["id"]),
            _s(r["name"]),
            getattr(k, r["kind"], _s(r["kind"])),
            _s(r["body"]),
        ]
        if finance:
            row.append(vnd(_num(r["balance_vnd"])))
        if joint:
            row.append(_s(r["new_name"]))
        rows.append(row)
    columns = [c.no, c.id, c.name, getattr(c, "class"), c.body]
    widths = [1.1, 2.2, 3.6, 1.8, 2.2]
    align = ["center", "left", "left", "left", "left"]
    if finance:
        columns.append(c.balance)
        widths.append(2)
        align.append("right")
    _joint(columns, widths, align, labels, joint)
    value_col = "balance_vnd" if finance else None
    return _finish(key, labels, lang, columns, rows, widths, align, items, value_col)


def build_annexes(
    items: dict[str, list[Record]],
    labels: Any,
    lang: str,
    *,
    joint: bool,
    show_personal: bool,
    cutover: str,
) -> list[dict[str, Any]]:
    """Every non-empty annex of one minute, in the order of :data:`ORDER`, from the records it
    hands over (``items``: class -> records)."""
    out: dict[str, dict] = {}
    if items.get("staff"):
        out["staff"] = staff_annex(items["staff"], labels, lang, joint, show_personal)
    if items.get("assets"):
        out["assets"] = asset_annex(items["assets"], labels, lang, joint)
    if items.get("dossiers"):
        out["dossiers"] = dossier_annex(items["dossiers"], labels, lang, joint)
    groups: dict[str, list[Record]] = {}
    for r in items.get("records", []):
        groups.setdefault(RECORD_ANNEX.get(r["kind"], "accounts"), []).append(r)
    for key, part in groups.items():
        if key == "archives":
            out[key] = archive_annex(part, labels, lang, joint, cutover)
        else:
            out[key] = record_annex(key, part, labels, lang, joint)
    return [out[k] for k in ORDER if k in out]
