"""Geometry checks: CRS, invalid polygons, overlaps and gaps, contiguity of new units, islands, and a
new unit against the union of its parts. Findings on approximate geometry are warnings that say so."""

from __future__ import annotations

import networkx as nx
import shapely

from ..geo import PlanGeometry, metric_crs, rook_pairs
from ..model import Plan
from ..problems import ERROR, INFO, WARNING, Problem
from ..profiles.rules import Tolerances

APPROX_NOTE = " (found on approximate geometry: check it on real polygons before acting)"


def _severity(approximate: bool, severity: str = ERROR) -> str:
    return WARNING if approximate and severity == ERROR else severity


def _lonlat(geom_wgs84):
    p = geom_wgs84.representative_point()
    return float(p.x), float(p.y)


def check_geometry(
    plan: Plan, geo: PlanGeometry, profile: Tolerances, files: dict
) -> tuple[list[Problem], dict]:
    """Geometry problems and a few figures for the summary (islands, contiguity, overlaps, gaps)."""
    out: list[Problem] = []
    stats: dict = {
        "old_geometry": "approximate" if geo.old_is_approximate else "given",
        "new_geometry": "approximate" if geo.new_is_approximate else "given",
    }
    out += _layer_problems(geo)
    new_names = plan.new_names
    out += _missing_polygons(plan, geo, files)
    if geo.new.empty:
        return out, stats

    crs = metric_crs(geo.new)
    new_m = geo.new.to_crs(crs)
    old_m = geo.old.to_crs(crs) if len(geo.old) else geo.old
    approx_new = geo.new_is_approximate
    out += _invalid(geo.new, approx_new, files.get("new_geometry", ""), new_names)
    # Measure on repaired polygons, so that one bad polygon does not stop every other check.
    new_m = new_m.set_geometry(shapely.make_valid(new_m.geometry.to_numpy()))
    if len(old_m):
        old_m = old_m.set_geometry(shapely.make_valid(old_m.geometry.to_numpy()))
    overlaps, gaps = _overlaps_and_gaps(new_m, approx_new, profile, new_names, out, files)
    stats["overlaps"] = overlaps
    stats["gaps"] = gaps

    min_shared = profile.contiguity_min_shared_m
    out += _island_problems(plan, geo, new_m, min_shared, files, stats)
    if len(old_m):
        out += _contiguity(plan, old_m, geo, min_shared, new_names, files, stats)
        if not geo.old_is_approximate and not approx_new:
            out += _unit_vs_parts(plan, old_m, new_m, profile, new_names, files)
    return out, stats


def _layer_problems(geo: PlanGeometry) -> list[Problem]:
    """Each layer read: a missing or geographic CRS; features that matched no unit."""
    out: list[Problem] = []
    for role, meta in geo.layers.items():
        if not meta["crs_declared"]:
            out.append(
                Problem(
                    code="crs-missing",
                    severity=WARNING,
                    message=f"{meta['path']} has no coordinate reference system; read as WGS 84 "
                    "degrees. Save it with its CRS to be sure",
                    file=meta["path"],
                )
            )
        elif meta["crs"].upper() in ("EPSG:4326", "OGC:CRS84", "EPSG:4674"):
            out.append(
                Problem(
                    code="crs-geographic",
                    severity=INFO,
                    message=f"{meta['path']} is in degrees ({meta['crs']}); areas and lengths were "
                    "measured in VN-2000 / UTM",
                    file=meta["path"],
                )
            )
        if meta.get("encoding"):
            out.append(
                Problem(
                    code="layer-encoding",
                    severity=INFO,
                    message=f"{meta['path']}: the DBF's text was read as {meta['encoding']} and "
                    "converted to Unicode",
                    file=meta["path"],
                )
            )
        for f in meta["unmatched"]:
            if f.get("duplicate_of"):
                out.append(
                    Problem(
                        code="duplicate-feature",
                        severity=WARNING,
                        message=f["reason"],
                        unit_code=f["duplicate_of"],
                        file=meta["path"],
                        row=f["row"],
                        fix="delete the duplicate feature, or correct its code",
                    )
                )
                continue
            extra = f"; candidates {f['candidates']}" if f["candidates"] else ""
            out.append(
                Problem(
                    code="unmatched-feature",
                    severity=WARNING,
                    message=f"feature '{f['name'] or f['code']}' ({role}) matched no unit: {f['reason']}"
                    f"{extra}. Correct its code or name",
                    unit_code=f["code"],
                    unit_name=f["name"],
                    file=meta["path"],
                    row=f["row"],
                )
            )
    return out


def _missing_polygons(plan: Plan, geo: PlanGeometry, files: dict) -> list[Problem]:
    """New communes with no polygon in the new-unit layer."""
    out: list[Problem] = []
    have = set(geo.new["code"])
    for u in plan.new_communes.itertuples(index=False):
        if u.code not in have:
            out.append(
                Problem(
                    code="geometry-missing",
                    severity=WARNING,
                    message=f"{u.name} has no polygon in the new-unit layer; add it, or checks of "
                    "its geometry are skipped",
                    unit_code=u.code,
                    unit_name=u.name,
                    file=files.get("new_geometry", ""),
                )
            )
    return out


def _island_problems(
    plan: Plan, geo: PlanGeometry, new_m, min_shared: float, files: dict, stats: dict
) -> list[Problem]:
    """New units that share no border of ``min_shared`` metres with another unit and are not
    declared islands; records ``islands`` and ``units_with_islets`` in ``stats``."""
    new_names = plan.new_names
    approx_new = geo.new_is_approximate
    out: list[Problem] = []
    pairs = rook_pairs(new_m.geometry.to_numpy())
    strong = pairs[pairs["shared"] >= min_shared]
    codes = new_m["code"].to_numpy()
    with_neighbour = set(codes[strong["i"]]) | set(codes[strong["j"]])
    declared = plan.declared_islands
    islands = [c for c in codes if c not in with_neighbour]
    stats["islands"] = sorted(islands)
    stats["units_with_islets"] = int(
        (shapely.get_num_geometries(new_m.geometry.to_numpy()) > 1).sum()
    )
    for c in sorted(islands):
        if not declared.get(c, False):
            lon, lat = _lonlat(geo.new.geometry[geo.new["code"] == c].iloc[0])
            out.append(
                Problem(
                    code="undeclared-island",
                    severity=WARNING,
                    message=f"{new_names.get(c, c)} shares no border with another unit; if it is an "
                    "island, list it in mappings/island_units.csv"
                    + (APPROX_NOTE if approx_new else ""),
                    unit_code=c,
                    unit_name=new_names.get(c, ""),
                    file=files.get("new_geometry", ""),
                    lon=lon,
                    lat=lat,
                )
            )
    return out


def _invalid(wgs, approximate, path, names) -> list[Problem]:
    out = []
    reasons = shapely.is_valid_reason(wgs.geometry.to_numpy())
    for code, reason, geom in zip(wgs["code"], reasons, wgs.geometry, strict=True):
        if reason != "Valid Geometry":
            lon, lat = _lonlat(geom) if not geom.is_empty else (None, None)
            out.append(
                Problem(
                    code="invalid-geometry",
                    severity=_severity(approximate),
                    message=f"polygon of {names.get(code, code)} is not valid ({reason}); repair it in "
                    "QGIS (Vector > Geometry Tools > Fix Geometries) or with buffer(0)",
                    unit_code=code,
                    unit_name=names.get(code, ""),
                    file=path,
                    lon=lon,
                    lat=lat,
                )
            )
    return out


def _overlaps_and_gaps(metric, approximate, profile, names, out, files) -> tuple[dict, dict]:
    geoms = metric.geometry.to_numpy()
    codes = metric["code"].to_numpy()
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    keep = a < b
    a, b = a[keep], b[keep]
    inner = ~shapely.touches(geoms[a], geoms[b])
    a, b = a[inner], b[inner]
    inter = shapely.intersection(geoms[a], geoms[b])
    areas = shapely.area(inter)
    min_overlap = profile.overlap_min_m2
    big = areas > min_overlap
    path = files.get("new_geometry", "")
    for i, j, area, g in zip(a[big], b[big], areas[big], inter[big], strict=True):
        ci, cj = codes[i], codes[j]
        c = shapely.get_coordinates(g.representative_point())
        lon, lat = _to_lonlat(metric.crs, c[0])
        out.append(
            Problem(
                code="overlap",
                severity=_severity(approximate),
                message=f"{names.get(ci, ci)} and {names.get(cj, cj)} overlap by {area / 1e6:.4f} km²; "
                "correct the shared border so that each piece belongs to one unit",
                unit_code=ci,
                unit_name=names.get(ci, ""),
                file=path,
                value=round(float(area), 1),
                lon=lon,
                lat=lat,
            )
        )
    overlap_stats = {"pairs": int(big.sum()), "area_km2": round(float(areas[big].sum()) / 1e6, 4)}

    union = shapely.union_all(geoms)
    holes = []
    for poly in shapely.get_parts(union):
        for ring in poly.interiors:
            hole = shapely.Polygon(ring)
            if hole.area >= profile.gap_min_m2:
                holes.append(hole)
    for hole in holes:
        around = sorted(codes[tree.query(hole, predicate="intersects")])
        lon, lat = _to_lonlat(metric.crs, shapely.get_coordinates(hole.representative_point())[0])
        who = ", ".join(names.get(c, c) for c in around[:6])
        out.append(
            Problem(
                code="gap",
                severity=_severity(approximate, WARNING),
                message=f"{hole.area / 1e6:.4f} km² next to {who} belongs to no unit; "
                "give it to one of them",
                unit_code=around[0] if around else "",
                unit_name=names.get(around[0], "") if around else "",
                file=path,
                value=round(float(hole.area), 1),
                lon=lon,
                lat=lat,
            )
        )
    gap_stats = {"count": len(holes), "area_km2": round(sum(h.area for h in holes) / 1e6, 4)}
    return overlap_stats, gap_stats


def _to_lonlat(crs, xy):
    import pyproj

    t = pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    lon, lat = t.transform(xy[0], xy[1])
    return round(float(lon), 6), round(float(lat), 6)


def _contiguity(plan, old_m, geo, min_shared, names, files, stats) -> list[Problem]:
    """A new unit is contiguous when its old parts form one connected rook graph (shared border of
    at least ``min_shared`` metres). A single part is contiguous, whatever islets its polygon has."""
    pairs = rook_pairs(old_m.geometry.to_numpy())
    pairs = pairs[pairs["shared"] >= min_shared]
    codes = old_m["code"].to_numpy()
    g = nx.Graph()
    g.add_edges_from(zip(codes[pairs["i"]], codes[pairs["j"]], strict=True))
    have = set(codes)
    approximate = geo.old_is_approximate
    declared = plan.declared_islands
    out, contiguous, broken = [], 0, 0
    for new_code, group in plan.commune_edges.groupby("new_code", sort=True):
        parts = sorted(set(group["old_code"]) & have)
        if len(parts) <= 1:
            contiguous += 1
            continue
        sub = g.subgraph(parts).copy()
        sub.add_nodes_from(parts)
        comps = sorted(
            (sorted(c) for c in nx.connected_components(sub)), key=lambda c: (-len(c), c)
        )
        if len(comps) == 1:
            contiguous += 1
            continue
        broken += 1
        if declared.get(new_code, False):
            continue  # a đặc khu or a declared island commune may be made of separate islands
        apart = "; ".join(", ".join(plan.old_names.get(c, c) for c in comp) for comp in comps[1:])
        out.append(
            Problem(
                code="discontiguous",
                severity=_severity(approximate),
                message=f"{names.get(new_code, new_code)} falls into {len(comps)} pieces: {apart} "
                f"do(es) not touch the rest by at least {min_shared:g} m of border"
                + (APPROX_NOTE if approximate else ""),
                unit_code=new_code,
                unit_name=names.get(new_code, ""),
                file=files.get("crosswalk", ""),
            )
        )
    stats["contiguous_new_units"] = contiguous
    stats["discontiguous_new_units"] = broken
    return out


def _unit_vs_parts(plan, old_m, new_m, profile, names, files) -> list[Problem]:
    old = dict(zip(old_m["code"], old_m.geometry, strict=True))
    limit = profile.unit_vs_parts_min_m2
    divided = set(plan.divided_old_units)
    out = []
    for code, geom in zip(new_m["code"], new_m.geometry, strict=True):
        parts = plan.predecessors(code)
        if parts.empty or parts["old_code"].isin(divided).any():
            continue  # a divided unit's polygon spans several new units
        union = shapely.union_all([old[c] for c in parts["old_code"] if c in old])
        diff = float(shapely.area(shapely.symmetric_difference(union, geom)))
        if diff > limit:
            out.append(
                Problem(
                    code="unit-vs-parts",
                    severity=WARNING,
                    message=f"the polygon of {names.get(code, code)} differs from the union of its "
                    f"parts by {diff / 1e6:.3f} km²; one of the two layers needs correcting",
                    unit_code=code,
                    unit_name=names.get(code, ""),
                    file=files.get("new_geometry", ""),
                    value=round(diff, 1),
                )
            )
    return out
