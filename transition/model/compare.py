"""Comparing two crosswalks edge by edge, and a plan against a published crosswalk with each
disagreement judged by the resolution's clause."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..text import fold, split_type

KEY = ["level", "old_code", "new_code"]
PARTS = ("whole", "part", "remainder")


def _not_understood(frame: pd.DataFrame) -> list[dict]:
    """Part values that are none of whole / part / remainder, with how many edges carry each."""
    bad = frame.loc[~frame["part"].isin(PARTS), "part"]
    return [{"value": v, "edges": int(n)} for v, n in sorted(bad.value_counts().items())]


def _share_differs(a, b, tol: float) -> bool:
    if pd.isna(a) and pd.isna(b):
        return False
    if pd.isna(a) or pd.isna(b):
        return False  # a share known on one side only is not a disagreement about the edge
    return not math.isclose(float(a), float(b), abs_tol=tol)


def _edge(row: dict) -> dict:
    out = {k: row[k] for k in ("level", "old_code", "old_name", "new_code", "new_name", "part")}
    for col in ("area_share", "pop_share"):
        out[col] = None if pd.isna(row[col]) else float(row[col])
    out["basis"] = " ".join(x for x in (row["basis_document"], row["basis_clause"]) if x)
    return out


def compare_crosswalks(a: pd.DataFrame, b: pd.DataFrame, tol: float = 0.005) -> dict:
    """Edges only in ``a``, only in ``b``, and in both but with another part or share.

    Returns ``{"same": n, "only_in_a": [...], "only_in_b": [...], "different": [...]}``; each edge
    carries its old and new codes and names, its part and shares; a difference lists the fields
    that differ with both values. Shares known on one side only do not count as a difference, nor does
    ``part`` against ``remainder`` when one plan has no remainder at all (it cannot tell them apart),
    nor shares estimated on either side (from approximate geometry, say): an estimate is no statement.
    Part values that are none of whole / part / remainder (a vocabulary ``mappings/part_vocabulary.toml``
    does not know) are not compared: ``part_not_understood`` lists them per side (``{"a": [{"value",
    "edges"}], "b": [...]}``).

    >>> x = pd.DataFrame({"level": ["commune"], "old_code": ["1"], "new_code": ["2"], "part": ["whole"]})
    >>> from transition.model.crosswalk import normalise_crosswalk as n
    >>> compare_crosswalks(n(x), n(x.assign(part="part")))["different"][0]["fields"]
    {'part': ['whole', 'part']}
    """
    left = {tuple(r[k] for k in KEY): r for r in a.to_dict("records")}
    right = {tuple(r[k] for k in KEY): r for r in b.to_dict("records")}
    # A plan with no remainder at all (vietnamadminunits) cannot tell a part from the remainder:
    # against it, both are just "a side of a divided unit".
    blind = not (a["part"] == "remainder").any() or not (b["part"] == "remainder").any()
    same, different = 0, []
    unknown = {"a": _not_understood(a), "b": _not_understood(b)}
    for key in sorted(set(left) & set(right)):
        ra, rb = left[key], right[key]
        fields = {}
        understood = ra["part"] in PARTS and rb["part"] in PARTS
        if (
            understood
            and ra["part"] != rb["part"]
            and not (blind and {ra["part"], rb["part"]} == {"part", "remainder"})
        ):
            fields["part"] = [ra["part"], rb["part"]]
        for col in ("area_share", "pop_share"):
            if ra[f"{col}_estimated"] or rb[f"{col}_estimated"]:
                continue  # an estimate is no statement of the plan
            if _share_differs(ra[col], rb[col], tol):
                fields[col] = [float(ra[col]), float(rb[col])]
        if fields:
            edge = _edge(ra)
            edge["new_name_b"] = rb["new_name"]
            edge["fields"] = fields
            different.append(edge)
        else:
            same += 1
    return {
        "same": same,
        "only_in_a": [_edge(left[k]) for k in sorted(set(left) - set(right))],
        "only_in_b": [_edge(right[k]) for k in sorted(set(right) - set(left))],
        "part_not_understood": unknown,
        "different": different,
    }


# ---- a plan against a published crosswalk, each disagreement judged by the clause -------------------

SUPPORTS_PLAN = "text supports plan"
SUPPORTS_SOURCE = "text supports source"
SILENT = "text silent"
VERDICTS = (SUPPORTS_PLAN, SUPPORTS_SOURCE, SILENT)


@dataclass(frozen=True)
class ClauseWords:
    """What a plan's clause says of one old unit it names: the part and the shares its words fix."""

    name: str  # folded bare name, e.g. "hoa thang"
    part: str
    pop_share: float | None = None
    area_share: float | None = None


@dataclass(frozen=True)
class NewUnitClause:
    """The clause that forms a new unit: its citation, its words and the old units it names."""

    citation: str  # "1671/NQ-UBTVQH15, Điều 1, khoản 46"
    text: str
    names: tuple[ClauseWords, ...]

    def find(self, folded: str) -> ClauseWords | None:
        return next((w for w in self.names if w.name == folded), None)


def _same_part(a: str, b: str) -> bool:
    """A part and a remainder are both "a side of a divided unit"; sources rarely tell them apart."""
    return a == b or {a, b} == {"part", "remainder"}


def name_key(name: str) -> str:
    """The loosest key of a unit's bare name, as the resolution reader matches names: no type word,
    diacritics, spaces; i/y, c/k, s/x merged ("Xã A Dơk" = "Ađơk")."""
    bare = fold(split_type(name)[1] or name)
    return bare.replace(" ", "").replace("y", "i").replace("k", "c").replace("x", "s")


_bare = name_key


def _verdict(row, clause: NewUnitClause | None, plan_names: set[str]) -> tuple[str, str]:
    """(verdict, reason in Vietnamese) for one disagreement; see :func:`judge_against_text`."""
    name = row["old_name"] or row["old_code"]
    if clause is None and row["whole_in"]:
        return SUPPORTS_PLAN, f"{row['whole_in']} nêu toàn bộ {name} vào đơn vị mới khác"
    if clause is None:
        return SILENT, "Phương án không dẫn khoản nào của nghị quyết cho đơn vị mới này"
    words = clause.find(_bare(name))
    if row["in_source"] and not row["in_plan"]:
        if words is None:
            return SUPPORTS_PLAN, f"Khoản này không nêu {name} vào {row['new_name']}"
        if _bare(name) in plan_names:
            return SUPPORTS_PLAN, (
                f"Khoản này nêu tên {name}, nhưng là đơn vị cùng tên mà phương án đã ghi (mã khác)"
            )
        return SUPPORTS_SOURCE, f"Khoản này nêu {name} vào {row['new_name']}"
    if row["in_plan"] and not row["in_source"]:
        if words is not None:
            return SUPPORTS_PLAN, f"Khoản này nêu {name} vào {row['new_name']}"
        return SUPPORTS_SOURCE, f"Khoản này không nêu {name}"
    if words is None:
        return SILENT, f"Khoản này không nêu {name}"
    if row["kind"] == "part":
        plan_ok = _same_part(words.part, row["plan_part"])
        source_ok = _same_part(words.part, row["source_part"])
        said = f"Khoản này ghi {name} là '{words.part}'"
    else:
        said_share = words.pop_share if words.pop_share is not None else row["text_pop_share"]
        if said_share is None or pd.isna(said_share):
            return SILENT, f"Khoản này không ấn định tỷ lệ dân số của {name}"
        plan_ok = _close(row["plan_pop_share"], said_share)
        source_ok = _close(row["source_pop_share"], said_share)
        said = f"Khoản này ấn định tỷ lệ dân số {float(said_share):g} cho {name}"
    if plan_ok and not source_ok:
        return SUPPORTS_PLAN, said
    if source_ok and not plan_ok:
        return SUPPORTS_SOURCE, said
    return SILENT, said


def _close(a, b) -> bool:
    return not (pd.isna(a) or pd.isna(b)) and math.isclose(float(a), float(b), abs_tol=0.005)


def judge_against_text(
    plan_edges: pd.DataFrame,
    source: pd.DataFrame,
    clauses: dict[str, NewUnitClause],
    old_names: dict[str, str],
) -> pd.DataFrame:
    """Every disagreement between a plan's commune edges and a published crosswalk's, judged by the
    plan's clauses (Standing Committee resolutions of 2025, Article 1).

    ``plan_edges``: crosswalk columns (commune level); ``source``: columns of
    :data:`transition.sources.crosswalks.EDGE_COLUMNS`, already restricted to the plan's provinces;
    ``clauses``: new code -> the clause forming it; ``old_names``: old code -> name in the register.

    A disagreement is an edge in one only, a different part (a part and a remainder count alike), or
    a different population share where both fix one. Verdicts: ``text supports plan`` (the clause names
    the old unit under the plan's new unit, or no clause names the source's edge), ``text supports
    source`` (the clause names the source's edge and not the plan's), ``text silent`` (no clause
    settles it, e.g. a plan without clause citations). Returns one row per disagreement, sorted by old
    and new code, columns: old_code, old_name, new_code, new_name, kind (edge / part / share),
    in_plan, in_source, plan_part, source_part, plan_pop_share, source_pop_share, clause (citation),
    clause_text, verdict, reason, source_note, source_row.
    """
    m = _merged_edges(plan_edges, source)
    by_new = plan_edges.groupby("new_code")["old_name"].agg(lambda x: {_bare(n) for n in x})
    whole_in = _whole_in_clause(plan_edges, clauses, old_names)
    new_names = dict(zip(plan_edges["new_code"], plan_edges["new_name"], strict=False))
    rows = []
    for r in m.sort_values(["old_code", "new_code"]).to_dict("records"):
        kind = _disagreement_kind(r)
        if not kind:
            continue
        row = _disagreement(r, kind, old_names, new_names, whole_in)
        clause = clauses.get(r["new_code"])
        verdict, reason = _verdict(row, clause, by_new.get(r["new_code"], set()))
        if row["in_source"] and row["old_code"] not in old_names:
            reason += "; mã cũ này không có trong danh mục đơn vị cũ"
        if row["in_source"] and r["new_code"] not in new_names:
            reason += "; đơn vị mới này không thuộc phương án (mã sai, hoặc tỉnh khác)"
        del row["text_pop_share"], row["whole_in"]
        row |= {
            "clause": clause.citation if clause else "",
            "clause_text": clause.text if clause else "",
            "verdict": verdict,
            "reason": reason,
            "source_note": "" if pd.isna(r.get("note")) else str(r.get("note")),
            "source_row": None if pd.isna(r.get("row")) else int(r["row"]),
        }
        rows.append(row)
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


def _merged_edges(plan_edges: pd.DataFrame, source: pd.DataFrame) -> pd.DataFrame:
    """The plan's and the source's edges outer-joined on ``old_code, new_code`` (suffixes
    ``_plan``/``_source``; ``in_plan``, ``in_source`` booleans). An estimated plan share is no
    share (NaN): only a share the plan fixes is compared."""
    p = plan_edges.assign(in_plan=True)[
        ["old_code", "old_name", "new_code", "new_name", "part", "pop_share", "in_plan"]
    ].copy()
    p["pop_share"] = p["pop_share"].where(~plan_edges["pop_share_estimated"].astype(bool))
    s = source.assign(in_source=True)
    m = p.merge(s, on=["old_code", "new_code"], how="outer", suffixes=("_plan", "_source"))
    m["in_plan"] = m["in_plan"].eq(True)
    m["in_source"] = m["in_source"].eq(True)
    return m


def _whole_in_clause(
    plan_edges: pd.DataFrame, clauses: dict[str, NewUnitClause], old_names: dict[str, str]
) -> dict[str, str]:
    """Old code -> the citation of the clause that names it, for each old unit the plan sends
    whole to one new unit whose clause names it."""
    whole_in = {}
    for e in plan_edges[plan_edges["part"] == "whole"].itertuples(index=False):
        c = clauses.get(e.new_code)
        if c is not None and c.find(_bare(old_names.get(e.old_code, e.old_name))) is not None:
            whole_in[e.old_code] = c.citation
    return whole_in


def _disagreement_kind(r: dict[str, Any]) -> str:
    """``edge`` (in one only), ``part`` (a different part), ``share`` (both fix a population
    share and they differ by more than 0.005), or ``""`` when the merged row agrees."""
    if r["in_plan"] != r["in_source"]:
        return "edge"
    if not _same_part(r["part_plan"], r["part_source"]):
        return "part"
    if not (pd.isna(r["pop_share_plan"]) or pd.isna(r["pop_share_source"])) and not _close(
        r["pop_share_plan"], r["pop_share_source"]
    ):
        return "share"
    return ""


def _disagreement(
    r: dict[str, Any],
    kind: str,
    old_names: dict[str, str],
    new_names: dict[str, str],
    whole_in: dict[str, str],
) -> dict[str, Any]:
    """The disagreement row of merged row ``r`` before its verdict (with the ``text_pop_share``
    and ``whole_in`` the verdict reads, dropped afterwards)."""
    name = old_names.get(r["old_code"]) or r.get("old_name_plan") or r.get("old_name_source")
    new_name = new_names.get(r["new_code"]) or r.get("new_name_source")
    return {
        "old_code": r["old_code"],
        "old_name": "" if pd.isna(name) else str(name),
        "new_code": r["new_code"],
        "new_name": "" if pd.isna(new_name) else str(new_name),
        "kind": kind,
        "in_plan": bool(r["in_plan"]),
        "in_source": bool(r["in_source"]),
        "plan_part": "" if pd.isna(r["part_plan"]) else r["part_plan"],
        "source_part": "" if pd.isna(r["part_source"]) else r["part_source"],
        "plan_pop_share": None if pd.isna(r["pop_share_plan"]) else float(r["pop_share_plan"]),
        "source_pop_share": None
        if pd.isna(r["pop_share_source"])
        else float(r["pop_share_source"]),
        "text_pop_share": r["pop_share_plan"],
        "whole_in": whole_in.get(r["old_code"], "") if not r["in_plan"] else "",
    }


DISAGREEMENT_COLUMNS = [
    "old_code",
    "old_name",
    "new_code",
    "new_name",
    "kind",
    "in_plan",
    "in_source",
    "plan_part",
    "source_part",
    "plan_pop_share",
    "source_pop_share",
    "clause",
    "clause_text",
    "verdict",
    "reason",
    "source_note",
    "source_row",
]
