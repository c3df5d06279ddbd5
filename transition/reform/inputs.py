"""What each unit has for each sub-criterion: computed measures, supplied values, self-scores and the
appraisal rounds, read from a frame (``io`` reads the file) into one row per unit and item.

The appraisal workflow provinces use: the unit scores itself with evidence (document number, date,
issuer, file); the appraisal council gives a first-round score with a comment; the unit explains with
added evidence; the council gives a second-round score. The last score given counts; a score that is
still only the unit's own makes the result provisional.
"""

from __future__ import annotations

import math

import pandas as pd

from ..problems import ERROR, WARNING, Problem
from ..profiles.rubric import Rubric
from ..values import parse_flag

#: Columns of the scores register (``inputs/par_scores.csv`` or ``.xlsx``); all but the first two
#: are optional.
SCORE_COLUMNS = [
    "unit_code",
    "item",
    "value",
    "self_score",
    "evidence_number",
    "evidence_date",
    "evidence_issuer",
    "evidence_file",
    "round1",
    "round1_comment",
    "explanation",
    "round2",
    "not_applicable",
]
#: One row per unit and item after :func:`resolve_inputs`.
VALUE_COLUMNS = ["unit_code", "item", "value", "points", "not_applicable", "stage", "evidence"]
STAGES = ("round2", "round1", "self_score")


def _number(text: object) -> float | None:
    """A score or value cell: blank -> None; ``7,5`` or ``7.5`` -> 7.5; else :class:`ValueError`."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    s = str(text).strip().replace(",", ".")
    if not s:
        return None
    return float(s)


def resolve_inputs(
    rubric: Rubric,
    units: list[str],
    scores: pd.DataFrame,
    measures: dict[tuple[str, str], float],
    file: str = "",
) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per unit of ``units`` and item of ``rubric`` with :data:`VALUE_COLUMNS`.

    ``scores`` has :data:`SCORE_COLUMNS` as text (row 0 is the file's line 2, unless the frame
    carries ``_file`` and ``_line``: rows read from the units' forms); ``measures`` maps
    (unit code, source id) to a computed share, e.g. ``("22405", "online_rate") -> 0.31``. A data
    item takes its measure, else the value the department wrote; other items the last score given.
    Unknown units or items, unreadable numbers and scores above the item's maximum are errors (the
    cell is not used); a self-score without evidence is a warning.
    """
    items = {i.id: i for i in rubric.items()}
    known = set(units)
    given: dict[tuple[str, str], dict] = {}
    problems: list[Problem] = []
    columns = [c for c in (*SCORE_COLUMNS, "_file", "_line") if c in scores.columns]
    records = (
        dict(zip(columns, values, strict=True))
        for values in zip(*(scores[c].tolist() for c in columns), strict=True)
    )
    for pos, row in enumerate(records):
        where = {
            "file": row.get("_file") or file,
            "row": int(row["_line"]) if row.get("_line") else pos + 2,
            "unit_code": str(row.get("unit_code", "")),
        }
        unit, item_id = str(row.get("unit_code", "")).strip(), str(row.get("item", "")).strip()
        if unit not in known:
            problems.append(
                _problem(
                    "par-unit",
                    f"unit '{unit}' is not a new unit of the plan",
                    "unit_code",
                    where,
                    "write the code of a new unit",
                )
            )
            continue
        if item_id not in items:
            problems.append(
                _problem(
                    "par-item",
                    f"item '{item_id}' is not in rubric {rubric.id}",
                    "item",
                    where,
                    "write an item id of the rubric",
                )
            )
            continue
        entry = _read_row(row, items[item_id], where, problems)
        if entry is not None:
            given[(unit, item_id)] = entry
    rows = []
    for unit in units:
        for item in rubric.items():
            entry = given.get((unit, item.id), {})
            value = measures.get((unit, item.source)) if item.source else None
            stage = "data" if value is not None else ""
            if value is None and entry.get("value") is not None:
                value, stage = entry["value"], "supplied"
            pts = entry.get("points")
            if pts is not None:
                stage = entry["stage"]
            rows.append(
                {
                    "unit_code": unit,
                    "item": item.id,
                    "value": value,
                    "points": pts,
                    "not_applicable": bool(entry.get("not_applicable", False)),
                    "stage": stage,
                    "evidence": entry.get("evidence", ""),
                }
            )
    return pd.DataFrame(rows, columns=VALUE_COLUMNS), problems


def _read_row(row: dict, item, where: dict, problems: list[Problem]) -> dict | None:
    """The value, last score and evidence of one row of the scores register (None if unusable)."""
    out: dict = {"stage": "", "points": None}
    try:
        out["not_applicable"] = parse_flag(row.get("not_applicable"))
    except ValueError as exc:
        problems.append(
            _problem("par-number", str(exc), "not_applicable", where, "write có or không")
        )
        return None
    for column in ("value", *reversed(STAGES)):
        try:
            number = _number(row.get(column))
        except ValueError:
            problems.append(
                _problem(
                    "par-number",
                    f"'{row.get(column)}' is not a number",
                    column,
                    where,
                    "write a number such as 7,5",
                )
            )
            return None
        if number is None:
            continue
        if column != "value" and not 0 <= number <= item.max:
            problems.append(
                _problem(
                    "par-score-range",
                    f"score {number} of item {item.id} is outside 0–{item.max}",
                    column,
                    where,
                    f"score between 0 and {item.max}",
                )
            )
            return None
        if column == "value":
            out["value"] = number
        else:
            out["points"], out["stage"] = number, column
    evidence = " ".join(
        str(row.get(c, "") or "").strip()
        for c in ("evidence_number", "evidence_date", "evidence_issuer", "evidence_file")
    ).strip()
    out["evidence"] = evidence
    if out["stage"] == "self_score" and item.method == "attested" and not evidence:
        problems.append(
            _problem(
                "par-no-evidence",
                f"self-score of item {item.id} has no evidence",
                "evidence_number",
                where,
                "give the document number, date, issuer or file",
                severity=WARNING,
            )
        )
    return out


def _problem(code, message, column, where, fix, severity=ERROR) -> Problem:
    return Problem(code=code, severity=severity, message=message, column=column, fix=fix, **where)
