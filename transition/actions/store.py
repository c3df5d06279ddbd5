"""`transition db init|push|pull`: the shared PostgreSQL store (issue 18)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store import connect
from ..store.connect import database_url, safe_url
from ..store.schema import current_version, has_postgis, migrate
from ..store.sync import PullResult, PushResult, pull, push


@dataclass(frozen=True)
class InitResult:
    """Migrations applied now (``0001 core tables``, ...), the schema version, PostGIS or not."""

    database: str
    applied: list[str]
    version: int
    postgis: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "applied": self.applied,
            "version": self.version,
            "postgis": self.postgis,
        }


def db_init(database: str | None = None) -> InitResult:
    """Create or upgrade the store's schema at ``database`` (or ``$DATABASE_URL``); idempotent.
    Raises :class:`~transition.store.connect.StoreError` when it cannot connect."""
    url = database_url(database)
    with connect(url) as conn:
        done = migrate(conn)
        return InitResult(safe_url(url), done, current_version(conn), has_postgis(conn))


def _ready(conn, url: str) -> None:
    from ..store.connect import StoreError

    if current_version(conn) == 0:
        conn.rollback()
        raise StoreError(f"{safe_url(url)} has no store yet: run 'transition db init' first")


def db_push(
    workspace: str | Path, database: str | None = None, account: str = "push"
) -> PushResult:
    """Load ``workspace`` into the store (one transaction; see :mod:`transition.store.sync`)."""
    from ..errors import WorkspaceError

    if not Path(workspace).is_dir():
        raise WorkspaceError(f"{workspace} is not a folder; give the workspace to push")
    url = database_url(database)
    with connect(url) as conn:
        _ready(conn, url)
        conn.commit()
        return push(conn, workspace, account)


def db_pull(workspace: str | Path, database: str | None = None) -> PullResult:
    """Write the store back into ``workspace`` (created when absent)."""
    url = database_url(database)
    with connect(url) as conn:
        _ready(conn, url)
        conn.commit()
        return pull(conn, workspace)


@dataclass(frozen=True)
class AccountsResult:
    """Accounts as :func:`~transition.store.accounts.list_accounts` gives them (no password
    hashes); ``changed``: whether the command changed anything."""

    accounts: list[dict]
    changed: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"accounts": self.accounts, "changed": self.changed}


def accounts_create(
    username: str,
    password: str,
    role: str,
    unit: str = "",
    province: str = "",
    database: str | None = None,
) -> AccountsResult:
    """Create an account (argon2id hash; audited). A unit account's province is the store's for its
    unit when not given. Raises :class:`~transition.store.accounts.AccountError` for an unknown
    role, a unit not in the stored plan, an empty password or a name already taken."""
    from ..store.accounts import AccountError, create_account, list_accounts, unit_province

    if not password:
        raise AccountError(f"account {username}: the password is empty")
    url = database_url(database)
    with connect(url) as conn:
        _ready(conn, url)
        if role == "unit" and unit:
            found = unit_province(conn, unit)
            if found is None:
                raise AccountError(
                    f"unit {unit} is not a new unit of the stored plan; "
                    "check the code (mã đơn vị) or push the workspace first"
                )
            province = province or found
        create_account(conn, username, password, role, unit, province, by="cli")
        conn.commit()
        return AccountsResult([a for a in list_accounts(conn) if a["username"] == username])


def accounts_disable(username: str, database: str | None = None) -> AccountsResult:
    """Disable an account (kept, with its reports; its sessions stop working at once)."""
    from ..store.accounts import disable_account, list_accounts

    url = database_url(database)
    with connect(url) as conn:
        _ready(conn, url)
        changed = disable_account(conn, username, by="cli")
        conn.commit()
        return AccountsResult(
            [a for a in list_accounts(conn) if a["username"] == username], changed
        )


def accounts_list(
    role: str = "", province: str = "", database: str | None = None
) -> AccountsResult:
    """The store's accounts (optionally of one role / province), sorted by name."""
    from ..store.accounts import list_accounts

    url = database_url(database)
    with connect(url) as conn:
        _ready(conn, url)
        return AccountsResult(list_accounts(conn, role, province), changed=False)
