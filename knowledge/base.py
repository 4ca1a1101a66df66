"""The knowledge base: documents loaded from sources, their index, and the questions asked of them."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from knowledge.answering import DEFAULT_THRESHOLD, Answer, Answerer
from knowledge.dates import next_due
from knowledge.duplicates import Duplicate, deduplicate
from knowledge.errors import DocumentError
from knowledge.index import SearchIndex
from knowledge.loading import DEFAULT_LIMITS, DEFAULT_SAMPLES, ReadLimits, discover, read_document
from knowledge.model import Assignment, Deadline, Document, Target
from knowledge.parsing import parse_text
from knowledge.store import MemoryStore
from knowledge.synonyms import DEFAULT_SYNONYMS, Lexicon
from knowledge.vietnamese import fold


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What loading one file gave: the document, or the reason it could not be read."""

    path: str
    document: Document | None
    error: DocumentError | None = None
    notes: tuple[str, ...] = ()  # what reading assumed or worked around ("mã hóa Windows-1258", "nhận dạng chữ OCR")


@dataclass
class KnowledgeBase:
    """Documents, their search index and the answerer; built once, then read-only."""

    documents: list[Document]
    index: SearchIndex
    answerer: Answerer
    problems: list[DocumentError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)  # files left out: another file is the same document

    @classmethod
    def from_documents(
        cls,
        documents: Sequence[Document],
        *,
        lexicon: Lexicon | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        problems: Sequence[DocumentError] = (),
    ) -> KnowledgeBase:
        """Index already parsed documents."""
        lexicon = lexicon or Lexicon.load([DEFAULT_SYNONYMS])
        for document in documents:
            for abbreviation, phrase in document.abbreviations:
                lexicon.add_group([abbreviation, phrase])
        index = SearchIndex(lexicon)
        # Indexing makes millions of small objects and no reference cycles: the cycle collector would only scan
        # them again and again (a quarter of the build time at 100 000 passages).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for number, document in enumerate(documents):
                index.add(number, document)
            index.freeze()
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
    ) -> KnowledgeBase:
        """Load every directive under `sources`; unreadable files are reported, the others still load; of files that
        are one document only one is kept, the others are listed in `duplicates`."""
        lexicon = Lexicon.load(synonyms)
        documents: list[Document] = []
        problems: list[DocumentError] = []
        try:
            files = discover(sources)
        except DocumentError as error:
            problems.append(error)
            files = []
        for path in files:
            report = load_file(path)
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

    def ask(self, question: str) -> Answer:
        """The best answer to a question, or a "not found" with nearby topics."""
        return self.answerer.ask(question)

    def deadlines(self) -> list[Deadline]:
        """Every deadline of every document, in document order."""
        return [deadline for document in self.documents for deadline in document.deadlines]

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
        items = [target for document in self.documents for target in document.targets]
        if category:
            wanted = fold(category)
            items = [target for target in items if target.category and wanted in fold(target.category)]
        return items

    def assignments(self) -> list[Assignment]:
        """Every assignment of every document."""
        return [assignment for document in self.documents for assignment in document.assignments]

    def document(self, key: str) -> Document | None:
        """The document cited as `key` (its number or file name)."""
        return next((document for document in self.documents if document.info.key == key), None)


def load_file(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> LoadReport:
    """Read and parse one file within `limits`; any failure becomes the report's error, never an exception."""
    try:
        source = read_document(path, limits)
    except DocumentError as error:
        return LoadReport(str(path), None, error)
    try:
        document = parse_text(source.text, str(path))
    except DocumentError as error:
        return LoadReport(str(path), None, error, source.notes)
    except Exception as error:  # a parser bug on one strange file must not stop the others from loading
        logging.getLogger(__name__).warning("could not parse %s", path, exc_info=True)
        reason = f"lỗi khi phân tích văn bản ({type(error).__name__}: {error})"
        return LoadReport(str(path), None, DocumentError(str(path), reason), source.notes)
    if not document.passages:
        reason = "không tìm thấy đoạn văn nào để trả lời"
        return LoadReport(str(path), None, DocumentError(str(path), reason), source.notes)
    return LoadReport(str(path), document, None, source.notes)
