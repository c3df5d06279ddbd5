"""The rule chain: one deterministic decision per item, each recorded with the rule that made it.

The rules are named functions applied in the order of :data:`RULES`; each places the items no
earlier rule placed, and each can be tested alone (see ``tests/test_reassign_rules.py``):

1. :func:`override`: the department's decision in the overrides file, with its reference;
2. :func:`whole_successor`: the holder is an old commune that went whole to one new unit;
3. :func:`competence` / :func:`destination`: a district body's dossiers and records go where the
   competence table and the records table say (the 28 decrees of June 2025 that re-divided authority
   between the two tiers, e.g. Decree 120/2025/NĐ-CP; ``mappings/procedure_competence.csv``,
   ``mappings/record_destinations.toml``);
4. :func:`location`: the item lies inside one of the new units that succeed its holder (assets and
   dossiers of divided communes follow where they are);
5. :func:`applicant_residence`: a dossier follows its applicant anywhere in the province (after the
   reform a dossier may be received and settled regardless of the applicant's commune);
6. :func:`people`: a divided commune's dossier or record with no location follows its people, to the
   new unit the resolution gives all of them (issue 15: the law's words fix the people's shares);
7. :func:`staffing_flow`: staff of a divided commune or a district body wait for the staffing flow
   (see :mod:`.staffing`);
8. :func:`review`: everything else, with the reason and the candidate units.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .context import PlanContext
from .people import RULE as PEOPLE_RULE
from .people import by_people

ASSIGNMENT_COLUMNS = ["new_code", "new_name", "new_level", "rule", "reason", "candidates"]
REVIEW = "review"


@dataclass
class Decisions:
    """The items of one register under decision: what each rule sees and writes.

    ``out`` holds one object array per column of :data:`ASSIGNMENT_COLUMNS`; ``done`` marks the
    items a rule has placed. Work is done per distinct holder and mapped onto the items, so a
    million dossiers take seconds.
    """

    items: pd.DataFrame
    kind: str
    ctx: PlanContext
    overrides: pd.DataFrame
    competence: dict | None = None
    destinations: dict | None = None
    out: dict[str, np.ndarray] = field(init=False)
    done: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.items)
        self.out = {c: np.full(n, "", dtype=object) for c in ASSIGNMENT_COLUMNS}
        self.out["candidates"] = self.candidates
        self.done = np.zeros(n, dtype=bool)

    @cached_property
    def holder_series(self) -> pd.Series:
        return self.items["holder"].astype(str).reset_index(drop=True)

    @cached_property
    def holders(self) -> np.ndarray:
        return self.holder_series.to_numpy(dtype=object)

    @cached_property
    def unique_holders(self) -> np.ndarray:
        return self.holder_series.unique()

    def per_holder(self, value: Callable[[str], object]) -> pd.Series:
        """``value(holder)`` for every item, computed once per distinct holder."""
        return self.holder_series.map({h: value(h) for h in self.unique_holders})

    @cached_property
    def candidates(self) -> np.ndarray:
        """The new units that succeed each item's holder, ``;``-joined ("" when none)."""
        return self.per_holder(lambda h: ";".join(self.ctx.candidates(h))).to_numpy(dtype=object)

    @cached_property
    def province(self) -> np.ndarray:
        """The code of the new province of each item's holder."""
        series = self.per_holder(self.ctx.province_of_holder).fillna("")
        return series.to_numpy(dtype=object)

    @cached_property
    def is_district(self) -> np.ndarray:
        return self.holder_series.isin(self.ctx.district_holders).to_numpy()

    @cached_property
    def located(self) -> np.ndarray:
        """The new unit whose territory holds each item's point; "" without a usable point."""
        found = np.full(len(self.items), "", dtype=object)
        if "lon" not in self.items.columns:
            return found
        lon = self.items["lon"].to_numpy(dtype=float)
        lat = self.items["lat"].to_numpy(dtype=float)
        has_point = ~(np.isnan(lon) | np.isnan(lat))
        if has_point.any():
            found[has_point] = self.ctx.locate(lon[has_point], lat[has_point])
        return found

    def put(self, mask, code, level: str, rule: str, reason) -> None:
        """Place the items of ``mask`` that no earlier rule placed."""
        mask = mask & ~self.done
        self.out["new_code"][mask] = code[mask] if isinstance(code, np.ndarray) else code
        self.out["new_level"][mask] = level
        self.out["rule"][mask] = rule
        self.out["reason"][mask] = reason[mask] if isinstance(reason, np.ndarray) else reason
        self.done[mask] = True


Rule = Callable[[Decisions], None]


def override(d: Decisions) -> None:
    """The department's decision (``inputs/overrides.csv``) for this item, with its reference."""
    mine = d.overrides[d.overrides["class"] == d.kind] if len(d.overrides) else d.overrides
    if not len(mine):
        return
    table = dict(
        zip(mine["id"], zip(mine["new_code"], mine["reference"], strict=True), strict=True)
    )
    ids = d.items["id"].to_numpy(dtype=object)
    hit = np.array([i in table for i in ids], dtype=bool)
    code = np.array([table[i][0] if i in table else "" for i in ids], dtype=object)
    ref = np.array(
        [f"Quyết định của Sở: {table[i][1]}" if i in table else "" for i in ids], dtype=object
    )
    level = np.where([d.ctx.new_province.get(c) == c for c in code], "province", "commune")
    for lv in ("province", "commune"):
        d.put(hit & (level == lv), code, lv, "override", ref)


def whole_successor(d: Decisions) -> None:
    """The holder is an old commune that went whole into one new unit: the item goes with it."""
    whole = d.per_holder(lambda h: d.ctx.whole.get(h, "")).to_numpy(dtype=object)
    d.put(
        whole != "", whole, "commune", "whole-successor", "Đơn vị cũ sắp xếp toàn bộ vào đơn vị mới"
    )


def competence(d: Decisions) -> None:
    """A district body's dossier whose procedure is now the province's goes to the province."""
    if d.kind != "dossiers" or d.competence is None:
        return
    table = d.competence
    pairs = d.items["procedure_code"].astype(str) + "|" + d.items["field"].astype(str)
    levels = {p: competence_level(table, *p.split("|", 1)) for p in pairs.unique()}
    level = pairs.map(levels).to_numpy(dtype=object)
    d.put(
        d.is_district & (level == "province"),
        d.province,
        "province",
        "competence",
        "Thủ tục cấp huyện nay thuộc thẩm quyền cấp tỉnh (bảng thẩm quyền)",
    )


def destination(d: Decisions) -> None:
    """A district body's record whose kind goes to the province (the records table) goes there."""
    if d.kind != "records" or d.destinations is None:
        return
    kinds = d.items["kind"].astype(str)
    table = d.destinations
    dest = kinds.map({k: table.get(k, "") for k in kinds.unique()}).to_numpy(dtype=object)
    d.put(
        d.is_district & (dest == "province"),
        d.province,
        "province",
        "destination",
        "Hồ sơ, tài khoản của cơ quan cấp huyện chuyển về cấp tỉnh",
    )


def location(d: Decisions) -> None:
    """The item's point lies inside one of the new units that succeed its holder."""
    found = d.located
    if not (found != "").any():
        return
    allowed = pd.MultiIndex.from_tuples(
        [(h, u) for h in d.unique_holders for u in d.ctx.candidates(h)] or [("", "")]
    )
    inside = pd.MultiIndex.from_arrays([d.holders, found]).isin(allowed) & (found != "")
    d.put(inside, found, "commune", "location", "Theo vị trí: nằm trên địa bàn đơn vị mới")


def applicant_residence(d: Decisions) -> None:
    """A dossier goes to the new unit where its applicant lives, anywhere in the same province."""
    if d.kind != "dossiers":
        return
    found = d.located
    found_province = np.array([d.ctx.new_province.get(f, "") for f in found], dtype=object)
    d.put(
        (found != "") & (found_province == d.province),
        found,
        "commune",
        "location",
        "Theo nơi cư trú của người nộp hồ sơ (ngoài địa bàn đơn vị kế thừa)",
    )


def people(d: Decisions) -> None:
    """A dossier or record of a divided commune with no location follows the commune's people: to
    the new unit its resolution gives all of them (see :func:`.people.by_people`)."""
    ids = d.items["id"].to_numpy(dtype=object)
    code, why = by_people(d.holders, ids, ~d.done, d.kind, d.ctx)
    d.put(~d.done & (code != ""), code, "commune", PEOPLE_RULE, why)


def staffing_flow(d: Decisions) -> None:
    """Staff with successor units but no decision yet wait for the staffing flow (rule 4)."""
    if d.kind != "staff":
        return
    flow = ~d.done & (d.candidates != "")
    d.out["rule"][flow] = "staffing"
    d.done[flow] = True


def review(d: Decisions) -> None:
    """Everything left goes to review, with the reason a person needs to decide it."""
    rest = ~d.done
    reason = d.out["reason"]
    outside = rest & (d.located != "")
    reason[outside] = np.array(
        [
            f"Vị trí nằm ở {d.ctx.new_names.get(f, f)}, không thuộc các đơn vị kế thừa"
            for f in d.located[outside]
        ],
        dtype=object,
    )
    unknown = rest & (d.candidates == "")
    reason[unknown] = "Đơn vị giữ không có trong phương án, hoặc không có đơn vị kế thừa"
    divided = rest & ~unknown & (reason == "")
    reason[divided] = np.where(
        d.is_district[divided],
        "Cơ quan cấp huyện: chưa có vị trí hay quy định để xác định đơn vị nhận",
        "Đơn vị cũ bị chia tách và không có vị trí để xác định phần nào",
    )
    d.out["rule"][rest] = REVIEW
    d.done[rest] = True


RULES: tuple[Rule, ...] = (
    override,
    whole_successor,
    competence,
    destination,
    location,
    applicant_residence,
    people,
    staffing_flow,
    review,
)


def apply_chain(
    items: pd.DataFrame,
    kind: str,
    ctx: PlanContext,
    overrides: pd.DataFrame,
    competence: dict | None = None,
    destinations: dict | None = None,
    rules: Sequence[Rule] = RULES,
) -> pd.DataFrame:
    """A copy of ``items`` with the columns of :data:`ASSIGNMENT_COLUMNS` filled by ``rules``.

    Staff that the staffing flow must place are left with ``rule == "staffing"`` and no new unit
    yet. Returns the items in their own order; the input is not changed.
    """
    decisions = Decisions(items, kind, ctx, overrides, competence, destinations)
    for rule in rules:
        rule(decisions)
    result = items.copy()
    for col in ASSIGNMENT_COLUMNS:
        result[col] = decisions.out[col]
    result["new_name"] = result["new_code"].map(ctx.new_names).fillna("").to_numpy(dtype=object)
    return result


def competence_level(table: dict, procedure_code: str, field: str) -> str:
    """``commune`` or ``province`` for a district-level procedure: by its code, else by its field,
    else ``commune`` (most district procedures went down to the new communes)."""
    return table["by_code"].get(procedure_code) or table["by_field"].get(field) or "commune"
