"""Tables as people read them: headers and coded values in Vietnamese (default) or English, from
``mappings/output_labels.toml``; and back, for the readers of those files.

>>> import pandas as pd
>>> frame = pd.DataFrame({"severity": ["error"], "beyond_quota": [True], "x": ["a"]})
>>> for_people(frame).columns.tolist(), for_people(frame).iloc[0].tolist()
(['Mức độ', 'Vượt biên chế', 'x'], ['lỗi', 'có', 'a'])
>>> back = from_people(for_people(frame, "en"))
>>> back.columns.tolist(), back["severity"].tolist(), back["beyond_quota"].tolist()
(['severity', 'beyond_quota', 'x'], ['error'], [True])
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..profiles import load_profile
from ..profiles.labels import OutputLabels

LANGS = ("vi", "en")


@lru_cache(maxsize=8)
def output_labels(workspace: Path | None = None) -> OutputLabels:
    """The labels profile (a workspace's own ``mappings/output_labels.toml`` first)."""
    return load_profile(OutputLabels, "output_labels.toml", workspace)


def for_people(
    frame: pd.DataFrame, lang: str = "vi", labels: OutputLabels | None = None
) -> pd.DataFrame:
    """A copy of ``frame`` with labelled headers (a column the profile does not name keeps its
    name), booleans as ``có`` / ``không`` (``yes`` / ``no``) and coded values (severity, status,
    level, class) as words. Raises :class:`ValueError` for a language other than ``vi``/``en``."""
    if lang not in LANGS:
        raise ValueError(f"language '{lang}': use vi or en")
    labels = labels or output_labels()
    out = frame.copy()
    yes, no = labels.booleans.true.get(lang), labels.booleans.false.get(lang)
    for col in out.columns:
        values = labels.values.get(str(col))
        if values:
            words = {k: v.get(lang) for k, v in values.items()}
            out[col] = out[col].map(lambda v, w=words: w.get(v, v) if isinstance(v, str) else v)
        elif out[col].dtype == bool or _booleans(out[col]):
            out[col] = out[col].map(lambda v: yes if v is True else no if v is False else v)
            out[col] = out[col].astype(object)
    names = {c: labels.columns[c].get(lang) for c in out.columns if c in labels.columns}
    return out.rename(columns=names)


def _booleans(column: pd.Series) -> bool:
    """A column of True/False with gaps (object dtype)."""
    if column.dtype != object:
        return False
    present = column.dropna()
    return len(present) > 0 and all(isinstance(v, bool) for v in present)


def from_people(frame: pd.DataFrame, labels: OutputLabels | None = None) -> pd.DataFrame:
    """The reverse of :func:`for_people`: headers back to the code's names and words back to codes
    (``có`` / ``yes`` -> True), whichever language the file was written in; code names pass as
    they are, so a reader accepts files of every version."""
    labels = labels or output_labels()
    names: dict[str, str] = {}
    for code, label in labels.columns.items():
        for lang in LANGS:
            names.setdefault(label.get(lang), code)
    out = frame.rename(columns=lambda c: names.get(str(c), c))
    truth: dict[str, bool] = {}
    for lang in LANGS:
        truth[labels.booleans.true.get(lang)] = True
        truth[labels.booleans.false.get(lang)] = False
    for col in out.columns:
        values = labels.values.get(str(col))
        if values:
            codes = {v.get(lang): k for k, v in values.items() for lang in LANGS}
            out[col] = out[col].map(lambda v, c=codes: c.get(v, v) if isinstance(v, str) else v)
        elif (
            len(out[col]) and out[col].isin([*truth, "", None]).all() and out[col].isin(truth).any()
        ):
            out[col] = out[col].map(lambda v: truth.get(v, v))
    return out
