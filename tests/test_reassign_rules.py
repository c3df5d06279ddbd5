"""Each rule of the reassignment chain alone, and the chain without one of them.

A test here fails when its rule is removed from :data:`transition.reassign.chain.RULES`.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_reassign import N1, N2, N3, divided_plan, inside
from tiny import OLD_CODES, tiny_geometry

from transition.reassign.chain import (
    RULES,
    Decisions,
    applicant_residence,
    apply_chain,
    location,
    override,
    review,
    whole_successor,
)
from transition.reassign.context import PlanContext
from transition.reassign.ledger import LedgerError, assert_balanced, ledger
from transition.registers import normalise_register

A1, A3 = OLD_CODES["A1"], OLD_CODES["A3"]
NO_OVERRIDES = pd.DataFrame(columns=["class", "id", "new_code", "reference"])


@pytest.fixture(scope="module")
def ctx():
    plan = divided_plan()
    return PlanContext(plan, tiny_geometry(plan))


def dossier(i, holder, where):
    lon, lat = inside(where)
    row = {"id": f"HS{i}", "procedure_code": "1.000", "field": "Đất đai", "holder": holder}
    return row | {"received": "2025-06-25", "due": "2025-07-20", "lon": lon, "lat": lat}


def dossiers(*rows):
    return normalise_register(pd.DataFrame(list(rows)), "dossiers")


def outcome(frame):
    return {r.id: (r.new_code, r.rule) for r in frame.itertuples(index=False)}


def test_the_chain_names_its_rules_in_order():
    names = [rule.__name__ for rule in RULES]
    assert names == [
        "override",
        "whole_successor",
        "competence",
        "destination",
        "location",
        "applicant_residence",
        "people",
        "staffing_flow",
        "review",
    ]


def test_a_dossier_follows_its_applicant_anywhere_in_the_province(ctx):
    # A3 was divided between N1 and N2; the applicant lives in C1, which is in N3.
    items = dossiers(dossier(1, A3, "C1"))
    placed = apply_chain(items, "dossiers", ctx, NO_OVERRIDES)
    row = placed.iloc[0]
    assert (row["new_code"], row["rule"]) == (N3, "location")
    assert row["reason"] == "Theo nơi cư trú của người nộp hồ sơ (ngoài địa bàn đơn vị kế thừa)"

    without = [r for r in RULES if r is not applicant_residence]
    elsewhere = apply_chain(items, "dossiers", ctx, NO_OVERRIDES, rules=without).iloc[0]
    assert elsewhere["new_code"] in (N1, N2)  # shared out by the commune's people instead
    assert elsewhere["rule"] == "people-share"

    neither = [r for r in without if r.__name__ != "people"]
    unplaced = apply_chain(items, "dossiers", ctx, NO_OVERRIDES, rules=neither).iloc[0]
    assert (unplaced["new_code"], unplaced["rule"]) == ("", "review")
    assert unplaced["reason"] == "Vị trí nằm ở Xã N3, không thuộc các đơn vị kế thừa"


def test_an_asset_does_not_follow_anyone_outside_its_successors(ctx):
    lon, lat = inside("C1")
    asset = {"id": "TS9", "kind": "building", "holder": A3, "lon": lon, "lat": lat}
    items = normalise_register(pd.DataFrame([asset]), "assets")
    row = apply_chain(items, "assets", ctx, NO_OVERRIDES).iloc[0]
    assert (row["new_code"], row["rule"]) == ("", "review")
    assert row["candidates"] == f"{N1};{N2}"


def test_location_alone_places_only_points_inside_a_successor(ctx):
    items = dossiers(dossier(1, A3, "A3"), dossier(2, A3, "B2"), dossier(3, A3, "C1"))
    d = Decisions(items, "dossiers", ctx, NO_OVERRIDES)
    location(d)
    assert d.done.tolist() == [True, True, False]
    assert d.out["new_code"].tolist() == [N1, N2, ""]


def test_whole_successor_alone(ctx):
    items = dossiers(dossier(1, A1, "C1"), dossier(2, A3, "A3"))
    d = Decisions(items, "dossiers", ctx, NO_OVERRIDES)
    whole_successor(d)
    assert d.out["new_code"].tolist() == [N1, ""]
    assert d.out["rule"].tolist() == ["whole-successor", ""]


def test_override_alone_wins_over_every_later_rule(ctx):
    items = dossiers(dossier(1, A1, "A1"))
    mine = pd.DataFrame([{"class": "dossiers", "id": "HS1", "new_code": N2, "reference": "QĐ 7"}])
    d = Decisions(items, "dossiers", ctx, mine)
    for rule in (override, whole_successor):
        rule(d)
    assert (d.out["new_code"][0], d.out["rule"][0]) == (N2, "override")
    assert d.out["reason"][0] == "Quyết định của Sở: QĐ 7"


def test_review_alone_takes_everything_left_with_a_reason(ctx):
    items = dossiers(dossier(1, A3, "A3"), dossier(2, "nowhere", "A3"))
    d = Decisions(items, "dossiers", ctx, NO_OVERRIDES)
    review(d)
    assert d.out["rule"].tolist() == ["review", "review"]
    assert d.out["reason"][1] == "Đơn vị giữ không có trong phương án, hoặc không có đơn vị kế thừa"
    assert d.done.all()


@pytest.mark.parametrize(("kind", "column"), [("assets", "value_vnd"), ("records", "balance_vnd")])
def test_ledger_refuses_a_value_class_whose_sums_differ(kind, column):
    before = pd.DataFrame({"id": ["a", "b"], "holder": ["x", "x"], column: [1e9, 2e9]})
    after = before.assign(new_code=["n", "n"], rule=["whole-successor"] * 2)
    assert ledger({kind: before}, {kind: after})["balanced"] is True

    changed = after.assign(**{column: [1e9, 2.5e9]})  # same items, one value altered
    book = ledger({kind: before}, {kind: changed})
    entry = book["classes"][kind]
    assert book["balanced"] is False and entry["balanced"] is False
    assert (entry["value_before"], entry["value_assigned"]) == (3e9, 3.5e9)
    with pytest.raises(LedgerError, match="does not balance"):
        assert_balanced(book)
