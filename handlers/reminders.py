"""Reminder commands: /nhac, /dsnhac, /huynhac, /xong, /tiendo, /hoanlai, /dong, /theodoi, and their buttons.
Every number is the chat's own (#1, #2 … in that chat): no command reaches another chat's reminder."""

from __future__ import annotations

from datetime import timedelta

from handlers import wording
from handlers.arguments import number_argument
from handlers.documents import DocumentLists
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from handlers.offers import PICKS
from handlers.router import Command
from handlers.services import TimeServices
from schedules.errors import WhenError
from schedules.messages import Button, Reply
from schedules.reminders import Confirmation, Created
from schedules.repository import OccurrenceInfo, ReminderInfo
from schedules.timeparse import parse_when

PICKED = 8  # reminders offered as buttons when a command comes without its number: one phone screen


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
            Command(("xong", "done"), self.done, "xác nhận đã xong (cả khi đã quá hạn)"),
            Command(("tiendo", "progress"), self.progress, "ai đã xong, ai chưa"),
            Command(("hoanlai", "snooze"), self.snooze, "nhắc lại sau", manages=True),
            Command(("dong", "close"), self.close, "thôi nhắc việc đã quá hạn", manages=True),
            Command(("theodoi", "follow"), self.follow, "theo dõi một hạn trong văn bản", manages=True),
            Command(("xongky",), self.done_occurrence, "nút Đã xong", hidden=True),
            Command(("hoan",), self.snooze_occurrence, "nút Nhắc lại sau", hidden=True, manages=True),
        ]

    def _require_manager(self, message: IncomingMessage, action: str) -> None:
        if not self.services.permissions.can_manage(message):
            raise UserError(wording.NOT_ALLOWED.format(action=action))

    def _pick(self, message: IncomingMessage, command: str, waiting_only: bool) -> list[Reply]:
        """No number typed: the chat's reminders to pick from, one button each (`waiting_only`: those the chat
        still has to confirm)."""
        chat = self.services.chat_of(message)
        reminders = self.services.reminders.of_chat(chat)
        if waiting_only:
            reminders = [reminder for reminder in reminders if self._waiting(reminder, chat.id)]
        if not reminders:
            raise UserError(wording.NOTHING_WAITING if waiting_only else wording.NO_REMINDERS)
        shown = reminders[:PICKED]
        self.lists.offers.offer(message.platform, message.chat_id, PICKS,  # a typed number: that reminder
                                [{"command": command, "number": reminder.number} for reminder in shown],
                                message.received_at)
        buttons = tuple((Button(wording.pick_label(reminder.number, reminder.text), f"{command}:{reminder.number}",
                                f"/{command} {reminder.number}"),) for reminder in shown)
        return [Reply(wording.pick_heading(command, len(reminders) - len(shown)), buttons=buttons)]

    def _waiting(self, reminder: ReminderInfo, chat_id: int) -> bool:
        """Whether the chat still has to confirm an occurrence of this reminder."""
        occurrence = self.services.repository.occurrence_to_confirm(reminder.id, chat_id)
        return (occurrence is not None and occurrence.status in ("open", "overdue")
                and chat_id in {target.chat.id for target in occurrence.targets} and not occurrence.confirmed(chat_id))

    def _reminder(self, message: IncomingMessage, args: str, example: str) -> ReminderInfo:
        """The reminder the chat's number names; "không có" for any other number, whoever asks."""
        try:
            number = number_argument(args, example)
        except UserError as error:  # where to find the numbers, too
            raise UserError(wording.NEED_REMINDER_NUMBER.format(example=example)) from error
        reminder = self.services.reminders.numbered(self.services.chat_of(message), number)
        if reminder is None:
            raise UserError(wording.NO_REMINDER.format(number=number))
        return reminder

    def create(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/nhac <khi nào> <việc>."""
        self._require_manager(message, "tạo nhắc việc")
        zone = self.services.zone
        try:
            when = parse_when(args, message.received_at, zone)
        except WhenError as error:
            raise UserError(wording.when_problem(error.code, error.value, error.example, error.year)) from error
        limit = self.services.limits.reminders_per_hour
        since = message.received_at - timedelta(hours=1)
        if (message.platform != "console" and not self.services.permissions.is_admin(message)
                and self.services.repository.reminders_made_since(message.platform, message.user_id, since) >= limit):
            raise UserError(wording.TOO_MANY_REMINDERS.format(limit=limit))
        chat = self.services.chat_of(message)
        created = self.services.reminders.create(chat, message.user_id, when, message.received_at)
        return [Reply(self._created(created, when.note))]

    def _created(self, created: Created, note: str = "") -> str:
        reminder = created.reminder
        return wording.reminder_created(reminder.number, reminder.text, reminder.next_due, reminder.recurrence,
                                        [step.key for step in created.coming], [step.key for step in created.passed],
                                        self.services.zone, note)

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
        lines.append(wording.REMINDERS_FOOTER)
        # a number typed after this list is asked about (which command?), not taken as an older question's choice
        self.lists.offers.offer(message.platform, message.chat_id, PICKS, [], message.received_at)
        return [Reply("\n".join(lines))]

    def cancel(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/huynhac N: only in the chat that made the reminder."""
        self._require_manager(message, "hủy nhắc việc")
        reminder = self._reminder(message, args, "/huynhac 12")
        if reminder.chat.id != self.services.chat_of(message).id:
            raise UserError(wording.NOT_YOURS.format(number=reminder.number, chat=reminder.chat.name))
        self.services.reminders.cancel(reminder, message.received_at)
        return [Reply(wording.REMINDER_CANCELLED.format(number=reminder.number, text=reminder.text))]

    def close(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/dong N: the chat that made it stops the overdue messages of reminder N."""
        self._require_manager(message, "đóng nhắc việc")
        reminder = self._reminder(message, args, "/dong 12")
        if reminder.chat.id != self.services.chat_of(message).id:
            raise UserError(wording.NOT_YOURS.format(number=reminder.number, chat=reminder.chat.name))
        if not self.services.reminders.close(reminder):
            raise UserError(wording.NOTHING_OVERDUE.format(number=reminder.number))
        return [Reply(wording.CLOSED.format(number=reminder.number, text=reminder.text))]

    def done(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/xong N: this chat did reminder N (its oldest occurrence not confirmed yet, late ones included); without
        N, the reminders it still has to confirm, to pick from."""
        if not args.strip():
            return self._pick(message, "xong", waiting_only=True)
        reminder = self._reminder(message, args, "/xong 12")
        chat = self.services.chat_of(message)
        who = message.user_name or message.user_id
        confirmation = self.services.reminders.confirm(reminder, chat, message.user_id, who, message.received_at)
        if confirmation is None:
            raise UserError(wording.NOT_A_TARGET.format(number=reminder.number))
        return [self._confirmed(confirmation, reminder, chat.name, who)]

    def done_occurrence(self, message: IncomingMessage, args: str) -> list[Reply]:
        """The "Đã xong" button of a reminder message (carries the occurrence): only for a chat it was sent to."""
        occurrence_id = number_argument(args, "/xong 12")
        chat = self.services.chat_of(message)
        occurrence = self.services.repository.occurrence(occurrence_id) if occurrence_id < 2**31 else None
        number = (self.services.repository.number_in(occurrence.reminder_id, chat.id) if occurrence else None)
        if occurrence is None or number is None or chat.id not in {target.chat.id for target in occurrence.targets}:
            raise UserError(wording.GONE_BUTTON)
        reminder = self.services.reminders.numbered(chat, number)
        if reminder is None:
            raise UserError(wording.GONE_BUTTON)
        who = message.user_name or message.user_id
        confirmation = self.services.reminders.confirm_occurrence(occurrence, chat, message.user_id, who,
                                                                  message.received_at)
        return [self._confirmed(confirmation, reminder, chat.name, who)]

    def _confirmed(self, confirmation: Confirmation, reminder: ReminderInfo, chat: str, who: str) -> Reply:
        if not confirmation.recorded:
            raise UserError(wording.ALREADY_CONFIRMED.format(chat=chat, text=reminder.text))
        return Reply(wording.confirmed(chat, reminder.text, confirmation.occurrence.due, self.services.zone, who,
                                       confirmation.at))

    def progress(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/tiendo N: who confirmed the last occurrence and who has not; without N, the reminders to pick from."""
        if not args.strip():
            return self._pick(message, "tiendo", waiting_only=False)
        reminder = self._reminder(message, args, "/tiendo 12")
        occurrence = self.services.reminders.progress(reminder)
        rows = [(target.chat.name, target.confirmed_by, target.confirmed_at) for target in
                (occurrence.targets if occurrence else [])]
        due = occurrence.due if occurrence else reminder.next_due
        text = wording.progress(reminder.number, reminder.text, due, self.services.zone, rows, message.received_at)
        previous = self.services.reminders.previous(occurrence) if occurrence else None
        if previous is not None:  # confirmed late a moment ago, the round it was is still worth seeing
            text += "\n" + wording.previous_round(previous.due, self.services.zone,
                                                   [target.confirmed_at for target in previous.targets])
        return [Reply(text)]

    def snooze(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/hoanlai N: remind this chat again later (once per stretch between two reminders); without N, the
        reminders it still has to confirm, to pick from."""
        self._require_manager(message, "hẹn nhắc lại")
        if not args.strip():
            return self._pick(message, "hoanlai", waiting_only=True)
        reminder = self._reminder(message, args, "/hoanlai 12")
        chat = self.services.chat_of(message)
        occurrence = self.services.repository.occurrence_to_confirm(reminder.id, chat.id)
        if occurrence is not None and chat.id not in {target.chat.id for target in occurrence.targets}:
            raise UserError(wording.NOT_A_TARGET.format(number=reminder.number))
        return self._snooze(message, reminder, occurrence)

    def snooze_occurrence(self, message: IncomingMessage, args: str) -> list[Reply]:
        """The "Nhắc lại sau" button (carries the occurrence): only for a chat it was sent to."""
        self._require_manager(message, "hẹn nhắc lại")
        occurrence_id = number_argument(args, "/hoanlai 12")
        chat = self.services.chat_of(message)
        occurrence = self.services.repository.occurrence(occurrence_id) if occurrence_id < 2**31 else None
        number = (self.services.repository.number_in(occurrence.reminder_id, chat.id) if occurrence else None)
        reminder = self.services.reminders.numbered(chat, number) if number is not None else None
        if occurrence is None or reminder is None or chat.id not in {target.chat.id for target in occurrence.targets}:
            raise UserError(wording.GONE_BUTTON)
        return self._snooze(message, reminder, occurrence)

    def _snooze(self, message: IncomingMessage, reminder: ReminderInfo,
                occurrence: OccurrenceInfo | None) -> list[Reply]:
        chat = self.services.chat_of(message)
        if occurrence is not None and occurrence.confirmed(chat.id):
            raise UserError(wording.DONE_NO_SNOOZE.format(number=reminder.number))
        if occurrence is None or occurrence.status not in ("open", "overdue"):
            raise UserError(wording.NOTHING_OPEN.format(number=reminder.number))
        snoozed = self.services.reminders.snooze(occurrence, reminder, chat, message.received_at)
        at = snoozed.at.astimezone(self.services.zone)
        said = wording.SNOOZED if snoozed.new else wording.ALREADY_SNOOZED
        return [Reply(said.format(at=at, number=reminder.number, text=wording.shorten(reminder.text, 80)))]

    def follow(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/theodoi N: turn deadline N of the last /hanchot list into a reminder for this chat."""
        self._require_manager(message, "tạo nhắc việc")
        number = number_argument(args, "/theodoi 3")
        shown = self.lists.shown_deadline(message, number)
        if shown is None:
            count = self.lists.shown_count(message)
            if not self.lists.knowledge.deadlines():
                said = wording.NO_DEADLINES  # nothing to list, so nothing to follow
            elif count is None:
                said = wording.FOLLOW_FIRST
            else:
                said = wording.FOLLOW_NO_SUCH.format(number=number, count=count)
            raise UserError(said)
        deadline, _next = shown
        if deadline.due is None and deadline.recurrence is None:
            raise UserError(wording.FOLLOW_UNDATED)
        recurrence = deadline.recurrence
        note = ""
        if recurrence is not None and recurrence.day is None and recurrence.every != "week":
            note = "\n" + wording.follow_period_end(recurrence)  # a reminder needs a day: the period's last one
        chat = self.services.chat_of(message)
        created = self.services.reminders.follow(chat, deadline, message.received_at)
        if created is None:
            raise UserError(wording.FOLLOW_PAST.format(due=f"{deadline.due:%d/%m/%Y}" if deadline.due else ""))
        return [Reply(self._created(created) + note,
                      wording.short_citation(deadline.document, deadline.section))]
