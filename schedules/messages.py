"""What the bot sends and how it is delivered: a message with optional buttons, and the Sender protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Button:
    """A choice under a message: its label, the short key sent back when pressed (≤ 64 bytes), and the command
    that does the same where a messenger has no buttons (empty for a numbered choice: the user types its number)."""

    label: str
    data: str
    command: str = ""


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
        """The message as plain text: body, citation on its own line, choices numbered, buttons as commands."""
        parts = [self.text]
        if self.citation:
            parts.append(self.citation)
        buttons = [button for row in self.buttons for button in row]
        choices = [button for button in buttons if not button.command]
        if choices:
            lines = [self.choices_hint or "Chọn:"]
            lines += [f"{number}. {button.label}" for number, button in enumerate(choices, start=1)]
            lines.append(f"(Trả lời {_numbers(len(choices))}.)")
            parts.append("\n".join(lines))
        commands = [f"{button.label}: gõ {button.command}" for button in buttons if button.command]
        if commands:
            parts.append("\n".join(commands))
        return "\n".join(parts)


def _numbers(count: int) -> str:
    """"1", "1 hoặc 2", "1, 2 hoặc 3"."""
    numbers = [str(number) for number in range(1, count + 1)]
    return numbers[0] if count == 1 else f"{', '.join(numbers[:-1])} hoặc {numbers[-1]}"


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
    uncertain: bool = False  # the request went out but no answer came: it may have been delivered
    migrated_to: str | None = None
    detail: str = field(default="")


class Sender(Protocol):
    """Delivers a reply to a chat; implemented by every platform (console, Telegram, Zalo)."""

    platform: str

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        """Send one message; never raises for delivery problems, reports them in the result."""
        ...
