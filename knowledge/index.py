"""The search index: term postings over passages, their section headings and their documents, read-only arrays.

Built by knowledge/indexing.py, in memory or into a folder whose files are mapped here (a province's library is
opened in well under a second and shares the operating system's page cache with every process that opens it).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from knowledge.postings import IntArray, Postings, open_postings
from knowledge.synonyms import Lexicon

__all__ = [
    "FLAG_CITED_DATE",
    "FLAG_DATE",
    "FLAG_DEADLINE",
    "FLAG_DOCNO",
    "FLAG_FIGURE",
    "FLAG_FOLLOWS",
    "FLAG_FREQUENCY",
    "FLAG_IDENTITY",
    "FLAG_IN_FORCE",
    "FLAG_LIST",
    "FLAG_PERSON",
    "FLAG_QUOTE",
    "FLAG_RECIPIENT",
    "FLAG_ROW",
    "FLAG_TARGET",
    "POSTINGS",
    "IntArray",
    "SearchIndex",
]  # fmt: skip

FLAG_FIGURE, FLAG_DATE, FLAG_PERSON, FLAG_FREQUENCY, FLAG_TARGET, FLAG_QUOTE, FLAG_LIST = 1, 2, 4, 8, 16, 32, 64
FLAG_IDENTITY, FLAG_FOLLOWS, FLAG_RECIPIENT, FLAG_ROW, FLAG_DOCNO = 128, 256, 512, 1024, 2048
FLAG_CITED_DATE = 4096  # every date it states is the date of a document it cites ("Quyết định số 12/QĐ-UBND ngày …")
FLAG_DEADLINE = 8192  # it sets a deadline (a duty with a time), as the document's deadlines were read
FLAG_IN_FORCE = 16384  # it says when its own document takes effect ("Quyết định này có hiệu lực kể từ ngày …")
# The postings an index holds: passages by their text, sections by their titles and their ancestors' (context),
# sections by their own title, passages by their category, documents by their identity.
POSTINGS = ("body", "context", "titles", "categories", "documents")
# The per-passage and per-section arrays, with their types, as saved in a folder.
ARRAYS = {"flags": np.uint16, "lengths": np.int16, "passage_section": np.int32, "passage_document": np.int32,
          "section_offsets": np.int64, "section_ids": np.int32}  # fmt: skip
VOCABULARY = "vocabulary.txt"


class SearchIndex:
    """Postings and per-passage arrays built once from the documents; read by the answerer."""

    def __init__(self, lexicon: Lexicon, postings: dict[str, Postings], arrays: dict[str, NDArray[np.generic]],
                 vocabulary: list[str]) -> None:
        self.lexicon = lexicon
        self.body = postings["body"]
        self.context = postings["context"]
        self.titles = postings["titles"]
        self.categories = postings["categories"]
        self.documents = postings["documents"]
        self.flags: NDArray[np.uint16] = np.asarray(arrays["flags"], dtype=np.uint16)
        self.lengths: NDArray[np.int16] = np.asarray(arrays["lengths"], dtype=np.int16)
        self.passage_section: IntArray = np.asarray(arrays["passage_section"], dtype=np.int32)
        self.passage_document: IntArray = np.asarray(arrays["passage_document"], dtype=np.int32)
        self._section_offsets = np.asarray(arrays["section_offsets"], dtype=np.int64)
        self._section_ids: IntArray = np.asarray(arrays["section_ids"], dtype=np.int32)
        self.vocabulary = vocabulary  # words of the passages for spelling correction, commonest first
        self.size = int(self.flags.size)

    @classmethod
    def open(cls, folder: Path, lexicon: Lexicon) -> SearchIndex:
        """The index saved in `folder` (see `save`), its arrays mapped read-only; ValueError or OSError if a file is
        missing, cut short or of another shape."""
        postings = {name: open_postings(folder, name) for name in POSTINGS}
        arrays: dict[str, NDArray[np.generic]] = {}
        for name, dtype in ARRAYS.items():
            array = np.load(folder / f"{name}.npy", mmap_mode="r")
            if array.dtype != np.dtype(dtype) or array.ndim != 1:
                raise ValueError(f"{name}.npy: kiểu {array.dtype}, cần {np.dtype(dtype)}")
            arrays[name] = np.asarray(array)
        size = arrays["flags"].size
        if any(arrays[name].size != size for name in ("lengths", "passage_section", "passage_document")):
            raise ValueError("các mảng theo đoạn văn không cùng độ dài")
        vocabulary = (folder / VOCABULARY).read_text(encoding="utf-8").split("\n")
        return cls(lexicon, postings, arrays, [word for word in vocabulary if word])

    def save_arrays(self, folder: Path) -> None:
        """Write the per-passage arrays and the vocabulary into `folder` (the postings write their own files)."""
        arrays = {"flags": self.flags, "lengths": self.lengths, "passage_section": self.passage_section,
                  "passage_document": self.passage_document, "section_offsets": self._section_offsets,
                  "section_ids": self._section_ids}  # fmt: skip
        for name, array in arrays.items():
            np.save(folder / f"{name}.npy", np.ascontiguousarray(array, dtype=ARRAYS[name]))
        (folder / VOCABULARY).write_text("\n".join(self.vocabulary), encoding="utf-8")

    def idf(self, term: str) -> float:
        """Inverse document frequency over passages (BM25 form); high for rare and unknown terms."""
        df = self.body.count(term)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def known(self, term: str) -> bool:
        """Whether the term occurs anywhere: in a passage, a heading, a category or a document's identity."""
        return term in self.body or term in self.context or term in self.documents or term in self.categories

    @property
    def section_count(self) -> int:
        """How many sections all documents have together."""
        return max(0, int(self._section_offsets.size) - 1)

    def section_passages(self, section: int) -> list[int]:
        """Up to 8 passages under a section (its own first, then its subsections')."""
        start, end = self._section_offsets[section], self._section_offsets[section + 1]
        return [int(passage) for passage in self._section_ids[start:end]]

    def nbytes(self) -> int:
        """Bytes held by the postings arrays."""
        return sum(postings.nbytes() for postings in (self.body, self.context, self.titles, self.categories,
                                                      self.documents))

    @staticmethod
    def contains(postings: IntArray | None, ids: IntArray) -> NDArray[np.bool_]:
        """For each id, whether it is in the sorted postings."""
        if postings is None or postings.size == 0:
            return np.zeros(ids.shape, dtype=bool)
        where = np.searchsorted(postings, ids)
        where = np.minimum(where, postings.size - 1)
        return np.asarray(postings[where] == ids)
