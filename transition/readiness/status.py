"""Status of every unit on every trial day, never optimistic.

For day *d*, unit *u* and item *i* the item's status is, for an attested item, the latest report on or
before *d* that no later report of the same day supersedes (an item never reported is
``not_reported``, which counts as not started, never as done); for a derived item, what the workspace
shows now. Each open item weighs on the unit:

* red (đỏ): a critical item blocked, or open past its due date (cutover + ``due`` days);
* amber (vàng): any other open item (partly done, not started, blocked non-critical, late non-critical);
* green (xanh) only when every item is done;
* a unit that sent no report for the day is ``not_reported`` (chưa báo cáo) unless it is red: it is
  never green. The order, best to worst: green < amber < not_reported < red.
  A unit's first row of the day can thus move it from not_reported to amber (a non-critical item
  reported blocked is known, silence is not); reporting never makes a unit green while any item is
  open, nor raises its score above what its items earn.

The score is ``100 × Σ wᵢ·cᵢ / Σ wᵢ`` with credit ``cᵢ`` 1 for done, ½ for partly, 0 otherwise.
A day's report is on time when its first row was sent by ``report_deadline_hour`` of that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..profiles.readiness import Readiness
from .reports import STATUS_CODE, STATUSES

UNIT_STATUSES = ("green", "amber", "not_reported", "red")
UNIT_STATUS_VI = {
    "green": "xanh (sẵn sàng)",
    "amber": "vàng (đang thực hiện)",
    "not_reported": "chưa báo cáo",
    "red": "đỏ (vướng mắc, quá hạn)",
}
GREEN, AMBER, NOT_REPORTED, RED = range(4)
_CREDIT = np.array([1.0, 0.5, 0.0, 0.0, 0.0])  # done, partly, not_started, blocked, not_reported


@dataclass(frozen=True)
class Grid:
    """Status of every (day, unit, item), as arrays.

    ``item_status[d, u, i]``: codes of :data:`~transition.readiness.reports.STATUS_CODE` (0 done …
    4 not reported); ``severity[d, u, i]``: 0 none, 1 amber, 3 red; ``unit_status[d, u]``: index into
    :data:`UNIT_STATUSES`; ``reported`` / ``on_time[d, u]``: the unit's report of the day exists / was
    on time; ``score[d, u]`` (0–100); ``overdue[d, u, i]``: open past its due date.
    """

    days: list[dt.date]
    units: list[str]
    items: list[str]
    item_status: np.ndarray
    severity: np.ndarray
    overdue: np.ndarray
    unit_status: np.ndarray
    reported: np.ndarray
    on_time: np.ndarray
    score: np.ndarray


def _attested_codes(events, days, units, items) -> np.ndarray:
    """``[day, unit, item]`` status codes carried forward from the current reports (4 = none yet)."""
    nd, nu, ni = len(days), len(units), len(items)
    grid = np.full((nu, ni, nd), -1, dtype=np.int16)
    if len(events):
        cur = events[~events["superseded"].astype(bool)]
        u = pd.Index(units).get_indexer(cur["unit_code"])
        i = pd.Index(items).get_indexer(cur["item"])
        d = (cur["date"].to_numpy("datetime64[D]") - np.datetime64(days[0], "D")).astype(int)
        ok = (u >= 0) & (i >= 0) & (d >= 0) & (d < nd)
        grid[u[ok], i[ok], d[ok]] = cur["status"].map(STATUS_CODE).to_numpy()[ok]
    # carry the latest report forward: index of the last day with a report, per cell
    idx = np.where(grid >= 0, np.arange(nd), -1)
    np.maximum.accumulate(idx, axis=2, out=idx)
    carried = np.take_along_axis(grid, np.maximum(idx, 0), axis=2)
    carried = np.where(idx >= 0, carried, STATUS_CODE["not_reported"])
    return np.transpose(carried, (2, 0, 1))


def _report_days(events, days, units, deadline_hour: int) -> tuple[np.ndarray, np.ndarray]:
    """``reported[d, u]`` and ``on_time[d, u]`` from the valid rows of each day (superseded too:
    a report was sent even if corrected later)."""
    nd, nu = len(days), len(units)
    reported = np.zeros((nd, nu), dtype=bool)
    on_time = np.zeros((nd, nu), dtype=bool)
    if not len(events):
        return reported, on_time
    u = pd.Index(units).get_indexer(events["unit_code"])
    d = (events["date"].to_numpy("datetime64[D]") - np.datetime64(days[0], "D")).astype(int)
    ok = (u >= 0) & (d >= 0) & (d < nd)
    reported[d[ok], u[ok]] = True
    deadline = events["date"] + pd.Timedelta(hours=deadline_hour)
    timely = (events["submitted"].notna() & (events["submitted"] <= deadline)).to_numpy()
    # on time when the first row of the day was sent in time
    first = (
        pd.DataFrame({"d": d[ok], "u": u[ok], "t": timely[ok]})
        .groupby(["d", "u"], sort=False)["t"]
        .any()
    )
    on_time[first.index.get_level_values(0), first.index.get_level_values(1)] = first.to_numpy()
    return reported, on_time


def compute_grid(
    events: pd.DataFrame,
    derived: pd.DataFrame,
    units: list[str],
    profile: Readiness,
    days: list[dt.date],
    cutover: dt.date,
) -> Grid:
    """Status of every unit and item on every day of ``days`` (consecutive, first to last).

    ``events``: :data:`~transition.readiness.reports.EVENT_COLUMNS`; ``derived``: ``unit_code, item,
    status`` (from :func:`~transition.readiness.derived.derive_items`), the same on every day; a
    derived item missing for a unit is ``not_reported`` (open).
    """
    items = [i.id for i in profile.items]
    attested = [i.id for i in profile.attested]
    nd, nu, ni = len(days), len(units), len(items)
    status = np.full((nd, nu, ni), STATUS_CODE["not_reported"], dtype=np.int16)
    a_idx = [items.index(i) for i in attested]
    if attested:
        status[:, :, a_idx] = _attested_codes(events, days, units, attested)
    if len(derived):
        u = pd.Index(units).get_indexer(derived["unit_code"])
        i = pd.Index(items).get_indexer(derived["item"])
        ok = (u >= 0) & (i >= 0)
        status[:, u[ok], i[ok]] = derived["status"].map(STATUS_CODE).to_numpy()[ok]
    critical = np.array([i.critical for i in profile.items])
    due = np.array([np.datetime64(cutover + dt.timedelta(days=i.due), "D") for i in profile.items])
    day_arr = np.array([np.datetime64(d, "D") for d in days])
    open_ = status != 0
    overdue = open_ & (day_arr[:, None, None] > due[None, None, :])
    blocked = status == STATUS_CODE["blocked"]
    red = critical[None, None, :] & (blocked | overdue)
    severity = np.where(red, RED, np.where(open_, AMBER, GREEN)).astype(np.int8)
    worst = severity.max(axis=2) if ni else np.zeros((nd, nu), dtype=np.int8)
    reported, on_time = _report_days(events, days, units, profile.report_deadline_hour)
    unit_status = np.where(
        worst == RED, RED, np.where(~reported, NOT_REPORTED, np.where(worst == AMBER, AMBER, GREEN))
    ).astype(np.int8)
    weights = np.array([i.weight for i in profile.items], dtype=float)
    score = 100.0 * (_CREDIT[status] * weights).sum(axis=2) / max(weights.sum(), 1e-9)
    return Grid(
        list(days),
        list(units),
        items,
        status,
        severity,
        overdue,
        unit_status,
        reported,
        on_time,
        np.round(score, 1),
    )


def status_name(code: int) -> str:
    """Item status code -> its name (``done`` … ``not_reported``)."""
    return (*STATUSES, "not_reported")[code]
