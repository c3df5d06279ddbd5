"""Construction step: grow every unit below its standard by merging whole neighbouring units.

A greedy region-growing in the spirit of max-p (pysal/spopt ``region/maxp.py``, construction phase)
but driven by the law: only units below their standard start a merge, each takes the neighbour
that fixes it soonest (preferring a neighbour that is short too, so one merge fixes two), and the
hard constraints of :class:`~transition.drafting.instance.Instance` are consulted at every step.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .instance import Instance

STRATEGIES = ("fewest", "compact", "near", "balanced")


@dataclass
class Partition:
    """Units grouped into resulting units: ``label[i]`` is the group of unit ``i`` (a member's
    position); ``groups`` group -> sorted members; ``reasons`` group -> why it is still short."""

    label: list[int]
    groups: dict[int, list[int]]
    reasons: dict[int, str] = field(default_factory=dict)

    @classmethod
    def singletons(cls, n: int) -> Partition:
        return cls(list(range(n)), {i: [i] for i in range(n)})

    def copy(self) -> Partition:
        return Partition(
            list(self.label), {g: list(m) for g, m in self.groups.items()}, dict(self.reasons)
        )

    def key(self) -> frozenset:
        """The merged groups, to tell two partitions apart."""
        return frozenset(frozenset(m) for m in self.groups.values() if len(m) > 1)


class Grower:
    """Mutable state of the construction: groups with their sums and the group graph."""

    def __init__(self, inst: Instance, part: Partition):
        self.inst = inst
        self.part = part
        g = part.groups
        self.pop = {k: sum(inst.pop[i] for i in m) for k, m in g.items()}
        self.area = {k: sum(inst.area[i] for i in m) for k, m in g.items()}
        self.lead = {k: inst.lead(m) for k, m in g.items()}
        self.geo = {k: sum(inst.geo_area[i] for i in m) for k, m in g.items()}
        self.perim = {k: inst.polsby_perimeter(m) for k, m in g.items()}
        self.adj: dict[int, dict[int, float]] = {k: {} for k in g}
        for i in range(inst.n):
            a = part.label[i]
            for j, w in inst.adj[i].items():
                b = part.label[j]
                if a != b:
                    self.adj[a][b] = self.adj[a].get(b, 0.0) + w

    def movable(self, g: int) -> bool:
        return not any(self.inst.fixed[i] for i in self.part.groups[g])

    def meets(self, g: int) -> bool:
        return self.inst.meets_led(self.lead[g], self.pop[g], self.area[g])

    def merged_lead(self, g: int, h: int) -> int:
        a, b = self.lead[g], self.lead[h]
        pop = self.inst.pop
        return a if (pop[a], -a) >= (pop[b], -b) else b

    def merged_pp(self, g: int, h: int) -> float:
        """Polsby–Popper of ``g`` and ``h`` together: the shared border leaves the perimeter."""
        perim = self.perim[g] + self.perim[h] - 2 * self.adj[g].get(h, 0.0)
        return 4 * math.pi * (self.geo[g] + self.geo[h]) / perim**2 if perim > 0 else 0.0

    def allowed(self, a: int, b: int) -> bool:
        """Whether groups ``a`` and ``b`` may merge (both movable, no never-together pair)."""
        if not (self.movable(a) and self.movable(b)):
            return False
        never = self.inst.never
        mb = set(self.part.groups[b])
        return not any(never.get(i, set()) & mb for i in self.part.groups[a])

    def merge(self, a: int, b: int) -> int:
        """Merge ``b`` into ``a``; returns ``a``."""
        part = self.part
        for i in part.groups[b]:
            part.label[i] = a
        part.groups[a] = sorted(part.groups[a] + part.groups.pop(b))
        self.lead[a] = self.merged_lead(a, b)
        self.perim[a] = self.perim[a] + self.perim[b] - 2 * self.adj[a].get(b, 0.0)
        self.geo[a] += self.geo.pop(b)
        del self.perim[b], self.lead[b]
        self.pop[a] += self.pop.pop(b)
        self.area[a] += self.area.pop(b)
        for c, w in self.adj.pop(b).items():
            self.adj[c].pop(b, None)
            if c != a:
                self.adj[a][c] = self.adj[a].get(c, 0.0) + w
                self.adj[c][a] = self.adj[c].get(a, 0.0) + w
        self.adj[a].pop(a, None)
        self.adj[a].pop(b, None)
        return a


def _score(strategy: str) -> Callable:
    def score(inst, members: list[int], fixes: bool, both_short: bool, prog: float, pp: float):
        size = len(members)
        if strategy == "compact":
            return (not fixes, -pp, not both_short, size)
        if strategy == "near":
            return (not fixes, max(inst.distances(members)), not both_short, size)
        if strategy == "balanced":
            return (not fixes, sum(inst.pop[i] for i in members), not both_short, -pp)
        return (not fixes, not both_short, size, -prog, -pp)

    return score


def construct(
    inst: Instance,
    strategy: str = "fewest",
    *,
    banned: frozenset[frozenset[int]] = frozenset(),
    start: Partition | None = None,
) -> Partition:
    """Merge until every movable group meets its standard or cannot grow; returns the partition
    with a reason for each group still short.

    ``strategy`` orders the neighbours tried (``fewest``: fix soonest with the fewest units, a
    short neighbour first; ``compact``: Polsby–Popper; ``near``: distance to the seat;
    ``balanced``: the smallest population). ``banned`` unit pairs are never joined directly (to
    draw a different option). Must-together pairs are joined first.
    """
    part = start.copy() if start else Partition.singletons(inst.n)
    grow = Grower(inst, part)
    for x, y in inst.must:
        ga, gb = part.label[x], part.label[y]
        if ga != gb and gb in grow.adj[ga]:
            grow.merge(ga, gb)
    score = _score(strategy)
    heap: list[tuple[int, float, int]] = []
    for g in part.groups:
        if grow.movable(g) and not grow.meets(g):
            heapq.heappush(
                heap, (len(grow.adj[g]), inst.progress(grow.lead[g], grow.pop[g], grow.area[g]), g)
            )
    while heap:
        _, _, g = heapq.heappop(heap)
        if g not in part.groups or grow.meets(g):
            continue
        best, best_key = None, None
        for h in grow.adj[g]:
            if not grow.allowed(g, h) or _banned(part, g, h, banned):
                continue
            members = part.groups[g] + part.groups[h]
            p, a = grow.pop[g] + grow.pop[h], grow.area[g] + grow.area[h]
            lead = grow.merged_lead(g, h)
            fixes = inst.meets_led(lead, p, a)
            prog = inst.progress(lead, p, a)
            key = score(inst, members, fixes, not grow.meets(h), prog, grow.merged_pp(g, h))
            if best_key is None or key < best_key:
                best, best_key = h, key
        if best is None:
            part.reasons[g] = _why_stuck(inst, grow, g)
            continue
        g = grow.merge(g, best)
        part.reasons.pop(best, None)
        if not grow.meets(g):
            heapq.heappush(
                heap, (len(grow.adj[g]), inst.progress(grow.lead[g], grow.pop[g], grow.area[g]), g)
            )
    for g in list(part.reasons):
        if g not in part.groups or grow.meets(g):
            part.reasons.pop(g)
    for g in part.groups:
        if not grow.meets(g) and g not in part.reasons:
            part.reasons[g] = _why_fixed(inst, part.groups[g])
    return part


def _banned(part: Partition, g: int, h: int, banned) -> bool:
    if not banned:
        return False
    return any(frozenset((i, j)) in banned for i in part.groups[g] for j in part.groups[h])


def _why_fixed(inst: Instance, members: list[int]) -> str:
    reasons = sorted({inst.fixed[i] for i in members if inst.fixed[i]})
    return "; ".join(reasons) or "cannot grow"


def _why_stuck(inst: Instance, grow: Grower, g: int) -> str:
    """Why a short group cannot take any neighbour: island, no neighbour, all neighbours locked."""
    members = grow.part.groups[g]
    if any(inst.fixed[i] for i in members):
        return _why_fixed(inst, members)
    if not grow.adj[g] and len(members) > 1:
        return "every unit it can reach, together, still falls short"
    if not grow.adj[g]:
        if all(inst.island[i] for i in members) and not any(inst.cut[i] for i in members):
            return "island: no land neighbour and no link listed"
        if any(inst.cut[i] for i in members):
            return "no neighbour in its province (its neighbours are in another province)"
        return "no neighbour"
    blocked = sorted(
        {inst.fixed[i] or "never-together" for h in grow.adj[g] for i in grow.part.groups[h]} - {""}
    )
    return "every neighbour is unavailable (" + ", ".join(blocked) + ")"
