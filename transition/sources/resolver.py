"""The resolver of a resolution's names: the registers' indexes, the edges found clause by clause,
the names left for a second pass, and the problems met (see :func:`transition.sources.resolution.resolve`)."""

from __future__ import annotations

import pandas as pd

from ..model import Plan
from ..problems import ERROR, INFO, WARNING, Problem
from ..text import fold, loose_key, spelling_key, split_type, tone_key
from .old_unit_index import OldUnitIndex, clause_problem, clause_ref
from .resolution_checks import check_totals, single_parts_are_whole
from .resolution_text import REMAINDER, WHOLE, Clause, Component, Name, ResolutionText
from .shares import complete_shares

SOURCE = "resolution"
_DISTRICT_WORDS = ("huyện", "quận", "thị xã", "thành phố")


class Resolver:
    """The state of one resolution being resolved: the registers' indexes, the edges so far, the
    names left for the second pass, and the problems met."""

    def __init__(self, text: ResolutionText, register: Plan, file: str):
        self.text, self.register, self.file = text, register, file
        self.problems: list[Problem] = []
        self.old = register.old_communes
        self.districts = register.old_units[register.old_units["level"] == "district"]
        self.index = OldUnitIndex(self.old)
        self.new_units = register.new_communes
        self.new_index: dict[tuple[str, str], list[str]] = {}
        for u in self.new_units.itertuples(index=False):
            kind, bare = split_type(u.name)
            key = fold(kind or u.unit_type)
            self.new_index.setdefault((key, tone_key(bare)), []).append(u.code)
            self.new_index.setdefault((key, fold(bare)), []).append(u.code)
            self.new_index.setdefault(("~" + key, loose_key(bare)), []).append(u.code)
        self.edges: list[dict] = []
        self.pending: list[tuple[Clause, str, Component]] = []
        self.codes_by_clause: dict[int, dict[str, str]] = {}
        self.clause_new: dict[int, str] = {}
        self.old_names = dict(zip(self.old["code"], self.old["name"], strict=True))
        self.new_names = dict(zip(self.new_units["code"], self.new_units["name"], strict=True))
        self.used_whole: set[str] = set()
        self.totals_clause = next((c for c in text.clauses if c.kind == "totals"), None)

    def new_code(self, name: Name, clause: Clause) -> str | None:
        """The new unit a clause names, by type and name (the i/y pair allowed); namesakes are
        told apart by the code of a component (a new unit usually keeps one)."""
        kind = fold(name.unit_type)
        codes = sorted(
            set(
                self.new_index.get((kind, tone_key(name.name)))
                or self.new_index.get((kind, fold(name.name)))
                or self.new_index.get(("~" + kind, loose_key(name.name)))  # the i/y pair
                or []
            )
        )
        if len(codes) > 1:
            olds = {
                self.index.units["code"][f[0]]
                for c in clause.components
                if len(f := self.index.lookup(c.name)) == 1
            }
            codes = [c for c in codes if c in olds] or codes
        if len(codes) == 1:
            return codes[0]
        cands = "; ".join(sorted(set(codes))) or "none"
        self.problems.append(
            clause_problem(
                "resolution-new-unit",
                ERROR,
                f"the new unit '{name.full}' is not one unit of the new-unit register "
                f"(candidates: {cands}); its edges are left out",
                clause,
                name.words,
                file=self.file,
            )
        )
        return None

    def add(self, clause: Clause, comp, code: str, new: str, confidence: str = "high") -> None:
        """One edge, cited by its clause; a name spelt otherwise in the register (i/y) is noted."""
        self.edges.append(
            {
                "level": "commune",
                "old_code": code,
                "old_name": self.old_names[code],
                "new_code": new,
                "new_name": self.new_names[new],
                "part": comp.part,
                "basis_document": self.text.number,
                "basis_clause": clause_ref(clause.number),
                "basis_text": clause.text,
                "source": SOURCE,
                "confidence": confidence,
                "after_clause": ";".join(str(a) for a in comp.after),
                "area_share": getattr(comp, "area_share", None),
                "pop_share": getattr(comp, "pop_share", None),
            }
        )
        self.codes_by_clause.setdefault(clause.number, {})[tone_key(comp.name.name)] = code
        registered = split_type(self.old_names[code])[1]
        written = comp.name.name
        if spelling_key(written) == spelling_key(registered) != "" and (
            tone_key(written) != tone_key(registered)
        ):  # the i/y pair (Sỹ / Sĩ): the same unit, noted (issue 16)
            self.problems.append(
                clause_problem(
                    "resolution-spelling",
                    INFO,
                    f"'{comp.name.name}' is spelt '{registered}' in the register (the i/y pair); "
                    "read as the same unit",
                    clause,
                    unit_code=code,
                    unit_name=self.old_names[code],
                    file=self.file,
                )
            )

    def first_pass(self) -> None:
        """Every clause: its new unit, and the components that resolve alone (a remainder to the
        unit its earlier clause named); the rest wait for the second pass."""
        for clause in self.text.clauses:
            for note in clause.notes:
                self.problems.append(
                    clause_problem("resolution-clause", WARNING, note, clause, file=self.file)
                )
            if clause.kind not in ("arrange", "rename") or clause.new is None:
                continue
            target = self.new_code(clause.new, clause)
            if target is None:
                continue
            self.clause_new[clause.number] = target
            for comp in clause.components:
                self._first(clause, target, comp)
        self.used_whole = {e["old_code"] for e in self.edges if e["part"] == WHOLE}

    def _first(self, clause: Clause, target: str, comp: Component) -> None:
        if comp.name.unit_type in _DISTRICT_WORDS:
            _expand_district(
                comp, clause, target, self.districts, self.old, self.add, self.problems, self.file
            )
            return
        found = self.index.lookup(comp.name)
        if comp.part == REMAINDER and comp.after:
            looked_up = (
                self.codes_by_clause.get(a, {}).get(tone_key(comp.name.name)) for a in comp.after
            )
            earlier = [c for c in looked_up if c]
            if earlier:
                self.add(clause, comp, earlier[0], target)
                return
        if len(found) == 1:
            self.add(clause, comp, self.index.units["code"][found[0]], target)
        else:
            self.pending.append((clause, target, comp))

    def settle(self, clause, target, comp, pos, confidence, code_, severity, message) -> None:
        """Take the old unit at ``pos`` for ``comp``, saying how it was chosen."""
        code = self.index.units["code"][pos]
        self.add(clause, comp, code, target, confidence=confidence)
        self.problems.append(
            clause_problem(
                code_,
                severity,
                message,
                clause,
                comp.name.words,
                code,
                self.index.units["name"][pos],
                self.file,
            )
        )
        if comp.part == WHOLE:
            self.used_whole.add(code)

    def second_pass(self) -> None:
        """Names that fit no old unit or several: another type, a close spelling, the one in the
        district of the clause's other units, or the nearest; else a problem."""
        index = self.index
        for clause, target, comp in self.pending:
            found = index.lookup(comp.name)
            in_clause = [
                index.position[c] for c in self.codes_by_clause.get(clause.number, {}).values()
            ]
            districts = {index.district_code[i] for i in in_clause}
            if not found:
                self._not_found(clause, target, comp, districts)
            else:
                self._several(clause, target, comp, found, in_clause, districts)

    def _not_found(self, clause, target, comp, districts: set[str]) -> None:
        index = self.index
        other_type = index.lookup(comp.name, any_type=True)
        guess = index.fuzzy(comp.name, districts, self.used_whole) if len(other_type) != 1 else None
        if len(other_type) == 1:
            self.settle(
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
            self.settle(
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
            self.problems.append(
                clause_problem(
                    "resolution-unresolved",
                    ERROR if comp.name.unit_type and proper else WARNING,
                    f"no old {comp.name.unit_type or 'unit'} called '{comp.name.name}' in the "
                    f"register{hint}. Check the spelling, or add a district qualifier",
                    clause,
                    comp.name.words,
                    file=self.file,
                )
            )

    def _several(self, clause, target, comp, found, in_clause, districts: set[str]) -> None:
        index = self.index
        candidates = [
            i
            for i in found
            if not (comp.part == WHOLE and index.units["code"][i] in self.used_whole)
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
            self.settle(
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
            self.problems.append(
                clause_problem(
                    "resolution-ambiguous",
                    ERROR,
                    f"'{comp.name.full}' fits several old units: {index.describe(found)}; "
                    "add the district in brackets, e.g. (huyện …)",
                    clause,
                    comp.name.words,
                    file=self.file,
                )
            )

    def unchanged_units(self) -> list[str]:
        """The units the totals clause leaves as they were: each an edge to itself; their codes."""
        unchanged: list[str] = []
        totals = self.totals_clause
        if totals is None:
            return unchanged
        index = self.index
        used = {e["old_code"] for e in self.edges}
        for name in totals.unchanged:
            found = index.lookup(name)
            if len(found) > 1:  # a namesake merged elsewhere is not the unchanged one
                found = [i for i in found if index.units["code"][i] not in used] or found
            target = self.new_code(name, totals)
            if len(found) != 1 or target is None:
                if len(found) != 1:
                    self.problems.append(
                        clause_problem(
                            "resolution-ambiguous" if found else "resolution-unresolved",
                            ERROR,
                            f"the unchanged unit '{name.full}' fits {len(found)} old units "
                            f"{index.describe(found)}",
                            totals,
                            name.words,
                            file=self.file,
                        )
                    )
                continue
            comp = type("C", (), {"part": WHOLE, "after": (), "name": name})()
            self.add(totals, comp, index.units["code"][found[0]], target)
            unchanged.append(target)
        return unchanged

    def build_plan(self) -> Plan:
        """The plan of the edges found (single parts read as whole, shares completed) and the
        register's province edges."""
        crosswalk = pd.DataFrame(self.edges)
        crosswalk, notes = single_parts_are_whole(crosswalk, self.text, self.file)
        self.problems += notes
        crosswalk = complete_shares(crosswalk)
        crosswalk = pd.concat([crosswalk, self.register.province_edges], ignore_index=True)
        reg = self.register
        return Plan.build(
            reg.old_units, reg.new_units, crosswalk, reg.province_code, reg.province_name
        )

    def check_totals(self, plan: Plan, unchanged: list[str]) -> tuple[dict, dict]:
        """The totals the text states and those counted from its clauses; a problem when they
        differ or the text states none (see :func:`resolution_checks.check_totals`)."""
        stated, parsed, problems = check_totals(
            self.totals_clause, plan, self.clause_new, unchanged, self.file
        )
        self.problems += problems
        return stated, parsed


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
            clause_problem(
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
