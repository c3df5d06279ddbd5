"""Readiness on the Quảng Ninh workspace, as a user runs it: generated reports play their parts,
outputs are reproducible, a filled form is read back, the handover register is read by its contract
columns, and a bad date is a clean error."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from test_cli import cli

from transition import actions

OUTPUTS = ("readiness.json", "readiness.xlsx", "trend.png", "bao_cao.docx")


@pytest.fixture(scope="module")
def ws(tmp_path_factory, qn_workspace) -> Path:
    out = tmp_path_factory.mktemp("readiness") / "ws"
    shutil.copytree(qn_workspace, out)
    actions.generate_status(out, seed=7)
    return out


def test_generated_reports_play_their_parts(ws):
    roles = actions.generate_status(ws, seed=7).roles
    result = actions.readiness_workspace(ws, date="2025-06-30", write=False).to_dict()
    units = {u["code"]: u for u in result["units"]}
    silent = units[roles["silent"]["code"]]
    assert silent["status"] in ("not_reported", "red") and not silent["reported"]
    blocked = units[roles["blocked"]["code"]]
    assert blocked["status"] == "red"
    assert [b["item"] for b in blocked["blockers"]] == ["accounts_signatures"]
    assert "tài khoản" in blocked["blockers"][0]["note"]
    due = {i["id"]: i["due"] for i in result["rollup"]["items"]}
    for code, lag in roles["lagging"].items():  # late on its item the day after the due date
        day = (dt.date.fromisoformat(due[lag["item"]]) + dt.timedelta(days=1)).isoformat()
        then = actions.readiness_workspace(ws, date=day, write=False).to_dict()
        unit = next(u for u in then["units"] if u["code"] == code)
        assert lag["item"] in {o["item"] for o in unit["overdue"]}, code
        assert unit["status"] == "red" or lag["item"] == "data_network"  # not critical: amber
    n = len(units)
    assert result["rollup"]["completeness"]["count"] == n - 1
    assert result["go"] is False  # nothing of the handover is signed in this workspace
    assert any("biên bản" in r for r in result["reasons"])


def test_same_seed_same_files_and_same_outputs(ws, tmp_path):
    other = tmp_path / "ws"
    shutil.copytree(ws, other)
    actions.generate_status(other, seed=7)
    for name in ("inputs/readiness/bao_cao_2025-06-20.csv", "inputs/processing_log.csv"):
        assert (ws / name).read_bytes() == (other / name).read_bytes(), name
    actions.readiness_workspace(ws, date="2025-06-26")
    actions.readiness_workspace(other, date="2025-06-26")
    for name in OUTPUTS:
        a = (ws / "results/readiness" / name).read_bytes()
        assert a == (other / "results/readiness" / name).read_bytes(), name
    book = load_workbook(ws / "results/readiness/readiness.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["Tổng hợp", "Theo nội dung"]
    assert "26-06-2025" in book.sheetnames and "15-06-2025" in book.sheetnames
    data = json.loads((ws / "results/readiness/readiness.json").read_text(encoding="utf-8"))
    assert {"date", "go", "reasons", "units", "rollup"} <= set(data)
    assert {"code", "name", "status", "score", "blockers", "overdue"} <= set(data["units"][0])
    assert {"items", "completeness", "on_time", "by_status"} <= set(data["rollup"])


def test_a_filled_form_is_read_back_and_another_units_row_is_refused(ws, tmp_path):
    other = tmp_path / "ws"
    shutil.copytree(ws, other)
    for f in (other / "inputs/readiness").glob("*.csv"):
        f.unlink()
    forms = actions.generate_forms(other).written
    assert len(forms) == 54
    path = other / forms[0]
    code = path.name.split("_")[0]
    book = load_workbook(path)
    assert book.sheetnames == ["Hướng dẫn", "Báo cáo", "Danh mục", "Thông tin"]
    sheet = book["Báo cáo"]
    assert sheet.data_validations.dataValidation  # drop-down lists
    sheet["D2"] = "xong"  # 15/06, first item
    sheet["H2"] = "15/06/2025 10:00"
    sheet["B3"] = "06658" if code != "06658" else "06652"  # someone else's unit
    sheet["D3"] = "xong"
    target = other / "inputs/readiness" / path.name
    book.save(target)
    result = actions.readiness_workspace(other, date="2025-06-15", write=False)
    problems = result.assessment.problems
    assert [(p.code, p.row, p.file) for p in problems] == [
        ("readiness-other-unit", 3, f"inputs/readiness/{path.name}")
    ]
    unit = next(u for u in result.to_dict()["units"] if u["code"] == code)
    assert unit["reported"] and unit["on_time"]
    first = result.to_dict()["rollup"]["items"]
    done = {i["id"]: i["done"] for i in first}
    assert done["party_committee"] == 1


def test_handover_minutes_read_from_the_register_by_its_contract_columns(ws, tmp_path):
    other = tmp_path / "ws"
    shutil.copytree(ws, other)
    codes = sorted(
        pd.read_csv(other / "plan/new_units.csv", dtype=str).query("level == 'commune'")["code"]
    )
    register = pd.DataFrame(
        {
            "number": ["01/BB-BG", "02/BB-BG", "03/BB-BG"],
            "kind": ["commune", "commune", "records"],
            "old_codes": ["1;2", "3", "1"],
            "new_codes": [codes[0], codes[1], f"{codes[0]};{codes[1]}"],
            "path": ["a.docx", "b.docx", "c.docx"],
            "content_hash": ["x", "y", "z"],
            "signed_date": ["2025-06-28", "", "2025-06-29"],
            "signed_by": ["A", "", "C"],
            "note": ["", "", ""],
        }
    )
    (other / "documents").mkdir(exist_ok=True)
    register.to_excel(other / "documents/handover_register.xlsx", index=False)
    result = actions.readiness_workspace(other, date="2025-06-26", write=False).to_dict()
    by_unit = {u["code"]: u for u in result["units"]}
    item = next(i for i in result["rollup"]["items"] if i["id"] == "handover_minutes")
    assert item["done"] == 1 and item["partly"] == 1 and item["not_started"] == len(codes) - 2
    assert by_unit[codes[0]]["code"] == codes[0]


def test_a_day_outside_the_trial_is_a_clean_error(ws):
    proc = cli("readiness", str(ws), "--date", "2025-07-05")
    assert proc.returncode == 2
    assert "outside the trial run 15/06/2025–30/06/2025" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_monitor_writes_its_outputs(ws):
    result = actions.monitor_workspace(ws, ws / "inputs/processing_log.csv")
    data = result.to_dict()
    assert data["period"] == {"first": "2025-07-01", "last": "2025-08-31"}
    months = {m["period"]: m for m in data["province"]["months"]}
    july = months["2025-07"]
    assert july["online_rate"] == round(july["online"] / july["received"], 4)
    units_july = [m for u in data["units"] for m in u["months"] if m["period"] == "2025-07"]
    assert sum(m["received"] for m in units_july) == july["received"]
    for name in ("monitor.json", "monitor.xlsx", "trend.png", "bao_cao.docx"):
        assert (ws / "results/monitor" / name).stat().st_size > 0
