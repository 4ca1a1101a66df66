"""Answering a user who is waiting: sent at once, not through the outbox, but at the outbox's pace and retried on
flood control and network errors a few times before giving up. A send whose request went out but whose answer
never came is not sent again: the user may already have it (the outbox, which must deliver, does retry)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from schedules.messages import ChatRef, Reply, Sender, SendResult

log = logging.getLogger(__name__)
ATTEMPTS = 4
MAX_WAIT = 30.0  # seconds: a user will not wait longer than this for an answer
Pace = Callable[[str, str, bool], Awaitable[None]]  # (platform, chat id, group): wait for a slot to send


async def answer(sender: Sender, chat: ChatRef, reply: Reply, attempts: int = ATTEMPTS, *,
                 pace: Pace | None = None, group: bool = False) -> SendResult:
    """Send `reply` now (after `pace`); wait out `retry_after` (or back off) and try again while the failure is
    temporary and the message surely did not go."""
    result = SendResult(False)
    for attempt in range(attempts):
        if pace is not None:
            await pace(chat.platform, chat.chat_id, group)
        result = await sender.send(chat, reply)
        if result.ok or result.permanent or result.rejected or result.migrated_to or result.uncertain:
            break
        wait = result.retry_after if result.retry_after is not None else 0.5 * 2**attempt
        if wait > MAX_WAIT or attempt == attempts - 1:
            break
        await asyncio.sleep(wait)
    if not result.ok:
        log.warning("answer to %s:%s failed%s: %s", chat.platform, chat.chat_id,
                    " (it may have arrived: not sent again)" if result.uncertain else "", result.detail)
    return result
