"""Generated daily reports and a processing log, for demos and benchmarks (labelled as generated).

Daily reports: every unit reports every attested item every day of the trial. Each (unit, item) is
started and finished on days drawn around the item's due date, so most units converge before the
cutover; a few units lag on named items (finished after their due date); one unit is blocked on an
item (vướng mắc, with the reason reported in Huế and A Lưới: no account on the public-service
system); one unit stops reporting part-way; about 1 % of rows are corrected later the same day
(both rows kept); most reports are sent by mid-afternoon, some after the deadline.

Processing log: dossiers received by each unit every day after go-live, Poisson by population, with
online submission rising over the months, a few slow officials causing delays, and the newest
dossiers still unfinished. Nothing here describes a real person or a real dossier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..profiles.readiness import Readiness
from ..profiles.rules import GeneratedVocabulary
from .reports import STATUS_VI

LAGGING_ITEMS = ("portal_sync", "data_network", "premises_equipment")
BLOCKED_ITEM = "accounts_signatures"
BLOCKED_NOTE = "Chưa được cấp tài khoản hệ thống giải quyết TTHC; chưa cài đặt phần mềm"


@dataclass(frozen=True)
class GeneratedStatus:
    """The generated reports (one frame per day), the processing log, and who plays which part."""

    reports: dict[dt.date, pd.DataFrame]
    log: pd.DataFrame
    lagging: dict[str, str]  # unit code -> item it lags on
    blocked: str  # unit code
    silent: str  # unit code that stops reporting
    silent_from: dt.date


def generate_reports(
    units: list[str],
    names: dict[str, str],
    profile: Readiness,
    days: list[dt.date],
    cutover: dt.date,
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, dict[str, str], str, str, dt.date]:
    """All report rows of the trial (columns of the form, Vietnamese statuses) and the roles drawn."""
    items = profile.attested
    nu, ni, nd = len(units), len(items), len(days)
    due_idx = np.array([(cutover + dt.timedelta(days=i.due) - days[0]).days for i in items])
    # done day: before the due date for most (0-6 days early), started 1-5 days before that
    done = due_idx[None, :] - rng.integers(0, 7, size=(nu, ni))
    start = done - rng.integers(1, 6, size=(nu, ni))
    order = rng.permutation(nu)
    roles = [units[k] for k in order[: min(nu, 5)]]
    lagging: dict[str, str] = {}
    ids = [i.id for i in items]
    for k, code in enumerate(roles[:3]):
        item = LAGGING_ITEMS[k % len(LAGGING_ITEMS)]
        if item in ids:
            lagging[code] = item
            done[units.index(code), ids.index(item)] = due_idx[ids.index(item)] + 2 + k
    blocked = roles[3 % len(roles)] if roles else ""
    silent = roles[4 % len(roles)] if roles else ""
    silent_from = days[min(nd - 1, max(0, nd * 2 // 3))]
    day_idx = np.arange(nd)[:, None, None]
    status = np.where(day_idx >= done[None], 0, np.where(day_idx >= start[None], 1, 2))
    if blocked and BLOCKED_ITEM in ids:
        b_item, b_unit = ids.index(BLOCKED_ITEM), units.index(blocked)
        status[max(0, start[b_unit, b_item]) :, b_unit, b_item] = 3
    grid = np.meshgrid(np.arange(nd), np.arange(nu), np.arange(ni), indexing="ij")
    d, u, i, s = grid[0].ravel(), grid[1].ravel(), grid[2].ravel(), status.ravel()
    keep = np.ones(len(d), dtype=bool)
    if silent:
        keep &= ~((u == units.index(silent)) & (d >= days.index(silent_from)))
    d, u, i, s = d[keep], u[keep], i[keep], s[keep]
    # sending time per (day, unit): 14:00-16:59 mostly, 17:00-20:59 for about one in twelve
    late = rng.random((nd, nu)) < 1 / 12
    minutes = np.where(
        late, rng.integers(17 * 60, 21 * 60, (nd, nu)), rng.integers(14 * 60, 17 * 60, (nd, nu))
    )
    day_dates = np.array(days, dtype="datetime64[D]")
    sent = day_dates[d] + minutes[d, u].astype("timedelta64[m]")
    words = np.array([STATUS_VI[x] for x in ("done", "partly", "not_started", "blocked")])
    unit_arr, item_arr = np.array(units), np.array(ids)
    notes = np.where(
        s == 3,
        BLOCKED_NOTE,
        np.where(s == 1, "Đang triển khai", ""),
    )
    frame = pd.DataFrame(
        {
            "ngày": pd.to_datetime(day_dates[d]).strftime("%d/%m/%Y"),
            "mã đơn vị": unit_arr[u],
            "mục": item_arr[i],
            "trạng thái": words[s],
            "ghi chú": notes,
            "minh chứng": np.where(s == 0, "Báo cáo số " + (u + 1).astype(str) + "/BC-UBND", ""),
            "người báo cáo": ["Văn phòng HĐND và UBND " + names.get(c, c) for c in unit_arr[u]],
            "thời điểm gửi": pd.to_datetime(sent).strftime("%d/%m/%Y %H:%M"),
        }
    )
    frame = _with_corrections(frame, rng)
    return frame, lagging, blocked, silent, silent_from


def _with_corrections(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """About 1 % of the rows sent again an hour later with the status one step better (a
    correction that supersedes the first report), placed after the rows they correct."""
    again = frame.sample(frac=0.01, random_state=int(rng.integers(0, 2**31)))
    better = {
        "chưa bắt đầu": "một phần",
        "một phần": "xong",
        "vướng mắc": "vướng mắc",
        "xong": "xong",
    }
    again = again.assign(
        **{
            "trạng thái": again["trạng thái"].map(better),
            "ghi chú": "Báo cáo bổ sung",
            "thời điểm gửi": (
                pd.to_datetime(again["thời điểm gửi"], format="%d/%m/%Y %H:%M")
                + pd.Timedelta(hours=1)
            ).dt.strftime("%d/%m/%Y %H:%M"),
        }
    )
    return pd.concat([frame, again]).sort_index(kind="stable").reset_index(drop=True)


def generate_log(
    units: list[str],
    population: dict[str, float],
    first: dt.date,
    last: dt.date,
    vocabulary: GeneratedVocabulary,
    rng: np.random.Generator,
    per_10000: float = 1.5,
) -> pd.DataFrame:
    """A processing log (columns of :func:`~transition.readiness.processing_log.read_processing_log`)
    for ``units`` from ``first`` to ``last``: about ``per_10000`` dossiers a day per 10,000 people."""
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
    pop = np.array([population.get(u, 0) for u in units], dtype=float)
    pop[~(pop > 0)] = 15000  # a unit without a known population (NaN or 0): a typical commune
    lam = np.maximum(1.0, pop / 10000 * per_10000)
    counts = rng.poisson(np.broadcast_to(lam, (len(days), len(units))))
    d_idx = np.repeat(np.repeat(np.arange(len(days)), len(units)), counts.ravel())
    u_idx = np.repeat(np.tile(np.arange(len(units)), len(days)), counts.ravel())
    n = len(d_idx)
    received = days[d_idx].astype("datetime64[m]") + rng.integers(7 * 60 + 30, 17 * 60, n).astype(
        "timedelta64[m]"
    )
    fields = vocabulary.dossier_fields
    proc = rng.integers(0, len(fields), n)
    allowed = rng.choice([1, 3, 5, 7, 10, 15], n)
    due = received + (allowed * 24 * 60).astype("timedelta64[m]")
    # officials: three per unit, the third slow in one unit out of eight
    official_k = rng.integers(0, 3, n)
    slow = (official_k == 2) & (u_idx % 8 == 0)
    taken = np.round(
        allowed * rng.uniform(0.3, 1.05, n) + np.where(slow, rng.uniform(1, 6, n), 0), 2
    )
    finished = received + (taken * 24 * 60).astype("timedelta64[m]")
    unfinished = finished > np.datetime64(last, "m") + np.timedelta64(24 * 60, "m")
    month = (days[d_idx] - days[0]).astype(int) / max(1, len(days) - 1)
    online = rng.random(n) < (0.55 + 0.3 * month - 0.15 * (u_idx % 5 == 0))
    people = _people(len(units), vocabulary, rng)
    unit_arr = np.array(units)
    frame = pd.DataFrame(
        {
            "dossier_id": [f"{unit_arr[u]}-{k:07d}" for k, u in enumerate(u_idx)],
            "procedure": np.array([f[1] for f in fields])[proc],
            "unit_code": unit_arr[u_idx],
            "received": pd.to_datetime(received).strftime("%Y-%m-%d %H:%M"),
            "due": pd.to_datetime(due).strftime("%Y-%m-%d %H:%M"),
            "finished": np.where(
                unfinished, "", pd.to_datetime(finished).strftime("%Y-%m-%d %H:%M")
            ),
            "channel": np.where(online, "trực tuyến", "trực tiếp"),
            "digitised_components": np.where(rng.random(n) < 0.93, "có", "không"),
            "result_digitised": np.where(
                unfinished, "", np.where(rng.random(n) < 0.95, "có", "không")
            ),
            "official": people[u_idx, official_k],
        }
    )
    return _service_columns(frame, online, rng)


def _service_columns(
    frame: pd.DataFrame, online: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """The optional columns a one-stop system exports and the service index reads (drawn after
    every other column, so those stay as they were): fee-bearing, paid online, the rating (1–5,
    blank when the applicant did not rate)."""
    n = len(frame)
    fee = rng.random(n) < 0.4
    paid = fee & online & (rng.random(n) < 0.7)
    rated = rng.random(n) < 0.35
    stars = rng.choice([1, 2, 3, 4, 5], n, p=[0.02, 0.03, 0.07, 0.28, 0.6])
    return frame.assign(
        fee_bearing=np.where(fee, "có", "không"),
        paid_online=np.where(paid, "có", "không"),
        rating=np.where(rated, stars.astype(str), ""),
    )


def _people(n_units: int, vocab: GeneratedVocabulary, rng: np.random.Generator) -> np.ndarray:
    """Three generated names per unit (the officials who handle its dossiers)."""
    fam = rng.choice(vocab.family_names, (n_units, 3))
    female = rng.random((n_units, 3)) < 0.6
    mid = np.where(
        female,
        rng.choice(vocab.middle_names_female, (n_units, 3)),
        rng.choice(vocab.middle_names_male, (n_units, 3)),
    )
    given = np.where(
        female,
        rng.choice(vocab.given_names_female, (n_units, 3)),
        rng.choice(vocab.given_names_male, (n_units, 3)),
    )
    return np.char.add(np.char.add(np.char.add(fam, " "), np.char.add(mid, " ")), given)
