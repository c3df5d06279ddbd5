"""A province's workspace: the folder that holds its inputs, its plan and its results.

::

    WORKSPACE/
      workspace.json          what the plan is of and where it came from (no timestamps)
      inputs/                 the user's layers and registers, as given
      plan/old_units.csv      old-unit register (all levels)
      plan/new_units.csv      new-unit register
      plan/crosswalk.csv      the plan: one row per edge (also crosswalk.xlsx for Excel)
      plan/geometry.gpkg      polygons of old and new units (given or approximate)
      results/transition.gpkg layers old_units, new_units, crosswalk, check_results (opens in QGIS)
      results/check.csv|json|xlsx, results/report.md

Everything in ``plan/`` and ``results/`` is regenerated from the inputs and the rule files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..errors import WorkspaceError
from ..geo import PlanGeometry
from ..geo.plan_geometry import GEO_COLUMNS
from ..geo.qgis import result_layers
from ..model import Plan
from ..profiles import load_profile
from ..profiles.formats import CrosswalkFormat
from .atomic import write_bytes, write_text
from .gpkg import update_gpkg, write_gpkg
from .labels import for_people
from .tables import read_table, write_csv, write_xlsx


def column_aliases(section: str) -> dict[str, str]:
    """Other spellings of the columns of ``crosswalk`` or ``units`` -> canonical names."""
    spec = getattr(load_profile(CrosswalkFormat, "crosswalk_format.toml"), section)
    return {alias: canonical for canonical, aliases in spec.items() for alias in aliases}


def read_crosswalk(path, workspace=None) -> pd.DataFrame:
    """Read a crosswalk CSV or XLSX (codes as text, headers in Vietnamese or English), its part
    column read through ``mappings/part_vocabulary.toml`` (toàn bộ / một phần / phần còn lại; full /
    partial). Values the vocabulary does not know are kept as written (``compare`` lists them)."""
    from ..profiles.vocabulary import part_vocabulary
    from ..text import fold

    frame = read_table(path, column_aliases("crosswalk"))
    if "part" in frame.columns:
        words = part_vocabulary(workspace).lookup()
        frame["part"] = [
            words.get(fold(v), v) if str(v).strip() else v for v in frame["part"].astype(str)
        ]
    return frame


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def at(cls, path) -> Workspace:
        return cls(Path(path))

    # ---- paths ----------------------------------------------------------------------------------
    @property
    def meta_path(self) -> Path:
        return self.root / "workspace.json"

    def path(self, key: str) -> Path:
        return self.root / FILES[key]

    def files(self) -> dict[str, str]:
        """Workspace-relative paths that problems name."""
        return {k: FILES[k] for k in ("crosswalk", "old_units", "new_units")} | {
            "new_geometry": f"{FILES['geometry']} (layer new_units)",
            "old_geometry": f"{FILES['geometry']} (layer old_units)",
        }

    # ---- plan -----------------------------------------------------------------------------------
    def save_plan(self, plan: Plan, geometry: PlanGeometry | None, meta: dict) -> None:
        """Write the registers, the crosswalk (CSV and XLSX), the geometry and ``workspace.json``."""
        (self.root / "inputs").mkdir(parents=True, exist_ok=True)
        self.path("import_problems").unlink(missing_ok=True)  # they belong to the previous import
        write_csv(self.path("old_units"), plan.old_units)
        write_csv(self.path("new_units"), plan.new_units)
        write_csv(self.path("crosswalk"), plan.crosswalk)
        write_xlsx(self.path("crosswalk_xlsx"), {"crosswalk": plan.crosswalk})
        if geometry is not None:
            write_gpkg(
                self.path("geometry"), {"new_units": geometry.new, "old_units": geometry.old}
            )
        meta = dict(meta, province_code=plan.province_code, province_name=plan.province_name)
        if geometry is not None:
            meta["layers"] = geometry.layers
        write_text(
            self.meta_path, json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        )

    def save_import_problems(self, problems) -> None:
        """Problems met while importing (a resolution's unreadable names, say), for ``check`` to report."""
        rows = [p.to_dict() for p in problems]
        for r in rows:
            r.pop("family", None)
        write_text(
            self.path("import_problems"), json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        )

    def load_import_problems(self) -> list:
        from ..problems import Problem

        path = self.path("import_problems")
        if not path.exists():
            return []
        return [Problem(**row) for row in json.loads(path.read_text(encoding="utf-8"))]

    def meta(self) -> dict:
        if not self.meta_path.exists():
            raise WorkspaceError(
                f"{self.root} is not a workspace (no workspace.json); create one with "
                f"'transition import vn2025 --province NAME --out {self.root}'"
            )
        return json.loads(self.meta_path.read_text(encoding="utf-8"))

    def load_plan(self) -> Plan:
        """Read the plan back, keeping the file order of the crosswalk so that problems name its rows."""
        meta = self.meta()
        for key in ("old_units", "new_units", "crosswalk"):
            if not self.path(key).exists():
                raise WorkspaceError(f"{self.path(key)} is missing; run 'transition import' again")
        units = column_aliases("units")
        return Plan.build(
            read_table(self.path("old_units"), units),
            read_table(self.path("new_units"), units),
            read_crosswalk(self.path("crosswalk")),
            meta.get("province_code", ""),
            meta.get("province_name", ""),
            sort_crosswalk=False,
        )

    def load_geometry(self) -> PlanGeometry | None:
        path = self.path("geometry")
        if not path.exists():
            return None
        frames = {}
        for layer in ("new_units", "old_units"):
            frame = gpd.read_file(path, layer=layer, engine="pyogrio")
            for col in GEO_COLUMNS:
                frame[col] = frame[col].fillna("").astype(str) if col in frame else ""
            frames[layer] = frame
        return PlanGeometry(frames["old_units"], frames["new_units"], self.meta().get("layers", {}))

    # ---- registers ------------------------------------------------------------------------------
    def register_path(self, kind: str) -> Path | None:
        """``inputs/<kind>.xlsx``, ``.xls`` or ``.csv``, whichever exists (in that order)."""
        for ext in (".xlsx", ".xls", ".csv"):
            path = self.root / (REGISTER_FILES[kind] + ext)
            if path.exists():
                return path
        return None

    def save_registers(self, registers: dict, note: str) -> None:
        for kind, frame in registers.items():
            write_csv(self.root / (REGISTER_FILES[kind] + ".csv"), frame)
        write_text(self.root / "inputs" / "README.md", note)

    # ---- results --------------------------------------------------------------------------------
    def write_results(
        self,
        plan: Plan,
        geometry: PlanGeometry | None,
        report,
        criteria: pd.DataFrame,
        markdown: str,
        lang: str = "vi",
    ) -> None:
        """The GeoPackage of results, the problems as CSV / JSON / XLSX, and the Markdown report.
        ``check.xlsx``, which people open, has its headers and words in ``lang`` (``vi``/``en``);
        the CSV, JSON and layers keep the code's names for programs."""
        problems = report.to_frame()
        write_csv(self.path("check_csv"), problems)
        write_bytes(
            self.path("check_json"),
            (
                json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=_json) + "\n"
            ).encode(),
        )
        summary = pd.DataFrame(
            [
                (k, json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                for k, v in report.summary.items()
            ],
            columns=["figure", "value"],
        )
        sheets = {"summary": summary, "problems": problems, "criteria": criteria}
        write_xlsx(self.path("check_xlsx"), {k: for_people(f, lang) for k, f in sheets.items()})
        write_text(self.path("report"), markdown)
        update_gpkg(self.path("results_gpkg"), result_layers(plan, geometry, problems, criteria))


def _json(v):
    if hasattr(v, "item"):
        return v.item()
    if isinstance(v, float) and pd.isna(v):
        return None
    return str(v)


REGISTER_FILES = {
    k: f"inputs/{k}" for k in ("staff", "assets", "dossiers", "records")
}  # + .csv or .xlsx

FILES = {
    "overrides": "inputs/overrides.csv",
    "assign_dir": "results/assign",
    "ledger": "results/assign/ledger.json",
    "units_dir": "results/units",
    "old_units": "plan/old_units.csv",
    "new_units": "plan/new_units.csv",
    "crosswalk": "plan/crosswalk.csv",
    "crosswalk_xlsx": "plan/crosswalk.xlsx",
    "geometry": "plan/geometry.gpkg",
    "import_problems": "plan/import_problems.json",
    "results_gpkg": "results/transition.gpkg",
    "check_csv": "results/check.csv",
    "check_json": "results/check.json",
    "check_xlsx": "results/check.xlsx",
    "report": "results/report.md",
}
