"""Documents sent to the bot as files: who may, what is taken, reading and storing them, refreshing the knowledge."""

from __future__ import annotations

import dataclasses
import logging
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from handlers import wording
from handlers.documents import DEADLINE_LIST_LIMIT
from handlers.errors import UserError
from handlers.incoming import GROUP, Attachment, IncomingMessage
from handlers.permissions import Permissions
from handlers.router import Command, Router
from knowledge.base import KnowledgeBase, LoadReport, load_file
from knowledge.library import Library, Outcome, Stored, safe_name
from knowledge.loading import SUPPORTED_SUFFIXES
from knowledge.model import Document
from schedules.messages import Reply

log = logging.getLogger(__name__)
MAX_FILE_BYTES = 20 * 1024 * 1024  # Telegram lets a bot download files of at most 20 MB
NEAREST = 5  # deadlines listed in the reply

Rebuild = Callable[[Sequence[Document]], KnowledgeBase]
Read = Callable[[Path], LoadReport]


class Ingest:
    """Reads a file an admin sends, stores it in the knowledge folder and puts the refreshed knowledge in use.

    Reading, storing and rebuilding run in the caller's thread (platforms call `receive` off the event loop);
    one file at a time, while questions keep being answered from the knowledge in use.
    """

    def __init__(self, router: Router, library: Library, permissions: Permissions, rebuild: Rebuild, *,
                 limit: int = MAX_FILE_BYTES, read: Read = load_file,
                 on_change: Callable[[KnowledgeBase], None] | None = None) -> None:
        self.router = router
        self.library = library
        self.permissions = permissions
        self.rebuild = rebuild
        self.limit = limit
        self.read = read
        self.on_change = on_change or router.use
        self._lock = threading.Lock()

    def commands(self) -> list[Command]:
        """/nap without a file: how to send one."""
        return [Command(("nap", "ingest"), lambda _message, _args: [Reply(wording.INGEST_HINT)],
                        "nạp văn bản: gửi tệp kèm lệnh này (quản trị viên)", manages=True)]

    def allowed(self, message: IncomingMessage) -> bool:
        """Deployment admins anywhere, a group's own admins in their group; in a private chat only admins, since
        the documents are everyone's."""
        return self.permissions.is_admin(message) or (message.chat_kind == GROUP and message.is_chat_admin)

    def screen(self, message: IncomingMessage) -> list[Reply]:
        """Refuse before the download: not an admin, a file too large, a type that cannot be read."""
        attachment = message.attachment
        if attachment is None:
            return []
        name = attachment.name or "?"
        if not self.allowed(message):
            return [Reply(wording.INGEST_NOT_ALLOWED.format(name=name))]
        if Path(attachment.name).suffix.lower() not in SUPPORTED_SUFFIXES:
            formats = ", ".join(SUPPORTED_SUFFIXES)
            return [Reply(wording.INGEST_UNSUPPORTED.format(name=name, formats=formats))]
        size = attachment.size if attachment.content is None else len(attachment.content)
        if size is not None and size > self.limit:
            return [Reply(wording.INGEST_TOO_LARGE.format(name=name, size=wording.file_size(size),
                                                          limit=wording.file_size(self.limit)))]
        return []

    def receive(self, message: IncomingMessage) -> list[Reply]:
        """Read the downloaded file; store it unless it is already there; refresh the knowledge; say what was found."""
        refusal = self.screen(message)
        if refusal:
            return refusal
        attachment = message.attachment
        if attachment is None or attachment.content is None:
            raise UserError(wording.INGEST_NOT_DOWNLOADED.format(name=attachment.name if attachment else "?",
                                                                 reason="tệp trống"))
        with self._lock:
            report = self._read(attachment)
            document = report.document
            if document is None:
                reason = report.error.reason if report.error is not None else "không rõ lý do"
                raise UserError(wording.INGEST_UNREADABLE.format(name=attachment.name, reason=reason))
            current = self.router.knowledge
            self.library.sync(current.documents)
            stored = self.library.store(attachment.content, attachment.name, document)
            if stored.path is None:
                template = wording.INGEST_PRESENT if stored.outcome is Outcome.PRESENT else wording.INGEST_OLDER
                return [Reply(template.format(document=stored.other_name, file=Path(stored.other or "").name))]
            document = _placed(document, stored.path, self.read)
            knowledge = self.rebuild(current.replaced(stored.superseded, document))
            self.on_change(knowledge)
            log.info("ingested %s as %s (%s)", attachment.name, stored.path, stored.outcome)
        return [Reply(self._summary(message, attachment, report, document, stored))]

    def _read(self, attachment: Attachment) -> LoadReport:
        """Parse the file from a private temporary folder, under its own (safe) name so that it is cited the same
        way once stored."""
        assert attachment.content is not None
        with tempfile.TemporaryDirectory(prefix="nap-") as folder:
            path = Path(folder) / safe_name(attachment.name)
            path.write_bytes(attachment.content)
            return self.read(path)

    def _summary(self, message: IncomingMessage, attachment: Attachment, report: LoadReport, document: Document,
                 stored: Stored) -> str:
        info = document.info
        counts = wording.document_counts(len(document.sections), len(document.passages), len(document.targets),
                                         len(document.deadlines), len(document.assignments))
        assert stored.path is not None
        note = wording.stored_note(stored.outcome, stored.path.name, Path(stored.other or "").name,
                                   stored.other_name, bool(stored.removed))
        listed, more = self._nearest(message, document)
        return wording.ingested(attachment.name, info, counts, info.missing(), list(report.notes), note, listed, more)

    def _nearest(self, message: IncomingMessage, document: Document) -> tuple[list[str], bool]:
        """The document's next deadlines numbered as /hanchot numbers them (and as /theodoi takes them now)."""
        today = self.router.today(message)
        self.router.lists.deadlines(message, today)  # what /hanchot shows, remembered for this chat's /theodoi
        mine = set(document.deadlines)  # by value: a knowledge base kept on disk reads its own copies
        lines: list[str] = []
        for number in range(1, DEADLINE_LIST_LIMIT + 1):
            shown = self.router.lists.shown_deadline(message, number)
            if shown is None:
                break
            deadline, due = shown
            if deadline in mine and due is not None and due >= today and len(lines) < NEAREST:
                lines.append(wording.ingested_deadline(number, deadline, due, today))
        upcoming = sum(1 for deadline, due in self.router.knowledge.upcoming(today)
                       if deadline in mine and due is not None and due >= today)
        return lines, upcoming > len(lines)


def _placed(document: Document, path: Path, read: Read) -> Document:
    """The parsed document as read from where it is stored: re-read when the stored name differs (a file without a
    number is cited by its name), else only its path changes."""
    if Path(document.info.path).name == path.name:
        document.info = dataclasses.replace(document.info, path=str(path))
        return document
    report = read(path)
    if report.document is None:  # the same bytes were readable a moment ago
        raise UserError(wording.INGEST_UNREADABLE.format(name=path.name, reason=str(report.error)))
    return report.document
