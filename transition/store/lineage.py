"""Reports read through the lineage: a unit merged or split AFTER the plan keeps every report it
ever sent (events are never moved or rewritten), and counts count each report once.

``unit_changes(from_code, to_code, share, effective)`` records a later merge (several units -> one)
or split (one -> several, ``share`` = the part of its people). A report's *owner* today is found
by following, from the unit that sent it, the successor with the largest share (ties: the
smallest code) until a unit with no successor: exactly one owner per report, so a roll-up over
today's units counts none twice. What a unit *sees* is its own reports and every predecessor's
(all of a split unit's history is visible to each of its parts).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

MAX_DEPTH = 64  # no chain of reorganisations is longer; a guard against a cycle entered by hand

_OWNER = """
WITH RECURSIVE step AS (
    SELECT DISTINCT ON (from_code) from_code, to_code FROM unit_changes
    ORDER BY from_code, share DESC, to_code
), walk AS (
    SELECT e.submission_id, e.unit_code AS unit, 0 AS depth FROM report_events e
    UNION ALL
    SELECT w.submission_id, s.to_code, w.depth + 1
    FROM walk w JOIN step s ON s.from_code = w.unit WHERE w.depth < %(depth)s
)
SELECT DISTINCT ON (submission_id) submission_id, unit AS owner
FROM walk ORDER BY submission_id, depth DESC
"""


def record_changes(conn, edges: list[tuple[str, str, float]], effective: dt.date) -> int:
    """Record later merges or splits as ``(from_code, to_code, share)`` edges (the caller commits);
    returns how many were new."""
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO unit_changes (from_code, to_code, share, effective)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [(a, b, float(s), effective) for a, b, s in edges],
        )
        return max(cur.rowcount, 0)


def owners(conn) -> pd.DataFrame:
    """``submission_id, owner``: every report event once, with the unit that holds it today."""
    cur = conn.execute(_OWNER, {"depth": MAX_DEPTH})
    return pd.DataFrame(cur.fetchall(), columns=["submission_id", "owner"])


def counts_by_owner(conn) -> dict[str, int]:
    """Report events per unit of today (each counted once, see the module doc)."""
    cur = conn.execute(
        f"SELECT owner, count(*) FROM ({_OWNER}) o GROUP BY owner ORDER BY owner",
        {"depth": MAX_DEPTH},
    )
    return {k: int(n) for k, n in cur.fetchall()}


def reports_of(conn, unit: str) -> list[str]:
    """Submission ids of every report ``unit`` sent or any of its predecessors sent (sorted)."""
    cur = conn.execute(
        """
WITH RECURSIVE back AS (
    SELECT %(unit)s::text AS code, 0 AS depth
    UNION
    SELECT c.from_code, b.depth + 1 FROM back b JOIN unit_changes c ON c.to_code = b.code
    WHERE b.depth < %(depth)s
)
SELECT submission_id FROM report_events WHERE unit_code IN (SELECT code FROM back)
ORDER BY submission_id
""",
        {"unit": unit, "depth": MAX_DEPTH},
    )
    return [r[0] for r in cur.fetchall()]
