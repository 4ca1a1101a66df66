"""Theme and broadcast commands: /chude, /dangky, /huydangky, /phatthong (with preview and confirmation)."""

from __future__ import annotations

import re

from handlers import wording
from handlers.arguments import number_argument
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from handlers.router import Command
from handlers.services import TimeServices
from schedules.messages import Button, Reply


class BroadcastCommands:
    """Monthly themes on demand, subscriptions, and ad-hoc broadcasts."""

    def __init__(self, services: TimeServices) -> None:
        self.services = services

    def commands(self) -> list[Command]:
        """The commands to register on the router."""
        return [
            Command(("chude", "theme"), self.theme, "chủ đề tuyên truyền của tháng"),
            Command(("dangky", "subscribe"), self.subscribe, "nhận chủ đề hằng tháng", manages=True),
            Command(("huydangky", "unsubscribe"), self.unsubscribe, "thôi nhận chủ đề hằng tháng", manages=True),
            Command(("phatthong", "broadcast"), self.broadcast, "phát thông báo (quản trị viên)"),
            Command(("phat",), self.send_draft, "nút Gửi thông báo", hidden=True),
            Command(("huyphat",), self.drop_draft, "nút Hủy thông báo", hidden=True),
        ]

    def theme(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/chude [tháng]: this month's theme, or the next such month's."""
        today = message.received_at.astimezone(self.services.zone).date()
        month, year = today.month, today.year
        if args.strip():
            found = re.match(r"^(?:tháng\s*|thang\s*)?(\d{1,2})(?:\s*/\s*(\d{4}))?$", args.strip(), re.IGNORECASE)
            if found is None or not 1 <= int(found.group(1)) <= 12:
                raise UserError(wording.BAD_MONTH)
            month = int(found.group(1))
            year = int(found.group(2)) if found.group(2) else (today.year if month >= today.month else today.year + 1)
        return [Reply(wording.theme(self.services.calendar.month(month, year)))]

    def subscribe(self, message: IncomingMessage, _args: str) -> list[Reply]:
        """/dangky: this chat receives the monthly theme, the weekly digest and the admins' broadcasts."""
        if not self.services.permissions.can_manage(message):
            raise UserError(wording.NOT_ALLOWED.format(action="đăng ký nhận chủ đề cho nhóm"))
        chat = self.services.chat_of(message)
        if not self.services.broadcasts.subscribe(chat, message.received_at):
            return [Reply(wording.ALREADY_SUBSCRIBED.format(chat=chat.name))]
        settings, digests = self.services.broadcasts.settings, self.services.digests
        digest = (digests.settings.weekday, digests.settings.at) if digests is not None else None
        return [Reply(wording.subscribed(chat.name, settings.day, settings.at, digest))]

    def unsubscribe(self, message: IncomingMessage, _args: str) -> list[Reply]:
        """/huydangky."""
        if not self.services.permissions.can_manage(message):
            raise UserError(wording.NOT_ALLOWED.format(action="hủy đăng ký của nhóm"))
        chat = self.services.chat_of(message)
        if not self.services.broadcasts.unsubscribe(chat):
            return [Reply(wording.NOT_SUBSCRIBED.format(chat=chat.name))]
        return [Reply(wording.UNSUBSCRIBED.format(chat=chat.name))]

    def broadcast(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/phatthong <nội dung>: a preview with Send/Cancel; "/phatthong gui N" or "huy N" answers it by text."""
        if not self.services.permissions.is_admin(message):
            raise UserError(wording.ADMIN_ONLY.format(action="phát thông báo"))
        answer = re.match(r"^(gui|gửi|huy|hủy)\s+#?(\d+)$", args.strip(), re.IGNORECASE)
        if answer:
            send = answer.group(1).lower() in ("gui", "gửi")
            return (self.send_draft if send else self.drop_draft)(message, answer.group(2))
        text = args.strip()
        if not text:
            raise UserError(wording.BROADCAST_EMPTY)
        if not self.services.broadcasts.audience():
            raise UserError(wording.BROADCAST_NOBODY)
        chat = self.services.chat_of(message)
        number, count = self.services.broadcasts.draft(chat, _author(message), text, message.received_at)
        buttons = ((Button(wording.SEND_LABEL, f"phat:{number}", f"/phatthong gui {number}"),
                    Button(wording.DROP_LABEL, f"huyphat:{number}", f"/phatthong huy {number}")),)
        return [Reply(wording.broadcast_preview(text, count, number), None, buttons)]

    def send_draft(self, message: IncomingMessage, args: str) -> list[Reply]:
        """Confirm draft N: queue it for every subscribed chat."""
        if not self.services.permissions.is_admin(message):
            raise UserError(wording.ADMIN_ONLY.format(action="phát thông báo"))
        number = number_argument(args, "/phatthong gui 3")
        count = self.services.broadcasts.confirm(number, _author(message), message.received_at)
        if count is None:
            raise UserError(wording.BROADCAST_GONE.format(number=number))
        if count == 0:
            raise UserError(wording.BROADCAST_NOBODY)
        return [Reply(wording.BROADCAST_QUEUED.format(count=count))]

    def drop_draft(self, message: IncomingMessage, args: str) -> list[Reply]:
        """Drop draft N: only its author (an admin, on the same platform) can; anyone else is told there is no such
        draft, and nothing changes."""
        number = number_argument(args, "/phatthong huy 3")
        if not self.services.permissions.is_admin(message) or (
                self.services.repository.drop_draft(number, _author(message)) is None):
            raise UserError(wording.BROADCAST_GONE.format(number=number))
        return [Reply(wording.BROADCAST_DROPPED)]


def _author(message: IncomingMessage) -> str:
    """Who wrote a draft: the platform and the user, since user ids of two platforms may be the same."""
    return f"{message.platform}:{message.user_id}"
