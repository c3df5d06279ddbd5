"""`transition readiness`: every new unit's readiness on a trial day, the province's roll-up and the
go / no-go; writes ``results/readiness/`` (readiness.json, readiness.xlsx, trend.png, bao_cao.docx)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..io.atomic import write_bytes
from ..io.readiness import RESULTS_DIR, png_bytes, read_report_files, read_sources, write_json
from ..io.tables import write_xlsx
from ..io.workspace import Workspace
from ..profiles import load_profile
from ..profiles.readiness import Readiness
from ..profiles.rules import Timeline
from ..readiness import Assessment, assess, derive_items
from ..readiness.assess import default_date
from ..readiness.document import report_context, trend_figure, why
from ..readiness.reports import STATUS_VI, parse_reports
from ..readiness.status import UNIT_STATUS_VI, UNIT_STATUSES, status_name
from .common import Progress, say


@dataclass(frozen=True)
class ReadinessResult:
    """The day's assessment and the workspace-relative paths written."""

    workspace: Path
    assessment: Assessment
    written: list[str]

    def to_dict(self) -> dict[str, Any]:
        """:meth:`Assessment.to_dict` (what ``results/readiness/readiness.json`` holds)."""
        return self.assessment.to_dict()


def load_inputs(ws: Workspace, date: str | None = None):
    """Plan names, profile, timeline, the day assessed, parsed reports and derived items."""
    plan = ws.load_plan()
    profile = load_profile(Readiness, "readiness.toml", ws.root)
    timeline = load_profile(Timeline, "timeline.toml", ws.root)
    units = plan.new_communes
    names = dict(zip(units["code"], units["name"], strict=True))
    trial = (timeline.trial_start, timeline.trial_end)
    events, problems = parse_reports(read_report_files(ws), profile, names, trial)
    day = parse_day(date) if date else default_date(events, *trial)
    derived_ids = [i.id for i in profile.items if i.kind == "derived"]
    derived = derive_items(read_sources(ws, as_of=day), derived_ids)
    return plan, profile, timeline, names, day, events, problems, derived


def readiness_workspace(
    path: str | Path,
    *,
    date: str | None = None,
    lang: str = "vi",
    write: bool = True,
    progress: Progress | None = None,
) -> ReadinessResult:
    """Assess the workspace's units on ``date`` (YYYY-MM-DD or DD/MM/YYYY; default the last day
    reported) and write the outputs. Raises :class:`~transition.readiness.ReadinessDateError` for a
    day outside the trial, :class:`~transition.errors.ProfileError` for a bad readiness.toml."""
    ws = Workspace.at(path)
    say(progress, "reading the reports")
    plan, profile, timeline, names, day, events, problems, derived = load_inputs(ws, date)
    say(progress, "assessing")
    result = assess(
        events,
        derived,
        names,
        profile,
        trial=(timeline.trial_start, timeline.trial_end),
        cutover=timeline.cutover,
        date=day,
        lang=lang,
        problems=problems,
    )
    written: list[str] = []
    if write:
        say(progress, "writing the results")
        written = write_readiness(ws, result, profile, names, plan.province_name, timeline.cutover)
    return ReadinessResult(ws.root, result, written)


def parse_day(text: str) -> dt.date:
    """``2025-06-25`` or ``25/06/2025`` -> a date; raises ValueError naming both forms."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            pass
    from ..errors import TransitionError

    raise TransitionError(f"date '{text}' cannot be read; write 2025-06-25 or 25/06/2025")


def day_frames(
    result: Assessment, profile: Readiness, names: dict[str, str]
) -> dict[str, pd.DataFrame]:
    """One frame per trial day: a row per unit and item (status, critical, due, overdue)."""
    g = result.grid
    items = profile.items
    sheets = {}
    codes = [c for c in g.units for _ in items]
    for d, day in enumerate(g.days):
        st = g.item_status[d]
        sheets[day.strftime("%d-%m-%Y")] = pd.DataFrame(
            {
                "mã đơn vị": codes,
                "tên đơn vị": [names.get(c, "") for c in codes],
                "tình trạng đơn vị": [
                    UNIT_STATUS_VI[UNIT_STATUSES[int(g.unit_status[d, u])]]
                    for u in range(len(g.units))
                    for _ in items
                ],
                "mục": [i.id for _ in g.units for i in items],
                "nội dung": [i.vi for _ in g.units for i in items],
                "bắt buộc": ["có" if i.critical else "không" for _ in g.units for i in items],
                "trạng thái": [STATUS_VI[status_name(int(x))] for x in st.ravel()],
                "quá hạn": ["có" if x else "không" for x in g.overdue[d].ravel()],
            }
        )
    return sheets


def write_readiness(
    ws: Workspace,
    result: Assessment,
    profile: Readiness,
    names: dict[str, str],
    province: str,
    cutover: dt.date,
) -> list[str]:
    """readiness.json, readiness.xlsx (summary, items, problems, a sheet per day), trend.png and the
    báo cáo (bao_cao.docx)."""
    from ..render.docx import render_docx

    out = ws.root / RESULTS_DIR
    data = result.to_dict()
    write_json(out / "readiness.json", data)
    summary = pd.DataFrame(
        [
            (
                u["code"],
                u["name"],
                u["status_label"],
                u["score"],
                "có" if u["reported"] else "không",
                why(u),
            )
            for u in data["units"]
        ],
        columns=["mã đơn vị", "tên đơn vị", "tình trạng", "điểm", "đã báo cáo", "lý do"],
    )
    items = pd.DataFrame(data["rollup"]["items"])
    problems = pd.DataFrame([p.to_dict() for p in result.problems])
    sheets = {"Tổng hợp": summary, "Theo nội dung": items}
    if len(problems):
        sheets["Dòng lỗi"] = problems
    write_xlsx(out / "readiness.xlsx", sheets | day_frames(result, profile, names))
    fig = trend_figure(data["rollup"]["trend"], f"Sẵn sàng vận hành – {province}")
    png = png_bytes(fig)
    import matplotlib.pyplot as plt

    plt.close(fig)
    write_bytes(out / "trend.png", png)
    context = report_context(data, province, cutover, png)
    write_bytes(out / "bao_cao.docx", render_docx("bao_cao", context, ws.root))
    return [
        f"{RESULTS_DIR}/{n}"
        for n in ("readiness.json", "readiness.xlsx", "trend.png", "bao_cao.docx")
    ]
