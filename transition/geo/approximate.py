"""Approximate geometry where real polygons are missing. Everything made here is labelled
``geometry_quality = "approximate"`` and every output that shows it says so.

No public polygons of the pre-2025 communes exist, so old units are approximated by splitting each new
unit's polygon among its predecessors: a Voronoi tessellation seeded by the old units' representative
points, clipped to the new unit. A divided old commune seeds every new unit it went to (at its own point
when that lies inside, else at the nearest point of the new unit), so its parts come out too.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from ..model import Plan
from .crs import WGS84, metric_crs

APPROXIMATE = "approximate"
GIVEN = "given"


def _points(frame: pd.DataFrame, crs: str) -> dict[str, shapely.Point]:
    ok = frame["lon"].notna() & frame["lat"].notna()
    pts = gpd.GeoSeries(gpd.points_from_xy(frame.loc[ok, "lon"], frame.loc[ok, "lat"]), crs=WGS84)
    return dict(zip(frame.loc[ok, "code"], pts.to_crs(crs), strict=True))


def _split(polygon, seeds: list[shapely.Point]) -> list:
    """Split ``polygon`` into one cell per seed (Voronoi, clipped). Seeds must be distinct."""
    if len(seeds) == 1:
        return [polygon]
    cells = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=polygon, ordered=True)
    return [shapely.intersection(cell, polygon) for cell in shapely.get_parts(cells)]


def _seed(point, polygon, taken: set, k: int):
    """A seed for an old unit inside ``polygon``: its own point if inside, else the nearest point of
    the polygon; nudged by a few metres if another seed already sits there."""
    if point is None:
        point = polygon.representative_point()
    elif not polygon.contains(point):
        point = shapely.ops.nearest_points(polygon, point)[0]
    x, y = point.x, point.y
    while (round(x, 3), round(y, 3)) in taken:
        x, y = x + 7.0 * (k + 1), y + 3.0 * (k + 1)
    taken.add((round(x, 3), round(y, 3)))
    return shapely.Point(x, y)


def approximate_old(plan: Plan, new_geo: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Approximate the polygons of the old commune-level units from the new units' polygons.

    Parameters
    ----------
    plan : Plan
    new_geo : GeoDataFrame
        New units with ``code`` and polygons (any CRS).

    Returns
    -------
    old_geo : GeoDataFrame
        ``code``, ``geometry_quality`` ("approximate") and the polygon, in WGS 84, one row per old unit
        that reaches a new unit with a polygon.
    pieces : DataFrame
        ``old_code``, ``new_code``, ``area_m2``: the piece of each old unit inside each new unit.

    Notes
    -----
    Inside a new unit :math:`Y` with predecessors :math:`X_1..X_k`, the piece of :math:`X_i` is the
    Voronoi cell of its seed clipped to :math:`Y`; the approximate old unit is the union of its pieces.
    """
    import shapely.ops  # noqa: F401  (nearest_points)

    crs = metric_crs(new_geo)
    metric = new_geo.to_crs(crs)
    polygons = dict(zip(metric["code"], metric.geometry, strict=True))
    points = _points(plan.old_communes, crs)
    edges = plan.commune_edges
    rows = []
    for new_code, group in edges.groupby("new_code", sort=True):
        polygon = polygons.get(new_code)
        if polygon is None or polygon.is_empty:
            continue
        olds = sorted(group["old_code"].unique())
        taken: set = set()
        seeds = [_seed(points.get(o), polygon, taken, k) for k, o in enumerate(olds)]
        for old_code, cell in zip(olds, _split(polygon, seeds), strict=True):
            rows.append((old_code, new_code, cell))
    pieces = pd.DataFrame(rows, columns=["old_code", "new_code", "geometry"])
    pieces["area_m2"] = shapely.area(pieces["geometry"].to_numpy())
    merged = pieces.groupby("old_code", sort=True)["geometry"].apply(
        lambda g: shapely.union_all(g.to_numpy())
    )
    old_geo = gpd.GeoDataFrame(
        {"code": merged.index, "geometry_quality": APPROXIMATE},
        geometry=list(merged.to_numpy()),
        crs=crs,
    ).to_crs(WGS84)
    return old_geo, pieces[["old_code", "new_code", "area_m2"]]


def approximate_new(plan: Plan, margin_m: float = 3000.0) -> gpd.GeoDataFrame:
    """Approximate the new units' polygons from their points: a Voronoi tessellation clipped to the
    convex hull of every old and new point, widened by ``margin_m`` metres. Labelled approximate."""
    new = plan.new_communes
    every = pd.concat([new[["code", "lon", "lat"]], plan.old_communes[["code", "lon", "lat"]]])
    every = every.dropna(subset=["lon", "lat"])
    lonlat = gpd.GeoDataFrame(geometry=gpd.points_from_xy(every["lon"], every["lat"]), crs=WGS84)
    crs = metric_crs(lonlat)
    hull = shapely.convex_hull(shapely.MultiPoint(list(lonlat.to_crs(crs).geometry))).buffer(
        margin_m
    )
    points = _points(new, crs)
    codes = sorted(points)
    taken: set = set()
    seeds = [_seed(points[c], hull, taken, k) for k, c in enumerate(codes)]
    cells = _split(hull, seeds)
    return gpd.GeoDataFrame(
        {"code": codes, "geometry_quality": APPROXIMATE}, geometry=cells, crs=crs
    ).to_crs(WGS84)
