"""Old units of a register looked up by the words a resolution uses: type-aware, NFC, insensitive to
tone-mark placement and then to diacritics and the i/y and c/k spelling pairs, narrowed by a
qualifier ("huyện Châu Thành, tỉnh Trà Vinh"); and the problems the resolver raises, citing the
clause."""

from __future__ import annotations

import difflib

import pandas as pd

from ..problems import Problem
from ..text import fold, split_type, tone_key
from .resolution_text import Clause, Name


def compact(name: str) -> str:
    """The loosest key: no diacritics, spaces or apostrophes, and the spelling pairs i/y and c/k merged
    ("Bhalêê" = "Bha Lêê", "Mỹ Quí" = "Mỹ Quý", "Đắc Lua" = "Đak Lua", "Cư K'nia" = "Cư Knia")."""
    return fold(name).replace(" ", "").replace("y", "i").replace("k", "c").replace("x", "s")


_ROMAN = {
    "i": "1",
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "v": "5",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
    "x": "10",
    "xi": "11",
    "xii": "12",
}


def _variants(name: Name) -> list[str]:
    """Other ways the register may write a name: "Phường IV" is Phường 4; "Phường Đúc" is the name of
    a ward, whose full name is "Phường Phường Đúc"."""
    out = [name.name]
    if fold(name.name) in _ROMAN:
        out.append(_ROMAN[fold(name.name)])
    if name.unit_type:
        out.append(f"{name.unit_type.capitalize()} {name.name}")
    return out


class OldUnitIndex:
    """Old units of a register by (type, name key), with their districts."""

    def __init__(self, units: pd.DataFrame):
        self.units = units.reset_index(drop=True)
        self.tone: dict[tuple[str, str], list[int]] = {}
        self.fold: dict[tuple[str, str], list[int]] = {}
        self.compact: dict[tuple[str, str], list[int]] = {}
        self.any_fold: dict[str, list[int]] = {}
        self.kind: list[str] = []
        for i, r in enumerate(self.units.itertuples(index=False)):
            kind, bare = split_type(r.name)
            kind = fold(kind or r.unit_type)
            self.kind.append(kind)
            self.tone.setdefault((kind, tone_key(bare)), []).append(i)
            self.fold.setdefault((kind, fold(bare)), []).append(i)
            self.compact.setdefault((kind, compact(bare)), []).append(i)
            self.any_fold.setdefault(fold(bare), []).append(i)
        self.bare_compact = [compact(split_type(n)[1]) for n in self.units["name"]]
        self.codes = list(self.units["code"])
        self.lonlat = self.units[["lon", "lat"]].to_numpy(dtype=float)
        self.position = {c: i for i, c in enumerate(self.units["code"])}
        self.district_key = [fold(split_type(d)[1]) for d in self.units["district_name"]]
        self.district_code = list(self.units["district_code"])
        self.province_key = [fold(split_type(p)[1]) for p in self.units["province_name"]]

    def lookup(self, name: Name, any_type: bool = False) -> list[int]:
        """Units of the name's type (of any type with ``any_type``) whose name matches, narrowed by the
        qualifier ("huyện Châu Thành, tỉnh Trà Vinh") when several match."""
        kinds = (
            [fold(name.unit_type)]
            if name.unit_type and not any_type
            else ["xa", "phuong", "thi tran"]
        )
        found: list[int] = []
        for text in _variants(name):
            for index, keyfn in ((self.tone, tone_key), (self.fold, fold), (self.compact, compact)):
                found = [i for kind in kinds for i in index.get((kind, keyfn(text)), [])]
                if found:
                    break
            if found:
                break
        for part in (p.strip() for p in name.qualifier.split(",")):
            if len(found) <= 1 or not part:
                break
            qkind, qbare = split_type(part)
            key = fold(qbare)
            by_district = [i for i in found if self.district_key[i] == key]
            by_province = [i for i in found if self.province_key[i] == key]
            narrowed = by_province if fold(qkind or "") == "tinh" else (by_district or by_province)
            found = narrowed or found
        return found

    def describe(self, positions) -> str:
        return "; ".join(
            f"{self.units['code'][i]} {self.units['name'][i]} ({self.units['district_name'][i]})"
            for i in positions
        )

    def fuzzy(self, name: Name, districts: set[str], exclude: set[str]) -> int | None:
        """The one unit of the same type in ``districts`` whose name is close to ``name`` (a typo in the
        text: "Chơ GLong" for Chơ Long), or None."""
        kind, key = fold(name.unit_type), compact(name.name)
        scored = []
        for i, district in enumerate(self.district_code):
            if (
                district in districts
                and (not kind or self.kind[i] == kind)
                and self.units["code"][i] not in exclude
            ):
                ratio = difflib.SequenceMatcher(None, key, self.bare_compact[i]).ratio()
                if ratio >= 0.8:
                    scored.append((ratio, i))
        scored.sort(reverse=True)
        if len(scored) == 1 or (len(scored) > 1 and scored[0][0] - scored[1][0] >= 0.1):
            return scored[0][1]
        return None

    def nearest(self, candidates: list[int], around: list[int]) -> int | None:
        """The candidate much nearer (half the distance or less) to the clause's other units than the rest."""
        import numpy as np

        if not around or len(candidates) < 2:
            return None
        centre = np.nanmean(self.lonlat[around], axis=0)
        dist = sorted((float(np.hypot(*(self.lonlat[i] - centre))), i) for i in candidates)
        if np.isnan(dist[0][0]):
            return None
        return dist[0][1] if dist[0][0] <= 0.5 * dist[1][0] else None

    def near(self, name: Name, n: int = 3) -> list[int]:
        keys = difflib.get_close_matches(fold(name.name), list(self.any_fold), n=n, cutoff=0.75)
        return [i for k in keys for i in self.any_fold[k]][:n]


def clause_ref(number: int) -> str:
    """How an edge cites its clause: ``Điều 1, khoản N``."""
    return f"Điều 1, khoản {number}"


def clause_problem(
    code,
    severity,
    message,
    clause: Clause | None,
    words: str = "",
    unit_code="",
    unit_name="",
    file="",
) -> Problem:
    """A problem of the resolver: the clause's number first, the text's words quoted."""
    where = f"clause {clause.number}: " if clause is not None else ""
    quoted = f" («{words}»)" if words else ""
    return Problem(
        code=code,
        severity=severity,
        message=f"{where}{message}{quoted}",
        unit_code=unit_code,
        unit_name=unit_name,
        file=file,
        clause=str(clause.number) if clause is not None else "",
    )
