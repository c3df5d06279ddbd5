"""`transition standards`: every current unit against the standards (Resolution 112/2025/UBTVQH15),
and `transition generate unit-facts`, the register a department fills."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..checks.criteria import standards_profile
from ..drafting.facts import (
    apply_amendments,
    assume_class_proxy,
    class_problems,
    facts_from_plan,
    facts_problems,
    gate,
    overlay,
)
from ..drafting.standards import SUMMARY_VI, annex_frame, province_summary, standards_table
from ..errors import TransitionError
from ..io.facts import read_amendments, read_attributes
from ..io.tables import write_csv, write_xlsx
from ..io.workspace import Workspace
from ..model import Plan
from ..problems import Problem
from ..profiles import load_profile
from ..profiles.standards import Standards, UnitFactsRules
from .common import Progress, say

DEFAULT_STANDARDS = "standards_nq112.toml"
FACTS_FILE = "inputs/unit_facts"  # .csv or .xlsx
AMENDMENTS_FILE = "inputs/amendments.csv"
CLASS_CHOICES = ("none", "proxy")


@dataclass(frozen=True)
class Facts:
    """Unit facts ready for the standards and drafting, with what they rest on."""

    plan: Plan
    facts: pd.DataFrame
    std: Standards
    as_of: dt.date
    assumptions: list[str]
    amendments: list[dict]
    problems: list[Problem]


def _date(text: str | dt.date | None, default: str) -> dt.date:
    if isinstance(text, dt.date):
        return text
    value = text or default or "2025-07-01"
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise TransitionError(f"--as-of '{value}' is not a date; write 2026-01-01") from None


def load_facts(
    workspace: str | Path,
    *,
    as_of: str | dt.date | None = None,
    assume_class: str = "none",
    attributes: str | Path | None = None,
    amendments: str | Path | None = None,
    profile: str | Path | None = None,
) -> Facts:
    """The unit facts of a workspace: the plan's figures, then ``attributes`` (e.g. the public
    atlas attributes), then the department's ``inputs/unit_facts.csv|xlsx``; types as amended by
    ``as_of`` (``amendments`` or ``inputs/amendments.csv``); with ``assume_class="proxy"`` the
    class proxy of ``mappings/unit_facts.toml`` (an assumption, said in ``assumptions``); then
    the data gate. Raises :class:`TransitionError` for an unknown ``assume_class`` or date."""
    if assume_class not in CLASS_CHOICES:
        raise TransitionError(
            f"--assume-class takes {' or '.join(CLASS_CHOICES)}, not '{assume_class}'"
        )
    ws = Workspace.at(workspace)
    plan = ws.load_plan()
    std = standards_profile(str(profile) if profile else None, DEFAULT_STANDARDS, ws.root)
    rules = load_profile(UnitFactsRules, "unit_facts.toml", ws.root)
    date = _date(as_of, std.in_force)
    facts = facts_from_plan(plan)
    if attributes:
        facts = overlay(facts, read_attributes(attributes), Path(attributes).name)
    own = next(
        (
            ws.root / (FACTS_FILE + e)
            for e in (".xlsx", ".csv")
            if (ws.root / (FACTS_FILE + e)).exists()
        ),
        None,
    )
    if own is not None:
        facts = overlay(facts, read_attributes(own), FACTS_FILE)
    applied: list[dict] = []
    path = Path(amendments) if amendments else ws.root / AMENDMENTS_FILE
    if amendments or path.exists():
        facts, applied = apply_amendments(facts, read_amendments(path), date)
    assumptions = []
    if assume_class == "proxy":
        facts = assume_class_proxy(facts, rules)
        assumptions.append(rules.proxy.note_en)
    facts = gate(facts, std, rules)
    file = str(own.relative_to(ws.root)) if own else "plan/new_units.csv"
    problems = facts_problems(facts, file) + class_problems(facts, std, file)
    return Facts(plan, facts, std, date, assumptions, applied, problems)


@dataclass(frozen=True)
class StandardsResult:
    """The standards table of a workspace, its province summary and what it rests on."""

    workspace: Path
    facts: Facts
    table: pd.DataFrame
    summary: pd.DataFrame
    written: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"as_of", "profile", "rule", "assumptions", "amendments", "summary": [per province],
        "units": [per unit], "problems": [...]}``."""
        f = self.facts
        return {
            "as_of": f.as_of.isoformat(),
            "profile": f.std.name,
            "rule": f.std.must_arrange_rule,
            "assumptions": f.assumptions,
            "amendments": [
                {
                    "resolution": a["resolution"],
                    "code": a["gso_code"],
                    "after": a.get("unit_after", ""),
                }
                for a in f.amendments
            ],
            "summary": _records(self.summary),
            "units": _records(self.table),
            "problems": [p.to_dict() for p in f.problems],
        }


def _records(frame: pd.DataFrame) -> list[dict]:
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def standards(
    workspace: str | Path,
    *,
    as_of: str | dt.date | None = None,
    assume_class: str = "none",
    attributes: str | Path | None = None,
    amendments: str | Path | None = None,
    profile: str | Path | None = None,
    write: bool = True,
    progress: Progress | None = None,
) -> StandardsResult:
    """Judge every current unit of a workspace against the standards profile (default
    ``standards_nq112.toml``); with ``write``, the annex ``results/standards/standards.xlsx``
    (Vietnamese headers; sheets: summary, table) and ``standards.csv``. See :func:`load_facts`."""
    say(progress, "reading the unit facts")
    facts = load_facts(
        workspace,
        as_of=as_of,
        assume_class=assume_class,
        attributes=attributes,
        amendments=amendments,
        profile=profile,
    )
    say(progress, "judging the units")
    table = standards_table(facts.facts, facts.std)
    summary = province_summary(table)
    written = []
    if write:
        out = Path(workspace) / "results" / "standards"
        out.mkdir(parents=True, exist_ok=True)
        write_xlsx(
            out / "standards.xlsx",
            {
                "Tổng hợp": summary.rename(columns=SUMMARY_VI),
                "Bảng tiêu chuẩn": annex_frame(table, facts.std),
            },
        )
        write_csv(out / "standards.csv", table)
        written = ["results/standards/standards.xlsx", "results/standards/standards.csv"]
    return StandardsResult(Path(workspace), facts, table, summary, written)


@dataclass(frozen=True)
class UnitFactsResult:
    path: Path
    units: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "units": self.units}


def generate_unit_facts(
    workspace: str | Path, *, attributes: str | Path | None = None
) -> UnitFactsResult:
    """Write ``inputs/unit_facts.csv``: the register a department fills, one row per current unit,
    prefilled with the figures known (the plan's, then ``attributes``'), class columns empty."""
    ws = Workspace.at(workspace)
    facts = facts_from_plan(ws.load_plan())
    if attributes:
        facts = overlay(facts, read_attributes(attributes), Path(attributes).name)
    cols = ["code", "name", "unit_type", "province_name", "population", "area_km2", "lon", "lat"]
    frame = facts[cols].copy()
    frame["region"] = facts["region"].where(facts["region"] == "island", "")
    for col in ("red_river_delta", "coastal_sandbank", "exemption", "locked", "note"):
        frame[col] = ""
    path = ws.root / (FACTS_FILE + ".csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(path, frame)
    return UnitFactsResult(path, len(frame))
