"""A bot process for the kill-and-restart test: sends what the outbox holds through a slow sender that writes
every delivered message to a log file (flushed and synced, like a message the messenger has accepted)."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from schedules.messages import ChatRef, Reply, SendResult
from schedules.outbox import Limits, Outbox
from schedules.repository import OutboxItem, Repository, make_engine
from schedules.schema import ensure

CONCURRENCY = 8


class SlowLoggingSender:
    """Takes a few milliseconds per message and records each one durably."""

    platform = "telegram"

    def __init__(self, log_path: str) -> None:
        self.log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the process's life

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        await asyncio.sleep(0.005)
        self.log.write(f"{chat.chat_id}\n")
        self.log.flush()
        os.fsync(self.log.fileno())
        return SendResult(True)


def render(item: OutboxItem) -> Reply:
    return Reply(str(item.payload["text"]))


async def main(url: str, log_path: str) -> int:
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    repository = Repository(make_engine(url))
    ensure(repository.engine)
    repository.reset_in_flight()
    limits = Limits(per_second=2000, per_group_per_minute=2000, per_chat_per_second=2000)
    outbox = Outbox(repository, {"telegram": SlowLoggingSender(log_path)}, render, lambda: datetime.now(zone),
                    limits={"telegram": limits}, concurrency=CONCURRENCY)
    while repository.next_due_time(["telegram"]) is not None:
        await outbox.run_due(batch=50)
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1], sys.argv[2])))
