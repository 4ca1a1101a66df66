"""What the bot is doing, for Prometheus: counters fed by the platforms, the questions and the outbox, gauges read
from the database at each scrape; one registry per runtime (never prometheus-client's global one)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Protocol

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric

from handlers.incoming import GROUP, PRIVATE, IncomingMessage
from schedules.messages import SendResult
from schedules.repository import OutboxItem, Repository

log = logging.getLogger(__name__)
PREFIX = "directive_bot"
REMINDER_KINDS = ("lead", "overdue", "escalation", "snooze")  # outbox rows that are reminders of a deadline
OUTBOX_STATES = ("pending", "sending", "sent", "failed", "expired", "missed", "skipped", "cancelled")
ANSWER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
LATENESS_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 4 * 3600.0, 12 * 3600.0)


class Meter(Protocol):
    """What a platform reports as it works: updates in, answers out (and how long they took), flood control."""

    def update(self, platform: str) -> None:
        """An update arrived (before de-duplication)."""

    def answered(self, platform: str, seconds: float) -> None:
        """A message was answered: from the update's arrival to its last reply sent."""

    def replied(self, platform: str, result: SendResult) -> None:
        """One reply to a user went out, or could not."""

    def rate_limited(self, platform: str) -> None:
        """The platform answered 429 (too many requests)."""


class Quiet:
    """A Meter that counts nothing (a platform used on its own, in tests or tools)."""

    def update(self, platform: str) -> None:
        """Nothing."""

    def answered(self, platform: str, seconds: float) -> None:
        """Nothing."""

    def replied(self, platform: str, result: SendResult) -> None:
        """Nothing."""

    def rate_limited(self, platform: str) -> None:
        """Nothing."""


QUIET = Quiet()


class Metrics:
    """The runtime's counters and histograms, and the gauges read at scrape time (outbox, leadership)."""

    def __init__(self, repository: Repository, clock: Callable[[], datetime], platforms: Iterable[str] = ()) -> None:
        self.registry = CollectorRegistry()
        self.leads: Callable[[], bool] = lambda: True  # the runtime points this at its own answer
        self._updates = Counter(f"{PREFIX}_updates", "Updates received from the messengers.", ["platform"],
                                registry=self.registry)
        self._replies = Counter(f"{PREFIX}_replies", "Replies to users' messages, sent or not.",
                                ["platform", "outcome"], registry=self.registry)
        self._latency = Histogram(f"{PREFIX}_answer_seconds", "From an update's arrival to its last reply sent.",
                                  ["platform"], buckets=ANSWER_BUCKETS, registry=self.registry)
        self._declined = Counter(f"{PREFIX}_questions_declined", "Questions the bot could not answer.",
                                 ["platform", "chat_kind"], registry=self.registry)
        self._limited = Counter(f"{PREFIX}_rate_limited", "Responses 429 (too many requests) from the messengers.",
                                ["platform"], registry=self.registry)
        self._outbox = Counter(f"{PREFIX}_outbox_sends", "Outbox sends by what the platform answered.",
                               ["platform", "kind", "outcome"], registry=self.registry)
        self._reminders = Counter(f"{PREFIX}_reminders_sent", "Reminder messages delivered (lead times, deadline, "
                                  "overdue rounds, escalations, snoozes).", ["kind"], registry=self.registry)
        self._lateness = Histogram(f"{PREFIX}_reminder_lateness_seconds", "How long after its time a reminder "
                                   "message went out.", buckets=LATENESS_BUCKETS, registry=self.registry)
        self.registry.register(_StateCollector(repository, clock, self))
        self._start_at_zero(platforms)

    def _start_at_zero(self, platforms: Iterable[str]) -> None:
        """Every series of the running platforms scraped at 0 from the start: an absent series looks like a broken
        exporter, and rate() over it says nothing until its first event."""
        for platform in platforms:
            self._updates.labels(platform)
            self._latency.labels(platform)
            self._limited.labels(platform)
            for outcome in ("sent", "failed"):
                self._replies.labels(platform, outcome)
            for kind in (PRIVATE, GROUP):
                self._declined.labels(platform, kind)
        for kind in REMINDER_KINDS:
            self._reminders.labels(kind)

    # The platforms (Meter).
    def update(self, platform: str) -> None:
        """An update arrived (before de-duplication)."""
        self._updates.labels(platform).inc()

    def answered(self, platform: str, seconds: float) -> None:
        """A message was answered: from the update's arrival to its last reply sent."""
        self._latency.labels(platform).observe(max(0.0, seconds))

    def replied(self, platform: str, result: SendResult) -> None:
        """One reply to a user went out, or could not."""
        self._replies.labels(platform, "sent" if result.ok else "failed").inc()

    def rate_limited(self, platform: str) -> None:
        """The platform answered 429 (too many requests)."""
        self._limited.labels(platform).inc()

    # The questions.
    def declined(self, message: IncomingMessage) -> None:
        """A question the bot could not answer."""
        self._declined.labels(message.platform, message.chat_kind).inc()

    # The outbox.
    def delivered(self, item: OutboxItem, result: SendResult, now: datetime) -> None:
        """What the platform answered to one outbox send; a reminder sent counts with how late it went."""
        if result.ok:
            outcome = "sent"
        elif result.retry_after is not None:
            outcome = "rate_limited"
        elif result.permanent or result.rejected:
            outcome = "failed"
        else:
            outcome = "retry"
        self._outbox.labels(item.chat.platform, item.kind, outcome).inc()
        if result.ok and item.kind in REMINDER_KINDS:
            self._reminders.labels(item.kind).inc()
            self._lateness.observe(max(0.0, (now - item.meant_for).total_seconds()))

    def exposition(self) -> tuple[bytes, str]:
        """The Prometheus text format of everything, and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class _StateCollector:
    """Gauges read when scraped: the outbox's rows by state and its oldest wait, leadership, the database."""

    def __init__(self, repository: Repository, clock: Callable[[], datetime], metrics: Metrics) -> None:
        self.repository = repository
        self.clock = clock
        self.metrics = metrics

    def describe(self) -> Iterable[Metric]:
        """The names this collector owns (without reading the database at registration)."""
        return self._families()

    def _families(self) -> list[GaugeMetricFamily]:
        return [
            GaugeMetricFamily(f"{PREFIX}_outbox_messages", "Outbox rows by state.", labels=["state"]),
            GaugeMetricFamily(f"{PREFIX}_outbox_oldest_waiting_seconds",
                              "How long the oldest message due and not sent yet has waited (0: none)."),
            GaugeMetricFamily(f"{PREFIX}_leader", "1 if this worker runs the scheduler and the outbox."),
            GaugeMetricFamily(f"{PREFIX}_database_up", "1 if the database answered this scrape."),
        ]

    def collect(self) -> Iterable[Metric]:
        """Read the outbox now; a database that does not answer is reported, not raised."""
        rows, oldest, leader, up = self._families()
        try:
            counts = self.repository.delivery_counts()
            now = self.clock()
            waiting = self.repository.outbox_state(now).oldest
        except Exception as error:
            log.warning("metrics: the database did not answer (%s)", type(error).__name__)
            up.add_metric([], 0)
        else:
            up.add_metric([], 1)
            for state in sorted(set(OUTBOX_STATES) | set(counts)):
                rows.add_metric([state], counts.get(state, 0))
            oldest.add_metric([], max(0.0, (now - waiting).total_seconds()) if waiting is not None else 0.0)
        try:
            leader.add_metric([], 1 if self.metrics.leads() else 0)
        except Exception as error:  # the leadership check itself failed: say "not leading"
            log.warning("metrics: leadership unknown (%s)", type(error).__name__)
            leader.add_metric([], 0)
        return [rows, oldest, leader, up]
