"""Sums of weights over a few posting lists of a large index, and the ids with the highest sums, in time that grows
with the postings touched rather than with the index: one array is kept and only its touched entries are zeroed."""

from __future__ import annotations

import threading

import numpy as np
from numpy.typing import NDArray

from knowledge.postings import IntArray


class Accumulator:
    """Weighted sums over ids 0 … size−1; one question at a time (a lock guards the kept arrays)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._sums: NDArray[np.float32] | None = None
        self._slots: IntArray | None = None
        self._lock = threading.Lock()

    def best(self, weighted: list[tuple[IntArray, float]], count: int) -> IntArray:
        """Ids of the `count` highest positive sums of the weights of the posting lists holding them (unordered)."""
        lists = [postings for postings, _ in weighted if postings.size]
        if not lists:
            return np.zeros(0, dtype=np.int32)
        with self._lock:
            if self._sums is None or self._slots is None:
                self._sums = np.zeros(self.size, dtype=np.float32)
                self._slots = np.zeros(self.size, dtype=np.int32)
            sums, slots = self._sums, self._slots
            for postings, weight in weighted:
                np.add.at(sums, postings, np.float32(weight))
            ids = np.concatenate(lists)
            # Each id once: the last place it was written to is its own.
            places = np.arange(ids.size, dtype=np.int32)
            slots[ids] = places
            ids = ids[slots[ids] == places]
            values = sums[ids].copy()
            sums[ids] = 0
        if ids.size > count:
            top = np.argpartition(-values, count - 1)[:count]
            ids, values = ids[top], values[top]
        return np.asarray(ids[values > 0], dtype=np.int32)
