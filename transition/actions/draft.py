"""`transition draft`: options of merges that bring every unit to its standard, each written as a
workspace of its own (``drafts/option_N/``) that ``transition check`` accepts."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..drafting.export import dissolve, option_plan_frames, option_units, unit_geometry
from ..drafting.instance import build_instance
from ..drafting.options import Option, draft_options
from ..drafting.standards import annex_frame, standards_table
from ..errors import TransitionError
from ..geo import PlanGeometry
from ..geo.plan_geometry import GEO_COLUMNS
from ..io.atomic import write_text
from ..io.facts import read_pairs
from ..io.gpkg import write_gpkg
from ..io.tables import write_xlsx
from ..io.workspace import Workspace
from ..model import Plan
from ..text import fold
from .common import Progress, say
from .standards import Facts, load_facts

LINKS_FILE = "inputs/links.csv"  # code_a, code_b, kind (bridge, ferry)
PAIRS_FILE = "inputs/draft_pairs.csv"  # code_a, code_b, relation (must / never)


class DataGateError(TransitionError):
    """Drafting refused: some units' figures or class are unknown."""


@dataclass(frozen=True)
class DraftResult:
    """The ranked options of a draft and where they were written."""

    workspace: Path
    facts: Facts
    options: list[Option]
    units: list[pd.DataFrame]
    short_before: int
    written: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"as_of", "rule", "assumptions", "short_before", "options": [{"rank", "units_before",
        "units_after", "touched", "short": [{"code", "reason"}], "compactness", "mean_km",
        "worst_km", "balance", "units": [...]}]}``."""
        f = self.facts
        return {
            "as_of": f.as_of.isoformat(),
            "rule": f"{f.std.name}; must arrange: {f.std.must_arrange_rule}",
            "assumptions": f.assumptions,
            "short_before": self.short_before,
            "options": [_option_dict(o, u) for o, u in zip(self.options, self.units, strict=True)],
        }


def _option_dict(opt: Option, units: pd.DataFrame) -> dict:
    short = units[units["short_reason"] != ""]
    return {
        "rank": opt.rank,
        "strategy": opt.strategy,
        "units_before": opt.units_before,
        "units_after": opt.units_after,
        "touched": opt.touched,
        "short": [
            {"code": r.code, "reason": r.short_reason} for r in short.itertuples(index=False)
        ],
        "compactness": round(opt.compactness, 3),
        "mean_km": round(opt.mean_km, 2),
        "worst_km": round(opt.worst_km, 2),
        "balance": round(opt.balance, 3),
        "units": [
            {
                "code": r.code,
                "name": r.name,
                "members": list(r.members),
                "province_code": r.province_code,
                "population": r.population,
                "area_km2": r.area_km2,
                "meets": bool(r.meets),
                "name_proposed": bool(r.name_proposed),
                "seat": {"code": r.seat_code, "lon": r.seat_lon, "lat": r.seat_lat},
            }
            for r in units.itertuples(index=False)
        ],
    }


def draft(
    workspace: str | Path,
    *,
    province: str | None = None,
    options: int = 5,
    as_of: str | dt.date | None = None,
    assume_class: str = "none",
    attributes: str | Path | None = None,
    amendments: str | Path | None = None,
    exclude_unknown: bool = False,
    write: bool = True,
    progress: Progress | None = None,
) -> DraftResult:
    """Draft ``options`` ranked options for the workspace (or one ``province``: code or name).

    Refuses (:class:`DataGateError`, listing the units) when a unit's figures or class are unknown,
    unless ``exclude_unknown``: such units then stay as they are and are named among the units
    still short. With ``write``: ``drafts/option_N/`` (a workspace: plan, geometry, a GeoPackage
    of dissolved units ``draft.gpkg``, the standards annex before and after), and
    ``drafts/comparison.xlsx`` / ``comparison.md``."""
    say(progress, "reading the unit facts")
    f = load_facts(
        workspace,
        as_of=as_of,
        assume_class=assume_class,
        attributes=attributes,
        amendments=amendments,
    )
    ws = Workspace.at(workspace)
    facts = _province_facts(f.facts, province, ws.root) if province else f.facts
    blocked = _blocked_units(facts, exclude_unknown)
    geometry = ws.load_geometry()
    if geometry is None:
        raise TransitionError(
            f"{ws.root} has no plan/geometry.gpkg: drafting needs the units' polygons"
        )
    polygons = geometry.new[["code", "geometry"]]
    say(progress, "building the graph")
    pairs, geo_area, perim, xy = unit_geometry(facts, polygons)
    links, together = _read_links_and_pairs(ws.root)
    inst = build_instance(
        facts,
        f.std,
        pairs,
        geo_area,
        perim,
        xy,
        links=links,
        together=together,
        excluded=set(blocked["code"]),
    )
    say(progress, "drafting the options")
    found = draft_options(inst, options)
    units = [option_units(inst, o, facts) for o in found]
    before = standards_table(facts, f.std)
    short_before = int(((before["status"] == "fail") | before["code"].isin(blocked["code"])).sum())
    result = DraftResult(ws.root, f, found, units, short_before)
    if write:
        say(progress, "writing the options")
        written = _write(ws, f, facts, polygons, found, units, before)
        result = DraftResult(ws.root, f, found, units, short_before, written)
    return result


def _province_facts(facts: pd.DataFrame, province: str, root: Path) -> pd.DataFrame:
    """The rows of ``facts`` of one province, by code (``"22"``) or by a name (folded, part of the
    name is enough). Raises :class:`TransitionError` naming the provinces when none matches."""
    wanted = fold(province)
    keep = (facts["province_code"] == province.zfill(2)) | facts["province_name"].map(
        lambda n: wanted in fold(n)
    )
    if not keep.any():
        raise TransitionError(
            f"no province '{province}' in {root}; it has {sorted(set(facts['province_name']))}"
        )
    return facts[keep].reset_index(drop=True)


def _blocked_units(facts: pd.DataFrame, exclude_unknown: bool) -> pd.DataFrame:
    """The rows of ``facts`` drafting cannot judge: a ``facts_problem``, or a commune (``Xã``)
    without a ``region`` class. Raises :class:`DataGateError` listing up to 20 of them unless
    ``exclude_unknown``."""
    blocked = facts[
        (facts["facts_problem"] != "") | ((facts["unit_type"] == "Xã") & (facts["region"] == ""))
    ]
    if len(blocked) and not exclude_unknown:
        listing = "; ".join(
            f"{r.code} {r.name}: {r.facts_problem or 'class unknown'}"
            for r in blocked.head(20).itertuples()
        )
        raise DataGateError(
            f"{len(blocked)} unit(s) have unknown or implausible figures or class, so drafting "
            f"cannot judge them: {listing}{' …' if len(blocked) > 20 else ''}. Fill inputs/unit_facts.csv "
            "(transition generate unit-facts), use --assume-class proxy, or --exclude-unknown"
        )
    return blocked


def _read_links_and_pairs(root: Path) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The workspace's optional ``inputs/links.csv`` (``code_a, code_b``: bridges, ferries) and
    ``inputs/draft_pairs.csv`` (``code_a, code_b, relation`` must/never); ``None`` when absent."""
    links = (
        read_pairs(root / LINKS_FILE, ("code_a", "code_b"))
        if (root / LINKS_FILE).exists()
        else None
    )
    together = (
        read_pairs(root / PAIRS_FILE, ("code_a", "code_b", "relation"))
        if (root / PAIRS_FILE).exists()
        else None
    )
    return links, together


def _write(ws, f: Facts, facts, polygons, found, units, before) -> list[str]:
    root = ws.root / "drafts"
    for stale in sorted(root.glob("option_*")) if root.exists() else []:
        shutil.rmtree(stale)  # options of an earlier run must not linger beside these
    written = []
    basis = f"draft under {f.std.name}"
    for opt, u in zip(found, units, strict=True):
        out = Workspace.at(root / f"option_{opt.rank}")
        old, new, edges = option_plan_frames(u, facts, basis, opt.rank)
        plan = Plan.build(
            old,
            new,
            edges,
            ";".join(sorted(set(facts["province_code"]))),
            "; ".join(sorted(set(facts["province_name"]))),
        )
        dissolved = dissolve(u, polygons)
        geo = PlanGeometry(
            _geo(polygons, "given"), _geo(dissolved[["code", "geometry"]], "dissolved"), {}
        )
        meta = {
            "source": {
                "name": "draft",
                "option": opt.rank,
                "rule": basis,
                "as_of": f.as_of.isoformat(),
                "assumptions": f.assumptions,
            }
        }
        out.save_plan(plan, geo, meta)
        write_gpkg(out.root / "draft.gpkg", {"dissolved_units": dissolved})
        after_facts = _after_facts(u, facts)
        after = standards_table(after_facts, f.std)
        write_xlsx(
            out.root / "standards_annex.xlsx",
            {"Trước sắp xếp": annex_frame(before, f.std), "Sau sắp xếp": annex_frame(after, f.std)},
        )
        written.append(f"drafts/option_{opt.rank}")
    table = comparison(found, units)
    write_xlsx(root / "comparison.xlsx", {"So sánh phương án": table})
    write_text(root / "comparison.md", _markdown(table))
    write_text(
        root / "options.json",
        json.dumps(
            [_option_dict(o, u) for o, u in zip(found, units, strict=True)],
            ensure_ascii=False,
            indent=1,
            default=str,
        )
        + "\n",
    )
    return written + ["drafts/comparison.xlsx"]


def _markdown(table: pd.DataFrame) -> str:
    """A Markdown table (cells' pipes escaped)."""
    head = "| " + " | ".join(table.columns) + " |"
    rule = "|" + "---|" * len(table.columns)
    rows = [
        "| " + " | ".join(str(v).replace("|", "\\|") for v in r) + " |"
        for r in table.itertuples(index=False)
    ]
    return "\n".join([head, rule, *rows]) + "\n"


def _geo(frame, quality: str):
    out = frame.copy()
    out["geometry_quality"] = quality
    for col in GEO_COLUMNS:
        if col not in out.columns:
            out[col] = ""
    return out[GEO_COLUMNS + ["geometry"]]


def _after_facts(units: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    f = facts.set_index("code")
    rows = []
    for u in units.itertuples(index=False):
        lead = f.loc[u.code]
        row = lead.to_dict() | {
            "code": u.code,
            "name": u.name,
            "population": u.population,
            "area_km2": u.area_km2,
        }
        rows.append(row)
    return pd.DataFrame(rows)


def comparison(found: list[Option], units: list[pd.DataFrame]) -> pd.DataFrame:
    """The comparison table (bảng so sánh phương án), one row per option, best first."""
    return pd.DataFrame(
        [
            {
                "Phương án (option)": o.rank,
                "Đơn vị trước (units before)": o.units_before,
                "Đơn vị sau (units after)": o.units_after,
                "Đơn vị bị sắp xếp (touched)": o.touched,
                "Còn chưa đạt (still short)": len(o.short),
                "Lý do (why)": "; ".join(sorted({r for r in u["short_reason"] if r})),
                "Độ gọn Polsby–Popper": round(o.compactness, 3),
                "Khoảng cách TB tới trụ sở (km)": round(o.mean_km, 1),
                "Khoảng cách xa nhất (km)": round(o.worst_km, 1),
                "Cân đối dân số (CV)": round(o.balance, 3),
                "Cách dựng (strategy)": o.strategy,
            }
            for o, u in zip(found, units, strict=True)
        ]
    )
