"""`transition monitor`: after go-live, per unit and for the province, per day and month, the online,
on-time and digitisation rates against the profile's targets, and the monthly list of delays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..io.atomic import write_bytes
from ..io.readiness import MONITOR_DIR, png_bytes, write_json
from ..io.tables import write_xlsx
from ..io.workspace import Workspace
from ..problems import ERROR, Problem
from ..profiles import load_profile
from ..profiles.readiness import Readiness
from ..readiness import monitor as m
from ..readiness.monitor_document import monitor_context, monitor_figure
from ..readiness.processing_log import read_processing_log
from .common import Progress, say


def _records(frame: pd.DataFrame) -> list[dict]:
    clean = frame.astype(object).where(frame.notna(), None)
    return [
        {k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()}
        for r in clean.to_dict("records")
    ]


@dataclass(frozen=True)
class MonitorResult:
    """Counts and rates (frames) and the problems met reading the log."""

    workspace: Path
    log_file: str
    period: tuple[str, str]
    province_days: pd.DataFrame
    province_months: pd.DataFrame
    unit_days: pd.DataFrame
    unit_months: pd.DataFrame
    delays: pd.DataFrame
    names: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"log", "period", "province": {"months", "days"}, "units": [{"code", "name", "months"}],
        "delays": [...], "problems": [...]}``; each row holds the counts, the rates (None when
        nothing to divide), the target in force and whether it is met."""
        months = dict(tuple(self.unit_months.groupby("unit_code")))
        return {
            "log": self.log_file,
            "period": {"first": self.period[0], "last": self.period[1]},
            "province": {
                "months": _records(self.province_months),
                "days": _records(self.province_days),
            },
            "units": [
                {
                    "code": c,
                    "name": self.names.get(c, ""),
                    "months": _records(months[c].drop(columns="unit_code")),
                }
                for c in sorted(months)
            ],
            "delays": _records(
                self.delays.assign(unit_name=self.delays["unit_code"].map(self.names))
            ),
            "problems": [p.to_dict() for p in self.problems],
        }


def compute_monitor(log: pd.DataFrame, profile: Readiness) -> dict[str, pd.DataFrame]:
    """The frames of :class:`MonitorResult` from a canonical log (pure; the benchmark times it)."""
    out = {}
    for period in ("day", "month"):
        units = m.counts(log, period)
        out[f"unit_{period}s"] = m.against_targets(m.with_rates(units), profile, period)
        out[f"province_{period}s"] = m.against_targets(
            m.with_rates(m.province(units)), profile, period
        )
    # the log's end: the start of the day after its latest time (received or finished)
    latest = max(log["received"].max(), log["finished"].max()) if len(log) else pd.Timestamp(0)
    out["delays"] = m.delays(log, latest.normalize() + pd.Timedelta(days=1))
    return out


def monitor_workspace(
    path: str | Path, log_file: str | Path, *, write: bool = True, progress: Progress | None = None
) -> MonitorResult:
    """Read the processing log ``log_file``, compute the indicators and write ``results/monitor/``.
    Rows of units that are not new units of the plan are left out as problems. Raises
    :class:`~transition.errors.InputFileError` when the log cannot be read or lacks a column."""
    ws = Workspace.at(path)
    plan = ws.load_plan()
    profile = load_profile(Readiness, "readiness.toml", ws.root)
    names = dict(zip(plan.new_communes["code"], plan.new_communes["name"], strict=True))
    say(progress, "reading the log")
    problems: list[Problem] = []
    log = read_processing_log(log_file, problems)
    unknown = ~log["unit_code"].isin(list(names))
    for code, n in log.loc[unknown, "unit_code"].value_counts().sort_index().items():
        problems.append(
            Problem(
                code="monitor-unit",
                severity=ERROR,
                message=f"{n} rows name unit '{code}', which is not a new unit of the plan; left out",
                file=str(log_file),
                unit_code=str(code),
                fix="use the codes of plan/new_units.csv",
            )
        )
    log = log[~unknown]
    say(progress, "computing the rates")
    frames = compute_monitor(log, profile)
    period = (
        (log["received"].min().date().isoformat(), log["received"].max().date().isoformat())
        if len(log)
        else ("", "")
    )
    result = MonitorResult(ws.root, str(log_file), period, names=names, problems=problems, **frames)
    if write:
        say(progress, "writing the results")
        written = write_monitor(ws, result, profile, plan.province_name)
        result = MonitorResult(**{**result.__dict__, "written": written})
    return result


def write_monitor(
    ws: Workspace, result: MonitorResult, profile: Readiness, province: str
) -> list[str]:
    """monitor.json, monitor.xlsx (province and units by month and day, delays), trend.png, bao_cao.docx."""
    from ..render.docx import render_docx

    out = ws.root / MONITOR_DIR
    data = result.to_dict()
    write_json(out / "monitor.json", data)
    named = {
        k: f.assign(unit_name=f["unit_code"].map(result.names)) if "unit_code" in f else f
        for k, f in (
            ("Tỉnh theo tháng", result.province_months),
            ("Tỉnh theo ngày", result.province_days),
            ("Đơn vị theo tháng", result.unit_months),
            ("Đơn vị theo ngày", result.unit_days),
            ("Chậm muộn", result.delays),
        )
    }
    if result.problems:
        named["Dòng lỗi"] = pd.DataFrame([p.to_dict() for p in result.problems])
    write_xlsx(out / "monitor.xlsx", named)
    fig = monitor_figure(result.province_days, profile, f"Chỉ số phục vụ sau vận hành – {province}")
    png = png_bytes(fig)
    import matplotlib.pyplot as plt

    plt.close(fig)
    write_bytes(out / "trend.png", png)
    last = dt.date.fromisoformat(result.period[1]) if result.period[1] else dt.date(2025, 7, 1)
    ctx = monitor_context(data, province, last, png)
    write_bytes(out / "bao_cao.docx", render_docx("bao_cao", ctx, ws.root))
    return [
        f"{MONITOR_DIR}/{n}" for n in ("monitor.json", "monitor.xlsx", "trend.png", "bao_cao.docx")
    ]


__all__ = ["MonitorResult", "compute_monitor", "monitor_workspace"]
