"""What the bot sends and how it is delivered: a message with optional buttons, and the Sender protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Button:
    """A choice under a message: its label and the short key sent back when it is pressed (≤ 64 bytes)."""

    label: str
    data: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send: plain Vietnamese text, an optional citation line, optional rows of buttons.

    Platforms decide the markup: Telegram escapes HTML and shows buttons, Zalo numbers the choices.
    """

    text: str
    citation: str | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()
    choices_hint: str | None = None

    def plain(self) -> str:
        """The message as plain text: body, citation on its own line, buttons as a numbered list."""
        parts = [self.text]
        if self.citation:
            parts.append(self.citation)
        choices = [button for row in self.buttons for button in row]
        if choices:
            lines = [self.choices_hint or "Chọn:"]
            lines += [f"{number}. {button.label}" for number, button in enumerate(choices, start=1)]
            parts.append("\n".join(lines))
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class ChatRef:
    """A chat on a platform: where a message goes."""

    platform: str
    chat_id: str


@dataclass(frozen=True, slots=True)
class SendResult:
    """What a platform said about one send."""

    ok: bool
    message_id: str | None = None
    retry_after: float | None = None
    permanent: bool = False  # the chat cannot be reached any more (blocked, kicked, gone)
    rejected: bool = False  # this message will never be accepted (too long, malformed): do not retry it
    migrated_to: str | None = None
    detail: str = field(default="")


class Sender(Protocol):
    """Delivers a reply to a chat; implemented by every platform (console, Telegram, Zalo)."""

    platform: str

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        """Send one message; never raises for delivery problems, reports them in the result."""
        ...
