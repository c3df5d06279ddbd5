"""`transition import vn2025`: a workspace from the national 2025 crosswalk of vietnamadminunits."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputFileError
from ..mappings import read_table
from ..sources import vn2025
from ..sources.fixed_shares import derive_fixed_shares
from ..sources.legal_types import with_stated_types
from ..sources.resolution import import_resolution
from ..sources.resolution_text import parse_resolution, read_text
from .common import Progress, say
from .importing import ImportResult, complete_import


def _texts_for(plan, folder: Path) -> list[Path]:
    """The resolution files of ``folder`` that arrange the plan's provinces (by the number each text
    states, e.g. 1679/NQ-UBTVQH15 for Quảng Ninh)."""
    if not folder.is_dir():
        raise InputFileError(folder, "is not a folder; give the folder of the resolution texts")
    wanted = set(
        read_table("resolutions_2025.csv")
        .set_index("province_code")
        .reindex(plan.province_code.split(";") if plan.province_code else None)["resolution"]
        .dropna()
    )
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".md", ".txt", ".docx"))
    return [p for p in files if parse_resolution(read_text(p)).number in wanted]


def import_vn2025(
    out: str | Path,
    provinces: list[str] | None = None,
    *,
    new_units: str | None = None,
    old_units: str | None = None,
    attributes: str | None = None,
    resolutions: str | Path | None = None,
    progress: Progress | None = None,
    repair: bool = False,
) -> ImportResult:
    """Build a workspace from the national 2025 crosswalk of ``vietnamadminunits``.

    ``provinces`` are names or codes of new provinces (diacritics optional); ``None`` means the whole
    country. ``new_units`` / ``old_units`` are the user's polygon layers; what is missing is
    approximated and labelled so. ``attributes`` is a CSV/XLSX of official figures of new units.
    The shares the resolutions' words fix come from the packaged table, or, with ``resolutions`` (a
    folder of the texts, .md/.txt/.docx), from the texts themselves.
    Raises :class:`~transition.errors.UnknownProvince` for a province that matches none, and
    :class:`~transition.errors.InputFileError` when ``resolutions`` is not a folder or holds none of
    the provinces' texts.
    """
    say(progress, "reading the national crosswalk (vietnamadminunits)")
    plan = vn2025.province_plan(provinces)
    shares_from = "mappings/fixed_shares_2025.csv"
    if resolutions is not None:
        folder = Path(resolutions)
        files = _texts_for(plan, folder)
        if not files:
            raise InputFileError(
                folder, "holds no resolution text of these provinces (1654-1687/NQ-UBTVQH15)"
            )
        say(progress, f"reading the shares fixed by {len(files)} resolution text(s)")
        table = derive_fixed_shares(import_resolution(p) for p in files)
        blank = plan.crosswalk.assign(area_share=float("nan"), pop_share=float("nan"))
        plan = vn2025.with_fixed_shares(plan.replace(crosswalk=blank), table)
        shares_from = ", ".join(str(p) for p in files)
    meta = {
        "source": {
            "name": "vietnamadminunits",
            "version": vn2025.package_version(),
            "licence": "MIT",
            "provinces": provinces or ["all"],
            "fixed_shares": shares_from,
        },
        "inputs": {},
    }
    plan, type_problems = with_stated_types(plan)  # the type the law states (issue 16)
    ws, plan, geometry = complete_import(
        plan, meta, out, new_units, old_units, attributes, progress, repair
    )
    ws.save_import_problems(type_problems)
    return ImportResult(ws.root, plan, geometry, {"geometry": meta["geometry"]})
