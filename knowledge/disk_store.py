"""The passage store kept in files: texts in one UTF-8 blob with offsets, headings and section paths deduplicated,
everything mapped read-only, so that a million passages cost the page cache, not Python objects."""

from __future__ import annotations

import mmap
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

from knowledge.model import Document, DocumentInfo
from knowledge.postings import IntArray

# The tables of strings a store keeps (each NAME.bin with NAME.offsets.npy) and its per-item arrays.
TABLES = ("texts", "leads", "roles", "section_titles", "section_paths")
ARRAYS = {"lead_ids": np.int32, "role_ids": np.uint8, "path_ids": np.int32}


class StringTable:
    """Strings by number, read from one UTF-8 blob and the offsets of each string in it."""

    def __init__(self, blob: bytes | mmap.mmap, offsets: NDArray[np.int64]) -> None:
        if offsets.size == 0 or offsets[0] != 0 or int(offsets[-1]) != len(blob):
            raise ValueError("bảng chuỗi: vị trí không khớp với dữ liệu")
        self._blob = blob
        self._offsets = offsets

    @classmethod
    def open(cls, folder: Path, name: str) -> StringTable:
        """The table NAME saved in `folder`, its blob mapped read-only."""
        offsets = np.asarray(np.load(folder / f"{name}.offsets.npy", mmap_mode="r"))
        if offsets.dtype != np.int64:
            raise ValueError(f"{name}.offsets.npy: kiểu {offsets.dtype}, cần int64")
        with (folder / f"{name}.bin").open("rb") as file:
            size = file.seek(0, 2)
            blob: bytes | mmap.mmap = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        return cls(blob, offsets)

    def __getitem__(self, number: int) -> str:
        return self._blob[int(self._offsets[number]) : int(self._offsets[number + 1])].decode("utf-8")

    def __len__(self) -> int:
        return int(self._offsets.size) - 1


class _TableWriter:
    """Appends strings to NAME.bin, remembering their offsets; with `unique`, each distinct string once."""

    def __init__(self, folder: Path, name: str, unique: bool) -> None:
        self.folder = folder
        self.name = name
        self._file: BinaryIO = (folder / f"{name}.bin").open("wb")
        self._offsets: array[int] = array("q", [0])
        self._numbers: dict[str, int] | None = {} if unique else None

    def add(self, text: str) -> int:
        """The string's number in the table (a repeated one keeps its first number when unique)."""
        if self._numbers is not None:
            number = self._numbers.get(text)
            if number is not None:
                return number
            number = self._numbers[text] = len(self._offsets) - 1
        else:
            number = len(self._offsets) - 1
        data = text.encode("utf-8")
        self._file.write(data)
        self._offsets.append(self._offsets[-1] + len(data))
        return number

    def close(self) -> None:
        self._file.close()
        np.save(self.folder / f"{self.name}.offsets.npy", np.frombuffer(self._offsets, dtype=np.int64))


class StoreWriter:
    """Writes the passages and sections of documents, in index order, into a folder DiskStore.open reads."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Texts and titles are mostly distinct; headings, roles and section paths repeat and are kept once.
        self._tables = {name: _TableWriter(folder, name, unique=name in ("leads", "roles", "section_paths"))
                        for name in TABLES}
        self._leads: array[int] = array("i")
        self._roles: array[int] = array("B")
        self._paths: array[int] = array("i")

    def add(self, document: Document) -> None:
        """Append one document's sections and passages."""
        for section in document.sections:
            self._tables["section_titles"].add(section.title)
            self._paths.append(self._tables["section_paths"].add(section.path))
        for passage in document.passages:
            self._tables["texts"].add(passage.text)
            self._leads.append(self._tables["leads"].add(passage.lead))
            self._roles.append(self._tables["roles"].add(passage.role))

    def finish(self) -> None:
        """Close the tables and save the arrays."""
        for table in self._tables.values():
            table.close()
        for name, items in (("lead_ids", self._leads), ("role_ids", self._roles), ("path_ids", self._paths)):
            np.save(self.folder / f"{name}.npy", np.frombuffer(items, dtype=ARRAYS[name]))


class DiskStore:
    """The PassageStore over a folder StoreWriter wrote, with the index's passage → section/document arrays."""

    def __init__(self, folder: Path, infos: Sequence[DocumentInfo], passage_section: IntArray,
                 passage_document: IntArray) -> None:
        self._infos = infos
        self._tables = {name: StringTable.open(folder, name) for name in TABLES}
        arrays = {}
        for name, dtype in ARRAYS.items():
            loaded = np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r"))
            if loaded.dtype != np.dtype(dtype):
                raise ValueError(f"{name}.npy: kiểu {loaded.dtype}, cần {np.dtype(dtype)}")
            arrays[name] = loaded
        self._lead_ids, self._role_ids, self._path_ids = arrays["lead_ids"], arrays["role_ids"], arrays["path_ids"]
        self._roles = [self._tables["roles"][number] for number in range(len(self._tables["roles"]))]
        self._sections = passage_section
        self._documents = passage_document
        size = len(self._tables["texts"])
        if not (self._lead_ids.size == self._role_ids.size == passage_section.size == size):
            raise ValueError("kho đoạn văn: số đoạn không khớp với chỉ mục")
        if self._path_ids.size != len(self._tables["section_titles"]):
            raise ValueError("kho đoạn văn: số mục không khớp")

    @property
    def infos(self) -> Sequence[DocumentInfo]:
        """Every document's identity, by document id."""
        return self._infos

    def text(self, passage: int) -> str:
        """The passage's own words."""
        return self._tables["texts"][passage]

    def lead(self, passage: int) -> str:
        """The short heading it is shown under."""
        return self._tables["leads"][int(self._lead_ids[passage])]

    def role(self, passage: int) -> str:
        """What kind of unit it is."""
        return self._roles[int(self._role_ids[passage])]

    def section(self, passage: int) -> int:
        """Its section's global id, or -1."""
        return int(self._sections[passage])

    def document(self, passage: int) -> int:
        """Its document's id."""
        return int(self._documents[passage])

    def section_path(self, section: int) -> str:
        """A section's citation path, "" for -1."""
        return "" if section < 0 else self._tables["section_paths"][int(self._path_ids[section])]

    def section_title(self, section: int) -> str:
        """A section's title, "" for -1."""
        return "" if section < 0 else self._tables["section_titles"][section]

    def __len__(self) -> int:
        return len(self._tables["texts"])
