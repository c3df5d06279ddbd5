"""The administrative-reform index at national scale (issue 19).

* service_index_national: the Decision 766 groups of 3,321 units for each of 12 months from a
  generated log of 5,000,000 dossiers; the floor is one pandas groupby counting the same rows by
  unit and month (the least any tool must do).
* par_national: the PAR index of 3,321 units on the example rubric from generated scores.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from transition.profiles import load_profile
from transition.profiles.rubric import Rubric
from transition.reform.generate import generate_par_inputs
from transition.reform.period import parse_period
from transition.reform.run import score
from transition.reform.service import prepare_log

N_UNITS, N_ROWS = 3321, 5_000_000


def _units() -> pd.DataFrame:
    codes = [f"{k:05d}" for k in range(1, N_UNITS + 1)]
    kinds = np.where(np.arange(N_UNITS) % 3 == 0, "Phường", "Xã")
    return pd.DataFrame({"code": codes, "name": [f"Xã {c}" for c in codes], "unit_type": kinds})


def _log(units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    start = np.datetime64("2025-01-01T07:30")
    minutes = rng.integers(0, 365 * 24 * 60, N_ROWS).astype("timedelta64[m]")
    received = start + minutes
    allowed = rng.choice([1, 3, 5, 7, 10, 15], N_ROWS).astype("timedelta64[D]")
    taken = (rng.uniform(0.3, 1.1, N_ROWS) * allowed.astype(float) * 24 * 60).astype(
        "timedelta64[m]"
    )
    finished = received + taken
    codes = units["code"].to_numpy()
    return pd.DataFrame(
        {
            "dossier_id": np.arange(N_ROWS).astype(str),
            "unit_code": pd.Categorical(codes[rng.integers(0, N_UNITS, N_ROWS)]),
            "received": pd.to_datetime(received),
            "due": pd.to_datetime(received + allowed),
            "finished": pd.to_datetime(
                np.where(rng.random(N_ROWS) < 0.97, finished, np.datetime64("NaT"))
            ),
            "channel": np.where(rng.random(N_ROWS) < 0.6, "online", "in_person"),
            "digitised_components": rng.random(N_ROWS) < 0.9,
            "fee_bearing": np.where(rng.random(N_ROWS) < 0.4, "có", "không"),
            "paid_online": np.where(rng.random(N_ROWS) < 0.3, "có", "không"),
            "rating": np.where(rng.random(N_ROWS) < 0.3, "5", ""),
        }
    )


def service_index_national() -> dict:
    rng = np.random.default_rng(766)
    units = _units()
    log = _log(units, rng)
    rubric = load_profile(Rubric, "rubrics/service_766.toml")
    t = time.perf_counter()
    log = prepare_log(log)  # the optional columns read once, as the command does
    totals = []
    for month in range(1, 13):
        s = score(rubric, parse_period(f"2025-{month:02d}"), units, log=log, explain=False)
        totals.append(float(s.units["obtained"].mean()))
    ours = time.perf_counter() - t
    t = time.perf_counter()
    floor = log.groupby(["unit_code", log["received"].dt.month], observed=True).size()
    floor_s = time.perf_counter() - t
    return {
        "name": "service_index_national",
        "ours_s": round(ours, 2),
        "peer": "pandas groupby count (floor)",
        "peer_s": round(floor_s, 2),
        "ratio": round(ours / floor_s, 1) if floor_s else None,
        "detail": {"units": N_UNITS, "rows": N_ROWS, "months": 12, "floor_groups": int(len(floor)),
                   "mean_points_december": round(totals[-1], 2), "target_s": 30},
    }  # fmt: skip


def par_national() -> dict:
    units = _units()
    rubric = load_profile(Rubric, "rubrics/par_example.toml")
    scores, adjustments = generate_par_inputs(rubric, units["code"].tolist(), seed=19)
    measures = {
        (c, src): 0.5 + (k % 50) / 100
        for k, c in enumerate(units["code"])
        for src in ("progress_rate", "online_rate", "digitised_rate", "posts_filled_rate")
    }
    t = time.perf_counter()
    s = score(rubric, parse_period("2025"), units, scores=scores, adjustments=adjustments,
              extra_measures=measures)  # fmt: skip
    ours = time.perf_counter() - t
    return {
        "name": "par_national",
        "ours_s": round(ours, 2),
        "peer": "",
        "peer_s": None,
        "ratio": None,
        "detail": {"units": N_UNITS, "score_rows": len(scores), "ranked": int(s.units["rank"].notna().sum()),
                   "target_s": 5},
    }  # fmt: skip


def task() -> list[dict]:
    return [service_index_national(), par_national()]
