"""Layers of the workspace GeoPackage for QGIS: units with their polygons (approximate ones labelled),
the crosswalk as lines from each old unit's point to its new unit's point, and problems as points."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from ..model import CROSSWALK_COLUMNS, Plan
from .plan_geometry import PlanGeometry

WGS84 = "EPSG:4326"


def result_layers(
    plan: Plan, geometry: PlanGeometry | None, problems: pd.DataFrame, criteria: pd.DataFrame
) -> dict:
    """Layers for QGIS: units with polygons (approximate ones labelled), edges as lines from the old
    unit's point to the new unit's point, and problems as points where they have a location."""

    def with_geometry(units: pd.DataFrame, geo_frame) -> gpd.GeoDataFrame:
        if geo_frame is not None and len(geo_frame):
            g = geo_frame[["code", "geometry_quality", "geometry"]]
            merged = units.merge(pd.DataFrame(g), on="code", how="left")
            merged["geometry_quality"] = merged["geometry_quality"].fillna("missing")
            return gpd.GeoDataFrame(merged, geometry="geometry", crs=WGS84)
        pts = gpd.points_from_xy(units["lon"], units["lat"])
        return gpd.GeoDataFrame(units.assign(geometry_quality="point"), geometry=pts, crs=WGS84)

    old = with_geometry(plan.old_communes, None if geometry is None else geometry.old)
    new_units = plan.new_communes.merge(
        criteria[["code", "components", "status"]].rename(columns={"status": "criteria_status"}),
        on="code",
        how="left",
    )
    new = with_geometry(new_units, None if geometry is None else geometry.new)

    old_pt = {r.code: (r.lon, r.lat) for r in plan.old_communes.itertuples(index=False)}
    new_pt = {r.code: (r.lon, r.lat) for r in plan.new_communes.itertuples(index=False)}
    lines = []
    for e in plan.commune_edges.itertuples(index=False):
        a, b = old_pt.get(e.old_code), new_pt.get(e.new_code)
        ok = a is not None and b is not None and not any(pd.isna(v) for v in (*a, *b))
        lines.append(shapely.LineString([a, b]) if ok else None)
    crosswalk = gpd.GeoDataFrame(plan.commune_edges[CROSSWALK_COLUMNS], geometry=lines, crs=WGS84)

    located = problems.copy()
    pts = [
        shapely.Point(x, y) if pd.notna(x) and pd.notna(y) else None
        for x, y in zip(located["lon"], located["lat"], strict=True)
    ]
    for i, p in enumerate(pts):  # fall back to the unit's point
        if p is None:
            code = located["unit_code"].iloc[i]
            xy = new_pt.get(code) or old_pt.get(code)
            if xy is not None and not any(pd.isna(v) for v in xy):
                pts[i] = shapely.Point(*xy)
    located["row"] = located["row"].astype("Int64")
    checks = gpd.GeoDataFrame(located, geometry=pts, crs=WGS84)
    return {"old_units": old, "new_units": new, "crosswalk": crosswalk, "check_results": checks}
