"""After go-live: how well the new units serve people, from the dossier-processing log.

Indicators as Decision 766/QĐ-TTg defines them (as publicly summarised; verify), always computed from
counts, per unit and for the province, per day and per month:

* online rate = dossiers received online / dossiers received (by the day received);
* digitised rate = dossiers received with digitised components / dossiers received;
* on-time rate = dossiers resolved by their due time / dossiers resolved (by the day resolved);
* result-digitised rate = resolved dossiers whose result was digitised / dossiers resolved.

A province's rate is the ratio of its summed counts, never an average of its units' rates; a period
with nothing received has no rate (``None``), not a zero. The monthly list of delays names, per
unit and official, the dossiers resolved late that month and those still open past their due time
at the end of the log (Decision 766/QĐ-TTg asks for it to be made public).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..profiles.readiness import Readiness

COUNTS = ["received", "online", "digitised", "finished", "on_time", "result_digitised"]
RATES = {
    "online_rate": ("online", "received"),
    "digitised_rate": ("digitised", "received"),
    "on_time_rate": ("on_time", "finished"),
    "result_digitised_rate": ("result_digitised", "finished"),
}


def _periods(ts: pd.Series, period: str) -> pd.Series:
    """``YYYY-MM-DD`` or ``YYYY-MM`` of each time (formatted once per distinct day)."""
    days = ts.to_numpy("datetime64[D]")
    codes, uniques = pd.factorize(days)
    text = pd.DatetimeIndex(uniques).strftime("%Y-%m-%d" if period == "day" else "%Y-%m")
    return pd.Series(np.asarray(text, dtype=object)[codes], index=ts.index)


def counts(log: pd.DataFrame, period: str, by_unit: bool = True) -> pd.DataFrame:
    """Counts per (unit,) period: ``received, online, digitised`` by the period received and
    ``finished, on_time, result_digitised`` by the period finished; ``period`` is "day" or "month"."""
    keys = ["unit_code", "period"] if by_unit else ["period"]
    rec = log.assign(
        period=_periods(log["received"], period),
        online=log["channel"] == "online",
        digitised=log["digitised_components"],
    )
    a = rec.groupby(keys, sort=False).agg(
        received=("online", "size"), online=("online", "sum"), digitised=("digitised", "sum")
    )
    done = log[log["finished"].notna()]
    fin = done.assign(
        period=_periods(done["finished"], period), on_time=done["finished"] <= done["due"]
    )
    b = fin.groupby(keys, sort=False).agg(
        finished=("on_time", "size"),
        on_time=("on_time", "sum"),
        result_digitised=("result_digitised", "sum"),
    )
    out = a.join(b, how="outer").fillna(0).astype(int).reset_index()
    return out.sort_values(keys).reset_index(drop=True)


def with_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the four rates to a frame of counts (NaN where the denominator is 0)."""
    out = frame.copy()
    for rate, (num, den) in RATES.items():
        d = out[den].to_numpy(dtype=float)
        out[rate] = np.round(
            np.divide(out[num].to_numpy(dtype=float), d, out=np.full(len(d), np.nan), where=d > 0),
            4,
        )
    return out


def province(unit_counts: pd.DataFrame) -> pd.DataFrame:
    """The province's counts per period: the sum of its units' counts (rates recomputed after)."""
    return unit_counts.groupby("period", sort=True)[COUNTS].sum().reset_index()


def against_targets(frame: pd.DataFrame, profile: Readiness, period: str) -> pd.DataFrame:
    """Add ``<rate>_target`` and ``<rate>_met`` (True, False, or None when there is no rate) using
    the target in force on the day, or on the month's last day (the stricter reading)."""
    out = frame.copy()
    if period == "day":
        when = pd.to_datetime(out["period"]).dt.date
    else:
        when = (pd.to_datetime(out["period"] + "-01") + pd.offsets.MonthEnd(0)).dt.date
    codes, days = pd.factorize(when)
    for rate in RATES:
        found = [profile.target(rate, d) for d in days]
        values = np.array([t.value if t else np.nan for t in found], dtype=float)
        out[f"{rate}_target"] = values[codes] if len(codes) else np.nan
        met = out[rate] >= out[f"{rate}_target"]
        out[f"{rate}_met"] = met.where(out[rate].notna() & out[f"{rate}_target"].notna(), None)
    return out


def delays(log: pd.DataFrame, as_of: dt.datetime) -> pd.DataFrame:
    """Per month, unit and official: dossiers resolved late that month, and dossiers still open past
    their due time on ``as_of`` (counted in the month they fell due); most delays first."""
    done = log[log["finished"].notna()]
    late = done[done["finished"] > done["due"]]
    a = late.groupby([_periods(late["finished"], "month"), "unit_code", "official"]).size()
    open_ = log[log["finished"].isna() & (log["due"] < pd.Timestamp(as_of))]
    b = open_.groupby([_periods(open_["due"], "month"), "unit_code", "official"]).size()
    out = pd.concat({"late": a, "open_overdue": b}, axis=1).fillna(0).astype(int)
    out.index.names = ["month", "unit_code", "official"]
    out = out.reset_index()
    out["delays"] = out["late"] + out["open_overdue"]
    return out.sort_values(
        ["month", "delays", "unit_code", "official"], ascending=[True, False, True, True]
    ).reset_index(drop=True)
