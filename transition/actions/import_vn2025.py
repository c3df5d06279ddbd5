"""`transition import vn2025`: a workspace from the national 2025 crosswalk of vietnamadminunits."""

from __future__ import annotations

from pathlib import Path

from ..sources import vn2025
from .common import Progress, say
from .importing import ImportResult, complete_import


def import_vn2025(
    out: str | Path,
    provinces: list[str] | None = None,
    *,
    new_units: str | None = None,
    old_units: str | None = None,
    attributes: str | None = None,
    progress: Progress | None = None,
    repair: bool = False,
) -> ImportResult:
    """Build a workspace from the national 2025 crosswalk of ``vietnamadminunits``.

    ``provinces`` are names or codes of new provinces (diacritics optional); ``None`` means the whole
    country. ``new_units`` / ``old_units`` are the user's polygon layers; what is missing is
    approximated and labelled so. ``attributes`` is a CSV/XLSX of official figures of new units.
    Raises :class:`~transition.errors.UnknownProvince` for a province that matches none.
    """
    say(progress, "reading the national crosswalk (vietnamadminunits)")
    plan = vn2025.province_plan(provinces)
    meta = {
        "source": {
            "name": "vietnamadminunits",
            "version": vn2025.package_version(),
            "licence": "MIT",
            "provinces": provinces or ["all"],
        },
        "inputs": {},
    }
    ws, plan, geometry = complete_import(
        plan, meta, out, new_units, old_units, attributes, progress, repair
    )
    return ImportResult(ws.root, plan, geometry, {"geometry": meta["geometry"]})
