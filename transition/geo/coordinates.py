"""Coordinates as offices type them: decimal degrees with a dot or a comma, degrees-minutes-seconds
with any of the usual marks, latitude-first pairs (as map apps show them), and VN-2000 projected metres
when the department names the system (an EPSG code).

A point is checked against the country's extent (the mainland and the islands: 102.1–117.9 °E and
7.0–23.4 °N; the Spratly islands and the DK1 platforms of Đặc khu Trường Sa reach 117.8 °E and
7.2 °N): a pair that only fits the country read the other way round is swapped *with a note*; a pair
that fits neither way is an error naming the row and the column. A cell is never emptied: what cannot be read is an error.

>>> parse_coordinate("107,34523")
107.34523
>>> round(parse_coordinate("21°30'15\\"N"), 6)
21.504167
>>> round(parse_coordinate("107° 20′ 42.8″ Đ"), 6)
107.345222
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..problems import ERROR, WARNING, Problem

# The country's extent in WGS 84 (lon_min, lat_min, lon_max, lat_max), islands included.
VIETNAM_BOUNDS = (102.1, 7.0, 117.9, 23.4)  # the 2025 national layer spans 7.18–23.39 °N
# VN-2000 systems a department names most often (EPSG codes). The 3° TM zones of the provinces are
# EPSG:9205-9218 (VN-2000 / TM-3 zone 102-00 ... 107-45 and so on); any EPSG code is accepted.
VN2000_UTM = {48: "EPSG:3405", 49: "EPSG:3406"}

_HEMI = {"n": 1, "b": 1, "e": 1, "đ": 1, "d": 1, "s": -1, "w": -1, "t": -1, "n ": 1}
_DMS = re.compile(
    r"""^\s*(?P<sign>[-+])?\s*
        (?P<deg>\d+(?:[.,]\d+)?)\s*(?:°|º|˚|d|deg|độ|\s)\s*
        (?:(?P<min>\d+(?:[.,]\d+)?)\s*(?:'|′|’|‘|m|min|phút|\s)?\s*)?
        (?:(?P<sec>\d+(?:[.,]\d+)?)\s*(?:"|″|”|''|′′|s|sec|giây)?\s*)?
        (?P<hemi>[NSEWBĐDTnsewbđdt])?\s*$""",
    re.VERBOSE,
)


def parse_coordinate(text) -> float:
    """One coordinate in degrees from what a person typed.

    Accepts ``107.34523``, ``107,34523`` (decimal comma), ``21°30'15"N``, ``21° 30′ 15″ B``
    (Bắc/Nam/Đông/Tây or N/S/E/W), ``21 30 15.5`` and ``21°30.25'``. Raises :class:`ValueError` with the
    reason when the text is no coordinate (a cell is never silently emptied).
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if math.isnan(float(text)):
            raise ValueError("empty")
        return float(text)
    raw = str(text).strip()
    if not raw:
        raise ValueError("empty")
    plain = re.sub(r"^([-+])\s+", r"\1", raw)  # "- 8.5"; spaces between figures mean DMS
    if re.fullmatch(r"[-+]?\d+([.,]\d+)?", plain):
        return float(plain.replace(",", "."))
    if re.fullmatch(r"[-+]?\d+(\.\d+)?[eE][-+]?\d+", plain):
        return float(plain)
    m = _DMS.match(raw)
    if not m or (m.group("min") is None and m.group("sec") is None and not m.group("hemi")):
        raise ValueError(f"'{raw}' is neither decimal degrees nor degrees-minutes-seconds")

    def num(key: str) -> float:
        v = m.group(key)
        return float(v.replace(",", ".")) if v else 0.0

    minutes, seconds = num("min"), num("sec")
    if minutes >= 60 or seconds >= 60:
        raise ValueError(f"'{raw}': minutes and seconds must be below 60")
    value = num("deg") + minutes / 60 + seconds / 3600
    hemi = (m.group("hemi") or "").lower()
    sign = -1 if m.group("sign") == "-" or hemi in ("s", "w", "t") else 1
    return sign * value


def in_vietnam(lon: float, lat: float) -> bool:
    """True when the point lies within the country's extent (:data:`VIETNAM_BOUNDS`)."""
    x0, y0, x1, y1 = VIETNAM_BOUNDS
    return x0 <= lon <= x1 and y0 <= lat <= y1


def _projected(lon_text: str, lat_text: str, crs: str):
    from pyproj import Transformer

    x, y = parse_coordinate(lon_text), parse_coordinate(lat_text)
    transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return transformer.transform(x, y)


def read_points(
    frame: pd.DataFrame,
    file: str = "",
    *,
    lon: str = "lon",
    lat: str = "lat",
    crs: str | None = None,
    label: str = "id",
    first_row: int = 2,
) -> tuple[pd.DataFrame, list[Problem]]:
    """A copy of ``frame`` whose ``lon``/``lat`` text columns hold floats (degrees, WGS 84).

    Each row is read with :func:`parse_coordinate` (or, with ``crs`` such as ``"EPSG:9211"``, as
    projected metres x/y transformed to WGS 84). A pair that lies in the country only when read
    latitude-first is swapped with a ``coordinate-swapped`` warning; a pair outside the country either
    way, or a cell that is not a coordinate, is a ``coordinate-outside`` / ``coordinate-unreadable``
    error naming ``file``, the row (``index + first_row``, the file's line) and the column. Empty pairs
    stay empty (no location); a pair with one half is an error. Values outside the errors are kept.

    Plain decimal pairs inside the country (nearly every row of a register) are read in one
    vectorised pass; only the other rows go through :func:`parse_coordinate` one by one.
    """
    out = frame.copy()
    n = len(frame)
    a_all = _texts(frame, lon, n)
    b_all = _texts(frame, lat, n)
    x_all, y_all = np.full(n, np.nan), np.full(n, np.nan)
    if crs is None:
        x_all, y_all = _plain_degrees(a_all), _plain_degrees(b_all)
        x0, y0, x1, y1 = VIETNAM_BOUNDS
        done = (x_all >= x0) & (x_all <= x1) & (y_all >= y0) & (y_all <= y1)
    else:
        done = np.zeros(n, dtype=bool)
    done |= (a_all == "") & (b_all == "")  # no location: stays empty
    x_all[~done] = y_all[~done] = np.nan
    labels = _texts(frame, label, n)
    spec = _PointSpec(file, lon, lat, crs)
    problems: list[Problem] = []
    for k in np.flatnonzero(~done):
        row = int(frame.index[k]) + first_row
        x_all[k], y_all[k], problem = _read_pair(a_all[k], b_all[k], labels[k], row, spec)
        if problem is not None:
            problems.append(problem)
    out[lon] = x_all
    out[lat] = y_all
    return out, problems


@dataclass(frozen=True)
class _PointSpec:
    file: str
    lon: str
    lat: str
    crs: str | None


def _texts(frame: pd.DataFrame, column: str, n: int) -> np.ndarray:
    """The column as stripped text (``""`` for empty or absent), an object array."""
    if column not in frame:
        return np.full(n, "", dtype=object)
    return np.array([_cell(v) for v in frame[column].tolist()], dtype=object)


def _plain_degrees(texts: np.ndarray) -> np.ndarray:
    """Floats of the cells written as plain decimal degrees (dot or comma), NaN for the others."""
    s = pd.Series(texts, dtype=object).astype(str)
    plain = s.str.fullmatch(r"[-+]?\d+(?:[.,]\d+)?")
    values = pd.to_numeric(s.where(plain, "").str.replace(",", ".", regex=False), errors="coerce")
    return np.array(values.to_numpy(dtype=float, na_value=np.nan), dtype=float)  # writable


def _read_pair(a: str, b: str, who: str, row: int, spec: _PointSpec):
    """``(lon, lat, problem or None)`` for one row that the vectorised pass did not settle."""
    lon, lat, file = spec.lon, spec.lat, spec.file
    nan = float("nan")
    if a == "" and b == "":
        return nan, nan, None
    try:
        if a == "" or b == "":
            missing = lat if b == "" else lon
            raise ValueError(f"the {missing} is empty while the other half is given")
        if spec.crs:
            x, y = _projected(a, b, spec.crs)
        else:
            x, y = parse_coordinate(a), parse_coordinate(b)
    except ValueError as exc:
        column = lat if (b == "" or (a != "" and _readable(a))) else lon
        message = (
            f"{who}: {exc}; write decimal degrees (107.34523) or "
            "degrees-minutes-seconds (21°30'15\"N)"
        )
        return (
            nan,
            nan,
            _problem("coordinate-unreadable", ERROR, who, file, row, column, (a, b), message),
        )
    if in_vietnam(x, y):
        return x, y, None
    pair = f"{lon}, {lat}"
    if in_vietnam(y, x):
        message = (
            f"{who}: ({a}, {b}) is latitude-first (a latitude of {y:g} is impossible here); "
            f"read as longitude {y:g}, latitude {x:g}"
        )
        return y, x, _problem("coordinate-swapped", WARNING, who, file, row, pair, (a, b), message)
    if spec.crs is None and (abs(x) > 180 or abs(y) > 90):
        message = (
            f"{who}: ({a}, {b}) look like projected metres; name the system with --crs "
            "(e.g. EPSG:9211, VN-2000 / TM-3 zone 107-45) or write degrees"
        )
    else:
        message = (
            f"{who}: ({x:g}, {y:g}) lies outside Viet Nam (7–23.4 °N, 102–118 °E) either way "
            "round; check the figures"
        )
    return x, y, _problem("coordinate-outside", ERROR, who, file, row, pair, (a, b), message)


def outside_area(
    frame: pd.DataFrame,
    area,
    file: str = "",
    *,
    label: str = "id",
    first_row: int = 2,
    tolerance_m: float = 2000.0,
) -> list[Problem]:
    """Warnings for points of ``frame`` (float ``lon``/``lat``) outside ``area`` (a shapely geometry
    in WGS 84, the province's units), beyond ``tolerance_m`` metres (about, in degrees)."""
    import shapely

    ok = frame["lon"].notna() & frame["lat"].notna()
    if area is None or not ok.any():
        return []
    pts = shapely.points(frame.loc[ok, "lon"].to_numpy(float), frame.loc[ok, "lat"].to_numpy(float))
    shapely.prepare(area)
    inside = shapely.dwithin(area, pts, tolerance_m / 111_000)  # no buffer of the whole province
    out = []
    for idx, hit in zip(frame.index[ok], inside, strict=True):
        if not hit:
            who = _cell(frame.at[idx, label]) if label in frame else ""
            x, y = frame.at[idx, "lon"], frame.at[idx, "lat"]
            out.append(
                _problem(
                    "coordinate-outside-province",
                    WARNING,
                    who,
                    file,
                    int(idx) + first_row,
                    "lon, lat",
                    (x, y),
                    f"{who}: ({x:g}, {y:g}) lies outside the province's units; "
                    "check the figures (it is placed by its holder, not by location)",
                )
            )
    return out


def _readable(text: str) -> bool:
    try:
        parse_coordinate(text)
    except ValueError:
        return False
    return True


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v).strip()


def _problem(code, severity, who, file, row, column, value, message) -> Problem:
    """A coordinate problem; ``who`` (the item id) leads the message, ``value`` is the pair written."""
    del who
    written = f"{value[0]}, {value[1]}"
    return Problem(
        code=code,
        severity=severity,
        message=message if str(value[0]) in message else f"{message} (written: {written})",
        file=file,
        row=row,
        column=column,
        fix="write longitude (kinh độ, 102–118) and latitude (vĩ độ, 7–23.4) in their own columns",
    )
