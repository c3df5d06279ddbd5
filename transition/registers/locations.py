"""Where generated register rows lie: random points inside the old units' polygons, and the parts of
divided communes where their people live (so each part of a divided commune gets its applicants).

Pure: polygons and plans in, coordinates out (``lon, lat`` in degrees, WGS 84, rounded to 6
decimals); the random stream is the caller's, drawn in a fixed order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from ..geo import PlanGeometry
from ..model import Plan
from ..model.shares import people_shares


def sample_points(
    polygons: list, owners: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """One random point inside ``polygons[owners[k]]`` for every k (uniform, by rejection in the
    bounding box). A polygon that is missing or too thin gets its representative point."""
    lon = np.full(len(owners), np.nan)
    lat = np.full(len(owners), np.nan)
    order = np.argsort(owners, kind="stable")
    sorted_owners = owners[order]
    starts = np.flatnonzero(np.r_[True, sorted_owners[1:] != sorted_owners[:-1]])
    ends = np.r_[starts[1:], len(order)]
    for s, e in zip(starts, ends, strict=True):
        poly = polygons[sorted_owners[s]]
        want = e - s
        slots = order[s:e]
        if poly is None or poly.is_empty:
            continue
        shapely.prepare(poly)
        minx, miny, maxx, maxy = poly.bounds
        got_x: list[np.ndarray] = []
        got_y: list[np.ndarray] = []
        have = 0
        for _ in range(30):
            n = max(16, 3 * (want - have))
            x = rng.uniform(minx, maxx, n)
            y = rng.uniform(miny, maxy, n)
            inside = shapely.contains_xy(poly, x, y)
            got_x.append(x[inside])
            got_y.append(y[inside])
            have += int(inside.sum())
            if have >= want:
                break
        xs = np.concatenate(got_x)[:want]
        ys = np.concatenate(got_y)[:want]
        if len(xs) < want:
            p = poly.representative_point()
            xs = np.r_[xs, np.full(want - len(xs), p.x)]
            ys = np.r_[ys, np.full(want - len(ys), p.y)]
        lon[slots] = xs
        lat[slots] = ys
    return np.round(lon, 6), np.round(lat, 6)


def people_parts(
    plan: Plan, geometry: PlanGeometry, communes: pd.DataFrame
) -> dict[int, list[tuple[float, object]]]:
    """Each divided commune's parts where its people live: (people's share, old polygon inside the new
    unit), from :func:`~transition.model.shares.people_shares` (the resolution's words first: a
    land-only part gets nobody). Parts without a polygon are left out."""
    position = {c: i for i, c in enumerate(communes["code"])}
    old_geo = dict(zip(geometry.old["code"], geometry.old.geometry, strict=True))
    new_geo = dict(zip(geometry.new["code"], geometry.new.geometry, strict=True))
    out: dict[int, list[tuple[float, object]]] = {}
    for old, shares in people_shares(plan.commune_edges).items():
        poly = old_geo.get(old)
        if old not in position or poly is None or poly.is_empty:
            continue
        parts = []
        for new, share in sorted(shares.items()):
            piece = _piece(poly, new_geo.get(new))
            if share > 0 and piece is not None and not piece.is_empty and piece.area > 0:
                parts.append((share, piece))
        if parts:
            out[position[old]] = parts
    return out


def _piece(old, new):
    """The part of an old polygon inside a new one (None where there is none); approximate polygons may
    be slightly invalid, so both are made valid first."""
    if new is None or new.is_empty:
        return None
    try:
        return shapely.intersection(shapely.make_valid(old), shapely.make_valid(new))
    except shapely.errors.GEOSException:
        return None


def applicant_points(
    polygons: list,
    parts_of: dict[int, list[tuple[float, object]]],
    owners: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Where applicants live (``lon, lat`` in degrees, one per ``owners`` entry, a position in
    ``polygons``): inside their commune; in a divided commune (``parts_of``, see
    :func:`people_parts`), in its parts by the people's shares (largest remainder, in the
    dossiers' order), not by land."""
    polygons = list(polygons)
    where = owners.copy()
    for pos, parts in sorted(parts_of.items()):
        rows = np.flatnonzero(owners == pos)
        if not len(rows):
            continue
        total = sum(w for w, _ in parts)
        raw = np.array([len(rows) * w / total for w, _ in parts])
        counts = np.floor(raw).astype(int)
        for i in np.argsort(-(raw - counts), kind="stable")[: len(rows) - int(counts.sum())]:
            counts[i] += 1
        slots = np.repeat(np.arange(len(parts)) + len(polygons), counts)
        polygons += [poly for _, poly in parts]
        where[rows] = slots
    return sample_points(polygons, where, rng)
