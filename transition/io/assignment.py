"""Writing a reassignment into the workspace: CSV per class and list, the ledger, layers of the
workspace GeoPackage, and one XLSX per new unit. Personal data is masked unless asked for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ..model import Plan
from ..privacy import masked
from ..reassign import Reassignment
from ..text import fold
from .atomic import write_text
from .gpkg import update_gpkg
from .safe import safe_filename
from .staging import staged_dirs
from .tables import write_csv, write_xlsx
from .workspace import Workspace

SHEETS = {
    "staff": "Cán bộ (staff)",
    "assets": "Tài sản (assets)",
    "dossiers": "Hồ sơ TTHC (dossiers)",
    "records": "Lưu trữ, tài khoản (records)",
}


def _points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    geom = shapely.points(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float))
    return gpd.GeoDataFrame(frame, geometry=geom, crs="EPSG:4326")


def write_assignment(
    ws: Workspace,
    result: Reassignment,
    plan: Plan,
    *,
    show_personal: bool = False,
    unit_files: bool = True,
) -> list[str]:
    """Write every output of ``result``; returns the workspace-relative paths written.

    ``results/assign/`` and ``results/units/`` are written into staging folders and swapped in when
    complete (units first, the ledger's folder last), the GeoPackage by an atomic rename: an
    interrupted run leaves the previous complete results."""
    with staged_dirs(ws.path("units_dir"), ws.path("assign_dir")) as (units_dir, out_dir):
        return _write_all(ws, result, plan, show_personal, unit_files, out_dir, units_dir)


def _write_all(ws, result, plan, show_personal, unit_files, out_dir, units_dir) -> list[str]:
    written = []
    items = {k: masked(v, show_personal) for k, v in result.items.items()}
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
            write_csv(out_dir / f"{name}.csv", frame)
            written.append(f"results/assign/{name}.csv")
    write_text(
        out_dir / "ledger.json",
        json.dumps(result.ledger, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
    )
    written.append("results/assign/ledger.json")
    _write_layers(ws, items, lists)
    written.append("results/transition.gpkg")
    if unit_files:
        written += _write_unit_workbooks(units_dir, items, result, plan)
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
    clean = {}
    for name, frame in layers.items():
        frame = frame.copy()
        for col in frame.columns:
            if frame[col].dtype == object and col != "geometry":
                frame[col] = frame[col].astype(str)
        clean[name] = frame
    update_gpkg(ws.path("results_gpkg"), clean)


def unit_file_name(code: str, name: str) -> str:
    """``06652_phuong-ha-tu.xlsx``: a file name from a code and a name, safe whatever they hold."""
    return safe_filename(f"{code}_{re.sub(r'[^0-9a-z]+', '-', fold(name)).strip('-')}", ".xlsx")


def _write_unit_workbooks(folder: Path, items: dict, result: Reassignment, plan: Plan) -> list[str]:
    """One XLSX per new commune-level unit: what it receives, its headquarters and its surplus.
    ``folder`` is a fresh staging folder, so files of units no longer in the plan do not linger."""
    grouped = {k: dict(tuple(v.groupby("new_code"))) for k, v in items.items()}
    hq = dict(tuple(result.headquarters.groupby("new_code"))) if len(result.headquarters) else {}
    surplus = dict(tuple(result.surplus.groupby("new_code"))) if len(result.surplus) else {}
    quota = result.quota.set_index("new_code") if len(result.quota) else None
    written = []
    plan_units = plan.new_communes
    for u in plan_units.itertuples(index=False):
        sheets = {}
        if quota is not None and u.code in quota.index:
            q = quota.loc[u.code]
            sheets["Tóm tắt (summary)"] = pd.DataFrame(
                [
                    ("Đơn vị (unit)", f"{u.name} ({u.code})"),
                    ("Biên chế (quota)", int(q["quota"])),
                    ("Cán bộ, công chức (counted staff)", int(q["counted_staff"])),
                    ("Vượt biên chế (over quota)", int(q["over_quota"])),
                    ("Chức danh còn thiếu (open titles)", q["open_titles"]),
                ],
                columns=["mục (item)", "giá trị (value)"],
            )
        for kind, frame in grouped.items():
            sheets[SHEETS[kind]] = frame.get(u.code, items[kind].iloc[0:0])
        if u.code in hq:
            sheets["Trụ sở (headquarters)"] = hq[u.code]
        if u.code in surplus:
            sheets["Dôi dư (surplus)"] = surplus[u.code]
        path = folder / unit_file_name(u.code, u.name)
        write_xlsx(path, sheets)
        written.append(f"results/units/{path.name}")
    return written
