"""`transition generate status` (generated daily reports and processing log, labelled as generated)
and `transition generate readiness-forms` (a report form per unit)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..io.atomic import write_bytes, write_text
from ..io.readiness import LOG_FILE, REPORTS_DIR, RESULTS_DIR, form_bytes
from ..io.tables import write_csv
from ..io.workspace import Workspace
from ..profiles import load_profile
from ..profiles.readiness import Readiness
from ..profiles.rules import GeneratedVocabulary, Timeline
from ..readiness.assess import trial_days
from ..readiness.generate import generate_log, generate_reports
from ..text import fold
from .common import Progress, say

LOG_DAYS = 62  # two months after go-live: July and August

README = """# Dữ liệu mẫu – GENERATED, NOT REAL

Các file trong thư mục này do `transition generate status --seed {seed}` sinh ra để chạy thử
(báo cáo hằng ngày của {units} đơn vị, {days} ngày vận hành thử nghiệm). Không phải số liệu thật.

These daily reports were generated for a demo: most units converge before the cutover; lagging:
{lagging}; blocked: {blocked}; stops reporting from {silent_from}: {silent}.
"""


@dataclass(frozen=True)
class GenerateStatusResult:
    workspace: Path
    seed: int
    counts: dict[str, int]
    roles: dict[str, Any]
    written: list[str]

    def to_dict(self) -> dict[str, Any]:
        """``{"seed", "counts": {"report_rows", "report_files", "log_rows"}, "roles": {...}}``."""
        return {
            "seed": self.seed,
            "counts": self.counts,
            "roles": self.roles,
            "written": self.written,
        }


def generate_status(
    path: str | Path, seed: int = 2025, *, progress: Progress | None = None
) -> GenerateStatusResult:
    """Write generated daily reports (``inputs/readiness/bao_cao_YYYY-MM-DD.csv``, one per trial day,
    with a README saying they are generated) and a processing log (``inputs/processing_log.csv``,
    July and August after the cutover). Same seed, same bytes."""
    ws = Workspace.at(path)
    plan = ws.load_plan()
    profile = load_profile(Readiness, "readiness.toml", ws.root)
    timeline = load_profile(Timeline, "timeline.toml", ws.root)
    vocab = load_profile(GeneratedVocabulary, "generated_registers.toml", ws.root)
    units_frame = plan.new_communes.sort_values("code")
    units = list(units_frame["code"])
    names = dict(zip(units_frame["code"], units_frame["name"], strict=True))
    rng = np.random.default_rng(seed)
    days = trial_days(timeline.trial_start, timeline.trial_end)
    say(progress, "daily reports")
    frame, lagging, blocked, silent, silent_from = generate_reports(
        units, names, profile, days, timeline.cutover, rng
    )
    folder = ws.root / REPORTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("bao_cao_*.csv"):
        old.unlink()
    written = []
    for day in days:
        part = frame[frame["ngày"] == day.strftime("%d/%m/%Y")]
        name = f"{REPORTS_DIR}/bao_cao_{day.isoformat()}.csv"
        write_csv(ws.root / name, part)
        written.append(name)
    roles = {
        "lagging": {c: {"name": names[c], "item": i} for c, i in lagging.items()},
        "blocked": {"code": blocked, "name": names.get(blocked, "")},
        "silent": {"code": silent, "name": names.get(silent, ""), "from": silent_from.isoformat()},
    }
    write_text(
        folder / "README.md",
        README.format(
            seed=seed,
            units=len(units),
            days=len(days),
            lagging=", ".join(f"{names[c]} ({i})" for c, i in lagging.items()),
            blocked=names.get(blocked, ""),
            silent=names.get(silent, ""),
            silent_from=silent_from.strftime("%d/%m/%Y"),
        ),
    )
    say(progress, "processing log")
    population = dict(
        zip(units_frame["code"], units_frame["population"].astype(float), strict=True)
    )
    first = timeline.cutover
    log = generate_log(
        units, population, first, first + dt.timedelta(days=LOG_DAYS - 1), vocab, rng
    )
    write_csv(ws.root / LOG_FILE, log)
    written.append(LOG_FILE)
    counts = {"report_rows": len(frame), "report_files": len(days), "log_rows": len(log)}
    return GenerateStatusResult(ws.root, seed, counts, roles, written)


@dataclass(frozen=True)
class FormsResult:
    workspace: Path
    written: list[str]

    def to_dict(self) -> dict[str, Any]:
        """``{"forms": n, "written": [paths]}``."""
        return {"forms": len(self.written), "written": self.written}


def generate_forms(path: str | Path) -> FormsResult:
    """One report form per new unit: ``results/readiness/forms/<code>_<name>.xlsx``."""
    ws = Workspace.at(path)
    plan = ws.load_plan()
    profile = load_profile(Readiness, "readiness.toml", ws.root)
    timeline = load_profile(Timeline, "timeline.toml", ws.root)
    items = [(i.id, i.vi) for i in profile.attested]
    days = trial_days(timeline.trial_start, timeline.trial_end)
    written = []
    for u in plan.new_communes.sort_values("code").itertuples(index=False):
        slug = re.sub(r"[^0-9a-z]+", "-", fold(u.name)).strip("-")
        name = f"{RESULTS_DIR}/forms/{u.code}_{slug}.xlsx"
        write_bytes(
            ws.root / name, form_bytes(u.code, u.name, items, days, profile.report_deadline_hour)
        )
        written.append(name)
    return FormsResult(ws.root, written)
