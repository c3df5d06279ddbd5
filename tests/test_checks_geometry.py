from shapely import box
from tiny import NEW_CODES, X0, Y0, tiny_geometry, tiny_plan

from transition.checks import run_checks
from transition.checks.geometry import check_geometry
from transition.profiles import load_profile
from transition.profiles.rules import Tolerances

TOL = load_profile(Tolerances, "checks.toml").model_copy(
    update={"gap_min_m2": 1000.0, "unit_vs_parts_min_m2": 1000.0}
)


def found(problems, code):
    return sorted((p.unit_code, p.severity) for p in problems if p.code == code)


def test_split_unit_is_discontiguous_and_contiguous_unit_is_not():
    plan = tiny_plan(island_n3=True)
    problems, stats = check_geometry(plan, tiny_geometry(plan), TOL, {})
    assert found(problems, "discontiguous") == [
        ("00200", "error")
    ]  # B1 and B2 touch at a corner only
    assert stats["contiguous_new_units"] == 1  # N1; N3 is a declared island made of two pieces
    assert stats["discontiguous_new_units"] == 2
    assert (
        "falls into 2 pieces: Xã B2 do(es) not touch the rest"
        in next(p for p in problems if p.code == "discontiguous").message
    )


def test_island_is_fine_when_declared_and_reported_when_not():
    plan = tiny_plan(island_n3=False)
    problems, _ = check_geometry(plan, tiny_geometry(plan), TOL, {})
    assert found(problems, "discontiguous") == [("00200", "error"), ("00300", "error")]
    declared = tiny_plan(island_n3=True)
    problems, stats = check_geometry(declared, tiny_geometry(declared), TOL, {})
    assert found(problems, "discontiguous") == [("00200", "error")]
    assert found(problems, "undeclared-island") == []


def test_unit_standing_alone_at_sea_must_be_declared():
    plan = tiny_plan()
    far = box(X0 + 0.2, Y0, X0 + 0.21, Y0 + 0.01)
    problems, stats = check_geometry(plan, tiny_geometry(plan, new_override={"N3": far}), TOL, {})
    assert stats["islands"] == ["00300"]
    assert found(problems, "undeclared-island") == [("00300", "warning")]


def test_islets_in_a_units_own_polygon_are_not_discontiguity():
    from shapely import union_all

    plan = tiny_plan(island_n3=True)
    geo = tiny_geometry(plan)
    islet = box(X0 + 0.001, Y0 - 0.05, X0 + 0.002, Y0 - 0.049)
    n1 = union_all([geo.new.geometry.iloc[0], islet])
    problems, stats = check_geometry(plan, tiny_geometry(plan, new_override={"N1": n1}), TOL, {})
    assert "00100" not in [u for u, _ in found(problems, "discontiguous")]
    assert stats["units_with_islets"] == 3  # N1 with its islet, N2 (corner), N3 with its island


def test_overlap_and_gap_with_areas():
    plan = tiny_plan(island_n3=True)
    d = 0.01
    n2 = box(X0 + 0.5 * d, Y0, X0 + 2 * d, Y0 + d).union(
        box(X0 + 2 * d, Y0 + d, X0 + 3 * d, Y0 + 2 * d)
    )
    problems, stats = check_geometry(plan, tiny_geometry(plan, new_override={"N2": n2}), TOL, {})
    assert found(problems, "overlap") == [("00100", "error")]
    overlap = next(p for p in problems if p.code == "overlap")
    assert 5.0e5 < overlap.value < 6.2e5  # half a cell: 0.005° x 0.01° ≈ 520 m x 1,110 m
    # a hole inside N1 that no unit covers
    n1 = box(X0, Y0, X0 + 2 * d, Y0 + 2 * d).difference(
        box(X0 + 0.4 * d, Y0 + 0.4 * d, X0 + 0.6 * d, Y0 + 0.6 * d)
    )
    problems, stats = check_geometry(plan, tiny_geometry(plan, new_override={"N1": n1}), TOL, {})
    assert stats["gaps"]["count"] == 1
    assert 4.0e4 < next(p for p in problems if p.code == "gap").value < 5.2e4  # 0.002° square


def test_problems_on_approximate_geometry_are_warnings_that_say_so():
    plan = tiny_plan(island_n3=True)
    problems, stats = check_geometry(plan, tiny_geometry(plan, quality="approximate"), TOL, {})
    assert found(problems, "discontiguous") == [("00200", "warning")]
    assert "approximate geometry" in next(p for p in problems if p.code == "discontiguous").message


def test_invalid_polygon_is_reported_with_the_fix():
    from shapely import Polygon

    plan = tiny_plan(island_n3=True)
    bowtie = Polygon([(X0, Y0), (X0 + 0.02, Y0 + 0.02), (X0 + 0.02, Y0), (X0, Y0 + 0.02)])
    problems, _ = check_geometry(plan, tiny_geometry(plan, new_override={"N1": bowtie}), TOL, {})
    bad = [p for p in problems if p.code == "invalid-geometry"]
    assert [p.unit_code for p in bad] == ["00100"]
    assert "Self-intersection" in bad[0].message and "Fix Geometries" in bad[0].message


def test_new_polygon_against_union_of_parts():
    plan = tiny_plan(island_n3=True)
    bigger = box(X0, Y0, X0 + 0.02, Y0 + 0.025)  # N1 drawn 0.005° taller than its parts
    problems, _ = check_geometry(plan, tiny_geometry(plan, new_override={"N1": bigger}), TOL, {})
    assert found(problems, "unit-vs-parts") == [("00100", "warning")]


def test_run_checks_summary_counts():
    plan = tiny_plan(island_n3=True)
    report = run_checks(plan, tiny_geometry(plan))
    s = report.summary
    assert (s["old_units"], s["new_units"], s["edges"], s["divided_old_units"]) == (7, 3, 7, 0)
    assert s["new_units_by_type"] == {"Xã": 3}
    assert not report.valid  # N2 is discontiguous on given polygons
    assert report.to_dict()["valid"] is False
    assert set(NEW_CODES.values()) >= {p.unit_code for p in report.by_code("discontiguous")}
