"""`transition par`: score the new units on a province's reform rubric; write the results (JSON,
XLSX with a sheet per field and per unit, charts, a báo cáo) under ``results/reform/``. The pieces
both scorings share (the result base, the units, the log) live here too; `transition
service-index` is in :mod:`.service_index`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputFileError
from ..io.atomic import write_bytes
from ..io.par_forms import read_par_forms
from ..io.readiness import png_bytes, write_json
from ..io.tables import read_table, write_xlsx
from ..io.workspace import Workspace
from ..problems import INFO, Problem
from ..profiles import load_profile
from ..profiles.rubric import Rubric
from ..readiness.processing_log import normalise_log, read_log_table
from ..reform.log_columns import with_optional
from ..reform.period import parse_period
from ..reform.report import lost_figure, par_context, scores_figure
from ..reform.run import Scores, score
from ..reform.service import prepare_log
from ..reform.survey import survey_values
from .common import Progress, say

OUT_DIR = "results/reform"
SCORES = ("inputs/par_scores.csv", "inputs/par_scores.xlsx")
SURVEY = ("inputs/par_survey.csv", "inputs/par_survey.xlsx")  # raw answers, one per row
FORMS_DIR = "inputs/par_forms"  # the units' self-assessment forms (transition generate par-forms)
ADJUSTMENTS = ("inputs/par_adjustments.csv", "inputs/par_adjustments.xlsx")


def _first(ws: Workspace, names: tuple[str, ...]) -> Path | None:
    return next((ws.root / n for n in names if (ws.root / n).exists()), None)


def _num(v: Any) -> float | None:
    return None if v is None or pd.isna(v) else round(float(v), 2)


@dataclass(frozen=True)
class _Scored:
    """What both scorings return: the scores, the units' names, the files written."""

    workspace: Path
    scores: Scores
    names: dict[str, str]
    written: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.scores.problems


@dataclass(frozen=True)
class ParResult(_Scored):
    """The scores of a rubric; ``to_dict()`` is what ``--json`` prints."""

    def to_dict(self) -> dict[str, Any]:
        """``{"period", "rubric", "units": [{"code", "name", "score", "tier", "rank", "tied",
        "provisional", "missing", "fields": [{"field", "obtained", "max"}], "lost": [{"criterion",
        "label", "points"}], "improve": [...]}], "province": {"costly": [...]}, "problems"}``."""
        s = self.scores
        r = s.rubric
        per_field = s.items.groupby(["unit_code", "field"], sort=False)
        obtained = per_field["points"].sum(min_count=1)
        counted = per_field["counted_max"].sum()
        units = []
        for u in s.units.to_dict("records"):
            lost = s.lost[s.lost["unit_code"] == u["code"]]
            units.append(
                {
                    "code": u["code"],
                    "name": u["name"],
                    "score": _num(u["score"]),
                    "index": _num(u["index"]),
                    "tier": None if pd.isna(u["tier"]) else u["tier"],
                    "group": u["group"],
                    "rank": None if pd.isna(u["rank"]) else int(u["rank"]),
                    "tied": bool(u["tied"]),
                    "provisional": bool(u["provisional"]),
                    "missing": list(u["missing"]),
                    "fields": [
                        {
                            "field": f.id,
                            "obtained": _num(obtained.get((u["code"], f.id))),
                            "max": _num(counted.get((u["code"], f.id), 0.0)),
                        }
                        for f in r.fields
                    ],
                    "lost": [
                        {"criterion": x.criterion, "label": x.label, "points": _num(x.lost)}
                        for x in lost.itertuples(index=False)
                    ],
                    "improve": s.improve.get(u["code"], []),
                }
            )
        return {
            "period": s.period.label,
            "rubric": {
                "id": r.id,
                "version": r.version,
                "name": r.vi,
                "decision": r.decision,
                "date": r.date.isoformat(),
                "example": r.example,
            },  # fmt: skip
            "units": units,
            "province": {"costly": s.costly.to_dict("records")},
            "problems": [p.to_dict() for p in s.problems],
            "written": self.written,
        }


def _units(ws: Workspace) -> tuple[pd.DataFrame, dict[str, str], str]:
    plan = ws.load_plan()
    units = plan.new_communes[["code", "name", "unit_type"]].sort_values("code")
    return units.reset_index(drop=True), dict(plan.new_names), plan.province_name


def _read_log(path: str | Path) -> tuple[pd.DataFrame, list[Problem]]:
    raw = read_log_table(path)
    log, problems = normalise_log(raw, str(path))
    return prepare_log(with_optional(log, raw)), problems


def with_first_half(
    ws: Workspace, log: pd.DataFrame | None, old_log: str | Path | None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """``log`` with the first half's dossiers of the old units (``old_log``, the split year 2025)
    carried to the new units (see :mod:`transition.reform.split_year`), and the problems: a note
    counting how each was carried, a warning per unknown old code. ``old_log`` None: ``log`` as it
    is. Raises :class:`InputFileError` when the file is missing."""
    if old_log is None:
        return log, []
    from ..reform.split_year import carry_old_log

    old, problems = _read_log(old_log)
    geometry = ws.load_geometry()
    polygons = geometry.new if geometry is not None else None
    edges = ws.load_plan().commune_edges
    carried, ways, found = carry_old_log(old, edges, polygons, str(old_log))
    problems += found
    problems.append(
        Problem(
            code="split-year-carried",
            severity=INFO,
            message=f"{len(carried):,} dossier(s) of the old units' first half carried to the new "
            f"units: {ways['whole']:,} of whole old units, {ways['location']:,} by the applicant's "
            f"place, {ways['shares']:,} by the plan's shares of divided ones",
            file=str(old_log),
        )
    )
    merged = carried if log is None else pd.concat([log, carried], ignore_index=True)
    return merged, problems


def _posts_filled(ws: Workspace) -> dict[tuple[str, str], float]:
    """``posts_filled_rate`` per unit from the staffing results (counted staff / quota, at most 1)."""
    quota = ws.root / "results/assign/quota.csv"
    if not quota.exists():
        return {}
    q = read_table(quota)
    out = {}
    for r in q.itertuples(index=False):
        if float(r.quota) > 0:
            out[(r.new_code, "posts_filled_rate")] = min(
                float(r.counted_staff) / float(r.quota), 1.0
            )
    return out


def par_workspace(
    path: str | Path,
    rubric: str | Path = "rubrics/par_example.toml",
    period: str = "2025",
    *,
    log_file: str | Path | None = None,
    as_of: str | None = None,
    old_log: str | Path | None = None,
    write: bool = True,
    progress: Progress | None = None,
) -> ParResult:
    """Score every new unit of the workspace on ``rubric`` (a file, or a name under ``mappings/``;
    a workspace's own copy wins) for ``period``. Inputs: the units' filled forms
    ``inputs/par_forms/*.xlsx`` (self-scores and evidence), raw survey answers
    ``inputs/par_survey.csv|xlsx`` (:mod:`transition.reform.survey`), ``inputs/par_scores.csv|xlsx``
    (self-scores, appraisal rounds, supplied values; a row there wins over the form's), ``inputs/par_adjustments.csv|xlsx`` (bonus and penalty), the
    processing log (``log_file``, else ``inputs/processing_log.csv`` when present) and the staffing
    results; with ``old_log`` (the split year 2025), the old units' first-half log carried to the new
    units. Raises :class:`~transition.errors.ProfileError` for a bad rubric and
    :class:`~transition.reform.period.PeriodError` for a bad period."""
    ws = Workspace.at(path)
    prof = load_profile(Rubric, rubric, ws.root)
    per = parse_period(period)
    units, names, province = _units(ws)
    say(progress, "reading the scores")
    scores_path, adj_path = _first(ws, SCORES), _first(ws, ADJUSTMENTS)
    scores = read_table(scores_path) if scores_path else None
    forms, form_problems = read_par_forms(ws.root / FORMS_DIR, ws.root)
    survey_path = _first(ws, SURVEY)
    if survey_path:
        rel = str(survey_path.relative_to(ws.root))
        answers, found = survey_values(read_table(survey_path), prof, rel)
        forms, form_problems = pd.concat([forms, answers], ignore_index=True), form_problems + found
    if len(forms):  # forms and survey answers first: the department's register, read after, wins
        scores = pd.concat([forms, scores], ignore_index=True) if scores is not None else forms
    adjustments = read_table(adj_path) if adj_path else None
    log_path = Path(log_file) if log_file else ws.root / "inputs/processing_log.csv"
    log, problems = _read_log(log_path) if log_path.exists() else (None, [])
    if log_file and not log_path.exists():
        raise InputFileError(log_path, "file not found")
    log, carried = with_first_half(ws, log, old_log)
    problems += carried
    day = dt.date.fromisoformat(as_of) if as_of else per.end
    say(progress, "scoring")
    result = score(
        prof, per, units, scores=scores, adjustments=adjustments, log=log,
        extra_measures=_posts_filled(ws), period_open=per.is_open(day),
        scores_file=str(scores_path.relative_to(ws.root)) if scores_path else "",
    )  # fmt: skip
    result.problems[:0] = problems + form_problems
    out = ParResult(ws.root, result, names)
    if write:
        say(progress, "writing the results")
        out = ParResult(ws.root, result, names, write_par(ws, out, province, day))
    return out


def write_par(ws: Workspace, result: ParResult, province: str, day: dt.date) -> list[str]:
    """par_<period>.json, .xlsx (a sheet per field and per unit), two charts, a báo cáo."""
    from ..render.docx import render_docx

    s, label = result.scores, result.scores.period.label
    folder = ws.root / OUT_DIR
    data = result.to_dict()
    write_json(folder / f"par_{label}.json", data)
    write_xlsx(folder / f"par_{label}.xlsx", _par_sheets(s, result.names))
    fields = {f.id: f.vi for f in s.rubric.fields}
    import matplotlib.pyplot as plt

    images = []
    for name, fig in (
        ("points_lost", lost_figure(s.lost, fields, result.names)),
        ("scores", scores_figure(s.units, [(t.vi, t.min) for t in s.rubric.tiers])),
    ):
        png = png_bytes(fig)
        plt.close(fig)
        write_bytes(folder / f"par_{label}_{name}.png", png)
        images.append(png)
    worst = sorted(data["units"], key=lambda u: (u["score"] is None, u["score"] or 0, u["code"]))[
        :3
    ]
    ctx = par_context(data, province, day, images, worst)
    write_bytes(folder / f"par_{label}.docx", render_docx("bao_cao", ctx, ws.root))
    names = [f"par_{label}.{x}" for x in ("json", "xlsx", "docx")]
    names += [f"par_{label}_points_lost.png", f"par_{label}_scores.png"]
    return [f"{OUT_DIR}/{n}" for n in names]


def _par_sheets(s: Scores, names: dict[str, str]) -> dict[str, pd.DataFrame]:
    """'Xếp hạng' (units), one sheet per field (units × its items), one per unit (its items)."""
    units = s.units.assign(missing=s.units["missing"].str.join("; "))
    sheets = {"Xếp hạng": units}
    for f in s.rubric.fields:
        part = s.items[s.items["field"] == f.id]
        wide = part.pivot(index="unit_code", columns="item", values="points").reset_index()
        wide.insert(1, "name", wide["unit_code"].map(names))
        sheets[f.vi[:31]] = wide
    for code in s.units["code"]:
        sheets[f"{code}"] = s.items[s.items["unit_code"] == code].drop(columns="unit_code")
    return sheets


__all__ = ["ParFormsResult", "ParResult", "generate_par_forms", "par_workspace"]


@dataclass(frozen=True)
class ParInputsResult:
    """Where the generated scores and adjustments were written."""

    workspace: Path
    rubric: str
    seed: int
    rows: int
    written: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric,
            "seed": self.seed,
            "rows": self.rows,
            "written": self.written,
        }


def generate_par_scores(
    path: str | Path, rubric: str | Path = "rubrics/par_example.toml", seed: int = 2025
) -> ParInputsResult:
    """Write ``inputs/par_scores.csv`` and ``inputs/par_adjustments.csv`` with realistic generated
    rows (labelled in their ``source`` column) for every new unit. Refuses to write over scores a
    department entered (rows not labelled generated): raises :class:`InputFileError`."""
    from ..io.tables import write_csv
    from ..reform.generate import generate_par_inputs

    ws = Workspace.at(path)
    prof = load_profile(Rubric, rubric, ws.root)
    units, _, _ = _units(ws)
    for name in (*SCORES, *ADJUSTMENTS):
        existing = ws.root / name
        if existing.exists():
            table = read_table(existing)
            if "source" not in table or not table["source"].str.startswith("generated").all():
                raise InputFileError(
                    existing, "holds scores not generated by transition; move it away first"
                )
    scores, adjustments = generate_par_inputs(prof, units["code"].tolist(), seed)
    write_csv(ws.root / SCORES[0], scores)
    write_csv(ws.root / ADJUSTMENTS[0], adjustments)
    return ParInputsResult(ws.root, prof.id, seed, len(scores), [SCORES[0], ADJUSTMENTS[0]])


@dataclass(frozen=True)
class ParFormsResult:
    """The self-assessment forms written; ``to_dict()`` is what ``--json`` prints."""

    workspace: Path
    rubric: str
    items: int
    written: list[str]

    def to_dict(self) -> dict[str, Any]:
        """``{"workspace", "rubric", "items", "written"}``: items per form, files written."""
        return {
            "workspace": str(self.workspace),
            "rubric": self.rubric,
            "items": self.items,
            "written": self.written,
        }


def generate_par_forms(
    path: str | Path, rubric: str | Path = "rubrics/par_example.toml"
) -> ParFormsResult:
    """Write a self-assessment form per new unit into ``inputs/par_forms/`` (see
    :mod:`transition.io.par_forms`): the rubric's attested items, to fill and send back. A form a
    unit has already filled is kept (refused as :class:`InputFileError`, naming it)."""
    from ..io.assignment import unit_file_name
    from ..io.atomic import write_bytes as write
    from ..io.par_forms import par_form_bytes

    ws = Workspace.at(path)
    prof = load_profile(Rubric, rubric, ws.root)
    units, _, _ = _units(ws)
    items = [(i.id, i.vi, i.max) for i in prof.items() if i.method == "attested"]
    filled, _ = read_par_forms(ws.root / FORMS_DIR, ws.root)
    if len(filled):
        first = filled["_file"].iloc[0]
        raise InputFileError(ws.root / first, "is a form a unit has filled in; move it away first")
    written = []
    for u in units.itertuples(index=False):
        name = f"{FORMS_DIR}/{unit_file_name(u.code, u.name)}"
        write(ws.root / name, par_form_bytes(u.code, u.name, prof.id, items))
        written.append(name)
    return ParFormsResult(ws.root, prof.id, len(items), written)
