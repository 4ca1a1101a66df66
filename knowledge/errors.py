"""Errors of the knowledge layer: a document or data file that cannot be read or understood."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base class for errors raised by the knowledge package."""


class DocumentError(KnowledgeError):
    """A file that cannot be loaded: names the file, the line when known, and the reason (in Vietnamese)."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
