"""A plan straight from a resolution's text, every edge cited by its clause.

The clauses (see :mod:`resolution_text`) name old units in words; here the words are resolved against
the old-unit register of the province: type-aware (xã / phường / thị trấn), NFC, insensitive to
tone-mark placement and then to diacritics, narrowed by a district qualifier where the text gives one
("xã Tân Dân (huyện Phú Xuyên)") and else by the districts of the clause's other units. New units
resolve to their new codes by name and type within the new province. What cannot be resolved becomes a
problem that names the clause, quotes the words and lists the candidates; the rest is still built.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from ..model import Plan
from ..problems import ERROR, INFO, WARNING, Problem
from ..text import fold, loose_key, spelling_key, split_type, tone_key
from . import vn2025
from .resolution_text import (
    REMAINDER,
    WHOLE,
    Clause,
    Component,
    Name,
    ResolutionText,
    parse_resolution,
    read_text,
)
from .shares import complete_shares

SOURCE = "resolution"
_TYPES = {"xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn", "đặc khu": "Đặc khu"}
_DISTRICT_WORDS = ("huyện", "quận", "thị xã", "thành phố")


@dataclass(frozen=True)
class ResolutionImport:
    """The plan read from a resolution, with the problems met on the way and what the text says."""

    plan: Plan
    problems: tuple[Problem, ...]
    resolution: ResolutionText
    stated_totals: dict  # the totals clause: {"total": 54, "xã": 22, ...}
    parsed_totals: dict  # the same figures counted from the clauses
    unchanged: tuple[str, ...]  # codes of the new units the text leaves unchanged


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


class _Index:
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


def _clause_ref(number: int) -> str:
    return f"Điều 1, khoản {number}"


def _problem(
    code,
    severity,
    message,
    clause: Clause | None,
    words: str = "",
    unit_code="",
    unit_name="",
    file="",
) -> Problem:
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


def resolve(
    text: ResolutionText, register: Plan | None = None, *, file: str = ""
) -> ResolutionImport:
    """Resolve the names of a parsed resolution into a plan (registers from ``register`` or from
    ``vietnamadminunits`` for the province the text names)."""
    problems: list[Problem] = []
    if register is None:
        register = vn2025.province_plan([split_type(text.province)[1] or text.province])
    old = register.old_communes
    districts = register.old_units[register.old_units["level"] == "district"]
    index = _Index(old)
    new_units = register.new_communes
    new_index: dict[tuple[str, str], list[str]] = {}
    for r in new_units.itertuples(index=False):
        kind, bare = split_type(r.name)
        new_index.setdefault((fold(kind or r.unit_type), tone_key(bare)), []).append(r.code)
        new_index.setdefault((fold(kind or r.unit_type), fold(bare)), []).append(r.code)
        new_index.setdefault(("~" + fold(kind or r.unit_type), loose_key(bare)), []).append(r.code)

    def new_code(name: Name, clause: Clause) -> str | None:
        kind = fold(name.unit_type)
        codes = sorted(
            set(
                new_index.get((kind, tone_key(name.name)))
                or new_index.get((kind, fold(name.name)))
                or new_index.get(("~" + kind, loose_key(name.name)))  # the i/y pair
                or []
            )
        )
        if len(codes) > 1:  # namesakes: a new unit usually keeps the code of one of its components
            olds = {
                index.units["code"][f[0]]
                for c in clause.components
                if len(f := index.lookup(c.name)) == 1
            }
            codes = [c for c in codes if c in olds] or codes
        if len(codes) == 1:
            return codes[0]
        cands = "; ".join(sorted(set(codes))) or "none"
        problems.append(
            _problem(
                "resolution-new-unit",
                ERROR,
                f"the new unit '{name.full}' is not one unit of the new-unit register "
                f"(candidates: {cands}); its edges are left out",
                clause,
                name.words,
                file=file,
            )
        )
        return None

    edges: list[dict] = []
    # First pass: what resolves alone. Second pass: ambiguous names, by the clause's other districts.
    pending: list[tuple[Clause, str, Component, str]] = []
    codes_by_clause: dict[int, dict[str, str]] = {}
    clause_new: dict[int, str] = {}

    old_names = dict(zip(old["code"], old["name"], strict=True))
    new_names = dict(zip(new_units["code"], new_units["name"], strict=True))

    def add(clause: Clause, comp, code: str, new: str, confidence: str = "high"):
        edges.append(
            {
                "level": "commune",
                "old_code": code,
                "old_name": old_names[code],
                "new_code": new,
                "new_name": new_names[new],
                "part": comp.part,
                "basis_document": text.number,
                "basis_clause": _clause_ref(clause.number),
                "basis_text": clause.text,
                "source": SOURCE,
                "confidence": confidence,
                "after_clause": ";".join(str(a) for a in comp.after),
                "area_share": getattr(comp, "area_share", None),
                "pop_share": getattr(comp, "pop_share", None),
            }
        )
        codes_by_clause.setdefault(clause.number, {})[tone_key(comp.name.name)] = code
        registered = split_type(old_names[code])[1]
        written = comp.name.name
        if spelling_key(written) == spelling_key(registered) != "" and (
            tone_key(written) != tone_key(registered)
        ):  # the i/y pair (Sỹ / Sĩ): the same unit, noted (issue 16)
            problems.append(
                _problem(
                    "resolution-spelling",
                    INFO,
                    f"'{comp.name.name}' is spelt '{registered}' in the register (the i/y pair); "
                    "read as the same unit",
                    clause,
                    unit_code=code,
                    unit_name=old_names[code],
                    file=file,
                )
            )

    for clause in text.clauses:
        for note in clause.notes:
            problems.append(_problem("resolution-clause", WARNING, note, clause, file=file))
        if clause.kind not in ("arrange", "rename") or clause.new is None:
            continue
        target = new_code(clause.new, clause)
        if target is None:
            continue
        clause_new[clause.number] = target
        for comp in clause.components:
            if comp.name.unit_type in _DISTRICT_WORDS:
                _expand_district(comp, clause, target, districts, old, add, problems, file)
                continue
            found = index.lookup(comp.name)
            if comp.part == REMAINDER and comp.after:
                looked_up = (
                    codes_by_clause.get(a, {}).get(tone_key(comp.name.name)) for a in comp.after
                )
                earlier = [c for c in looked_up if c]
                if earlier:
                    add(clause, comp, earlier[0], target)
                    continue
            if len(found) == 1:
                add(clause, comp, index.units["code"][found[0]], target)
            else:
                pending.append((clause, target, comp, ""))

    used_whole = {e["old_code"] for e in edges if e["part"] == WHOLE}

    def settle(clause, target, comp, pos, confidence, code_, severity, message):
        """Take the old unit at ``pos`` for ``comp``, saying how it was chosen."""
        code = index.units["code"][pos]
        add(clause, comp, code, target, confidence=confidence)
        problems.append(
            _problem(
                code_,
                severity,
                message,
                clause,
                comp.name.words,
                code,
                index.units["name"][pos],
                file,
            )
        )
        if comp.part == WHOLE:
            used_whole.add(code)

    for clause, target, comp, _ in pending:
        found = index.lookup(comp.name)
        in_clause = [index.position[c] for c in codes_by_clause.get(clause.number, {}).values()]
        districts = {index.district_code[i] for i in in_clause}
        if not found:
            other_type = index.lookup(comp.name, any_type=True)
            guess = index.fuzzy(comp.name, districts, used_whole) if len(other_type) != 1 else None
            if len(other_type) == 1:
                settle(
                    clause,
                    target,
                    comp,
                    other_type[0],
                    "medium",
                    "resolution-type-differs",
                    WARNING,
                    f"no old {comp.name.unit_type} is called '{comp.name.name}'; took "
                    f"{index.describe(other_type)}, the only unit of that name",
                )
            elif guess is not None:
                settle(
                    clause,
                    target,
                    comp,
                    guess,
                    "low",
                    "resolution-fuzzy",
                    WARNING,
                    f"no old unit is called '{comp.name.full}'; read as {index.describe([guess])}, "
                    "the closest name in the district of the clause's other units. Confirm it",
                )
            else:
                near = index.near(comp.name)
                hint = f"; similar names: {index.describe(near)}" if near else ""
                proper = comp.name.name[:1].isupper() or comp.name.name[:1].isdigit()
                problems.append(
                    _problem(
                        "resolution-unresolved",
                        ERROR if comp.name.unit_type and proper else WARNING,
                        f"no old {comp.name.unit_type or 'unit'} called '{comp.name.name}' in the "
                        f"register{hint}. Check the spelling, or add a district qualifier",
                        clause,
                        comp.name.words,
                        file=file,
                    )
                )
            continue
        candidates = [
            i for i in found if not (comp.part == WHOLE and index.units["code"][i] in used_whole)
        ]
        local = [i for i in candidates if index.district_code[i] in districts]
        chosen = local if len(local) == 1 else candidates if len(candidates) == 1 else []
        how = "the one in the district of the clause's other units"
        if len(chosen) != 1:
            pick = index.nearest(local or candidates, in_clause)
            chosen, how = (
                ([pick], "the one nearest the clause's other units")
                if pick is not None
                else ([], "")
            )
        if len(chosen) == 1:
            settle(
                clause,
                target,
                comp,
                chosen[0],
                "medium",
                "resolution-disambiguated",
                INFO,
                f"'{comp.name.full}' fits {len(found)} old units; took {index.describe(chosen)}, {how}",
            )
        else:
            problems.append(
                _problem(
                    "resolution-ambiguous",
                    ERROR,
                    f"'{comp.name.full}' fits several old units: {index.describe(found)}; "
                    "add the district in brackets, e.g. (huyện …)",
                    clause,
                    comp.name.words,
                    file=file,
                )
            )

    unchanged_codes: list[str] = []
    totals_clause = next((c for c in text.clauses if c.kind == "totals"), None)
    if totals_clause is not None:
        used = {e["old_code"] for e in edges}
        for name in totals_clause.unchanged:
            found = index.lookup(name)
            if len(found) > 1:  # a namesake merged elsewhere is not the unchanged one
                found = [i for i in found if index.units["code"][i] not in used] or found
            target = new_code(name, totals_clause)
            if len(found) != 1 or target is None:
                if len(found) != 1:
                    problems.append(
                        _problem(
                            "resolution-ambiguous" if found else "resolution-unresolved",
                            ERROR,
                            f"the unchanged unit '{name.full}' fits {len(found)} old units "
                            f"{index.describe(found)}",
                            totals_clause,
                            name.words,
                            file=file,
                        )
                    )
                continue
            comp = type("C", (), {"part": WHOLE, "after": (), "name": name})()
            add(totals_clause, comp, index.units["code"][found[0]], target)
            unchanged_codes.append(target)

    crosswalk = pd.DataFrame(edges)
    crosswalk, notes = _single_parts_are_whole(crosswalk, text, file)
    problems += notes
    crosswalk = complete_shares(crosswalk)
    crosswalk = pd.concat([crosswalk, register.province_edges], ignore_index=True)
    plan = Plan.build(
        register.old_units,
        register.new_units,
        crosswalk,
        register.province_code,
        register.province_name,
    )

    stated = dict(totals_clause.totals) if totals_clause is not None else {}
    parsed = _parsed_totals(plan, clause_new, unchanged_codes)
    if not stated:
        problems.append(
            _problem(
                "resolution-totals",
                WARNING,
                "the text has no totals clause "
                "('Sau khi sắp xếp, … có N đơn vị hành chính cấp xã')",
                None,
                file=file,
            )
        )
    else:
        wrong = {k: (v, parsed.get(k, 0)) for k, v in stated.items() if parsed.get(k, 0) != v}
        if wrong:
            said = ", ".join(f"{k}: text {a}, parsed {b}" for k, (a, b) in sorted(wrong.items()))
            problems.append(
                _problem(
                    "resolution-totals",
                    ERROR,
                    f"the totals clause does not match the clauses ({said})",
                    totals_clause,
                    file=file,
                )
            )
    return ResolutionImport(plan, tuple(problems), text, stated, parsed, tuple(unchanged_codes))


def _expand_district(comp, clause, target, districts, old, add, problems, file):
    """ "huyện Kiên Hải" as a component: all its communes, or the district itself if it had none."""
    kind, key = fold(comp.name.unit_type), fold(comp.name.name)
    hits = districts[
        [
            fold(split_type(n)[1]) == key and fold(split_type(n)[0] or "") == kind
            for n in districts["name"]
        ]
    ]
    if len(hits) != 1:
        problems.append(
            _problem(
                "resolution-unresolved",
                ERROR,
                f"no single old district called '{comp.name.full}'",
                clause,
                comp.name.words,
                file=file,
            )
        )
        return
    code = hits["code"].iloc[0]
    members = old[(old["district_code"] == code) & (old["level"] == "commune")]
    if members.empty:
        members = old[old["code"] == code]
    for c in members["code"]:
        add(clause, comp, c, target)


def _single_parts_are_whole(crosswalk: pd.DataFrame, text: ResolutionText, file: str):
    """ "… một phần … của xã A và xã B": the grammar does not say whether B is a part. An old unit whose
    only edge is a part was not divided, so it went whole; say so."""
    if crosswalk.empty:
        return crosswalk, []
    counts = crosswalk.groupby("old_code")["new_code"].transform("count")
    lone = (counts == 1) & (crosswalk["part"] != WHOLE)
    notes = []
    clauses = {c.number: c for c in text.clauses}
    for idx in crosswalk.index[lone]:
        e = crosswalk.loc[idx]
        number = int(e["basis_clause"].rsplit(" ", 1)[-1])
        notes.append(
            _problem(
                "resolution-part-as-whole",
                INFO,
                f"{e['old_name']} is named as a {e['part']} here and nowhere else, so it goes whole "
                f"to {e['new_name']}",
                clauses.get(number),
                unit_code=e["old_code"],
                unit_name=e["old_name"],
                file=file,
            )
        )
    crosswalk = crosswalk.copy()
    crosswalk.loc[lone, "part"] = WHOLE
    crosswalk.loc[lone, "after_clause"] = ""
    return crosswalk, notes


def _parsed_totals(plan: Plan, clause_new: dict[int, str], unchanged: list[str]) -> dict:
    codes = set(clause_new.values()) | set(unchanged)
    kinds = plan.new_communes[plan.new_communes["code"].isin(codes)]["unit_type"].map(fold)
    out = {"total": len(codes)}
    for k, n in kinds.value_counts().items():
        out[{"xa": "xã", "phuong": "phường", "dac khu": "đặc khu"}.get(k, k)] = int(n)
    return out


def import_resolution(path, register: Plan | None = None) -> ResolutionImport:
    """Read a resolution file (.md, .txt, .docx) and resolve it into a plan.

    Raises :class:`InputFileError` when the file cannot be read, and :class:`UnknownProvince` when
    the province the text names is not one of the 34.
    """
    return resolve(parse_resolution(read_text(path)), register, file=str(path))
