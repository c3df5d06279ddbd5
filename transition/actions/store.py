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
