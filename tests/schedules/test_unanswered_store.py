"""The record of declined questions: grouped by folded text, most frequent first, within its retention limit, with
no user or chat ids; migration 0004 adds and removes its table."""

from __future__ import annotations

from datetime import datetime, timedelta

from alembic import command
from sqlalchemy import inspect

from schedules.repository import Repository
from schedules.schema import _config, upgrade
from schedules.unanswered_store import Retention
from tests.conftest import VIETNAM
from tests.schedules.conftest import wipe

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=VIETNAM)
KEEP = Retention(days=90, rows=10_000)


def ask(repository: Repository, text: str, folded: str, at: datetime, *, platform: str = "telegram",
        kind: str = "private", topics: list[str] | None = None, retention: Retention = KEEP) -> None:
    repository.record_unanswered(text, folded, platform, kind, topics or ["Chủ đề A"], at, retention)


def test_questions_are_grouped_by_folded_text_most_frequent_first(repository: Repository) -> None:
    ask(repository, "chi tieu cay xanh", "chi tieu cay xanh", NOW - timedelta(days=3), kind="group")
    ask(repository, "Chỉ tiêu cây xanh?", "chi tieu cay xanh", NOW - timedelta(days=1), platform="zalo",
        topics=["Môi trường", "Đô thị"])
    ask(repository, "chi tiêu cây xanh", "chi tieu cay xanh", NOW - timedelta(hours=2))
    ask(repository, "lich tiem phong", "lich tiem phong", NOW - timedelta(hours=1))
    ask(repository, "gio mo cua", "gio mo cua", NOW - timedelta(days=2))
    summary = repository.unanswered(NOW - timedelta(days=30), limit=10)
    assert (summary.asked, summary.distinct) == (5, 3)
    first, second, third = summary.groups
    assert first.folded == "chi tieu cay xanh" and first.count == 3
    assert first.text == "chi tiêu cây xanh"  # the latest wording stands for the group
    assert first.first_asked == NOW - timedelta(days=3) and first.last_asked == NOW - timedelta(hours=2)
    assert first.platforms == {"telegram": 2, "zalo": 1} and first.chat_kinds == {"group": 1, "private": 2}
    assert first.topics == ["Chủ đề A"]
    assert [second.folded, third.folded] == ["lich tiem phong", "gio mo cua"]  # a tie: the latest asked first


def test_the_summary_keeps_to_its_period_and_limit(repository: Repository) -> None:
    ask(repository, "cu", "cu", NOW - timedelta(days=40))
    for number in range(5):
        ask(repository, f"cau {number}", f"cau {number}", NOW - timedelta(minutes=number))
    summary = repository.unanswered(NOW - timedelta(days=30), limit=3)
    assert summary.asked == 5 and summary.distinct == 5
    assert [group.folded for group in summary.groups] == ["cau 0", "cau 1", "cau 2"]
    assert repository.unanswered(NOW + timedelta(seconds=1), limit=3).groups == []


def test_old_questions_go_after_the_retention_days(repository: Repository) -> None:
    ask(repository, "cu", "cu", NOW - timedelta(days=91))
    ask(repository, "vua", "vua", NOW - timedelta(days=89))
    ask(repository, "moi", "moi", NOW)  # recording prunes
    summary = repository.unanswered(NOW - timedelta(days=365), limit=10)
    assert sorted(group.folded for group in summary.groups) == ["moi", "vua"]


def test_the_table_never_holds_more_than_the_row_limit(repository: Repository) -> None:
    small = Retention(days=90, rows=20)
    for number in range(50):
        ask(repository, f"cau {number}", f"cau {number}", NOW + timedelta(seconds=number), retention=small)
    summary = repository.unanswered(NOW - timedelta(days=1), limit=100)
    assert summary.asked == 20
    assert {group.folded for group in summary.groups} == {f"cau {number}" for number in range(30, 50)}


def test_a_long_question_is_kept_cut_to_its_limit(repository: Repository) -> None:
    ask(repository, "x" * 5000, "x" * 5000, NOW)
    [group] = repository.unanswered(NOW - timedelta(days=1), limit=1).groups
    assert len(group.text) == 1000 and len(group.folded) == 255


def test_no_user_or_chat_id_is_stored(repository: Repository) -> None:
    columns = {column["name"] for column in inspect(repository.engine).get_columns("unanswered_questions")}
    assert columns == {"id", "text", "folded", "platform", "chat_kind", "topics", "asked_at"}


def test_migration_0004_adds_the_table_and_its_downgrade_removes_it(repository: Repository) -> None:
    engine = repository.engine
    wipe(repository)
    upgrade(engine, "0003")
    assert "unanswered_questions" not in inspect(engine).get_table_names()
    upgrade(engine, "0004")
    assert "unanswered_questions" in inspect(engine).get_table_names()
    ask(repository, "sau nang cap", "sau nang cap", NOW)
    assert repository.unanswered(NOW - timedelta(days=1), limit=1).asked == 1
    config = _config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    assert "unanswered_questions" not in inspect(engine).get_table_names()
