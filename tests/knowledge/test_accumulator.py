"""The sums of weights over posting lists, and their best ids, as a dense array over the whole index gives them;
nothing is left over for the next question."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from knowledge.accumulator import Accumulator

_LISTS = st.lists(
    st.tuples(st.sets(st.integers(0, 199), max_size=40), st.sampled_from([0.5, 1.0, 1.5, 2.25])), max_size=6
)


def _dense(weighted: list[tuple[set[int], float]]) -> np.ndarray:
    sums = np.zeros(200, dtype=np.float32)
    for ids, weight in weighted:
        np.add.at(sums, np.asarray(sorted(ids), dtype=np.int64), np.float32(weight))
    return sums


@given(_LISTS, _LISTS, st.integers(1, 30))
def test_best_ids_are_the_highest_sums_and_the_next_question_starts_from_zero(
        first: list[tuple[set[int], float]], second: list[tuple[set[int], float]], count: int) -> None:
    accumulator = Accumulator(200)
    for weighted in (first, second):
        lists = [(np.asarray(sorted(ids), dtype=np.int32), weight) for ids, weight in weighted]
        best = accumulator.best(lists, count)
        sums = _dense(weighted)
        positive = np.flatnonzero(sums > 0)
        assert len(set(best.tolist())) == best.size == min(count, positive.size)
        assert all(sums[i] > 0 for i in best)
        if best.size:
            # every id left out sums no more than the lowest one chosen
            assert sums[np.setdiff1d(positive, best)].max(initial=0) <= sums[best].min()


def test_no_postings_give_no_ids() -> None:
    assert Accumulator(10).best([(np.zeros(0, dtype=np.int32), 1.0)], 5).size == 0
