"""The split year 2025: the first half's dossiers of the old units carried to the new units.

A province may choose (off by default) to score 2025 as a whole year although the new units only
existed from 1 July. The first half's processing log names the OLD units; each of its dossiers is
carried to one new unit through the plan's crosswalk:

* an old unit that went whole to one new unit: to that unit;
* a divided old unit: by the applicant's location when the log gives it (``lon``/``lat``, degrees,
  inside one of the unit's new units), else by the plan's shares of the parts (population, else area,
  else equal), the dossier drawn by a hash of its id, so that the same log gives the same result.

Old codes may be new codes too (a new unit may keep the code of one of its old units): the first
half's log is a file of its own, read with the old units' codes.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from ..problems import WARNING, Problem

WAYS = ("whole", "location", "shares")


def _shares(parts: pd.DataFrame) -> np.ndarray:
    """The parts' shares (population, else area, else equal), summing to 1."""
    for col in ("pop_share", "area_share"):
        values = pd.to_numeric(parts[col], errors="coerce").to_numpy(dtype=float)
        if not np.isnan(values).any() and values.sum() > 0:
            return values / values.sum()
    return np.full(len(parts), 1.0 / len(parts))


def _draw(ids: pd.Series) -> np.ndarray:
    """A number in [0, 1) per dossier id, the same for the same id on every run."""
    return np.array([zlib.crc32(str(i).encode()) / 2**32 for i in ids], dtype=float)


def carry_old_log(
    old_log: pd.DataFrame, edges: pd.DataFrame, new_polygons=None, file: str = ""
) -> tuple[pd.DataFrame, dict[str, int], list[Problem]]:
    """``old_log`` (the processing log's columns, ``unit_code`` an old unit) with each row's
    ``unit_code`` replaced by the new unit that carries it, ``carried_from`` the old code;
    ``edges``: the plan's commune edges (``old_code, new_code, part, pop_share, area_share``);
    ``new_polygons``: a GeoDataFrame of the new units (``code``, geometry, WGS 84) or None. Returns
    the carried rows, the count by way (:data:`WAYS`), and a warning per old code the plan does not
    know (its rows left out)."""
    out = old_log.copy()
    out["carried_from"] = out["unit_code"].astype(str)
    target = pd.Series("", index=out.index, dtype=object)
    ways = dict.fromkeys(WAYS, 0)
    problems: list[Problem] = []
    by_old = {code: group.sort_values("new_code") for code, group in edges.groupby("old_code")}
    for code, rows in out.groupby("carried_from").groups.items():
        parts = by_old.get(code)
        if parts is None:
            problems.append(
                Problem(
                    code="split-year-unknown",
                    severity=WARNING,
                    message=f"{len(rows)} dossier(s) of the first half name '{code}', which is not an "
                    "old unit of the plan; left out",
                    file=file,
                    unit_code=str(code),
                    column="unit_code",
                    fix="use the old units' codes of plan/crosswalk.csv",
                )
            )
            continue
        news = parts["new_code"].astype(str).tolist()
        if len(news) == 1:
            target[rows] = news[0]
            ways["whole"] += len(rows)
            continue
        placed = _by_location(out.loc[rows], news, new_polygons)
        ways["location"] += int((placed != "").sum())
        rest = placed[placed == ""].index
        if len(rest):
            edges_cum = np.cumsum(_shares(parts))
            pick = np.searchsorted(edges_cum, _draw(out.loc[rest, "dossier_id"]), side="right")
            placed[rest] = [news[min(k, len(news) - 1)] for k in pick]
            ways["shares"] += len(rest)
        target[rows] = placed
    out["unit_code"] = target
    return out[target != ""].reset_index(drop=True), ways, problems


def _by_location(rows: pd.DataFrame, news: list[str], polygons) -> pd.Series:
    """The new unit whose polygon holds the applicant's point, for rows that give one; "" else."""
    found = pd.Series("", index=rows.index, dtype=object)
    if polygons is None or "lon" not in rows.columns or "lat" not in rows.columns:
        return found
    import shapely

    lon = pd.to_numeric(rows["lon"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(rows["lat"], errors="coerce").to_numpy(dtype=float)
    ok = ~(np.isnan(lon) | np.isnan(lat))
    if not ok.any():
        return found
    points = shapely.points(lon[ok], lat[ok])
    index = rows.index[ok]
    for code in news:
        shape = polygons.loc[polygons["code"] == code, "geometry"]
        if not len(shape):
            continue
        inside = shapely.contains(shape.iloc[0], points)
        hit = index[inside & (found[index] == "").to_numpy()]
        found[hit] = code
    return found
