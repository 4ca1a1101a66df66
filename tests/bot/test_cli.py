"""The command-line contract: ask/deadlines/targets with --json and --knowledge, ingest, the console chat."""

from __future__ import annotations

import io
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.cli import main
from knowledge.loading import DEFAULT_SAMPLES
from schedules.process_lock import ProcessLock
from schedules.repository import make_engine
from schedules.schema import current, head
from tests.conftest import DATA
from tests.directives import directive, write

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's console chat keeps its reminders in a database of its own; no messenger token is set."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--config", str(ROOT / "config.yaml"), *argv], stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


def json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ask_json_answers_with_the_contract_fields() -> None:
    code, out = run(["ask", "--json", "chi", "tieu", "tang", "truong", "kinh", "te", "2022"])
    [answer] = json_lines(out)
    assert code == 0
    assert answer["question"] == "chi tieu tang truong kinh te 2022"
    assert answer["found"] is True and "13,5%" in str(answer["answer"])
    assert answer["source"] == {"document": "09-NQ/TU", "title": "Nghị quyết 09-NQ/TU", "section": "I › 2 › (3)"}
    assert isinstance(answer["score"], float) and 0 <= answer["score"] <= 1
    assert isinstance(answer["alternatives"], list)


def test_ask_reads_one_question_per_line_from_standard_input() -> None:
    code, out = run(["ask", "--json", "-"], stdin="ty le BHYT\n\nHôm nay ăn gì?\n")
    answers = json_lines(out)
    assert code == 0 and [a["question"] for a in answers] == ["ty le BHYT", "Hôm nay ăn gì?"]
    assert answers[0]["found"] is True and answers[1]["found"] is False and answers[1]["source"] is None


def test_knowledge_option_replaces_the_configured_sources() -> None:
    _code, out = run(["ask", "--json", "--knowledge", str(DATA / "heldout" / "ward_plan.md"), "ty le BHYT"])
    [answer] = json_lines(out)
    assert answer["source"]["document"] == "15/KH-UBND"  # type: ignore[index]


def test_deadlines_json_lists_iso_dates_and_the_quarterly_review() -> None:
    code, out = run(["deadlines", "--json", "--knowledge", str(DEFAULT_SAMPLES)])
    deadlines = json_lines(out)
    assert code == 0
    assert all(set(item) == {"due", "recurrence", "text", "document", "section"} for item in deadlines)
    dues = {item["due"] for item in deadlines}
    assert {"2021-12-31", "2022-09-30", "2022-12-31", "2024-09-30", "2024-12-31"} <= dues
    quarterly = [item for item in deadlines if item["recurrence"]]
    assert quarterly and quarterly[0]["recurrence"] == {"every": "quarter", "day": None} and quarterly[0]["due"] is None


def test_targets_json_has_all_sixteen_numbered_targets() -> None:
    _code, out = run(["targets", "--json"])
    targets = json_lines(out)
    assert all(
        set(item) == {"text", "value", "unit", "comparator", "category", "year", "document", "section"}
        for item in targets
    )
    numbered = {
        str(item["section"])
        for item in targets
        if item["document"] == "09-NQ/TU" and str(item["section"]).startswith("I › 2 › (")
    }
    assert numbered == {f"I › 2 › ({n})" for n in range(1, 17)}
    growth = next(item for item in targets if "13,5%" in str(item["text"]))
    assert (growth["value"], growth["unit"], growth["comparator"], growth["category"]) == (13.5, "%", "≥", "Kinh tế")


def test_human_readable_outputs() -> None:
    assert "📄 Nghị quyết 09-NQ/TU — mục I › 2 › (10)" in run(["ask", "chỉ tiêu tỷ lệ BHYT"])[1]
    assert "Hạn chót trong văn bản" in run(["deadlines"])[1]
    assert "→ từ 13,5% trở lên" in run(["targets"])[1]


def test_ingest_reports_each_file_and_copies_the_readable_ones(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge:\n  ingest_dir: {tmp_path / 'store'}\n", encoding="utf-8")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    out = io.StringIO()
    code = main(["--config", str(config), "ingest", str(DATA / "heldout" / "ward_plan.md"), str(broken)], stdout=out)
    text = out.getvalue()
    assert code == 1
    assert "✓" in text and "15/KH-UBND" in text and "chỉ tiêu" in text and "mốc thời hạn" in text
    assert f"✗ {broken}: tệp .docx hỏng" in text
    assert (tmp_path / "store" / "ward_plan.md").exists() and not (tmp_path / "store" / "hong.docx").exists()
    assert "Đọc được 1/2 tệp." in text


def test_ingest_of_a_missing_path_counted_it_out_of_zero_files(tmp_path: Path) -> None:
    """"✗ /x.docx: không tìm thấy" then "Đọc được 0/0 tệp": a path named on the command line counts as one."""
    out = io.StringIO()
    code = main(["--config", str(_store_config(tmp_path)), "ingest", str(tmp_path / "khong-co.docx"),
                 str(DATA / "heldout" / "ward_plan.md")], stdout=out)
    assert code == 1 and "Đọc được 1/2 tệp." in out.getvalue()


def _store_config(tmp_path: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge:\n  sources: []\n  ingest_dir: {tmp_path / 'store'}\n", encoding="utf-8")
    return config


def test_ingest_prints_what_it_found_in_each_file(tmp_path: Path) -> None:
    plan = write(tmp_path / "in" / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    unnumbered = tmp_path / "in" / "utf16.txt"
    unnumbered.write_bytes(directive("", "05/03/2026", "bhyt").encode("utf-16"))
    out = io.StringIO()
    code = main(["--config", str(_store_config(tmp_path)), "ingest", str(plan), str(unnumbered)], stdout=out)
    text = out.getvalue()
    assert code == 0, text
    assert f"✓ {plan}: Kế hoạch 12/KH-UBND ngày 05/03/2026" in text
    assert "  Số: 12/KH-UBND · Loại: Kế hoạch · Ngày: 05/03/2026 · Cơ quan: " in text and "Người ký: " in text
    assert "  Trích yếu: Thu gom, phân loại rác thải sinh hoạt tại nguồn" in text
    assert "  Đọc được: " in text and " mốc thời hạn, " in text
    assert "  Ghi chú khi đọc: đọc với mã hóa UTF-16" in text  # the reading notes of the UTF-16 file
    assert "  Chưa tìm thấy: số hiệu" in text  # what the second file's identity lacks
    assert f"  → đã thêm vào {tmp_path / 'store' / 'ke-hoach.txt'}" in text


def test_ingest_keeps_one_file_per_document_and_never_overwrites_another(tmp_path: Path) -> None:
    config = _store_config(tmp_path)
    text = write(tmp_path / "in" / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    word = write(tmp_path / "in" / "ke-hoach.docx", directive("12/KH-UBND", "05/03/2026"))
    other = write(tmp_path / "khac" / "ke-hoach.docx", directive("15/KH-UBND", "05/03/2026", "bhyt"))
    out = io.StringIO()
    assert main(["--config", str(config), "ingest", str(text), str(word), str(other)], stdout=out) == 0
    store = tmp_path / "store"
    assert f"  → thay cho Kế hoạch 12/KH-UBND ({store / 'ke-hoach.txt'})" in out.getvalue()
    assert f"  → đã có tệp khác cùng tên, lưu thành {store / 'ke-hoach (2).docx'}" in out.getvalue()
    assert sorted(path.name for path in store.iterdir()) == ["ke-hoach (2).docx", "ke-hoach.docx"]
    again = io.StringIO()
    assert main(["--config", str(config), "ingest", str(text)], stdout=again) == 0  # a later run knows the store
    assert f"  → đã có trong kho: Kế hoạch 12/KH-UBND ({store / 'ke-hoach.docx'}); không chép" in again.getvalue()


def test_ingest_reports_an_unreadable_file_and_goes_on(tmp_path: Path) -> None:
    legacy = tmp_path / "in" / "cu.doc"
    legacy.parent.mkdir()
    legacy.write_bytes(b"\xd0\xcf\x11\xe0 not really a Word 97 file")
    plan = write(tmp_path / "in" / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    out = io.StringIO()
    code = main(["--config", str(_store_config(tmp_path)), "ingest", str(legacy), str(plan)], stdout=out)
    assert code == 1
    assert f"✗ {legacy}: " in out.getvalue() and f"✓ {plan}: " in out.getvalue()
    assert "Đọc được 1/2 tệp." in out.getvalue()


def test_a_directive_in_two_formats_is_listed_once_and_the_copy_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "docs" / "ke-hoach.txt", directive("12/KH-UBND", "05/03/2026"))
    write(tmp_path / "docs" / "ke-hoach.docx", directive("12/KH-UBND", "05/03/2026"))
    code, out = run(["deadlines", "--json", "--knowledge", str(tmp_path / "docs")])
    assert code == 0 and [item["due"] for item in json_lines(out)] == ["2026-06-30"]
    copy, kept = tmp_path / "docs" / "ke-hoach.txt", tmp_path / "docs" / "ke-hoach.docx"
    assert f"Bỏ qua {copy}: trùng với Kế hoạch 12/KH-UBND ({kept})" in capsys.readouterr().err


def test_ask_from_standard_input_answers_each_line_before_the_next_is_written(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": os.environ["DATABASE_URL"]}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--config", str(ROOT / "config.yaml"), "ask", "--json", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT, env=env,
    )
    stdout = process.stdout
    assert process.stdin is not None and stdout is not None
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        answers = []
        for question in ("ty le BHYT", "chi tieu tang truong kinh te 2022"):
            process.stdin.write(question + "\n")
            process.stdin.flush()  # no EOF: the answer must come while standard input is still open
            answers.append(json.loads(lines.get(timeout=60)))
        assert [answer["question"] for answer in answers] == ["ty le BHYT", "chi tieu tang truong kinh te 2022"]
    finally:
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    assert lines.empty()


def test_piped_console_chat_answers_line_by_line_and_exits() -> None:
    code, out = run([], stdin="chi tieu BHYT\n/vanban\n")
    assert code == 0
    assert "99,6%" in out and "Đang có 2 văn bản" in out


def test_a_bad_config_stops_with_a_message_naming_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("timezone: Nowhere/Else\n", encoding="utf-8")
    assert main(["--config", str(config), "targets"], stdout=io.StringIO()) == 2
    assert "khóa timezone" in capsys.readouterr().err


def test_python_dash_m_bot_works_as_documented() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": os.environ["DATABASE_URL"]}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    env.pop("ZALO_BOT_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        input="chi tieu tang truong kinh te 2022\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "13,5%" in result.stdout and "09-NQ/TU" in result.stdout


def test_console_chat_manages_reminders_and_prints_what_it_sends() -> None:
    script = "/nhac 31/12 Nộp báo cáo tổng kết\n/dsnhac\n/dangky\n/phatthong Họp giao ban\n/phatthong gui 1\n" \
             "/xong 1\n/huynhac 1\n/dsnhac\n"
    code, out = run([], stdin=script)
    assert code == 0
    assert "✅ Đã tạo nhắc việc #1: «Nộp báo cáo tổng kết»" in out
    assert "#1 · 31/12/" in out
    assert "→ [console:console]\n📢 Thông báo: Họp giao ban" in out  # the console Sender shows the chat
    assert "✅ Đã ghi nhận: Bảng điều khiển hoàn thành «Nộp báo cáo tổng kết»" in out
    assert "Đã hủy nhắc việc #1" in out and "Chưa có nhắc việc nào ở đây" in out


def test_db_status_and_upgrade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    code, out = run(["db", "status"])
    assert code == 1 and "chưa tạo" in out and "python -m bot db upgrade" in out
    code, out = run(["db", "upgrade"])
    assert code == 0 and out.startswith("Đã nâng cấp cơ sở dữ liệu: mới tạo → ")
    code, out = run(["db", "status"])
    assert code == 0 and "đã cập nhật" in out


def test_db_upgrade_changed_the_schema_under_a_running_sqlite_bot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The running process (old code) would meet tables it does not know; the upgrade waits for it to stop."""
    database = tmp_path / "bot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    run(["db", "upgrade"])
    with make_engine(f"sqlite:///{database}").begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    running = ProcessLock(database)
    running.acquire()  # `python -m bot run` holds this while it runs
    try:
        code, out = run(["db", "upgrade"])
    finally:
        running.release()
    assert code == 2 and out == ""
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "đang chạy" in line and "dừng bot" in line and str(database) in line
    assert current(make_engine(f"sqlite:///{database}")) == "0004"


def test_db_upgrade_with_nothing_to_do_said_it_upgraded_from_head_to_head(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    run(["db", "upgrade"])
    code, out = run(["db", "upgrade"])
    assert code == 0 and "→" not in out and "Đã nâng cấp" not in out
    assert out == f"Cơ sở dữ liệu đã ở phiên bản mới nhất ({head()}): không cần nâng cấp.\n"


def test_an_out_of_date_database_stops_the_chat_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    run(["db", "upgrade"])
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    code, _ = run([], stdin="chi tieu BHYT\n")
    assert code == 2
    assert "python -m bot db upgrade" in capsys.readouterr().err
