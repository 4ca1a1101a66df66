"""The test's side of the fake Telegram: its state, update builders, member statuses, faults and flood limits."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

from . import telegram_objects as tg
from ._base import JSON, ApiError, FakeBotServer, Fault
from ._limits import SendLimiter

BLOCKED = "Forbidden: bot was blocked by the user"
KICKED = "Forbidden: bot was kicked from the group chat"
MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"
FOREVER = 10**9


class TelegramControl(FakeBotServer):
    """State of one fake bot and the helpers a test uses to feed it updates and shape its answers."""

    def __init__(
        self,
        token: str = "123456:TEST-token",
        *,
        username: str = "test_bot",
        first_name: str = "Trợ lý văn bản",
        can_join_groups: bool = True,
    ) -> None:
        super().__init__(token)
        self.username = username
        self.bot_user = tg.user(int(token.split(":")[0]), first_name, username=username, is_bot=True)
        self.can_join_groups = can_join_groups
        self.sent: list[JSON] = []
        self.edits: list[JSON] = []
        self.answers: list[JSON] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.webhook: JSON | None = None
        self.rejected = 0
        self.chats: dict[int, JSON] = {}
        self.messages: dict[tuple[int, int], JSON] = {}
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(100_000_001)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._open_queries: set[str] = set()
        self._users: dict[int, JSON] = {}
        self._members: dict[tuple[int, int], str] = {}
        self._limiter: SendLimiter | None = None
        self.files: dict[str, JSON] = {}  # file_id → what getFile answers, plus the bytes
        self.downloads: list[str] = []  # file paths fetched from /file/bot<token>/…

    # -- updates ---------------------------------------------------------------------------------------------------

    def push_update(self, update: JSON) -> JSON:
        """Queue an Update for getUpdates (an `update_id` is assigned when missing) and return it."""
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        self._updates.append(update)
        self._notify()
        return update

    def message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        title: str | None = None,
        first_name: str = "Nguyễn Văn A",
        username: str | None = None,
        entities: list[JSON] | None = None,
        reply_to_bot: bool = False,
    ) -> JSON:
        """Queue a user's text message; chat type defaults from the id sign, entities from "/cmd" and "@name"."""
        message = self._user_message(chat_id, user_id=user_id, chat_type=chat_type, title=title,
                                     first_name=first_name, username=username, reply_to_bot=reply_to_bot)
        message["text"] = text
        found = tg.auto_entities(text) if entities is None else entities
        if found:
            message["entities"] = found
        return self.push_update({"message": message})

    def _user_message(self, chat_id: int, *, user_id: int | None, chat_type: str | None = None,
                      title: str | None = None, first_name: str = "Nguyễn Văn A", username: str | None = None,
                      reply_to_bot: bool = False) -> JSON:
        """A message from a user in a chat (recorded, not yet queued), without its content."""
        chat = self.add_chat(chat_id, chat_type, title)
        sender = self._user(user_id if user_id is not None else (chat_id if chat_id > 0 else 700_000_001), first_name)
        if username:
            sender["username"] = self._users[sender["id"]]["username"] = username
        replied = self._last_bot_message(chat_id) if reply_to_bot else None
        message: JSON = {
            "message_id": self._next_message_id(chat_id),
            "from": sender,
            "chat": chat,
            "date": int(time.time()),
        }
        if replied is not None:
            message["reply_to_message"] = replied
        self.messages[chat_id, message["message_id"]] = message
        return message

    def document(
        self,
        chat_id: int,
        file_name: str,
        content: bytes,
        *,
        user_id: int | None = None,
        caption: str | None = None,
        file_size: int | None = None,
        mime_type: str = "application/octet-stream",
        reply_to_bot: bool = False,
    ) -> JSON:
        """Queue a user's message carrying a file; `file_size` may claim more than `content` (a file too large to
        build in a test). Its caption gets the entities Telegram would attach."""
        number = len(self.files) + 1
        file_id = f"BQACAgIAAxkBAAI{number:06d}"
        size = len(content) if file_size is None else file_size
        self.files[file_id] = {"file_id": file_id, "file_unique_id": f"AgAD{number:06d}", "file_size": size,
                               "file_path": f"documents/file_{number}{Path(file_name).suffix}", "content": content}
        message = self._user_message(chat_id, user_id=user_id, reply_to_bot=reply_to_bot)
        message["document"] = {"file_name": file_name, "mime_type": mime_type, "file_id": file_id,
                               "file_unique_id": f"AgAD{number:06d}", "file_size": size}
        if caption:
            message["caption"] = caption
            if tg.auto_entities(caption):
                message["caption_entities"] = tg.auto_entities(caption)
        return self.push_update({"message": message})

    def callback(self, chat_id: int, user_id: int, data: str, message_id: int) -> JSON:
        """Queue a press of an inline button carrying `data` under the bot's message `message_id`."""
        chat = self.add_chat(chat_id)
        message = self.messages.get((chat_id, message_id)) or self._bot_message(chat, message_id, "…")
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": self._user(user_id, "Nguyễn Văn A"),
            "message": message,
            "chat_instance": str(abs(hash(chat_id)) % 10**18),
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def add_chat(self, chat_id: int, chat_type: str | None = None, title: str | None = None) -> JSON:
        """Register (or update) a chat; without a type, keep the known one or infer it from the id."""
        known = self.chats.get(chat_id)
        kind = chat_type or (known["type"] if known else tg.chat_type_for(chat_id))
        if known is None or chat_type or title:
            self.chats[chat_id] = tg.chat(chat_id, kind, title or (known.get("title") if known else None))
        return self.chats[chat_id]

    # -- members, faults and limits --------------------------------------------------------------------------------

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """What getChatMember answers for this user in this chat: creator, administrator, member, left or kicked."""
        self._members[chat_id, user_id] = status

    def set_admin(self, chat_id: int, user_id: int) -> None:
        """Make the user an administrator of the chat."""
        self.set_member_status(chat_id, user_id, "administrator")

    def fail_next(  # type: ignore[override]  # Telegram's faults carry response parameters instead of a dict
        self,
        method: str,
        status: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        count: int = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Answer the next `count` calls of `method` (to `chat_id`) with an error and its `parameters`."""
        parameters: JSON = {}
        if retry_after is not None:
            parameters["retry_after"] = retry_after
            description = description or f"Too Many Requests: retry after {retry_after}"
        if migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = migrate_to_chat_id
            description = description or MIGRATED
        super().fail_next(method, status, description, count=count, chat_id=chat_id, parameters=parameters or None)

    def block(self, chat_id: int) -> None:
        """From now on every call about this chat answers 403: blocked by the user, or kicked from the group."""
        self._faults.append(Fault("*", ApiError(403, BLOCKED if chat_id > 0 else KICKED), FOREVER, str(chat_id)))

    def migrate(self, chat_id: int, new_chat_id: int) -> None:
        """Upgrade a group: from now on calls about it answer 400 with `migrate_to_chat_id`; the new chat exists."""
        self.add_chat(new_chat_id, "supergroup", self.chats.get(chat_id, {}).get("title"))
        error = ApiError(400, MIGRATED, {"migrate_to_chat_id": new_chat_id})
        self._faults.append(Fault("*", error, FOREVER, str(chat_id)))

    def enforce_limits(
        self, per_second: int | None = 30, per_chat_per_second: int | None = 1, per_group_per_minute: int | None = 20
    ) -> None:
        """Answer 429 with `retry_after` to sends beyond Telegram's flood limits (sliding windows; None disables)."""
        self._limiter = SendLimiter(per_second, per_chat_per_second, per_group_per_minute)

    # -- helpers for the method handlers ---------------------------------------------------------------------------

    def _check_flood(self, chat_id: int | str) -> None:
        if self._limiter is None:
            return
        is_group = isinstance(chat_id, str) or self.add_chat(chat_id)["type"] != "private"
        wait = self._limiter.retry_after(str(chat_id), is_group, time.monotonic())
        if wait is not None:
            self.rejected += 1
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _user(self, user_id: int, first_name: str) -> JSON:
        return dict(self._users.setdefault(user_id, tg.user(user_id, first_name)))

    def _member_status(self, chat_id: int, user_id: int) -> str:
        return self._members.get((chat_id, user_id), "member")

    def _bot_message(self, chat: JSON, message_id: int, text: str) -> JSON:
        return {"message_id": message_id, "from": self.bot_user, "chat": chat, "date": int(time.time()), "text": text}

    def _last_bot_message(self, chat_id: int) -> JSON:
        mine = [m for (cid, _), m in self.messages.items() if cid == chat_id and m["from"].get("is_bot")]
        if mine:
            return mine[-1]
        message = self._bot_message(self.add_chat(chat_id), self._next_message_id(chat_id), "…")
        self.messages[chat_id, message["message_id"]] = message
        return message

    def _coerce(self, params: JSON, from_form: bool) -> JSON:
        return tg.coerce_params(params, from_form)

    @staticmethod
    def _require(params: JSON, *names: str) -> list[Any]:
        missing = [name for name in names if params.get(name) in (None, "")]
        if missing:
            raise ApiError(400, f"Bad Request: {missing[0]} is empty")
        return [params[name] for name in names]
