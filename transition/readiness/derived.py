"""Derived readiness items: computed from the plan, the check and the assignment, never typed in.

Each function takes the frames it needs (``None`` when the workspace lacks the file: the item is then
open with a reason saying which command to run) and returns one row per new unit:
``unit_code, item, status, reason`` with ``status`` one of ``done``, ``partly``, ``not_started``,
``blocked`` (the vocabulary of the daily reports). :func:`derive_items` runs them all.

Sources: Kế hoạch 551-KH/TU (Quảng Ninh) for what a ready unit has; Decree 30/2020/NĐ-CP Annex V and
Official Letter 414/BNV-VTLTNN for the handover of records (the fonds is closed on the day the body
stops operating).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

COLUMNS = ["unit_code", "item", "status", "reason"]


@dataclass(frozen=True)
class Sources:
    """What the derived items read, as frames (``None`` = the file is absent).

    ``units``: new commune-level units (``code``, ``name``); ``crosswalk``: ``old_code, new_code``;
    ``problems``: the check's problems (``severity, unit_code``); ``quota``: ``new_code,
    counted_staff, open_titles``; ``headquarters``: ``new_code, capacity, staff, proposal``;
    ``dossiers``: ``new_code, overdue, triage``; ``review``: ``class, id, holder, candidates``;
    ``handover``: per new unit ``new_code, generated, signed, outstanding`` (contract 2);
    ``as_of``: the day judged (a dossier is overdue when its ``due`` is before it; default: the
    ``overdue`` column the assignment wrote, judged on the day before the cutover).
    """

    units: pd.DataFrame
    crosswalk: pd.DataFrame
    problems: pd.DataFrame | None = None
    quota: pd.DataFrame | None = None
    headquarters: pd.DataFrame | None = None
    dossiers: pd.DataFrame | None = None
    review: pd.DataFrame | None = None
    handover: pd.DataFrame | None = None
    as_of: dt.date | None = None


def _rows(units: pd.DataFrame, item: str, decide: Callable[[str], tuple[str, str]]) -> pd.DataFrame:
    rows = [(code, item, *decide(code)) for code in units["code"]]
    return pd.DataFrame(rows, columns=COLUMNS)


def _absent(what: str, command: str) -> tuple[str, str]:
    return "not_started", f"chưa có {what}: chạy '{command}'"


def plan_checks(src: Sources) -> pd.DataFrame:
    """Done when the check ran and found no error on the unit, its old units, or the whole plan."""
    if src.problems is None:
        return _rows(
            src.units, "plan_checks", lambda _c: _absent("kết quả kiểm tra", "transition check")
        )
    errors = src.problems[src.problems["severity"].astype(str) == "error"]
    to_new = src.crosswalk.groupby("old_code")["new_code"].agg(list).to_dict()
    per_unit: dict[str, int] = {}
    plan_wide = 0
    for code in errors["unit_code"].fillna("").astype(str):
        targets = to_new.get(code, [code] if code else [])
        if not targets:
            plan_wide += 1
        for t in targets:
            per_unit[t] = per_unit.get(t, 0) + 1

    def decide(code: str) -> tuple[str, str]:
        n = per_unit.get(code, 0) + plan_wide
        if n:
            return "blocked", f"{n} lỗi của phương án (transition check)"
        return "done", ""

    return _rows(src.units, "plan_checks", decide)


def staff_posts(src: Sources) -> pd.DataFrame:
    """Done when staff are placed in the unit and no title slot is left open (chair, vice-chairs,
    each civil-servant title of ``mappings/staffing_2025.toml``); partly when titles are open."""
    if src.quota is None:
        return _rows(
            src.units, "staff_posts", lambda _c: _absent("phân bổ cán bộ", "transition assign")
        )
    q = src.quota.set_index("new_code")

    def decide(code: str) -> tuple[str, str]:
        if code not in q.index or int(float(q.at[code, "counted_staff"] or 0)) == 0:
            return "not_started", "chưa bố trí cán bộ, công chức"
        gaps = str(q.at[code, "open_titles"] or "").strip()
        if gaps and gaps != "nan":
            return "partly", f"còn thiếu chức danh: {gaps}"
        return "done", ""

    return _rows(src.units, "staff_posts", decide)


def headquarters(src: Sources) -> pd.DataFrame:
    """Done when a main seat is chosen and the kept workplaces seat the unit's staff; partly when
    the seat is chosen but workplaces are short (the shortfall is named)."""
    if src.headquarters is None:
        return _rows(
            src.units, "headquarters", lambda _c: _absent("phương án trụ sở", "transition assign")
        )
    hq = src.headquarters
    kept = hq[~hq["proposal"].astype(str).str.startswith("dôi dư")]
    main = set(hq.loc[hq["proposal"].astype(str).str.startswith("trụ sở chính"), "new_code"])
    seats = kept.groupby("new_code")["capacity"].apply(lambda s: pd.to_numeric(s).fillna(0).sum())
    staff = hq.groupby("new_code")["staff"].apply(lambda s: pd.to_numeric(s).fillna(0).max())

    def decide(code: str) -> tuple[str, str]:
        if code not in main:
            return "not_started", "chưa chọn trụ sở chính"
        short = int(staff.get(code, 0) - seats.get(code, 0))
        if short > 0:
            return "partly", f"thiếu {short} chỗ làm việc"
        return "done", ""

    return _rows(src.units, "headquarters", decide)


def pending_dossiers(src: Sources) -> pd.DataFrame:
    """Done when every pending dossier of the unit is due before the cutover or on the transfer
    list; open when some are overdue or have no due date (counts named)."""
    if src.dossiers is None:
        return _rows(
            src.units,
            "pending_dossiers",
            lambda _c: _absent("phân loại hồ sơ", "transition assign"),
        )
    d = src.dossiers
    if src.as_of is not None and "due" in d:
        due = pd.to_datetime(d["due"], format="%Y-%m-%d", errors="coerce")
        overdue = due < pd.Timestamp(src.as_of)
    else:
        overdue = d["overdue"].astype(str).str.lower().isin(["true", "1", "có"])
    undated = d["triage"].astype(str).str.startswith("chưa rõ hạn")
    late = d[overdue].groupby("new_code").size()
    nodate = d[undated].groupby("new_code").size()

    def decide(code: str) -> tuple[str, str]:
        a, b = int(late.get(code, 0)), int(nodate.get(code, 0))
        if a or b:
            parts = [f"{a} hồ sơ quá hạn"] * bool(a) + [f"{b} hồ sơ chưa rõ hạn"] * bool(b)
            return "partly", "; ".join(parts)
        return "done", ""

    return _rows(src.units, "pending_dossiers", decide)


def handover_minutes(src: Sources) -> pd.DataFrame:
    """Done when the unit has handover minutes and every one is signed (the records minute closes
    the fonds); partly when some are signed; open when none is generated or the register is absent."""
    if src.handover is None:
        return _rows(
            src.units,
            "handover_minutes",
            lambda _c: _absent("sổ biên bản bàn giao", "transition documents"),
        )
    h = src.handover.set_index("new_code")

    def decide(code: str) -> tuple[str, str]:
        if code not in h.index or int(h.at[code, "generated"]) == 0:
            return "not_started", "chưa lập biên bản bàn giao"
        generated, signed = int(h.at[code, "generated"]), int(h.at[code, "signed"])
        changed = int(h.at[code, "changed_since_signed"]) if "changed_since_signed" in h else 0
        if signed < generated:
            status = "partly" if signed else "not_started"
            return status, f"{generated - signed}/{generated} biên bản chưa ký"
        if changed:  # the tracker flags a minute whose content changed after it was signed
            return "partly", f"{changed}/{generated} biên bản thay đổi sau khi ký: ký lại"
        return "done", ""

    return _rows(src.units, "handover_minutes", decide)


def nothing_in_review(src: Sources) -> pd.DataFrame:
    """Done when no item of the review list may go to the unit (its candidates name it, or its
    holder is one of the unit's old units); otherwise the count per class is named."""
    if src.review is None:
        return _rows(
            src.units,
            "nothing_in_review",
            lambda _c: _absent("danh sách xem xét", "transition assign"),
        )
    to_new = src.crosswalk.groupby("old_code")["new_code"].agg(list).to_dict()
    counts: dict[str, dict[str, int]] = {}
    review = src.review
    candidates = (
        review["candidates"] if "candidates" in review else pd.Series("", index=review.index)
    )
    for kind, holder, cand in zip(
        review["class"].astype(str), review["holder"].astype(str), candidates, strict=True
    ):
        names = {c for c in str(cand or "").split(";") if c and c != "nan"}
        for c in names | set(to_new.get(holder, [])):
            per = counts.setdefault(c, {})
            per[kind] = per.get(kind, 0) + 1

    def decide(code: str) -> tuple[str, str]:
        per = counts.get(code)
        if per:
            return "partly", "chờ xem xét: " + ", ".join(f"{n} {k}" for k, n in sorted(per.items()))
        return "done", ""

    return _rows(src.units, "nothing_in_review", decide)


DERIVERS: dict[str, Callable[[Sources], pd.DataFrame]] = {
    "plan_checks": plan_checks,
    "staff_posts": staff_posts,
    "headquarters": headquarters,
    "pending_dossiers": pending_dossiers,
    "handover_minutes": handover_minutes,
    "nothing_in_review": nothing_in_review,
}


def derive_items(src: Sources, item_ids: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Every derived item named in ``item_ids`` for every unit: ``unit_code, item, status, reason``."""
    frames = [DERIVERS[i](src) for i in item_ids if i in DERIVERS]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(frames, ignore_index=True)
