"""Term postings as three compact arrays (sorted term keys, offsets, ids), built in batches that may spill to disk.

A term is known by a stable 64-bit key (the first 8 bytes of its BLAKE2b digest), so no table of millions of term
strings is ever held: a lookup is a binary search in the sorted keys. Two terms sharing a key (about one chance in
10^6 with 10 million terms) would share their postings; the answer would only count one term as the other.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int32]
KeyArray = NDArray[np.uint64]
_SPILL = 4_000_000  # (key, id) pairs held before they are sorted into the parts on disk
_PART_BITS = 6  # 64 parts by the keys' top bits: each is merged alone, so merging holds 1/64 of the pairs
_CACHE = 200_000  # terms whose keys and slots are remembered (questions and headings repeat them)


def term_key(term: str) -> int:
    """The stable 64-bit key of a term (the same in every process and on every machine)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


def term_keys(terms: list[str]) -> KeyArray:
    """The keys of `terms`, sorted and without repeats."""
    return np.unique(np.fromiter(map(term_key, terms), dtype=np.uint64, count=len(terms)))


class Postings:
    """Term → sorted int32 ids, read from the arrays (in memory, or mapped from files)."""

    def __init__(self, keys: KeyArray, offsets: NDArray[np.int64], ids: IntArray) -> None:
        self.keys = keys
        self.offsets = offsets
        self.ids = ids
        self._slots: dict[str, int] = {}

    def _slot(self, term: str) -> int:
        slot = self._slots.get(term)
        if slot is None:
            key = np.uint64(term_key(term))
            where = int(np.searchsorted(self.keys, key))
            slot = where if where < self.keys.size and self.keys[where] == key else -1
            if len(self._slots) >= _CACHE:
                self._slots.clear()
            self._slots[term] = slot
        return slot

    def get(self, term: str) -> IntArray | None:
        """Sorted ids holding `term`, or None."""
        slot = self._slot(term)
        if slot < 0:
            return None
        return self.ids[int(self.offsets[slot]) : int(self.offsets[slot + 1])]

    def count(self, term: str) -> int:
        """How many ids hold `term`."""
        slot = self._slot(term)
        return 0 if slot < 0 else int(self.offsets[slot + 1] - self.offsets[slot])

    def counts(self, keys: KeyArray) -> NDArray[np.int64]:
        """How many ids hold each of `keys` (0 for an unknown key)."""
        if self.keys.size == 0:
            return np.zeros(keys.shape, dtype=np.int64)
        where = np.minimum(np.searchsorted(self.keys, keys), self.keys.size - 1)
        sizes = self.offsets[where + 1] - self.offsets[where]
        return np.where(self.keys[where] == keys, sizes, 0).astype(np.int64)

    def __contains__(self, term: str) -> bool:
        return self._slot(term) >= 0

    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return int(self.keys.nbytes + self.offsets.nbytes + self.ids.nbytes)


class PostingsBuilder:
    """Collects each item's term keys, items in increasing order, and turns them into Postings.

    With a `folder`, pairs are spilled into 64 part files by their keys' top bits and merged part by part into
    `<name>.keys.npy`, `<name>.offsets.npy` and `<name>.ids.npy`; without one everything stays in memory.
    """

    def __init__(self, name: str, folder: Path | None = None) -> None:
        self.name = name
        self.folder = folder
        self._keys: list[KeyArray] = []
        self._items: list[int] = []
        self._lengths: list[int] = []
        self._pending = 0
        self._spilled: list[tuple[KeyArray, IntArray]] = []  # in memory, when there is no folder

    def add(self, keys: KeyArray, item: int) -> None:
        """Record that `item` holds each of `keys` (unique); items come in increasing order."""
        if not keys.size:
            return
        self._keys.append(keys)
        self._items.append(item)
        self._lengths.append(int(keys.size))
        self._pending += int(keys.size)
        if self._pending >= _SPILL:
            self._spill()

    def _spill(self) -> None:
        if not self._pending:
            return
        keys = np.concatenate(self._keys)
        items = np.repeat(np.asarray(self._items, dtype=np.int32), self._lengths)
        self._keys, self._items, self._lengths, self._pending = [], [], [], 0
        if self.folder is None:
            self._spilled.append((keys, items))
            return
        parts = (keys >> np.uint64(64 - _PART_BITS)).astype(np.int32)
        order = np.argsort(parts, kind="stable")
        bounds = np.searchsorted(parts[order], np.arange((1 << _PART_BITS) + 1))
        keys, items = keys[order], items[order]
        for part in range(1 << _PART_BITS):
            start, end = int(bounds[part]), int(bounds[part + 1])
            if start < end:
                with self._part(part, "keys").open("ab") as out:
                    keys[start:end].tofile(out)
                with self._part(part, "ids").open("ab") as out:
                    items[start:end].tofile(out)

    def _part(self, part: int, kind: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{self.name}.part{part:02d}.{kind}"

    def finish(self) -> Postings:
        """The postings of everything added (read from the files written, with a folder)."""
        self._spill()
        if self.folder is None:
            keys = np.concatenate([keys for keys, _ in self._spilled]) if self._spilled else _keys(0)
            items = np.concatenate([items for _, items in self._spilled]) if self._spilled else _ids(0)
            self._spilled = []
            unique, offsets, ids = _merge(keys, items)
            return Postings(unique, np.append(offsets, ids.size).astype(np.int64), ids)
        return self._finish_files(self.folder)

    def _finish_files(self, folder: Path) -> Postings:
        parts = range(1 << _PART_BITS)
        total = sum(self._part(part, "ids").stat().st_size // 4 for part in parts if self._part(part, "ids").exists())
        all_keys: list[KeyArray] = []
        all_offsets: list[NDArray[np.int64]] = []
        written = 0
        with (folder / f"{self.name}.ids.npy").open("wb") as out:
            _header(out, np.int32, total)
            for part in parts:
                if not self._part(part, "ids").exists():
                    continue
                keys = np.fromfile(self._part(part, "keys"), dtype=np.uint64)
                items = np.fromfile(self._part(part, "ids"), dtype=np.int32)
                self._part(part, "keys").unlink()
                self._part(part, "ids").unlink()
                unique, offsets, ids = _merge(keys, items)
                all_keys.append(unique)
                all_offsets.append(offsets + written)
                ids.tofile(out)
                written += int(ids.size)
        keys = np.concatenate(all_keys) if all_keys else _keys(0)
        offsets = np.append(np.concatenate(all_offsets) if all_offsets else np.zeros(0, np.int64), written)
        np.save(folder / f"{self.name}.keys.npy", keys)
        np.save(folder / f"{self.name}.offsets.npy", offsets.astype(np.int64))
        return open_postings(folder, self.name)


def open_postings(folder: Path, name: str) -> Postings:
    """Postings written by a PostingsBuilder into `folder`, mapped read-only."""
    keys = np.load(folder / f"{name}.keys.npy", mmap_mode="r")
    offsets = np.load(folder / f"{name}.offsets.npy", mmap_mode="r")
    ids = _mapped(folder / f"{name}.ids.npy", np.int32)
    if keys.dtype != np.uint64 or offsets.dtype != np.int64 or offsets.size != keys.size + 1:
        raise ValueError(f"{name}: các mảng chỉ mục không khớp nhau")
    if offsets.size and (offsets[0] != 0 or offsets[-1] != ids.size):
        raise ValueError(f"{name}: vị trí trong mảng chỉ mục không khớp")
    return Postings(np.asarray(keys), np.asarray(offsets), ids)


def _mapped(path: Path, dtype: type[np.generic]) -> IntArray:
    """A .npy file mapped read-only (an empty one read as it is: an empty file cannot be mapped)."""
    array = np.load(path, mmap_mode="r")
    if array.dtype != np.dtype(dtype):
        raise ValueError(f"{path.name}: kiểu dữ liệu {array.dtype}, cần {np.dtype(dtype)}")
    return np.asarray(array)


def _merge(keys: KeyArray, items: IntArray) -> tuple[KeyArray, NDArray[np.int64], IntArray]:
    """Pairs (in increasing item order) → unique sorted keys, each key's start in the ids, the ids by key."""
    order = np.argsort(keys, kind="stable")  # stable: each key's items stay in increasing order
    keys, items = keys[order], items[order]
    if keys.size > 1:  # two terms of one text sharing a key: the item once
        kept = np.concatenate([[True], (keys[1:] != keys[:-1]) | (items[1:] != items[:-1])])
        keys, items = keys[kept], items[kept]
    unique, starts = np.unique(keys, return_index=True)
    return unique, starts.astype(np.int64), items


def _header(out: BinaryIO, dtype: type[np.generic], count: int) -> None:
    """The header of a .npy file of `count` items, whose data are then written after it."""
    header = {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False, "shape": (count,)}
    np.lib.format.write_array_header_1_0(out, header)


def _keys(count: int) -> KeyArray:
    return np.zeros(count, dtype=np.uint64)


def _ids(count: int) -> IntArray:
    return np.zeros(count, dtype=np.int32)
