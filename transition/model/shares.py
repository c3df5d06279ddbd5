"""How a divided commune's people divide among the new units that took its parts.

Staff, records and people-based figures of a divided commune follow its people, not its land
(``../shared/DOMAIN.md``, "What the resolution's words fix"). The crosswalk's ``pop_share`` holds what
the text fixes (0 for "một phần diện tích tự nhiên của X", 1 for "… toàn bộ quy mô dân số của X", the
remainder's complement) or an official figure; what it leaves open is estimated here from the area
shares (official or estimated), else split equally.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def people_weights(pop: np.ndarray, area: np.ndarray) -> np.ndarray:
    """The people's shares of one divided commune's parts (summing to 1).

    ``pop`` and ``area`` are the parts' population and area shares, NaN where unknown. Known population
    shares are kept (scaled down if they exceed 1); the rest of the people (1 minus their sum) goes to
    the parts without one, in proportion to their area shares where all of those are known and
    positive in sum, else equally.

    >>> people_weights(np.array([1.0, 0.0, 0.0]), np.array([np.nan] * 3)).tolist()
    [1.0, 0.0, 0.0]
    >>> people_weights(np.array([0.0, np.nan, np.nan]), np.array([0.5, 0.3, 0.2])).round(2).tolist()
    [0.0, 0.6, 0.4]
    >>> people_weights(np.array([0.0, np.nan, np.nan]), np.array([1.0, 0.0, 0.0])).tolist()
    [0.0, 0.5, 0.5]
    """
    pop = np.asarray(pop, dtype=float)
    area = np.asarray(area, dtype=float)
    n = len(pop)
    if n == 0:
        return pop
    known = ~np.isnan(pop)
    out = np.where(known, pop, 0.0)
    total = out.sum()
    if known.all():
        return out / total if total > 0 else np.full(n, 1.0 / n)
    if total > 1.0:
        return out / total
    rest = 1.0 - total
    open_area = area[~known]
    if not np.isnan(open_area).any() and open_area.sum() > 0:
        spread = open_area / open_area.sum()
    else:
        spread = np.full(int((~known).sum()), 1.0 / int((~known).sum()))
    out[~known] = rest * spread
    return out


def people_shares(edges: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Old code -> {new code: people's share} for every divided commune of a commune-level crosswalk
    (columns ``old_code``, ``new_code``, ``pop_share``, ``area_share``); see :func:`people_weights`."""
    out: dict[str, dict[str, float]] = {}
    for old, group in edges.groupby("old_code", sort=True):
        if len(group) < 2:
            continue
        weights = people_weights(
            group["pop_share"].to_numpy(dtype=float), group["area_share"].to_numpy(dtype=float)
        )
        out[str(old)] = {str(k): float(v) for k, v in zip(group["new_code"], weights, strict=True)}
    return out


def all_people_to(edges: pd.DataFrame) -> dict[str, str]:
    """Old code -> the new unit its resolution gives all its people (``pop_share`` 1, stated by the
    text or an official figure, not estimated), for divided communes that have one."""
    divided = edges[edges.groupby("old_code")["new_code"].transform("count") > 1]
    estimated = (
        divided["pop_share_estimated"].astype(bool)
        if "pop_share_estimated" in divided.columns
        else pd.Series(False, index=divided.index)
    )
    ones = divided[np.isclose(divided["pop_share"].fillna(-1.0), 1.0) & ~estimated]
    return dict(zip(ones["old_code"], ones["new_code"], strict=True))


def people_of_new_units(edges: pd.DataFrame, old_population: dict[str, float]) -> dict[str, float]:
    """New code -> its people counted from the old units: each old unit's population times the share
    of its people the edge carries (1 for a whole unit; a divided commune's by :func:`people_shares`,
    so a land-only part adds nobody). A new unit with any contributor of unknown population is left
    out: an unknown is never counted as zero. ``edges``: commune-level crosswalk rows."""
    shares = people_shares(edges)
    totals: dict[str, float] = {}
    unknown: set[str] = set()
    for e in edges.itertuples(index=False):
        pop = old_population.get(e.old_code)
        share = shares.get(e.old_code, {}).get(e.new_code, 1.0)
        if share == 0.0:
            continue
        if pop is None or pd.isna(pop):
            unknown.add(e.new_code)
            continue
        totals[e.new_code] = totals.get(e.new_code, 0.0) + float(pop) * share
    return {k: round(v) for k, v in totals.items() if k not in unknown}
