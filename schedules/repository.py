"""The one repository: every read and write of the bot's state, in short transactions (one part per module)."""

from __future__ import annotations

from schedules.chat_store import ChatStore
from schedules.conversation_store import ConversationStore
from schedules.database import IDLE_PING, make_engine
from schedules.occurrence_store import OccurrenceStore
from schedules.outbox_store import OutboxStore
from schedules.pace_store import PaceStore
from schedules.plan_store import PlanStore
from schedules.rate_store import RateStore
from schedules.records import ChatInfo, OccurrenceInfo, OutboxItem, PlanRow, ReminderInfo, TargetState, chat_info
from schedules.reminder_store import ReminderStore
from schedules.report_store import ReportStore
from schedules.unanswered_store import UnansweredStore
from schedules.version_store import VersionStore

__all__ = ["IDLE_PING", "ChatInfo", "OccurrenceInfo", "OutboxItem", "PlanRow", "ReminderInfo", "Repository",
           "TargetState", "chat_info", "make_engine"]


class Repository(ChatStore, ReminderStore, OccurrenceStore, PlanStore, OutboxStore, ReportStore,
                 ConversationStore, UnansweredStore, PaceStore, VersionStore, RateStore):
    """All database access of the bot. Methods take aware datetimes and return plain records."""
