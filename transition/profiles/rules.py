"""Typed models of the rule files of ``mappings/`` used by the checks and the reassignment.

Each model mirrors one file; the file's comments document the values. Loading goes through
:func:`transition.profiles.load_profile`, which refuses unknown keys naming the file.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import Profile


class Tolerances(Profile):
    """``mappings/checks.toml``: tolerances of ``transition check`` (units in the names)."""

    share_tolerance: float = Field(ge=0, le=1)
    contiguity_min_shared_m: float = Field(ge=0)
    overlap_min_m2: float = Field(ge=0)
    gap_min_m2: float = Field(ge=0)
    unit_vs_parts_min_m2: float = Field(ge=0)
    area_ratio_tolerance: float = Field(ge=0)
    point_outside_min_m: float = Field(ge=0)


class Timeline(Profile):
    """``mappings/timeline.toml``: cutover date and trial run of the province."""

    name: str
    cutover: dt.date
    trial_start: dt.date
    trial_end: dt.date


class Quota(Profile):
    """Quota (biên chế) of a new commune-level unit: base, +1 per step above the threshold, capped."""

    base: int = Field(gt=0)
    population_threshold: int = Field(ge=0)
    step_mountain: int = Field(gt=0)
    step_other: int = Field(gt=0)
    cap: dict[str, int]


class Slot(Profile):
    """A title each new unit must fill (``count`` people), and the positions that may fill it."""

    title: str
    count: int = Field(gt=0)
    positions: list[str]


class Costs(Profile):
    """Integer costs of the staffing flow (lower is preferred)."""

    continuity: int
    other_unit: int
    fill_title: int
    over_share: int
    per_10km: int
    surplus: int


class RetirementPolicy(Profile):
    """Retirement ages (Labour Code 2019 roadmap) and the early-retirement window (Decree
    178/2024/NĐ-CP, amended by 67/2025/NĐ-CP)."""

    retirement_age: dict[str, float]
    retirement_window_years: int = Field(ge=0)
    early_retirement_min_service_years: int = Field(ge=0)


class Staffing(Profile):
    """``mappings/staffing_2025.toml``: quotas, title slots, flow costs and policies."""

    name: str
    counted_categories: list[str]
    quota: Quota
    slots: list[Slot]
    costs: Costs
    policy: RetirementPolicy


RecordLevel = Literal["province", "review"]


class RecordDestinations(Profile):
    """``mappings/record_destinations.toml``: where the records of a dissolved district body go."""

    name: str
    district: dict[str, RecordLevel]


class PositionSpec(Profile):
    position: str
    category: str
    count: tuple[int, int]


class AssetSpec(Profile):
    kind: str
    name: str
    count: tuple[int, int]
    value: tuple[int, int]  # million đồng


class GeneratedVocabulary(Profile):
    """``mappings/generated_registers.toml``: vocabulary of ``transition generate registers``."""

    family_names: list[str]
    middle_names_male: list[str]
    middle_names_female: list[str]
    given_names_male: list[str]
    given_names_female: list[str]
    district_bodies: list[str]
    district_positions: list[tuple[str, str, int]]
    district_staff: tuple[int, int]
    dossier_fields: list[tuple[str, str]]
    commune_dossiers: tuple[int, int]
    district_dossiers_per_commune: tuple[int, int]
    dossier_statuses: list[str]
    record_kinds: list[tuple[str, str]]
    commune_positions: list[PositionSpec]
    commune_assets: list[AssetSpec]
