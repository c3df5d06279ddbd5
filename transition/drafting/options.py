"""Options: several partitions that differ, each measured and ranked.

Goals in order (the ranking key): units still short, units touched (members of merged units),
then compactness (mean Polsby–Popper of merged units, higher first), mean distance from members to
the proposed seat, and balance (coefficient of variation of the resulting populations).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .construct import STRATEGIES, Partition, construct
from .improve import improve
from .instance import Instance

UNKNOWN = "figures unknown"


@dataclass
class Option:
    """One ranked option: the partition and its measures (distances in km)."""

    rank: int
    strategy: str
    part: Partition
    units_before: int
    units_after: int
    touched: int
    short: list[tuple[int, str]]  # (lead's position, reason) of every resulting unit still short
    compactness: float
    mean_km: float
    worst_km: float
    balance: float

    def key(self) -> tuple:
        return (
            len(self.short),
            self.touched,
            -round(self.compactness, 4),
            round(self.mean_km, 3),
            round(self.balance, 4),
        )


def measure(inst: Instance, part: Partition, strategy: str) -> Option:
    """The measures of a partition (see :class:`Option`)."""
    merged = [m for m in part.groups.values() if len(m) > 1]
    dists = [d / 1000 for m in merged for d in inst.distances(m) if d > 0]
    pops = [sum(inst.pop[i] for i in m) for m in part.groups.values()]
    short = sorted(
        (inst.lead(m), part.reasons.get(g) or _why(inst, m))
        for g, m in part.groups.items()
        if (not inst.meets(m) or any(inst.fixed[i].startswith(UNKNOWN) for i in m))
        and not all(inst.fixed[i] == "no numeric standard" for i in m)
    )
    return Option(
        rank=0,
        strategy=strategy,
        part=part,
        units_before=inst.n,
        units_after=len(part.groups),
        touched=sum(len(m) for m in merged),
        short=short,
        compactness=statistics.fmean(inst.polsby_popper(m) for m in merged) if merged else 1.0,
        mean_km=statistics.fmean(dists) if dists else 0.0,
        worst_km=max(dists) if dists else 0.0,
        balance=statistics.pstdev(pops) / statistics.fmean(pops) if len(pops) > 1 else 0.0,
    )


def _why(inst: Instance, members: list[int]) -> str:
    return "; ".join(sorted({inst.fixed[i] for i in members if inst.fixed[i]})) or "cannot grow"


def solve(inst: Instance, strategy: str = "fewest", banned=frozenset()) -> Partition:
    """Construction then improvement."""
    return improve(inst, construct(inst, strategy, banned=banned))


def draft_options(inst: Instance, n: int = 5) -> list[Option]:
    """Up to ``n`` options that differ in at least one merged unit, ranked best first.

    Candidates come from every construction strategy, then from banning, one at a time, a pair of
    units that the best options join (so the next option must merge otherwise)."""
    seen: dict[frozenset, Option] = {}
    for strategy in STRATEGIES:
        opt = measure(inst, solve(inst, strategy), strategy)
        seen.setdefault(opt.part.key(), opt)
    ranked = sorted(seen.values(), key=Option.key)
    tries = 0
    while len(seen) < n and tries < 4 * n:
        tries += 1
        base = ranked[(tries - 1) % len(ranked)]
        groups = sorted(
            (m for m in base.part.groups.values() if len(m) > 1), key=lambda m: (-len(m), m)
        )
        if not groups:
            break
        g = groups[((tries - 1) // len(ranked)) % len(groups)]
        lead = inst.lead(g)
        banned = frozenset(frozenset((lead, i)) for i in g if i != lead)
        opt = measure(
            inst,
            solve(inst, base.strategy, banned),
            f"{base.strategy}, other partner for {inst.names[lead]}",
        )
        seen.setdefault(opt.part.key(), opt)
        ranked = sorted(seen.values(), key=Option.key)
    out = ranked[:n]
    for k, opt in enumerate(out, start=1):
        opt.rank = k
    return out
