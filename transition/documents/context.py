"""The context of each document's template (plain dicts, see :mod:`transition.render.docx`).

A minute (form 1.9 of Decree 30/2020/NĐ-CP, Annex III) names the legal basis (the resolution and
clause of the crosswalk), the two sides and a witness, the content groups of the 2025 guidance on
handover, the items still in review, the copies and the signature blocks, then its annexes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from ..model import Plan
from .words import date_vn, roman, two, vnd


def unit_phrase(name: str) -> str:
    """``"Phường Cao Xanh"`` -> ``"phường Cao Xanh"``, as it reads after "Ủy ban nhân dân"."""
    return name[:1].lower() + name[1:] if name else name


def _bases(plan: Plan, minute: dict[str, Any], labels: Any) -> list[str]:
    """The resolution (and clauses) of the crosswalk edges behind the minute, then Decree 30."""
    facts = _facts(plan)
    olds = facts["communes_of"].get(minute["holder"], set()) | {minute["holder"]}
    rows = [e for e in facts["edges"] if e[0] in olds and e[1] in minute["new_codes"]]
    rows = rows or [e for e in facts["edges"] if e[0] in olds]
    clauses: dict[str, set[str]] = {}
    for _, _, doc, clause in rows:
        if doc:
            clauses.setdefault(doc, set()).update({clause} if clause else set())
    out = [
        labels.basis_resolution.format(
            document=doc, province=unit_phrase(plan.province_name), clause="; ".join(sorted(c))
        ).replace(" ()", "")
        for doc, c in sorted(clauses.items())
    ]
    out.append(labels.basis_archives)
    return out


@lru_cache(maxsize=2)
def _facts(plan: Plan) -> dict[str, Any]:
    """Look-ups of the plan used for every minute, computed once per plan (the cache holds the plan,
    which is immutable)."""
    if True:
        units = plan.old_units
        edges = plan.commune_edges
        communes_of: dict[str, set[str]] = {}
        for code, district in zip(units["code"], units["district_code"], strict=True):
            if district and district != code:
                communes_of.setdefault(district, set()).add(code)
        return {
            "edges": list(
                zip(
                    edges["old_code"],
                    edges["new_code"],
                    edges["basis_document"],
                    edges["basis_clause"],
                    strict=True,
                )
            ),
            "communes_of": communes_of,
            "district_name": dict(zip(units["code"], units["district_name"], strict=True)),
            "districts": set(units.loc[units["level"] == "district", "code"]),
        }


def _parent(plan: Plan, holder: str, district: bool) -> str:
    """The governing body's unit: the province of a district, the district of a commune."""
    if district:
        return plan.province_name
    return _facts(plan)["district_name"].get(holder) or plan.province_name


def heads_of(items: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Old holder -> name of the chair of its People's Committee in the staff register."""
    staff = items.get("staff")
    if staff is None or staff.empty:
        return {}
    chairs = staff[staff["position"] == "Chủ tịch UBND"].sort_values("id")
    heads: dict[str, str] = {}
    for h, name in zip(chairs["holder"], chairs["full_name"], strict=True):
        heads.setdefault(h, str(name))
    return heads


def _review_table(review: list[dict[str, Any]], plan: Plan, labels: Any) -> dict | None:
    if not review:
        return None
    c, k = labels.columns, labels.kinds
    rows = []
    for i, r in enumerate(sorted(review, key=lambda r: (r["class"], r["id"])), start=1):
        holder = plan.old_names.get(r["holder"], r["holder"]) + (
            f" – {r['body']}" if r["body"] else ""
        )
        cands = ", ".join(f"{plan.new_names.get(x, x)} ({x})" for x in r["candidates"])
        rows.append(
            [str(i), getattr(k, r["class"], r["class"]), r["id"], holder, r["reason"], cands]
        )
    return {
        "columns": [c.no, getattr(c, "class"), c.id, c.holder, c.reason, c.candidates],
        "rows": rows,
        "widths": [0.6, 1.4, 2, 2.2, 3, 2.4],
        "align": ["center", "left", "left", "left", "left", "left"],
    }


def _groups(m: dict[str, Any], plan: Plan, labels: Any, cutover: str, district: bool) -> list[dict]:
    g, t = labels.groups, labels.texts
    numerals = {a["key"]: roman(i) for i, a in enumerate(m["annexes"], start=1)}
    annex = {a["key"]: a for a in m["annexes"]}
    old = plan.old_names.get(m["holder"], m["holder"])
    news = ", ".join(plan.new_names.get(n, n) for n in m["new_codes"])
    if district:
        bodies = m.get("bodies", [])
        functions = [
            t.functions_district.format(old=old, bodies=", ".join(bodies) or "…", new=news)
        ]
    else:
        facts = _facts(plan)
        docs = sorted({e[2] for e in facts["edges"] if e[0] == m["holder"] and e[2]})
        functions = [t.functions.format(part=unit_phrase(old), basis=", ".join(docs) or "…")]
    if m["shares"]:
        functions += [
            labels.share.format(new=f"{plan.new_names.get(n, n)} ({n})", **s)
            for n, s in m["shares"].items()
        ]

    def text(key: str, **extra: Any) -> list[str]:
        a = annex.get(key)
        if a is None:
            return [t.none]
        return [
            getattr(t, key).format(
                count=a["count"], annex=numerals[key], value=vnd(a["value"]), **extra
            )
        ]

    overdue = 0
    if "dossiers" in annex:
        overdue = sum(
            1 for r in annex["dossiers"]["rows"] if r[6].startswith(labels.overdue.split("{")[0])
        )
    return [
        {"heading": g.functions, "paragraphs": functions},
        {
            "heading": g.organisation,
            "paragraphs": [t.organisation.format(cutover=date_vn(cutover))],
        },
        {"heading": g.staff, "paragraphs": text("staff")},
        {"heading": g.finance, "paragraphs": text("finance")},
        {"heading": g.assets, "paragraphs": text("assets")},
        {"heading": g.archives, "paragraphs": text("archives")},
        {"heading": g.dossiers, "paragraphs": text("dossiers", overdue=overdue)},
        {"heading": g.decentralised, "paragraphs": [t.decentralised]},
        {"heading": g.seals, "paragraphs": text("seals")},
        {"heading": g.accounts, "paragraphs": text("accounts")},
    ]


def _sides(
    m: dict[str, Any], plan: Plan, labels: Any, profile: Any, old: str, giving_head: str
) -> list[dict[str, Any]]:
    """The minute's parties: the giving old unit, each receiving new unit, then the witness."""
    province = plan.province_name
    sides = [
        {
            "label": labels.giving.format(old=f"{unit_phrase(old)} ({m['holder']})"),
            "people": [labels.person.format(name=giving_head, position=labels.head_position)],
        }
    ]
    for n in m["new_codes"]:
        name = plan.new_names.get(n, n)
        sides.append(
            {
                "label": labels.receiving.format(new=f"{unit_phrase(name)} ({n})"),
                "people": [
                    labels.person.format(name=labels.blank_name, position=labels.head_position)
                ],
            }
        )
    sides.append(
        {
            "label": labels.witness_side.format(
                witness=profile.witness, province=unit_phrase(province)
            ),
            "people": [
                labels.person.format(name=labels.blank_name, position="...................")
            ],
        }
    )
    return sides


def _signature_rows(
    m: dict[str, Any], plan: Plan, labels: Any, old: str, giving_head: str, witness: str
) -> list[dict[str, Any]]:
    """Signature blocks two to a row (``left``/``right``): giver, receivers, witness, padded even."""
    signers = [{"label": labels.sign_giving, "position": unit_phrase(old), "name": giving_head}]
    signers += [
        {
            "label": labels.sign_receiving,
            "position": unit_phrase(plan.new_names.get(n, n)),
            "name": "",
        }
        for n in m["new_codes"]
    ]
    signers.append({"label": labels.sign_witness, "position": witness, "name": ""})
    for s in signers:
        s["hint"] = labels.sign_hint
    if len(signers) % 2:
        signers.append({"label": "", "position": "", "name": "", "hint": ""})
    return [{"left": signers[i], "right": signers[i + 1]} for i in range(0, len(signers), 2)]


def _annexes(m: dict[str, Any], labels: Any, number: str, year: str) -> list[dict[str, Any]]:
    """The minute's annexes numbered I, II, ...; each table numbered, with its notes."""
    return [
        {
            "label": labels.annex_label.format(numeral=roman(i)),
            "title": a["title"],
            "subtitle": labels.annex_subtitle.format(number=number, year=year),
            "table": {k: a[k] for k in ("columns", "rows", "widths", "align", "totals")}
            | {"numbered": True},
            "notes": a["notes"],
        }
        for i, a in enumerate(m["annexes"], start=1)
    ]


def minute_context(
    m: dict[str, Any],
    plan: Plan,
    heads: dict[str, str],
    labels: Any,
    profile: Any,
    *,
    cutover: str,
    year: str,
    place_date: str,
) -> dict[str, Any]:
    """The ``bien_ban`` template's context of minute ``m`` (see :func:`minutes.attach`)."""
    old = plan.old_names.get(m["holder"], m["holder"])
    district = m["holder"] in _facts(plan)["districts"]
    number = f"{two(m['number'])}/BB-{profile.symbol}"
    witness = f"{profile.witness} {unit_phrase(plan.province_name)}"
    giving_head = heads.get(m["holder"]) or labels.blank_name
    news = ", ".join(unit_phrase(plan.new_names.get(n, n)) for n in m["new_codes"])
    summary = (
        labels.summary_joint if m["kind"] == "joint_minute" else labels.summary_minute
    ).format(old=unit_phrase(old), new=news)
    return {
        "governing_body": f"ỦY BAN NHÂN DÂN {_parent(plan, m['holder'], district).upper()}",
        "issuing_body": f"ỦY BAN NHÂN DÂN {old.upper()}",
        "number": number,
        "place_date": place_date,
        "doc_type": labels.doc_type,
        "summary": summary,
        "bases": _bases(plan, m, labels),
        "intro": [labels.intro.format(year=year, place=f"Ủy ban nhân dân {unit_phrase(old)}")],
        "sides": _sides(m, plan, labels, profile, old, giving_head),
        "agreement": [labels.agreement],
        "groups": _groups(m, plan, labels, cutover, district),
        "review_heading": labels.review_heading,
        "review_table": _review_table(m["review"], plan, labels),
        "closing": [
            labels.copies.format(copies=two(profile.copies), witness=witness),
            labels.closing,
        ],
        "signature_rows": _signature_rows(m, plan, labels, old, giving_head, witness),
        "annexes": _annexes(m, labels, number, year),
    }
