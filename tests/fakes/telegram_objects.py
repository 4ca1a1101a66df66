"""Telegram JSON the fake reads and writes: parameter decoding, entities, HTML checks, users, chats, members."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ._base import JSON, ApiError

# Parameters whose form-encoded value is JSON (python-telegram-bot form-encodes and JSON-encodes non-strings).
JSON_FIELDS = frozenset(
    {"reply_markup", "commands", "scope", "allowed_updates", "entities", "link_preview_options", "reply_parameters"}
)
INT_FIELDS = frozenset(
    {"message_id", "user_id", "offset", "limit", "timeout", "cache_time", "max_connections", "reply_to_message_id"}
)
BOOL_FIELDS = frozenset(
    {"show_alert", "drop_pending_updates", "disable_notification", "protect_content", "disable_web_page_preview"}
)
HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
     "blockquote", "tg-emoji"}
)  # fmt: skip
_BUTTON_ACTIONS = frozenset(
    {"url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
     "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"}
)  # fmt: skip
_TAG = re.compile(r"<(/?)([A-Za-z0-9-]*)[^<>]*(>?)")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,32}")
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def coerce_params(params: JSON, from_form: bool) -> JSON:
    """Decode form strings as the Bot API does: JSON fields, integers, booleans; numeric chat ids become ints."""
    out = dict(params)
    for key, value in params.items():
        if not isinstance(value, str):
            continue
        if from_form and key in JSON_FIELDS:
            try:
                out[key] = json.loads(value)
            except ValueError as exc:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from exc
        elif key in INT_FIELDS and _is_int(value):
            out[key] = int(value)
        elif key in BOOL_FIELDS:
            out[key] = value.lower() in ("true", "1")
        elif key == "chat_id" and _is_int(value):
            out[key] = int(value)
    return out


def _is_int(value: str) -> bool:
    return value.lstrip("-").isdigit()


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def auto_entities(text: str) -> list[JSON]:
    """The `bot_command` and `mention` entities Telegram would attach to `text`, in order of offset."""
    found = [("bot_command", m) for m in _COMMAND.finditer(text)] + [("mention", m) for m in _MENTION.finditer(text)]
    entities = [
        {"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for kind, m in found
        if kind == "bot_command" or not any(k == "bot_command" and c.start() < m.start() < c.end() for k, c in found)
    ]
    return sorted(entities, key=lambda e: e["offset"])


def parse_html(text: str) -> str:
    """The visible text of an HTML-mode message; raises Telegram's "can't parse entities" on a bad tag."""
    stack: list[str] = []
    for match in _TAG.finditer(text):
        closing, name, end = match.group(1), match.group(2).lower(), match.group(3)
        where = f"at byte offset {len(text[: match.start()].encode())}"
        if not end or name not in HTML_TAGS:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" {where}')
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            raise ApiError(400, f"Bad Request: can't parse entities: Unexpected end tag {where}")
    if stack:
        raise ApiError(
            400, f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return html.unescape(_TAG.sub("", text))


def check_reply_markup(markup: Any) -> None:
    """Reject what Telegram rejects in an inline keyboard: callback_data outside 1–64 bytes, rows that are not lists."""
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for button in (button for row in rows for button in row):
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        if not _BUTTON_ACTIONS.intersection(button):
            reason = "Text buttons are unallowed in the inline keyboard"
            raise ApiError(400, f"Bad Request: can't parse inline keyboard button: {reason}")


def user(user_id: int, first_name: str, *, username: str | None = None, is_bot: bool = False) -> JSON:
    """A User object."""
    out: JSON = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if username:
        out["username"] = username
    if not is_bot:
        out["language_code"] = "vi"
    return out


def chat_type_for(chat_id: int) -> str:
    """The type Telegram's id ranges imply: positive private, -100… supergroup, other negatives basic group."""
    if chat_id > 0:
        return "private"
    return "supergroup" if chat_id <= -1_000_000_000_000 else "group"


def chat(chat_id: int, chat_type: str, title: str | None = None) -> JSON:
    """A Chat object: groups carry a title, private chats the user's first name."""
    out: JSON = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        out["first_name"] = title or f"User {chat_id}"
    else:
        out["title"] = title or f"Group {chat_id}"
    return out


def full_chat(base: JSON) -> JSON:
    """A ChatFullInfo object (getChat) with the fields Bot API 9 requires."""
    return {**base, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": _NO_GIFTS}


_NO_GIFTS = dict.fromkeys(
    ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels"), False
)
_ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members", "can_promote_members",
    "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
)  # fmt: skip


def chat_member(member: JSON, status: str) -> JSON:
    """A ChatMember object of `status` (creator, administrator, member, left, kicked) with its required fields."""
    out: JSON = {"status": status, "user": member}
    if status == "creator":
        out["is_anonymous"] = False
    elif status == "administrator":
        out |= {"can_be_edited": False, "is_anonymous": False} | dict.fromkeys(_ADMIN_RIGHTS, True)
    elif status == "kicked":
        out["until_date"] = 0
    return out
