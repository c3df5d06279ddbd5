"""A unit's type is a legal status: the resolution that created it states it ("thành lập phường mới có
tên gọi là phường …", "xã mới có tên gọi là xã …"). A register (the vietnamadminunits package, a
department's list) sometimes says otherwise: 10543 Phường Việt Hòa typed Xã, 11848 Xã Vĩnh Hòa typed
Phường (1669/NQ-UBTVQH15 clauses 27 and 66). The type of the text wins, and the difference is a
problem naming the unit, both sources and the clause; a name whose prefix contradicts the type is a
problem too. A later change of type by an amendment (the xã of Đồng Nai that became phường in 2026,
``amendments_after_2025.csv``) is no contradiction: the register's later type stands, with a note.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..model import Plan
from ..problems import INFO, WARNING, Problem
from ..text import canonical_type, split_type


def stated_types_table() -> pd.DataFrame:
    """``new_code, resolution, clause, new_unit_type``: one row per new unit of 1 July 2025, from the
    packaged ``mappings/fixed_shares_2025.csv`` (derived from the 34 resolutions)."""
    from .fixed_shares import fixed_shares_table

    table = fixed_shares_table()
    cols = ["new_code", "resolution", "clause", "new_unit_type"]
    return table[cols].drop_duplicates("new_code").reset_index(drop=True)


def read_amendments(path: str | Path | None) -> pd.DataFrame:
    """Later changes of type (``gso_code, unit_before, unit_after, resolution, effective``) from a
    CSV such as ``amendments_after_2025.csv``; empty without ``path``."""
    cols = ["gso_code", "unit_before", "unit_after", "resolution", "effective"]
    if path is None or not Path(path).exists():
        return pd.DataFrame(columns=cols)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame[[c for c in cols if c in frame.columns]]


def with_stated_types(
    plan: Plan, stated: pd.DataFrame | None = None, amendments: pd.DataFrame | None = None
) -> tuple[Plan, list[Problem]]:
    """The plan with each new commune-level unit typed as its resolution states, and the problems.

    ``stated`` has the columns of :func:`stated_types_table` (default: the packaged table);
    ``amendments`` those of :func:`read_amendments`. Where the register differs from the text: the
    text's type is taken (``unit-type-differs``, naming both sources and the clause), unless an
    amendment made the register's type later (an ``INFO`` note; the later type stands).
    """
    stated = stated_types_table() if stated is None else stated
    later = {} if amendments is None else _later_types(amendments)
    law = stated.drop_duplicates("new_code").set_index("new_code")
    units = plan.new_units.copy()
    problems: list[Problem] = []
    for idx in units.index[units["level"] == "commune"]:
        code, name = units.at[idx, "code"], units.at[idx, "name"]
        if code not in law.index:
            continue
        said = canonical_type(law.at[code, "new_unit_type"])
        have = canonical_type(units.at[idx, "unit_type"])
        if said is None or said == have:
            continue
        where = f"{law.at[code, 'resolution']} {law.at[code, 'clause']}".strip()
        if code in later and later[code][0] == said and later[code][1] == have:
            problems.append(
                Problem(
                    code="unit-type-differs",
                    severity=INFO,
                    message=f"{code} {name}: {where} made it a {said}; {later[code][2]} made it a "
                    f"{have} later (an amendment, not a contradiction)",
                    unit_code=code,
                    unit_name=name,
                    clause=str(law.at[code, "clause"]),
                )
            )
            continue
        units.at[idx, "unit_type"] = said
        problems.append(
            Problem(
                code="unit-type-differs",
                severity=WARNING,
                message=f"{code} {name}: the register says {have}, {where} says {said}; the type "
                f"of the law ({said}) is used, for the criteria and the staffing",
                unit_code=code,
                unit_name=name,
                clause=str(law.at[code, "clause"]),
                fix="correct the unit's type in the register (plan/new_units.csv)",
            )
        )
    return plan.replace(new_units=units), problems


def _later_types(amendments: pd.DataFrame) -> dict[str, tuple[str | None, str | None, str]]:
    out = {}
    for r in amendments.itertuples(index=False):
        before, after = split_type(r.unit_before)[0], split_type(r.unit_after)[0]
        if before != after:
            out[str(r.gso_code)] = (before, after, f"{r.resolution} (from {r.effective})")
    return out


def name_prefix_problems(units: pd.DataFrame, file: str = "") -> list[Problem]:
    """A problem per commune-level unit whose name's type word (``Phường …``) is not its type."""
    out = []
    for r in units[units["level"] == "commune"].itertuples(index=False):
        prefix, _ = split_type(r.name)
        kind = canonical_type(r.unit_type)
        if prefix is None or kind is None or prefix == kind:
            continue
        out.append(
            Problem(
                code="name-prefix-type",
                severity=WARNING,
                message=f"{r.code} {r.name}: the name says {prefix} but the unit's type is {kind}",
                unit_code=r.code,
                unit_name=r.name,
                file=file,
                fix="correct the type or the name in the register, as the resolution states",
            )
        )
    return out
