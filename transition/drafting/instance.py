"""The drafting instance: units, their figures and standards, and the graph they may merge along.

Hard constraints live here as data the search consults: edges only inside one province, islands
without an edge unless a department lists a link, units that may not move (locked, exempt, no
numeric standard, figures unknown), must-together and never-together pairs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..checks.criteria import requirements
from ..profiles.standards import Standards


@dataclass
class Instance:
    """Units ``0..n-1`` (positions in ``codes``) and what the search needs of them.

    ``pop`` people, ``area`` km² (official figures); ``need`` the minimum ``(population, area)`` of
    each unit when it leads a merged unit (the most populous member leads); ``fixed`` the reason a
    unit may not move (``""``: it may); ``adj[i]`` neighbour -> shared border in metres (a link: 0);
    ``geo_area`` m² and ``perim`` m of the polygon (Polsby–Popper of a union from them: the shared
    borders cancel); ``xy`` the seat in metres; ``never`` unit -> units it may not join; ``must``
    pairs that must end together; ``cut`` neighbours in another province (never joined).
    """

    codes: list[str]
    names: list[str]
    province: list[str]
    pop: list[float]
    area: list[float]
    need: list[tuple[float, float]]
    fixed: list[str]
    island: list[bool]
    adj: list[dict[int, float]]
    geo_area: list[float]
    perim: list[float]
    xy: list[tuple[float, float]]
    never: dict[int, set[int]] = field(default_factory=dict)
    must: list[tuple[int, int]] = field(default_factory=list)
    cut: list[int] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.codes)

    def lead(self, members) -> int:
        """The member that leads a merged unit: the most populous (then the first code)."""
        return max(members, key=lambda i: (self.pop[i], -i))

    def meets(self, members, pop: float | None = None, area: float | None = None) -> bool:
        """Whether the union of ``members`` meets the standard of its lead."""
        p = sum(self.pop[i] for i in members) if pop is None else pop
        a = sum(self.area[i] for i in members) if area is None else area
        need_p, need_a = self.need[self.lead(members)]
        return p >= need_p and a >= need_a

    def meets_led(self, lead: int, pop: float, area: float) -> bool:
        """Whether figures ``pop``, ``area`` meet the standard of unit ``lead``."""
        need_p, need_a = self.need[lead]
        return pop >= need_p and area >= need_a

    def progress(self, lead: int, pop: float, area: float) -> float:
        """How far a union led by ``lead`` is towards its standard: the smaller of
        ``min(1, value / minimum)``."""
        need_p, need_a = self.need[lead]
        rp = min(1.0, pop / need_p) if need_p else 1.0
        ra = min(1.0, area / need_a) if need_a else 1.0
        return min(rp, ra)

    def polsby_perimeter(self, members) -> float:
        """Perimeter in metres of the union of ``members``: theirs less the shared borders."""
        s = set(members)
        return sum(self.perim[i] for i in s) - sum(
            w for i in s for j, w in self.adj[i].items() if j in s
        )

    def polsby_popper(self, members) -> float:
        """:math:`4 \\pi A / P^2` of the union of ``members`` (1 for a disc)."""
        area = sum(self.geo_area[i] for i in members)
        perim = self.polsby_perimeter(members)
        return 4 * math.pi * area / perim**2 if perim > 0 else 0.0

    def distances(self, members) -> list[float]:
        """Distance in metres from each member's seat to the lead's."""
        x0, y0 = self.xy[self.lead(members)]
        return [math.hypot(self.xy[i][0] - x0, self.xy[i][1] - y0) for i in members]


def build_instance(
    facts: pd.DataFrame,
    std: Standards,
    pairs: pd.DataFrame,
    geo_area: np.ndarray,
    perim: np.ndarray,
    xy: np.ndarray,
    *,
    links: pd.DataFrame | None = None,
    together: pd.DataFrame | None = None,
    excluded: set[str] | frozenset[str] = frozenset(),
) -> Instance:
    """The instance of ``facts`` (rows in the order of ``geo_area``, ``perim``, ``xy``).

    ``pairs`` are rook neighbours (``i, j, shared`` in metres, positions in ``facts``); ``links``
    (``code_a, code_b``) join islands; ``together`` (``code_a, code_b, relation`` = ``must`` /
    ``never``); ``excluded`` codes stay as they are (``--exclude-unknown``). Legal source of the
    minima: the profile (Resolution 112/2025/UBTVQH15).
    """
    n = len(facts)
    codes = facts["code"].tolist()
    pos = {c: k for k, c in enumerate(codes)}
    province = facts["province_code"].tolist()
    need, fixed = _needs_and_fixed(facts, std, excluded)
    adj, cut = _adjacency(pairs, province, n)
    island = [not a for a in adj]
    if links is not None:
        _add_links(adj, links, pos, province)
    never, must = _together(together, pos) if together is not None else ({}, [])
    return Instance(
        codes=codes,
        names=facts["name"].tolist(),
        province=province,
        pop=[float(v) if not pd.isna(v) else 0.0 for v in facts["population"]],
        area=[float(v) if not pd.isna(v) else 0.0 for v in facts["area_km2"]],
        need=need,
        fixed=fixed,
        island=island,
        adj=adj,
        geo_area=[float(v) for v in geo_area],
        perim=[float(v) for v in perim],
        xy=[(float(x), float(y)) for x, y in xy],
        never=never,
        must=must,
        cut=cut,
    )


def _needs_and_fixed(
    facts: pd.DataFrame, std: Standards, excluded: set[str] | frozenset[str]
) -> tuple[list[tuple[float, float]], list[str]]:
    """Per row of ``facts``: the minimum ``(population, area km²)`` it needs when it leads (0, 0
    without one numeric requirement), and why it may not move (``""``: it may; excluded, no
    numeric standard, class unknown, locked, exempt)."""
    need, fixed = [], []
    labels = std.exemption
    for r in facts.itertuples(index=False):
        flags = tuple(f for f in ("red_river_delta", "coastal_sandbank") if getattr(r, f))
        reqs = requirements(std, r.unit_type, r.region, r.province_code, flags)
        req = reqs[0] if len(reqs) == 1 else None
        need.append((req.population or 0.0, req.area_km2 or 0.0) if req else (0.0, 0.0))
        if r.code in excluded:
            fixed.append(f"figures unknown: {r.facts_problem}" if r.facts_problem else "excluded")
        elif not reqs:
            fixed.append("no numeric standard")
        elif req is None:
            fixed.append("class unknown")
        elif r.locked:
            fixed.append("locked")
        elif r.exemption:
            e = labels.get(r.exemption)
            fixed.append(f"exempt: {e.label_en if e else r.exemption}")
        else:
            fixed.append("")
    return need, fixed


def _adjacency(
    pairs: pd.DataFrame, province: list[str], n: int
) -> tuple[list[dict[int, float]], list[int]]:
    """Neighbour -> shared border (metres) of each of ``n`` units from rook ``pairs`` (``i, j,
    shared``) inside one province, and per unit the count of neighbours in another province."""
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    cut = [0] * n
    for i, j, w in zip(pairs["i"], pairs["j"], pairs["shared"], strict=True):
        if province[i] != province[j]:
            cut[i] += 1
            cut[j] += 1
            continue
        adj[i][j] = adj[j][i] = float(w)
    return adj, cut


def _add_links(
    adj: list[dict[int, float]], links: pd.DataFrame, pos: dict[str, int], province: list[str]
) -> None:
    """Join the ``links`` (``code_a, code_b``: bridges, ferries) inside one province into ``adj``
    with a shared border of 0 (in place; a pair already adjacent keeps its border)."""
    for a, b in zip(links["code_a"], links["code_b"], strict=True):
        if a in pos and b in pos and province[pos[a]] == province[pos[b]]:
            adj[pos[a]].setdefault(pos[b], 0.0)
            adj[pos[b]].setdefault(pos[a], 0.0)


def _together(
    together: pd.DataFrame, pos: dict[str, int]
) -> tuple[dict[int, set[int]], list[tuple[int, int]]]:
    """The ``together`` pairs (``code_a, code_b, relation``) of known codes: ``never`` /
    ``không cùng`` as unit -> units it may not join, any other relation as a must pair."""
    never: dict[int, set[int]] = {}
    must = []
    for a, b, rel in zip(together["code_a"], together["code_b"], together["relation"], strict=True):
        if a not in pos or b not in pos:
            continue
        if str(rel).strip().lower() in ("never", "không cùng"):
            never.setdefault(pos[a], set()).add(pos[b])
            never.setdefault(pos[b], set()).add(pos[a])
        else:
            must.append((pos[a], pos[b]))
    return never, must
