"""Questions the bot could not answer: recorded without who asked or in which chat, kept within a retention limit,
and read back grouped by their folded text, most frequent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from schedules.database import Store
from schedules.models import UnansweredQuestion

MAX_TEXT = 1000  # characters of a question kept: enough to read it, not a place to store documents
MAX_FOLDED = 255  # the grouping key's column width


@dataclass(frozen=True, slots=True)
class Retention:
    """How much of the record is kept: questions younger than `days`, and at most `rows` of them."""

    days: int = 90
    rows: int = 10_000


@dataclass(frozen=True, slots=True)
class UnansweredGroup:
    """One question as people asked it, however typed: its latest wording, how often and when it was asked, on
    which platforms and in which kinds of chat, and the nearest topics offered the last time."""

    text: str
    folded: str
    count: int
    first_asked: datetime
    last_asked: datetime
    platforms: dict[str, int]
    chat_kinds: dict[str, int]
    topics: list[str]


@dataclass(frozen=True, slots=True)
class UnansweredSummary:
    """The most frequent declined questions since a moment, with the totals they were taken from."""

    since: datetime
    asked: int  # declined questions recorded since then
    distinct: int  # of which different questions (by folded text)
    groups: list[UnansweredGroup]


class UnansweredStore(Store):
    """The record of declined questions."""

    def record_unanswered(self, text: str, folded: str, platform: str, chat_kind: str, topics: list[str],
                          at: datetime, retention: Retention) -> None:
        """Keep one declined question, then drop what falls outside `retention` (so the table cannot grow
        without bound, whatever the traffic)."""
        with self.session() as session:
            session.add(UnansweredQuestion(text=text[:MAX_TEXT], folded=folded[:MAX_FOLDED], platform=platform,
                                           chat_kind=chat_kind, topics=list(topics), asked_at=at))
        self.prune_unanswered(at - timedelta(days=retention.days), retention.rows)

    def prune_unanswered(self, before: datetime, keep_rows: int) -> int:
        """Forget questions asked before `before`, and all but the newest `keep_rows`; returns how many went."""
        with self.session() as session:
            gone = int(getattr(session.execute(delete(UnansweredQuestion).where(UnansweredQuestion.asked_at < before)),
                               "rowcount", 0) or 0)
            boundary = session.scalar(select(UnansweredQuestion.id).order_by(UnansweredQuestion.id.desc())
                                      .offset(keep_rows).limit(1))
            if boundary is not None:
                result = session.execute(delete(UnansweredQuestion).where(UnansweredQuestion.id <= boundary))
                gone += int(getattr(result, "rowcount", 0) or 0)
            return gone

    def unanswered(self, since: datetime, limit: int) -> UnansweredSummary:
        """The `limit` most frequent questions declined since `since` (ties: the latest asked first)."""
        table = UnansweredQuestion
        recent = table.asked_at >= since
        with self.session() as session:
            asked, distinct = session.execute(
                select(func.count(), func.count(func.distinct(table.folded))).where(recent)).one()
            count, last = func.count().label("count"), func.max(table.asked_at).label("last")
            rows = session.execute(
                select(table.folded, count, func.min(table.asked_at), last, func.max(table.id))
                .where(recent).group_by(table.folded).order_by(count.desc(), last.desc(), table.folded).limit(limit)
            ).all()
            latest = {row.id: row for row in session.scalars(select(table).where(table.id.in_([r[4] for r in rows])))}
            places: dict[str, tuple[dict[str, int], dict[str, int]]] = {row[0]: ({}, {}) for row in rows}
            for folded, platform, kind, number in session.execute(
                select(table.folded, table.platform, table.chat_kind, func.count())
                .where(recent, table.folded.in_(list(places))).group_by(table.folded, table.platform, table.chat_kind)
            ):
                platforms, kinds = places[folded]
                platforms[platform] = platforms.get(platform, 0) + int(number)
                kinds[kind] = kinds.get(kind, 0) + int(number)
        groups = [UnansweredGroup(latest[newest].text, folded, int(number), first, last_at, *places[folded],
                                  list(latest[newest].topics))
                  for folded, number, first, last_at, newest in rows]
        return UnansweredSummary(since, int(asked), int(distinct), groups)
