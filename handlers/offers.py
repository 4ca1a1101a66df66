"""Where the lists offered to a chat are kept (alternative answers, topics, deadlines, categories): the database in
a running bot, memory for the command line and tests. A button carries its list's id, so it answers its own list
after later questions and after a restart."""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any, Protocol

from schedules.conversation_store import OfferInfo

FRESH_FOR = 7_200.0  # seconds a typed number still refers to the chat's last list (a sitting, not the next day)
PICKS = "picks"  # reminders offered to a command typed without its number: a typed number runs it on that one
CLEARED = "cleared"  # nothing to pick (a list that is only read, a new console session): a typed number gets a hint
PICK_FRESH_FOR = 600.0  # seconds a typed number still answers such a prompt (it acts: confirms, snoozes)


class Offers(Protocol):
    """Keeps offered lists."""

    def offer(self, platform: str, chat_id: str, kind: str, items: list[dict[str, Any]], now: datetime) -> int:
        """Keep a list; returns its id."""
        ...

    def offered(self, offer_id: int) -> OfferInfo | None:
        """A list by id."""
        ...

    def last_offer(self, platform: str, chat_id: str, kinds: tuple[str, ...]) -> OfferInfo | None:
        """The latest list of these kinds offered to a chat."""
        ...


class MemoryOffers:
    """Offered lists in this process only (the command line, tests), the latest 4,096."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._lists: OrderedDict[int, OfferInfo] = OrderedDict()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()  # messages are handled in worker threads

    def offer(self, platform: str, chat_id: str, kind: str, items: list[dict[str, Any]], now: datetime) -> int:
        """Keep a list; returns its id."""
        with self._lock:
            offer_id = next(self._ids)
            self._lists[offer_id] = OfferInfo(offer_id, platform, chat_id, kind, list(items), now)
            while len(self._lists) > self.size:
                self._lists.popitem(last=False)
            return offer_id

    def offered(self, offer_id: int) -> OfferInfo | None:
        """A list by id."""
        with self._lock:
            return self._lists.get(offer_id)

    def last_offer(self, platform: str, chat_id: str, kinds: tuple[str, ...]) -> OfferInfo | None:
        """The latest list of these kinds offered to a chat."""
        with self._lock:
            return next((offer for offer in reversed(self._lists.values())
                         if (offer.platform, offer.chat_id) == (platform, chat_id) and offer.kind in kinds), None)
