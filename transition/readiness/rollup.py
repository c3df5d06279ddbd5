"""The province's roll-up of a day, the trend over the trial, and the go / no-go for the cutover.

Counts first, rates from counts: per item, units done out of units expected ("54/54 đơn vị");
report completeness and timeliness as DHIS2 counts them (units that reported, and that reported on
time, out of the units expected, never an average of unit rates); units by status; blockers ranked
by how many units they hold back. Go only when no unit has a critical item open and every unit
reported that day (Kế hoạch 551-KH/TU: the units must be ready before the cutover).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..profiles.readiness import Readiness
from .reports import STATUS_CODE, STATUS_VI
from .status import RED, UNIT_STATUS_VI, UNIT_STATUSES, Grid, status_name


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _count(num: int, den: int) -> dict:
    return {"count": int(num), "expected": int(den), "rate": _rate(num, den)}


def item_rollup(
    grid: Grid, d: int, profile: Readiness, cutover: dt.date, lang: str = "vi"
) -> list[dict]:
    """Per item on day index ``d``: units done / expected, partly, not started, blocked, not
    reported, overdue, and the due date."""
    s = grid.item_status[d]
    n = len(grid.units)
    out = []
    for k, item in enumerate(profile.items):
        col = s[:, k]
        counts = {name: int((col == code).sum()) for name, code in STATUS_CODE.items()}
        out.append(
            {
                "id": item.id,
                "label": item.label(lang),
                "kind": item.kind,
                "critical": item.critical,
                "due": (cutover + dt.timedelta(days=item.due)).isoformat(),
                "owner": item.owner,
                "expected": n,
                **counts,
                "overdue": int(grid.overdue[d, :, k].sum()),
                "text": f"{counts['done']}/{n}",
            }
        )
    return out


def blockers_ranked(grid: Grid, d: int, profile: Readiness, lang: str = "vi") -> list[dict]:
    """Items that hold units back on day ``d`` (blocked, or open past due), most units first."""
    s = grid.item_status[d]
    held = (s == STATUS_CODE["blocked"]) | grid.overdue[d]
    rows = []
    for k, item in enumerate(profile.items):
        units = [grid.units[u] for u in np.flatnonzero(held[:, k])]
        if units:
            rows.append(
                {
                    "item": item.id,
                    "label": item.label(lang),
                    "critical": item.critical,
                    "units": len(units),
                    "blocked": int((s[:, k] == STATUS_CODE["blocked"]).sum()),
                    "overdue": int(grid.overdue[d, :, k].sum()),
                    "owner": item.owner,
                    "unit_codes": units,
                }
            )
    return sorted(rows, key=lambda r: (-r["units"], not r["critical"], r["item"]))


def day_summary(grid: Grid, d: int) -> dict:
    """Counts of a day: units by status, reports and on-time reports out of expected, cells done."""
    n = len(grid.units)
    by_status = {
        name: int((grid.unit_status[d] == k).sum()) for k, name in enumerate(UNIT_STATUSES)
    }
    cells = grid.item_status[d]
    return {
        "date": grid.days[d].isoformat(),
        "by_status": by_status,
        "completeness": _count(int(grid.reported[d].sum()), n),
        "on_time": _count(int(grid.on_time[d].sum()), n),
        "items_done": _count(int((cells == 0).sum()), cells.size),
    }


def go_no_go(grid: Grid, d: int, profile: Readiness, lang: str = "vi") -> tuple[bool, list[str]]:
    """Go only when no unit has a critical item open and every unit reported on day ``d``.

    Returns ``(go, reasons)``: the reasons name each critical item still open (units out of
    expected) and the units that did not report.
    """
    n = len(grid.units)
    s = grid.item_status[d]
    reasons = []
    for k, item in enumerate(profile.items):
        if not item.critical:
            continue
        open_n = int((s[:, k] != 0).sum())
        if open_n:
            if lang == "en":
                reasons.append(f"critical item '{item.en}' open in {open_n}/{n} units")
            else:
                reasons.append(f"mục bắt buộc '{item.vi}' chưa xong ở {open_n}/{n} đơn vị")
    missing = n - int(grid.reported[d].sum())
    day = grid.days[d].strftime("%d/%m/%Y")
    if missing:
        reasons.append(
            f"{missing}/{n} units did not report on {day}"
            if lang == "en"
            else f"{missing}/{n} đơn vị chưa báo cáo ngày {day}"
        )
    go = not reasons
    if go:
        reasons.append(
            f"all critical items done in {n}/{n} units; {n}/{n} units reported on {day}"
            if lang == "en"
            else f"mọi mục bắt buộc đã xong ở {n}/{n} đơn vị; {n}/{n} đơn vị đã báo cáo ngày {day}"
        )
    return go, reasons


def unit_rows(
    grid: Grid,
    d: int,
    profile: Readiness,
    names: dict[str, str],
    notes: dict[tuple[str, str], str],
    cutover: dt.date,
    lang: str = "vi",
) -> list[dict]:
    """Each unit on day ``d``: code, name, status, score, its blockers and overdue items (with owner,
    due date, status and the note of the report or the derived reason). Worst units first."""
    s, sev, over = grid.item_status[d], grid.severity[d], grid.overdue[d]
    rows = []
    for u, code in enumerate(grid.units):
        blockers, overdue = [], []
        for k, item in enumerate(profile.items):
            entry = {
                "item": item.id,
                "label": item.label(lang),
                "owner": item.owner,
                "due": (cutover + dt.timedelta(days=item.due)).isoformat(),
                "status": status_name(int(s[u, k])),
                "critical": item.critical,
                "note": notes.get((code, item.id), ""),
            }
            if s[u, k] == STATUS_CODE["blocked"]:
                blockers.append(entry)
            elif over[u, k]:
                overdue.append(entry)
        status = UNIT_STATUSES[int(grid.unit_status[d, u])]
        rows.append(
            {
                "code": code,
                "name": names.get(code, ""),
                "status": status,
                "status_label": UNIT_STATUS_VI[status]
                if lang != "en"
                else status.replace("_", " "),
                "score": float(grid.score[d, u]),
                "reported": bool(grid.reported[d, u]),
                "on_time": bool(grid.on_time[d, u]),
                "red_items": int((sev[u] == RED).sum()),
                "blockers": blockers,
                "overdue": overdue,
            }
        )
    rank = {name: k for k, name in enumerate(UNIT_STATUSES)}
    return sorted(rows, key=lambda r: (-rank[r["status"]], r["score"], r["code"]))


def notes_of_day(
    events: pd.DataFrame, derived: pd.DataFrame, day: dt.date
) -> dict[tuple[str, str], str]:
    """(unit, item) -> the note of its current report on or before ``day``, or the derived reason."""
    out: dict[tuple[str, str], str] = {}
    if len(events):
        cur = events[~events["superseded"].astype(bool) & (events["date"] <= pd.Timestamp(day))]
        cur = cur.sort_values(["date", "seq"]).drop_duplicates(["unit_code", "item"], keep="last")
        for u, i, note, ev in zip(
            cur["unit_code"], cur["item"], cur["note"], cur["evidence"], strict=True
        ):
            text = "; ".join(t for t in (str(note).strip(), str(ev).strip()) if t and t != "nan")
            if text:
                out[(u, i)] = text
    for u, i, reason in zip(derived["unit_code"], derived["item"], derived["reason"], strict=True):
        if reason:
            out[(u, i)] = reason
    return out


def status_vi(code: str) -> str:
    return STATUS_VI.get(code, code)
