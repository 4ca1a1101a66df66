"""The knowledge base: documents loaded from sources, their index, and the questions asked of them."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from knowledge import snapshot
from knowledge.answering import DEFAULT_THRESHOLD, Answer, Answerer
from knowledge.dates import next_due
from knowledge.duplicates import Duplicate, deduplicate
from knowledge.errors import DocumentError
from knowledge.index import SearchIndex
from knowledge.indexing import build_index
from knowledge.loading import DEFAULT_LIMITS, DEFAULT_SAMPLES, ReadLimits, discover
from knowledge.model import Assignment, Deadline, Document, Target
from knowledge.reading import LoadReport, load_file
from knowledge.shelf import ShelvedDocuments
from knowledge.snapshot import Extracted
from knowledge.store import MemoryStore
from knowledge.synonyms import DEFAULT_SYNONYMS, Lexicon
from knowledge.vietnamese import fold

__all__ = ["KnowledgeBase", "LoadReport", "load_file"]
log = logging.getLogger(__name__)


@dataclass
class KnowledgeBase:
    """Documents, their search index and the answerer; built once, then read-only.

    `documents` is a list for documents parsed in this process, and a sequence reading each one from the cache
    on demand for a knowledge base opened from its cache folder; `extracted` then reads the saved lists of
    deadlines, targets and assignments once, instead of going through every document.
    """

    documents: Sequence[Document]
    index: SearchIndex
    answerer: Answerer
    problems: list[DocumentError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)  # files left out: another file is the same document
    extracted: Callable[[], Extracted] | None = None

    @classmethod
    def from_documents(
        cls,
        documents: Sequence[Document],
        *,
        lexicon: Lexicon | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        problems: Sequence[DocumentError] = (),
    ) -> KnowledgeBase:
        """Index already parsed documents (in memory)."""
        lexicon = lexicon or Lexicon.load([DEFAULT_SYNONYMS])
        for document in documents:
            for abbreviation, phrase in document.abbreviations:
                lexicon.add_group([abbreviation, phrase])
        # Indexing makes millions of small objects and no reference cycles: the cycle collector would only scan
        # them again and again (a quarter of the build time at 100 000 passages).
        collecting = gc.isenabled()
        gc.disable()
        try:
            index = build_index(list(documents), lexicon)
        finally:
            if collecting:
                gc.enable()
        return cls(list(documents), index, Answerer(MemoryStore(documents), index, threshold), list(problems))

    @classmethod
    def load(
        cls,
        sources: Iterable[Path] = (DEFAULT_SAMPLES,),
        *,
        synonyms: Iterable[Path] = (DEFAULT_SYNONYMS,),
        threshold: float = DEFAULT_THRESHOLD,
        on_file: Callable[[LoadReport], None] | None = None,
        limits: ReadLimits = DEFAULT_LIMITS,
        cache: Path | None = None,
        workers: int | None = None,
    ) -> KnowledgeBase:
        """Load every directive under `sources` within the reading `limits`; unreadable files are reported, the
        others still load; of files that are one document only one is kept, the others are listed in `duplicates`.

        With a `cache` folder the parsed files and the built index are kept there and reused while the files, the
        synonyms and the code are unchanged (files are parsed by `workers` processes, one per CPU by default, when
        many must be); `on_file` then sees only the files parsed now. Without one everything is parsed in memory.
        """
        synonyms = list(synonyms)
        problems: list[DocumentError] = []
        try:
            files = discover(sources)
        except DocumentError as error:
            problems.append(error)
            files = []
        if cache is not None:
            try:
                opened = snapshot.load(cache, files, synonyms, limits, on_file, workers)
            except OSError as error:  # a cache folder that cannot be written: the documents still load, in memory
                log.warning("knowledge cache %s unusable (%s); loading without it", cache, error)
            else:
                return cls.opened(opened, threshold, problems)
        lexicon = Lexicon.load(synonyms)
        documents: list[Document] = []
        for path in files:
            report = load_file(path, limits)
            if report.document is not None:
                documents.append(report.document)
            elif report.error is not None:
                problems.append(report.error)
            if on_file is not None:
                on_file(report)
        documents, duplicates = deduplicate(documents)  # a .txt and a .docx of one directive: one document
        knowledge = cls.from_documents(documents, lexicon=lexicon, threshold=threshold, problems=problems)
        knowledge.duplicates = duplicates
        return knowledge

    @classmethod
    def opened(cls, snapshot: snapshot.Snapshot, threshold: float = DEFAULT_THRESHOLD,
               problems: Sequence[DocumentError] = ()) -> KnowledgeBase:
        """The knowledge base of a snapshot opened from its cache folder."""
        answerer = Answerer(snapshot.store, snapshot.index, threshold)
        return cls(snapshot.documents, snapshot.index, answerer, [*problems, *snapshot.problems],
                   list(snapshot.duplicates), snapshot.extracted)

    def ask(self, question: str) -> Answer:
        """The best answer to a question, or a "not found" with nearby topics."""
        return self.answerer.ask(question)

    def _extracted(self) -> Extracted:
        return self.extracted() if self.extracted is not None else Extracted.of(self.documents)

    def deadlines(self) -> list[Deadline]:
        """Every deadline of every document, in document order."""
        return list(self._extracted().deadlines)

    def upcoming(self, today: date) -> list[tuple[Deadline, date | None]]:
        """Deadlines with their next due date from `today`, nearest first; past ones after, latest first."""
        dated = [(deadline, next_due(deadline, today)) for deadline in self.deadlines()]
        future = sorted((item for item in dated if item[1] and item[1] >= today), key=lambda item: item[1] or today)
        past = sorted(
            (item for item in dated if item[1] is None or item[1] < today),
            key=lambda item: item[1] or date.min,
            reverse=True,
        )
        return future + past

    def targets(self, category: str | None = None) -> list[Target]:
        """Every target, or those whose category contains `category` (tone- and case-insensitive)."""
        items = list(self._extracted().targets)
        if category:
            wanted = fold(category)
            items = [target for target in items if target.category and wanted in fold(target.category)]
        return items

    def assignments(self) -> list[Assignment]:
        """Every assignment of every document."""
        return list(self._extracted().assignments)

    def replaced(self, paths: Iterable[str], document: Document) -> Sequence[Document]:
        """The documents in use without those read from `paths`, with `document` added (after an ingest); still
        read from disk on demand when the knowledge is kept there."""
        gone = set(paths)
        if isinstance(self.documents, ShelvedDocuments):
            return self.documents.replaced(gone, document)
        return [*(known for known in self.documents if known.info.path not in gone), document]

    def document(self, key: str) -> Document | None:
        """The document cited as `key` (its number or file name)."""
        infos = self.answerer.store.infos
        position = next((number for number, info in enumerate(infos) if info.key == key), None)
        return None if position is None else self.documents[position]
