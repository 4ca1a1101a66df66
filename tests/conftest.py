"""Shared fixtures: the sample knowledge base (built once), a fixed clock, paths to test data."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from knowledge.base import KnowledgeBase
from knowledge.loading import DEFAULT_SAMPLES

DATA = Path(__file__).parent / "data"
os.environ.setdefault("PTB_TIMEDELTA", "true")  # as the Telegram adapter does: no deprecation warnings from PTB
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="session")
def samples() -> KnowledgeBase:
    """The two sample directives shipped with the bot, parsed and indexed once for the whole run."""
    return KnowledgeBase.load([DEFAULT_SAMPLES])


@pytest.fixture
def now() -> datetime:
    """A fixed, timezone-aware moment: 22/11/2026 09:00 in Vietnam."""
    return datetime(2026, 11, 22, 9, 0, tzinfo=VIETNAM)
