"""Reading polygon layers and attaching them to unit registers, by code (with aliases) or by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ..errors import InputFileError
from ..model.matching import (
    CODE_COLUMNS,
    NAME_COLUMNS,
    TYPE_COLUMNS,
    match_rows,
    pick_column,
    unmatched_report,
)
from .crs import WGS84
from .encoding import looks_vietnamese, misdecoded, read_dbf_text


@dataclass(frozen=True)
class Layer:
    """A polygon layer as read from a file, with what was learned about its CRS."""

    frame: gpd.GeoDataFrame
    path: str
    crs_declared: bool  # False: the file had no CRS and WGS 84 degrees were assumed
    encoding: str = ""  # a DBF's text decoded from this code page (cp1258, TCVN3, VNI), with a note


@dataclass(frozen=True)
class JoinResult:
    """Units with the geometry of the features that matched them, and what did not match."""

    units: gpd.GeoDataFrame  # register columns + geometry + matched_by, layer_code, layer_name
    unmatched: list[dict] = field(
        default_factory=list
    )  # feature row, code, name, reason, candidates


def read_layer(
    path: str | Path, layer: str | None = None, *, repair: bool = False, strict: bool = True
) -> Layer:
    """Read a GeoPackage, GeoJSON or Shapefile with pyogrio.

    A layer without a CRS whose coordinates look like degrees is read as WGS 84 (and reported by the
    geometry check). Raises :class:`InputFileError` when the file is missing or unreadable, or has
    no polygons, and (see :func:`check_polygons`) when a feature is empty, not a polygon, or an
    invalid polygon that ``repair`` was not asked for.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(
            path, "file not found; give the path of a GeoPackage, GeoJSON or Shapefile"
        )
    encoding = ""
    try:
        if path.suffix.lower() == ".shp" and path.with_suffix(".dbf").exists():
            # GDAL's Windows-1258 conversion drops letters: the DBF's text is decoded here.
            frame = gpd.read_file(path, engine="pyogrio", encoding="latin1")
            text, encoding = read_dbf_text(path)
            if len(text) == len(frame):
                keep = [
                    c
                    for c in frame.columns
                    if c == frame.geometry.name or pd.api.types.is_numeric_dtype(frame[c])
                ]
                frame = gpd.GeoDataFrame(
                    pd.concat([text, frame[keep].reset_index(drop=True)], axis=1),
                    geometry=frame.geometry.name,
                    crs=frame.crs,
                )
        else:
            frame = gpd.read_file(path, layer=layer, engine="pyogrio")
    except InputFileError:
        raise
    except Exception as exc:  # pyogrio raises several DataSource errors; all mean "cannot read"
        raise InputFileError(
            path,
            f"cannot be read as a GIS layer ({exc}); save it as GeoPackage, GeoJSON or Shapefile",
        ) from exc
    if frame.empty or not frame.geom_type.isin(["Polygon", "MultiPolygon"]).any():
        raise InputFileError(path, "holds no polygons; give the layer of unit boundaries")
    name_col = pick_column([c for c in frame.columns if c != frame.geometry.name], NAME_COLUMNS)
    wrong = misdecoded(frame[name_col].tolist()) if name_col and not encoding else None
    if wrong:
        sample = next(v for v in frame[name_col] if isinstance(v, str) and not looks_vietnamese(v))
        raise InputFileError(
            path,
            f"its names look mis-decoded ('{sample}' in column {name_col}): the text is most likely "
            f"{wrong}; save the layer again as a GeoPackage in UTF-8 (QGIS: Export, encoding UTF-8)",
        )
    frame = check_polygons(frame, path, repair=repair, strict=strict)
    declared = frame.crs is not None
    if not declared:
        minx, miny, maxx, maxy = frame.total_bounds
        if minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90:
            frame = frame.set_crs(WGS84)
        else:
            raise InputFileError(
                path,
                "has no coordinate reference system and its coordinates are not "
                "degrees; save it with its CRS (e.g. VN-2000 / UTM 48N, EPSG:3405)",
            )
    return Layer(frame, str(path), declared, encoding)


def join_units(
    units: pd.DataFrame,
    layer: Layer,
    *,
    code_column: str | None = None,
    name_column: str | None = None,
) -> JoinResult:
    """Attach the polygons of ``layer`` to the rows of ``units`` (a register), in WGS 84.

    A feature matches a unit by code (aliases too: Xã Ba Chẽ is 06970 or 06978), else by name: type
    and NFC name insensitive to tone-mark placement, then to all diacritics (see
    :func:`transition.model.matching.match_rows`). Several features of one unit are merged. Returns the
    matched units (a copy; the register is not changed) with columns ``matched_by`` (code / alias /
    name), ``layer_code`` and ``layer_name``, and the features that did not match, with the reason.
    Raises :class:`InputFileError` when the layer has neither a code nor a name column.
    """
    frame = layer.frame.to_crs(WGS84)
    cols = [c for c in frame.columns if c != frame.geometry.name]
    code_col = code_column or pick_column(cols, CODE_COLUMNS)
    name_col = name_column or pick_column(cols, NAME_COLUMNS)
    if code_col is None and name_col is None:
        raise InputFileError(
            layer.path,
            "has neither a code nor a name column; name one of: "
            + ", ".join(CODE_COLUMNS + NAME_COLUMNS),
        )
    matches = match_rows(units, frame, code_col, name_col, pick_column(cols, TYPE_COLUMNS))
    by_unit: dict[int, list] = {}
    for m in matches:
        if m.unit is not None:
            by_unit.setdefault(m.unit, []).append(m)
    duplicates = _duplicates(by_unit, units)
    for pos, kept in list(by_unit.items()):
        by_unit[pos] = [m for m in kept if m.row not in {d["row"] - 1 for d in duplicates}]
    positions = sorted(by_unit)
    out = units.iloc[positions].reset_index(drop=True).copy()
    geoms = frame.geometry.to_numpy()
    merged = []
    for pos in positions:
        parts = [geoms[m.row] for m in by_unit[pos]]
        merged.append(parts[0] if len(parts) == 1 else shapely.union_all(parts))
    out["matched_by"] = [by_unit[p][0].how for p in positions]
    out["layer_code"] = [by_unit[p][0].code for p in positions]
    out["layer_name"] = [by_unit[p][0].name for p in positions]
    return JoinResult(
        gpd.GeoDataFrame(out, geometry=merged, crs=WGS84), unmatched_report(matches) + duplicates
    )


def _duplicates(by_unit: dict[int, list], units: pd.DataFrame) -> list[dict]:
    """Features that match a unit another feature already matches under another code.

    Parts of one unit under one code (islands drawn as several features) are merged; a feature under
    another code (an alias, a name) beside one with the unit's own code is a duplicate: the exact code
    match is kept, the other reported (``duplicate_of``), never silently dissolved into it.
    """
    out = []
    for pos, found in sorted(by_unit.items()):
        codes = {m.code for m in found}
        if len(codes) < 2:
            continue
        exact = [m for m in found if m.how == "code"] or found[:1]
        keep = exact[0].code
        code, name = units["code"].iloc[pos], units["name"].iloc[pos]
        listed = " and ".join(sorted(codes))
        for m in found:
            if m.code != keep:
                out.append(
                    {
                        "row": m.row + 1,
                        "code": m.code,
                        "name": m.name,
                        "reason": f"{code} {name} matches {len(found)} features (codes {listed}); "
                        f"the feature with code {keep} is kept",
                        "candidates": keep,
                        "duplicate_of": code,
                    }
                )
    return out


def _feature(frame: gpd.GeoDataFrame, i: int) -> str:
    """'feature 3 (06652 Phường Hà Tu)': the row and whatever code and name columns say."""
    cols = [c for c in frame.columns if c != frame.geometry.name]
    code_col, name_col = pick_column(cols, CODE_COLUMNS), pick_column(cols, NAME_COLUMNS)
    label = " ".join(str(frame.iloc[i][c]) for c in (code_col, name_col) if c is not None).strip()
    return f"feature {i + 1}" + (f" ({label})" if label else "")


def check_polygons(
    frame: gpd.GeoDataFrame, path, *, repair: bool = False, strict: bool = True
) -> gpd.GeoDataFrame:
    """Refuse empty geometry, points or lines among the polygons, and invalid polygons (with the place
    GEOS names, e.g. ``Self-intersection[107.1 21.0]``); with ``repair``, invalid polygons are made
    valid with :func:`shapely.make_valid` (polygon parts kept) and the area change is reported as a
    warning. Raises :class:`InputFileError` naming the file, the feature (code and name) and the fix.
    Without ``strict``, invalid polygons are left for the geometry check to report.
    """
    import warnings

    from shapely.validation import explain_validity

    geoms = frame.geometry.to_numpy()
    bad = []
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            bad.append(f"{_feature(frame, i)} has an empty geometry")
        elif g.geom_type not in ("Polygon", "MultiPolygon"):
            bad.append(f"{_feature(frame, i)} is a {g.geom_type}, not a polygon")
    if bad:
        raise InputFileError(path, "; ".join(bad[:10]) + "; give every unit its polygon")
    invalid = [i for i, g in enumerate(geoms) if not g.is_valid]
    if not invalid or (not strict and not repair):
        return frame
    if not repair:
        where = "; ".join(
            f"{_feature(frame, i)}: {explain_validity(geoms[i])}" for i in invalid[:10]
        )
        raise InputFileError(
            path,
            f"has {len(invalid)} invalid polygon(s): {where}. Fix them in QGIS (Vector > Geometry "
            "Tools > Check Validity), or run again with --repair to repair them with make_valid",
        )
    out = frame.copy()
    fixed = list(geoms)
    for i in invalid:
        before = geoms[i].area
        made = shapely.make_valid(geoms[i])
        polys = [
            p for p in getattr(made, "geoms", [made]) if p.geom_type in ("Polygon", "MultiPolygon")
        ]
        fixed[i] = shapely.union_all(polys) if polys else made
        change = (fixed[i].area - before) / before * 100 if before else 0.0
        warnings.warn(
            f"{path}: {_feature(frame, i)} repaired ({explain_validity(geoms[i])}); area changed "
            f"by {change:+.2f}%",
            stacklevel=2,
        )
    out = out.set_geometry(gpd.GeoSeries(fixed, index=out.index, crs=out.crs))
    return out
