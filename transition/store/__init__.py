"""The shared store (issue 18): PostgreSQL (+ PostGIS when installed) behind the same workspace model.

``schema`` (versioned SQL, applied in order by :func:`schema.migrate`), ``connect`` (psycopg 3),
``events`` (readiness reports and handover marks as append-only events, exactly once by
``submission_id``, an audit row in the same transaction as every write), ``sync`` (push a workspace
into the store, pull it back), ``accounts`` (argon2 password hashes).
"""

from .connect import connect

__all__ = ["connect"]
