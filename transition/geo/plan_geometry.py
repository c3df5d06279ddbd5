"""The geometry of a plan: given polygons where the user has them, approximate ones elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model import Plan
from .approximate import APPROXIMATE, GIVEN, approximate_new, approximate_old
from .crs import WGS84, metric_crs
from .layers import Layer, join_units

GEO_COLUMNS = ["code", "geometry_quality", "matched_by", "layer_code", "layer_name"]


@dataclass(frozen=True)
class PlanGeometry:
    """Polygons of the old and new commune-level units, in WGS 84, keyed by ``code``.

    ``layers`` describes each source layer: its path, whether it declared a CRS, and the features
    that matched no unit (``unmatched``), so that the checks can report them.
    """

    old: gpd.GeoDataFrame
    new: gpd.GeoDataFrame
    layers: dict = field(default_factory=dict)

    @property
    def old_is_approximate(self) -> bool:
        return bool(len(self.old)) and bool((self.old["geometry_quality"] == APPROXIMATE).all())

    @property
    def new_is_approximate(self) -> bool:
        return bool(len(self.new)) and bool((self.new["geometry_quality"] == APPROXIMATE).all())


def _frame(frame: gpd.GeoDataFrame, quality: str) -> gpd.GeoDataFrame:
    out = frame.copy()
    out["geometry_quality"] = quality
    for col in GEO_COLUMNS:
        if col not in out.columns:
            out[col] = ""
    return gpd.GeoDataFrame(out[GEO_COLUMNS], geometry=out.geometry.to_numpy(), crs=WGS84)


def _layer_meta(layer: Layer, unmatched: list) -> dict:
    return {
        "path": layer.path,
        "crs_declared": layer.crs_declared,
        "crs": layer.frame.crs.to_string() if layer.frame.crs else "",
        "unmatched": unmatched,
        "encoding": layer.encoding,
    }


def _pieces_from_polygons(
    old: gpd.GeoDataFrame, new: gpd.GeoDataFrame, edges: pd.DataFrame
) -> pd.DataFrame:
    crs = metric_crs(new)
    o = dict(zip(old["code"], old.to_crs(crs).geometry, strict=True))
    n = dict(zip(new["code"], new.to_crs(crs).geometry, strict=True))
    rows = []
    for e in edges[["old_code", "new_code"]].itertuples(index=False):
        if e.old_code in o and e.new_code in n:
            rows.append(
                (
                    e.old_code,
                    e.new_code,
                    shapely.area(shapely.intersection(o[e.old_code], n[e.new_code])),
                )
            )
    return pd.DataFrame(rows, columns=["old_code", "new_code", "area_m2"])


def estimate_shares(plan: Plan, pieces: pd.DataFrame) -> Plan:
    """Fill unknown area shares of divided old units from the pieces' areas, flagged as estimated.

    Notes
    -----
    :math:`s_{xy} = a_{xy} / \\sum_{y'} a_{xy'}` where :math:`a_{xy}` is the area of old unit
    :math:`x` inside new unit :math:`y`. Official shares already in the crosswalk are kept.
    """
    if pieces.empty:
        return plan
    totals = pieces.groupby("old_code")["area_m2"].transform("sum")
    share = pieces.assign(share=np.where(totals > 0, pieces["area_m2"] / totals, np.nan))
    lookup = {(r.old_code, r.new_code): r.share for r in share.itertuples(index=False)}
    cw = plan.crosswalk.copy()
    divided = set(plan.divided_old_units)
    for idx, row in cw.iterrows():
        key = (row["old_code"], row["new_code"])
        if (
            row["level"] == "commune"
            and row["old_code"] in divided
            and pd.isna(row["area_share"])
            and key in lookup
        ):
            cw.at[idx, "area_share"] = round(float(lookup[key]), 6)
            cw.at[idx, "area_share_estimated"] = True
    return plan.replace(crosswalk=cw)


def build_geometry(
    plan: Plan, new_layer: Layer | None = None, old_layer: Layer | None = None
) -> tuple[PlanGeometry, Plan]:
    """Polygons for the plan's units, and the plan with estimated area shares of divided old units.

    * New units: the user's layer joined by code or name, else approximated from the points.
    * Old units: the user's layer, else approximated by splitting the new polygons (see
      :func:`approximate_old`).
    """
    layers = {}
    if new_layer is not None:
        joined = join_units(plan.new_communes, new_layer)
        new = _frame(joined.units, GIVEN)
        layers["new_units"] = _layer_meta(new_layer, joined.unmatched)
    else:
        new = _frame(approximate_new(plan), APPROXIMATE)
    if old_layer is not None:
        joined = join_units(plan.old_communes, old_layer)
        old = _frame(joined.units, GIVEN)
        layers["old_units"] = _layer_meta(old_layer, joined.unmatched)
        pieces = _pieces_from_polygons(old, new, plan.commune_edges)
    else:
        approx, pieces = approximate_old(plan, new)
        old = _frame(approx, APPROXIMATE)
    return PlanGeometry(old, new, layers), estimate_shares(plan, pieces)
