"""Realistic, clearly labelled generated registers for any province (or the country).

Every row carries ``source = "generated (seed N)"``; the same plan, geometry and seed always give the
same registers. Sizes follow the 2025 reality: 20 to 25 staff per old commune across the commune
positions, 60 to 150 staff in the bodies of each district, headquarters and other assets inside their
holder's territory, and pending dossiers of real procedure fields with applicants spread over the
holder's territory (so the parts of divided communes get theirs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..geo import PlanGeometry
from ..model import Plan
from ..profiles import load_profile
from ..profiles.rules import GeneratedVocabulary
from .locations import applicant_points, people_parts, sample_points
from .schema import COLUMNS, normalise_register

AS_OF = dt.date(2025, 6, 30)  # the registers describe the day before the new units began


def _names(rng, vocab, sex: np.ndarray) -> np.ndarray:
    male = sex == "Nam"
    fam = rng.choice(vocab.family_names, len(sex))
    mid = np.where(
        male,
        rng.choice(vocab.middle_names_male, len(sex)),
        rng.choice(vocab.middle_names_female, len(sex)),
    )
    giv = np.where(
        male,
        rng.choice(vocab.given_names_male, len(sex)),
        rng.choice(vocab.given_names_female, len(sex)),
    )
    return np.char.add(
        np.char.add(np.char.add(np.char.add(fam.astype(str), " "), mid.astype(str)), " "),
        giv.astype(str),
    )


def _people(
    rng,
    vocab,
    holders: np.ndarray,
    bodies: np.ndarray,
    positions: np.ndarray,
    categories: np.ndarray,
    province_of: Mapping,
    prefix: str,
) -> pd.DataFrame:
    n = len(holders)
    sex = np.where(rng.random(n) < 0.55, "Nam", "Nữ")
    # in service: from 23 to just under the retirement age of 2025 (61 years 3 months / 56 years 8 months)
    age_days = rng.integers(23 * 365, np.where(sex == "Nam", 61 * 365, 56 * 365 + 200), n)
    birth = np.array([(AS_OF - dt.timedelta(days=int(d))) for d in age_days])
    start_offset = rng.integers(0, np.maximum(1, age_days - 22 * 365))
    service = np.array(
        [
            min(AS_OF, b + dt.timedelta(days=22 * 365 + int(o))).isoformat()
            for b, o in zip(birth, start_offset, strict=True)
        ],
        dtype=object,
    )
    years = np.array([b.year for b in birth])
    century = np.where(years >= 2000, 2, 0) + (sex == "Nữ")
    prov = np.array([province_of.get(h, "00") for h in holders])
    nid = [
        f"0{p}{c}{y % 100:02d}{r:06d}"
        for p, c, y, r in zip(prov, century, years, rng.integers(0, 1_000_000, n), strict=True)
    ]
    grade = np.where(
        categories == "cán bộ",
        "Cán bộ cấp xã",
        np.where(
            categories == "công chức",
            rng.choice(["Chuyên viên", "Cán sự", "Chuyên viên chính"], n),
            np.where(categories == "viên chức", "Viên chức hạng III", ""),
        ),
    )
    quals = rng.choice(["Đại học", "Đại học", "Thạc sĩ", "Cao đẳng", "Trung cấp"], n)
    return pd.DataFrame(
        {
            "holder": holders,
            "body": bodies,
            "full_name": _names(rng, vocab, sex),
            "national_id": nid,
            "birth_date": [b.isoformat() for b in birth],
            "sex": sex,
            "category": categories,
            "position": positions,
            "grade": grade,
            "service_start": service,
            "qualifications": quals,
            "_prefix": prefix,
        }
    )


def _addresses(communes: pd.DataFrame, owners: np.ndarray) -> np.ndarray:
    text = (communes["name"] + ", " + communes["district_name"]).to_numpy(dtype=object)
    return text[owners]


def _ids(frame: pd.DataFrame, prefix: str) -> pd.Series:
    seq = frame.groupby(["holder"]).cumcount() + 1
    return prefix + "-" + frame["holder"] + "-" + seq.map(lambda k: f"{k:05d}")


@dataclass(frozen=True)
class _Setting:
    """What every register's generator draws from: the random stream, the vocabulary, the old units
    and their polygons. The registers are drawn in a fixed order from one stream (staff, assets,
    dossiers, records), so the same seed always gives the same rows."""

    rng: np.random.Generator
    vocab: GeneratedVocabulary
    communes: pd.DataFrame  # old communes sorted by code
    district_codes: list[str]  # old districts that had communes, sorted
    members: dict[str, np.ndarray]  # district code -> positions of its communes in ``communes``
    polygons: list  # polygon of each commune (None where missing)
    province_of: Mapping[str, str]
    # a divided commune's position -> its parts as (people's share, polygon of the part)
    parts: dict[int, list[tuple[float, object]]] = field(default_factory=dict)


def generate_registers(
    plan: Plan, geometry: PlanGeometry, seed: int = 2025
) -> dict[str, pd.DataFrame]:
    """Staff, assets, pending dossiers and records for every old commune and district body of ``plan``.

    Locations are drawn inside the old units' polygons of ``geometry`` (given or approximate). Returns
    the four registers, normalised (see :mod:`schema`), each row labelled ``generated (seed N)``.

    >>> from transition.sources.vn2025 import province_plan
    >>> from transition.geo import build_geometry
    >>> geometry, plan = build_geometry(province_plan(["Cao Bằng"]))
    >>> regs = generate_registers(plan, geometry, seed=7)
    >>> sorted(regs), regs["staff"]["source"].iloc[0]
    (['assets', 'dossiers', 'records', 'staff'], 'generated (seed 7)')
    """
    communes = plan.old_communes.sort_values("code").reset_index(drop=True)
    districts = plan.old_units[plan.old_units["level"] == "district"].sort_values("code")
    members = communes.groupby("district_code").indices  # district -> commune positions
    old_geo = dict(zip(geometry.old["code"], geometry.old.geometry, strict=True))
    setting = _Setting(
        rng=np.random.default_rng(seed),
        vocab=load_profile(GeneratedVocabulary, "generated_registers.toml"),
        communes=communes,
        district_codes=[d for d in districts["code"] if d in members],
        members=members,
        polygons=[old_geo.get(c) for c in communes["code"]],
        province_of=plan.old_provinces,
        parts=people_parts(plan, geometry, communes),
    )
    frames = {
        "staff": _staff(setting),
        "assets": _assets(setting),
        "dossiers": _dossiers(setting),
        "records": _records(setting),
    }
    out = {}
    for kind, frame in frames.items():
        frame = normalise_register(frame, kind)
        frame["source"] = f"generated (seed {seed})"
        out[kind] = frame[COLUMNS[kind] + ["source"]]
    return out


def _staff(s: _Setting) -> pd.DataFrame:
    """About 22 people per old commune across the commune positions; 60–150 per district's bodies."""
    rng, vocab = s.rng, s.vocab
    holders, bodies, positions, categories = [], [], [], []
    for code in s.communes["code"]:
        for spec in vocab.commune_positions:
            k = int(rng.integers(spec.count[0], spec.count[1] + 1))
            holders += [code] * k
            bodies += [""] * k
            positions += [spec.position] * k
            categories += [spec.category] * k
    weights = np.array([w for _, _, w in vocab.district_positions], dtype=float)
    for code in s.district_codes:
        total = int(rng.integers(vocab.district_staff[0], vocab.district_staff[1] + 1))
        per_body = np.bincount(
            rng.integers(0, len(vocab.district_bodies), total),
            minlength=len(vocab.district_bodies),
        )
        for body, k in zip(vocab.district_bodies, per_body, strict=True):
            if k == 0:
                continue
            picks = rng.choice(len(weights), int(k), p=weights / weights.sum())
            picks[0] = 0  # every body has its head
            for p in picks:
                holders.append(code)
                bodies.append(body)
                positions.append(vocab.district_positions[p][0])
                categories.append(vocab.district_positions[p][1])
    staff = _people(
        rng,
        vocab,
        np.array(holders, dtype=object),
        np.array(bodies, dtype=object),
        np.array(positions, dtype=object),
        np.array(categories, dtype=object),
        s.province_of,
        "NV",
    )
    staff["id"] = _ids(staff, "NV")
    return staff


def _assets(s: _Setting) -> pd.DataFrame:
    """Land, headquarters, buildings, vehicles and equipment of each commune and district body,
    located inside the holder's territory; values in đồng."""
    rng, vocab = s.rng, s.vocab
    rows_h, rows_b, rows_kind, rows_name, rows_value, owner = [], [], [], [], [], []
    for i, code in enumerate(s.communes["code"]):
        for spec in vocab.commune_assets:
            k = int(rng.integers(spec.count[0], spec.count[1] + 1))
            rows_h += [code] * k
            rows_b += [""] * k
            rows_kind += [spec.kind] * k
            rows_name += [spec.name] * k
            rows_value += list(rng.integers(spec.value[0], spec.value[1] + 1, k) * 1_000_000)
            owner += [i] * k
    for code in s.district_codes:
        inside = s.members[code]
        for body in vocab.district_bodies:
            kinds = [
                ("headquarters", "Trụ sở làm việc", 1),
                ("vehicle", "Xe ô tô công vụ", int(rng.integers(0, 2))),
                ("equipment", "Thiết bị văn phòng", int(rng.integers(2, 5))),
                ("it", "Máy tính", int(rng.integers(2, 5))),
            ]
            for kind, name, k in kinds:
                rows_h += [code] * k
                rows_b += [body] * k
                rows_kind += [kind] * k
                rows_name += [f"{name} – {body}"] * k
                rows_value += list(rng.integers(50, 8000, k) * 1_000_000)
                owner += list(rng.choice(inside, k))
    owner_arr = np.array(owner, dtype=int)
    lon, lat = sample_points(s.polygons, owner_arr, rng)
    assets = pd.DataFrame(
        {
            "holder": rows_h,
            "body": rows_b,
            "kind": rows_kind,
            "name": rows_name,
            "value_vnd": np.array(rows_value, dtype=float),
            "lon": lon,
            "lat": lat,
        }
    )
    building = assets["kind"].isin(["headquarters", "building"])
    floor = rng.integers(150, 1500, len(assets)).astype(float)
    assets["floor_area_m2"] = np.where(building, floor, np.nan)
    assets["capacity"] = np.where(assets["kind"] == "headquarters", np.round(floor / 12), np.nan)
    assets["address"] = _addresses(s.communes, owner_arr)
    assets["id"] = _ids(assets, "TS")
    return assets


def _dossiers(s: _Setting) -> pd.DataFrame:
    """Pending dossiers of real procedure fields, received 1 May – 30 June 2025, with applicants
    spread over the holder's territory."""
    rng, vocab, communes = s.rng, s.vocab, s.communes
    counts = rng.integers(vocab.commune_dossiers[0], vocab.commune_dossiers[1] + 1, len(communes))
    d_owner = np.repeat(np.arange(len(communes)), counts)
    d_holder = communes["code"].to_numpy()[d_owner].astype(object)
    d_body = np.full(len(d_owner), "", dtype=object)
    extra_owner, extra_holder = [], []
    for code in s.district_codes:
        inside = s.members[code]
        low, high = vocab.district_dossiers_per_commune
        k = int(rng.integers(low, high + 1)) * len(inside)
        extra_owner.append(rng.choice(inside, k))
        extra_holder += [code] * k
    if extra_owner:
        eo = np.concatenate(extra_owner)
        d_owner = np.r_[d_owner, eo]
        d_holder = np.r_[d_holder, np.array(extra_holder, dtype=object)]
        d_body = np.r_[d_body, np.full(len(eo), "Bộ phận Một cửa", dtype=object)]
    fields = vocab.dossier_fields
    pick = rng.integers(0, len(fields), len(d_owner))
    received_days = rng.integers(30, 91, len(d_owner))  # received from 1 May to 30 June
    due_days = received_days + rng.integers(3, 46, len(d_owner))
    base = dt.date(2025, 4, 1)
    day_text = np.array(
        [(base + dt.timedelta(days=int(d))).isoformat() for d in range(0, 140)], dtype=object
    )
    lon, lat = applicant_points(s.polygons, s.parts, d_owner, rng)
    dossiers = pd.DataFrame(
        {
            "holder": d_holder,
            "body": d_body,
            "field": np.array([f for f, _ in fields], dtype=object)[pick],
            "procedure_code": np.array([c for _, c in fields], dtype=object)[pick],
            "received": day_text[received_days],
            "due": day_text[due_days],
            "status": rng.choice(vocab.dossier_statuses, len(d_owner)),
            "lon": lon,
            "lat": lat,
        }
    )
    dossiers["address"] = _addresses(communes, d_owner)
    dossiers["id"] = _ids(dossiers, "HS")
    return dossiers


def _records(s: _Setting) -> pd.DataFrame:
    """Archive fonds, finance accounts (balances in đồng), seals, IT accounts and certificates of
    each commune and district body."""
    rec_h, rec_b, rec_kind, rec_name, rec_bal = [], [], [], [], []
    holders = [(c, "") for c in s.communes["code"]] + [
        (d, b) for d in s.district_codes for b in s.vocab.district_bodies
    ]
    for code, body in holders:
        for kind, name in s.vocab.record_kinds:
            rec_h.append(code)
            rec_b.append(body)
            rec_kind.append(kind)
            rec_name.append(f"{name}{' – ' + body if body else ''}")
            rec_bal.append(
                float(s.rng.integers(10, 5000)) * 1_000_000 if kind == "finance_account" else np.nan
            )
    records = pd.DataFrame(
        {"holder": rec_h, "body": rec_b, "kind": rec_kind, "name": rec_name, "balance_vnd": rec_bal}
    )
    records["id"] = _ids(records, "HSO")
    return records
