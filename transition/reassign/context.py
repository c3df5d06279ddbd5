"""What the rules need to know of the plan, computed once: successors, whole successors, the new units
a district's bodies may go to, shares, points and polygons of the new units."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import shapely

from ..geo import PlanGeometry
from ..model import Plan
from ..model.shares import all_people_to, people_shares


@dataclass(frozen=True)
class PlanContext:
    plan: Plan
    geometry: PlanGeometry | None

    @cached_property
    def commune_holders(self) -> set[str]:
        """Old units that hold items as a commune (communes, and the island districts without communes)."""
        return set(self.plan.old_communes["code"])

    @cached_property
    def district_holders(self) -> set[str]:
        units = self.plan.old_units
        return set(units.loc[units["level"] == "district", "code"]) - self.commune_holders

    @cached_property
    def successors(self) -> dict[str, list[str]]:
        edges = self.plan.commune_edges
        return {k: sorted(set(v)) for k, v in edges.groupby("old_code")["new_code"]}

    @cached_property
    def whole(self) -> dict[str, str]:
        """Old units that went whole to one new unit -> that unit."""
        return {k: v[0] for k, v in self.successors.items() if len(v) == 1}

    @cached_property
    def district_of(self) -> dict[str, str]:
        units = self.plan.old_units
        return dict(zip(units["code"], units["district_code"], strict=True))

    @cached_property
    def district_units(self) -> dict[str, list[str]]:
        """A district -> the new units that took any of its communes (where its bodies' staff may go)."""
        out: dict[str, set[str]] = {}
        for old, news in self.successors.items():
            out.setdefault(self.district_of.get(old, ""), set()).update(news)
        return {k: sorted(v) for k, v in out.items()}

    def candidates(self, holder: str) -> list[str]:
        if holder in self.commune_holders:
            return self.successors.get(holder, [])
        if holder in self.district_holders:
            return self.district_units.get(holder, [])
        return []

    @cached_property
    def shares(self) -> dict[str, dict[str, float]]:
        """How a holder's people divide among its candidates: a divided commune by its people's shares
        (fixed by the text, the rest by area, see :func:`~transition.model.shares.people_shares`); a
        district by how many of its communes each unit took."""
        out = people_shares(self.plan.commune_edges)  # a divided commune: its people's shares
        counts: dict[str, dict[str, float]] = {}
        for old, news in self.successors.items():
            d = self.district_of.get(old, "")
            for new in news:
                counts.setdefault(d, {}).setdefault(new, 0.0)
                counts[d][new] += 1.0 / len(news)
        for d, c in counts.items():
            total = sum(c.values())
            out[d] = {k: v / total for k, v in c.items()}
        return out

    @cached_property
    def all_people_to(self) -> dict[str, str]:
        """A divided commune -> the new unit its resolution gives all its people (see
        :func:`~transition.model.shares.all_people_to`)."""
        return all_people_to(self.plan.commune_edges)

    @cached_property
    def all_people_clause(self) -> dict[str, str]:
        """A divided commune of :attr:`all_people_to` -> the citation of that edge."""
        edges = self.plan.commune_edges
        out = {}
        for e in edges.itertuples(index=False):
            if self.all_people_to.get(e.old_code) == e.new_code:
                out[e.old_code] = f"{e.basis_document}, {e.basis_clause}".strip(", ")
        return out

    @cached_property
    def estimated_people(self) -> set[str]:
        """Divided communes whose people's split is not fully stated (some share estimated)."""
        edges = self.plan.commune_edges
        open_ = edges["pop_share"].isna() | edges["pop_share_estimated"].astype(bool)
        return set(edges.loc[open_, "old_code"]) & set(self.shares)

    @property
    def new_names(self) -> Mapping[str, str]:
        return self.plan.new_names

    @property
    def new_province(self) -> Mapping[str, str]:
        return self.plan.new_provinces

    @cached_property
    def old_province_to_new(self) -> dict[str, str]:
        pe = self.plan.province_edges
        return dict(zip(pe["old_code"], pe["new_code"], strict=True))

    @cached_property
    def _holder_province(self) -> dict[str, str]:
        units = self.plan.old_units
        return {
            c: self.old_province_to_new.get(p, p)
            for c, p in zip(units["code"], units["province_code"], strict=True)
        }

    def province_of_holder(self, holder: str) -> str:
        """The new province of an old unit's province."""
        return self._holder_province.get(holder, "")

    @cached_property
    def points(self) -> dict[str, tuple[float, float]]:
        """Points (lon, lat) of old and new units, new ones under "new:" keys."""
        out = {
            c: (x, y)
            for c, x, y in zip(
                self.plan.old_units["code"],
                self.plan.old_units["lon"],
                self.plan.old_units["lat"],
                strict=True,
            )
        }
        out |= {
            f"new:{c}": (x, y)
            for c, x, y in zip(
                self.plan.new_units["code"],
                self.plan.new_units["lon"],
                self.plan.new_units["lat"],
                strict=True,
            )
        }
        return out

    def distance_km(self, old: str, new: str) -> float:
        """Great-circle distance between an old unit's point and a new unit's point (0 when unknown)."""
        a, b = self.points.get(old), self.points.get(f"new:{new}")
        if a is None or b is None or any(pd.isna(v) for v in (*a, *b)):
            return 0.0
        lon1, lat1, lon2, lat2 = map(np.radians, (*a, *b))
        h = (
            np.sin((lat2 - lat1) / 2) ** 2
            + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        )
        return float(6371.0 * 2 * np.arcsin(np.sqrt(h)))

    @cached_property
    def polygons(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The new units' polygons, sorted by code, prepared for repeated containment tests."""
        if self.geometry is None or self.geometry.new.empty:
            return None
        order = self.geometry.new.sort_values("code")
        geoms = order.geometry.to_numpy()
        shapely.prepare(geoms)
        return geoms, order["code"].to_numpy()

    def locate(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """The new unit whose polygon contains each point ("" where none does, or the point is missing).
        Where polygons overlap, the unit with the smallest code wins, so the answer is reproducible."""
        out = np.full(len(lon), "", dtype=object)
        ok = ~(np.isnan(lon) | np.isnan(lat))
        if self.polygons is None or not ok.any():
            return out
        geoms, codes = self.polygons
        where = np.flatnonzero(ok)
        # The tree over the points and the few prepared polygons as queries: much faster than the
        # other way round (the trick geopandas.sjoin uses for "within").
        tree = shapely.STRtree(shapely.points(lon[where], lat[where]))
        g_idx, p_idx = tree.query(geoms, predicate="contains")
        if len(p_idx) == 0:
            return out
        # the smallest code first: the tree's geometries are sorted by code
        order = np.lexsort((g_idx, p_idx))
        p_idx, g_idx = p_idx[order], g_idx[order]
        first = np.r_[True, p_idx[1:] != p_idx[:-1]]
        out[where[p_idx[first]]] = codes[g_idx[first]]
        return out
