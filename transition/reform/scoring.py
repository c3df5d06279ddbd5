"""The rules that turn a sub-criterion's value into points (see :class:`~transition.profiles.rubric.Item`).

Every rule is monotone: a better value never earns fewer points, and no rule gives more than the
item's maximum.

>>> from transition.profiles.rubric import Item
>>> online = Item(id="a", vi="", en="", max=12, method="data", rule="target", target=0.5)
>>> points(online, 0.31), points(online, 0.5), points(online, 0.9)
(7.44, 12.0, 12.0)
"""

from __future__ import annotations

import math

from ..profiles.rubric import Item


def points(item: Item, value: float) -> float:
    """Points of ``item`` for ``value`` (a share 0–1 for ``linear`` and ``target``; the measured
    figure for ``steps``; 1/0 for ``yesno``; a count of cases for ``deduction``), rounded to 0.01.

    Raises :class:`ValueError` for a value that is not a number or is negative.
    """
    if value is None or math.isnan(float(value)):
        raise ValueError(f"item {item.id}: no value")
    v = float(value)
    if v < 0:
        raise ValueError(f"item {item.id}: value {v} is negative")
    if item.rule == "linear":
        got = item.max * min(v, 1.0)
    elif item.rule == "target":
        assert item.target is not None
        got = item.max * min(v / item.target, 1.0)
    elif item.rule == "steps":
        reached = [s.points for s in item.steps if v >= s.at]
        got = max(reached, default=0.0)
    elif item.rule == "yesno":
        got = item.max if v >= 0.5 else 0.0
    else:  # deduction
        assert item.per_unit is not None
        got = max(item.max - item.per_unit * v, 0.0)
    return round(min(got, item.max), 2)


def full_value(item: Item) -> float | None:
    """The smallest value that earns the item's full points (``None`` for a deduction: no cases)."""
    if item.rule == "linear":
        return 1.0
    if item.rule == "target":
        return item.target
    if item.rule == "steps":
        best = max(s.points for s in item.steps)
        return min(s.at for s in item.steps if s.points == best)
    if item.rule == "yesno":
        return 1.0
    return 0.0


def next_value(item: Item, value: float) -> float | None:
    """The value of the next improvement worth naming: the next step up for ``steps``, full points
    otherwise; ``None`` when the item already has its full points."""
    if points(item, value) >= item.max:
        return None
    if item.rule == "steps":
        higher = sorted(s.at for s in item.steps if s.at > value)
        return higher[0] if higher else None
    return full_value(item)
