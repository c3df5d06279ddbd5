"""The real national 2025 crosswalk, read at run time from the MIT-licensed ``vietnamadminunits`` package.

The package ships two things this module uses:

* ``data/dataset.db``: the registers, ``admin_units_legacy`` (63 provinces, 696 districts, 10,035
  communes plus five island districts that had no communes) and ``admin_units`` (34 provinces, 3,321
  commune-level units), with codes, names, types, centre points and the new units' official areas;
* ``data/converter_2025.json``: old commune key -> new commune key, with the divided communes apart.

The keys of the JSON (``tinhquangninh_huyenbinhlieu_xavongai``) are joined back to codes through the
registers. Divided communes become ``part`` edges: the package does not say which new unit took "the
remainder", nor the size of each part. The shares the resolutions' words fix (a land-only part carries no
people, "toàn bộ quy mô dân số" all of them) come from ``mappings/fixed_shares_2025.csv``.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import UnknownProvince
from ..mappings import aliases, island_codes, read_table
from ..model import Plan
from ..text import fold, split_type, suggest

SOURCE = "vietnamadminunits"
# Districts that had no communes: the converter keys them with an empty commune part.
ISLAND_DISTRICT_KEYS = (
    "huyenbachlongvi",
    "huyenconco",
    "huyenhoangsa",
    "huyenlyson",
    "huyencondao",
)


def _package_dir() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).resolve().parent


def package_version() -> str:
    from importlib.metadata import version

    return version("vietnamadminunits")


@lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    data = _package_dir() / "data"
    with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as conn:
        legacy = pd.read_sql_query("SELECT * FROM admin_units_legacy", conn, dtype=str)
        current = pd.read_sql_query("SELECT * FROM admin_units", conn, dtype=str)
    with open(data / "converter_2025.json", encoding="utf-8") as f:
        converter = json.load(f)
    return legacy, current, converter


PROVINCE_COLUMNS = {"provinceCode": "province_code", "province": "province_name"}
DISTRICT = {
    "districtCode": "code",
    "district": "name",
    "districtType": "unit_type",
    "districtLon": "lon",
    "districtLat": "lat",
}
WARD = {
    "wardCode": "code",
    "ward": "name",
    "wardType": "unit_type",
    "wardLon": "lon",
    "wardLat": "lat",
}


def _rename(frame: pd.DataFrame, level: str, columns: dict[str, str]) -> pd.DataFrame:
    """Rows of one level of the package's tables, with the register's column names."""
    return frame.rename(columns=columns | PROVINCE_COLUMNS).assign(level=level)


def _provinces(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.drop_duplicates("provinceCode")
    return pd.DataFrame(
        {
            "code": rows["provinceCode"].to_numpy(),
            "name": rows["province"].to_numpy(),
            "unit_type": [split_type(n)[0] or "" for n in rows["province"]],
            "level": "province",
            "province_code": rows["provinceCode"].to_numpy(),
            "province_name": rows["province"].to_numpy(),
            "lon": rows["provinceLon"].to_numpy(),
            "lat": rows["provinceLat"].to_numpy(),
        }
    )


@lru_cache(maxsize=1)
def national_plan() -> Plan:
    """The whole country: 63 -> 34 provinces and 10,040 -> 3,321 commune-level units (10,602 edges)."""
    legacy, current, conv = _tables()
    resolutions = (
        read_table("resolutions_2025.csv").set_index("province_code")["resolution"].to_dict()
    )
    old_units = _old_units(legacy, aliases("old"))
    new_units = _new_units(current, aliases("new"), island_codes())
    crosswalk = _crosswalk(legacy, current, conv, resolutions)
    plan = Plan.build(old_units, new_units, crosswalk)
    return with_fixed_shares(plan)


def _old_units(legacy: pd.DataFrame, old_aliases: dict[str, list[str]]) -> pd.DataFrame:
    """The 2024 register: provinces, districts (``island`` for the island districts) and communes,
    the package's columns renamed to the register's, with ``;``-joined ``aliases``."""
    old_units = pd.concat(
        [
            _provinces(legacy),
            _rename(legacy.drop_duplicates("districtCode"), "district", DISTRICT).assign(
                district_code=lambda f: f["code"],
                district_name=lambda f: f["name"],
                island=lambda f: f["districtKey"].isin(ISLAND_DISTRICT_KEYS),
            ),
            _rename(
                legacy[legacy["wardCode"].notna() & (legacy["wardCode"] != "")], "commune", WARD
            ).rename(columns={"districtCode": "district_code", "district": "district_name"}),
        ],
        ignore_index=True,
    )
    old_units["aliases"] = old_units["code"].map(lambda c: ";".join(old_aliases.get(c, [])))
    return old_units


def _new_units(
    current: pd.DataFrame, new_aliases: dict[str, list[str]], islands: set[str]
) -> pd.DataFrame:
    """The 2025 register: provinces and communes (``area_km2`` in km²; ``island`` for special
    zones and the listed island communes), with ``;``-joined ``aliases``."""
    communes = _rename(current, "commune", WARD | {"wardAreaKm2": "area_km2"})
    communes["island"] = (communes["unit_type"] == "Đặc khu") | communes["code"].isin(islands)
    new_units = pd.concat([_provinces(current), communes], ignore_index=True)
    new_units["aliases"] = new_units["code"].map(lambda c: ";".join(new_aliases.get(c, [])))
    return new_units


def _crosswalk(
    legacy: pd.DataFrame, current: pd.DataFrame, conv: dict, resolutions: dict[str, str]
) -> pd.DataFrame:
    """The package's conversion tables as crosswalk edges (province ``whole``; commune ``whole``,
    or ``part`` with medium confidence for a divided commune), each citing the new province's
    resolution in ``basis_document``."""
    # ---- keys -> codes ----
    old_key = {}
    for r in legacy.itertuples(index=False):
        if isinstance(r.wardCode, str) and r.wardCode:
            old_key[f"{r.provinceKey}_{r.districtKey}_{r.wardKey}"] = (r.wardCode, r.ward)
        else:  # an island district with no communes maps as a unit of its own
            old_key[f"{r.provinceKey}_{r.districtKey}_"] = (r.districtCode, r.district)
    new_key = {
        (r.provinceKey, r.wardKey): (r.wardCode, r.ward) for r in current.itertuples(index=False)
    }
    new_prov = {
        r.provinceKey: (r.provinceCode, r.province) for r in current.itertuples(index=False)
    }
    old_prov = {r.provinceKey: (r.provinceCode, r.province) for r in legacy.itertuples(index=False)}

    edges = []

    def edge(level, old, new, part, province_code, confidence="high"):
        edges.append(
            {
                "level": level,
                "old_code": old[0],
                "old_name": old[1],
                "new_code": new[0],
                "new_name": new[1],
                "part": part,
                "source": SOURCE,
                "confidence": confidence,
                "basis_document": resolutions.get(province_code, ""),
            }
        )

    for pkey, olds in conv["DICT_PROVINCE"].items():
        for okey in olds:
            part = "whole"
            edge("province", old_prov[okey], new_prov[pkey], part, new_prov[pkey][0])
    for pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        pcode = new_prov[pkey][0]
        for wkey, olds in wards.items():
            for okey in olds:
                edge("commune", old_key[okey], new_key[(pkey, wkey)], "whole", pcode)
    for pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        pcode = new_prov[pkey][0]
        for okey, targets in olds.items():
            for t in targets:
                # The package says only that the commune was divided, not which side was named a
                # "part" and which "the remainder" in the resolution: every side is a part.
                edge(
                    "commune",
                    old_key[okey],
                    new_key[(pkey, t["newWardKey"])],
                    "part",
                    pcode,
                    confidence="medium",
                )
    return pd.DataFrame(edges)


def with_fixed_shares(plan: Plan, table: pd.DataFrame | None = None) -> Plan:
    """The plan with the population and area shares that the resolutions' words fix (0 or 1, see
    :mod:`fixed_shares`) on its divided communes' edges, from ``table`` or the packaged
    ``mappings/fixed_shares_2025.csv``; the package itself says only that a commune was divided."""
    from .fixed_shares import apply_fixed_shares, fixed_shares_table

    table = fixed_shares_table() if table is None else table
    return plan.replace(crosswalk=apply_fixed_shares(plan.crosswalk, table))


def find_provinces(queries: list[str]) -> list[tuple[str, str]]:
    """Resolve new-province names or codes (diacritics optional) to ``(code, name)`` pairs.

    >>> find_provinces(["Quang Ninh"])
    [('22', 'Tỉnh Quảng Ninh')]
    """
    plan = national_plan()
    provinces = plan.new_units[plan.new_units["level"] == "province"]
    found = []
    for q in queries:
        q = str(q).strip()
        hit = provinces[provinces["code"] == q.zfill(2)] if q.isdigit() else provinces.iloc[0:0]
        if hit.empty:
            wanted = fold(split_type(q)[1])
            hit = provinces[[fold(split_type(n)[1]) == wanted for n in provinces["name"]]]
        if hit.empty:
            names = ", ".join(sorted(split_type(n)[1] for n in provinces["name"]))
            close = suggest(q, list(provinces["name"]))
            hint = f"Did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
            raise UnknownProvince(
                f"no province of the 34 of 2025 is called or coded '{q}'. {hint}"
                f"Known provinces: {names}"
            )
        row = hit.iloc[0]
        found.append((row["code"], row["name"]))
    return found


def province_plan(queries: list[str] | None = None) -> Plan:
    """The plan of one or more new provinces (names or codes), or of the whole country when ``None``.

    The old register holds every old province that went into the new ones, with their districts and
    communes; the crosswalk holds their province-level and commune-level edges.

    Raises :class:`UnknownProvince` when a name or code matches no new province.
    """
    national = national_plan()
    if not queries:
        return national.replace(province_code="", province_name="Việt Nam")
    chosen = find_provinces(queries)
    codes = {c for c, _ in chosen}
    cw = national.crosswalk
    new_units = national.new_units[national.new_units["province_code"].isin(codes)]
    old_provinces = set(
        cw.loc[(cw["level"] == "province") & cw["new_code"].isin(codes), "old_code"]
    )
    old_units = national.old_units[national.old_units["province_code"].isin(old_provinces)]
    crosswalk = cw[
        cw["new_code"].isin(set(new_units["code"]))
        & (
            ((cw["level"] == "province") & cw["new_code"].isin(codes))
            | ((cw["level"] == "commune") & cw["old_code"].isin(set(old_units["code"])))
        )
    ]
    name = "; ".join(n for _, n in chosen)
    return Plan.build(old_units, new_units, crosswalk, ";".join(sorted(codes)), name)
