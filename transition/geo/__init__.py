"""Geometry: reading layers and CRS, approximate geometry, adjacency, contiguity.

The plan's geometry travels beside it as :class:`PlanGeometry`: one GeoDataFrame of old units and one
of new units, keyed by ``code``, each with ``geometry_quality`` ("given" or "approximate").
"""

from .adjacency import rook_pairs
from .approximate import APPROXIMATE, GIVEN, approximate_new, approximate_old
from .crs import metric_crs, to_metric
from .layers import JoinResult, Layer, join_units, read_layer
from .plan_geometry import PlanGeometry, build_geometry

__all__ = [
    "APPROXIMATE",
    "GIVEN",
    "JoinResult",
    "Layer",
    "PlanGeometry",
    "approximate_new",
    "approximate_old",
    "build_geometry",
    "join_units",
    "metric_crs",
    "read_layer",
    "rook_pairs",
    "to_metric",
]
