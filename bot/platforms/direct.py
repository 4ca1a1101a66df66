"""Answering a user who is waiting: sent at once, not through the outbox, but retried on flood control and
network errors a few times before giving up."""

from __future__ import annotations

import asyncio
import logging

from schedules.messages import ChatRef, Reply, Sender, SendResult

log = logging.getLogger(__name__)
ATTEMPTS = 4
MAX_WAIT = 30.0  # seconds: a user will not wait longer than this for an answer


async def answer(sender: Sender, chat: ChatRef, reply: Reply, attempts: int = ATTEMPTS) -> SendResult:
    """Send `reply` now; wait out `retry_after` (or back off) and try again while the failure is temporary."""
    result = SendResult(False)
    for attempt in range(attempts):
        result = await sender.send(chat, reply)
        if result.ok or result.permanent or result.rejected or result.migrated_to:
            break
        wait = result.retry_after if result.retry_after is not None else 0.5 * 2**attempt
        if wait > MAX_WAIT or attempt == attempts - 1:
            break
        await asyncio.sleep(wait)
    if not result.ok:
        log.warning("answer to %s:%s failed: %s", chat.platform, chat.chat_id, result.detail)
    return result
