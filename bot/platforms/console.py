"""The console chat: the same router as the messengers, in a terminal or fed line by line from a pipe."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from handlers import wording
from handlers.incoming import IncomingMessage
from handlers.router import Router
from schedules.messages import ChatRef, Reply, SendResult

CONSOLE = "console"
CHAT_ID = "console"
_QUIT = {"/thoat", "/thoát", "/quit", "/exit"}


class ConsoleChat:
    """Reads one message per line and prints the replies; interactive with a prompt when on a terminal."""

    def __init__(
        self,
        router: Router,
        zone: ZoneInfo,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        clock: Callable[[], datetime] | None = None,
        user_id: str = "console-user",
        after_message: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.router = router
        self.zone = zone
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.clock = clock or (lambda: datetime.now(zone))
        self.user_id = user_id
        self.after_message = after_message

    async def run(self) -> int:
        """Chat until end of input or /thoat; returns the exit status. Reminders print while waiting."""
        interactive = self.stdin.isatty() and self.stdout.isatty()
        self.router.forget_choices(self.message(""))  # a number typed now picks nothing of an earlier session
        if interactive:
            self._print(wording.CONSOLE_WELCOME.format(documents=len(self.router.knowledge.documents)))
        loop = asyncio.get_running_loop()
        while True:
            if interactive:
                self.stdout.write("› ")
                self.stdout.flush()
            try:
                line = await loop.run_in_executor(None, self.stdin.readline)
            except KeyboardInterrupt:
                line = ""
            if not line:
                break
            text = line.strip()
            if not text:
                continue
            if text.lower() in _QUIT:
                break
            for reply in await loop.run_in_executor(None, self.router.dispatch, self.message(text)):
                self._print(reply.plain())
            if self.after_message is not None:
                await self.after_message()
        if interactive:
            self._print(wording.CONSOLE_BYE)
        return 0

    def message(self, text: str) -> IncomingMessage:
        """What the console user typed, as the router sees it."""
        return IncomingMessage(CONSOLE, CHAT_ID, self.user_id, text, self.clock(), user_name="Bạn",
                               chat_title="Bảng điều khiển")

    def _print(self, text: str) -> None:
        self.stdout.write(text.rstrip() + "\n\n")
        self.stdout.flush()


class ConsoleSender:
    """The console's Sender: prints what would be sent, with the chat it goes to."""

    platform = CONSOLE

    def __init__(self, stdout: TextIO | None = None) -> None:
        self.stdout = stdout or sys.stdout

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        """Print the message under a header naming its chat."""
        self.stdout.write(f"→ [{chat.platform}:{chat.chat_id}]\n{reply.plain().rstrip()}\n\n")
        self.stdout.flush()
        return SendResult(True)
