"""Headquarters of the new units, and the buildings and land left over to be put to use."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .context import PlanContext

BUILDINGS = ("headquarters", "building")


def _km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(h))


RANKING_COLUMNS = [
    "new_code",
    "new_name",
    "rank",
    "id",
    "kind",
    "name",
    "capacity",
    "staff",
    "shortfall",
    "distance_km",
    "proposal",
]
SURPLUS_ASSET_COLUMNS = [
    "id",
    "kind",
    "name",
    "holder",
    "new_code",
    "new_name",
    "value_vnd",
    "floor_area_m2",
    "lon",
    "lat",
]


def rank_headquarters(
    assets: pd.DataFrame, staff: pd.DataFrame, ctx: PlanContext
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For each new unit, its candidate headquarters ranked; and the surplus buildings and land.

    A candidate is a headquarters (or another building with a capacity) assigned to the unit. Rank by
    the shortfall of workplaces against the unit's staff (none is best), then by distance to the unit's
    seat (its point in the register: the seat named in the plan, else its centre). The first is proposed
    as the main seat; more are kept while the workplaces are still short; the rest, and land that goes
    with no kept building, are surplus to be put to use (not lost or wasted).

    Returns ``(ranking, surplus)``: ranking with :data:`RANKING_COLUMNS` (``distance_km`` in km,
    ``capacity`` in workplaces), surplus with :data:`SURPLUS_ASSET_COLUMNS` (``value_vnd`` in đồng).
    """
    candidates = _ranked_candidates(assets, staff, ctx)
    capacity = candidates["capacity"].fillna(0)
    # keep the first, then headquarters while the seats kept before them are fewer than the staff
    kept_cap = capacity.where(candidates["is_hq"], 0.0).reindex(candidates.index)
    seats_before = kept_cap.groupby(candidates["new_code"]).cumsum() - kept_cap
    keep_mask = (candidates["rank"] == 1) | (
        candidates["is_hq"] & (seats_before < candidates["staff"])
    )
    keep = set(candidates.loc[keep_mask, "id"])
    candidates["proposal"] = np.where(
        candidates["rank"] == 1,
        "trụ sở chính (main seat)",
        np.where(
            candidates["id"].isin(keep),
            "cơ sở làm việc bổ sung (extra workplace)",
            "dôi dư – đưa vào sử dụng (surplus, to be put to use)",
        ),
    )
    ranking = candidates[RANKING_COLUMNS].reset_index(drop=True)
    surplus_buildings = candidates[~candidates["id"].isin(keep)]
    holders_kept = set(assets.loc[assets["id"].isin(keep), "holder"])
    land = assets[
        (assets["kind"] == "land")
        & ~assets["holder"].isin(holders_kept)
        & (assets["new_code"] != "")
    ]
    surplus = pd.concat(
        [surplus_buildings[assets.columns.intersection(surplus_buildings.columns)], land]
    )
    surplus = surplus[SURPLUS_ASSET_COLUMNS]
    return ranking, surplus.sort_values("id").reset_index(drop=True)


def _ranked_candidates(assets: pd.DataFrame, staff: pd.DataFrame, ctx: PlanContext) -> pd.DataFrame:
    """The buildings assigned to each new commune, with ``distance_km`` to its seat, its ``staff``,
    the ``shortfall`` of workplaces, ``is_hq`` and ``rank`` (1 = best) within the unit."""
    staff_n = staff[staff["new_level"] == "commune"].groupby("new_code").size()
    candidates = assets[
        assets["kind"].isin(BUILDINGS)
        & (assets["new_level"] == "commune")
        & (assets["new_code"] != "")
    ].copy()
    new_pts = ctx.plan.new_units.set_index("code")[["lon", "lat"]]
    seat = new_pts.reindex(candidates["new_code"])
    candidates["distance_km"] = np.round(
        _km(
            candidates["lon"].to_numpy(),
            candidates["lat"].to_numpy(),
            seat["lon"].to_numpy(),
            seat["lat"].to_numpy(),
        ),
        2,
    )
    candidates["staff"] = candidates["new_code"].map(staff_n).fillna(0).astype(int)
    capacity = candidates["capacity"].fillna(0)
    candidates["shortfall"] = (candidates["staff"] - capacity).clip(lower=0).astype(int)
    candidates["is_hq"] = candidates["kind"] == "headquarters"
    candidates = candidates.sort_values(
        ["new_code", "is_hq", "shortfall", "distance_km", "id"],
        ascending=[True, False, True, True, True],
    )
    candidates["rank"] = candidates.groupby("new_code").cumcount() + 1
    return candidates
