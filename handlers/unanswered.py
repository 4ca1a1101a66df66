"""Questions the bot could not answer: each decline is recorded (its text, platform, kind of chat, time and nearest
topics — never who asked nor in which chat), and admins see the most frequent with /chuatraloi, so that someone can
add synonyms or documents."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from handlers import wording
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from handlers.permissions import Permissions
from handlers.router import Command
from knowledge.vietnamese import fold
from schedules.messages import Reply
from schedules.repository import Repository
from schedules.unanswered_store import Retention

log = logging.getLogger(__name__)
DEFAULT_DAYS, MOST_DAYS = 30, 365
LISTED = 10  # questions in /chuatraloi: a phone screen
_NOT_WORD_RE = re.compile(r"[^\w]+")
_DAYS_RE = re.compile(r"^(?:(?P<days>[0-9]{1,4})\s*(?:ngay)?)?$")  # "", "7", "7 ngày" (folded), ASCII digits only

Declined = Callable[[IncomingMessage], None]  # told of every decline, recorded or not (the metrics count them)


def folded_key(text: str) -> str:
    """What groups one question however it was typed: without tone marks, case, punctuation or extra spaces."""
    return " ".join(_NOT_WORD_RE.sub(" ", fold(text)).split())


class UnansweredLog:
    """Records declined questions within the retention limit; a failure to record never costs the user the reply."""

    def __init__(self, repository: Repository, retention: Retention, *, keep: bool = True,
                 declined: Declined | None = None) -> None:
        self.repository = repository
        self.retention = retention
        self.keep = keep  # False: only counted, nothing stored (unanswered.enabled: false)
        self.declined = declined

    def record(self, message: IncomingMessage, question: str, topics: list[str]) -> None:
        """One question the bot declined, with the topics it offered instead."""
        if self.declined is not None:
            self.declined(message)
        if not self.keep:
            return
        try:
            self.repository.record_unanswered(question, folded_key(question), message.platform, message.chat_kind,
                                              topics, message.received_at, self.retention)
        except Exception:  # the answer still goes out; the record is only lost
            log.exception("recording a declined question from %s failed", message.platform)


class UnansweredCommands:
    """/chuatraloi for the deployment's admins."""

    def __init__(self, repository: Repository, permissions: Permissions, zone: ZoneInfo) -> None:
        self.repository = repository
        self.permissions = permissions
        self.zone = zone

    def commands(self) -> list[Command]:
        """The commands to register on the router."""
        return [Command(("chuatraloi", "unanswered"), self.show, "câu hỏi bot chưa trả lời được (quản trị viên)")]

    def show(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/chuatraloi [days]: the most frequent questions declined in the last days (30 unless given)."""
        if not self.permissions.is_admin(message):
            raise UserError(wording.ADMIN_ONLY.format(action="xem câu hỏi bot chưa trả lời được"))
        typed = _DAYS_RE.match(fold(args).strip())
        if typed is None or (typed["days"] and not 1 <= int(typed["days"]) <= MOST_DAYS):
            raise UserError(wording.UNANSWERED_USAGE.format(most=MOST_DAYS))
        days = int(typed["days"]) if typed["days"] else DEFAULT_DAYS
        summary = self.repository.unanswered(message.received_at - timedelta(days=days), LISTED)
        return [Reply(wording.unanswered_list(summary, days, self.zone))]
