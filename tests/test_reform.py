"""The administrative-reform index: rules, the Decision 766 groups from a small log, missing versus
not applicable, appraisal rounds, tiers and ties, and properties of the scoring."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transition.errors import InputFileError, ProfileError
from transition.profiles import load_profile, parse_profile
from transition.profiles.rubric import Item, Rubric
from transition.reform.index import index_units, score_items
from transition.reform.inputs import resolve_inputs
from transition.reform.period import PeriodError, parse_period
from transition.reform.run import score
from transition.reform.scoring import points
from transition.reform.service import available, measures, period_counts


def item(rule, **kw):
    return Item(id="x", vi="x", en="x", max=kw.pop("max", 10), method="data", rule=rule, **kw)


@pytest.mark.parametrize(
    ("rule", "params", "value", "expected"),
    [
        ("linear", {}, 0.37, 3.7),
        ("linear", {}, 1.4, 10.0),  # never above the maximum
        ("target", {"target": 0.5}, 0.31, 6.2),  # online submissions: full at 50 %
        ("target", {"target": 0.5}, 0.5, 10.0),
        ("target", {"target": 0.9}, 0.81, 9.0),  # satisfaction: full at 90 %
        ("steps", {"steps": [{"at": 0.8, "points": 4}, {"at": 0.9, "points": 7}]}, 0.85, 4.0),
        ("steps", {"steps": [{"at": 0.8, "points": 4}, {"at": 0.9, "points": 7}]}, 0.79, 0.0),
        ("yesno", {}, 1, 10.0),
        ("yesno", {}, 0, 0.0),
        ("deduction", {"per_unit": 2.5}, 3, 2.5),
        ("deduction", {"per_unit": 2.5}, 9, 0.0),  # never below zero
    ],
)
def test_each_rule_against_hand_computed_points(rule, params, value, expected):
    assert points(item(rule, **params), value) == expected


def test_periods():
    assert parse_period("2025-09").start == dt.date(2025, 9, 1)
    assert parse_period("Q4/2025").end == dt.date(2025, 12, 31)
    with pytest.raises(PeriodError, match="write a year"):
        parse_period("autumn")


def stamp(day, hour=9):
    return pd.Timestamp(f"2025-09-{day:02d} {hour:02d}:00")


def small_log():
    """Unit A: 10 dossiers in September (6 online, 4 digitised; 7 on time, 1 late, 2 still open,
    one of them due after the month's end); ratings 9 of 10 satisfied; fees on 4, 1 paid online.
    Unit B: 2 dossiers, no ratings (no petitions, nothing rated). Unit C: none."""
    rows = []
    for k in range(10):
        finished = stamp(5 + k) if k < 8 else pd.NaT
        due = stamp(20) if k != 7 else stamp(5 + k - 1)  # dossier 7 finished a day late
        if k == 9:
            due = pd.Timestamp("2025-10-03 17:00")  # open, due after the period: within deadline
        rows.append(
            {"dossier_id": f"A{k}", "unit_code": "A", "received": stamp(1 + k), "due": due,
             "finished": finished, "channel": "online" if k < 6 else "in_person",
             "digitised_components": k < 4, "fee_bearing": "có" if k < 4 else "không",
             "paid_online": "có" if k == 0 else "không", "rating": "5" if k < 9 else "2"}
        )  # fmt: skip
    for k in range(2):
        rows.append(
            {"dossier_id": f"B{k}", "unit_code": "B", "received": stamp(3), "due": stamp(10),
             "finished": stamp(8), "channel": "in_person", "digitised_components": True,
             "fee_bearing": "không", "paid_online": "không", "rating": ""}
        )  # fmt: skip
    rows.append(  # received in August: outside the period
        {"dossier_id": "A99", "unit_code": "A", "received": pd.Timestamp("2025-08-30"),
         "due": stamp(2), "finished": stamp(1), "channel": "online", "digitised_components": True,
         "fee_bearing": "không", "paid_online": "không", "rating": "5"}
    )  # fmt: skip
    return pd.DataFrame(rows)


def test_the_766_measures_on_a_small_log():
    log = small_log()
    counts = period_counts(log, parse_period("2025-09")).set_index("unit_code")
    assert counts.loc["A", ["received", "on_time", "open_within", "online"]].tolist() == [
        10,
        7,
        1,
        6,
    ]
    found = measures(counts.reset_index(), ["A", "B", "C"], available(log))
    assert found[("A", "progress_rate")] == 0.8  # (7 on time + 1 open within its deadline) / 10
    assert found[("A", "online_rate")] == 0.6
    assert found[("A", "digitised_rate")] == 0.4
    assert found[("A", "online_payment_rate")] == 0.25
    assert found[("A", "satisfaction_rate")] == 0.9
    assert ("B", "satisfaction_rate") not in found  # nothing rated: missing, not zero
    assert not any(unit == "C" for unit, _ in found)  # no dossiers: every measure missing


def units_frame(codes=("A", "B", "C"), kinds=("Xã", "Xã", "Phường")):
    return pd.DataFrame({"code": list(codes), "name": [f"Đơn vị {c}" for c in codes],
                         "unit_type": list(kinds)})  # fmt: skip


def test_the_766_groups_saturate_and_missing_stays_missing():
    rubric = load_profile(Rubric, "rubrics/service_766.toml")
    s = score(rubric, parse_period("2025-09"), units_frame(), log=small_log())
    pts = s.items.set_index(["unit_code", "item"])["points"]
    assert pts[("A", "progress")] == 16.0  # 20 × 0.8
    assert pts[("A", "online_submission")] == 12.0  # 60 % online: saturated at 50 %
    assert pts[("A", "satisfaction")] == 18.0  # 90 %: full points
    assert pts[("A", "digitisation")] == 8.8  # 22 × 0.4
    assert pts[("A", "online_payment")] == 2.5  # 10 × 1/4
    status = s.items.set_index(["unit_code", "item"])["status"]
    assert status[("A", "transparency")] == "missing"  # the department has not supplied it
    assert status[("B", "satisfaction")] == "missing"
    assert set(status[("C",)]) == {"missing"}
    unit = s.units.set_index("code")
    assert unit.loc["A", "obtained"] == 57.3 and unit.loc["A", "counted_max"] == 82
    assert unit.loc["C", "counted_max"] == 0 and pd.isna(unit.loc["C", "index"])
    assert unit.loc["A", "tier"] is None  # transparency missing withholds the tier


def rubric_ab():
    """Two fields; an attested yes/no item with 'full' when not applicable."""
    return parse_profile(Rubric, {
        "id": "t", "version": "1", "vi": "t", "en": "t", "issued_by": "t", "decision": "QĐ 1",
        "date": "2025-11-01", "total": 20, "bonus_cap": 2, "penalty_cap": 3,
        "ranking_groups": [["Xã"], ["Phường"]],
        "tiers": [{"vi": "Tốt", "en": "Good", "min": 80}, {"vi": "Khá", "en": "Fair", "min": 0}],
        "fields": [
            {"id": "f1", "vi": "f1", "en": "f1", "max": 10, "criteria": [
                {"id": "c1", "vi": "c1", "en": "c1", "max": 10, "items": [
                    {"id": "online", "vi": "o", "en": "o", "max": 6, "method": "data",
                     "rule": "target", "target": 0.5, "source": "online_rate"},
                    {"id": "plan", "vi": "p", "en": "p", "max": 4, "method": "attested",
                     "rule": "yesno", "not_applicable": "full"}]}]},
            {"id": "f2", "vi": "f2", "en": "f2", "max": 10, "criteria": [
                {"id": "c2", "vi": "c2", "en": "c2", "max": 10, "items": [
                    {"id": "train", "vi": "t", "en": "t", "max": 10, "method": "attested",
                     "rule": "linear"}]}]},
        ],
    })  # fmt: skip


def scores_rows(*rows):
    return pd.DataFrame([dict(zip(("unit_code", "item", "self_score", "round1", "round2",
                                   "not_applicable", "evidence_number"), r, strict=False))
                         for r in rows])  # fmt: skip


def test_appraisal_rounds_the_last_score_counts_and_self_scores_are_provisional():
    rubric = rubric_ab()
    rows = scores_rows(
        ("A", "train", "9", "6", "7.5", "", "12/KH"), ("B", "train", "8", "", "", "", "")
    )
    values, problems = resolve_inputs(rubric, ["A", "B"], rows, {})
    v = values.set_index(["unit_code", "item"])
    assert v.loc[("A", "train"), ["points", "stage"]].tolist() == [7.5, "round2"]
    assert v.loc[("B", "train"), ["points", "stage"]].tolist() == [8.0, "self_score"]
    assert [p.code for p in problems] == ["par-no-evidence"]  # B's self-score has no evidence
    items = score_items(rubric, values)
    table = index_units(rubric, items, units_frame(("A", "B"), ("Xã", "Xã"))).set_index("code")
    assert bool(table.loc["B", "provisional"]) and not bool(table.loc["A", "provisional"])


def test_missing_is_not_zero_and_not_applicable_is_not_missing():
    rubric = rubric_ab()
    rows = scores_rows(("A", "train", "", "8"), ("A", "plan", "", "", "", "có"),
                       ("B", "train", "", "8"), ("B", "plan", "", "4"))  # fmt: skip
    values, _ = resolve_inputs(rubric, ["A", "B"], rows, {("A", "online_rate"): 0.25})
    items = score_items(rubric, values)
    status = items.set_index(["unit_code", "item"])["status"]
    assert status[("A", "plan")] == "not_applicable" and status[("B", "online")] == "missing"
    table = index_units(rubric, items, units_frame(("A", "B"), ("Xã", "Xã"))).set_index("code")
    # A: online 3 of 6, plan full 4 (not applicable counts full), train 8 -> 15 / 20
    assert table.loc["A", "index"] == 75.0 and table.loc["A", "tier"] == "Khá"
    # B: online missing -> out of the index (12 / 14), no tier, no rank
    assert table.loc["B", "index"] == round(100 * 12 / 14, 2)
    assert table.loc["B", "tier"] is None and pd.isna(table.loc["B", "rank"])
    assert table.loc["B", "missing"] == ["online"]


def test_tiers_ranks_ties_and_capped_adjustments():
    rubric = rubric_ab()
    rows = []
    for unit, train in (("A", "8"), ("B", "8"), ("C", "6"), ("D", "10")):
        rows += [(unit, "train", "", train), (unit, "plan", "", "4")]
    values, _ = resolve_inputs(rubric, list("ABCD"), scores_rows(*rows),
                               {(u, "online_rate"): 0.5 for u in "ABCD"})  # fmt: skip
    items = score_items(rubric, values)
    adjustments = pd.DataFrame({"unit_code": ["C", "C", "D"], "kind": ["bonus", "bonus", "penalty"],
                                "points": ["2", "2", "9"]})  # fmt: skip
    units = units_frame(tuple("ABCD"), ("Xã", "Xã", "Xã", "Phường"))
    table = index_units(rubric, items, units, adjustments).set_index("code")
    assert table.loc["A", "score"] == table.loc["B", "score"] == 90.0
    assert table.loc["C", "score"] == 82.0  # 80 + bonus capped at 2
    assert table.loc["D", "score"] == 97.0  # 100 − penalty capped at 3
    assert table.loc[["A", "B", "C"], "rank"].tolist() == [1, 1, 3]
    assert table.loc[["A", "B", "C"], "tied"].tolist() == [True, True, False]
    assert table.loc["D", "rank"] == 1  # ranked apart: phường
    assert table.loc["C", "tier"] == "Tốt"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('method = "attested"', 'method = "guess"', 1), "method"),
        (lambda t: t.replace("max = 2\n", "max = 3\n", 1), "add up"),
    ],
)
def test_a_bad_rubric_is_refused_naming_the_file_and_the_key(tmp_path, edit, message):
    from transition.resources import MAPPINGS_DIR

    text = (MAPPINGS_DIR / "rubrics" / "par_example.toml").read_text(encoding="utf-8")
    bad = tmp_path / "rubric.toml"
    bad.write_text(edit(text), encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as err:
        load_profile(Rubric, bad)
    assert str(bad) in str(err.value) and "fields.0.criteria.0" in str(err.value)


ITEMS = rubric_ab().items()


@settings(max_examples=60, deadline=None)
@given(
    online=st.floats(0, 1),
    train=st.floats(0, 10),
    worse_online=st.floats(0, 1),
    worse_train=st.floats(0, 10),
)
def test_worsening_never_raises_points_sum_and_stay_within_max(
    online, train, worse_online, worse_train
):
    rubric = rubric_ab()

    def run(o, t):
        rows = scores_rows(("A", "train", "", f"{t:.2f}"), ("A", "plan", "", "4"))
        values, _ = resolve_inputs(rubric, ["A"], rows, {("A", "online_rate"): o})
        items = score_items(rubric, values)
        return items, index_units(rubric, items, units_frame(("A",), ("Xã",)))

    items, table = run(online, train)
    assert (items["points"] <= items["max"]).all()
    assert round(items["points"].sum(), 2) == table.loc[0, "obtained"]
    _, worse = run(min(online, worse_online), min(train, worse_train))
    assert worse.loc[0, "score"] <= table.loc[0, "score"]


def test_the_portals_figures_beside_ours_name_what_differs():
    from transition.actions.service_index import _computed_points
    from transition.reform.official import compare_official, read_official

    rubric = load_profile(Rubric, "rubrics/service_766.toml")
    s = score(rubric, parse_period("2025-09"), units_frame(), log=small_log())
    published = pd.DataFrame(
        {
            "Mã đơn vị": ["A", "B", "Z"],
            "Công khai, minh bạch": ["15", "", ""],
            "Tiến độ giải quyết": ["16,00", "", "3"],
            "Dịch vụ trực tuyến": ["13,2", "", ""],
            "Mức độ hài lòng": ["18", "", ""],
            "Số hóa hồ sơ": ["8,8", "x", ""],
            "Tổng điểm": ["70", "", ""],
        }
    )
    figures, unreadable = read_official(published, "portal.csv")
    assert [(p.code, p.row, p.column, p.unit_code) for p in unreadable] == [
        ("service-official-unreadable", 3, "digitisation", "B")
    ]  # 'x' is an error, never a zero
    names = {"A": "Xã A", "B": "Xã B", "C": "Phường C"}
    table, problems = compare_official(_computed_points(s), figures, "2025-09", 0.5, names)
    rows = table.set_index(["unit_code", "group"])
    assert rows.loc[("A", "progress"), "difference"] == 0.0
    assert rows.loc[("A", "online"), "computed"] == 14.5  # 12 + 2.5
    assert (
        rows.loc[("A", "online"), "difference"] == 1.3 and not rows.loc[("A", "online"), "within"]
    )
    # transparency is not computed (the department supplies it) and the total counts it: no
    # difference is claimed for either
    assert rows.loc[("A", "transparency"), "within"] and rows.loc[("A", "total"), "within"]
    assert pd.isna(rows.loc[("A", "total"), "computed"])
    messages = [p.message for p in problems]
    assert messages[0].startswith("Xã A (A), 2025-09, online: computed 14.50 points, the portal")
    assert "+1.30" in messages[0]
    assert "1 unit(s) of the official figures are not new units of the plan: Z" in messages[1]
    assert len(problems) == 2


def test_a_units_filled_form_is_read_back_with_its_file_and_rows(tmp_path):
    from openpyxl import load_workbook
    from tiny import tiny_plan

    from transition import actions
    from transition.io.workspace import Workspace

    ws = tmp_path / "ws"
    Workspace.at(ws).save_plan(tiny_plan(), None, {"source": "test"})
    made = actions.generate_par_forms(ws)
    assert made.items == 14 and len(made.written) == 3  # the attested items; one form per new unit
    form = ws / made.written[0]
    code = made.written[0].split("/")[-1][:5]
    book = load_workbook(form)
    sheet = book["Tự chấm"]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    fill = {  # item: (self-score, evidence number, not applicable)
        "plan_issued": ("2", "12/KH-UBND", None),
        "plan_done": ("2,5", None, None),  # no evidence: flagged
        "inspections": ("9", "3/BC-UBND", None),  # above the maximum of 3: an error
        "docs_reviewed": (None, None, "có"),
    }
    for item, (typed, number, na) in fill.items():
        sheet.cell(rows[item], 4, typed)
        sheet.cell(rows[item], 5, number)
        sheet.cell(rows[item], 9, na)
    book.save(form)
    done = actions.par_workspace(ws, period="2025", write=False)
    items = done.scores.items.set_index(["unit_code", "item"])
    assert items.loc[(code, "plan_issued"), "points"] == 2.0
    assert items.loc[(code, "plan_done"), "points"] == 2.5
    assert items.loc[(code, "docs_reviewed"), "status"] == "not_applicable"
    found = {
        (p.code, p.file, p.row) for p in done.problems if p.file.startswith("inputs/par_forms")
    }
    where = made.written[0]
    assert ("par-no-evidence", where, rows["plan_done"]) in found
    assert ("par-score-range", where, rows["inspections"]) in found
    with pytest.raises(InputFileError, match="a form a unit has filled in"):
        actions.generate_par_forms(ws)  # a filled form is never overwritten


def test_the_split_year_carries_each_first_half_dossier_to_one_new_unit():
    import geopandas as gpd
    from shapely import box

    from transition.reform.split_year import carry_old_log

    edges = pd.DataFrame(
        {
            "old_code": ["00001", "00005", "00005"],
            "new_code": ["00100", "00100", "00200"],
            "part": ["whole", "part", "part"],
            "pop_share": [None, 0.25, 0.75],
            "area_share": [None, 0.5, 0.5],
        }
    )
    polygons = gpd.GeoDataFrame(  # the divided commune's two parts: west to 00100, east to 00200
        {"code": ["00100", "00200"]},
        geometry=[box(107.00, 21.0, 107.015, 21.01), box(107.015, 21.0, 107.03, 21.01)],
        crs="EPSG:4326",
    )
    ids = [f"H{k:04d}" for k in range(400)]
    old = pd.DataFrame(
        {
            "dossier_id": ["W1", "W2", "P-east", "P-west", *ids, "X1"],
            "unit_code": ["00001", "00001", "00005", "00005", *["00005"] * 400, "09999"],
            "lon": ["", "", "107.02", "107.01", *[""] * 400, ""],
            "lat": ["", "", "21.005", "21.005", *[""] * 400, ""],
        }
    )
    carried, ways, problems = carry_old_log(old, edges, polygons, "h1.csv")
    to = dict(zip(carried["dossier_id"], carried["unit_code"], strict=True))
    assert to["W1"] == to["W2"] == "00100"  # a whole old unit: its one successor
    assert to["P-east"] == "00200" and to["P-west"] == "00100"  # the applicant's place
    assert ways == {"whole": 2, "location": 2, "shares": 400}
    share = sum(to[i] == "00100" for i in ids) / 400
    assert 0.19 < share < 0.31  # the population shares (1/4, 3/4), drawn by each dossier's id
    again, _, _ = carry_old_log(old, edges, polygons, "h1.csv")
    assert again.equals(carried)  # the same log, the same result
    assert "X1" not in to and [p.code for p in problems] == ["split-year-unknown"]
    assert set(carried.loc[carried["dossier_id"] == "W1", "carried_from"]) == {"00001"}


def test_raw_survey_answers_become_the_survey_items_values(tmp_path):
    from tiny import tiny_plan

    from transition import actions
    from transition.io.workspace import Workspace

    ws = tmp_path / "ws"
    Workspace.at(ws).save_plan(tiny_plan(), None, {"source": "test"})
    answers = pd.DataFrame(
        {
            "unit_code": ["00100"] * 4 + ["00200", "00200"],
            "item": ["survey_people"] * 3 + ["survey_officials", "survey_people", "plan_issued"],
            "answer": ["Rất hài lòng", "hài long", "Không hài lòng", "Hài lòng", "tốt", "Hài lòng"],
        }
    )
    answers.to_csv(ws / "inputs" / "par_survey.csv", index=False)
    done = actions.par_workspace(ws, period="2025", write=False)
    items = done.scores.items.set_index(["unit_code", "item"])
    # 00100: (1 + 0.75 + 0) / 3 of 20 points; "hài long" matched without its marks
    assert items.loc[("00100", "survey_people"), "points"] == round(20 * 1.75 / 3, 2)
    assert items.loc[("00100", "survey_officials"), "points"] == 7.5  # 0.75 of 10
    found = sorted((p.code, p.row, p.column) for p in done.problems if p.code == "par-survey")
    assert found == [("par-survey", 6, "answer"), ("par-survey", 7, "item")]
    assert items.loc[("00200", "survey_people"), "status"] == "missing"  # no answer counted
