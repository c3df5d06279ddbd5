"""The map's shapes: new units, old units and the parts of divided old units, as one TopoJSON topology.

Borders are simplified without breaking the ones two units share (GEOS coverage simplification moves a
shared edge once for both sides, so no gap or overlap appears), then encoded as TopoJSON: each shared
border is stored once as an arc, with coordinates quantised to a grid and delta-encoded. This keeps a
national dashboard small (about 2 MB of shapes for 3,321 new units) and loads from ``file://`` as a
plain JavaScript object, which ``topojson-client`` turns back into GeoJSON in the page.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import shapely

# One degree of latitude is about 111.32 km; a tolerance in metres becomes degrees this way (in
# longitude it is a little finer at Viet Nam's latitudes, 8-23°N, which errs on the safe side).
M_PER_DEGREE = 111_320.0


class SimplifyWarning(UserWarning):
    """A layer was not a clean coverage; its polygons were simplified one by one instead."""


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """``frame`` (columns ``code``, ``geometry`` in EPSG:4326) with borders simplified by
    ``tolerance_m`` metres, shared borders kept shared.

    Falls back to simplifying each polygon alone (topology kept within a polygon) and warns with
    :class:`SimplifyWarning` when the layer has overlaps or invalid rings that GEOS refuses.
    """
    geoms = shapely.make_valid(frame.geometry.to_numpy())
    geoms = np.array([_polygonal(g) for g in geoms], dtype=object)
    tol = tolerance_m / M_PER_DEGREE
    try:
        simple = shapely.coverage_simplify(geoms, tol) if tol > 0 else geoms
    except shapely.errors.GEOSException as exc:
        warnings.warn(
            f"the layer is not a clean coverage ({exc}); simplified polygon by polygon",
            SimplifyWarning,
            stacklevel=2,
        )
        simple = shapely.simplify(geoms, tol, preserve_topology=True)
    return gpd.GeoDataFrame({"code": frame["code"].to_numpy()}, geometry=simple, crs="EPSG:4326")


def _polygonal(geom):
    """Only the polygons of ``geom`` (make_valid may leave lines or points beside them)."""
    if geom is None or geom.is_empty:
        return shapely.MultiPolygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.MultiPolygon()


def divided_parts(
    old: gpd.GeoDataFrame, new: gpd.GeoDataFrame, edges: list[tuple[str, str]]
) -> gpd.GeoDataFrame:
    """The part of each divided old unit that went to each of its new units: ``old ∩ new`` for every
    ``(old_code, new_code)`` edge of ``edges``. Columns ``old``, ``new``, ``geometry``; edges whose
    polygons do not meet (approximate geometry) are left out of the map, not of the data."""
    old_geom = dict(zip(old["code"], old.geometry, strict=True))
    new_geom = dict(zip(new["code"], new.geometry, strict=True))
    rows = []
    for old_code, new_code in edges:
        a, b = old_geom.get(old_code), new_geom.get(new_code)
        if a is None or b is None or a.is_empty or b.is_empty:
            continue
        part = _polygonal(shapely.intersection(a, b))
        if not part.is_empty and part.area > 0:
            rows.append((old_code, new_code, part))
    return gpd.GeoDataFrame(
        {"old": [r[0] for r in rows], "new": [r[1] for r in rows]},
        geometry=[r[2] for r in rows],
        crs="EPSG:4326",
    )


def topology(layers: dict[str, gpd.GeoDataFrame], quantization: int) -> dict:
    """One TopoJSON topology (a dict) with an object per layer of ``layers`` (name -> frame with
    its property columns and ``geometry``), arcs shared across layers, coordinates quantised to a
    ``quantization`` x ``quantization`` grid over the extent. Empty layers become empty objects."""
    import topojson

    names = [n for n, f in layers.items() if len(f)]
    if not names:
        return {"type": "Topology", "objects": {n: _empty() for n in layers}, "arcs": []}
    frames = [layers[n].reset_index(drop=True) for n in names]
    topo = topojson.Topology(
        frames,
        object_name=names,
        prequantize=quantization,
        topology=True,
        toposimplify=False,
        presimplify=False,
    ).to_dict()
    for name in layers:
        if name not in topo["objects"]:
            topo["objects"][name] = _empty()
        for g in topo["objects"][name].get("geometries", []):
            g.pop("id", None)
    topo.pop("bbox", None)
    return topo


def _empty() -> dict:
    return {"type": "GeometryCollection", "geometries": []}
