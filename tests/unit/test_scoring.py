"""The judging engine (course/scoring.py), on small synthetic items: editing a lesson never breaks it."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.scoring import check_key, formative_key, judge, points, progress


def choice(points=1.0):
    return {"id": "c", "type": "choice", "points": points, "options": [{"id": x} for x in "abcd"]}


def multi(points=2.0):
    return {"id": "m", "type": "multiselect", "points": points, "options": [{"id": x} for x in "abcd"]}


def order(n=5, points=2.0):
    return {"id": "o", "type": "order", "points": points, "steps": [{"id": f"s{i}"} for i in range(n)]}


def categorise(points=3.0):
    return {
        "id": "k",
        "type": "categorise",
        "points": points,
        "categories": [{"id": "x"}, {"id": "y"}],
        "statements": [{"id": f"t{i}"} for i in range(6)],
    }


ORDER_KEY = [f"s{i}" for i in range(5)]
CAT_KEY = {f"t{i}": ("x" if i % 2 else "y") for i in range(6)}


# -- choice -------------------------------------------------------------------------------
def test_choice_is_all_or_nothing():
    assert points(choice(), "b", "b") == 1.0
    assert points(choice(), "a", "b") == 0.0
    assert points(choice(), None, "b") == 0.0
    assert judge(choice(), "a", "b").parts == {"a": False}


# -- multiselect (finding: ticking one of the two right options out of four earned 75 %) ----
def test_multiselect_one_of_two_right_ticks_earns_half_not_three_quarters():
    assert points(multi(), ["a"], ["a", "b"]) == 1.0  # 2 points x 1/2


def test_multiselect_wrong_ticks_cost_and_never_below_zero():
    assert points(multi(), ["a", "b"], ["a", "b"]) == 2.0
    assert points(multi(), ["a", "b", "c"], ["a", "b"]) == 1.0  # 1 - 1/2
    assert points(multi(), ["a", "b", "c", "d"], ["a", "b"]) == 0.0  # ticking everything earns nothing
    assert points(multi(), ["c", "d"], ["a", "b"]) == 0.0  # 0 - 1, floored at 0
    assert points(multi(), ["a", "c"], ["a", "b"]) == 0.0  # 1/2 - 1/2
    assert points(multi(), None, ["a", "b"]) == 0.0


def test_multiselect_verdict_counts_right_and_wrong_ticks_and_judges_only_ticked_options():
    v = judge(multi(), ["a", "c"], ["a", "b"])
    assert (v.right, v.total, v.wrong) == (1, 2, 1)
    assert v.parts == {"a": True, "c": False}


def test_multiselect_with_every_option_right_has_no_penalty_to_divide():
    assert points(multi(), ["a", "b", "c"], list("abcd")) == 1.5


@given(st.sets(st.sampled_from("abcd")), st.sets(st.sampled_from("abcd"), min_size=1))
def test_multiselect_credit_is_between_0_and_1_and_full_only_for_the_key(ticked, key):
    v = judge(multi(), sorted(ticked), sorted(key))
    assert 0.0 <= v.credit <= 1.0
    assert (v.credit == 1.0) == (ticked == key)


# -- order (finding: moving one of five steps to the front gave 0) --------------------------
def test_order_moving_one_step_to_the_front_costs_one_step():
    answer = ["s4", "s0", "s1", "s2", "s3"]
    v = judge(order(), answer, ORDER_KEY)
    assert (v.right, v.total) == (4, 5)
    assert points(order(), answer, ORDER_KEY) == 1.6
    assert v.parts == {"s0": True, "s1": True, "s2": True, "s3": True, "s4": False}


def test_order_swapping_two_neighbours_costs_one_step():
    assert judge(order(), ["s1", "s0", "s2", "s3", "s4"], ORDER_KEY).right == 4


def test_order_right_and_reversed():
    assert points(order(), ORDER_KEY, ORDER_KEY) == 2.0
    assert judge(order(), ORDER_KEY[::-1], ORDER_KEY).right == 1


def test_order_that_is_not_a_permutation_of_the_steps_earns_nothing():
    assert points(order(), ["s0", "s1"], ORDER_KEY) == 0.0
    assert points(order(), None, ORDER_KEY) == 0.0
    assert points(order(), ["s0", "s0", "s1", "s2", "s3"], ORDER_KEY) == 0.0


def _brute_force_longest(answer, key):
    rank = {s: n for n, s in enumerate(key)}
    for size in range(len(answer), 0, -1):
        for combo in itertools.combinations(answer, size):
            if all(rank[a] < rank[b] for a, b in zip(combo, combo[1:])):
                return size
    return 0


@given(st.permutations(ORDER_KEY))
def test_order_credit_is_the_longest_correctly_ordered_subsequence(answer):
    v = judge(order(), list(answer), ORDER_KEY)
    assert v.right == _brute_force_longest(list(answer), ORDER_KEY) == sum(v.parts.values())
    assert v.credit == v.right / 5


# -- categorise / match ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["categorise", "match"])
@pytest.mark.parametrize("right", range(7))
def test_categorise_gives_a_share_per_statement(kind, right):
    answer = {sid: (cat if n < right else ("x" if cat == "y" else "y")) for n, (sid, cat) in enumerate(CAT_KEY.items())}
    assert points({**categorise(), "type": kind}, answer, CAT_KEY) == right * 0.5


def test_categorise_handles_odd_answers():
    assert points(categorise(), "not a dict", CAT_KEY) == 0.0
    assert points(categorise(), {"t1": "x", "nope": "x"}, CAT_KEY) == 0.5


# -- keys -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "item, key, message",
    [
        (choice(), "z", "one of the options"),
        (multi(), [], "non-empty list"),
        (multi(), ["a", "a"], "distinct"),
        (multi(), ["z"], "options from"),
        (order(), ["s0"], "every step"),
        (categorise(), {"t0": "x"}, "every statement"),
        (categorise(), {**CAT_KEY, "t0": "z"}, "every statement"),
        ({"id": "t", "type": "open_text"}, "x", "cannot be judged"),
    ],
)
def test_invalid_keys_are_refused_with_the_item_named(item, key, message):
    with pytest.raises(ValueError, match=message):
        check_key(item, key)
    with pytest.raises(ValueError):
        judge(item, None, key)


def test_formative_key_comes_from_the_items_own_data():
    item = {"id": "f", "type": "multiselect", "options": [{"id": "a", "correct": True}, {"id": "b"}]}
    assert formative_key(item) == ["a"]
    steps = {"id": "o", "type": "order", "steps": [{"id": "z"}, {"id": "y"}]}
    assert formative_key(steps) == ["z", "y"]
    cat = {"id": "k", "type": "match", "statements": [{"id": "t", "answer": "x"}]}
    assert formative_key(cat) == {"t": "x"}


def test_progress_counts_placed_statements_and_otherwise_answered_or_not():
    assert progress(categorise(), {"t0": "x"}) == (1, 6)
    assert progress(categorise(), None) == (0, 6)
    assert progress(choice(), "a") == (1, 1)
    assert progress(multi(), []) == (0, 1)
    assert progress(order(), None) == (0, 1)
