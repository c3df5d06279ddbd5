"""The service index of Decision 766/QĐ-TTg, computed from the new units' dossier-processing log as
public tools reconstructed the portal's formulas (``FORMULA_VERSION``; never labelled official).

Measures per unit and period (each a share 0–1, with the counts it comes from):

* ``progress_rate`` = (dossiers of the period finished early or on time + dossiers still open at the
  period's end whose due date is on or after its last day) / dossiers received in the period: the
  portal's progress (tiến độ giải quyết). Kept apart by name from the monitor's ``on_time_rate``
  (finished on time / finished).
* ``online_rate`` = dossiers received online / received;
* ``digitised_rate`` = dossiers with digitised components / received;
* ``online_payment_rate`` = fee-bearing dossiers paid online / fee-bearing dossiers (only when the
  log has the columns ``fee_bearing`` and ``paid_online``);
* ``satisfaction_rate`` = satisfied ratings / ratings (only when the log has ``rating``: a 1–5 score,
  4 and 5 satisfied, or có/không).

A unit with no dossier in the period, or a log without a measure's columns, has that measure missing,
never zero. Transparency needs the procedure-publication records: a department supplies it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..values import parse_flag
from .period import Period

FORMULA_VERSION = "qd766-reconstructed-2025.1"
OPTIONAL = ("fee_bearing", "paid_online", "rating")
COUNT_COLUMNS = [
    "unit_code", "received", "on_time", "open_within", "online", "digitised", "fee_bearing",
    "paid_online", "rated", "satisfied",
]  # fmt: skip


def _flag_column(values: pd.Series) -> pd.Series:
    return values.map({v: parse_flag(v) for v in values.unique()}).astype(bool)


def prepare_log(log: pd.DataFrame) -> pd.DataFrame:
    """The log with its optional columns read once: ``fee_bearing`` and ``paid_online`` as booleans,
    ``rating`` turned into ``rated`` and ``satisfied`` (1–5 stars, 4 and 5 satisfied; or có/không).
    Raises :class:`ValueError` for a yes/no cell that is neither. A log already prepared is returned
    as it is."""
    out = log.copy()
    for col in ("fee_bearing", "paid_online"):
        if col in out.columns and out[col].dtype != bool:
            out[col] = _flag_column(out[col].fillna("").astype(str))
    if "rating" in out.columns and "rated" not in out.columns:
        text = out["rating"].fillna("").astype(str).str.strip()
        uniques = text.unique()
        stars = pd.to_numeric(
            pd.Series(uniques).str.replace(",", ".", regex=False), errors="coerce"
        )
        happy = {}
        for u, s in zip(uniques, stars, strict=True):
            happy[u] = bool(s >= 4) if not pd.isna(s) else (bool(u) and parse_flag(u))
        out["rated"] = text != ""
        out["satisfied"] = text.map(happy).astype(bool) & out["rated"]
    return out


def period_counts(log: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Counts per unit for dossiers received in ``period`` (:data:`COUNT_COLUMNS`).

    ``log`` has the canonical columns of the processing log (``received``, ``due``, ``finished`` as
    Timestamps, ``channel``, ``digitised_components``) and, optionally, the columns of
    :func:`prepare_log`.
    """
    raw_flags = any(
        c in log.columns and log[c].dtype != bool for c in ("fee_bearing", "paid_online")
    )
    if raw_flags or ("rating" in log.columns and "rated" not in log.columns):
        log = prepare_log(log)
    start = pd.Timestamp(period.start)
    end = pd.Timestamp(period.end + dt.timedelta(days=1))  # exclusive
    inside = log[(log["received"] >= start) & (log["received"] < end)]
    done = inside["finished"].notna() & (inside["finished"] < end)
    frame = pd.DataFrame({"unit_code": inside["unit_code"].to_numpy()})
    frame["received"] = 1
    frame["on_time"] = (done & (inside["finished"] <= inside["due"])).to_numpy()
    last_day = pd.Timestamp(period.end)
    frame["open_within"] = (~done & (inside["due"].dt.normalize() >= last_day)).to_numpy()
    frame["online"] = (inside["channel"] == "online").to_numpy()
    frame["digitised"] = inside["digitised_components"].astype(bool).to_numpy()
    false = pd.Series(False, index=inside.index)
    fee = inside["fee_bearing"] if "fee_bearing" in inside.columns else false
    paid = inside["paid_online"] if "paid_online" in inside.columns else false
    frame["fee_bearing"] = fee.astype(bool).to_numpy()
    frame["paid_online"] = (fee.astype(bool) & paid.astype(bool)).to_numpy()
    frame["rated"] = (inside["rated"] if "rated" in inside.columns else false).to_numpy()
    frame["satisfied"] = (
        inside["satisfied"] if "satisfied" in inside.columns else false
    ).to_numpy()
    counts = frame.groupby("unit_code", sort=True).sum(numeric_only=False).reset_index()
    counts = counts.astype(dict.fromkeys(COUNT_COLUMNS[1:], int))
    return counts[COUNT_COLUMNS]


def available(log: pd.DataFrame) -> set[str]:
    """The measures the columns of ``log`` allow (the optional ones need their columns)."""
    out = {"progress_rate", "online_rate", "digitised_rate"}
    if "fee_bearing" in log.columns and "paid_online" in log.columns:
        out.add("online_payment_rate")
    if "rating" in log.columns or "rated" in log.columns:
        out.add("satisfaction_rate")
    return out


def measures(
    counts: pd.DataFrame, units: list[str], allowed: set[str]
) -> dict[tuple[str, str], float]:
    """(unit, measure id) -> share 0–1, for every measure of ``allowed`` (see :func:`available`)
    that a unit's counts allow: none for a unit without dossiers (see the module)."""
    c = counts[counts["unit_code"].isin(set(units)) & (counts["received"] > 0)]
    received = c["received"].astype(float)
    rates = {
        "progress_rate": (c["on_time"] + c["open_within"]) / received,
        "online_rate": c["online"] / received,
        "digitised_rate": c["digitised"] / received,
    }
    if "online_payment_rate" in allowed:
        fee = c["fee_bearing"].astype(float)
        rates["online_payment_rate"] = (c["paid_online"] / fee).where(fee > 0)
    if "satisfaction_rate" in allowed:
        rated = c["rated"].astype(float)
        rates["satisfaction_rate"] = (c["satisfied"] / rated).where(rated > 0)
    out: dict[tuple[str, str], float] = {}
    codes = c["unit_code"].tolist()
    for name, values in rates.items():
        for code, v in zip(codes, np.round(values.to_numpy(dtype=float), 6).tolist(), strict=True):
            if not np.isnan(v):
                out[(code, name)] = v
    return out
