from tiny import NEW_CODES, OLD_CODES, TARGET, tiny_plan

from transition.checks import run_checks
from transition.checks.coverage import check_coverage

FILES = {"crosswalk": "plan/crosswalk.csv", "new_units": "plan/new_units.csv"}


def edges(**changes):
    """The whole-edge plan with some old units' edges replaced by ``changes[old] = [edge, ...]``."""
    out = []
    for k, t in TARGET.items():
        if k in changes:
            out += changes[k]
        else:
            out.append({"old_code": OLD_CODES[k], "new_code": NEW_CODES[t], "part": "whole"})
    return out


def codes(problems):
    return sorted((p.code, p.severity, p.unit_code) for p in problems)


def test_clean_plan_has_no_coverage_problem():
    assert check_coverage(tiny_plan(), FILES) == []
    assert run_checks(tiny_plan()).valid


def test_shares_that_do_not_sum_to_one():
    a3 = OLD_CODES["A3"]
    plan = tiny_plan(
        edges(
            A3=[
                {"old_code": a3, "new_code": "00100", "part": "part", "area_share": 0.5},
                {"old_code": a3, "new_code": "00200", "part": "remainder", "area_share": 0.3},
            ]
        )
    )
    problems = check_coverage(plan, FILES)
    assert codes(problems) == [("shares-not-one", "error", a3)]
    assert problems[0].value == 0.8
    assert problems[0].file == "plan/crosswalk.csv" and problems[0].column == "area_share"
    assert "sum to 0.800, not 1" in problems[0].message


def test_estimated_shares_off_by_rounding_only_warn():
    a3 = OLD_CODES["A3"]
    plan = tiny_plan(
        edges(
            A3=[
                {
                    "old_code": a3,
                    "new_code": "00100",
                    "part": "part",
                    "area_share": 0.5,
                    "area_share_estimated": True,
                },
                {
                    "old_code": a3,
                    "new_code": "00200",
                    "part": "part",
                    "area_share": 0.45,
                    "area_share_estimated": True,
                },
            ]
        )
    )
    assert codes(check_coverage(plan, FILES)) == [("shares-not-one", "warning", a3)]


def test_unknown_shares_are_a_note_not_a_pass():
    a3 = OLD_CODES["A3"]
    plan = tiny_plan(
        edges(
            A3=[
                {"old_code": a3, "new_code": "00100", "part": "part"},
                {"old_code": a3, "new_code": "00200", "part": "part"},
            ]
        )
    )
    assert codes(check_coverage(plan, FILES)) == [("shares-unknown", "info", a3)]


def test_unknown_codes_and_missing_units():
    plan = tiny_plan(
        edges(
            A1=[{"old_code": "77777", "new_code": "00100", "part": "whole"}],
            C1=[{"old_code": OLD_CODES["C1"], "new_code": "00999", "part": "whole"}],
        )
    )
    problems = check_coverage(plan, FILES)
    assert codes(problems) == [
        ("old-unit-missing", "error", OLD_CODES["A1"]),
        ("unknown-new-code", "error", "00999"),
        ("unknown-old-code", "error", "77777"),
    ]
    unknown = next(p for p in problems if p.code == "unknown-old-code")
    # rows: the crosswalk is sorted by level then old code; the header is line 1
    assert unknown.row == plan.crosswalk.index[plan.crosswalk["old_code"] == "77777"][0] + 2
    assert unknown.column == "old_code"


def test_new_unit_without_component_and_whole_not_alone():
    b1, b2 = OLD_CODES["B1"], OLD_CODES["B2"]
    plan = tiny_plan(
        edges(
            B1=[{"old_code": b1, "new_code": "00300", "part": "whole"}],
            B2=[
                {"old_code": b2, "new_code": "00300", "part": "whole"},
                {"old_code": b2, "new_code": "00100", "part": "part"},
            ],
        )
    )
    assert codes(check_coverage(plan, FILES)) == [
        ("new-unit-empty", "error", "00200"),
        ("whole-not-alone", "error", b2),
    ]


def test_single_part_and_bad_part():
    plan = tiny_plan(
        edges(
            A1=[{"old_code": OLD_CODES["A1"], "new_code": "00100", "part": "part"}],
            A2=[{"old_code": OLD_CODES["A2"], "new_code": "00100", "part": "entire"}],
        )
    )
    assert codes(check_coverage(plan, FILES)) == [
        ("bad-part", "error", OLD_CODES["A2"]),
        ("single-part", "error", OLD_CODES["A1"]),
        ("single-part", "error", OLD_CODES["A2"]),
    ]


def test_new_unit_may_not_take_a_commune_of_another_province():
    import pandas as pd

    plan = tiny_plan()
    new = pd.concat(
        [
            plan.new_units,
            pd.DataFrame(
                [
                    {
                        "code": "88",
                        "name": "Tỉnh Khác",
                        "unit_type": "Tỉnh",
                        "level": "province",
                        "province_code": "88",
                    }
                ]
            ),
        ]
    )
    new.loc[new["code"] == "00300", "province_code"] = "88"
    plan = plan.replace(new_units=new)
    problems = check_coverage(plan, FILES)
    assert codes(problems) == [("crosses-province", "error", "00300")] * 2
