"""What answering reads about a passage besides the index: its words, its heading, its section, its document.

Answers are built from passage ids alone, through this interface, so the passages can live in memory (documents
just parsed) or in files next to the database (a province's library, loaded in a second).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from knowledge.model import Document, DocumentInfo, Passage


class PassageStore(Protocol):
    """Passages by global id (in index order), their sections (global ids, -1 for none) and their documents."""

    @property
    def infos(self) -> Sequence[DocumentInfo]:
        """Every document's identity, by document id."""

    def text(self, passage: int) -> str:
        """The passage's own words."""

    def lead(self, passage: int) -> str:
        """The short heading it is shown under ("" for none)."""

    def role(self, passage: int) -> str:
        """ "text", "row", "recipient", "identity", "title" or "preface"."""

    def section(self, passage: int) -> int:
        """Its section's global id, or -1 before the first heading."""

    def document(self, passage: int) -> int:
        """Its document's id."""

    def section_path(self, section: int) -> str:
        """A section's citation path ("II › 3.2 › (3)"), "" for -1."""

    def section_title(self, section: int) -> str:
        """A section's title, "" for -1."""

    def __len__(self) -> int:
        """How many passages there are."""


def shown(store: PassageStore, passage: int) -> str:
    """A passage as an answer shows it: "Sở Nội vụ: Chủ trì, phối hợp …"."""
    lead = store.lead(passage)
    text = store.text(passage)
    return f"{lead}: {text}" if lead else text


class MemoryStore:
    """The store over parsed documents held in memory, in the order they were indexed."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._documents = documents
        self._infos = [document.info for document in documents]
        self._refs: list[tuple[int, int]] = []
        self._section_base: list[int] = []
        self._sections: list[tuple[int, int]] = []
        for number, document in enumerate(documents):
            self._section_base.append(len(self._sections))
            self._sections.extend((number, section.id) for section in document.sections)
            self._refs.extend((number, passage.id) for passage in document.passages)

    @property
    def infos(self) -> Sequence[DocumentInfo]:
        """Every document's identity, by document id."""
        return self._infos

    def _passage(self, passage: int) -> Passage:
        document, number = self._refs[passage]
        return self._documents[document].passages[number]

    def text(self, passage: int) -> str:
        """The passage's own words."""
        return self._passage(passage).text

    def lead(self, passage: int) -> str:
        """The short heading it is shown under."""
        return self._passage(passage).lead

    def role(self, passage: int) -> str:
        """What kind of unit it is."""
        return self._passage(passage).role

    def section(self, passage: int) -> int:
        """Its section's global id, or -1."""
        document, number = self._refs[passage]
        section = self._documents[document].passages[number].section
        return -1 if section is None else self._section_base[document] + section

    def document(self, passage: int) -> int:
        """Its document's id."""
        return self._refs[passage][0]

    def section_path(self, section: int) -> str:
        """A section's citation path, "" for -1."""
        if section < 0:
            return ""
        document, number = self._sections[section]
        return self._documents[document].sections[number].path

    def section_title(self, section: int) -> str:
        """A section's title, "" for -1."""
        if section < 0:
            return ""
        document, number = self._sections[section]
        return self._documents[document].sections[number].title

    def __len__(self) -> int:
        return len(self._refs)
