"""Raw survey answers (phiếu điều tra xã hội học) turned into the values of a rubric's survey items.

``inputs/par_survey.csv|xlsx`` holds one row per answer: ``unit_code``, ``item`` (a ``survey`` item of
the rubric) and ``answer`` (a word of the rubric's ``survey_answers`` map, e.g. "Hài lòng" = 0.75;
matched without case or diacritics). A unit's value for an item is the mean share of its answers;
its points then follow the item's rule. An answer not in the map, an item that is not a survey item,
is an error naming the file, the row and the column (the answer is not counted).
"""

from __future__ import annotations

import pandas as pd

from ..problems import ERROR, Problem
from ..profiles.rubric import Rubric
from ..text import fold


def survey_values(
    answers: pd.DataFrame, rubric: Rubric, file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """``answers`` (text: ``unit_code, item, answer``; row 0 is the file's line 2) -> rows of the
    scores register ``unit_code, item, value, _file, _line`` (the mean share, 0–1, per unit and
    item; ``_line`` the first answer's line) and the problems."""
    shares = {fold(k): v for k, v in rubric.survey_answers.items()}
    survey = {i.id for i in rubric.items() if i.method == "survey"}
    frame = answers.reset_index(drop=True)
    for c in ("unit_code", "item", "answer"):
        if c not in frame.columns:
            frame[c] = ""
    frame = frame.astype(str).apply(lambda c: c.str.strip())
    frame["share"] = frame["answer"].map(lambda a: shares.get(fold(a)))
    frame["line"] = frame.index + 2
    problems = []
    for r in frame.itertuples(index=False):
        if r.item not in survey:
            column, message = "item", f"item '{r.item}' is not a survey item of rubric {rubric.id}"
            fix = f"use one of {', '.join(sorted(survey)) or '(none: the rubric has no survey)'}"
        elif pd.isna(r.share) and r.answer:
            column, message = "answer", f"answer '{r.answer}' is not in the rubric's survey_answers"
            fix = f"write one of {', '.join(rubric.survey_answers) or '(none defined)'}"
        else:
            continue
        problems.append(
            Problem(code="par-survey", severity=ERROR, message=message, file=file, row=int(r.line),
                    column=column, unit_code=r.unit_code, fix=fix)
        )  # fmt: skip
    usable = frame[frame["item"].isin(survey) & frame["share"].notna()]
    grouped = usable.groupby(["unit_code", "item"], sort=True)
    out = grouped.agg(value=("share", "mean"), _line=("line", "min")).reset_index()
    out["value"] = out["value"].round(6).astype(str)
    out["_line"] = out["_line"].astype(str)
    out["_file"] = file
    return out[["unit_code", "item", "value", "_file", "_line"]], problems
