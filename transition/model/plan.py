"""The :class:`Plan`: registers plus the crosswalk, and the views derived from them.

A plan is never changed in place: :meth:`Plan.replace` returns a new plan. Derived views (the lineage
graph, divided old units, coordination clusters) are cached functions of the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType

import networkx as nx
import pandas as pd

from ..errors import PlanError, UnknownUnit
from ..text import match_names, suggest
from .crosswalk import CROSSWALK_COLUMNS, normalise_crosswalk
from .units import NEW_UNIT_COLUMNS, OLD_UNIT_COLUMNS, code_lookup, normalise_units

OLD, NEW = "old", "new"


def _blank(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


def _validate(
    frame: pd.DataFrame, columns: list[str], what: str, codes: tuple[str, ...] = ("code",)
) -> None:
    """Raise :class:`PlanError` unless ``frame`` has exactly ``columns`` and text codes (and, for a
    register, unique codes)."""
    if list(frame.columns) != list(columns):
        raise PlanError(
            f"the {what} must have the columns {columns} in this order; it has "
            f"{list(frame.columns)} (build the plan with Plan.build, which normalises them)"
        )
    for col in codes:
        bad = [v for v in frame[col].head(1000) if not isinstance(v, str)]
        if bad:
            raise PlanError(
                f"the {what}'s {col} must be text (codes keep leading zeros): {bad[:3]}"
            )
    if codes == ("code",):
        twice = frame["code"][frame["code"].duplicated()]
        if len(twice):
            raise PlanError(f"the {what} has the code(s) {sorted(set(twice))[:5]} more than once")


class Plan:
    """A merger plan for one province (or several, or the country): immutable and validated.

    Attributes
    ----------
    old_units, new_units : DataFrame
        Unit registers (see :mod:`transition.model.units`), all levels in one frame.
    crosswalk : DataFrame
        One row per edge (see :mod:`transition.model.crosswalk`).
    province_code, province_name : str
        The new province the plan is for; ``""`` for a national plan.

    The three frames are checked when the plan is made (columns in order, codes as text, unit codes
    unique) and handed out as copies (copy-on-write, so cheap): editing one never changes the plan,
    and the derived views (lineage graph, divided units, clusters, look-ups) can never go stale.
    :meth:`replace` returns a new plan. Raises :class:`~transition.errors.PlanError` naming what is
    wrong.
    """

    __slots__ = ("_old", "_new", "_cw", "province_code", "province_name", "__dict__")
    _old: pd.DataFrame
    _new: pd.DataFrame
    _cw: pd.DataFrame
    province_code: str
    province_name: str

    def __init__(
        self,
        old_units: pd.DataFrame,
        new_units: pd.DataFrame,
        crosswalk: pd.DataFrame,
        province_code: str = "",
        province_name: str = "",
    ) -> None:
        _validate(old_units, OLD_UNIT_COLUMNS, "old-unit register")
        _validate(new_units, NEW_UNIT_COLUMNS, "new-unit register")
        _validate(crosswalk, CROSSWALK_COLUMNS, "crosswalk", codes=("old_code", "new_code"))
        for name, value in (
            ("_old", old_units.copy(deep=False)),
            ("_new", new_units.copy(deep=False)),
            ("_cw", crosswalk.copy(deep=False)),
            ("province_code", str(province_code)),
            ("province_name", str(province_name)),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Plan is immutable; use plan.replace({name}=...) for a new one")

    def __repr__(self) -> str:
        return (
            f"Plan({self.province_name or 'national'}: {len(self.old_communes)} old -> "
            f"{len(self.new_communes)} new, {len(self._cw)} edges)"
        )

    @property
    def old_units(self) -> pd.DataFrame:
        """The old-unit register (a copy)."""
        return self._old.copy(deep=False)

    @property
    def new_units(self) -> pd.DataFrame:
        """The new-unit register (a copy)."""
        return self._new.copy(deep=False)

    @property
    def crosswalk(self) -> pd.DataFrame:
        """The crosswalk, one row per edge (a copy)."""
        return self._cw.copy(deep=False)

    @classmethod
    def build(
        cls,
        old_units: pd.DataFrame,
        new_units: pd.DataFrame,
        crosswalk: pd.DataFrame,
        province_code: str = "",
        province_name: str = "",
        *,
        sort_crosswalk: bool = True,
    ) -> Plan:
        """Normalise the three frames (copies) and return a plan. With ``sort_crosswalk=False`` the
        crosswalk keeps its row order (a file's lines, for problems to name)."""
        return cls(
            normalise_units(old_units, OLD_UNIT_COLUMNS),
            normalise_units(new_units, NEW_UNIT_COLUMNS),
            normalise_crosswalk(crosswalk, sort=sort_crosswalk),
            str(province_code),
            str(province_name),
        )

    def replace(self, **changes) -> Plan:
        """Return a new plan with some of ``old_units``, ``new_units``, ``crosswalk``,
        ``province_code``, ``province_name`` replaced; the frames are normalised again."""
        fields = {
            "old_units": self._old,
            "new_units": self._new,
            "crosswalk": self._cw,
            "province_code": self.province_code,
            "province_name": self.province_name,
        }
        unknown = set(changes) - set(fields)
        if unknown:
            raise TypeError(f"Plan has no field(s) {sorted(unknown)}; it has {sorted(fields)}")
        fields.update(changes)
        return Plan.build(**fields)

    # ---- look-ups (read-only mappings, built once) -------------------------------------------
    @cached_property
    def old_names(self) -> Mapping[str, str]:
        """Old unit code -> name."""
        return _lookup(self._old, "name")

    @cached_property
    def new_names(self) -> Mapping[str, str]:
        """New unit code -> name."""
        return _lookup(self._new, "name")

    @cached_property
    def old_provinces(self) -> Mapping[str, str]:
        """Old unit code -> code of its (old) province."""
        return _lookup(self._old, "province_code")

    @cached_property
    def new_provinces(self) -> Mapping[str, str]:
        """New unit code -> code of its (new) province."""
        return _lookup(self._new, "province_code")

    @cached_property
    def declared_islands(self) -> Mapping[str, bool]:
        """New unit code -> whether the plan declares it an island (it may have no land neighbour)."""
        return _lookup(self._new, "island")

    @cached_property
    def old_codes(self) -> Mapping[str, str]:
        """Every code and alias of an old unit -> its main code."""
        return MappingProxyType(code_lookup(self._old))

    @cached_property
    def new_codes(self) -> Mapping[str, str]:
        """Every code and alias of a new unit -> its main code."""
        return MappingProxyType(code_lookup(self._new))

    # ---- slices ---------------------------------------------------------------------------------
    @property
    def commune_edges(self) -> pd.DataFrame:
        """Crosswalk rows at commune level; a copy."""
        return self._commune_edges.copy(deep=False)

    @cached_property
    def _commune_edges(self) -> pd.DataFrame:
        return self._cw[self._cw["level"] == "commune"].reset_index(drop=True)

    @property
    def province_edges(self) -> pd.DataFrame:
        """Crosswalk rows at province level (old province -> new province); a copy."""
        return self._province_edges.copy(deep=False)

    @cached_property
    def _province_edges(self) -> pd.DataFrame:
        return self._cw[self._cw["level"] == "province"].reset_index(drop=True)

    @property
    def old_communes(self) -> pd.DataFrame:
        """Old units that must map at commune level: communes, and districts that had no communes
        (the five island districts: Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo); a copy."""
        return self._old_communes.copy(deep=False)

    @cached_property
    def _old_communes(self) -> pd.DataFrame:
        units = self._old
        with_communes = set(units.loc[units["level"] == "commune", "district_code"])
        bare_district = (units["level"] == "district") & ~units["code"].isin(with_communes)
        return units[(units["level"] == "commune") | bare_district].reset_index(drop=True)

    @property
    def new_communes(self) -> pd.DataFrame:
        """New commune-level units (xã, phường, đặc khu); a copy."""
        return self._new_communes.copy(deep=False)

    @cached_property
    def _new_communes(self) -> pd.DataFrame:
        return self._new[self._new["level"] == "commune"].reset_index(drop=True)

    # ---- derived views --------------------------------------------------------------------------
    @cached_property
    def graph(self) -> nx.DiGraph:
        """Lineage graph old -> new. Nodes are ``("old", code)`` and ``("new", code)`` with the unit's
        name, type and level; edges carry the crosswalk row (part, shares, basis)."""
        g = nx.DiGraph()
        for era, units in ((OLD, self._old), (NEW, self._new)):
            for row in units[["code", "name", "unit_type", "level"]].itertuples(index=False):
                g.add_node(
                    (era, row.code),
                    era=era,
                    code=row.code,
                    name=row.name,
                    unit_type=row.unit_type,
                    level=row.level,
                )
        for row in self._cw.to_dict("records"):
            g.add_edge((OLD, row["old_code"]), (NEW, row["new_code"]), **row)
        return g

    @cached_property
    def divided_old_units(self) -> list[str]:
        """Codes of old units whose commune-level edges go to more than one new unit, sorted."""
        counts = self.commune_edges.groupby("old_code")["new_code"].nunique()
        return sorted(counts[counts > 1].index)

    @cached_property
    def clusters(self) -> list[list[str]]:
        """Coordination clusters: groups of two or more new units tied through divided old units.

        A divided old commune's handover needs every new unit of its cluster at the table. Clusters
        are sorted by size (largest first), then by their smallest code; codes inside are sorted.
        """
        g = nx.Graph()
        edges = self.commune_edges
        divided = edges[edges["old_code"].isin(self.divided_old_units)]
        for _, group in divided.groupby("old_code"):
            codes = sorted(group["new_code"])
            nx.add_path(g, codes)
        found = [sorted(c) for c in nx.connected_components(g) if len(c) > 1]
        return sorted(found, key=lambda c: (-len(c), c[0]))

    def cluster_of(self, new_code: str) -> list[str]:
        """The coordination cluster holding ``new_code``, or ``[new_code]`` when it stands alone."""
        for cluster in self.clusters:
            if new_code in cluster:
                return cluster
        return [new_code]

    def old_units_of_cluster(self, cluster: list[str]) -> list[str]:
        """Old units whose edges reach any new unit of ``cluster``, sorted."""
        edges = self.commune_edges
        return sorted(set(edges.loc[edges["new_code"].isin(cluster), "old_code"]))

    # ---- lineage --------------------------------------------------------------------------------
    def successors(self, old_code: str) -> pd.DataFrame:
        """Crosswalk rows leaving the old unit ``old_code`` ("where did old commune X go")."""
        return self._cw[self._cw["old_code"] == old_code].reset_index(drop=True)

    def predecessors(self, new_code: str) -> pd.DataFrame:
        """Crosswalk rows entering the new unit ``new_code`` ("what made new unit Y")."""
        return self._cw[self._cw["new_code"] == new_code].reset_index(drop=True)

    def find(self, query: str) -> list[tuple[str, str]]:
        """Units matching a code or a name, as ``(era, code)`` pairs, old before new.

        A code matches exactly (aliases too); a name is read by :func:`~transition.text.match_names`
        (type words and their abbreviations, "(cũ)"/"(mới)", tone-mark placement, the i/y pair,
        numbered units, qualification by old district and province in any order), then without
        diacritics if nothing matched. Raises :class:`UnknownUnit` when nothing matches.
        """
        query = str(query).strip()
        found: list[tuple[str, str]] = []
        for era, units in ((OLD, self._old), (NEW, self._new)):
            lookup = code_lookup(units)
            if query in lookup:
                found.append((era, lookup[query]))
        if found:
            return found
        keys, rows = self.name_rows
        positions, _how = match_names(query, rows)
        if positions:
            return [keys[p] for p in positions]
        raise UnknownUnit(
            f"no old or new unit has the code or name '{query}'. {self._suggestion(query)}Give a "
            f"code such as '{self.new_communes['code'].iloc[0] if len(self.new_communes) else '06652'}'"
            " or a name with its type, e.g. 'Phường Hà Tu'"
        )

    @cached_property
    def name_rows(self) -> tuple[list[tuple[str, str]], list[tuple]]:
        """``(era, code)`` keys and the rows :func:`~transition.text.match_names` reads, old first."""
        keys, rows = [], []
        for era, units in ((OLD, self._old), (NEW, self._new)):
            district = units["district_name"] if "district_name" in units else [""] * len(units)
            for row, d in zip(units.itertuples(index=False), district, strict=True):
                keys.append((era, row.code))
                rows.append((row.name, row.unit_type, _blank(d), _blank(row.province_name), era))
        return keys, rows

    def _suggestion(self, query: str) -> str:
        """A "did you mean" for a code that lost its leading zeros or a misspelt name."""
        if query.isdigit():
            for era, units in ((OLD, self._old), (NEW, self._new)):
                lookup = code_lookup(units)
                for width in sorted({len(c) for c in lookup}):
                    padded = query.zfill(width)
                    if padded != query and padded in lookup:
                        name = self.unit(era, lookup[padded])["name"]
                        return f"Did you mean '{padded}' ({name})? Codes keep their leading zeros. "
            return ""
        names = list(self._old["name"]) + list(self._new["name"])
        close = suggest(query, names)
        return f"Did you mean {' or '.join(repr(c) for c in close)}? " if close else ""

    def unit(self, era: str, code: str) -> dict:
        """The register row of a unit as a dict."""
        units = self._old if era == OLD else self._new
        rows = units[units["code"] == code]
        if rows.empty:
            raise UnknownUnit(f"no {era} unit has the code '{code}'")
        return rows.iloc[0].to_dict()


def _lookup(units: pd.DataFrame, column: str) -> Mapping:
    """``code -> column`` of a unit table, read-only."""
    return MappingProxyType(dict(zip(units["code"], units[column], strict=True)))
