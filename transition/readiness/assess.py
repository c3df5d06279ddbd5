"""One call from the reports and derived items to the day's assessment: units, roll-up, go / no-go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..errors import TransitionError
from ..problems import Problem
from ..profiles.readiness import Readiness
from .rollup import blockers_ranked, day_summary, go_no_go, item_rollup, notes_of_day, unit_rows
from .status import Grid, compute_grid


class ReadinessDateError(TransitionError):
    """The date asked for is not a day of the trial run."""


@dataclass(frozen=True)
class Assessment:
    """The readiness of every unit on ``date`` and the province's roll-up (see :meth:`to_dict`)."""

    date: dt.date
    go: bool
    reasons: list[str]
    units: list[dict]
    rollup: dict
    grid: Grid
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict:
        """``{"date", "go", "reasons", "units": [{"code", "name", "status", "score", "blockers",
        "overdue", ...}], "rollup": {"items", "completeness", "on_time", "by_status", "blockers",
        "trend"}, "problems": [...]}`` (the shape of ``results/readiness/readiness.json``)."""
        return {
            "date": self.date.isoformat(),
            "go": self.go,
            "reasons": self.reasons,
            "units": self.units,
            "rollup": self.rollup,
            "problems": [p.to_dict() for p in self.problems],
        }


def trial_days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]


def default_date(events: pd.DataFrame, start: dt.date, end: dt.date) -> dt.date:
    """The latest day with a report (within the trial), else the first day of the trial."""
    if len(events):
        last = pd.Timestamp(events["date"].max()).date()
        return min(max(last, start), end)
    return start


def assess(
    events: pd.DataFrame,
    derived: pd.DataFrame,
    names: dict[str, str],
    profile: Readiness,
    *,
    trial: tuple[dt.date, dt.date],
    cutover: dt.date,
    date: dt.date | None = None,
    lang: str = "vi",
    problems: list[Problem] | None = None,
) -> Assessment:
    """Assess every unit of ``names`` (code -> name) on ``date`` (default: the last day reported).

    ``events``: parsed reports (:func:`~transition.readiness.reports.parse_reports`); ``derived``:
    :func:`~transition.readiness.derived.derive_items`. Raises :class:`ReadinessDateError` when
    ``date`` lies outside the trial ``(first, last)``.
    """
    start, end = trial
    date = date or default_date(events, start, end)
    if not start <= date <= end:
        raise ReadinessDateError(
            f"date {date:%d/%m/%Y} is outside the trial run {start:%d/%m/%Y}–{end:%d/%m/%Y} "
            "(mappings/timeline.toml); pick a day within it"
        )
    days = trial_days(start, date)
    units = sorted(names)
    grid = compute_grid(events, derived, units, profile, days, cutover)
    d = len(days) - 1
    go, reasons = go_no_go(grid, d, profile, lang)
    today = day_summary(grid, d)
    rollup = {
        "items": item_rollup(grid, d, profile, cutover, lang),
        "completeness": today["completeness"],
        "on_time": today["on_time"],
        "by_status": today["by_status"],
        "items_done": today["items_done"],
        "blockers": blockers_ranked(grid, d, profile, lang),
        "trend": [day_summary(grid, k) for k in range(len(days))],
    }
    notes = notes_of_day(events, derived, date)
    units_out = unit_rows(grid, d, profile, names, notes, cutover, lang)
    return Assessment(date, go, reasons, units_out, rollup, grid, list(problems or []))
