import pandas as pd
from tiny import tiny_geometry, tiny_plan

from transition.checks.criteria import check_criteria, evaluate_criteria
from transition.checks.quality import check_quality
from transition.profiles import load_profile
from transition.profiles.base import read_toml
from transition.profiles.rules import Tolerances
from transition.resources import mapping_path

TOL = load_profile(Tolerances, "checks.toml")

PROFILE = read_toml(mapping_path("criteria_76_2025.toml"))  # the rule file's content


def with_units(plan, **values):
    units = plan.new_units.copy()
    for code, changes in values.items():
        for col, v in changes.items():
            units.loc[units["code"] == code, col] = v
    return plan.replace(new_units=units)


def test_criteria_pass_fail_unknown_exempt():
    plan = with_units(
        tiny_plan(),
        **{
            "00100": {"area_km2": 120.0, "population": 17000.0},  # passes either way
            "00200": {"area_km2": 10.0, "population": 3000.0},  # 2 old units: fail
            "00300": {"area_km2": 40.0, "population": float("nan")},
        },
    )
    table = evaluate_criteria(plan, PROFILE).set_index("code")
    assert table.loc["00100", "status"] == "exempt" or table.loc["00100", "status"] == "pass"
    assert table.loc["00100", "status"] == "pass"
    assert table.loc["00200", "status"] == "fail"
    assert table.loc["00300", "status"] == "unknown"  # missing population is not a pass
    problems, counts, _ = check_criteria(plan, PROFILE, {"new_units": "plan/new_units.csv"})
    assert counts == {"fail": 1, "pass": 1, "unknown": 1}
    fail = next(p for p in problems if p.code == "criteria-fail")
    assert (
        fail.unit_code == "00200"
        and "≥ 100 km²" in fail.message
        and "≥ 16,000 people" in fail.message
    )
    assert next(p for p in problems if p.code == "criteria-unknown").column == "population"


def test_three_or_more_old_units_are_exempt():
    plan = with_units(
        tiny_plan(), **{"00100": {"area_km2": 10.0, "population": 3000.0}}
    )  # A1+A2+A3
    assert evaluate_criteria(plan, PROFILE).set_index("code").loc["00100", "status"] == "exempt"


def test_region_decides_between_thresholds():
    plan = with_units(tiny_plan(), **{"00200": {"area_km2": 110.0, "population": 6000.0}})
    assert evaluate_criteria(plan, PROFILE).set_index("code").loc["00200", "status"] == "unknown"
    mountain = with_units(plan, **{"00200": {"region": "mountain"}})
    assert evaluate_criteria(mountain, PROFILE).set_index("code").loc["00200", "status"] == "pass"
    other = with_units(plan, **{"00200": {"region": "other"}})
    assert evaluate_criteria(other, PROFILE).set_index("code").loc["00200", "status"] == "fail"


def test_ward_threshold_depends_on_province_class():
    plan = with_units(
        tiny_plan(), **{"00200": {"unit_type": "Phường", "area_km2": 6.0, "population": 16000.0}}
    )
    assert (
        evaluate_criteria(plan, PROFILE).set_index("code").loc["00200", "status"] == "pass"
    )  # mountain_border
    profile = dict(PROFILE, province_kind={"99": "central_city", "default": "mountain_border"})
    assert evaluate_criteria(plan, profile).set_index("code").loc["00200", "status"] == "fail"


def test_tone_variants_and_other_names_in_the_crosswalk():
    plan = tiny_plan()
    units = plan.old_units.copy()
    units.loc[units["code"] == "00001", "name"] = "Xã Hòa A1"
    cw = plan.crosswalk.copy()
    cw.loc[cw["old_code"] == "00001", "old_name"] = "Xã Hoà A1"
    cw.loc[cw["old_code"] == "00002", "old_name"] = "Xã Khác"
    plan = plan.replace(old_units=units, crosswalk=cw)
    found = {(p.code, p.unit_code) for p in check_quality(plan, None, TOL, {})}
    assert found == {("tone-variant", "00001"), ("name-differs", "00002")}


def test_point_outside_its_new_unit():
    plan = tiny_plan(island_n3=True)
    units = plan.old_units.copy()
    units.loc[units["code"] == "00001", ["lon", "lat"]] = [107.5, 21.5]
    plan = plan.replace(old_units=units)
    problems = [
        p for p in check_quality(plan, tiny_geometry(plan), TOL, {}) if p.code == "point-outside"
    ]
    assert [p.unit_code for p in problems] == ["00001"]
    assert problems[0].value > 50_000  # metres


def test_official_area_far_from_polygon_area_is_a_note():
    plan = with_units(tiny_plan(), **{"00100": {"area_km2": 9.0}, "00200": {"area_km2": 2.5}})
    problems = check_quality(plan, tiny_geometry(plan), TOL, {})
    areas = [(p.unit_code, p.severity) for p in problems if p.code == "area-differs"]
    # N1 is 3 cells of about 1.23 km² (3.7 km²), N2 is 2 cells (2.5 km²), N3 official 40 km²
    assert areas == [("00100", "info"), ("00300", "info")]
    assert pd.notna(problems[0].value)
