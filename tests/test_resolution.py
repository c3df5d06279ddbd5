"""Plans from a resolution's text: hand-written texts in the style of the 34 resolutions of 2025."""

import json
import zipfile

import pandas as pd
import pytest

from transition import actions
from transition.checks.coverage import check_coverage
from transition.model import Plan
from transition.sources.resolution import import_resolution, resolve
from transition.sources.resolution_text import parse_resolution

HEADER = """  Số: 9999/NQ-UBTVQH15         *Hà Nội, ngày 16 tháng 6 năm 2025*

**Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh Thử**

Ủy ban Thường vụ Quốc hội quyết định sắp xếp để thành lập các đơn vị hành chính cấp xã của tỉnh Thử như sau:

"""
FOOTER = "\n**Điều 2. Hiệu lực thi hành**\n\n1\\. Nghị quyết này có hiệu lực thi hành từ ngày được thông qua.\n"

# Clause 1: a whole list and a part with a district qualifier; clause 2: the remainder after clause 1,
# with words run together where the source broke its lines; clause 3: the namesake in the other
# district, and a tone-mark variant (Hoà / Hòa); clause 4: the totals, with an unchanged unit.
TEXT = (
    HEADER
    + """1\\. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã An Bình,Hòa Lạc và một phần diện tích
tự nhiên, quy mô dân số của xã Tân Dân (huyện Đông) thành xã mới có tên gọi là **xã An Bình**.

2\\. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của thị trấn Đông, xã Phú Mỹ vàphần còn lại của xã
Tân Dân (huyện Đông)sau khi sắp xếp theo quy định tại khoản 1 Điều nàythành xã mới có tên gọi là **xã
Đông Phú**.

3.Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Tân Dân (huyện Tây) và xã Hoà Hiệp thành xã mới
có tên gọi là **xã Hòa Hiệp**.

4\\. Sau khi sắp xếp, tỉnh Thử có 04 đơn vị hành chính cấp xã, gồm 04 xã; trong đó có 03 xã hình thành sau
sắp xếp quy định tại Điều này và 01 xã không thực hiện sắp xếp là xã Cái Đá.
"""
    + FOOTER
)

OLD = [
    ("99", "Tỉnh Thử", "Tỉnh", "province", "", ""),
    ("901", "Huyện Đông", "Huyện", "district", "901", "Huyện Đông"),
    ("902", "Huyện Tây", "Huyện", "district", "902", "Huyện Tây"),
    ("90001", "Xã An Bình", "Xã", "commune", "901", "Huyện Đông"),
    ("90002", "Xã Hòa Lạc", "Xã", "commune", "901", "Huyện Đông"),
    ("90003", "Thị trấn Đông", "Thị trấn", "commune", "901", "Huyện Đông"),
    ("90004", "Xã Tân Dân", "Xã", "commune", "901", "Huyện Đông"),
    ("90005", "Xã Tân Dân", "Xã", "commune", "902", "Huyện Tây"),
    ("90006", "Xã Phú Mỹ", "Xã", "commune", "902", "Huyện Tây"),
    ("90007", "Xã Hòa Hiệp", "Xã", "commune", "902", "Huyện Tây"),
    ("90008", "Xã Cái Đá", "Xã", "commune", "902", "Huyện Tây"),
]
NEW = [
    ("99", "Tỉnh Thử", "Tỉnh", "province"),
    ("90001", "Xã An Bình", "Xã", "commune"),
    ("90003", "Xã Đông Phú", "Xã", "commune"),
    ("90007", "Xã Hòa Hiệp", "Xã", "commune"),
    ("90008", "Xã Cái Đá", "Xã", "commune"),
]


def register() -> Plan:
    old = pd.DataFrame(
        [
            {
                "code": c,
                "name": n,
                "unit_type": t,
                "level": lv,
                "province_code": "99",
                "province_name": "Tỉnh Thử",
                "district_code": d,
                "district_name": dn,
            }
            for c, n, t, lv, d, dn in OLD
        ]
    )
    new = pd.DataFrame(
        [
            {
                "code": c,
                "name": n,
                "unit_type": t,
                "level": lv,
                "province_code": "99",
                "province_name": "Tỉnh Thử",
            }
            for c, n, t, lv in NEW
        ]
    )
    edges = pd.DataFrame(
        [{"level": "province", "old_code": "99", "new_code": "99", "part": "whole"}]
    )
    return Plan.build(old, new, edges, "99", "Tỉnh Thử")


def edges_of(plan):
    return sorted(
        plan.commune_edges[
            ["old_code", "new_code", "part", "basis_clause", "after_clause"]
        ].itertuples(index=False, name=None)
    )


def test_every_construction_resolves():
    result = resolve(parse_resolution(TEXT), register())
    r = result.resolution
    assert (r.number, r.date, r.province) == ("9999/NQ-UBTVQH15", "2025-06-16", "tỉnh Thử")
    assert edges_of(result.plan) == [
        ("90001", "90001", "whole", "Điều 1, khoản 1", ""),
        ("90002", "90001", "whole", "Điều 1, khoản 1", ""),
        ("90003", "90003", "whole", "Điều 1, khoản 2", ""),
        ("90004", "90001", "part", "Điều 1, khoản 1", ""),  # Tân Dân (huyện Đông)
        ("90004", "90003", "remainder", "Điều 1, khoản 2", "1"),  # ... its remainder after clause 1
        ("90005", "90007", "whole", "Điều 1, khoản 3", ""),  # Tân Dân (huyện Tây)
        ("90006", "90003", "whole", "Điều 1, khoản 2", ""),
        ("90007", "90007", "whole", "Điều 1, khoản 3", ""),  # written "Hoà Hiệp"
        ("90008", "90008", "whole", "Điều 1, khoản 4", ""),  # unchanged, named in the totals clause
    ]
    assert result.stated_totals == result.parsed_totals == {"total": 4, "xã": 4}
    assert result.unchanged == ("90008",)
    assert [p for p in result.problems if p.severity != "info"] == []
    cw = result.plan.commune_edges
    assert set(cw["basis_document"]) == {"9999/NQ-UBTVQH15"} and set(cw["source"]) == {"resolution"}
    quoted = cw.loc[cw["old_code"] == "90004", "basis_text"].iloc[1]
    assert quoted.startswith(
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của thị trấn Đông, xã Phú Mỹ và phần còn lại"
    )
    assert cw["area_share"].isna().all()  # the text gives no shares: unknown, not guessed
    assert check_coverage(result.plan, {}) == [
        p for p in check_coverage(result.plan, {}) if p.code == "shares-unknown"
    ]


def test_unresolvable_and_ambiguous_names_become_problems_and_the_rest_is_built():
    text = TEXT.replace("xã Phú Mỹ", "xã Phú Mĩ Tây").replace(
        "xã Tân Dân (huyện Tây) và xã Hoà Hiệp", "xã Tân Dân"
    )
    result = resolve(parse_resolution(text), register())
    codes = {(p.code, p.clause) for p in result.problems if p.severity == "error"}
    assert codes == {("resolution-unresolved", "2"), ("resolution-ambiguous", "3")}
    ambiguous = next(p for p in result.problems if p.code == "resolution-ambiguous")
    assert "90004 Xã Tân Dân (Huyện Đông); 90005 Xã Tân Dân (Huyện Tây)" in ambiguous.message
    assert "«xã Tân Dân»" in ambiguous.message and ambiguous.message.startswith("clause 3:")
    unresolved = next(p for p in result.problems if p.code == "resolution-unresolved")
    assert "'Phú Mĩ Tây'" in unresolved.message and "«xã Phú Mĩ Tây»" in unresolved.message
    assert len(result.plan.commune_edges) == 6  # every other edge is still there


def test_namesake_is_settled_by_the_district_of_the_clauses_other_units():
    text = TEXT.replace("xã Tân Dân (huyện Tây)", "xã Tân Dân")
    result = resolve(parse_resolution(text), register())
    assert ("90005", "90007", "whole", "Điều 1, khoản 3", "") in edges_of(result.plan)
    (note,) = [p for p in result.problems if p.code == "resolution-disambiguated"]
    assert (
        note.severity == "info"
        and "the one in the district of the clause's other units" in note.message
    )


def test_totals_that_do_not_match_are_reported():
    text = TEXT.replace(
        "có 04 đơn vị hành chính cấp xã, gồm 04 xã",
        "có 05 đơn vị hành chính cấp xã, gồm 04 xã, 01 phường",
    )
    result = resolve(parse_resolution(text), register())
    (p,) = [p for p in result.problems if p.code == "resolution-totals"]
    assert p.severity == "error" and p.clause == "4"
    assert "phường: text 1, parsed 0" in p.message and "total: text 5, parsed 4" in p.message


def test_remainder_must_follow_a_clause_that_gives_a_part():
    text = TEXT.replace("theo quy định tại khoản 1 Điều này", "theo quy định tại khoản 3 Điều này")
    result = resolve(parse_resolution(text), register())
    problems = [
        p
        for p in check_coverage(result.plan, {"crosswalk": "plan/crosswalk.csv"})
        if p.code == "remainder-order"
    ]
    assert [(p.unit_code, p.severity) for p in problems] == [("90004", "error")]
    assert "refers to clause 3, which is not before it" in problems[0].message


def test_divided_unit_without_remainder_is_a_breach():
    text = TEXT.replace(
        "vàphần còn lại của xã\nTân Dân (huyện Đông)sau khi sắp xếp theo quy định tại khoản 1 Điều này",
        "và một phần diện tích tự nhiên, quy mô dân số của xã\nTân Dân (huyện Đông)",
    )
    result = resolve(parse_resolution(text), register())
    problems = [p for p in check_coverage(result.plan, {}) if p.code == "remainder-missing"]
    assert [p.unit_code for p in problems] == ["90004"]


def test_area_only_and_people_only_wording_gives_shares():
    text = TEXT.replace(
        "một phần diện tích\ntự nhiên, quy mô dân số của xã Tân Dân (huyện Đông)",
        "toàn bộ diện tích\ntự nhiên của xã Tân Dân (huyện Đông)",
    )
    text = text.replace("vàphần còn lại của xã", "và phần quy mô dân số còn lại của xã")
    result = resolve(parse_resolution(text), register())
    tan_dan = result.plan.commune_edges.query("old_code == '90004'").set_index("new_code")
    assert tan_dan.loc["90001", "area_share"] == 1.0 and tan_dan.loc["90001", "part"] == "part"
    assert tan_dan.loc["90003", "area_share"] == 0.0 and tan_dan.loc["90003", "part"] == "remainder"


def test_part_named_nowhere_else_is_whole():
    text = TEXT.replace(
        "xã An Bình,Hòa Lạc và một phần diện tích\ntự nhiên, quy mô dân số của xã Tân Dân (huyện Đông)",
        "xã An Bình và một phần diện tích\ntự nhiên, quy mô dân số của xã Tân Dân (huyện Đông) và xã Hòa Lạc",
    )
    result = resolve(parse_resolution(text), register())
    hoa_lac = result.plan.commune_edges.query("old_code == '90002'")
    assert hoa_lac["part"].tolist() == ["whole"]
    assert any(
        p.code == "resolution-part-as-whole" and p.unit_code == "90002" for p in result.problems
    )


def test_docx_and_plain_text_read_the_same(tmp_path):
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in TEXT.split("\n")
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(tmp_path / "r.docx", "w") as z:
        z.writestr("word/document.xml", xml)
    a = import_resolution(tmp_path / "r.txt", register())
    b = import_resolution(tmp_path / "r.docx", register())
    assert edges_of(a.plan) == edges_of(b.plan) and len(a.plan.commune_edges) == 9


def test_cli_import_resolution_json_equals_library(tmp_path):
    from test_cli import run

    from transition.io.workspace import Workspace

    ws = Workspace.at(tmp_path / "reg")
    ws.save_plan(register(), None, {})
    (tmp_path / "r.md").write_text(TEXT, encoding="utf-8")
    result = run(
        "import",
        "resolution",
        str(tmp_path / "r.md"),
        "--out",
        str(tmp_path / "ws"),
        "--register",
        str(tmp_path / "reg"),
        "--json",
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["resolution"] == "9999/NQ-UBTVQH15" and printed["totals_confirmed"] is True
    assert (printed["old_units"], printed["new_units"], printed["divided_old_units"]) == (8, 4, 1)
    library = actions.import_resolution(
        tmp_path / "r.md", tmp_path / "ws2", register=tmp_path / "reg"
    )
    assert edges_of(library.plan) == edges_of(Workspace.at(tmp_path / "ws").load_plan())
    report = actions.check_workspace(tmp_path / "ws", write=False).report
    assert report.valid


def test_problems_of_the_import_are_reported_by_check(tmp_path):
    from transition.io.workspace import Workspace

    Workspace.at(tmp_path / "reg").save_plan(register(), None, {})
    (tmp_path / "r.md").write_text(TEXT.replace("xã Phú Mỹ", "xã Phú Mĩ Tây"), encoding="utf-8")
    actions.import_resolution(tmp_path / "r.md", tmp_path / "ws", register=tmp_path / "reg")
    report = actions.check_workspace(tmp_path / "ws", write=False).report
    assert {p.code for p in report.problems if p.severity == "error"} == {
        "resolution-unresolved",
        "old-unit-missing",
    }
    assert not report.valid


# ---- the real text of Quảng Ninh ------------------------------------------------------------------


@pytest.fixture(scope="module")
def quang_ninh():
    from conftest import SHARED, need

    return import_resolution(need(SHARED / "resolutions" / "1679_NQ-UBTVQH15.md"))


def test_quang_ninh_resolution(quang_ninh):
    plan = quang_ninh.plan
    assert quang_ninh.resolution.number == "1679/NQ-UBTVQH15"
    assert (len(plan.old_communes), len(plan.new_communes), len(plan.commune_edges)) == (
        171,
        54,
        184,
    )
    assert len(plan.divided_old_units) == 12
    assert plan.commune_edges["part"].value_counts().to_dict() == {
        "whole": 159,
        "part": 13,
        "remainder": 12,
    }  # Hải Lạng: two parts
    assert (
        quang_ninh.stated_totals
        == quang_ninh.parsed_totals
        == {"total": 54, "xã": 22, "phường": 30, "đặc khu": 2}
    )
    assert quang_ninh.unchanged == ("06967",)  # Xã Cái Chiên
    assert [p for p in quang_ninh.problems if p.severity != "info"] == []
    yen_than = plan.successors("06880").set_index("new_name")
    assert yen_than.loc["Xã Tiên Yên", "basis_clause"] == "Điều 1, khoản 4"
    assert (
        yen_than.loc["Xã Điền Xá", "part"] == "remainder"
        and yen_than.loc["Xã Điền Xá", "after_clause"] == "4"
    )


def test_quang_ninh_resolution_agrees_with_vietnamadminunits(quang_ninh):
    from transition.model.compare import compare_crosswalks
    from transition.sources.vn2025 import province_plan

    result = compare_crosswalks(quang_ninh.plan.crosswalk, province_plan(["22"]).crosswalk)
    assert (result["same"], result["only_in_a"], result["only_in_b"], result["different"]) == (
        185,
        [],
        [],
        [],
    )
