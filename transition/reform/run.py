"""Scoring end to end on frames: a rubric, the units, their inputs -> item scores, unit index, points
lost, improvements and the criteria that cost the province most (pure; ``actions`` does the files)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..problems import Problem
from ..profiles.rubric import Rubric
from .index import improvements, index_units, points_lost, score_items
from .inputs import resolve_inputs
from .period import Period
from .service import available, measures, period_counts


@dataclass(frozen=True)
class Scores:
    """``items`` (one row per unit and sub-criterion), ``units`` (one row per unit), ``lost`` (per
    unit and criterion), ``improve`` (unit -> the changes worth most), ``costly`` (per criterion:
    units losing points and the points lost), ``counts`` (per unit: the log's counts, if any)."""

    rubric: Rubric
    period: Period
    items: pd.DataFrame
    units: pd.DataFrame
    lost: pd.DataFrame
    improve: dict
    costly: pd.DataFrame
    counts: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[Problem] = field(default_factory=list)


def costly_criteria(lost: pd.DataFrame) -> pd.DataFrame:
    """Per criterion, how many units lose points on it and how many points in all, most first."""
    if lost.empty:
        return pd.DataFrame(columns=["criterion", "label", "units", "points"])
    g = lost.groupby(["criterion", "label"], sort=True)["lost"]
    out = pd.DataFrame({"units": g.size(), "points": g.sum().round(2)}).reset_index()
    return out.sort_values(["points", "criterion"], ascending=[False, True]).reset_index(drop=True)


def score(
    rubric: Rubric,
    period: Period,
    units: pd.DataFrame,
    *,
    scores: pd.DataFrame | None = None,
    adjustments: pd.DataFrame | None = None,
    log: pd.DataFrame | None = None,
    extra_measures: dict[tuple[str, str], float] | None = None,
    period_open: bool = False,
    scores_file: str = "",
    explain: bool = True,
) -> Scores:
    """Score every unit of ``units`` (``code, name, unit_type``) on ``rubric`` for ``period``.

    Data items take their measures from ``log`` (the canonical processing log, see
    :mod:`~transition.reform.service`) and ``extra_measures`` (e.g. ``posts_filled_rate`` from the
    staffing results); other items from ``scores`` (see :data:`~transition.reform.inputs.SCORE_COLUMNS`).
    Without ``explain``, points lost, improvements and costly criteria are left empty (the service
    index does not need them).
    """
    codes = units["code"].tolist()
    counts = pd.DataFrame()
    found: dict[tuple[str, str], float] = dict(extra_measures or {})
    if log is not None:
        counts = period_counts(log, period)
        found |= measures(counts, codes, available(log))
    given = scores if scores is not None else pd.DataFrame(columns=["unit_code", "item"])
    values, problems = resolve_inputs(rubric, codes, given, found, scores_file)
    given_any = values["points"].notna() | values["value"].notna()
    no_survey = not (values["item"].isin(_survey_ids(rubric)) & given_any).any()
    items = score_items(rubric, values, no_survey=no_survey)
    table = index_units(rubric, items, units, adjustments, period_open=period_open)
    if not explain:
        empty = pd.DataFrame()
        return Scores(rubric, period, items, table, empty, {}, empty, counts, problems)
    lost = points_lost(items, rubric)
    return Scores(
        rubric, period, items, table, lost, improvements(items, table, rubric),
        costly_criteria(lost), counts, problems,
    )  # fmt: skip


def _survey_ids(rubric: Rubric) -> list[str]:
    return [i.id for i in rubric.items() if i.method == "survey"]
