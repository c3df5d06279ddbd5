"""Typed model of a rubric under ``mappings/rubrics/``: an administrative-reform index (Chỉ số cải cách
hành chính, PAR INDEX) as a province issues it, or the service index of Decision 766/QĐ-TTg.

A rubric is data, because there is no national commune rubric: each province writes its own (7 or 8
fields, up to ~47 criteria and ~141 sub-criteria, a survey or none). Shape: fields → criteria → items
(sub-criteria), each item with its maximum (points), its method and its rule. Sums are checked on
loading: a criterion's maximum is the sum of its items', a field's the sum of its criteria's, and the
rubric's ``total`` the sum of its fields'. An unknown method or rule, or a maximum that does not add up,
is an error naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .base import Profile

Method = Literal["data", "attested", "survey", "appraisal"]
RuleKind = Literal["linear", "target", "steps", "yesno", "deduction"]
ID = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


class Step(Profile):
    """A threshold of a ``steps`` rule: a value at or above ``at`` earns ``points``."""

    at: float
    points: float = Field(ge=0)


class Item(Profile):
    """A sub-criterion (tiêu chí thành phần).

    ``rule``: ``linear`` (points = max × value, value a share 0–1), ``target`` (linear up to
    ``target``, full points from there: saturation), ``steps`` (the highest step reached),
    ``yesno`` (full points for yes), ``deduction`` (max − ``per_unit`` × count, never below 0).
    ``source`` names the computed measure of a ``data`` item (e.g. ``online_rate``); a ``data`` item
    without a source takes the value the department supplies. ``not_applicable``: what an item that
    does not apply to a unit gets: ``drop`` (out of the denominator) or ``full`` (full points).
    """

    id: str = Field(pattern=ID)
    vi: str
    en: str
    max: float = Field(gt=0)
    method: Method
    rule: RuleKind
    target: float | None = Field(default=None, gt=0)
    steps: list[Step] = Field(default_factory=list)
    per_unit: float | None = Field(default=None, gt=0)
    source: str | None = None
    not_applicable: Literal["drop", "full"] = "drop"

    @model_validator(mode="after")
    def _rule_has_its_parameters(self) -> Item:
        if self.rule == "target" and self.target is None:
            raise ValueError(f"item {self.id}: rule 'target' needs target = <share 0–1>")
        if self.rule == "steps" and not self.steps:
            raise ValueError(f"item {self.id}: rule 'steps' needs [[...steps]] with at and points")
        if self.rule == "steps" and max(s.points for s in self.steps) > self.max:
            raise ValueError(f"item {self.id}: a step gives more points than the item's max")
        if self.rule == "deduction" and self.per_unit is None:
            raise ValueError(f"item {self.id}: rule 'deduction' needs per_unit = <points per case>")
        return self


class Criterion(Profile):
    """A criterion (tiêu chí) and its sub-criteria."""

    id: str = Field(pattern=ID)
    vi: str
    en: str
    max: float = Field(gt=0)
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _max_adds_up(self) -> Criterion:
        total = round(sum(i.max for i in self.items), 6)
        if abs(total - self.max) > 1e-6:
            raise ValueError(
                f"criterion {self.id}: max is {self.max} but its items add up to {total}"
            )
        return self


class RubricField(Profile):
    """A field (lĩnh vực) of the rubric."""

    id: str = Field(pattern=ID)
    vi: str
    en: str
    max: float = Field(gt=0)
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _max_adds_up(self) -> RubricField:
        total = round(sum(c.max for c in self.criteria), 6)
        if abs(total - self.max) > 1e-6:
            raise ValueError(
                f"field {self.id}: max is {self.max} but its criteria add up to {total}"
            )
        return self


class Tier(Profile):
    """A tier (xếp loại): units scoring at or above ``min`` (index points, 0–100)."""

    vi: str
    en: str
    min: float = Field(ge=0, le=100)


class Rubric(Profile):
    """A whole rubric: which decision issued it, its fields, caps, tiers and ranking groups."""

    id: str = Field(pattern=ID)
    version: str
    vi: str
    en: str
    issued_by: str
    decision: str
    date: dt.date
    example: bool = False
    note: str = ""
    total: float = Field(gt=0)
    bonus_cap: float = Field(default=0, ge=0)
    penalty_cap: float = Field(default=0, ge=0)
    rescale_without_survey: bool = False
    ranking_groups: list[list[str]] = Field(default_factory=list)
    tiers: list[Tier] = Field(default_factory=list)
    fields: list[RubricField] = Field(min_length=1)
    #: the province's answer-to-percentage map for raw survey answers (answer -> share 0–1)
    survey_answers: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _checks(self) -> Rubric:
        total = round(sum(f.max for f in self.fields), 6)
        if abs(total - self.total) > 1e-6:
            raise ValueError(f"total is {self.total} but the fields add up to {total}")
        ids = [i.id for i in self.items()]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"item id(s) {', '.join(twice)} used more than once")
        if any(not 0 <= v <= 1 for v in self.survey_answers.values()):
            raise ValueError("survey_answers: each answer's share is between 0 and 1")
        mins = [t.min for t in self.tiers]
        if mins != sorted(mins, reverse=True):
            raise ValueError("tiers must be listed from the highest minimum to the lowest")
        return self

    def items(self) -> list[Item]:
        """Every sub-criterion, in the rubric's order."""
        return [i for f in self.fields for c in f.criteria for i in c.items]

    def item_index(self) -> list[tuple[RubricField, Criterion, Item]]:
        """(field, criterion, item) for every sub-criterion, in the rubric's order."""
        return [(f, c, i) for f in self.fields for c in f.criteria for i in c.items]
