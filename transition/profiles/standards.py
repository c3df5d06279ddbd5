"""Typed models of the standards profiles of commune-level units (``mappings/criteria_76_2025.toml``,
``mappings/standards_nq112.toml``) and of the unit-facts rules (``mappings/unit_facts.toml``: plausible figures, the class proxy).

One criteria engine (:mod:`transition.checks.criteria`) reads both standards files: the 2025 targets
of Resolution 76/2025/UBTVQH15 and the standards of Resolution 112/2025/UBTVQH15 are two profiles of
it. A profile lists minima (per unit type, region class and province kind), reductions (at most one
per criterion), which units must be arranged (named rules, one chosen), and the exemptions a
department may set per unit.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Profile

ANY = "*"


class Minimum(Profile):
    """The minimum population and natural area of one unit type in one region class (``*`` = any)
    and one province kind (``*`` = any). ``None`` means the criterion is not computed."""

    unit_type: str
    region: str = ANY
    province_kind: str = ANY
    population: float | None = Field(default=None, ge=0)
    area_km2: float | None = Field(default=None, ge=0)
    label_en: str = ""  # how the requirement names this choice when several are tried ("mountain")
    label_vi: str = ""
    basis: str = ""  # the clause the figures come from


class Reduction(Profile):
    """A reduction of one criterion (a factor, 0.7 = 70 %) for units carrying a flag (``red_river_delta``,
    ``coastal_sandbank``); at most one reduction applies per criterion (the largest)."""

    flag: str
    unit_type: str
    regions: list[str] = [ANY]
    criterion: Literal["population", "area_km2"]
    factor: float = Field(gt=0, le=1)
    label_en: str
    label_vi: str
    basis: str = ""


class Condition(Profile):
    """One way a unit falls into "must be arranged": every ratio given is below its bound (1.0 = 100 %
    of the standard). ``unit_types`` empty means every type."""

    unit_types: list[str] = []
    population_below: float | None = None
    area_below: float | None = None


class MustArrangeRule(Profile):
    """A named rule: a unit must be arranged when any of its conditions holds."""

    label_en: str
    label_vi: str
    basis: str = ""
    when: list[Condition]


class Exemption(Profile):
    """A named reason a department may set on a unit (isolated, defence, history and culture, ...)."""

    label_en: str
    label_vi: str


class Standards(Profile):
    """A standards profile: minima, reductions, must-arrange rules, exemptions."""

    name: str
    citation: str = ""
    data_as_of: str = ""
    in_force: str = ""  # ISO date: the default --as-of of `transition standards`
    exempt_min_components: int = Field(default=0, ge=0)  # 0: no exemption by number of old units
    unknown_regions: list[str]  # tried in this order when a unit's region class is unknown
    region_labels: dict[str, str] = {}  # region -> Vietnamese label
    province_kind: dict[str, str] = {
        "default": ANY
    }  # province code -> kind; "default" for the rest
    minimum: list[Minimum]
    reduction: list[Reduction] = []
    must_arrange_rule: str = ""  # the key of ``must_arrange`` in force ("" = none chosen)
    must_arrange: dict[str, MustArrangeRule] = {}
    exemption: dict[str, Exemption] = {}
    no_numeric_test: list[str] = []  # unit types outside the numeric test (đặc khu)


class Plausible(Profile):
    """Bounds outside which a figure is implausible (treated as unknown, never as zero)."""

    population_min: float = Field(ge=0)
    population_min_island: float = Field(ge=0)
    population_max: float = Field(gt=0)
    area_km2_min: float = Field(ge=0)
    area_km2_max: float = Field(gt=0)
    density_max: float = Field(gt=0)  # people per km²


class ClassProxy(Profile):
    """An assumption for demos and benchmarks, to be confirmed by a department: a xã is ``mountain``
    when all its predecessors lay in one of ``mountain_provinces`` (pre-2025 province codes), and
    ``red_river_delta`` likewise."""

    note_en: str
    note_vi: str
    mountain_provinces: dict[str, str]  # old province code -> name
    red_river_delta_provinces: dict[str, str]


class UnitFactsRules(Profile):
    """``mappings/unit_facts.toml``: plausible bounds of a unit's figures and the class proxy."""

    name: str
    plausible: Plausible
    proxy: ClassProxy
