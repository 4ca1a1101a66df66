"""Summaries: what is overdue in a chat (/quahan), the week's digest (/tonghop, and every Monday by itself), and the
outbox's state for admins (/tinhtrang)."""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers import wording
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from handlers.router import Command
from handlers.services import TimeServices
from schedules.messages import Reply
from schedules.repository import ChatInfo, OccurrenceInfo

LISTED = 15  # items of one kind in a summary: a phone screen or two


class SummaryCommands:
    """The summary commands, and the digest the outbox sends."""

    def __init__(self, services: TimeServices) -> None:
        self.services = services

    def commands(self) -> list[Command]:
        """The commands to register on the router."""
        return [
            Command(("quahan", "overdue"), self.overdue, "việc quá hạn chưa xác nhận"),
            Command(("tonghop", "digest"), self.digest, "tổng hợp hạn 2 tuần tới và việc quá hạn"),
            Command(("tinhtrang", "status"), self.status, "tình trạng gửi tin (quản trị viên)"),
        ]

    def _lines(self, chat: ChatInfo, found: list[tuple[int, OccurrenceInfo]], now: datetime,
               overdue: bool) -> list[str]:
        zone, repository = self.services.zone, self.services.repository
        lines = []
        for reminder_id, occurrence in found[:LISTED]:
            reminder = repository.reminder(reminder_id)
            number = repository.number_in(reminder_id, chat.id)
            if reminder is None or number is None:
                continue
            if overdue:
                mine = any(target.chat.id == chat.id for target in occurrence.targets)
                missing = [] if mine else [target.chat.name for target in occurrence.targets
                                           if not target.confirmed_by]
                lines.append(wording.overdue_line(number, reminder.text, occurrence.due, now, zone, missing))
            else:
                done = sum(1 for target in occurrence.targets if target.confirmed_by)
                lines.append(wording.coming_line(number, reminder.text, occurrence.due, zone, done,
                                                 len(occurrence.targets)))
        if len(found) > LISTED:
            lines.append(f"… và {len(found) - LISTED} việc khác (/dsnhac).")
        return lines

    def overdue(self, message: IncomingMessage, _args: str) -> list[Reply]:
        """/quahan: this chat's overdue items not confirmed yet (what it must do, and what it asked others for)."""
        chat = self.services.chat_of(message)
        found = self.services.repository.occurrences_of_chat(chat.id, until=message.received_at, overdue=True)
        lines = self._lines(chat, found, message.received_at, overdue=True)
        if not lines:
            return [Reply(wording.NO_OVERDUE)]
        return [Reply("\n".join([wording.overdue_heading(len(found)), *lines]))]

    def digest(self, message: IncomingMessage, _args: str) -> list[Reply]:
        """/tonghop: the digest of this chat, now."""
        chat = self.services.chat_of(message)
        reply = self.digest_for(chat, message.received_at)
        days = self.services.digests.settings.days if self.services.digests else 14
        return [reply or Reply(wording.NOTHING_THIS_WEEK.format(days=days))]

    def digest_for(self, chat: ChatInfo, at: datetime) -> Reply | None:
        """A chat's deadlines of the coming days and its overdue items; None when there are none."""
        days = self.services.digests.settings.days if self.services.digests else 14
        repository = self.services.repository
        coming = repository.occurrences_of_chat(chat.id, until=at + timedelta(days=days), overdue=False)
        overdue = repository.occurrences_of_chat(chat.id, until=at, overdue=True)
        if not coming and not overdue:
            return None
        local = at.astimezone(self.services.zone).date()
        return Reply(wording.digest(local, local + timedelta(days=days), self._lines(chat, coming, at, False),
                                    self._lines(chat, overdue, at, True)))

    def status(self, message: IncomingMessage, _args: str) -> list[Reply]:
        """/tinhtrang (admins): what waits in the outbox and since when, the last day's outcomes, recent failures."""
        if not self.services.permissions.is_admin(message):
            raise UserError(wording.ADMIN_ONLY.format(action="xem tình trạng gửi tin"))
        state = self.services.repository.outbox_state(message.received_at)
        failed = [{"chat": item.chat.name, "status": item.status, "detail": item.error} for item in state.failures]
        return [Reply(wording.outbox_status(state.pending, state.sending, state.oldest, message.received_at,
                                            state.recent, failed, state.retrying, self.services.zone))]
