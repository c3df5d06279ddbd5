"""Data quality: old units' points outside their new unit, tone-mark variants of names, code aliases,
official area far from polygon area. Mostly notes: they tell a person where the sources disagree."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from ..geo import PlanGeometry, metric_crs
from ..model import Plan
from ..problems import INFO, WARNING, Problem
from ..profiles.rules import Tolerances
from ..text import nfc, tone_key, tone_variants_differ


def check_quality(
    plan: Plan, geo: PlanGeometry | None, profile: Tolerances, files: dict
) -> list[Problem]:
    out: list[Problem] = []
    out += _names(plan, geo, files)
    if geo is None or geo.new.empty:
        return out
    new_names = plan.new_names
    for r in geo.new[geo.new["matched_by"] == "alias"].itertuples(index=False):
        out.append(
            Problem(
                code="code-alias",
                severity=INFO,
                message=f"{new_names.get(r.code, r.code)} is {r.code} in the register and {r.layer_code} "
                "in the layer; both are accepted (mappings/code_aliases.csv)",
                unit_code=r.code,
                unit_name=new_names.get(r.code, ""),
                file=files.get("new_geometry", ""),
            )
        )
    if not geo.new_is_approximate:
        out += _points_outside(plan, geo, files, profile.point_outside_min_m)
        out += _areas(plan, geo, profile, files)
    return out


def _names(plan: Plan, geo, files) -> list[Problem]:
    out = []
    names = {"old": plan.old_names, "new": plan.new_names}
    seen = set()
    cw_file = files.get("crosswalk", "")
    for idx, e in plan.crosswalk.iterrows():
        for era in ("old", "new"):
            code, written = e[f"{era}_code"], e[f"{era}_name"]
            official = names[era].get(code)
            if not written or official is None or nfc(written) == nfc(official):
                continue
            key = (era, code, written)
            if key in seen:
                continue
            seen.add(key)
            if tone_variants_differ(written, official):
                out.append(
                    Problem(
                        code="tone-variant",
                        severity=INFO,
                        message=f"'{written}' and '{official}' differ only in where the tone mark sits; "
                        "treated as the same name",
                        unit_code=code,
                        unit_name=official,
                        file=cw_file,
                        row=int(idx) + 2,
                        column=f"{era}_name",
                    )
                )
            else:
                out.append(
                    Problem(
                        code="name-differs",
                        severity=WARNING,
                        message=f"the crosswalk calls {code} '{written}' but the register '{official}'; "
                        "correct one of them",
                        unit_code=code,
                        unit_name=official,
                        file=cw_file,
                        row=int(idx) + 2,
                        column=f"{era}_name",
                    )
                )
    if geo is not None:
        for era, frame in (("new", geo.new), ("old", geo.old)):
            path = files.get(f"{era}_geometry", "")
            for r in frame[frame["matched_by"] != ""].itertuples(index=False):
                official = names[era].get(r.code, "")
                if r.layer_name and official and tone_variants_differ(r.layer_name, official):
                    out.append(
                        Problem(
                            code="tone-variant",
                            severity=INFO,
                            message=f"the layer writes '{r.layer_name}', the register '{official}'; they differ "
                            "only in where the tone mark sits",
                            unit_code=r.code,
                            unit_name=official,
                            file=path,
                            column="name",
                        )
                    )
                elif (
                    r.layer_name
                    and official
                    and r.matched_by == "name"
                    and tone_key(r.layer_name) != tone_key(official)
                ):
                    out.append(
                        Problem(
                            code="name-differs",
                            severity=INFO,
                            message=f"the layer writes '{r.layer_name}', the register '{official}' "
                            "(matched without diacritics)",
                            unit_code=r.code,
                            unit_name=official,
                            file=path,
                            column="name",
                        )
                    )
    return out


def _points_outside(plan: Plan, geo: PlanGeometry, files, min_m: float) -> list[Problem]:
    old = plan.old_communes.dropna(subset=["lon", "lat"])
    pts = gpd.GeoSeries(gpd.points_from_xy(old["lon"], old["lat"]), crs="EPSG:4326")
    crs = metric_crs(geo.new)
    pts_m = dict(zip(old["code"], pts.to_crs(crs), strict=True))
    polys = dict(zip(geo.new["code"], geo.new.to_crs(crs).geometry, strict=True))
    new_names = plan.new_names
    out = []
    for old_code, group in plan.commune_edges.groupby("old_code", sort=True):
        p = pts_m.get(old_code)
        targets = [polys[c] for c in group["new_code"] if c in polys]
        if p is None or not targets:
            continue
        if any(t.covers(p) for t in targets):
            continue
        dist = min(t.distance(p) for t in targets)
        if dist < min_m:
            continue
        row = old[old["code"] == old_code].iloc[0]
        where = ", ".join(new_names.get(c, c) for c in group["new_code"])
        out.append(
            Problem(
                code="point-outside",
                severity=WARNING,
                message=f"the point of {row['name']} lies {dist / 1000:.1f} km outside {where}, where the "
                "plan sends it; check its point, or the edge",
                unit_code=old_code,
                unit_name=row["name"],
                file=files.get("old_units", ""),
                column="lon",
                value=round(dist, 1),
                lon=float(row["lon"]),
                lat=float(row["lat"]),
            )
        )
    return out


def _areas(plan: Plan, geo: PlanGeometry, profile: Tolerances, files) -> list[Problem]:
    tol = profile.area_ratio_tolerance
    crs = metric_crs(geo.new)
    drawn = dict(
        zip(
            geo.new["code"],
            shapely.area(geo.new.to_crs(crs).geometry.to_numpy()) / 1e6,
            strict=True,
        )
    )
    out = []
    for u in plan.new_communes.itertuples(index=False):
        a = drawn.get(u.code)
        if a is None or pd.isna(u.area_km2) or u.area_km2 <= 0:
            continue
        if abs(a - u.area_km2) / u.area_km2 > tol:
            out.append(
                Problem(
                    code="area-differs",
                    severity=INFO,
                    message=f"{u.name}: official area {u.area_km2:g} km², polygon {a:.2f} km²; coastal units "
                    "differ for good reason (sea, tidal flats), others may carry a wrong figure",
                    unit_code=u.code,
                    unit_name=u.name,
                    file=files.get("new_units", ""),
                    column="area_km2",
                    value=round(a, 2),
                )
            )
    return out
