"""A fake Telegram Bot API server over real HTTP: `async with FakeTelegram() as server:` then `server.base_url`."""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from aiohttp import web

from . import telegram_objects as tg
from ._base import JSON, ApiError
from .telegram_control import TelegramControl

MAX_TEXT = 4096
MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses larger files: bots download at most 20 MB
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class FakeTelegram(TelegramControl):
    """Answers the Bot API methods a chat bot uses, records every call, and lets the test inject failures."""

    async def _dispatch(self, method: str, params: JSON) -> JSON:
        handler = self._methods().get(method)
        if handler is None:
            raise ApiError(404, "Not Found")
        return {"ok": True, "result": await handler(params)}

    def _methods(self) -> dict[str, Callable[[JSON], Awaitable[Any]]]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "deleteMessage": self._delete_message,
            "sendChatAction": self._send_chat_action,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getChatMember": self._get_chat_member,
            "getChat": self._get_chat,
            "getFile": self._get_file,
        }

    async def _get_me(self, params: JSON) -> JSON:
        return self.bot_user | {
            "can_join_groups": self.can_join_groups,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JSON) -> list[JSON]:
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        if offset > 0:  # confirms every update below it
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while not self._updates and await self._wait_for_news(deadline):
            pass
        return self._updates[: max(1, min(limit, 100))]

    async def _set_webhook(self, params: JSON) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return await self._delete_webhook(params)
        if not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET.match(str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {"url": url, "secret_token": secret, "allowed_updates": params.get("allowed_updates")}
        self.webhook["max_connections"] = params.get("max_connections") or 40
        return True

    async def _delete_webhook(self, params: JSON) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = None
        return True

    async def _get_webhook_info(self, params: JSON) -> JSON:
        info: JSON = {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}
        if self.webhook is not None:
            info |= {"url": self.webhook["url"], "max_connections": self.webhook["max_connections"]}
            if self.webhook["allowed_updates"] is not None:
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    async def _send_message(self, params: JSON) -> JSON:
        chat_id, text = self._require(params, "chat_id", "text")
        visible = tg.parse_html(str(text)) if str(params.get("parse_mode", "")).upper() == "HTML" else str(text)
        if len(visible) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        markup = params.get("reply_markup")
        tg.check_reply_markup(markup)
        self._check_flood(chat_id)
        chat = self.add_chat(chat_id) if isinstance(chat_id, int) else tg.chat(-1_000_000_000_001, "channel", chat_id)
        message = self._bot_message(chat, self._next_message_id(chat["id"]), visible)
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Telegram echoes inline keyboards only
        reply_to = (params.get("reply_parameters") or {}).get("message_id") or params.get("reply_to_message_id")
        if reply_to and (chat["id"], int(reply_to)) in self.messages:
            message["reply_to_message"] = self.messages[chat["id"], int(reply_to)]
        self.messages[chat["id"], message["message_id"]] = message
        self.sent.append(
            {
                "chat_id": chat_id,
                "text": text,
                "parse_mode": params.get("parse_mode"),
                "reply_markup": markup,
                "message_id": message["message_id"],
                "at": time.monotonic(),
            }
        )
        return message

    async def _edit_message_text(self, params: JSON) -> JSON:
        chat_id, message_id, text = self._require(params, "chat_id", "message_id", "text")
        message = self.messages.get((chat_id, message_id))
        if message is None or not message["from"].get("is_bot"):
            raise ApiError(400, "Bad Request: message to edit not found")
        visible = tg.parse_html(str(text)) if str(params.get("parse_mode", "")).upper() == "HTML" else str(text)
        if len(visible) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        markup = params.get("reply_markup")
        tg.check_reply_markup(markup)
        if visible == message["text"] and markup == message.get("reply_markup"):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message",
            )
        message = {k: v for k, v in message.items() if k != "reply_markup"} | {"text": visible}
        message["edit_date"] = int(time.time())
        if markup:
            message["reply_markup"] = markup
        self.messages[chat_id, message_id] = message
        self.edits.append({"chat_id": chat_id, "message_id": message_id, "text": text, "reply_markup": markup,
                           "parse_mode": params.get("parse_mode"), "at": time.monotonic()})  # fmt: skip
        return message

    async def _delete_message(self, params: JSON) -> bool:
        chat_id, message_id = self._require(params, "chat_id", "message_id")
        if self.messages.pop((chat_id, message_id), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    async def _send_chat_action(self, params: JSON) -> bool:
        self._require(params, "chat_id", "action")
        return True

    async def _answer_callback_query(self, params: JSON) -> bool:
        (query_id,) = self._require(params, "callback_query_id")
        if str(query_id) not in self._open_queries:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        self._open_queries.discard(str(query_id))
        self.answers.append({"callback_query_id": str(query_id), "text": params.get("text"),
                             "show_alert": bool(params.get("show_alert")), "at": time.monotonic()})  # fmt: skip
        return True

    async def _set_my_commands(self, params: JSON) -> bool:
        (commands,) = self._require(params, "commands")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.commands[_scope_key(params)] = [dict(c) for c in commands]
        return True

    async def _get_my_commands(self, params: JSON) -> list[JSON]:
        return self.commands.get(_scope_key(params), [])

    async def _delete_my_commands(self, params: JSON) -> bool:
        self.commands.pop(_scope_key(params), None)
        return True

    async def _get_chat_member(self, params: JSON) -> JSON:
        chat_id, user_id = self._require(params, "chat_id", "user_id")
        member = self.bot_user if user_id == self.bot_user["id"] else self._user(user_id, f"User {user_id}")
        return tg.chat_member(member, self._member_status(chat_id, user_id))

    async def _get_chat(self, params: JSON) -> JSON:
        (chat_id,) = self._require(params, "chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        return tg.full_chat(self.add_chat(chat_id))

    async def _get_file(self, params: JSON) -> JSON:
        (file_id,) = self._require(params, "file_id")
        stored = self.files.get(str(file_id))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if stored["file_size"] > MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {key: stored[key] for key in ("file_id", "file_unique_id", "file_size", "file_path")}

    def _add_routes(self, app: web.Application) -> None:
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)

    async def _download(self, request: web.Request) -> web.Response:
        """`GET {base_url}/file/bot{token}/{file_path}`: the file's bytes, as Telegram serves what getFile named."""
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        path = request.match_info["path"]
        found = next((stored for stored in self.files.values() if stored["file_path"] == path), None)
        if found is None:
            return web.json_response(ApiError(404, "Not Found").body(), status=404)
        self.downloads.append(path)
        return web.Response(body=found["content"], content_type="application/octet-stream")

    def commands_for(self, scope: str = "default", language_code: str = "") -> list[JSON]:
        """Commands set for a scope ("default", "all_private_chats", "all_group_chats", "chat:<id>") and language."""
        return self.commands.get((scope, language_code), [])


def _scope_key(params: JSON) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    ids = [str(scope[k]) for k in ("chat_id", "user_id") if k in scope]
    return ":".join([str(scope.get("type", "default")), *ids]), str(params.get("language_code") or "")


async def post_update_to(
    url: str, update: JSON, secret_token: str | None = None, timeout: float = 10.0
) -> httpx.Response:
    """POST an Update to a webhook URL the way Telegram does (JSON, X-Telegram-Bot-Api-Secret-Token)."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret_token} if secret_token is not None else {}
    async with httpx.AsyncClient(timeout=timeout) as client:
        return await client.post(url, json=update, headers=headers)
