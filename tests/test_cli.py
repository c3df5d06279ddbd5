"""Every command: --json equals the library's result; errors print one clean line; help everywhere."""

import contextlib
import io
import json
import subprocess
import sys
import traceback

import pytest
from typer.testing import CliRunner

from transition import actions
from transition.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), env={"COLUMNS": "250", "TERMINAL_WIDTH": "250"})


def cli_process(*args):
    """The installed entry point in a new interpreter, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "transition", *args], capture_output=True, text=True
    )


def cli(*args):
    """The entry point ``main()`` (where clean errors are made) with ``args`` as the command line,
    in this process: exit code, stdout and stderr as :func:`cli_process` gives them, without the
    seconds a new interpreter spends importing pandas and geopandas."""
    from transition.cli import main
    from transition.cli.common import STATE

    stdout, stderr = io.StringIO(), io.StringIO()
    argv, sys.argv = sys.argv, ["transition", *args]
    code: int = 0
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except Exception:  # noqa: BLE001  what the interpreter prints for an uncaught error (--debug)
        stderr.write(traceback.format_exc())
        code = 1
    finally:
        sys.argv = argv
        STATE["debug"] = False
    return subprocess.CompletedProcess(list(args), code, stdout.getvalue(), stderr.getvalue())


def test_import_then_check_json_equals_library(qn_workspace):
    result = run("check", str(qn_workspace), "--json", "--no-write")
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    expected = json.loads(
        json.dumps(actions.check_workspace(qn_workspace, write=False).to_dict(), default=str)
    )
    assert printed == expected
    s = printed["summary"]
    assert (s["old_units"], s["new_units"], s["divided_old_units"]) == (171, 54, 12)
    assert s["new_units_by_type"] == {"Phường": 30, "Xã": 22, "Đặc khu": 2}
    assert s["edges"] == 184 and s["clusters"] == 8 and s["province_code"] == "22"
    assert printed["valid"] is True


def test_check_writes_results(qn_workspace):
    result = run("check", str(qn_workspace))
    assert result.exit_code == 0, result.output
    assert "171" in result.stdout and "30 Phường, 22 Xã, 2 Đặc khu" in result.stdout
    import geopandas as gpd
    import pyogrio

    gpkg = qn_workspace / "results" / "transition.gpkg"
    layers = [name for name, _ in pyogrio.list_layers(gpkg)]
    assert sorted(layers) == ["check_results", "crosswalk", "new_units", "old_units"]
    old = gpd.read_file(gpkg, layer="old_units")
    assert len(old) == 171 and set(old["geometry_quality"]) == {"approximate"}
    assert len(gpd.read_file(gpkg, layer="crosswalk")) == 184
    assert (
        (qn_workspace / "results" / "report.md")
        .read_text(encoding="utf-8")
        .startswith("# Kết quả kiểm tra phương án sắp xếp — Tỉnh Quảng Ninh")
    )


def test_lineage_json_equals_library(qn_workspace):
    result = run("lineage", str(qn_workspace), "Xã Vô Ngại", "--json")
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed == json.loads(
        json.dumps(actions.lineage(qn_workspace, "Xã Vô Ngại").to_dict(), default=str)
    )
    (unit,) = printed["units"]
    assert unit["era"] == "old" and unit["code"] == "06853"
    assert sorted(e["new_name"] for e in unit["edges"]) == ["Xã Bình Liêu", "Xã Tiên Yên"]
    assert all(e["basis_document"] == "1679/NQ-UBTVQH15" for e in unit["edges"])
    both = json.loads(run("lineage", str(qn_workspace), "06652", "--json").stdout)["units"]
    assert [(u["era"], u["name"]) for u in both] == [
        ("old", "Phường Hà Phong"),
        ("new", "Phường Hà Tu"),
    ]
    assert sorted(e["old_name"] for e in both[1]["edges"]) == ["Phường Hà Phong", "Phường Hà Tu"]


def test_lineage_table(qn_workspace):
    result = run("lineage", str(qn_workspace), "Phuong Ha Tu")
    assert result.exit_code == 0
    assert "Phường Hà Phong" in result.stdout and "1679/NQ-UBTVQH15" in result.stdout


def test_compare_json_equals_library(qn_workspace, tmp_path):
    from transition.io.tables import write_csv
    from transition.io.workspace import Workspace

    cw = Workspace.at(qn_workspace).load_plan().crosswalk.copy()
    cw.loc[cw["old_code"] == "06652", "part"] = "part"
    cw = cw[cw["old_code"] != "06664"]
    write_csv(tmp_path / "b.csv", cw)
    result = run("compare", str(qn_workspace), str(tmp_path / "b.csv"), "--json")
    assert result.exit_code == 1  # the plans differ
    printed = json.loads(result.stdout)
    assert printed == json.loads(
        json.dumps(actions.compare(qn_workspace, tmp_path / "b.csv").to_dict(), default=str)
    )
    assert printed["same"] == 183
    assert [(e["old_code"], e["new_code"]) for e in printed["only_in_a"]] == [("06664", "06652")]
    assert printed["only_in_a"][0]["old_name"] == "Phường Hà Tu"
    assert printed["only_in_b"] == []
    assert printed["different"][0]["fields"] == {"part": ["whole", "part"]}
    same = run("compare", str(qn_workspace), str(qn_workspace), "--json")
    assert same.exit_code == 0 and json.loads(same.stdout)["same"] == 185


def test_every_command_has_help_with_vietnamese_terms():
    for args, term in (
        (["--help"], "chính quyền địa phương hai cấp"),
        (["import", "--help"], "nhập"),
        (["import", "vn2025", "--help"], "tỉnh"),
        (["check", "--help"], "kiểm tra"),
        (["lineage", "--help"], "căn cứ"),
        (["compare", "--help"], "so sánh"),
    ):
        result = run(*args)
        assert result.exit_code == 0, args
        assert term in " ".join(result.stdout.split()), (args, term)


def test_errors_print_one_line_without_traceback(tmp_path):
    bad = cli("check", str(tmp_path / "nowhere"))
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "is not a workspace (no workspace.json)" in bad.stderr
    assert "transition import vn2025 --province NAME" in bad.stderr.replace("\n", " ")
    unknown = cli("import", "vn2025", "--province", "Atlantis", "--out", str(tmp_path / "ws"))
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    assert "no province of the 34 of 2025" in unknown.stderr
    assert not (tmp_path / "ws").exists()  # nothing half-written
    layer = cli(
        "import",
        "vn2025",
        "-p",
        "22",
        "--out",
        str(tmp_path / "ws"),
        "--new-units",
        str(tmp_path / "x.gpkg"),
    )
    assert layer.returncode == 2 and "x.gpkg: file not found" in layer.stderr


def test_debug_shows_the_traceback(tmp_path):
    bad = cli_process("--debug", "check", str(tmp_path / "nowhere"))
    assert bad.returncode != 0 and "Traceback" in bad.stderr


def test_check_exits_1_on_errors(tmp_path):
    from tiny import tiny_plan

    from transition.io.workspace import Workspace

    plan = tiny_plan()
    cw = plan.crosswalk[plan.crosswalk["old_code"] != "00001"]
    Workspace.at(tmp_path / "ws").save_plan(plan.replace(crosswalk=cw), None, {})
    result = run("check", str(tmp_path / "ws"), "--json", "--no-write")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [
        (p["code"], p["unit_code"], p["file"]) for p in problems if p["severity"] == "error"
    ] == [("old-unit-missing", "00001", "plan/crosswalk.csv")]


@pytest.mark.parametrize(
    "column,value,message", [("old_code", "77777", "row 3, column 'old_code'")]
)
def test_problem_names_file_row_and_column(tmp_path, column, value, message):  # noqa: ARG001
    from tiny import tiny_plan

    from transition.io.workspace import Workspace

    plan = tiny_plan()
    ws = Workspace.at(tmp_path / "ws")
    ws.save_plan(plan, None, {})
    text = (tmp_path / "ws" / "plan" / "crosswalk.csv").read_text(encoding="utf-8-sig").splitlines()
    text[2] = text[2].replace("00002", value, 1)  # line 3 of the file
    (tmp_path / "ws" / "plan" / "crosswalk.csv").write_text(
        "\n".join(text) + "\n", encoding="utf-8"
    )
    report = actions.check_workspace(tmp_path / "ws", write=False).report
    p = report.by_code("unknown-old-code")[0]
    assert (p.file, p.row, p.column) == ("plan/crosswalk.csv", 3, column)


def test_import_json_equals_library(tmp_path):
    from transition.checks import summarise
    from transition.io.workspace import Workspace

    result = run(
        "import", "vn2025", "--province", "Quang Ninh", "--out", str(tmp_path / "ws"), "--json"
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    plan = Workspace.at(tmp_path / "ws").load_plan()
    expected = summarise(plan) | {"workspace": str(tmp_path / "ws")}
    expected["geometry"] = {"new_units": "approximate", "old_units": "approximate"}
    assert printed == json.loads(json.dumps(expected))
    assert (printed["old_units"], printed["new_units"], printed["divided_old_units"]) == (
        171,
        54,
        12,
    )
    assert printed["new_units_by_type"] == {"Phường": 30, "Xã": 22, "Đặc khu": 2}


def test_import_needs_a_province_or_all(tmp_path):
    none = run("import", "vn2025", "--out", str(tmp_path / "ws"))
    assert none.exit_code == 2 and "--province 'Quảng Ninh'" in none.output
    both = run("import", "vn2025", "--out", str(tmp_path / "ws"), "--all", "-p", "22")
    assert both.exit_code == 2 and "not both" in both.output
