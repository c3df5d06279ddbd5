"""Unit facts of the current commune-level units, and their data gate.

A facts frame has one row per current unit (the plan's new commune-level units of 1 July 2025) with
the columns of :data:`FACT_COLUMNS`:

``code, name, unit_type, province_code, province_name``; ``population`` (people) and ``area_km2``
(natural area, km²), ``NaN`` when unknown, never zero; ``lon, lat`` (the seat, WGS 84); ``region``
(``mountain`` / ``island`` / ``other``, ``""`` until a department says it) and ``region_source``
(``department``, ``plan`` for an island, ``proxy`` for an assumption); ``red_river_delta`` and
``coastal_sandbank`` (reduction flags); ``exemption`` (a key of the profile's exemptions);
``locked`` (``True``: a department keeps the unit as it is); ``facts_problem`` (why a figure is
unknown or implausible, ``""`` when it is usable); ``old_provinces`` (the pre-2025 provinces of its
predecessors, ``;``-joined).

Every function copies its input; none reads a file (see :mod:`transition.io.facts`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..model import Plan
from ..problems import ERROR, WARNING, Problem
from ..profiles.standards import Standards, UnitFactsRules

#: a unit as the drafting tables name it (population in people, area in km²)
UNIT_COLUMNS = [
    "code",
    "name",
    "unit_type",
    "province_code",
    "province_name",
    "population",
    "area_km2",
]
FACT_COLUMNS = [
    *UNIT_COLUMNS,
    "lon",
    "lat",
    "region",
    "region_source",
    "red_river_delta",
    "coastal_sandbank",
    "exemption",
    "locked",
    "facts_problem",
    "old_provinces",
]
REGIONS = ("mountain", "island", "other")
TRUE_WORDS = {"true", "1", "yes", "x", "có", "co"}


def facts_from_plan(plan: Plan) -> pd.DataFrame:
    """The facts of the plan's new commune-level units as the plan has them (figures, seat, region,
    island flag: an island unit's region is ``island``)."""
    units = plan.new_communes
    edges = plan.commune_edges
    old_prov = dict(zip(plan.old_units["code"], plan.old_units["province_code"], strict=True))
    provinces = (
        edges.assign(p=edges["old_code"].map(old_prov).fillna(""))
        .groupby("new_code")["p"]
        .agg(lambda s: ";".join(sorted(set(s) - {""})))
    )
    region = units["region"].fillna("").astype(str).str.strip()
    region = region.where(~units["island"], "island")
    out = pd.DataFrame(
        {
            "code": units["code"],
            "name": units["name"],
            "unit_type": units["unit_type"],
            "province_code": units["province_code"],
            "province_name": units["province_name"],
            "population": units["population"].astype(float),
            "area_km2": units["area_km2"].astype(float),
            "lon": units["lon"].astype(float),
            "lat": units["lat"].astype(float),
            "region": region,
            "region_source": ["plan" if r else "" for r in region],
            "red_river_delta": False,
            "coastal_sandbank": False,
            "exemption": "",
            "locked": False,
            "facts_problem": "",
            "old_provinces": units["code"].map(provinces).fillna(""),
        }
    )
    return out[FACT_COLUMNS].reset_index(drop=True)


def parse_number(text) -> tuple[float | None, str]:
    """A figure as the atlas or a register writes it (``30,509``, ``30.509``, ``12,5``), and ``""``;
    or ``None`` and why it cannot be read (``đang cập nhật``, empty)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None, "empty"
    if isinstance(text, int | float):
        return float(text), ""
    s = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        return None, "empty"
    if s.count(",") == 1 and s.count(".") == 0 and len(s.split(",")[1]) != 3:
        s = s.replace(",", ".")  # 12,5: a decimal comma
    elif s.count(".") >= 1 and s.count(",") == 0 and all(len(p) == 3 for p in s.split(".")[1:]):
        s = s.replace(".", "")  # 30.509: Vietnamese thousands
    else:
        s = s.replace(",", "")  # 30,509: English thousands
    try:
        return float(s), ""
    except ValueError:
        return None, f"'{text}' is not a number"


def overlay(facts: pd.DataFrame, given: pd.DataFrame, source: str) -> pd.DataFrame:
    """``facts`` with the non-empty cells of ``given`` (rows keyed by ``code``; columns among
    ``population, area_km2, lon, lat, region, red_river_delta, coastal_sandbank, exemption,
    locked``) written over it. A figure that cannot be read becomes unknown with the reason in
    ``facts_problem`` (never zero). ``source`` names the file for those reasons."""
    out = facts.copy().set_index("code")
    rows = given[given["code"].isin(out.index)]
    for r in rows.to_dict("records"):
        code = r["code"]
        for col in ("population", "area_km2", "lon", "lat"):
            if col not in r or str(r[col]).strip() == "":
                continue
            value, why = parse_number(r[col])
            out.at[code, col] = float("nan") if value is None else value
            if value is None and col in ("population", "area_km2"):
                out.at[code, "facts_problem"] = f"{col} in {source}: {why}"
        region = str(r.get("region", "") or "").strip().lower()
        if region:
            out.at[code, "region"] = region
            out.at[code, "region_source"] = "department"
        for col in ("red_river_delta", "coastal_sandbank", "locked"):
            if str(r.get(col, "") or "").strip():
                out.at[code, col] = str(r[col]).strip().lower() in TRUE_WORDS
        if str(r.get("exemption", "") or "").strip():
            out.at[code, "exemption"] = str(r["exemption"]).strip()
    return out.reset_index()[FACT_COLUMNS]


def apply_amendments(
    facts: pd.DataFrame, amendments: pd.DataFrame, as_of: dt.date
) -> tuple[pd.DataFrame, list[dict]]:
    """``facts`` with the changes of type in force on ``as_of`` (xã → phường, code kept), and the
    amendments applied (rows of ``amendments``: ``resolution, effective`` (a date), ``change``,
    ``gso_code, unit_after``). Province changes (to centrally-run city) are returned, not applied
    to units: a profile's ``province_kind`` decides what they mean."""
    out = facts.copy()
    applied = []
    codes = set(out["code"])
    for r in amendments.to_dict("records"):
        effective = r["effective"]
        if effective is None or effective > as_of:
            continue
        change = str(r["change"]).lower()
        if "xã to phường" in change and r["gso_code"] in codes:
            out.loc[out["code"] == r["gso_code"], "unit_type"] = "Phường"
            applied.append(r)
        elif "province" in change and r["gso_code"] in set(out["province_code"]):
            applied.append(r)
    return out, applied


def assume_class_proxy(facts: pd.DataFrame, rules: UnitFactsRules) -> pd.DataFrame:
    """Fill the region of each xã a department has not classed, by the proxy of ``rules`` (an
    assumption to confirm, marked ``proxy`` in ``region_source``): ``mountain`` when every
    predecessor lay in a listed mountain province, else ``other``; ``red_river_delta`` likewise."""
    out = facts.copy()
    mountain = set(rules.proxy.mountain_provinces)
    delta = set(rules.proxy.red_river_delta_provinces)
    for i, r in out.iterrows():
        olds = {p for p in str(r["old_provinces"]).split(";") if p}
        if r["unit_type"] == "Xã" and not r["region"]:
            out.at[i, "region"] = "mountain" if olds and olds <= mountain else "other"
            out.at[i, "region_source"] = "proxy"
        if r["unit_type"] == "Xã" and olds and olds <= delta:
            out.at[i, "red_river_delta"] = True
    return out


def gate(
    facts: pd.DataFrame, std: Standards, rules: UnitFactsRules, file: str = ""
) -> pd.DataFrame:
    """``facts`` with ``facts_problem`` filled for every missing or implausible figure (a unit of a
    type outside the numeric test is not gated). An implausible figure becomes unknown (``NaN``),
    never zero. Bounds: ``mappings/unit_facts.toml`` ``[plausible]``."""
    out = facts.copy()
    b = rules.plausible
    pairs = out.groupby(["population", "area_km2"])["code"].transform("count")
    for i, r in out.iterrows():
        if r["unit_type"] in std.no_numeric_test:
            continue
        why = []
        pop, area = r["population"], r["area_km2"]
        if pd.isna(pop):
            why.append("population unknown")
        elif not b.population_min <= pop <= b.population_max:
            why.append(
                f"population {pop:,.0f} implausible (outside {b.population_min:,.0f}–{b.population_max:,.0f})"
            )
            out.at[i, "population"] = float("nan")
        if pd.isna(area):
            why.append("area unknown")
        elif not b.area_km2_min <= area <= b.area_km2_max:
            why.append(
                f"area {area:g} km² implausible (outside {b.area_km2_min:g}–{b.area_km2_max:g})"
            )
            out.at[i, "area_km2"] = float("nan")
        if not pd.isna(pop) and not pd.isna(area) and area > 0 and pop / area > b.density_max:
            why.append(f"density {pop / area:,.0f}/km² implausible")
        if not pd.isna(pop) and not pd.isna(area) and pairs.iloc[i] > 1:
            twins = out.loc[
                (out["population"] == pop) & (out["area_km2"] == area) & (out["code"] != r["code"]),
                "name",
            ]
            why.append(f"same population and area as {', '.join(twins)}: likely copied")
        if why and not r["facts_problem"]:
            out.at[i, "facts_problem"] = "; ".join(why)
        elif why:
            out.at[i, "facts_problem"] = r["facts_problem"] + "; " + "; ".join(why)
    del file
    return out


def _low(b, r) -> float:
    return b.population_min_island if r["region"] == "island" else b.population_min


def facts_problems(facts: pd.DataFrame, file: str) -> list[Problem]:
    """One problem per unit whose figures are unknown or implausible (an error for drafting)."""
    return [
        Problem(
            code="facts-unknown",
            severity=ERROR,
            message=f"{r.name}: {r.facts_problem}; the standards cannot be judged and drafting "
            "cannot use it",
            unit_code=r.code,
            unit_name=r.name,
            file=file,
            column="population" if "population" in r.facts_problem else "area_km2",
            fix="give the certified figure in inputs/unit_facts.csv, or draft with --exclude-unknown",
        )
        for r in facts.itertuples(index=False)
        if r.facts_problem
    ]


def class_problems(facts: pd.DataFrame, std: Standards, file: str) -> list[Problem]:
    """One note per xã whose region class is unknown or only assumed by the proxy."""
    out = []
    for r in facts.itertuples(index=False):
        if r.unit_type in std.no_numeric_test or r.unit_type != "Xã":
            continue
        if not r.region or r.region_source == "proxy":
            out.append(
                Problem(
                    code="class-unknown" if not r.region else "class-assumed",
                    severity=WARNING,
                    message=f"{r.name}: class (mountain/highland, island, other) "
                    + ("unknown" if not r.region else f"assumed '{r.region}' by the proxy")
                    + "; the department must say it",
                    unit_code=r.code,
                    unit_name=r.name,
                    file=file,
                    column="region",
                    fix="fill the column region of inputs/unit_facts.csv",
                )
            )
    return out
