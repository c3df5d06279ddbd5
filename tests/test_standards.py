"""The standards table on Quảng Ninh, the data gate, amendments by date, and a drafted option
re-imported and checked."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from transition import actions
from transition.actions.draft import DataGateError
from transition.checks.criteria import requirements
from transition.drafting.facts import apply_amendments, parse_number
from transition.profiles import load_profile
from transition.profiles.standards import Standards

NQ112 = load_profile(Standards, "standards_nq112.toml")


def test_nq112_minima_and_one_reduction_per_criterion():
    (mountain,) = requirements(NQ112, "Xã", "mountain")
    assert (mountain.population, mountain.area_km2) == (5000, 100)
    (island,) = requirements(NQ112, "Xã", "island")
    assert (island.population, island.area_km2) == (2500, 15)
    (delta,) = requirements(NQ112, "Xã", "other", flags=("red_river_delta", "coastal_sandbank"))
    assert delta.area_km2 == pytest.approx(21.0) and delta.population == pytest.approx(8000)
    assert [r.region for r in requirements(NQ112, "Xã", "")] == ["mountain", "other"]
    assert requirements(NQ112, "Đặc khu") == []
    (ward,) = requirements(NQ112, "Phường", "mountain")
    assert (ward.population, ward.area_km2) == (21000, 5.5)


def test_figures_are_read_never_zero():
    assert parse_number("30,509") == (30509.0, "")
    assert parse_number("30.509") == (30509.0, "")
    assert parse_number("12,5") == (12.5, "")
    assert parse_number("đang cập nhật")[0] is None


def test_amendments_apply_by_date():
    facts = pd.DataFrame({"code": ["25270"], "unit_type": ["Xã"], "province_code": ["75"]})
    rows = pd.DataFrame(
        {
            "resolution": ["237/NQ-UBTVQH16"],
            "effective": [dt.date(2026, 4, 30)],
            "change": ["xã to phường (code kept)"],
            "gso_code": ["25270"],
            "unit_after": ["Phường Lộc Ninh"],
        }
    )
    before, none = apply_amendments(facts, rows, dt.date(2026, 1, 1))
    after, applied = apply_amendments(facts, rows, dt.date(2026, 5, 1))
    assert before["unit_type"].tolist() == ["Xã"] and none == []
    assert after["unit_type"].tolist() == ["Phường"] and len(applied) == 1


@pytest.fixture(scope="module")
def ws(tmp_path_factory, qn_workspace, qn_attributes, qn_polygons):  # noqa: ARG001  real figures
    out = tmp_path_factory.mktemp("standards") / "ws"
    shutil.copytree(qn_workspace, out)
    return out


def test_class_unknown_shows_both_verdicts_and_proxy_is_said(ws):
    plain = actions.standards(ws, write=False)
    row = plain.table.set_index("name").loc["Xã Quảng La"]
    assert row["status"] == "unknown"
    assert row["verdicts"] == "mountain: pass; elsewhere: fail"
    proxy = actions.standards(ws, assume_class="proxy", write=False)
    assert proxy.table.set_index("name").loc["Xã Quảng La", "status"] == "fail"
    assert "ASSUMED" in proxy.to_dict()["assumptions"][0]
    s = proxy.summary.iloc[0]
    assert (s["units"], s["fail"], s["unknown"]) == (54, 15, 2)  # Hoành Bồ, Thống Nhất to confirm


def test_copied_figures_are_a_problem_and_drafting_refuses(ws):
    result = actions.standards(ws, assume_class="proxy", write=False)
    gated = {p["unit_code"] for p in result.to_dict()["problems"] if p["code"] == "facts-unknown"}
    assert gated == {"07030", "07060"}  # Hoành Bồ carries Thống Nhất's figures
    with pytest.raises(DataGateError, match="07030"):
        actions.draft(ws, assume_class="proxy", write=False)


def test_drafted_option_is_accepted_by_check(ws):
    result = actions.draft(ws, assume_class="proxy", exclude_unknown=True, options=2)
    best = result.to_dict()["options"][0]
    assert best["units_before"] == 54 and best["units_after"] < 54
    codes = sorted(c for u in best["units"] for c in u["members"])
    assert len(codes) == 54 and len(set(codes)) == 54
    short = {s["code"]: s["reason"] for s in best["short"]}
    assert "island" in short["06967"]  # Xã Cái Chiên: no land neighbour
    option = ws / "drafts" / "option_1"
    assert (option / "draft.gpkg").exists() and (option / "standards_annex.xlsx").exists()
    report = actions.check_workspace(option).report
    errors = [p for p in report.problems if p.severity == "error"]
    assert errors == [], errors
    assert report.summary["new_units"] == best["units_after"]
