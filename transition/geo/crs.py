"""Coordinate reference systems. Metric work (areas, lengths, distances) happens in VN-2000 / UTM,
zone 48N (EPSG:3405) west of 108°E and zone 49N (EPSG:3406) east of it, never in degrees."""

from __future__ import annotations

import geopandas as gpd

WGS84 = "EPSG:4326"
VN2000_UTM48N = "EPSG:3405"
VN2000_UTM49N = "EPSG:3406"


def metric_crs(frame: gpd.GeoDataFrame) -> str:
    """The VN-2000 / UTM zone that holds most of ``frame`` (by the longitude of its centre)."""
    lonlat = frame.to_crs(WGS84) if frame.crs is not None and not frame.crs.is_geographic else frame
    minx, _, maxx, _ = lonlat.total_bounds
    return VN2000_UTM49N if (minx + maxx) / 2 >= 108.0 else VN2000_UTM48N


def to_metric(frame: gpd.GeoDataFrame, crs: str | None = None) -> gpd.GeoDataFrame:
    """A copy of ``frame`` in a metric CRS fit for Vietnam. Raises ``ValueError`` when it has no CRS."""
    if frame.crs is None:
        raise ValueError(
            "the layer has no coordinate reference system; set one (e.g. EPSG:4326) first"
        )
    target = crs or metric_crs(frame)
    return frame.to_crs(target)
