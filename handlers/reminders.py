"""Reminder commands: /nhac, /dsnhac, /huynhac, /xong, /tiendo, /hoanlai, /theodoi, and their buttons."""

from __future__ import annotations

from dataclasses import replace

from handlers import wording
from handlers.arguments import number_argument
from handlers.documents import DocumentLists
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from handlers.router import Command
from handlers.services import TimeServices
from knowledge.model import Recurrence
from schedules.errors import WhenError
from schedules.messages import Reply
from schedules.repository import ReminderInfo
from schedules.timeparse import parse_when


class ReminderCommands:
    """The reminder commands of one deployment."""

    def __init__(self, services: TimeServices, lists: DocumentLists) -> None:
        self.services = services
        self.lists = lists

    def commands(self) -> list[Command]:
        """The commands to register on the router."""
        return [
            Command(("nhac", "remind"), self.create, "tạo nhắc việc", manages=True),
            Command(("dsnhac", "reminders"), self.list_reminders, "danh sách nhắc việc"),
            Command(("huynhac", "cancel"), self.cancel, "hủy nhắc việc", manages=True),
            Command(("xong", "done"), self.done, "xác nhận đã xong"),
            Command(("tiendo", "progress"), self.progress, "ai đã xong, ai chưa"),
            Command(("hoanlai", "snooze"), self.snooze, "nhắc lại sau"),
            Command(("theodoi", "follow"), self.follow, "theo dõi một hạn trong văn bản", manages=True),
            Command(("xongky",), self.done_occurrence, "nút Đã xong", hidden=True),
            Command(("hoan",), self.snooze_occurrence, "nút Nhắc lại sau", hidden=True),
        ]

    def _require_manager(self, message: IncomingMessage, action: str) -> None:
        if not self.services.permissions.can_manage(message):
            raise UserError(wording.NOT_ALLOWED.format(action=action))

    def _reminder(self, number: int) -> ReminderInfo:
        reminder = self.services.reminders.get(number)
        if reminder is None or reminder.status != "active":
            raise UserError(wording.NO_REMINDER.format(number=number))
        return reminder

    def create(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/nhac <khi nào> <việc>."""
        self._require_manager(message, "tạo nhắc việc")
        zone = self.services.zone
        try:
            when = parse_when(args, message.received_at, zone)
        except WhenError as error:
            raise UserError(wording.when_problem(error.code, error.value)) from error
        chat = self.services.chat_of(message)
        reminder = self.services.reminders.create(chat, message.user_id, when, message.received_at)
        leads = when.lead_days if when.lead_days is not None else list(self.services.lead_days)
        return [Reply(wording.reminder_created(reminder.id, reminder.text, reminder.next_due, reminder.recurrence,
                                               leads, zone))]

    def list_reminders(self, message: IncomingMessage, _args: str) -> list[Reply]:
        """/dsnhac: this chat's reminders, nearest first."""
        chat = self.services.chat_of(message)
        reminders = self.services.reminders.of_chat(chat)
        if not reminders:
            return [Reply(wording.NO_REMINDERS)]
        today = message.received_at.astimezone(self.services.zone).date()
        lines = [wording.reminders_heading(len(reminders))]
        for reminder in reminders:
            targets = self.services.repository.targets(reminder.occurrence_id) if reminder.occurrence_id else []
            done = sum(1 for target in targets if target.confirmed_by)
            lines.append(wording.reminder_line(reminder, today, self.services.zone, done, len(targets)))
        return [Reply("\n".join(lines))]

    def cancel(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/huynhac N."""
        self._require_manager(message, "hủy nhắc việc")
        reminder = self._reminder(number_argument(args, "/huynhac 12"))
        chat = self.services.chat_of(message)
        if reminder.chat.id != chat.id and not self.services.permissions.is_admin(message):
            raise UserError(wording.NOT_ALLOWED.format(action="hủy nhắc việc của nơi khác"))
        self.services.reminders.cancel(reminder.id, message.received_at)
        return [Reply(wording.REMINDER_CANCELLED.format(number=reminder.id, text=reminder.text))]

    def done(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/xong N: this chat did reminder N (its current occurrence)."""
        reminder = self._reminder(number_argument(args, "/xong 12"))
        if reminder.occurrence_id is None:
            raise UserError(wording.NOTHING_OPEN.format(number=reminder.id))
        return self._confirm(message, reminder.occurrence_id)

    def done_occurrence(self, message: IncomingMessage, args: str) -> list[Reply]:
        """The "Đã xong" button of a reminder message (carries the occurrence)."""
        return self._confirm(message, number_argument(args, "/xong 12"))

    def _confirm(self, message: IncomingMessage, occurrence_id: int) -> list[Reply]:
        found = self.services.repository.occurrence_reminder(occurrence_id)
        if found is None:
            raise UserError(wording.NO_REMINDER.format(number=occurrence_id))
        reminder_id, due, _status = found
        reminder = self._reminder(reminder_id)
        chat = self.services.chat_of(message)
        targets = self.services.repository.targets(occurrence_id)
        if chat.id not in {target.chat.id for target in targets}:
            raise UserError(wording.NOT_A_TARGET.format(number=reminder_id))
        who = message.user_name or message.user_id
        if not self.services.reminders.confirm(occurrence_id, chat, message.user_id, who, message.received_at):
            raise UserError(wording.ALREADY_CONFIRMED.format(chat=chat.name, text=reminder.text))
        return [Reply(wording.confirmed(chat.name, reminder.text, due, self.services.zone, who))]

    def progress(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/tiendo N: who confirmed and who has not."""
        number = number_argument(args, "/tiendo 12")
        found = self.services.reminders.progress(number)
        if found is None:
            raise UserError(wording.NO_REMINDER.format(number=number))
        chat = self.services.chat_of(message)
        concerned = {found.reminder.chat.id} | {target.chat.id for target in found.targets}
        if chat.id not in concerned and not self.services.permissions.is_admin(message):
            raise UserError(wording.NO_REMINDER.format(number=number))  # another unit's reminder: not even its name
        rows = [(target.chat.name, target.confirmed_by, target.confirmed_at) for target in found.targets]
        return [Reply(wording.progress(number, found.reminder.text, found.due, self.services.zone, rows))]

    def snooze(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/hoanlai N: remind this chat again later."""
        reminder = self._reminder(number_argument(args, "/hoanlai 12"))
        if reminder.occurrence_id is None:
            raise UserError(wording.NOTHING_OPEN.format(number=reminder.id))
        return self.snooze_occurrence(message, str(reminder.occurrence_id))

    def snooze_occurrence(self, message: IncomingMessage, args: str) -> list[Reply]:
        """The "Nhắc lại sau" button (carries the occurrence)."""
        occurrence = number_argument(args, "/hoanlai 12")
        chat = self.services.chat_of(message)
        if chat.id not in {target.chat.id for target in self.services.repository.targets(occurrence)}:
            found = self.services.repository.occurrence_reminder(occurrence)
            raise UserError(wording.NOT_A_TARGET.format(number=found[0] if found else occurrence))
        at = self.services.reminders.snooze(occurrence, chat, message.received_at)
        if at is None:
            raise UserError(wording.NOTHING_OPEN.format(number=occurrence))
        return [Reply(wording.SNOOZED.format(at=at.astimezone(self.services.zone)))]

    def follow(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/theodoi N: turn deadline N of the last /hanchot list into a reminder for this chat."""
        self._require_manager(message, "tạo nhắc việc")
        shown = self.lists.shown_deadline(message, number_argument(args, "/theodoi 3"))
        if shown is None:
            raise UserError(wording.FOLLOW_FIRST)
        deadline, _next = shown
        if deadline.due is None and deadline.recurrence is None:
            raise UserError(wording.FOLLOW_UNDATED)
        recurrence = deadline.recurrence
        note = ""
        if recurrence is not None and recurrence.every == "week":
            # Reminders repeat by month, quarter or year only; a weekday would be lost on the next occurrence.
            raise UserError(wording.FOLLOW_WEEKLY.format(every=recurrence.describe()))
        if recurrence is not None and recurrence.day is None:
            # A reminder needs a concrete day: a duty with no day named falls due on its period's last day.
            deadline = replace(deadline, recurrence=Recurrence(recurrence.every, 31, recurrence.month))
            note = "\n" + wording.follow_period_end(recurrence)
        chat = self.services.chat_of(message)
        reminder = self.services.reminders.follow(chat, deadline, message.received_at)
        if reminder is None:
            raise UserError(wording.FOLLOW_PAST.format(due=f"{deadline.due:%d/%m/%Y}" if deadline.due else ""))
        created = wording.reminder_created(reminder.id, reminder.text, reminder.next_due, reminder.recurrence,
                                           list(self.services.lead_days), self.services.zone)
        return [Reply(created + note, wording.short_citation(deadline.document, deadline.section))]
