"""Handover documents as plain dicts: plan + reassignment -> minutes (one per old holder -> new unit
pair; one joint minute per divided commune), receiving summaries (one per new unit), dissolution
summaries (one per old district), each with the template it renders through and its annexes.

Pure: nothing here reads or writes a file (see :mod:`transition.actions.handover`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..model import Plan
from ..text import split_type
from .context import heads_of, minute_context
from .minutes import CLASSES, attach, plan_minutes, slug
from .summaries import district_summary, receiving_summary

KINDS = ("minute", "joint_minute", "receiving_summary", "district_summary")


def place_date(name: str, year: str, date: str = "") -> str:
    """``"Hồng Hà, ngày ..... tháng ..... năm 2025"`` (Decree 30: day below 10 and months 1, 2 take
    a leading 0); with ``date`` (YYYY-MM-DD) the day is written."""
    place = split_type(name)[1] or name
    if date:
        y, mo, d = date[:4], int(date[5:7]), date[8:10]
        month = f"{mo:02d}" if mo < 3 else str(mo)
        return f"{place}, ngày {d} tháng {month} năm {y}"
    return f"{place}, ngày ..... tháng ..... năm {year}"


def build_documents(
    plan: Plan,
    items: dict[str, pd.DataFrame],
    profile: Any,
    *,
    cutover: str,
    lang: str = "vi",
    show_personal: bool = False,
) -> list[dict[str, Any]]:
    """Every document: ``{"kind", "number", "old_codes", "new_codes", "path", "template",
    "context", "annexes", "counts", "review"}``; ``path`` is relative to ``documents/``.

    ``items``: the reassignment's frames (class -> register rows with ``new_code``, ``new_name``,
    ``rule``, ``reason``, ``candidates``; dossiers with ``days_left`` and ``triage``). ``cutover``:
    YYYY-MM-DD. Personal data in the staff annexes is masked unless ``show_personal``.
    """
    labels = profile.labels(lang)
    year = cutover[:4]
    items = {k: items[k] for k in CLASSES if k in items}
    minutes = attach(
        plan_minutes(plan, items), items, labels, lang, show_personal=show_personal, cutover=cutover
    )
    docs = _minute_documents(minutes, plan, heads_of(items), labels, profile, cutover, year)
    docs += _receiving_summaries(minutes, plan, labels, lang, profile, year)
    docs += _district_summaries(minutes, plan, labels, lang, profile, year)
    return docs


def _minute_documents(
    minutes: list[dict[str, Any]],
    plan: Plan,
    heads: dict[str, str],
    labels: Any,
    profile: Any,
    cutover: str,
    year: str,
) -> list[dict[str, Any]]:
    """One ``bien_ban`` document per minute (DOCX under ``bien-ban/``, annexes XLSX under
    ``phu-luc/``), in the minutes' order."""
    docs: list[dict[str, Any]] = []
    for m in minutes:
        old = plan.old_names.get(m["holder"], m["holder"])
        ctx = minute_context(
            m,
            plan,
            heads,
            labels,
            profile,
            cutover=cutover,
            year=year,
            place_date=place_date(old, year, profile.signing_date),
        )
        docs.append(
            {
                "kind": m["kind"],
                "number": m["number"],
                "old_codes": m["old_codes"],
                "new_codes": m["new_codes"],
                "path": f"bien-ban/{m['stem']}.docx",
                "xlsx": f"phu-luc/{m['stem']}.xlsx",
                "template": "bien_ban",
                "context": ctx,
                "annexes": m["annexes"],
                "counts": m["counts"],
                "review": [r["id"] for r in m["review"]],
            }
        )
    return docs


def _receiving_summaries(
    minutes: list[dict[str, Any]], plan: Plan, labels: Any, lang: str, profile: Any, year: str
) -> list[dict[str, Any]]:
    """One receiving summary per new unit (every new commune of the plan and every receiver of a
    minute), sorted by new code; counts are the unit's shares of its minutes."""
    docs: list[dict[str, Any]] = []
    receivers = sorted(
        set(plan.new_communes["code"]) | {n for m in minutes for n in m["new_codes"]}
    )
    for new in receivers:
        mine = [m for m in minutes if new in m["new_codes"]]
        name = plan.new_names.get(new, new)
        ctx = receiving_summary(
            new, mine, plan, labels, lang, place_date(name, year, profile.signing_date)
        )
        counts = {k: sum(m["shares"].get(new, m["counts"])[k] for m in mine) for k in CLASSES}
        docs.append(
            _summary(
                "receiving_summary", f"tiep-nhan/{new}_{slug(name)}.docx", ctx, mine, [new], counts
            )
        )
    return docs


def _district_summaries(
    minutes: list[dict[str, Any]], plan: Plan, labels: Any, lang: str, profile: Any, year: str
) -> list[dict[str, Any]]:
    """One dissolution summary per old district (sorted by code) over the minutes it gives."""
    docs: list[dict[str, Any]] = []
    districts = plan.old_units.loc[plan.old_units["level"] == "district", "code"]
    for d in sorted(districts):
        mine = [m for m in minutes if m["holder"] == d]
        name = plan.old_names.get(d, d)
        ctx = district_summary(
            d, mine, plan, labels, lang, place_date(name, year, profile.signing_date)
        )
        counts = {k: sum(m["counts"][k] for m in mine) for k in CLASSES}
        news = sorted({n for m in mine for n in m["new_codes"]})
        docs.append(
            _summary(
                "district_summary",
                f"tong-hop-huyen/{d}_{slug(name)}.docx",
                ctx,
                mine,
                news,
                counts,
                d,
            )
        )
    return docs


def _summary(kind, path, ctx, minutes, new_codes, counts, old=None) -> dict[str, Any]:
    return {
        "kind": kind,
        "number": None,
        "old_codes": [old] if old else sorted({m["holder"] for m in minutes}),
        "new_codes": new_codes,
        "path": path,
        "xlsx": None,
        "template": "bao_cao",
        "context": ctx,
        "annexes": [],
        "counts": counts,
        "review": [],
    }
