"""The plan model: unit registers, the crosswalk table, and the :class:`Plan` with its derived views.

The crosswalk table is the truth; the lineage graph and the coordination clusters are computed from it
and never stored beside it. This package knows no files and no screen, and does no geometry work.
"""

from .crosswalk import CROSSWALK_COLUMNS, PARTS, normalise_crosswalk
from .plan import Plan
from .units import NEW_UNIT_COLUMNS, OLD_UNIT_COLUMNS, normalise_units

__all__ = [
    "CROSSWALK_COLUMNS",
    "NEW_UNIT_COLUMNS",
    "OLD_UNIT_COLUMNS",
    "PARTS",
    "Plan",
    "normalise_crosswalk",
    "normalise_units",
]
