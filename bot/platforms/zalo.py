"""Zalo Bot Platform through a thin httpx client of our own: polling or webhook in, the Sender protocol out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import httpx

from bot.config import PlatformSettings
from bot.metrics import QUIET, Meter
from bot.platforms import PlatformStartError
from bot.platforms.direct import Pace, answer
from bot.platforms.text import split_text
from handlers import wording
from handlers.incoming import GROUP, PRIVATE, IncomingMessage
from handlers.router import Router
from schedules.messages import ChatRef, Reply, SendResult
from schedules.repository import Repository

log = logging.getLogger(__name__)
ZALO = "zalo"
HANDLERS = 8  # messages worked out at once, in threads of their own: a slow one holds up neither chats nor sends
TEXT_LIMIT = 2000  # characters per sendMessage
TEXT_EVENT = "message.text.received"
POLL_TIMEOUT = 30  # seconds a getUpdates long poll may wait for an update
MAX_BACKOFF = 60.0
_MENTION_WORD_RE = re.compile(r"^@\S+\s*")
_COMMAND_AFTER_NAME_RE = re.compile(r"^@(?:\S+\s+){1,4}?(?=/[^\W\d_])")  # "@Trợ lý văn bản /hoi …"


def strip_mention(text: str, account_name: str = "") -> str:
    """A group message without its leading @mention of the bot, whose name may hold spaces: the account name
    when it is the one written, else everything before a command, else the first word."""
    stripped = text.lstrip()
    if not stripped.startswith("@"):
        return text
    if account_name and stripped[1:].casefold().startswith(account_name.casefold()):
        return stripped[1 + len(account_name):].lstrip()
    return (_COMMAND_AFTER_NAME_RE.sub("", stripped, count=1) if _COMMAND_AFTER_NAME_RE.match(stripped)
            else _MENTION_WORD_RE.sub("", stripped, count=1))


class ZaloApiError(Exception):
    """A Zalo call that failed: HTTP or API error code (None for a network error), a description without the
    token, and whether the request may have been carried out (it went out, no answer came back)."""

    def __init__(self, method: str, code: int | None, description: str, *, uncertain: bool = False) -> None:
        self.method = method
        self.code = code
        self.description = description
        self.uncertain = uncertain
        super().__init__(f"Zalo {method}: {code or 'network'} {description}".rstrip())


class ZaloClient:
    """The Zalo Bot API over httpx: JSON POST to `{base_url}{token}/{method}`, `ok` checked on every answer."""

    def __init__(self, base_url: str, token: str, *, timeout: float = 15.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._token = token
        self._api = f"{base_url.rstrip('/')}{token}"
        self._timeout = timeout
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0), transport=transport)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text

    async def call(self, method: str, params: dict[str, Any] | None = None, *, timeout: float | None = None) -> Any:
        """One API call; returns `result` or raises ZaloApiError (never showing the token)."""
        try:
            response = await self._http.post(f"{self._api}/{method}", json=params or {},
                                             timeout=timeout if timeout is not None else self._timeout)
        except httpx.HTTPError as error:
            # httpx puts the whole URL, token included, in its messages: keep only a redacted summary. A read that
            # timed out or broke off came after the request was written: Zalo may have done it.
            sent = isinstance(error, (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError))
            raise ZaloApiError(method, None, self._redact(f"{type(error).__name__}: {error}"),
                               uncertain=sent) from None
        try:
            body = response.json()
        except ValueError:
            raise ZaloApiError(method, response.status_code, "câu trả lời không phải JSON") from None
        if not isinstance(body, dict) or body.get("ok") is not True:
            code = body.get("error_code") if isinstance(body, dict) else None
            description = str(body.get("description", "")) if isinstance(body, dict) else ""
            raise ZaloApiError(method, int(code or response.status_code), self._redact(description))
        return body.get("result")

    async def get_me(self) -> dict[str, Any]:
        """The bot's account: id, account_name, account_type, can_join_groups."""
        result = await self.call("getMe")
        return result if isinstance(result, dict) else {}

    async def get_updates(self, timeout: int = POLL_TIMEOUT) -> dict[str, Any] | None:
        """One update, or None when Zalo answers 408 (nothing arrived within `timeout` seconds)."""
        try:
            result = await self.call("getUpdates", {"timeout": timeout}, timeout=timeout + 10)
        except ZaloApiError as error:
            if error.code == 408:
                return None
            raise
        return result if isinstance(result, dict) and result else None

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        """Send plain text (1–2,000 characters); returns message_id and date."""
        result = await self.call("sendMessage", {"chat_id": chat_id, "text": text})
        return result if isinstance(result, dict) else {}

    async def set_webhook(self, url: str, secret: str) -> None:
        """Have Zalo push updates to `url` with our secret header."""
        await self.call("setWebhook", {"url": url, "secret_token": secret})

    async def webhook_url(self) -> str:
        """The webhook currently set ("" when none)."""
        result = await self.call("getWebhookInfo")
        return str(result.get("url") or "") if isinstance(result, dict) else ""

    async def close(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()


class ZaloPolicyError(Exception):
    """The bot cannot run on Zalo as configured (e.g. polling while a webhook is set)."""


class ZaloPlatform:
    """One Zalo bot: long polling or webhook in, the Sender protocol out (plain text, no buttons)."""

    platform = ZALO

    def __init__(self, settings: PlatformSettings, repository: Repository,
                 clock: Callable[[], datetime] | None = None, *, client: ZaloClient | None = None) -> None:
        if settings.token is None:
            raise ValueError("zalo token missing")
        self.settings = settings
        self.repository = repository
        self.clock = clock or (lambda: datetime.now(UTC))
        self.client = client or ZaloClient(settings.base_url, settings.token.get_secret_value())
        self.router: Router | None = None
        self.account_name = ""
        self.can_join_groups = False
        self.running = False
        self.mode = ""
        self.backoff = 1.0  # seconds after the first failed poll, doubling up to MAX_BACKOFF
        self.pace: Pace | None = None  # the outbox's pace, for answers (set by the runner)
        self.meter: Meter = QUIET  # the runtime's metrics (set by the runner)
        self._poller: asyncio.Task[None] | None = None
        self._handling: set[asyncio.Task[None]] = set()
        self._workers = ThreadPoolExecutor(HANDLERS, thread_name_prefix="zalo-handling")

    def attach(self, router: Router) -> None:
        """Feed incoming messages to `router`."""
        self.router = router

    async def start(self, *, polling: bool) -> None:
        """Check the account, then poll (refused while a webhook is set) or wait for webhook updates; a refused
        token or an unreachable server is a PlatformStartError."""
        try:
            me = await self.client.get_me()
        except ZaloApiError as error:
            if error.code in (401, 404):
                raise PlatformStartError(
                    "Zalo từ chối token (platforms.zalo.token, thường là biến ZALO_BOT_TOKEN): token sai hoặc đã tạo "
                    "lại; chép token đúng từ Zalo Bot Creator rồi chạy lại. Nếu đã đổi platforms.zalo.base_url "
                    f"({self.settings.base_url}), kiểm tra địa chỉ đó (thường kết thúc bằng /bot).") from None
            if error.code is None:
                raise PlatformStartError(
                    f"Không tới được máy chủ Zalo tại {self.settings.base_url} ({error.description}): kiểm tra mạng "
                    "của máy chạy bot và platforms.zalo.base_url.") from None
            raise
        self.account_name = str(me.get("account_name") or "")
        self.can_join_groups = bool(me.get("can_join_groups"))
        if not self.can_join_groups:
            log.info("Zalo bot %s cannot join groups: broadcasts reach subscribed private chats only",
                     self.account_name)
        if polling:
            if await self.client.webhook_url():
                raise ZaloPolicyError(
                    "Bot Zalo đang có webhook nên không nhận tin bằng getUpdates được: đặt "
                    "platforms.zalo.mode: webhook trong config.yaml, hoặc gọi deleteWebhook của Zalo Bot API để xóa "
                    "webhook rồi chạy lại."
                )
            self._poller = asyncio.create_task(self._poll(), name="zalo-poll")
        self.mode = "polling" if polling else "webhook"
        self.running = True

    async def set_webhook(self, url: str, secret: str) -> None:
        """Ask Zalo to push updates to `url` with our secret header."""
        await self.client.set_webhook(url, secret)

    async def stop_receiving(self) -> None:
        """Stop polling and let the messages being answered finish; sending still works."""
        self.running = False
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None
        if self._handling:
            await asyncio.wait(self._handling, timeout=30)

    async def close(self) -> None:
        """Release the connection (after the last send)."""
        await self.stop_receiving()
        await self.client.close()
        self._workers.shutdown(wait=False)

    async def _poll(self) -> None:
        """Long polling: one update per call, 408 when idle; a minimum gap between calls, backoff on errors."""
        failures = 0
        while True:
            started = time.monotonic()
            try:
                update = await self.client.get_updates(POLL_TIMEOUT)
            except Exception as error:  # the poller must outlive any failure: back off and try again
                failures += 1
                delay = min(MAX_BACKOFF, self.backoff * 2.0 ** min(failures - 1, 10))
                if isinstance(error, ZaloApiError):
                    log.warning("Zalo getUpdates failed (%s); retrying in %.0f s", error, delay)
                else:
                    log.exception("Zalo getUpdates raised %s; retrying in %.0f s", type(error).__name__, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            if update is not None:
                self._spawn(update)
            gap = self.settings.poll_gap - (time.monotonic() - started)
            if gap > 0:
                await asyncio.sleep(gap)

    def _spawn(self, update: dict[str, Any]) -> None:
        """Answer in the background so a slow reply never holds up the next poll."""
        task = asyncio.create_task(self.process(update))
        self._handling.add(task)
        task.add_done_callback(self._handling.discard)

    async def process(self, data: dict[str, Any]) -> None:
        """Handle one update (a getUpdates result, or a webhook body `{"ok": true, "result": …}`)."""
        update = data.get("result", data) if isinstance(data.get("result"), dict) else data
        message = update.get("message")
        if not isinstance(message, dict) or self.router is None:
            return
        self.meter.update(ZALO)
        chat = message.get("chat") or {}
        sender = message.get("from") or {}
        chat_id, message_id = str(chat.get("id") or ""), str(message.get("message_id") or "")
        if not chat_id or sender.get("is_bot"):
            return
        group = str(chat.get("chat_type", "")).upper() == "GROUP"
        if group and not self.can_join_groups:
            return
        try:
            if message_id and self.repository.seen(ZALO, chat_id, message_id, self.clock()):
                log.debug("Zalo update %s/%s already handled", chat_id, message_id)
                return
            await self._answer_update(update, message, chat_id, group, sender)
        except Exception:  # one bad update must not stop the bot; the router already turns user errors into text
            log.exception("Zalo update %s/%s could not be handled", chat_id, message_id)

    async def _answer_update(self, update: dict[str, Any], message: dict[str, Any], chat_id: str, group: bool,
                             sender: dict[str, Any]) -> None:
        assert self.router is not None
        started = time.monotonic()
        target = ChatRef(ZALO, chat_id)
        if update.get("event_name", TEXT_EVENT) != TEXT_EVENT:
            # Zalo's Bot API delivers no files (images, stickers, other files arrive as their own events): say where
            # documents go. Not in groups, where a sticker answering the bot is a reaction, not a request.
            if not group:
                await self._reply(target, Reply(wording.ZALO_NO_FILES))
            return
        text = str(message.get("text") or "")
        if group:
            text = strip_mention(text, self.account_name)  # a bot in a Zalo group only hears @mentions and replies
        name = str(sender.get("display_name") or "")
        incoming = IncomingMessage(
            ZALO, chat_id, str(sender.get("id") or chat_id), text.strip(), self.clock(),
            chat_kind=GROUP if group else PRIVATE, user_name=name, chat_title="" if group else name,
            message_id=str(message.get("message_id") or "") or None,
        )
        replies = await asyncio.get_running_loop().run_in_executor(self._workers, self.router.dispatch, incoming)
        for reply in replies:
            await self._reply(target, reply, group)
        if replies:
            self.meter.answered(ZALO, time.monotonic() - started)

    async def _reply(self, chat: ChatRef, reply: Reply, group: bool = False) -> None:
        """Answer a user directly (not through the outbox: the user is waiting), at the outbox's pace."""
        self.meter.replied(ZALO, await answer(self, chat, reply, pace=self.pace, group=group))

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        """Send a reply as plain text pieces; Zalo's errors become a SendResult the outbox understands."""
        message_id = None
        try:
            for piece in split_text(reply.plain(), TEXT_LIMIT):
                sent = await self.client.send_message(chat.chat_id, piece)
                message_id = str(sent.get("message_id") or "") or message_id
        except ZaloApiError as error:
            if error.code == 429:
                self.meter.rate_limited(ZALO)
            if error.code == 400:
                return SendResult(False, rejected=True, detail=str(error))
            if error.code == 404:
                return SendResult(False, permanent=True, detail=str(error))
            # 429, 403 ("internal server error"), 5xx, network; after a piece went, the rest must not repeat it
            return SendResult(False, detail=str(error), uncertain=error.uncertain or message_id is not None)
        return SendResult(True, message_id=message_id)
