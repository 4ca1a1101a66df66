"""Logging for the whole process: one format, and secrets (tokens) never written out."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable


class Redactor(logging.Filter):
    """Replaces every known secret in a log record (message, arguments, traceback) with "***"."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({secret for secret in secrets if secret and len(secret) >= 4}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """`text` with the secrets masked."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            formatter = logging.Formatter()
            record.exc_text = self.redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(secrets: Iterable[str] = (), level: int = logging.INFO) -> Redactor:
    """Log to standard error with secrets redacted; returns the redactor for other uses (error messages)."""
    redactor = Redactor(secrets)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redactor)
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return redactor
