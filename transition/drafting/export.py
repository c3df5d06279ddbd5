"""From polygons to the instance's geometry, and from an option back to a plan and dissolved units.

Every function is pure (frames in, frames out); :mod:`transition.actions.draft` writes the files.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from ..geo.adjacency import rook_pairs
from ..geo.crs import VN2000_UTM48N, WGS84
from ..text import split_type
from .facts import UNIT_COLUMNS
from .instance import Instance
from .options import Option

METRIC = VN2000_UTM48N  # one metric CRS for the whole country: lengths in Polsby–Popper only


def unit_geometry(facts: pd.DataFrame, polygons: gpd.GeoDataFrame):
    """Rook neighbours, polygon areas (m²), perimeters (m) and seats (metres) of the units of
    ``facts`` (rows in that order), from ``polygons`` (a layer with ``code``, any CRS). A unit
    without a polygon has no neighbour, area and perimeter 0. Seats are ``facts``' ``lon, lat``
    (the administrative centre), else the polygon's representative point; projected with pyproj."""
    frame = polygons.set_index("code").to_crs(METRIC)
    geoms = np.array([frame.geometry.get(c) for c in facts["code"]], dtype=object)
    have = np.array([g is not None and not g.is_empty for g in geoms])
    safe = np.where(have, geoms, shapely.Point(0, 0))
    idx = np.flatnonzero(have)
    pairs = rook_pairs(safe[idx])
    pairs["i"], pairs["j"] = idx[pairs["i"].to_numpy()], idx[pairs["j"].to_numpy()]
    geo_area = np.where(have, shapely.area(safe), 0.0)
    perim = np.where(have, shapely.length(safe), 0.0)
    rep = shapely.point_on_surface(safe)
    to_m = Transformer.from_crs(WGS84, METRIC, always_xy=True)
    lon, lat = facts["lon"].to_numpy(float), facts["lat"].to_numpy(float)
    x, y = to_m.transform(lon, lat)
    x = np.where(np.isnan(x), shapely.get_x(rep), x)
    y = np.where(np.isnan(y), shapely.get_y(rep), y)
    return pairs, geo_area, perim, np.column_stack([x, y])


def option_units(inst: Instance, opt: Option, facts: pd.DataFrame) -> pd.DataFrame:
    """One row per resulting unit (merged or not): ``code`` (the lead's: proposed, for the
    department to decide), ``name`` (the lead's, flagged), ``members`` (codes), ``province_code``,
    ``population``, ``area_km2``, ``meets``, ``seat_code, seat_lon, seat_lat``, ``unit_type``,
    ``merged`` and ``short_reason``."""
    f = facts.set_index("code")
    short = dict(opt.short)
    rows = []
    for members in sorted(opt.part.groups.values(), key=lambda m: inst.codes[inst.lead(m)]):
        lead = inst.lead(members)
        code = inst.codes[lead]
        r = f.loc[code]
        pops = [f.at[inst.codes[i], "population"] for i in members]
        areas = [f.at[inst.codes[i], "area_km2"] for i in members]
        rows.append(
            {
                "code": code,
                "name": r["name"],
                "unit_type": r["unit_type"],
                "members": [inst.codes[i] for i in sorted(members, key=lambda i: inst.codes[i])],
                "province_code": r["province_code"],
                "province_name": r["province_name"],
                "population": float(np.sum(pops)) if not np.isnan(pops).any() else None,
                "area_km2": round(float(np.sum(areas)), 2) if not np.isnan(areas).any() else None,
                "meets": inst.meets(members) if lead not in short else False,
                "merged": len(members) > 1,
                "name_proposed": len(members) > 1,
                "seat_code": code,
                "seat_lon": float(r["lon"]),
                "seat_lat": float(r["lat"]),
                "short_reason": short.get(lead, ""),
            }
        )
    return pd.DataFrame(rows)


def option_plan_frames(
    units: pd.DataFrame, facts: pd.DataFrame, basis: str, option: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The option as a plan: old units = the current units (their parent is the province: there
    is no district tier after 2025), new units = ``units``, one ``whole`` edge per current unit
    (``source`` = ``draft``, the option and the rule cited in ``basis_document``)."""
    provinces = facts.drop_duplicates("province_code")
    prov = _province_units(provinces)
    old = _old_units(prov, facts)
    new = _new_units(prov, units)
    edges = _option_edges(provinces["province_code"], units, f"{basis}, option {option}")
    return old, new, edges


def _province_units(provinces: pd.DataFrame) -> pd.DataFrame:
    """One ``province`` level unit row per row of ``provinces`` (``province_code``,
    ``province_name``), its type split from the name."""
    return pd.DataFrame(
        {
            "code": provinces["province_code"],
            "name": provinces["province_name"],
            "unit_type": [split_type(str(n))[0] or "" for n in provinces["province_name"]],
            "level": "province",
            "province_code": provinces["province_code"],
            "province_name": provinces["province_name"],
        }
    )


def _old_units(prov: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The plan's old units: the provinces, then the current units of ``facts`` as communes
    (``population``, ``area_km2`` in km², ``lon, lat``; ``island`` where ``region`` is island)."""
    communes = facts[[*UNIT_COLUMNS, "lon", "lat"]].assign(
        level="commune", island=facts["region"].eq("island")
    )
    return pd.concat([prov, communes], ignore_index=True)


def _new_units(prov: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """The plan's new units: the provinces, then the option's ``units`` as communes, located at
    their seat (``seat_lon, seat_lat``; ``seat`` = ``seat_code``)."""
    communes = units[UNIT_COLUMNS].assign(
        level="commune",
        lon=units["seat_lon"],
        lat=units["seat_lat"],
        seat=units["seat_code"],
    )
    return pd.concat([prov, communes], ignore_index=True)


def _option_edges(province_codes: pd.Series, units: pd.DataFrame, basis: str) -> pd.DataFrame:
    """The crosswalk: a ``whole`` province edge onto itself per province, then a ``whole`` commune
    edge from each member of each unit to the unit (shares 1.0, ``basis_document`` = ``basis``,
    ``source`` = ``draft``, ``confidence`` = ``medium``)."""
    edges = [
        {
            "level": "province",
            "old_code": p,
            "new_code": p,
            "part": "whole",
            "area_share": 1.0,
            "pop_share": 1.0,
            "source": "draft",
        }
        for p in province_codes
    ]
    for u in units.itertuples(index=False):
        for m in u.members:
            edges.append(
                {
                    "level": "commune",
                    "old_code": m,
                    "new_code": u.code,
                    "part": "whole",
                    "area_share": 1.0,
                    "pop_share": 1.0,
                    "basis_document": basis,
                    "basis_clause": "",
                    "source": "draft",
                    "confidence": "medium",
                }
            )
    return pd.DataFrame(edges)


def dissolve(units: pd.DataFrame, polygons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The polygon of each resulting unit: the coverage union (shapely) of its members' polygons,
    in WGS 84, with the unit's attributes (``members`` as ``;``-joined text)."""
    frame = polygons.set_index("code").to_crs(WGS84)
    geoms = []
    for members in units["members"]:
        parts = [frame.geometry.get(c) for c in members if frame.geometry.get(c) is not None]
        geoms.append(
            shapely.coverage_union_all(parts) if len(parts) > 1 else (parts[0] if parts else None)
        )
    out = units.drop(columns=["members"]).assign(members=[";".join(m) for m in units["members"]])
    return gpd.GeoDataFrame(out, geometry=geoms, crs=WGS84)
