"""`transition service-index`: the service index of Decision 766/QĐ-TTg of every new unit from the
processing log, optionally beside the portal's published figures; results under ``results/reform/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..io.labels import for_people
from ..io.readiness import write_json
from ..io.tables import read_table, write_xlsx
from ..io.workspace import Workspace
from ..problems import WARNING, Problem
from ..profiles import load_profile
from ..profiles.rubric import Rubric
from ..reform.official import compare_official, read_official
from ..reform.period import parse_period
from ..reform.run import score
from ..reform.service import FORMULA_VERSION
from .common import Progress, say
from .reform import OUT_DIR, SCORES, _first, _num, _read_log, _Scored, _units, with_first_half


@dataclass(frozen=True)
class ServiceIndexResult(_Scored):
    """The service index of Decision 766 per unit; ``to_dict()`` is what ``--json`` prints.
    ``comparison``: the portal's published figures beside the computed ones
    (:data:`~transition.reform.official.COMPARISON_COLUMNS`), empty without ``--official``."""

    comparison: pd.DataFrame = field(default_factory=pd.DataFrame)

    def to_dict(self) -> dict[str, Any]:
        """``{"period", "formula_version", "units": [{"code", "name", "groups": [{"group", "points",
        "max", "counts"}], "total", "max", "missing"}], "problems"}``; ``points`` is None for a
        group whose input is missing (not zero)."""
        s = self.scores
        counts = s.counts.set_index("unit_code") if len(s.counts) else pd.DataFrame()
        units = []
        for u in s.units.to_dict("records"):
            mine = s.items[s.items["unit_code"] == u["code"]]
            c = counts.loc[u["code"]].to_dict() if u["code"] in counts.index else {}
            groups = [
                {
                    "group": f.id,
                    "points": _num(mine.loc[mine["field"] == f.id, "points"].sum(min_count=1)),
                    "max": f.max,
                    "counts": {k: int(v) for k, v in c.items()},
                }
                for f in s.rubric.fields
            ]
            units.append(
                {
                    "code": u["code"],
                    "name": u["name"],
                    "groups": groups,
                    "total": _num(u["obtained"]),
                    "max": _num(u["counted_max"]),
                    "index": _num(u["index"]),
                    "missing": list(u["missing"]),
                }
            )
        return {
            "period": s.period.label,
            "formula_version": FORMULA_VERSION,
            "official": False,
            "units": units,
            "comparison": [
                {k: (_num(v) if isinstance(v, float) else v) for k, v in row.items()}
                for row in self.comparison.to_dict("records")
            ],
            "problems": [p.to_dict() for p in s.problems],
            "written": self.written,
        }


def service_index_workspace(
    path: str | Path,
    log_file: str | Path,
    period: str,
    *,
    official: str | Path | None = None,
    tolerance: float = 0.5,
    old_log: str | Path | None = None,
    write: bool = True,
    progress: Progress | None = None,
) -> ServiceIndexResult:
    """The Decision 766 groups of every new unit for ``period`` from the processing log
    ``log_file`` (see :mod:`transition.reform.service`); values the department supplies (e.g.
    transparency) come from ``inputs/par_scores.csv|xlsx`` rows of rubric ``qd766``. Writes
    ``results/reform/service_index_<period>.json|xlsx``. With ``official`` (the portal's published
    points, CSV or XLSX, see :mod:`transition.reform.official`), each figure is shown beside the
    computed one, and a difference above ``tolerance`` points is a warning naming the unit, the
    group and the period. With ``old_log`` (the split year 2025, a province's choice), the old
    units' first-half log is carried to the new units (:mod:`transition.reform.split_year`). Raises :class:`~transition.errors.InputFileError` when a file is missing
    or unreadable."""
    ws = Workspace.at(path)
    prof = load_profile(Rubric, "rubrics/service_766.toml", ws.root)
    per = parse_period(period)
    units, names, _ = _units(ws)
    say(progress, "reading the log")
    log, problems = _read_log(log_file)
    merged, carried = with_first_half(ws, log, old_log)
    log = merged if merged is not None else log
    problems += carried
    scores_path = _first(ws, SCORES)
    supplied = None
    if scores_path:
        table = read_table(scores_path)
        ids = {i.id for i in prof.items()}
        supplied = table[table["item"].isin(ids)] if "item" in table.columns else None
    say(progress, "computing the groups")
    result = score(prof, per, units, scores=supplied, log=log, explain=False)
    if result.counts.empty:
        span = (
            f"it covers {log['received'].min():%Y-%m-%d} to {log['received'].max():%Y-%m-%d}"
            if len(log)
            else "it has no readable row"
        )
        problems.append(
            Problem(
                code="service-no-dossiers",
                severity=WARNING,
                message=f"no dossier of the log was received in {per.label}; {span}",
                file=str(log_file),
                fix="choose a period the log covers",
            )
        )
    comparison = pd.DataFrame()
    if official is not None:
        say(progress, "comparing with the official figures")
        figures, found = read_official(read_table(official), str(official))
        comparison, differs = compare_official(
            _computed_points(result), figures, per.label, tolerance, names
        )
        problems += found + differs
    result.problems[:0] = problems
    out = ServiceIndexResult(ws.root, result, names, comparison=comparison)
    if write:
        label = per.label
        data = out.to_dict()
        write_json(ws.root / OUT_DIR / f"service_index_{label}.json", data)
        table = result.units.assign(missing=result.units["missing"].str.join("; "))
        sheets = {"Chỉ số 766": table, "Số liệu": result.counts, "Chi tiết": result.items}
        if len(comparison):
            sheets["Đối chiếu Cổng DVC"] = for_people(comparison)
        write_xlsx(ws.root / OUT_DIR / f"service_index_{label}.xlsx", sheets)
        written = [f"{OUT_DIR}/service_index_{label}.{x}" for x in ("json", "xlsx")]
        out = ServiceIndexResult(ws.root, result, names, written, comparison)
    return out


def _computed_points(result) -> pd.DataFrame:
    """``unit_code, group, computed``: each unit's points per group and its total (NaN where an
    input is missing; the total too then, as the portal's total counts every group)."""
    items = result.items.groupby(["unit_code", "field"], sort=True)["points"].sum(min_count=1)
    groups = items.rename("computed").reset_index().rename(columns={"field": "group"})
    units = result.units
    total = units["obtained"].where(units["missing"].map(len) == 0)
    totals = pd.DataFrame({"unit_code": units["code"], "group": "total", "computed": total})
    return pd.concat([groups, totals], ignore_index=True)


__all__ = ["ServiceIndexResult", "service_index_workspace"]
