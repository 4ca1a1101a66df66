"""Building the time side of the bot from the settings: planning, the outbox, the scheduler, the services the
time commands use, and those commands."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from bot.config import Settings
from handlers.broadcasts import BroadcastCommands
from handlers.notices import Notices
from handlers.permissions import Permissions
from handlers.reminders import ReminderCommands
from handlers.router import Command, Router
from handlers.services import FairUse, TimeServices
from handlers.summaries import SummaryCommands
from schedules.broadcasts import Broadcasts, ThemeSettings
from schedules.digests import Digests, DigestSettings
from schedules.messages import Sender
from schedules.outbox import Limits, Outbox
from schedules.planner import Planner, PlanSettings
from schedules.planning import Cadence
from schedules.reminders import Reminders
from schedules.reports import Reports
from schedules.repository import Repository
from schedules.scheduler import Scheduler
from schedules.themes import DEFAULT_THEMES, ThemeCalendar

Clock = Callable[[], datetime]


def cadence_of(settings: Settings) -> Cadence:
    """How this deployment reminds (config.yaml's schedules section)."""
    schedule = settings.schedules
    return Cadence(tuple(schedule.lead_days), tuple(schedule.lead_hours), schedule.send_time,
                   schedule.overdue_every_days, schedule.overdue_times)


def fair_use_of(settings: Settings) -> FairUse:
    """What one user may ask of the bot (config.yaml's conversation section)."""
    conversation = settings.conversation
    return FairUse(conversation.max_message_chars, conversation.messages_per_minute, conversation.reminders_per_hour)


def build_time(settings: Settings, senders: Mapping[str, Sender], clock: Clock, repository: Repository,
               limits: Mapping[str, Limits] | None = None) -> tuple[Scheduler, TimeServices]:
    """Planning, broadcasts, the weekly digest, the outbox and the scheduler, and the services the commands use."""
    zone, schedule = settings.zone, settings.schedules
    grace = timedelta(hours=schedule.grace_hours)
    cadence = cadence_of(settings)
    planner = Planner(repository, zone, PlanSettings(cadence, grace))
    wake: Callable[[], None] = lambda: scheduler.wake()  # noqa: E731 - the scheduler is built below, from these parts
    broadcasts = Broadcasts(repository, zone, ThemeSettings(schedule.theme_day, schedule.theme_time, grace),
                            wake=wake)
    digests = Digests(repository, zone, DigestSettings(schedule.digest_weekday, schedule.digest_time,
                                                       schedule.digest_days, grace))
    calendar = ThemeCalendar.load(schedule.themes or DEFAULT_THEMES)
    reminders = Reminders(repository, planner, zone, cadence=cadence, wake=wake)
    services = TimeServices(repository, reminders, broadcasts, calendar, Permissions(settings.admins), zone,
                            tuple(schedule.lead_days), fair_use_of(settings), digests)
    summaries = SummaryCommands(services)
    notices = Notices(repository, calendar, zone, digest=summaries.digest_for)
    several = repository.engine.dialect.name == "postgresql"  # several workers may send: their pace is shared
    outbox = Outbox(repository, senders, notices.render, clock, limits=limits, grace=grace,
                    shared_pace=repository if several else None)
    now = clock()
    admins = [
        repository.chat(platform, user, now)
        for platform, _, user in (admin.partition(":") for admin in settings.admins)
        if platform in senders and user != "*"
    ]
    if "console" in senders and "console:*" in settings.admins:
        # Everyone at the console is an admin: the reports go to the console chat itself.
        admins.append(repository.chat("console", "console", now, title="Bảng điều khiển"))
    scheduler = Scheduler(repository, planner, broadcasts, outbox, clock, zone, grace=grace,
                          reports=Reports(repository, admins), digests=digests)
    return scheduler, services


def time_commands(services: TimeServices, router: Router) -> list[Command]:
    """The reminder, broadcast, summary and status commands."""
    return (ReminderCommands(services, router.lists).commands() + BroadcastCommands(services).commands()
            + SummaryCommands(services).commands())
