"""The readiness roll-up on the store (``GET /api/rollup``): the computation of
``transition readiness``, fed from the store's events, limited to an account's scope.

The store is pulled (:func:`~transition.store.sync.pull`, only changed files are rewritten) into a
working folder kept by the server; the reports come back as ``store_reports.csv`` and are read by
the same parser, so "later", "superseded" and "on time" are judged exactly as in the workspace.
The scope (the units an account may see) limits the units assessed, their events, their derived
items and their problems BEFORE the assessment: a unit account's roll-up is its own unit's, never
a province figure built from other units' reports.

Derived items (plan checked, staff posts, minutes signed, ...) read ``results/`` of the working
folder, which the store does not hold (results are regenerated, not stored): without them they
are open, as in a freshly pulled workspace before ``transition assign``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import TransitionError
from . import sync


class ScopeError(TransitionError):
    """The account may not see what was asked (another unit or province)."""


class EmptyScope(TransitionError):
    """No unit of the stored plan lies in the scope asked for (e.g. a province not in the store)."""


@dataclass(frozen=True)
class Scope:
    """What an account may read: one unit (``unit`` role), one province (``province`` role: the
    ``province_code`` of the plan's units), or everything (``ministry``, ``admin``)."""

    role: str
    unit_code: str = ""
    province: str = ""

    def units(self, communes) -> list[str]:
        """The codes of ``communes`` (the plan's new communes: ``code, province_code``) in scope."""
        codes = communes["code"].astype(str)
        if self.role == "unit":
            return [c for c in codes if c == self.unit_code]
        if self.role == "province":
            prov = communes["province_code"].astype(str)
            return [c for c, p in zip(codes, prov, strict=True) if p == self.province]
        return list(codes)


def scope_for(account: dict, province: str | None) -> Scope:
    """The scope of ``account`` (``role, unit_code, province``) narrowed to ``province`` when
    asked. Raises :class:`ScopeError` when a unit or province account asks for another province."""
    role = account["role"]
    if role in ("unit", "province") and province and province != account["province"]:
        raise ScopeError(f"province {province} is outside this account's scope")
    if role == "unit":
        return Scope("unit", unit_code=account["unit_code"])
    if role == "province":
        return Scope("province", province=account["province"])
    return Scope("province", province=province) if province else Scope(role)


def store_version(conn) -> tuple:
    """What the roll-up depends on, cheaply: the count and last id of report events and handover
    marks (the count too: a transaction holding a lower id may commit after a higher one), the
    stored files' hashes, the minutes and the unit changes. Any write changes it."""
    return conn.execute(
        "SELECT (SELECT (count(*), coalesce(max(id), 0))::text FROM report_events),"
        " (SELECT (count(*), coalesce(max(id), 0))::text FROM handover_marks),"
        " (SELECT md5(coalesce(string_agg(path || sha256, ',' ORDER BY path), ''))"
        "  FROM workspace_files),"
        " (SELECT md5(coalesce(string_agg(sha256, ',' ORDER BY path), '')) FROM report_files),"
        " (SELECT count(*) FROM unit_changes), (SELECT md5(coalesce(string_agg("
        "  number || content_hash, ',' ORDER BY number), '')) FROM minutes)"
    ).fetchone()


def rollup(conn, folder: str | Path, scope: Scope, date: dt.date | None = None, lang="vi") -> dict:
    """The ``transition readiness --json`` dict for the units of ``scope`` on ``date`` (default: the
    last day reported). ``folder``: the server's working copy of the store (created when absent).
    Raises :class:`EmptyScope` when no unit of the plan is in scope,
    :class:`~transition.readiness.ReadinessDateError` for a day outside the trial."""
    from ..io.readiness import read_report_files, read_sources
    from ..io.workspace import Workspace
    from ..profiles import load_profile
    from ..profiles.readiness import Readiness
    from ..profiles.rules import Timeline
    from ..readiness import assess, derive_items
    from ..readiness.assess import default_date
    from ..readiness.reports import parse_reports

    sync.pull(conn, folder)
    ws = Workspace.at(folder)
    plan = ws.load_plan()
    profile = load_profile(Readiness, "readiness.toml", ws.root)
    timeline = load_profile(Timeline, "timeline.toml", ws.root)
    communes = plan.new_communes
    names = dict(zip(communes["code"], communes["name"], strict=True))
    trial = (timeline.trial_start, timeline.trial_end)
    events, problems = parse_reports(read_report_files(ws), profile, names, trial)
    day = date or default_date(events, *trial)
    keep = set(scope.units(communes))
    if not keep:
        raise EmptyScope("no unit of the stored plan is in this scope")
    derived_ids = [i.id for i in profile.items if i.kind == "derived"]
    derived = derive_items(read_sources(ws, as_of=day), derived_ids)
    result = assess(
        events[events["unit_code"].isin(keep)],
        derived[derived["unit_code"].isin(keep)] if len(derived) else derived,
        {c: n for c, n in names.items() if c in keep},
        profile,
        trial=trial,
        cutover=timeline.cutover,
        date=day,
        lang=lang,
        problems=[
            p
            for p in problems  # rows of no known unit: the province's, never a unit's
            if p.unit_code in keep or (scope.role != "unit" and p.unit_code not in names)
        ],
    )
    return result.to_dict()
