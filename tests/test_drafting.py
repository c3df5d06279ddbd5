"""Drafting on hand-made graphs whose best answer is known, one test per hard constraint (each
fails if the constraint is dropped), and a property test over random planar graphs."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from transition.drafting.construct import construct
from transition.drafting.improve import contiguous, improve, release
from transition.drafting.instance import build_instance
from transition.drafting.options import draft_options
from transition.profiles import parse_profile
from transition.profiles.standards import Standards

# Every unit is a Xã of class "other": it needs 10 people and 10 km².
STD = parse_profile(
    Standards,
    {
        "name": "test",
        "unknown_regions": ["other"],
        "minimum": [{"unit_type": "Xã", "region": "other", "population": 10, "area_km2": 10}],
        "exemption": {"defence": {"label_en": "defence", "label_vi": "quốc phòng"}},
    },
)


def make(pops, areas, edges, *, provinces=None, locked=(), exempt=(), links=None, together=None):
    n = len(pops)
    facts = pd.DataFrame(
        {
            "code": [f"{k:05d}" for k in range(n)],
            "name": [f"Xã {k}" for k in range(n)],
            "unit_type": "Xã",
            "province_code": provinces or ["01"] * n,
            "province_name": "P",
            "population": [float(p) for p in pops],
            "area_km2": [float(a) for a in areas],
            "lon": 0.0,
            "lat": 0.0,
            "region": "other",
            "region_source": "department",
            "red_river_delta": False,
            "coastal_sandbank": False,
            "exemption": ["defence" if k in exempt else "" for k in range(n)],
            "locked": [k in locked for k in range(n)],
            "facts_problem": "",
            "old_provinces": "",
        }
    )
    pairs = pd.DataFrame(
        {"i": [a for a, _ in edges], "j": [b for _, b in edges], "shared": [1.0] * len(edges)}
    )
    xy = np.array([[float(k), 0.0] for k in range(n)])
    return build_instance(
        facts, STD, pairs, np.ones(n), np.full(n, 4.0), xy, links=links, together=together
    )


def groups(part):
    return sorted(sorted(m) for m in part.groups.values())


def test_chain_two_short_neighbours_merge_and_the_third_is_untouched():
    inst = make([5, 5, 20], [5, 5, 20], [(0, 1), (1, 2)])
    part = improve(inst, construct(inst))
    assert groups(part) == [[0, 1], [2]]
    assert part.reasons == {}


def test_star_all_leaves_join_the_centre():
    inst = make([20, 3, 3, 3, 3], [20, 3, 3, 3, 3], [(0, k) for k in range(1, 5)])
    part = improve(inst, construct(inst))
    assert groups(part) == [[0, 1, 2, 3, 4]]


def test_island_is_named_and_a_link_joins_it():
    inst = make([5, 20], [5, 20], [])
    part = construct(inst)
    assert groups(part) == [[0], [1]]
    assert "island" in part.reasons[0]
    link = pd.DataFrame({"code_a": ["00000"], "code_b": ["00001"], "kind": ["ferry"]})
    linked = make([5, 20], [5, 20], [], links=link)
    assert groups(construct(linked)) == [[0, 1]]


def test_locked_unit_is_never_merged():
    # 0 is short; its short neighbour 1 would be the natural partner, but 1 is locked.
    edges = [(0, 1), (0, 2)]
    free = make([5, 5, 20], [5, 5, 20], edges)
    assert [0, 1] in groups(construct(free))
    inst = make([5, 5, 20], [5, 5, 20], edges, locked={1})
    part = construct(inst)
    assert groups(part) == [[0, 2], [1]]
    assert part.reasons[1] == "locked"


def test_exempt_unit_is_left_and_named_with_its_reason():
    inst = make([5, 20], [5, 20], [(0, 1)], exempt={0})
    part = construct(inst)
    assert groups(part) == [[0], [1]]
    assert part.reasons[0] == "exempt: defence"


def test_never_across_a_province():
    edges = [(0, 1), (0, 2)]
    same = make([5, 5, 20], [5, 5, 20], edges)
    assert [0, 1] in groups(construct(same))
    inst = make([5, 5, 20], [5, 5, 20], edges, provinces=["01", "02", "01"])
    part = construct(inst)
    assert groups(part) == [[0, 2], [1]]
    assert "another province" in part.reasons[1]


def test_never_together_pair_is_kept_apart():
    edges = [(0, 1), (0, 2)]
    pair = pd.DataFrame({"code_a": ["00000"], "code_b": ["00001"], "relation": ["never"]})
    inst = make([5, 5, 20], [5, 5, 20], edges, together=pair)
    part = construct(inst)
    assert [0, 1] not in groups(part)
    assert [0, 2] in groups(part)


def test_must_together_pair_ends_together():
    pair = pd.DataFrame({"code_a": ["00000"], "code_b": ["00001"], "relation": ["must"]})
    inst = make([20, 20, 20], [20, 20, 20], [(0, 1), (1, 2)], together=pair)
    part = improve(inst, construct(inst))
    assert groups(part) == [[0, 1], [2]]


def test_release_keeps_contiguity():
    # 0 - 1 - 2: both ends short, the middle passes; {0, 2} would meet but is not contiguous.
    inst = make([5, 20, 5], [5, 20, 5], [(0, 1), (1, 2)])
    part = construct(inst)
    assert groups(part) == [[0, 1, 2]]
    assert groups(release(inst, part)) == [[0, 1, 2]]


def test_two_minima_pull_apart():
    # 0 has people but no land, 1 land but no people: together they meet both minima, and 2 (which
    # alone would fix either of them) is left untouched.
    inst = make([30, 2, 12], [2, 30, 12], [(0, 1), (0, 2), (1, 2)])
    part = improve(inst, construct(inst))
    assert groups(part) == [[0, 1], [2]]


def test_options_differ_and_are_ranked():
    # A ring of 6 short units: several ways to pair them.
    ring = [(k, (k + 1) % 6) for k in range(6)]
    inst = make([5] * 6, [5] * 6, ring)
    found = draft_options(inst, 3)
    assert len(found) >= 2
    keys = [o.part.key() for o in found]
    assert len(set(keys)) == len(keys)
    assert [o.rank for o in found] == list(range(1, len(found) + 1))
    assert all(o.key() <= p.key() for o, p in zip(found, found[1:], strict=False))


@st.composite
def planar(draw):
    """A grid graph with edges randomly removed (planar), in one or two provinces."""
    w, h = draw(st.integers(2, 6)), draw(st.integers(1, 5))
    n = w * h
    edges = [(r * w + c, r * w + c + 1) for r in range(h) for c in range(w - 1)] + [
        (r * w + c, (r + 1) * w + c) for r in range(h - 1) for c in range(w)
    ]
    keep = draw(st.lists(st.booleans(), min_size=len(edges), max_size=len(edges)))
    edges = [e for e, k in zip(edges, keep, strict=True) if k]
    pops = draw(st.lists(st.integers(1, 25), min_size=n, max_size=n))
    areas = draw(st.lists(st.integers(1, 25), min_size=n, max_size=n))
    split = draw(st.integers(0, w))
    provinces = ["01" if k % w < split else "02" for k in range(n)]
    locked = set(draw(st.lists(st.integers(0, n - 1), max_size=2)))
    return make(pops, areas, edges, provinces=provinces, locked=locked)


@settings(max_examples=80, deadline=None)
@given(planar())
def test_property_contiguous_one_province_meets_or_named_exactly_once(inst):
    part = improve(inst, construct(inst))
    seen = sorted(i for m in part.groups.values() for i in m)
    assert seen == list(range(inst.n))  # every input unit in exactly one resulting unit
    for g, members in part.groups.items():
        assert contiguous(inst, members)
        assert len({inst.province[i] for i in members}) == 1
        assert inst.meets(members) or part.reasons.get(g)
        if len(members) > 1:
            assert not any(inst.fixed[i] for i in members)


def test_split_cuts_an_overgrown_group_in_two_that_both_meet():
    from transition.drafting.construct import Partition
    from transition.drafting.improve import split

    inst = make([5, 5, 5, 5], [5, 5, 5, 5], [(0, 1), (1, 2), (2, 3)])
    whole = Partition([0, 0, 0, 0], {0: [0, 1, 2, 3]})
    assert groups(split(inst, whole)) == [[0, 1], [2, 3]]
    # never into a part that would not be contiguous: 0-1-2 with 0 and 2 short, 1 strong
    inst = make([5, 20, 5], [5, 20, 5], [(0, 1), (1, 2)])
    whole = Partition([0, 0, 0], {0: [0, 1, 2]})
    assert groups(split(inst, whole)) == [[0, 1, 2]]
