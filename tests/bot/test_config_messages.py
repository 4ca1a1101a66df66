"""A broken config.yaml is told in one Vietnamese line: YAML mistakes at the line to fix (1-based), values of the
wrong type or out of range with their key and line, secrets never repeated."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def error_of(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message.removeprefix(f"{path}: ")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # PyYAML gives up at the next key (line 3); the bracket left open is on line 2.
        ("timezone: Asia/Ho_Chi_Minh\nadmins: [console:*, telegram:1\nknowledge:\n  sources: []\n",
         "dòng 2, cột 9: dấu «[» mở ở đây chưa được đóng (tới dòng 3 vẫn chưa đóng)"),
        ('timezone: "Asia/Ho_Chi_Minh\nadmins: []\n', "dòng 1, cột 11: dấu ngoặc kép mở ở đây chưa được đóng"),
        ("knowledge:\n\tsources: []\n", "dòng 2, cột 1: có ký tự Tab: YAML chỉ thụt lề bằng dấu cách"),
        ("knowledge:\n  sources: []\n   ingest_dir: docs\n", "dòng 3, cột 4: thụt lề không khớp với các dòng trên"),
        ("webhook:\n  public_url: https://bot.vn: 8443\n", "dòng 2, cột 29: dấu «:» không đứng được ở đây"),
        ("admins: [*]\n", "dòng 1, cột 10: dấu «*» ở đầu giá trị có nghĩa riêng trong YAML"),
        ("platforms:\n  telegram:\n    token: {{TOKEN}}\n", "dòng 3, cột 12: dấu «{» mở một bảng"),
        ("timezone: UTC\nadmins: []\ntimezone: Asia/Ho_Chi_Minh\n",
         "dòng 3, cột 1: khóa timezone viết hai lần (lần đầu ở dòng 1): xóa một trong hai"),
    ],
)
def test_a_yaml_mistake_names_the_line_to_fix(tmp_path: Path, text: str, said: str) -> None:
    assert error_of(tmp_path, text).startswith(said)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("schedules:\n  lead_days: [7, bay]\n", "dòng 2, khóa schedules.lead_days (mục thứ 2): cần một số nguyên, "
                                                "đang là «bay»"),
        ("schedules:\n  theme_day: 40\n", "dòng 2, khóa schedules.theme_day: phải từ 28 trở xuống"),
        ("knowledge:\n  answer_threshold: cao\n", "dòng 2, khóa knowledge.answer_threshold: cần một số"),
        ("knowledge:\n  limits:\n    ocr: có lẽ\n", "dòng 3, khóa knowledge.limits.ocr: cần true hoặc false"),
        ("knowledge: van-ban\n", "dòng 1, khóa knowledge: cần một bảng khóa: giá trị"),
        ("admins: telegram:1\n", "dòng 1, khóa admins: cần một danh sách"),
        ("webhook:\n  port: 80.5\n", "dòng 2, khóa webhook.port: cần một số nguyên (không có phần lẻ)"),
        ("platforms:\n  zalo:\n    mode: tu-dong\n", "dòng 3, khóa platforms.zalo.mode: chỉ nhận 'polling' hoặc "
                                                     "'webhook', đang là «tu-dong»"),
        ("schedules:\n  send_time: 25:00\n", "dòng 2, khóa schedules.send_time: cần giờ dạng \"HH:MM\""),
        ("schedules:\n  follow:\n    - documents: ['*']\n", "dòng 3, khóa schedules.follow.chat (mục thứ 1): "
                                                          "thiếu khóa này"),
        ("timezone:\n", "dòng 1, khóa timezone: cần một chuỗi chữ (đặt trong ngoặc kép nếu cần), để trống"),
    ],
)
def test_a_wrong_value_is_said_in_vietnamese_with_its_key_and_line(tmp_path: Path, text: str, said: str) -> None:
    assert error_of(tmp_path, text).startswith(said)


def test_several_wrong_values_are_listed_in_the_file_s_order(tmp_path: Path) -> None:
    message = error_of(tmp_path, "schedules:\n  theme_day: 0\nwebhook:\n  port: -1\n")
    assert message.index("dòng 2, khóa schedules.theme_day") < message.index("dòng 4, khóa webhook.port")


def test_a_token_of_the_wrong_type_is_not_repeated(tmp_path: Path) -> None:
    message = error_of(tmp_path, "platforms:\n  telegram:\n    token: 123456789\n")
    assert message == "dòng 3, khóa platforms.telegram.token: cần một chuỗi chữ (đặt trong ngoặc kép nếu cần)"


def test_an_unquoted_time_like_7_30_is_half_past_seven_not_a_base_60_number(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("schedules:\n  send_time: 7:30\n  theme_time: 18:45\n  lead_days: [10, 3]\nadmins: ['1:30']\n",
                    encoding="utf-8")
    settings = load_settings(path, environ={})
    schedules = settings.schedules
    assert (schedules.send_time, schedules.theme_time, schedules.lead_days) == (time(7, 30), time(18, 45), [10, 3])
    assert settings.admins == ["1:30"]  # quoted: left as written


def test_numbers_still_read_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("knowledge:\n  answer_threshold: .45\n  limits:\n    max_file_mb: 1_000\n"
                    "webhook:\n  port: 0x1F90\n", encoding="utf-8")
    settings = load_settings(path, environ={})
    assert (settings.knowledge.answer_threshold, settings.knowledge.limits.max_file_mb, settings.webhook.port) == (
        0.45, 1000, 8080)
