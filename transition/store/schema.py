"""The store's schema as plain versioned SQL, applied in order by :func:`migrate`.

Why not alembic: the store is written with psycopg 3 and plain SQL (no SQLAlchemy model to diff),
and every migration here must be reviewable SQL a department's DBA can read and run by hand;
alembic would add its environment, its own version table and autogeneration we would not use.
:func:`migrate` keeps ``schema_version(version, name, applied_at)``, applies the missing versions in
one transaction under an advisory lock (two ``db init`` at once cannot both apply one), and
is idempotent.

Reports and handover marks are append-only events: nothing is updated in place; the current state
is a query. ``submission_id`` is unique (exactly once: a resend adds nothing). Each event has
``submitted_at`` (when it was filled in, from the device or the form; local wall time, may be
unknown) and ``received_at`` (when the store took it, server clock).

Geometry: with PostGIS (Debian ``postgresql-15-postgis-3``) units get a ``geom geometry`` column
(EPSG:4326) beside ``geom_wkb``; without it only ``geom_wkb`` (the exact WKB bytes) is kept and
``schema_version`` says so; re-running ``db init`` after installing PostGIS adds the column.
"""

from __future__ import annotations

LOCK_KEY = 180018  # pg_advisory_xact_lock key of the migrator (issue 18)

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "core tables",
        """
CREATE TABLE workspace_files (
    path        text PRIMARY KEY,
    sha256      text NOT NULL,
    content     bytea NOT NULL,
    pushed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE units (
    era         text NOT NULL CHECK (era IN ('old', 'new')),
    code        text NOT NULL,
    name        text NOT NULL,
    level       text NOT NULL DEFAULT '',
    parent_code text NOT NULL DEFAULT '',
    province    text NOT NULL DEFAULT '',
    geom_wkb    bytea,
    version     integer NOT NULL DEFAULT 1,
    PRIMARY KEY (era, code)
);
CREATE TABLE crosswalk (
    old_code    text NOT NULL,
    new_code    text NOT NULL,
    part        text NOT NULL DEFAULT '',
    basis       text NOT NULL DEFAULT '',
    version     integer NOT NULL DEFAULT 1,
    PRIMARY KEY (old_code, new_code)
);
CREATE TABLE report_files (
    path        text PRIMARY KEY,
    sha256      text NOT NULL
);
CREATE TABLE report_events (
    id            bigserial PRIMARY KEY,
    submission_id text NOT NULL UNIQUE,
    unit_code     text NOT NULL,
    item          text NOT NULL,
    report_date   date NOT NULL,
    status        text NOT NULL CHECK (status IN ('done', 'partly', 'not_started', 'blocked')),
    note          text NOT NULL DEFAULT '',
    evidence      text NOT NULL DEFAULT '',
    reporter      text NOT NULL DEFAULT '',
    submitted_at  timestamp,
    received_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    account       text NOT NULL,
    source        text NOT NULL DEFAULT '',
    source_row    integer
);
CREATE INDEX report_events_day ON report_events (report_date, unit_code, item, id);
CREATE TABLE minutes (
    number       text PRIMARY KEY,
    position     integer NOT NULL,
    kind         text NOT NULL,
    old_codes    text NOT NULL,
    new_codes    text NOT NULL,
    path         text NOT NULL,
    content_hash text NOT NULL,
    note         text NOT NULL DEFAULT ''
);
CREATE TABLE handover_marks (
    id            bigserial PRIMARY KEY,
    submission_id text NOT NULL UNIQUE,
    number        text NOT NULL,
    signed_date   text NOT NULL,
    signed_by     text NOT NULL,
    content_hash  text NOT NULL,
    submitted_at  timestamp,
    received_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    account       text NOT NULL
);
CREATE INDEX handover_marks_number ON handover_marks (number, id);
CREATE TABLE accounts (
    username      text PRIMARY KEY,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('unit', 'province', 'ministry', 'admin')),
    unit_code     text NOT NULL DEFAULT '',
    province      text NOT NULL DEFAULT '',
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'unit' OR unit_code <> '')
);
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    txid        bigint NOT NULL DEFAULT txid_current(),
    account     text NOT NULL,
    action      text NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('accepted', 'refused', 'duplicate')),
    subject     text NOT NULL DEFAULT '',
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject ON audit_log (subject);
""",
    ),
    (
        3,
        "unit changes after the plan",
        """
CREATE TABLE unit_changes (
    from_code   text NOT NULL,
    to_code     text NOT NULL,
    share       double precision NOT NULL DEFAULT 1 CHECK (share > 0 AND share <= 1),
    effective   date NOT NULL,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (from_code, to_code),
    CHECK (from_code <> to_code)
);
""",
    ),
]

POSTGIS_VERSION = 2
POSTGIS_SQL = """
CREATE EXTENSION IF NOT EXISTS postgis;
ALTER TABLE units ADD COLUMN IF NOT EXISTS geom geometry(Geometry, 4326);
CREATE INDEX IF NOT EXISTS units_geom ON units USING gist (geom);
"""


def postgis_available(conn) -> bool:
    """Whether the server has the PostGIS extension installed (not necessarily created)."""
    row = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
    return row is not None


def has_postgis(conn) -> bool:
    """Whether ``units.geom`` exists (PostGIS migration applied)."""
    row = conn.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'units' AND column_name = 'geom'"
    ).fetchone()
    return row is not None


def applied(conn) -> dict[int, str]:
    """Versions already applied -> name (empty for a fresh database)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())"
    )
    return dict(conn.execute("SELECT version, name FROM schema_version").fetchall())


def migrate(conn) -> list[str]:
    """Apply every missing migration in order, in one transaction; returns the names
    applied now (empty when up to date). PostGIS (version 2) is applied when the server has it and
    recorded as skipped otherwise (re-tried at the next ``db init``)."""
    done: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        have = applied(conn)
        for version, name, sql in sorted(MIGRATIONS):
            if version in have:
                continue
            with conn.transaction():
                conn.execute(sql)
                conn.execute(
                    "INSERT INTO schema_version (version, name) VALUES (%s, %s)", (version, name)
                )
            done.append(f"{version:04d} {name}")
        if have.get(POSTGIS_VERSION) != "postgis":
            if postgis_available(conn):
                conn.execute(POSTGIS_SQL)
                conn.execute(
                    "INSERT INTO schema_version (version, name) VALUES (%s, 'postgis') "
                    "ON CONFLICT (version) DO UPDATE SET name = 'postgis', applied_at = now()",
                    (POSTGIS_VERSION,),
                )
                done.append(f"{POSTGIS_VERSION:04d} postgis")
            elif POSTGIS_VERSION not in have:
                conn.execute(
                    "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                    (POSTGIS_VERSION, "skipped: PostGIS not installed, geometry kept as WKB only"),
                )
                done.append(f"{POSTGIS_VERSION:04d} skipped (no PostGIS)")
    return done


def current_version(conn) -> int:
    """The highest version applied (0 for an empty database)."""
    have = applied(conn)
    return max(have) if have else 0
