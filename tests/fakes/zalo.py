"""A fake Zalo Bot Platform API over real HTTP: `async with FakeZalo() as server:` then `server.base_url`."""

from __future__ import annotations

import random
import time
from collections import deque
from typing import Any

import httpx

from ._base import JSON, ApiError, FakeBotServer

MAX_TEXT = 2000
TEXT_EVENT = "message.text.received"
# The fact sheet's wording where it gives one; the rest is plain HTTP phrasing (Zalo publishes no exact strings).
ZALO_DESCRIPTIONS = {403: "Internal server error", 408: "Request timeout", 429: "Quota exceeded"}


class FakeZalo(FakeBotServer):
    """Answers getMe, getUpdates (one update or 408), webhooks, sendMessage and sendChatAction; records every call."""

    descriptions = ZALO_DESCRIPTIONS

    def __init__(
        self,
        token: str = "1234567890:zalo-TEST-token",
        *,
        account_name: str = "bot.tro_ly_van_ban",
        account_type: str = "BASIC",
        can_join_groups: bool = False,
        seed: int = 0,
    ) -> None:
        super().__init__(token)
        self._random = random.Random(seed)
        self.bot_id = self.new_id()
        self.account_name = account_name
        self.account_type = account_type
        self.can_join_groups = can_join_groups
        self.sent: list[JSON] = []
        self.actions: list[JSON] = []
        self.delivered: list[JSON] = []
        self.webhook: JSON | None = None
        self._updates: deque[JSON] = deque()

    # -- test control ----------------------------------------------------------------------------------------------

    def new_id(self) -> str:
        """A Zalo-style id: 20 lowercase hex characters (reproducible from the constructor's seed)."""
        return f"{self._random.getrandbits(80):020x}"

    def push_update(self, update: JSON) -> JSON:
        """Queue one update (the `result` object: event_name and message) for getUpdates; return it."""
        self._updates.append(update)
        self._notify()
        return update

    def message(
        self,
        chat_id: str,
        text: str,
        *,
        user_id: str | None = None,
        chat_type: str = "PRIVATE",
        display_name: str = "Nguyễn Văn A",
        event_name: str = TEXT_EVENT,
    ) -> JSON:
        """Queue a user's message; in a PRIVATE chat the sender's id is the chat id, in a GROUP a fresh one."""
        sender = user_id or (chat_id if chat_type == "PRIVATE" else self.new_id())
        message: JSON = {
            "from": {"id": sender, "display_name": display_name, "is_bot": False},
            "chat": {"id": chat_id, "chat_type": chat_type},
            "text": text,
            "message_id": self.new_id(),
            "date": _now_ms(),
        }
        return self.push_update({"event_name": event_name, "message": message})

    def redeliver_last(self) -> JSON:
        """Put the most recently delivered update back at the head of the queue, unchanged (same message_id)."""
        if not self.delivered:
            raise LookupError("nothing has been delivered yet")
        self._updates.appendleft(self.delivered[-1])
        self._notify()
        return self.delivered[-1]

    # -- API methods -----------------------------------------------------------------------------------------------

    async def _dispatch(self, method: str, params: JSON) -> JSON:
        if method == "sendChatAction":  # the fact sheet: the whole answer is {"ok": true}
            self._require(params, "chat_id")
            self.actions.append({"chat_id": params["chat_id"], "action": params.get("action"), "at": time.monotonic()})
            return {"ok": True}
        handlers = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
        }
        if method not in handlers:
            raise ApiError(404, "Not Found")
        return {"ok": True, "result": await handlers[method](params)}

    async def _get_me(self, params: JSON) -> JSON:
        return {
            "id": self.bot_id,
            "account_name": self.account_name,
            "account_type": self.account_type,
            "can_join_groups": self.can_join_groups,
        }

    async def _get_updates(self, params: JSON) -> JSON:
        if self.webhook is not None:  # UNCONFIRMED status and wording: Zalo only says polling stops working
            raise ApiError(400, "Bad Request: webhook is set, delete it before calling getUpdates")
        timeout = params.get("timeout", 30)
        deadline = time.monotonic() + float(timeout if timeout not in (None, "") else 30)
        while not self._updates and await self._wait_for_news(deadline):
            pass
        if not self._updates:
            raise ApiError(408, "Request timeout")
        update = self._updates.popleft()
        self.delivered.append(update)
        return update

    async def _set_webhook(self, params: JSON) -> JSON:
        url, secret = self._require(params, "url", "secret_token")
        if not str(url).startswith("https://"):
            raise ApiError(400, "Bad Request: url must use https")
        if not 8 <= len(str(secret)) <= 256:
            raise ApiError(400, "Bad Request: secret_token must be 8-256 characters")
        self.webhook = {"url": str(url), "secret_token": str(secret), "updated_at": _now_ms()}
        return {"url": self.webhook["url"], "updated_at": self.webhook["updated_at"]}

    async def _delete_webhook(self, params: JSON) -> JSON:
        self.webhook = None
        return {"url": "", "updated_at": _now_ms()}

    async def _get_webhook_info(self, params: JSON) -> JSON:
        if self.webhook is None:
            return {"url": "", "updated_at": 0}
        return {"url": self.webhook["url"], "updated_at": self.webhook["updated_at"]}

    async def _send_message(self, params: JSON) -> JSON:
        chat_id, text = self._require(params, "chat_id", "text")
        if not 1 <= len(str(text)) <= MAX_TEXT:
            raise ApiError(400, f"Bad Request: text must be 1-{MAX_TEXT} characters")
        result = {"message_id": self.new_id(), "date": _now_ms()}
        self.sent.append({"chat_id": chat_id, "text": text, **result, "at": time.monotonic()})
        return result

    @staticmethod
    def _require(params: JSON, *names: str) -> list[Any]:
        missing = [name for name in names if params.get(name) in (None, "")]
        if missing:
            raise ApiError(400, f"Bad Request: {missing[0]} is required")
        return [params[name] for name in names]


def _now_ms() -> int:
    return int(time.time() * 1000)


async def post_update_to(url: str, update: JSON, secret_token: str, timeout: float = 10.0) -> httpx.Response:
    """POST an update to a webhook as Zalo does: `{"ok": true, "result": update}` with X-Bot-Api-Secret-Token."""
    body = update if "result" in update else {"ok": True, "result": update}
    async with httpx.AsyncClient(timeout=timeout) as client:
        return await client.post(url, json=body, headers={"X-Bot-Api-Secret-Token": secret_token})
