"""The typer app. Commands only translate options, call one library function and print its result."""

from __future__ import annotations

import sys

import typer

from .. import __version__
from ..errors import TransitionError
from . import (
    accounts_cmd,
    assign_cmd,
    check_cmd,
    compare_cmd,
    dashboard_cmd,
    drafting_cmd,
    handover_cmd,
    import_cmd,
    lineage_cmd,
    readiness_cmd,
    reform_cmd,
    store_cmd,
)
from .common import STATE, err, out

app = typer.Typer(
    name="transition",
    help=(
        "Tools for the move to two-tier local government (chính quyền địa phương hai cấp): "
        "the merger plan (phương án sắp xếp), its checks, and the handover (bàn giao)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags show as flags (typer 0.29 shows <bool> beside them)
)


def _version(value: bool) -> None:
    if value:
        out.print(f"transition {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an error."),
    version: bool = typer.Option(  # noqa: ARG001  handled by the callback
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
):
    STATE["debug"] = debug


app.add_typer(import_cmd.app, name="import")
app.command("check")(check_cmd.check)
app.command("lineage")(lineage_cmd.lineage)
app.add_typer(store_cmd.app, name="db")
app.command("serve")(store_cmd.serve)
app.add_typer(accounts_cmd.app, name="accounts")
app.command("compare")(compare_cmd.compare)
app.add_typer(assign_cmd.generate_app, name="generate")
app.command("assign")(assign_cmd.assign)
app.command("ledger")(assign_cmd.ledger)
app.command("standards")(drafting_cmd.standards)
app.command("draft")(drafting_cmd.draft)
assign_cmd.generate_app.command("unit-facts")(drafting_cmd.unit_facts)
# readiness (issue 12)
app.command("readiness")(readiness_cmd.readiness)
app.command("monitor")(readiness_cmd.monitor)
assign_cmd.generate_app.command("status")(readiness_cmd.generate_status)
assign_cmd.generate_app.command("readiness-forms")(readiness_cmd.generate_forms)
app.command("dashboard")(dashboard_cmd.dashboard)
app.add_typer(handover_cmd.app, name="handover")
# administrative-reform index (issue 19)
app.command("par")(reform_cmd.par)
app.command("service-index")(reform_cmd.service_index)
assign_cmd.generate_app.command("par-scores")(reform_cmd.par_scores)
assign_cmd.generate_app.command("par-forms")(reform_cmd.par_forms)


def main() -> None:
    """Entry point: errors print one line (the traceback only with --debug)."""
    try:
        code = app(
            standalone_mode=False
        )  # without standalone mode, click returns a typer.Exit's code
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("Aborted.")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001  the one place that turns errors into a message
        if hasattr(exc, "show") and hasattr(
            exc, "exit_code"
        ):  # a usage error of click (vendored by typer)
            exc.show()
            sys.exit(exc.exit_code)
        if STATE["debug"] or "--debug" in sys.argv:
            raise
        if isinstance(exc, TransitionError):
            err.print(f"[bold red]Error:[/] {exc}", highlight=False)
            sys.exit(2)
        err.print(
            f"[bold red]Unexpected error:[/] {type(exc).__name__}: {exc}. "
            "Run again with --debug for the traceback, and report it.",
            highlight=False,
        )
        sys.exit(3)
