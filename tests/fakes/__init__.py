"""Fake Telegram and Zalo Bot API servers over real HTTP on 127.0.0.1, for offline end-to-end tests."""

from ._base import ApiError, Call
from .telegram import FakeTelegram
from .telegram import post_update_to as post_telegram_update
from .zalo import FakeZalo
from .zalo import post_update_to as post_zalo_update

__all__ = ["ApiError", "Call", "FakeTelegram", "FakeZalo", "post_telegram_update", "post_zalo_update"]
