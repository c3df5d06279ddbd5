"""Readiness and monitor at national scale (benchmark tasks of benches/run.py).

* readiness_national: generated daily reports of 3,321 units x 16 trial days x 15 attested items
  (about 800,000 rows in 16 CSV files, not timed), then reading, validating, the status of every unit,
  item and day, the roll-up and the go / no-go (timed). Floor: pandas reading the same files as text.
* monitor_1m: a generated processing log of about 1,000,000 dossiers (not timed), then reading it
  (contract 3 reader) and every indicator per unit and province, per day and month, and the delays
  (timed). Floor: pandas reading the same file as text.

Both report wall time (ours_s) and the process's CPU time (detail.cpu_s): on a shared machine the
wall time includes waiting for a core.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

UNITS = 3321


def _setup():
    from transition.profiles import load_profile
    from transition.profiles.readiness import Readiness
    from transition.profiles.rules import GeneratedVocabulary, Timeline

    profile = load_profile(Readiness, "readiness.toml")
    timeline = load_profile(Timeline, "timeline.toml")
    vocab = load_profile(GeneratedVocabulary, "generated_registers.toml")
    units = [f"{k:05d}" for k in range(1, UNITS + 1)]
    names = {u: f"Xã {u}" for u in units}
    return profile, timeline, vocab, units, names


def readiness_national() -> dict:
    from transition.readiness import assess
    from transition.readiness.assess import trial_days
    from transition.readiness.generate import generate_reports
    from transition.readiness.reports import ReportFile, parse_reports

    profile, timeline, _, units, names = _setup()
    days = trial_days(timeline.trial_start, timeline.trial_end)
    rng = np.random.default_rng(2025)
    frame, *_ = generate_reports(units, names, profile, days, timeline.cutover, rng)
    derived = pd.DataFrame(
        [(u, i.id, "done", "") for u in units for i in profile.items if i.kind == "derived"],
        columns=["unit_code", "item", "status", "reason"],
    )
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for day in days:
            path = Path(tmp) / f"bao_cao_{day.isoformat()}.csv"
            frame[frame["ngày"] == day.strftime("%d/%m/%Y")].to_csv(path, index=False)
            paths.append(path)
        t = time.perf_counter()
        raw = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths]
        floor_s = time.perf_counter() - t
        t, cpu = time.perf_counter(), time.process_time()
        files = [
            ReportFile(str(p), pd.read_csv(p, dtype=str, keep_default_na=False)) for p in paths
        ]
        events, problems = parse_reports(
            files, profile, names, (timeline.trial_start, timeline.trial_end)
        )
        result = assess(
            events,
            derived,
            names,
            profile,
            trial=(timeline.trial_start, timeline.trial_end),
            cutover=timeline.cutover,
            date=timeline.trial_end,
        )
        ours_s, cpu_s = time.perf_counter() - t, time.process_time() - cpu
    r = result.rollup
    return {
        "name": "readiness_national",
        "ours_s": round(ours_s, 2),
        "peer": "floor: pandas.read_csv of the same files",
        "peer_s": round(floor_s, 2),
        "ratio": round(ours_s / floor_s, 1),
        "detail": {
            "units": len(units),
            "days": len(days),
            "report_rows": int(sum(len(f) for f in raw)),
            "problems": len(problems),
            "by_status": r["by_status"],
            "completeness": r["completeness"],
            "on_time": r["on_time"],
            "go": result.go,
            "cpu_s": round(cpu_s, 2),
            "target_s": 10,
        },
    }


def monitor_1m() -> dict:
    from transition.actions.monitor import compute_monitor
    from transition.readiness.generate import generate_log
    from transition.readiness.processing_log import read_processing_log

    profile, timeline, vocab, units, _ = _setup()
    rng = np.random.default_rng(2025)
    first = timeline.cutover
    # 3,321 units x 62 days x about 4.9 dossiers a day = about 1,000,000 rows
    population = dict.fromkeys(units, 32500.0)
    log = generate_log(units, population, first, first + dt.timedelta(days=61), vocab, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "processing_log.csv"
        log.to_csv(path, index=False)
        t = time.perf_counter()
        pd.read_csv(path, dtype=str, keep_default_na=False)
        floor_s = time.perf_counter() - t
        t, cpu = time.perf_counter(), time.process_time()
        problems: list = []
        frame = read_processing_log(path, problems)
        frames = compute_monitor(frame, profile)
        ours_s, cpu_s = time.perf_counter() - t, time.process_time() - cpu
    months = frames["province_months"].set_index("period")
    return {
        "name": "monitor_1m",
        "ours_s": round(ours_s, 2),
        "peer": "floor: pandas.read_csv of the same file",
        "peer_s": round(floor_s, 2),
        "ratio": round(ours_s / floor_s, 1),
        "detail": {
            "rows": len(log),
            "problems": len(problems),
            "online_rate_by_month": months["online_rate"].to_dict(),
            "on_time_rate_by_month": months["on_time_rate"].to_dict(),
            "delay_rows": len(frames["delays"]),
            "cpu_s": round(cpu_s, 2),
            "target_s": 15,
        },
    }
