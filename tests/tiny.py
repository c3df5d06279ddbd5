"""Tiny hand-drawn plans for the checks. One cell is 0.01° (about 1 km) near 107°E, 21°N.

::

    lat
    21.02 +------+------+------+
          |  A1  |  A2  |  B1  |
    21.01 +------+------+------+               +----+
          |  A3  |  B2  |  C1  |               | C2 |   (an island far out)
    21.00 +------+------+------+               +----+
        107.00 107.01 107.02 107.03          107.06

    N1 = A1 + A2 + A3   contiguous
    N2 = B1 + B2        touches only at a corner: discontiguous
    N3 = C1 + C2        C2 is an island: fine only if N3 is declared an island
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely import box

from transition.geo import PlanGeometry
from transition.model import Plan

X0, Y0, D = 107.0, 21.0, 0.01

CELLS = {
    "A1": (0, 1),
    "A2": (1, 1),
    "B1": (2, 1),
    "A3": (0, 0),
    "B2": (1, 0),
    "C1": (2, 0),
    "C2": (6, 0),
}
TARGET = {"A1": "N1", "A2": "N1", "A3": "N1", "B1": "N2", "B2": "N2", "C1": "N3", "C2": "N3"}
OLD_CODES = {k: f"0000{i + 1}" for i, k in enumerate(CELLS)}
NEW_CODES = {"N1": "00100", "N2": "00200", "N3": "00300"}


def cell(name: str):
    x, y = CELLS[name]
    return box(X0 + x * D, Y0 + y * D, X0 + (x + 1) * D, Y0 + (y + 1) * D)


def tiny_plan(edges: list[dict] | None = None, island_n3: bool = False) -> Plan:
    old = [
        {
            "code": "99",
            "name": "Tỉnh Thử",
            "unit_type": "Tỉnh",
            "level": "province",
            "province_code": "99",
        },
        {
            "code": "990",
            "name": "Huyện Thử",
            "unit_type": "Huyện",
            "level": "district",
            "province_code": "99",
            "district_code": "990",
        },
    ]
    for k, (_x, _y) in CELLS.items():
        p = cell(k).centroid
        old.append(
            {
                "code": OLD_CODES[k],
                "name": f"Xã {k}",
                "unit_type": "Xã",
                "level": "commune",
                "province_code": "99",
                "district_code": "990",
                "district_name": "Huyện Thử",
                "lon": p.x,
                "lat": p.y,
            }
        )
    new = [
        {
            "code": "99",
            "name": "Tỉnh Thử",
            "unit_type": "Tỉnh",
            "level": "province",
            "province_code": "99",
        }
    ]
    for n, code in NEW_CODES.items():
        parts = [k for k, t in TARGET.items() if t == n]
        c = cell(parts[0]).centroid
        new.append(
            {
                "code": code,
                "name": f"Xã {n}",
                "unit_type": "Xã",
                "level": "commune",
                "province_code": "99",
                "lon": c.x,
                "lat": c.y,
                "island": (n == "N3" and island_n3),
                "area_km2": 40,
                "population": 20000,
            }
        )
    if edges is None:
        edges = [
            {
                "old_code": OLD_CODES[k],
                "old_name": f"Xã {k}",
                "new_code": NEW_CODES[t],
                "new_name": f"Xã {t}",
                "part": "whole",
            }
            for k, t in TARGET.items()
        ]
    edges = edges + [{"level": "province", "old_code": "99", "new_code": "99", "part": "whole"}]
    return Plan.build(pd.DataFrame(old), pd.DataFrame(new), pd.DataFrame(edges), "99", "Tỉnh Thử")


def tiny_geometry(
    plan: Plan,  # noqa: ARG001  the same call shape as build_geometry(plan, ...)
    quality: str = "given",
    new_override: dict | None = None,
) -> PlanGeometry:
    """Given polygons: old units are the cells, new units the unions of their cells."""
    from shapely import union_all

    old_rows = [
        {
            "code": OLD_CODES[k],
            "geometry_quality": quality,
            "matched_by": "code",
            "layer_code": "",
            "layer_name": "",
            "geometry": cell(k),
        }
        for k in CELLS
    ]
    new_rows = []
    for n, code in NEW_CODES.items():
        geom = union_all([cell(k) for k, t in TARGET.items() if t == n])
        if new_override and n in new_override:
            geom = new_override[n]
        new_rows.append(
            {
                "code": code,
                "geometry_quality": quality,
                "matched_by": "code",
                "layer_code": "",
                "layer_name": "",
                "geometry": geom,
            }
        )
    return PlanGeometry(
        gpd.GeoDataFrame(old_rows, crs="EPSG:4326"), gpd.GeoDataFrame(new_rows, crs="EPSG:4326")
    )
