"""generate registers, assign and ledger from the command line, on Quảng Ninh and on tiny fixtures."""

import json
import shutil

import pandas as pd
import pytest
from test_cli import cli, run

from transition import actions
from transition.io.workspace import Workspace


@pytest.fixture(scope="module")
def qn_assigned(tmp_path_factory, qn_workspace):
    ws = tmp_path_factory.mktemp("assign") / "ws"
    shutil.copytree(qn_workspace, ws)
    result = run("generate", "registers", str(ws), "--seed", "7")
    assert result.exit_code == 0, result.output
    return ws


def test_generated_registers_are_realistic_and_labelled(qn_assigned):
    staff = pd.read_csv(qn_assigned / "inputs" / "staff.csv", dtype=str, keep_default_na=False)
    communes = staff[staff["body"] == ""].groupby("holder").size()
    assert len(communes) == 171 and communes.between(18, 28).all() and 20 <= communes.mean() <= 25
    districts = staff[staff["body"] != ""].groupby("holder").size()
    assert districts.between(60, 150).all()
    assert set(staff["source"]) == {"generated (seed 7)"}
    assert {"Chủ tịch UBND", "Địa chính – Xây dựng", "Tư pháp – Hộ tịch"} <= set(staff["position"])
    assert "generated" in (qn_assigned / "inputs" / "README.md").read_text(encoding="utf-8")
    dossiers = pd.read_csv(
        qn_assigned / "inputs" / "dossiers.csv", dtype=str, keep_default_na=False
    )
    assert dossiers["holder"].str.len().isin([3, 5]).all()  # codes keep their leading zeros
    again = Workspace.at(qn_assigned)
    from transition.registers.generate import generate_registers

    regs = generate_registers(again.load_plan(), again.load_geometry(), 7)
    assert regs["staff"]["id"].tolist() == staff["id"].tolist()  # the same seed, the same registers


def test_assign_and_ledger_json_equal_library(qn_assigned):
    result = run("assign", str(qn_assigned), "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == actions.read_ledger(qn_assigned).to_dict()
    assert printed["balanced"] is True
    assert set(printed["classes"]) == {"staff", "assets", "dossiers", "records"}
    for c in printed["classes"].values():
        assert c["before"] == c["assigned"] + c["review"]
    ledger = run("ledger", str(qn_assigned), "--json")
    assert ledger.exit_code == 0 and json.loads(ledger.stdout) == printed
    units = sorted((qn_assigned / "results" / "units").glob("*.xlsx"))
    assert len(units) == 54 and units[0].name == "06652_phuong-ha-tu.xlsx"
    import pyogrio

    layers = {name for name, _ in pyogrio.list_layers(qn_assigned / "results" / "transition.gpkg")}
    assert {
        "staff_assignments",
        "assets_assignments",
        "dossiers_assignments",
        "records_assignments",
        "review",
        "surplus",
        "quota",
        "ledger_by_holder",
    } <= layers


def test_personal_data_is_masked_unless_asked(qn_assigned):
    out = pd.read_csv(
        qn_assigned / "results" / "assign" / "staff.csv", dtype=str, keep_default_na=False
    )
    assert out["national_id"].str.match(r"^\d{3}\*{6}\d{3}$").all()
    assert out["birth_date"].str.match(r"^\d{4}$").all()
    from openpyxl import load_workbook

    wb = load_workbook(
        qn_assigned / "results" / "units" / "06652_phuong-ha-tu.xlsx", read_only=True
    )
    rows = list(wb["Cán bộ (staff)"].iter_rows(values_only=True))
    nid = rows[0].index("Số định danh cá nhân")  # headers in Vietnamese by default
    assert all("*" in str(r[nid]) for r in rows[1:])


def test_files_people_open_speak_their_language(qn_assigned, tmp_path):
    from openpyxl import load_workbook

    book = qn_assigned / "results" / "units" / "06652_phuong-ha-tu.xlsx"
    rows = list(load_workbook(book, read_only=True)["Cán bộ (staff)"].iter_rows(values_only=True))
    head = dict(zip(rows[0], rows[1], strict=True))
    assert head["Cấp nhận"] == "cấp xã" and head["Vượt biên chế"] in ("có", "không")
    assert head["Quy tắc"] == "sáp nhập toàn bộ"
    review = pd.read_csv(qn_assigned / "results" / "assign" / "review.csv", dtype=str)
    assert list(review.columns) == [
        "Nhóm",
        "Mã",
        "Đơn vị cũ",
        "Cơ quan",
        "Lý do",
        "Đơn vị có thể nhận",
    ]
    assert set(review["Nhóm"]) <= {"cán bộ", "tài sản", "hồ sơ", "lưu trữ, tài khoản"}
    ws = tmp_path / "ws"
    shutil.copytree(qn_assigned, ws)
    assert run("assign", str(ws), "--lang", "en", "--no-unit-files").exit_code == 0
    review = pd.read_csv(ws / "results" / "assign" / "review.csv", dtype=str)
    assert list(review.columns)[:2] == ["Class", "ID"]
    surplus = pd.read_csv(ws / "results" / "assign" / "surplus.csv", dtype=str)
    assert set(surplus["Beyond quota"]) <= {"yes", "no"}
    assert run("assign", str(ws), "--lang", "fr").exit_code == 2


def test_only_one_class(qn_assigned, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(qn_assigned, ws)
    result = run("assign", str(ws), "--only", "assets", "--no-unit-files", "--json")
    assert result.exit_code == 0
    assert list(json.loads(result.stdout)["classes"]) == ["assets"]
    bad = run("assign", str(ws), "--only", "people")
    assert (
        bad.exit_code == 2 and "--only takes one of staff, assets, dossiers, records" in bad.output
    )


def test_bad_register_names_file_row_and_column(qn_assigned, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(qn_assigned, ws)
    path = ws / "inputs" / "assets.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace(",06649,", ",99999,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = cli("assign", str(ws))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "inputs/assets.csv, row 4, column 'holder'" in bad.stderr
    assert "holder '99999' is neither an old commune nor an old district" in bad.stderr


def test_ledger_before_assign_says_what_to_do(tmp_path):
    from tiny import tiny_plan

    Workspace.at(tmp_path / "ws").save_plan(tiny_plan(), None, {})
    bad = cli("ledger", str(tmp_path / "ws"))
    assert bad.returncode == 2 and "run 'transition assign" in bad.stderr


def test_example_registers_read_and_validate_against_quang_ninh():
    from pathlib import Path

    from transition.registers import CLASSES, read_register, validate_register
    from transition.sources.vn2025 import province_plan

    plan = province_plan(["22"])
    folder = Path(__file__).resolve().parent.parent / "examples" / "registers"
    for kind in CLASSES:
        frame = read_register(folder / f"{kind}.csv", kind)
        assert len(frame) >= 2 and frame["holder"].str.len().isin([3, 5]).all()
        assert validate_register(frame, kind, plan, f"examples/registers/{kind}.csv") == []
    staff = read_register(folder / "staff.csv", "staff")
    assert staff.loc[0, "full_name"] == "Nguyễn Văn An" and staff.loc[0, "holder"] == "06652"


def test_check_reports_register_problems_too(qn_assigned, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(qn_assigned, ws)
    path = ws / "inputs" / "staff.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    head = lines[0].split(",")
    row = lines[5].split(",")
    row[head.index("birth_date")] = "31/02/1980"
    lines[5] = ",".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = actions.check_workspace(ws, write=False).report
    (p,) = report.by_code("register-date")
    assert (p.file, p.row, p.column) == ("inputs/staff.csv", 6, "birth_date")
    assert "'31/02/1980' is not a day of the calendar" in p.message and not report.valid
    assert "dd/mm/yyyy" in p.fix


def test_register_rows_are_file_lines_even_unsorted(tmp_path):
    from transition.registers import read_register, validate_register
    from transition.sources.vn2025 import province_plan

    (tmp_path / "records.csv").write_text(
        "id,kind,holder\nR9,seal,06652\nR1,seal,77777\n", encoding="utf-8"
    )
    frame = read_register(tmp_path / "records.csv", "records")
    (p,) = validate_register(frame, "records", province_plan(["22"]), "inputs/records.csv")
    assert (p.code, p.row, p.column) == ("register-holder", 3, "holder")
