"""Readiness of the new units for the trial run and go-live, and the monitor after go-live.

Stages (pure, frames in and out): :mod:`derived` (items computed from the workspace),
:mod:`reports` (daily reports as events, bad rows as problems), :mod:`status` (every unit, item and
day), :mod:`rollup` (province counts, blockers, go / no-go), :mod:`assess` (one call for a day),
:mod:`monitor` (indicators from the processing log), :mod:`generate` (demo data, labelled generated).
"""

from .assess import Assessment, ReadinessDateError, assess
from .derived import Sources, derive_items

__all__ = ["Assessment", "ReadinessDateError", "Sources", "assess", "derive_items"]
