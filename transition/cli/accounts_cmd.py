"""`transition accounts`: who may sign in to the web intake (tài khoản).

The password is never an option (it would stay in the shell history and show in ``ps``): it is read
from ``TRANSITION_PASSWORD`` when set (for scripts), else asked twice without echo. No ``--json``
here on purpose: the registry test runs every ``--json`` command without a database.
"""

from __future__ import annotations

import os

import typer

from .. import actions
from .common import out
from .store_cmd import DatabaseOption

app = typer.Typer(
    help="Accounts of the web intake (tài khoản): unit, province, ministry, admin.",
    no_args_is_help=True,
)


def _show(accounts: list[dict]) -> None:
    from rich.table import Table

    table = Table("tên đăng nhập", "vai trò", "đơn vị", "tỉnh", "đã khóa", "tạo ngày")
    for a in accounts:
        unit = f"{a['unit_code']} {a['unit_name']}".strip()
        table.add_row(
            a["username"],
            a["role"],
            unit,
            a["province"],
            "có" if a["disabled"] else "không",
            a["created"],
        )
    out.print(table)


@app.command("create")
def create(
    username: str = typer.Argument(..., help="Sign-in name (tên đăng nhập)."),
    role: str = typer.Option(
        ..., "--role", help="unit (đơn vị cấp xã), province (tỉnh), ministry (bộ) or admin."
    ),
    unit: str = typer.Option(
        "", "--unit", help="A unit account's new unit code (mã đơn vị mới), e.g. 06658."
    ),
    province: str = typer.Option(
        "", "--province", help="Province code (mã tỉnh), e.g. 22; a unit's is taken from the store."
    ),
    database: str = DatabaseOption,
):
    """Create an account (tạo tài khoản). The password comes from TRANSITION_PASSWORD or is asked
    twice without echo; it is stored as an argon2id hash only."""
    password = os.environ.get("TRANSITION_PASSWORD") or typer.prompt(
        "Mật khẩu (password)", hide_input=True, confirmation_prompt=True
    )
    r = actions.accounts_create(username, password, role, unit, province, database)
    out.print(f"created (đã tạo) {username}")
    _show(r.accounts)


@app.command("disable")
def disable(
    username: str = typer.Argument(..., help="Sign-in name (tên đăng nhập)."),
    database: str = DatabaseOption,
):
    """Disable an account (khóa tài khoản): sign-in and its open sessions stop at once; the account
    and its reports are kept."""
    r = actions.accounts_disable(username, database)
    out.print(
        f"disabled (đã khóa) {username}"
        if r.changed
        else f"{username} was already disabled (đã khóa trước đó)"
    )


@app.command("list")
def list_(
    role: str = typer.Option("", "--role", help="Only this role (vai trò)."),
    province: str = typer.Option("", "--province", help="Only this province code (mã tỉnh)."),
    database: str = DatabaseOption,
):
    """List the accounts (danh sách tài khoản), never their passwords."""
    r = actions.accounts_list(role, province, database)
    _show(r.accounts)
    out.print(f"{len(r.accounts)} accounts (tài khoản)")
