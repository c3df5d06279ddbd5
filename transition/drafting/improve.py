"""Improvement step: local moves that keep every hard constraint and every unit's standard.

0. *Split*: a merged group that can be cut into two contiguous groups that both meet their
   standards is cut (more units: the max-p objective).
1. *Release*: a member whose group meets its standard without it, and which meets its own alone,
   leaves the group (fewer units changed, more units).
2. *Move*: a border member passes from one merged group to a neighbouring merged group when both
   still meet their standards, both stay contiguous, and the sum of their Polsby–Popper scores
   rises (the local search of max-p, spopt ``region/maxp.py``, with compactness as the objective).
Neither step ever touches a unit the construction left alone.
"""

from __future__ import annotations

import networkx as nx

from .construct import Partition
from .instance import Instance


def _connected(inst: Instance, members: list[int]) -> bool:
    if len(members) <= 1:
        return True
    s = set(members)
    seen, stack = {members[0]}, [members[0]]
    while stack:
        i = stack.pop()
        for j in inst.adj[i]:
            if j in s and j not in seen:
                seen.add(j)
                stack.append(j)
    return len(seen) == len(s)


def _must_partner(inst: Instance, i: int, members: list[int]) -> bool:
    return any((a == i and b in members) or (b == i and a in members) for a, b in inst.must)


def _never(inst: Instance, i: int, members: list[int]) -> bool:
    return bool(inst.never.get(i, set()) & set(members))


def release(inst: Instance, part: Partition) -> Partition:
    """Let members leave merged groups while both sides meet their standards (see module doc)."""
    part = part.copy()
    changed = True
    while changed:
        changed = False
        for g in sorted(part.groups):
            members = part.groups.get(g)
            if not members or len(members) < 2 or not inst.meets(members):
                continue
            for i in sorted(members, key=lambda k: (inst.pop[k], k)):
                rest = [k for k in members if k != i]
                if (
                    inst.meets([i])
                    and inst.meets(rest)
                    and not _must_partner(inst, i, rest)
                    and _connected(inst, rest)
                ):
                    new_g = rest[0]
                    del part.groups[g]
                    part.groups[new_g] = rest
                    part.groups[i] = [i]
                    for k in rest:
                        part.label[k] = new_g
                    part.label[i] = i
                    changed = True
                    break
    return part


def _bfs(inst: Instance, seed: int, members: set[int]) -> list[int]:
    order, seen = [seed], {seed}
    k = 0
    while k < len(order):
        for j in sorted(inst.adj[order[k]]):
            if j in members and j not in seen:
                seen.add(j)
                order.append(j)
        k += 1
    return order


def _bisect(inst: Instance, members: list[int]) -> tuple[list[int], list[int]] | None:
    """Two connected parts of ``members`` that both meet their standards, or ``None``."""
    s = set(members)
    for seed in sorted(members):
        grown: list[int] = []
        for i in _bfs(inst, seed, s):
            grown.append(i)
            if inst.meets(grown):
                break
        rest = sorted(s - set(grown))
        if (
            rest
            and inst.meets(grown)
            and inst.meets(rest)
            and _connected(inst, rest)
            and not any((a in grown) != (b in grown) for a, b in inst.must if a in s and b in s)
        ):
            return sorted(grown), rest
    return None


def split(inst: Instance, part: Partition) -> Partition:
    """Split merged groups into two contiguous groups that both meet their standards, while one
    can be found (more units; the max-p objective)."""
    part = part.copy()
    todo = sorted(g for g, m in part.groups.items() if len(m) > 1)
    while todo:
        g = todo.pop()
        members = part.groups.get(g)
        if not members or len(members) < 2 or not inst.meets(members):
            continue
        found = _bisect(inst, members)
        if found is None:
            continue
        del part.groups[g]
        for half in found:
            part.groups[half[0]] = half
            for k in half:
                part.label[k] = half[0]
            todo.append(half[0])
    return part


def move(inst: Instance, part: Partition, passes: int = 3) -> Partition:
    """Move border members between merged groups to raise the summed Polsby–Popper score."""
    part = part.copy()
    for _ in range(passes):
        moved = False
        for i in range(inst.n):
            a = part.label[i]
            src = part.groups[a]
            if len(src) < 2 or inst.fixed[i] or _must_partner(inst, i, src):
                continue
            rest = [k for k in src if k != i]
            if not inst.meets(rest) or not _connected(inst, rest):
                continue
            for b in sorted({part.label[j] for j in inst.adj[i]} - {a}):
                dst = part.groups[b]
                if len(dst) < 2 or _never(inst, i, dst):
                    continue
                grown = dst + [i]
                if not inst.meets(grown):
                    continue
                before = inst.polsby_popper(src) + inst.polsby_popper(dst)
                after = inst.polsby_popper(rest) + inst.polsby_popper(grown)
                if after > before + 1e-9:
                    new_a = min(rest)
                    del part.groups[a]
                    part.groups[new_a] = sorted(rest)
                    for k in rest:
                        part.label[k] = new_a
                    part.groups[b] = sorted(grown)
                    part.label[i] = b
                    moved = True
                    break
        if not moved:
            break
    return part


def improve(inst: Instance, part: Partition) -> Partition:
    """:func:`release`, then :func:`move`; the reasons of groups still short are kept."""
    out = move(inst, release(inst, split(inst, part)))
    out.reasons = {
        g: why
        for g, why in part.reasons.items()
        if g in out.groups and not inst.meets(out.groups[g])
    }
    for g, members in out.groups.items():
        if g not in out.reasons and not inst.meets(members):
            old = {part.label[i] for i in members} & set(part.reasons)
            out.reasons[g] = part.reasons[min(old)] if old else "cannot grow"
    return out


def contiguous(inst: Instance, members: list[int]) -> bool:
    """Whether ``members`` form one connected piece of the instance's graph (networkx check)."""
    g = nx.Graph()
    g.add_nodes_from(members)
    s = set(members)
    g.add_edges_from((i, j) for i in members for j in inst.adj[i] if j in s)
    return nx.is_connected(g) if members else True
