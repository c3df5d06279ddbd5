"""Writing a reassignment into the workspace: CSV per class and list, the ledger, layers of the
workspace GeoPackage, and one XLSX per new unit. Personal data is masked unless asked for."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model import Plan
from ..privacy import masked
from ..reassign import Reassignment
from ..text import fold
from .atomic import write_text
from .gpkg import update_gpkg
from .labels import for_people
from .safe import safe_filename
from .staging import staged_dirs
from .tables import write_csv
from .unit_books import write_unit_books
from .workspace import Workspace

Progress = Callable[[str], None]

SHEETS = {
    "staff": "Cán bộ (staff)",
    "assets": "Tài sản (assets)",
    "dossiers": "Hồ sơ TTHC (dossiers)",
    "records": "Lưu trữ, tài khoản (records)",
}


def _points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Points at ``lon``/``lat`` (WGS 84); a row without both has no geometry (null)."""
    lon = frame["lon"].to_numpy(dtype=float)
    lat = frame["lat"].to_numpy(dtype=float)
    geom = shapely.points(lon, lat)
    geom[np.isnan(lon) | np.isnan(lat)] = None
    return gpd.GeoDataFrame(frame, geometry=geom, crs="EPSG:4326")


def write_assignment(
    ws: Workspace,
    result: Reassignment,
    plan: Plan,
    *,
    show_personal: bool = False,
    unit_files: bool = True,
    progress: Progress | None = None,
    lang: str = "vi",
) -> list[str]:
    """Write every output of ``result`` into the workspace ``ws``; returns the workspace-relative
    paths written. ``progress`` (optional) is told each stage and, for the unit workbooks, counts.

    ``results/assign/`` and ``results/units/`` are written into staging folders and swapped in when
    complete (units first, the ledger's folder last), the GeoPackage by an atomic rename: an
    interrupted run leaves the previous complete results."""

    def say(text: str) -> None:
        if progress is not None:
            progress(text)

    with staged_dirs(ws.path("units_dir"), ws.path("assign_dir")) as (units_dir, out_dir):
        return _write_all(
            ws, result, plan, (show_personal, unit_files, lang), out_dir, units_dir, say
        )


def _write_all(
    ws, result, plan, options: tuple, out_dir: Path, units_dir: Path, say: Progress
) -> list[str]:
    show_personal, unit_files, lang = options
    written = []
    items = {k: masked(v, show_personal) for k, v in result.items.items()}
    rows = sum(len(v) for v in items.values())
    say(f"writing tables ({rows:,} items)")
    for kind, frame in items.items():
        write_csv(out_dir / f"{kind}.csv", frame)
        written.append(f"results/assign/{kind}.csv")
    lists = {
        "review": result.review,
        "surplus": masked(result.surplus, show_personal),
        "quota": result.quota,
        "headquarters": result.headquarters,
        "surplus_assets": result.surplus_assets,
        "ledger_by_holder": result.by_holder,
    }
    for name, frame in lists.items():
        if isinstance(frame, pd.DataFrame) and len(frame.columns):
            # the lists people work through in Excel: their headers and words in their language
            people = name in ("review", "surplus", "surplus_assets")
            write_csv(out_dir / f"{name}.csv", for_people(frame, lang) if people else frame)
            written.append(f"results/assign/{name}.csv")
    write_text(
        out_dir / "ledger.json",
        json.dumps(result.ledger, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
    )
    written.append("results/assign/ledger.json")
    say(f"writing map layers ({rows:,} items)")
    _write_layers(ws, items, lists)
    written.append("results/transition.gpkg")
    if unit_files:
        written += _write_unit_workbooks(units_dir, items, result, plan, say, lang)
    return written


def _write_layers(ws: Workspace, items: dict, lists: dict) -> None:
    """Put the assignment layers into results/transition.gpkg, keeping the check's layers."""
    layers = {}
    for kind, frame in items.items():
        layers[f"{kind}_assignments"] = _points(frame) if "lon" in frame.columns else frame
    for name in ("review", "surplus", "quota", "ledger_by_holder"):
        frame = lists.get(name)
        if isinstance(frame, pd.DataFrame) and len(frame.columns):
            layers[name] = frame
    update_gpkg(ws.path("results_gpkg"), layers)


def unit_file_name(code: str, name: str) -> str:
    """``06652_phuong-ha-tu.xlsx``: a file name from a code and a name, safe whatever they hold."""
    return safe_filename(f"{code}_{re.sub(r'[^0-9a-z]+', '-', fold(name)).strip('-')}", ".xlsx")


SUMMARY_ROWS = {
    "vi": (
        ("Mục", "Giá trị"),
        ("Đơn vị", "Biên chế", "Cán bộ, công chức", "Vượt biên chế", "Chức danh còn thiếu"),
    ),
    "en": (
        ("Item", "Value"),
        ("Unit", "Quota", "Counted staff", "Over quota", "Open titles"),
    ),
}


def _summary(name: str, code: str, q: pd.Series, lang: str = "vi") -> pd.DataFrame:
    header, items = SUMMARY_ROWS[lang]
    values = (
        f"{name} ({code})",
        int(q["quota"]),
        int(q["counted_staff"]),
        int(q["over_quota"]),
        q["open_titles"],
    )
    return pd.DataFrame(list(zip(items, values, strict=True)), columns=list(header))


def _write_unit_workbooks(
    folder: Path, items: dict, result: Reassignment, plan: Plan, say: Progress, lang: str = "vi"
) -> list[str]:
    """One XLSX per new commune-level unit: its summary, what it receives (one sheet per class,
    empty sheets kept), its headquarters and its surplus. ``folder`` is a fresh staging folder, so
    files of units no longer in the plan do not linger."""
    quota = result.quota.set_index("new_code") if len(result.quota) else None
    units = []  # (file name, summary frame or None)
    for u in plan.new_communes.itertuples(index=False):
        summary = None
        if quota is not None and u.code in quota.index:
            summary = _summary(u.name, u.code, quota.loc[u.code], lang)
        units.append((u.code, unit_file_name(u.code, u.name), summary))
    sheets = {SHEETS[k]: (frame, True) for k, frame in items.items()}
    if len(result.headquarters):
        sheets["Trụ sở (headquarters)"] = (result.headquarters, False)
    if len(result.surplus):
        sheets["Dôi dư (surplus)"] = (result.surplus, False)
    write_unit_books(folder, units, sheets, say, label=lambda f: for_people(f, lang))
    return [f"results/units/{name}" for _, name, _ in units]
