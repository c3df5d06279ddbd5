"""`transition import resolution`: a workspace from the text of a Standing Committee resolution."""

from __future__ import annotations

from pathlib import Path

from ..io.workspace import Workspace
from ..sources import vn2025
from ..sources.fixed_shares import derive_fixed_shares
from ..sources.legal_types import with_stated_types
from ..sources.resolution import import_resolution as read_resolution
from .common import Progress, say
from .importing import ImportResult, complete_import


def import_resolution(
    path: str | Path,
    out: str | Path,
    *,
    register: str | Path | None = None,
    new_units: str | None = None,
    old_units: str | None = None,
    attributes: str | None = None,
    progress: Progress | None = None,
    repair: bool = False,
) -> ImportResult:
    """Build a workspace from the text of a resolution (.md, .txt, .docx): the crosswalk with each edge
    cited by its clause, the registers (from ``register``, a workspace, or from vietnamadminunits), and
    the problems met reading it (kept in ``plan/import_problems.json``; ``check`` reports them).

    The result's ``to_dict()`` adds ``resolution``, ``date``, ``totals_stated``, ``totals_parsed``
    (counts by unit type), ``totals_confirmed`` and the ``problems`` above notes.
    """
    say(progress, f"reading {path}")
    base = Workspace.at(register).load_plan() if register else None
    result = read_resolution(path, base)
    meta = {
        "source": {
            "name": "resolution",
            "file": str(path),
            "resolution": result.resolution.number,
            "date": result.resolution.date,
            "province": result.resolution.province,
            "register": str(register)
            if register
            else f"vietnamadminunits {vn2025.package_version()}",
            "totals_stated": result.stated_totals,
            "totals_parsed": result.parsed_totals,
        },
        "inputs": {},
    }
    # The type of each new unit is the one this text states (issue 16), not the register's.
    stated = derive_fixed_shares([result])
    typed, type_problems = with_stated_types(result.plan, stated=stated)
    ws, plan, geometry = complete_import(
        typed, meta, out, new_units, old_units, attributes, progress, repair
    )
    ws.save_import_problems(list(result.problems) + type_problems)
    extra = {
        "geometry": meta["geometry"],
        "resolution": result.resolution.number,
        "date": result.resolution.date,
        "totals_stated": result.stated_totals,
        "totals_parsed": result.parsed_totals,
        "totals_confirmed": result.stated_totals == result.parsed_totals,
        "problems": [p.to_dict() for p in result.problems if p.severity != "info"],
    }
    return ImportResult(ws.root, plan, geometry, extra)
