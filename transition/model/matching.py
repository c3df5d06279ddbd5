"""Matching rows of another table (a layer's features, an attribute sheet) to the units of a register:
by code (aliases too), else by type and name as people write them (abbreviated types, the i/y pair,
tone-mark placement, numbered units: :func:`transition.text.spelling_key`), then without diacritics."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..text import canonical_type, expand_abbreviation, fold, loose_key, spelling_key, split_type
from .units import code_lookup

CODE_COLUMNS = (
    "code",
    "ma",
    "ma_xa",
    "ma_dvhc",
    "madvhc",
    "wardcode",
    "ward_code",
    "new_code",
    "old_code",
)
NAME_COLUMNS = (
    "full_name",
    "fullname",
    "ten_day_du",
    "name",
    "ten",
    "ten_xa",
    "ward",
    "new_name",
    "old_name",
)
TYPE_COLUMNS = ("unit_type", "type", "loai", "cap", "wardtype")


@dataclass(frozen=True)
class Match:
    row: int  # position in the other table
    unit: int | None  # position in the register, None when unmatched
    how: str  # code / alias / name / ambiguous / none
    code: str  # what the other table wrote
    name: str
    candidates: str = ""  # codes of the candidates of an ambiguous name


def pick_column(columns, candidates) -> str | None:
    """The first column (case-insensitive) whose name is one of ``candidates``."""
    lowered = {str(c).lower(): c for c in columns}
    return next((lowered[c] for c in candidates if c in lowered), None)


def _text(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    text = str(v).strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def match_rows(
    units: pd.DataFrame,
    other: pd.DataFrame,
    code_col: str | None,
    name_col: str | None,
    type_col: str | None = None,
) -> list[Match]:
    """One :class:`Match` per row of ``other``."""
    lookup = code_lookup(units)
    codes = units["code"].tolist()
    width = max((len(c) for c in codes), default=5)
    position = {c: i for i, c in enumerate(codes)}
    by_tone: dict[str, list[int]] = {}
    by_fold: dict[str, list[int]] = {}
    kinds = []
    for pos, (name, kind) in enumerate(zip(units["name"], units["unit_type"], strict=True)):
        prefix, bare = split_type(name)
        kinds.append(fold(prefix or kind or ""))
        by_tone.setdefault(spelling_key(bare), []).append(pos)
        by_fold.setdefault(loose_key(bare), []).append(pos)

    out = []
    for row in range(len(other)):
        raw_code = _text(other[code_col].iloc[row]) if code_col else ""
        raw_name = _text(other[name_col].iloc[row]) if name_col else ""
        raw_type = _text(other[type_col].iloc[row]) if type_col else ""
        code = raw_code.zfill(width) if raw_code.isdigit() and len(raw_code) < width else raw_code
        if code in lookup:
            target = lookup[code]
            out.append(
                Match(
                    row, position[target], "code" if target == code else "alias", raw_code, raw_name
                )
            )
            continue
        found = Match(row, None, "none", raw_code, raw_name)
        if raw_name:
            prefix, bare = split_type(expand_abbreviation(raw_name))
            kind = fold(prefix or canonical_type(raw_type) or "")
            for index, key in ((by_tone, spelling_key), (by_fold, loose_key)):
                cands = [p for p in index.get(key(bare), []) if not kind or kinds[p] == kind]
                if len(cands) == 1:
                    found = Match(row, cands[0], "name", raw_code, raw_name)
                    break
                if len(cands) > 1:
                    found = Match(
                        row,
                        None,
                        "ambiguous",
                        raw_code,
                        raw_name,
                        ";".join(codes[p] for p in cands),
                    )
                    break
        out.append(found)
    return out


def unmatched_report(matches: list[Match]) -> list[dict]:
    """The rows that matched no unit, as dicts (1-based ``row``) with a reason and the candidates."""
    reasons = {"ambiguous": "the name fits several units", "none": "no unit has this code or name"}
    return [
        {
            "row": m.row + 1,
            "code": m.code,
            "name": m.name,
            "reason": reasons[m.how],
            "candidates": m.candidates,
        }
        for m in matches
        if m.unit is None
    ]
