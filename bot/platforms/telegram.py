"""Telegram through python-telegram-bot: updates into the router, replies and outbox messages back out."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import logging
import os
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

# Opt in to python-telegram-bot 23's behaviour now (RetryAfter.retry_after as a timedelta, which `_seconds` reads)
# instead of a deprecation warning on every flood-control answer.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    MaybeInaccessibleMessage,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, MessageEntityType, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import PlatformSettings
from bot.metrics import QUIET, Meter
from bot.platforms import PlatformStartError
from bot.platforms.direct import Pace, answer
from bot.platforms.text import split_text
from handlers import wording
from handlers.incoming import GROUP, PRIVATE, Attachment, IncomingMessage
from handlers.router import Router
from schedules.messages import ChatRef, Reply, SendResult
from schedules.repository import Repository

log = logging.getLogger(__name__)
CONCURRENT_UPDATES = 32  # updates handled at once: one chat waiting out flood control must not hold up the rest
TELEGRAM = "telegram"
TEXT_LIMIT = 3900  # visible characters per message (Telegram allows 4,096; escaping happens after the cut)
ADMIN_CACHE = 300.0  # seconds a group admin check is trusted
UPDATES = ["message", "callback_query", "my_chat_member"]
FILE_LIMIT = 20 * 1024 * 1024  # the largest file a bot may download through the Bot API (getFile)
DOWNLOAD_TIMEOUT = 120.0  # seconds to read a file of up to 20 MB
TYPING_EVERY = 4.5  # seconds: Telegram shows "typing…" for about 5 s after each chat action
HANDLERS = 8  # messages worked out at once, in threads of their own: a slow one holds up neither chats nor sends
_NO_ANSWER = ("ReadTimeout", "ReadError", "RemoteProtocolError")  # httpx: the request went, no answer came
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_PRESENT = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def file_url(base_url: str) -> str | None:
    """Where the Bot API server at `base_url` serves files: `…/file/bot` beside `…/bot` (official, self-hosted or
    fake alike); None when `base_url` does not end in `bot` (python-telegram-bot's default is kept)."""
    root = base_url.rstrip("/")
    return f"{root[:-3]}file/bot" if root.endswith("bot") else None


class DownloadError(Exception):
    """A file that could not be fetched from Telegram: the reason, in Vietnamese."""


def render(reply: Reply) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """HTML messages for a reply: escaped text, the citation on its own line right under the answer, then the
    choices' heading and the choices as inline buttons."""
    pieces = [html.escape(piece) for piece in split_text(reply.text, TEXT_LIMIT)] or [""]
    if reply.citation:
        pieces[-1] += f"\n<i>{html.escape(reply.citation)}</i>"
    if reply.buttons and reply.choices_hint:
        pieces[-1] += "\n\n" + html.escape(reply.choices_hint)
    markup = None
    if reply.buttons:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(button.label, callback_data=button.data) for button in row] for row in reply.buttons]
        )
    return [(piece, markup if number == len(pieces) - 1 else None) for number, piece in enumerate(pieces)]


class TelegramPlatform:
    """One Telegram bot: long polling or webhook in, the Sender protocol out."""

    platform = TELEGRAM

    def __init__(self, settings: PlatformSettings, clock: Callable[[], datetime] | None = None,
                 repository: Repository | None = None) -> None:
        if settings.token is None:
            raise ValueError("telegram token missing")
        self.settings = settings
        self.clock = clock or (lambda: datetime.now(UTC))
        builder = (ApplicationBuilder().token(settings.token.get_secret_value()).base_url(settings.base_url)
                   .concurrent_updates(CONCURRENT_UPDATES))
        files = file_url(settings.base_url)
        self.application: Application[Any, Any, Any, Any, Any, Any] = (
            builder.base_file_url(files) if files else builder).build()
        self.router: Router | None = None
        self.repository = repository  # where update ids are kept, so that one delivered twice is handled once
        self.pace: Pace | None = None  # the outbox's pace, for answers (set by the runner)
        self.meter: Meter = QUIET  # the runtime's metrics (set by the runner)
        self.username = ""
        self.running = False
        self.mode = ""
        self._workers = ThreadPoolExecutor(HANDLERS, thread_name_prefix="telegram-handling")
        self._admins: dict[tuple[int, int], tuple[float, bool]] = {}
        # Files are read one at a time in a thread of their own: a queue of them never holds the threads the
        # scheduler and the outbox work in.
        self._reading = ThreadPoolExecutor(1, thread_name_prefix="telegram-ingest")

    @property
    def bot(self) -> Any:
        """The python-telegram-bot Bot."""
        return self.application.bot

    def attach(self, router: Router) -> None:
        """Feed incoming messages to `router`."""
        self.router = router
        self.application.add_handler(TypeHandler(Update, self._once), group=-1)
        self.application.add_handler(CallbackQueryHandler(self._on_callback))
        self.application.add_handler(MessageHandler(filters.TEXT, self._on_message))
        self.application.add_handler(MessageHandler(filters.Document.ALL, self._on_document))
        self.application.add_handler(ChatMemberHandler(self._on_membership, ChatMemberHandler.MY_CHAT_MEMBER))

    async def start(self, *, polling: bool) -> None:
        """Connect, publish the command menu, and start long polling (or wait for webhook updates); a refused
        token or an unreachable server is a PlatformStartError."""
        try:
            await self.application.initialize()
            me = await self.bot.get_me()
        except InvalidToken:
            raise PlatformStartError(
                "Telegram từ chối token (platforms.telegram.token, thường là biến TELEGRAM_BOT_TOKEN): token sai hoặc "
                "đã bị thu hồi; lấy token đúng từ @BotFather (/mybots → API Token) rồi chạy lại. Nếu đã đổi "
                f"platforms.telegram.base_url ({self.settings.base_url}), kiểm tra địa chỉ đó (thường kết thúc "
                "bằng /bot).") from None
        except NetworkError as error:
            raise PlatformStartError(
                f"Không tới được máy chủ Telegram tại {self.settings.base_url} ({error}): kiểm tra mạng của máy chạy "
                "bot và platforms.telegram.base_url.") from None
        self.username = me.username or ""
        await self._publish_commands()
        await self.application.start()
        if polling:
            await self.bot.delete_webhook()
            assert self.application.updater is not None
            await self.application.updater.start_polling(poll_interval=self.settings.poll_gap,
                                                         allowed_updates=UPDATES)
        self.mode = "polling" if polling else "webhook"
        self.running = True

    async def set_webhook(self, url: str, secret: str) -> None:
        """Ask Telegram to push updates to `url` with our secret header."""
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=UPDATES)

    async def process(self, data: dict[str, Any]) -> None:
        """Handle one update received by the webhook."""
        update = Update.de_json(data, self.bot)
        if update is not None:
            await self.application.process_update(update)

    async def stop_receiving(self) -> None:
        """Stop polling and let the updates being handled finish; sending still works."""
        self.running = False  # (also after a start that failed half way: what did start is stopped)
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()

    async def close(self) -> None:
        """Release the connection (after the last send)."""
        await self.stop_receiving()
        await self.application.shutdown()
        self._reading.shutdown(wait=False)
        self._workers.shutdown(wait=False)

    async def _once(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Before any handler: an update already handled (a webhook posted twice, polling after a crash) stops
        here. The update id is kept in the database, so this holds across restarts and workers."""
        self.meter.update(TELEGRAM)
        if self.repository is None:
            return
        seen = await asyncio.get_running_loop().run_in_executor(
            self._workers, self.repository.seen, TELEGRAM, "update", str(update.update_id), self.clock())
        if seen:
            log.debug("Telegram update %s already handled", update.update_id)
            raise ApplicationHandlerStop

    async def _dispatch(self, incoming: IncomingMessage) -> list[Reply]:
        """The router's answer, worked out in a thread of its own (the event loop keeps serving the others)."""
        assert self.router is not None
        return await asyncio.get_running_loop().run_in_executor(self._workers, self.router.dispatch, incoming)

    async def _publish_commands(self) -> None:
        """The command menu, in Vietnamese, for private chats and for groups."""
        if self.router is None:
            return
        commands = [BotCommand(command.names[0], command.summary[:256])
                    for command in self.router.commands() if not command.hidden]
        for scope in (BotCommandScopeAllPrivateChats(), BotCommandScopeAllGroupChats()):
            await self.bot.set_my_commands(commands, scope=scope, language_code="vi")
            await self.bot.set_my_commands(commands, scope=scope)

    def _addressed(self, message: Message) -> str | None:
        """The text (or a file's caption) meant for the bot, or None: in groups only commands to us, mentions and
        replies to us."""
        text = message.text or message.caption or ""
        if message.chat.type == ChatType.PRIVATE:
            return text
        mention = f"@{self.username}".lower() if self.username else ""
        for entity in message.entities or message.caption_entities:
            part = text[entity.offset : entity.offset + entity.length]
            if entity.type == MessageEntityType.BOT_COMMAND and entity.offset == 0:
                target = part.partition("@")[2].lower()
                return text if not target or f"@{target}" == mention else None
            if entity.type == MessageEntityType.MENTION and part.lower() == mention:
                return (text[: entity.offset] + text[entity.offset + entity.length :]).strip()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == self.bot.id:
            return text
        return None

    async def _is_admin(self, chat_id: int, user_id: int) -> bool:
        """Whether a user administers a group (getChatMember, cached for a few minutes)."""
        cached = self._admins.get((chat_id, user_id))
        if cached is not None and time.monotonic() - cached[0] < ADMIN_CACHE:
            return cached[1]
        try:
            member = await self.bot.get_chat_member(chat_id, user_id)
            admin = member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
        except TelegramError as error:
            log.warning("getChatMember failed for %s/%s: %s", chat_id, user_id, error)
            admin = False
        self._admins[(chat_id, user_id)] = (time.monotonic(), admin)
        return admin

    async def _incoming(self, message: MaybeInaccessibleMessage, text: str, user: Any,
                        callback: str | None, attachment: Attachment | None = None) -> IncomingMessage:
        chat = message.chat
        group = chat.type != ChatType.PRIVATE
        admin = False
        if group and self.router is not None and (attachment is not None or self.router.manages(text, callback)):
            anonymous = (callback is None and isinstance(message, Message) and message.sender_chat is not None
                         and message.sender_chat.id == chat.id)  # an admin posting as the group
            admin = anonymous or await self._is_admin(chat.id, user.id)
        return IncomingMessage(
            TELEGRAM, str(chat.id), str(user.id), text, self.clock(), chat_kind=GROUP if group else PRIVATE,
            user_name=user.full_name, chat_title=chat.title or user.full_name, message_id=str(message.message_id),
            callback=callback, is_chat_admin=admin, attachment=attachment,
        )

    async def _on_message(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.from_user is None or self.router is None:
            return
        text = self._addressed(message)
        if text is None:
            return
        started = time.monotonic()
        incoming = await self._incoming(message, text, message.from_user, None)
        replies = await self._dispatch(incoming)
        for reply in replies:
            await self._answer(message.chat.id, reply, reply_to=message.message_id,
                               group=message.chat.type != ChatType.PRIVATE)
        if replies:
            self.meter.answered(TELEGRAM, time.monotonic() - started)

    async def _on_document(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """A file sent to the bot: the router first says whether it wants it (admin, size, type); only then is it
        downloaded, and read off the event loop so that questions keep being answered meanwhile."""
        message = update.effective_message
        if message is None or message.from_user is None or message.document is None or self.router is None:
            return
        text = self._addressed(message)
        if text is None:
            return
        document = message.document
        name = document.file_name or "van-ban"
        incoming = await self._incoming(message, text, message.from_user, None, Attachment(name, document.file_size))
        replies = self.router.screen(incoming)
        if not replies and document.file_size is not None and document.file_size > FILE_LIMIT:
            replies = [Reply(wording.INGEST_TOO_LARGE.format(name=name, size=wording.file_size(document.file_size),
                                                             limit=wording.file_size(FILE_LIMIT)))]
        if not replies:
            try:
                content = await self._download(document.file_id, name)
            except DownloadError as error:
                replies = [Reply(wording.INGEST_NOT_DOWNLOADED.format(name=name, reason=error))]
            else:
                received = dataclasses.replace(incoming, attachment=Attachment(name, len(content), content))
                reading = asyncio.get_running_loop().run_in_executor(self._reading, self.router.dispatch, received)
                replies = await self._typing_while(message.chat.id, reading)
        for reply in replies:
            await self._answer(message.chat.id, reply, reply_to=message.message_id)

    async def _typing_while(self, chat_id: int, work: Awaitable[list[Reply]]) -> list[Reply]:
        """Show "typing…" in the chat until `work` is done (rebuilding a large library's index takes a while)."""
        task = asyncio.ensure_future(work)
        while not task.done():
            try:
                await self.bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError as error:  # only a courtesy: the reply still comes
                log.debug("chat action failed: %s", error)
            await asyncio.wait({task}, timeout=TYPING_EVERY)
        return task.result()

    async def _download(self, file_id: str, name: str) -> bytes:
        """getFile, then the file from the server's file address; never more than FILE_LIMIT bytes."""
        too_large = DownloadError(f"tệp nặng hơn {wording.file_size(FILE_LIMIT)}")
        try:
            found = await self.bot.get_file(file_id)
            if found.file_size is not None and found.file_size > FILE_LIMIT:
                raise too_large
            content = bytes(await found.download_as_bytearray(read_timeout=DOWNLOAD_TIMEOUT))
        except BadRequest as error:  # "file is too big", "wrong file_id"…: Telegram's own words
            raise DownloadError(error.message) from None
        except TelegramError as error:  # network errors may quote the address, token included: not for users
            log.warning("downloading %s failed: %s", name, error)
            raise DownloadError("Telegram không trả tệp") from None
        if len(content) > FILE_LIMIT:
            raise too_large
        return content

    async def _on_callback(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or self.router is None:
            return
        try:
            await query.answer()  # stops the button's spinner
        except TelegramError as error:  # "query is too old" after a restart: the press still counts
            log.warning("answering a button press failed: %s", error)
        message = query.message  # may be inaccessible (old or deleted): its chat and id are still known
        if message is None:
            return
        started = time.monotonic()
        incoming = await self._incoming(message, "", query.from_user, query.data or "")
        replies = await self._dispatch(incoming)
        for reply in replies:
            await self._answer(message.chat.id, reply, group=message.chat.type != ChatType.PRIVATE)
        if replies:
            self.meter.answered(TELEGRAM, time.monotonic() - started)

    async def _on_membership(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Added to a group: say what the bot does and how to ask it."""
        change = update.my_chat_member
        if change is None or change.chat.type == ChatType.PRIVATE:
            return
        joined = change.new_chat_member.status in _PRESENT and change.old_chat_member.status not in _PRESENT
        if joined:
            await self._answer(change.chat.id, Reply(wording.GROUP_WELCOME.format(bot=f"@{self.username}")))

    async def _answer(self, chat_id: int, reply: Reply, reply_to: int | None = None, group: bool = True) -> None:
        """Answer a user directly (not through the outbox: the user is waiting), at the outbox's pace."""
        result = await answer(_Replying(self, reply_to), ChatRef(TELEGRAM, str(chat_id)), reply, pace=self.pace,
                              group=group)
        self.meter.replied(TELEGRAM, result)

    async def send(self, chat: ChatRef, reply: Reply, reply_to: int | None = None) -> SendResult:
        """Send a reply; Telegram's errors become a SendResult the outbox understands."""
        sent = None
        try:
            for piece, markup in render(reply):
                sent = await self.bot.send_message(
                    chat.chat_id, piece, parse_mode=ParseMode.HTML, reply_markup=markup,
                    link_preview_options=_NO_PREVIEW,
                    reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None,
                )
                reply_to = None
            return SendResult(True, message_id=str(sent.message_id) if sent else None)
        except RetryAfter as error:
            self.meter.rate_limited(TELEGRAM)
            return SendResult(False, retry_after=_seconds(error.retry_after), detail=str(error))
        except ChatMigrated as error:
            return SendResult(False, migrated_to=str(error.new_chat_id), detail=str(error))
        except Forbidden as error:
            return SendResult(False, permanent=True, detail=str(error))
        except BadRequest as error:
            gone = "chat not found" in error.message.lower()
            return SendResult(False, permanent=gone, rejected=not gone, detail=str(error))
        except (TimedOut, NetworkError) as error:
            # No answer after the request went out (a read that timed out or broke off): Telegram may have
            # delivered it. A piece already sent makes a repeat certain too.
            cause = type(error.__cause__).__name__ if error.__cause__ else ""
            return SendResult(False, detail=str(error), uncertain=cause in _NO_ANSWER or sent is not None)
        except TelegramError as error:
            return SendResult(False, detail=str(error))


class _Replying:
    """The platform as a Sender whose messages reply to the user's message."""

    platform = TELEGRAM

    def __init__(self, telegram: TelegramPlatform, reply_to: int | None) -> None:
        self.telegram = telegram
        self.reply_to = reply_to

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        """Send as a reply to the user's message."""
        return await self.telegram.send(chat, reply, reply_to=self.reply_to)
