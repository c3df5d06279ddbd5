"""Readiness reports and handover marks as append-only events, exactly once, audited.

Every write is set-based and in ONE transaction with its audit rows: the rows go to a temporary
staging table (COPY), a single statement inserts the new ones (``ON CONFLICT (submission_id) DO
NOTHING``) and writes one ``audit_log`` row per staged row with outcome ``accepted`` or
``duplicate``; refused rows (bad unit, item, date, status) get ``refused`` audit rows with the
file, row, column and reason. A resend, a replayed queue or the same workbook uploaded twice adds
no event, and the answer says how many were duplicates.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

from ..problems import ERROR, Problem

REPORT_FIELDS = [
    "submission_id",
    "unit_code",
    "item",
    "report_date",
    "status",
    "note",
    "evidence",
    "reporter",
    "submitted_at",
    "source",
    "source_row",
]
MARK_FIELDS = ["submission_id", "number", "signed_date", "signed_by", "content_hash"]


def row_id(file_sha256: str, sheet: str, row: int) -> str:
    """The submission id of a workbook or CSV row that carries none: from the file's content hash,
    the sheet and the row (the same file uploaded twice gives the same ids)."""
    return "row:" + hashlib.sha256(f"{file_sha256}\n{sheet}\n{row}".encode()).hexdigest()[:40]


def mark_id(number: str, signed_date: str, signed_by: str, content_hash: str) -> str:
    """The submission id of a handover mark read from the register (the same mark, the same id)."""
    text = f"{number}\n{signed_date}\n{signed_by}\n{content_hash}"
    return "mark:" + hashlib.sha256(text.encode()).hexdigest()[:40]


def _outcomes(rows) -> dict[str, int]:
    counts = {"accepted": 0, "duplicate": 0}
    counts.update({k: int(n) for k, n in rows})
    return counts


def _stage(conn, table: str, columns: str, fields: list[str], frame: pd.DataFrame) -> None:
    conn.execute(f"CREATE TEMP TABLE {table} ({columns}) ON COMMIT DROP")
    with conn.cursor().copy(f"COPY {table} (pos, {', '.join(fields)}) FROM STDIN") as copy:
        for pos, rec in enumerate(frame[fields].itertuples(index=False, name=None)):
            copy.write_row((pos, *[None if _missing(v) else v for v in rec]))


def _missing(v: Any) -> bool:
    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def store_reports(conn, rows: pd.DataFrame, account: str, action: str) -> dict[str, int]:
    """Append report events (columns :data:`REPORT_FIELDS`; ``report_date`` a date,
    ``submitted_at`` a naive local datetime or NaT) for ``account``. Returns
    ``{"accepted": n, "duplicate": m}``; the caller commits (the audit rows are in the same
    transaction). Raises psycopg errors on a broken constraint (nothing is then written)."""
    if rows.empty:
        return _outcomes([])
    _stage(
        conn,
        "stage_reports",
        "pos int, submission_id text, unit_code text, item text, report_date date, status text,"
        " note text, evidence text, reporter text, submitted_at timestamp, source text,"
        " source_row int",
        REPORT_FIELDS,
        rows,
    )
    cur = conn.execute(
        """
WITH first AS (
    SELECT DISTINCT ON (submission_id) * FROM stage_reports ORDER BY submission_id, pos
), ins AS (
    INSERT INTO report_events (submission_id, unit_code, item, report_date, status, note,
                               evidence, reporter, submitted_at, account, source, source_row)
    SELECT submission_id, unit_code, item, report_date, status, coalesce(note, ''),
           coalesce(evidence, ''), coalesce(reporter, ''), submitted_at, %(account)s,
           coalesce(source, ''), source_row
    FROM first ORDER BY pos
    ON CONFLICT (submission_id) DO NOTHING
    RETURNING submission_id
), aud AS (
    INSERT INTO audit_log (account, action, outcome, subject, detail)
    SELECT %(account)s, %(action)s,
           CASE WHEN ins.submission_id IS NOT NULL AND s.pos = f.pos
                THEN 'accepted' ELSE 'duplicate' END,
           s.submission_id,
           jsonb_build_object('unit', s.unit_code, 'item', s.item, 'date', s.report_date,
                              'source', s.source, 'row', s.source_row)
    FROM stage_reports s JOIN first f USING (submission_id)
    LEFT JOIN ins USING (submission_id)
    ORDER BY s.pos
    RETURNING outcome
)
SELECT outcome, count(*) FROM aud GROUP BY outcome
""",
        {"account": account, "action": action},
    )
    return _outcomes(cur.fetchall())


def refuse(conn, problems: list[Problem], account: str, action: str) -> int:
    """One ``refused`` audit row per error problem (file, row, column, code, message); returns
    how many. Warnings are not refusals and are not written."""
    from psycopg.types.json import Jsonb

    errors = [p for p in problems if p.severity == ERROR]
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO audit_log (account, action, outcome, subject, detail) "
            "VALUES (%s, %s, 'refused', %s, %s)",
            [
                (
                    account,
                    action,
                    f"{p.file}:{p.row}",
                    Jsonb(
                        {
                            "code": p.code,
                            "file": p.file,
                            "row": p.row,
                            "column": p.column,
                            "unit": p.unit_code,
                            "message": p.message,
                        }
                    ),
                )
                for p in errors
            ],
        )
    return len(errors)


def store_marks(conn, marks: pd.DataFrame, account: str, action: str) -> dict[str, int]:
    """Append handover marks (columns :data:`MARK_FIELDS`), exactly once, audited like reports."""
    if marks.empty:
        return _outcomes([])
    _stage(
        conn,
        "stage_marks",
        "pos int, submission_id text, number text, signed_date text, signed_by text,"
        " content_hash text",
        MARK_FIELDS,
        marks,
    )
    cur = conn.execute(
        """
WITH first AS (
    SELECT DISTINCT ON (submission_id) * FROM stage_marks ORDER BY submission_id, pos
), ins AS (
    INSERT INTO handover_marks (submission_id, number, signed_date, signed_by, content_hash,
                                account)
    SELECT submission_id, number, signed_date, signed_by, content_hash, %(account)s
    FROM first ORDER BY pos
    ON CONFLICT (submission_id) DO NOTHING
    RETURNING submission_id
), aud AS (
    INSERT INTO audit_log (account, action, outcome, subject, detail)
    SELECT %(account)s, %(action)s,
           CASE WHEN ins.submission_id IS NOT NULL AND s.pos = f.pos
                THEN 'accepted' ELSE 'duplicate' END,
           s.submission_id, jsonb_build_object('minute', s.number, 'signed_date', s.signed_date)
    FROM stage_marks s JOIN first f USING (submission_id)
    LEFT JOIN ins USING (submission_id)
    ORDER BY s.pos
    RETURNING outcome
)
SELECT outcome, count(*) FROM aud GROUP BY outcome
""",
        {"account": account, "action": action},
    )
    return _outcomes(cur.fetchall())


def report_events(conn) -> pd.DataFrame:
    """Every report event in the order the store took them (``id``), columns ``submission_id,
    unit_code, item, report_date, status, note, evidence, reporter, submitted_at, received_at``."""
    cur = conn.execute(
        "SELECT submission_id, unit_code, item, report_date, status, note, evidence, reporter,"
        " submitted_at, received_at FROM report_events ORDER BY id"
    )
    names = [d.name for d in cur.description]
    return pd.DataFrame(cur.fetchall(), columns=names)


def register_rows(conn) -> list[dict[str, str]]:
    """The handover register as the store holds it now: each minute in its order with its latest
    mark (a minute never marked keeps its own content hash, and empty signing columns)."""
    cur = conn.execute(
        """
SELECT m.number, m.kind, m.old_codes, m.new_codes, m.path,
       coalesce(k.content_hash, m.content_hash) AS content_hash,
       coalesce(k.signed_date, '') AS signed_date, coalesce(k.signed_by, '') AS signed_by, m.note
FROM minutes m
LEFT JOIN LATERAL (
    SELECT * FROM handover_marks h WHERE h.number = m.number ORDER BY h.id DESC LIMIT 1
) k ON true
ORDER BY m.position
"""
    )
    names = [d.name for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
