"""Typed model of ``mappings/dashboard.toml``: simplification and colours of the offline dashboard."""

from __future__ import annotations

from pydantic import Field

from .base import Profile


class DashboardProfile(Profile):
    """``mappings/dashboard.toml`` (metres on the ground; colours as ``#rrggbb``)."""

    simplify_m: float = Field(ge=0)
    simplify_national_m: float = Field(ge=0)
    national_from_units: int = Field(ge=1)
    quantization: int = Field(ge=1000)
    type_colours: dict[str, str]
    status_colours: dict[str, str]

    def tolerance_m(self, new_units: int) -> float:
        """The simplification tolerance (m) for a dashboard of ``new_units`` new units."""
        return self.simplify_national_m if new_units > self.national_from_units else self.simplify_m
