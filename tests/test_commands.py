"""Every registered command, in one table: ``--help`` works, the README names it, and ``--json``
prints exactly the action's ``to_dict()``.

A new command must add a row to ``JSON_CASES`` when it has ``--json``: the test of the registry fails
until it does, so no command can print something its library function does not return.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from test_cli import run

from transition import actions
from transition.cli import app

ROOT = Path(__file__).resolve().parent.parent


def leaf_commands() -> dict[str, Any]:
    """``{"import vn2025": command, "check": command, ...}`` for every command a user can run
    (click commands, as typer builds them)."""
    found: dict[str, Any] = {}

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        if hasattr(cmd, "commands"):  # a group
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))
        else:
            found[" ".join(path)] = cmd

    walk(typer.main.get_command(app), ())
    return found


def has_json(cmd: Any) -> bool:
    return any("--json" in p.opts for p in cmd.params)


@pytest.fixture(scope="module")
def ws(tmp_path_factory, dash_ws) -> Path:
    """Quảng Ninh with generated registers (seed 7) and an assignment, for commands that read
    results: a copy of the dashboard tests' workspace."""
    out = tmp_path_factory.mktemp("commands") / "ws"
    shutil.copytree(dash_ws, out)
    return out


@pytest.fixture(scope="module")
def tiny_ws(tmp_path_factory) -> Path:
    """The hand-drawn plan of tests/tiny.py (7 old communes, one divided, 3 new units) with
    generated registers: for the commands whose cost grows with the province (same code paths)."""
    from test_handover import divided_plan
    from tiny import tiny_geometry

    from transition.io.workspace import Workspace

    out = tmp_path_factory.mktemp("tiny") / "ws"
    plan = divided_plan()
    Workspace.at(out).save_plan(plan, tiny_geometry(plan), {"source": "test"})
    actions.generate_workspace_registers(out, seed=3)
    return out


# Run on the tiny workspace rather than Quảng Ninh.
ON_TINY = {"check", "handover make", "handover status", "handover mark"}

# command -> (CLI arguments after the command, the library call that must give the same dict)
JSON_CASES = {
    "check": (
        lambda ws, _: [str(ws), "--no-write"],
        lambda ws, _: actions.check_workspace(ws, write=False),
    ),
    "lineage": (
        lambda ws, _: [str(ws), "Xã Vô Ngại"],
        lambda ws, _: actions.lineage(ws, "Xã Vô Ngại"),
    ),
    "compare": (
        lambda ws, _: [str(ws), str(ws)],
        lambda ws, _: actions.compare(ws, ws),
    ),
    "assign": (
        lambda ws, _: [str(ws), "--no-unit-files"],
        lambda ws, _: actions.read_ledger(ws),
    ),
    "ledger": (
        lambda ws, _: [str(ws)],
        lambda ws, _: actions.read_ledger(ws),
    ),
    "dashboard": (
        lambda ws, _: [str(ws)],
        lambda ws, _: actions.build_workspace_dashboard(ws),
    ),
    "import vn2025": (
        lambda _, tmp: ["--province", "22", "--out", str(tmp / "a")],
        lambda _, tmp: actions.import_vn2025(tmp / "b", ["22"]),
    ),
    "generate registers": (
        lambda ws, _: [str(ws), "--seed", "7"],  # the seed ws was made with
        lambda ws, _: actions.generate_workspace_registers(ws, seed=7),
    ),
    "standards": (
        lambda ws, _: [str(ws), "--no-write", "--assume-class", "proxy"],
        lambda ws, _: actions.standards(ws, assume_class="proxy", write=False),
    ),
    "draft": (
        lambda ws, _: [str(ws), "--no-write", "--assume-class", "proxy", "--exclude-unknown"],
        lambda ws, _: actions.draft(ws, assume_class="proxy", exclude_unknown=True, write=False),
    ),
    "generate unit-facts": (
        lambda ws, _: [str(ws)],
        lambda ws, _: actions.generate_unit_facts(ws),
    ),
    "handover make": (
        lambda ws, _: [str(ws), "--no-write"],
        lambda ws, _: actions.handover.handover_workspace(ws, write=False),
    ),
    "handover status": (
        lambda ws, _: [str(ws)],
        lambda ws, _: actions.handover.handover_status_of(ws),
    ),
    "handover mark": (
        lambda ws, _: [str(_handed_over(ws)), "1", "--signed", "30/06/2025", "--by", "A"],
        lambda ws, _: actions.handover.mark_minute(ws, "1", "30/06/2025", "A"),
    ),
    "handover check-templates": (
        lambda _, __: [],
        lambda _, __: actions.handover.check_handover_templates(),
    ),
    "generate templates": (
        lambda ws, _: [str(ws)],
        lambda ws, _: actions.generate_templates(ws),
    ),
    "import resolution": (
        lambda _, tmp: [
            str(_tiny_resolution(tmp)),
            "--out",
            str(tmp / "a"),
            "--register",
            str(tmp / "reg"),
        ],
        lambda _, tmp: actions.import_resolution(tmp / "r.md", tmp / "b", register=tmp / "reg"),
    ),
    # readiness (issue 12): the daily reports and log are generated first, whatever the test order
    "generate status": (
        lambda ws, _: [str(ws), "--seed", "11"],
        lambda ws, _: actions.generate_status(ws, 11),
    ),
    "generate readiness-forms": (
        lambda ws, _: [str(ws)],
        lambda ws, _: actions.generate_forms(ws),
    ),
    "readiness": (
        lambda ws, _: (_with_status(ws), [str(ws), "--date", "2025-06-26"])[1],
        lambda ws, _: actions.readiness_workspace(ws, date="2025-06-26"),
    ),
    "monitor": (
        lambda ws, _: (
            _with_status(ws),
            [str(ws), "--log", str(ws / "inputs" / "processing_log.csv")],
        )[1],
        lambda ws, _: actions.monitor_workspace(ws, ws / "inputs" / "processing_log.csv"),
    ),
    # administrative-reform index (issue 19)
    "generate par-scores": (
        lambda ws, _: [str(ws), "--seed", "11"],
        lambda ws, _: actions.generate_par_scores(ws, seed=11),
    ),
    "generate par-forms": (
        lambda _, tmp: [str(_tiny_copy(tmp, "a"))],
        lambda _, tmp: actions.generate_par_forms(_tiny_copy(tmp, "b")),
    ),
    "par": (
        lambda ws, _: (_with_par_scores(ws), [str(ws), "--period", "2025"])[1],
        lambda ws, _: actions.par_workspace(ws, period="2025"),
    ),
    "service-index": (
        lambda ws, _: (
            _with_status(ws),
            [str(ws), "--log", str(ws / "inputs" / "processing_log.csv"), "--period", "2025-07"],
        )[1],
        lambda ws, _: actions.service_index_workspace(
            ws, ws / "inputs" / "processing_log.csv", "2025-07"
        ),
    ),
}


def _tiny_copy(tmp: Path, name: str) -> Path:
    """A fresh copy of the tiny plan's workspace (made once per test) under ``tmp``."""
    from tiny import tiny_plan

    from transition.io.workspace import Workspace

    out = tmp / name
    if not out.exists():
        Workspace.at(out).save_plan(tiny_plan(), None, {"source": "test"})
    return out


def _with_status(ws: Path) -> Path:
    """The workspace with generated daily reports and processing log (generated once per session)."""
    if not (ws / "inputs" / "processing_log.csv").exists():
        actions.generate_status(ws, 11)
    return ws


def _with_par_scores(ws: Path) -> Path:
    """The workspace with generated PAR scores (generated once per session)."""
    if not (ws / "inputs" / "par_scores.csv").exists():
        actions.generate_par_scores(ws, seed=11)
    return ws


def _handed_over(ws: Path) -> Path:
    """The workspace with a handover register (minutes written once per session)."""
    if not (ws / "documents" / "handover_register.xlsx").exists():
        actions.handover.handover_workspace(ws)
    return ws


def _tiny_resolution(tmp: Path) -> Path:
    """The hand-made resolution of test_resolution.py and its register, written under ``tmp``."""
    from test_resolution import TEXT, register

    from transition.io.workspace import Workspace

    Workspace.at(tmp / "reg").save_plan(register(), None, {})
    (tmp / "r.md").write_text(TEXT, encoding="utf-8")
    return tmp / "r.md"


# Keys that name where a command wrote, which differ between two runs into two folders.
RUN_SPECIFIC = {"workspace"}


def comparable(data: dict) -> dict:
    return {
        k: v for k, v in json.loads(json.dumps(data, default=str)).items() if k not in RUN_SPECIFIC
    }


COMMANDS = leaf_commands()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_works_and_the_readme_names_the_command(name):
    result = run(*name.split(), "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    assert f"transition {name}" in (ROOT / "README.md").read_text(encoding="utf-8"), name


@pytest.mark.parametrize("name", sorted(n for n, c in COMMANDS.items() if has_json(c)))
def test_json_equals_the_action_result(name, ws, tiny_ws, tmp_path):
    assert name in JSON_CASES, f"add a row for '{name}' to JSON_CASES"
    cli_args, library = JSON_CASES[name]
    ws = tiny_ws if name in ON_TINY else ws
    result = run(*name.split(), *cli_args(ws, tmp_path), "--json")
    assert result.exit_code in (0, 1), result.output
    printed = json.loads(result.stdout)
    assert comparable(printed) == comparable(library(ws, tmp_path).to_dict())


def test_the_registry_is_what_the_readme_documents():
    assert {"check", "lineage", "compare", "assign", "ledger", "import vn2025"} <= set(COMMANDS)
