"""Typed model of ``mappings/readiness.toml``: the readiness items of the new units (derived or
attested), the reporting deadline, and the targets that ``transition monitor`` measures against."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import Profile

Group = Literal["to_chuc", "ha_tang", "so_hoa", "nhan_su", "ban_giao", "hanh_chinh"]
Indicator = Literal["online_rate", "on_time_rate", "digitised_rate", "result_digitised_rate"]

# The derived items this toolkit knows how to compute (transition.readiness.derived).
DERIVED_IDS = (
    "plan_checks",
    "staff_posts",
    "headquarters",
    "pending_dossiers",
    "handover_minutes",
    "nothing_in_review",
)


class ReadinessItem(Profile):
    """One item a new unit must have done; ``due`` is in days relative to the cutover."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    group: Group
    weight: float = Field(gt=0)
    critical: bool
    due: int
    owner: str
    kind: Literal["derived", "attested"]
    vi: str
    en: str

    def label(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


class MonitorTarget(Profile):
    """A target of an after-go-live indicator (a share, 0–1) that holds from ``since`` on."""

    indicator: Indicator
    value: float = Field(ge=0, le=1)
    since: dt.date
    vi: str
    en: str


class Readiness(Profile):
    """``mappings/readiness.toml``."""

    name: str
    source: str
    report_deadline_hour: int = Field(ge=0, le=24)
    items: list[ReadinessItem]
    monitor_targets: list[MonitorTarget]

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[ReadinessItem]) -> list[ReadinessItem]:
        ids = [i.id for i in items]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"item ids must be unique; repeated: {', '.join(dup)}")
        return items

    @model_validator(mode="after")
    def _derived_known(self) -> Readiness:
        unknown = [i.id for i in self.items if i.kind == "derived" and i.id not in DERIVED_IDS]
        if unknown:
            raise ValueError(
                f"derived items {', '.join(unknown)} are not computed by this toolkit; "
                f"derived ids are {', '.join(DERIVED_IDS)} (make the others attested)"
            )
        return self

    @cached_property
    def attested(self) -> list[ReadinessItem]:
        return [i for i in self.items if i.kind == "attested"]

    @cached_property
    def by_id(self) -> dict[str, ReadinessItem]:
        return {i.id: i for i in self.items}

    def target(self, indicator: str, day: dt.date) -> MonitorTarget | None:
        """The target of ``indicator`` in force on ``day`` (the latest begun), or ``None``."""
        begun = [t for t in self.monitor_targets if t.indicator == indicator and t.since <= day]
        return max(begun, key=lambda t: t.since) if begun else None
