"""`python -m bot init`: a commented config.yaml, the same settings the bot uses when it finds no config file."""

from __future__ import annotations

import json
from pathlib import Path

from bot.errors import StartupProblem, os_reason
from knowledge.loading import DEFAULT_SAMPLES

_TEMPLATE = """\
# Cấu hình triển khai — Trợ lý văn bản chỉ đạo (Telegram, Zalo, bảng điều khiển).
# Tạo bởi `python -m bot init`. Đường dẫn tương đối tính từ thư mục chứa tệp này. Không ghi mật khẩu, token vào
# đây: viết ${TÊN_BIẾN} và đặt biến môi trường. Khóa hay giá trị sai: bot dừng và nói rõ khóa nào.
# Deployment settings. Paths are relative to this file. Secrets come from ${ENV_NAME} variables.

# Múi giờ dùng cho ngày giờ nhắc việc (tên IANA). / Timezone for dates and reminder times.
timezone: Asia/Ho_Chi_Minh

# Cơ sở dữ liệu: mặc định tệp SQLite tạo khi chạy lần đầu; đặt biến môi trường DATABASE_URL để dùng PostgreSQL,
# ví dụ postgresql+psycopg://bot:mật-khẩu@localhost/bot (cần `pip install "directive-bot[postgres]"`).
# Đổi phiên bản bot thì chạy `python -m bot db upgrade`. / Database URL (DATABASE_URL overrides).
database_url: @DATABASE@

# Quản trị viên toàn hệ thống (tạo/hủy nhắc việc, phát thông báo): "nền_tảng:mã_người_dùng".
# "console:*" = người dùng bảng điều khiển. / Deployment-wide admins as platform:user_id.
admins:
  - console:*

# Văn bản chỉ đạo bot đọc và trả lời. / The directives the bot reads and answers from.
knowledge:
  # Thư mục hoặc tệp văn bản (.txt .md .docx .doc .pdf, ảnh .png .jpg .tif), quét cả thư mục con; thư mục
  # ghi ở đây mà không có thì bot không khởi động. / Folders or files with directives; a missing one stops the bot.
  sources:
    - @SAMPLES@   # hai văn bản mẫu đi kèm / the two sample directives
    - @DOCUMENTS@   # văn bản của đơn vị / your documents
  # Nơi `ingest` và tệp gửi qua trò chuyện được lưu. / Where ingested files are stored.
  ingest_dir: @DOCUMENTS@
  # Tệp từ viết tắt/đồng nghĩa bổ sung (cùng dạng knowledge/synonyms.yaml). / Extra synonym files.
  synonyms: []
  # Ngưỡng điểm (0..1) để trả lời; thấp hơn thì bot nói chưa tìm thấy. / Minimum score to answer
  # (chosen from the precision–coverage table of bench/evaluate.py; README "Chất lượng").
  answer_threshold: 0.45
  # Giới hạn khi đọc một tệp: tệp vượt giới hạn được báo lỗi, các tệp khác vẫn nạp.
  # Limits on reading one file: a file over a limit is reported, the others still load.
  limits:
    max_file_mb: 50              # dung lượng tệp tối đa / largest file
    max_pages: 500               # số trang PDF/ảnh tối đa / most pages of a PDF or scan
    max_unzipped_mb: 200         # dung lượng giải nén tối đa của .docx / most inflated bytes of a .docx
    max_compression_ratio: 200   # tỉ lệ nén tối đa (chặn "bom giải nén") / compression ratio (zip bombs)
    ocr: true                    # nhận dạng chữ bản quét (cần Tesseract) / OCR of scans (needs Tesseract)
    timeout_seconds: 300         # thời gian tối đa một lần chạy OCR/LibreOffice / one OCR or LibreOffice run

# Nền tảng nhắn tin; nền tảng không có token thì không chạy. / Messengers; one without a token stays off.
platforms:
  telegram:
    # Bật khi có token (biến TELEGRAM_BOT_TOKEN); không có token thì `python -m bot` mở trò chuyện trên máy.
    enabled: true
    token: ${TELEGRAM_BOT_TOKEN}
    base_url: https://api.telegram.org/bot
    # polling (mặc định) hoặc webhook (xem mục webhook). / Long polling or webhook.
    mode: polling
    # Chuỗi bí mật kèm mỗi webhook; bỏ trống thì bot dẫn ra từ token (mọi tiến trình, mọi lần chạy như nhau).
    # Webhook secret; empty: derived from the token, the same for every worker and every start.
    webhook_secret: ${TELEGRAM_WEBHOOK_SECRET:-}
    poll_gap: 0
    # Telegram cho 30 tin/giây toàn bot, 20 tin/phút mỗi nhóm; bot giữ nhịp dưới mức đó.
    messages_per_second: 29
    messages_per_minute_per_group: 20
  zalo:
    enabled: true
    token: ${ZALO_BOT_TOKEN}
    base_url: https://bot-api.zaloplatforms.com/bot
    mode: polling
    webhook_secret: ${ZALO_WEBHOOK_SECRET:-}
    # Zalo trả một tin mỗi lần hỏi: giữ khoảng nghỉ giữa hai lần hỏi. / Keep a gap between polls.
    poll_gap: 0.5
    messages_per_second: 5
    messages_per_minute_per_group: 20

# Chế độ webhook: một máy chủ web nhận tin của mọi nền tảng đặt mode: webhook, sau địa chỉ HTTPS công khai
# (Telegram gọi {public_url}/telegram, Zalo gọi {public_url}/zalo); /healthz cho biết tình trạng.
webhook:
  public_url: ""        # ví dụ https://bot.example.vn
  listen: 0.0.0.0
  port: 8080
  max_body_bytes: 1000000   # yêu cầu lớn hơn bị từ chối / larger requests are refused

# Lịch gửi nhắc việc và chủ đề tháng. / When reminders and monthly themes are sent.
schedules:
  # Nhắc trước hạn bao nhiêu ngày (0 = sáng ngày đến hạn). / Lead times in days before a deadline.
  lead_days: [7, 1, 0]
  lead_hours: [2]           # hạn có giờ: nhắc trước bao nhiêu giờ (và đúng giờ) / hours before a timed deadline
  send_time: "07:30"        # giờ gửi nhắc việc / time of day reminders are sent
  overdue_every_days: 1     # quá hạn chưa xác nhận: nhắc lại mỗi N ngày / overdue reminders every N days
  overdue_times: 3          # … và mấy lần / … how many times
  digest_weekday: 0         # tổng hợp hằng tuần: thứ (0 = thứ Hai), giờ, số ngày tới / weekly digest
  digest_time: "07:30"
  digest_days: 14
  theme_day: 1              # ngày phát chủ đề tuyên truyền của tháng / day of the monthly theme
  theme_time: "08:00"
  # Việc quá hạn khi bot ngừng chạy: trong số giờ này vẫn gửi (ghi là muộn), cũ hơn thì ghi là bỏ lỡ.
  grace_hours: 12
  themes: null              # lịch chủ đề riêng (mặc định lịch đi kèm) / custom theme calendar
  # Nhóm tự theo dõi mọi hạn chót của các văn bản chọn sẵn ("*" = mọi văn bản). Ví dụ:
  #   - chat: telegram:-1001234567890
  #     documents: ["09-NQ/TU"]
  follow: []

# Dùng chung công bằng (mỗi người): độ dài một tin, số tin mỗi phút, số nhắc việc mỗi giờ. / Fair use per user.
conversation:
  max_message_chars: 4000
  messages_per_minute: 30
  reminders_per_hour: 20

# Số đo Prometheus (/metrics) và tình trạng (/healthz): trên máy chủ webhook; chạy polling thì đặt port để mở
# một máy chủ nhỏ riêng. / Prometheus metrics and health; set a port for a server of their own (polling).
metrics:
  enabled: true
  listen: 127.0.0.1
  port: null                # ví dụ 9108 / e.g. 9108

# Câu hỏi bot chưa trả lời được (không lưu ai hỏi, ở đâu): /chuatraloi, `python -m bot report`.
# Questions the bot could not answer (no user or chat ids): how long and how many are kept.
unanswered:
  enabled: true
  keep_days: 90
  keep_rows: 10000
"""


def config_text(data: str) -> str:
    """The commented config.yaml with its database and documents in `data` (a folder: absolute, or relative to
    the file) and the sample directives shipped with the bot."""
    folder = data.rstrip("/\\") or "."
    return (_TEMPLATE.replace("@DATABASE@", json.dumps(f"${{DATABASE_URL:-sqlite:///{folder}/bot.db}}"))
            .replace("@SAMPLES@", json.dumps(str(DEFAULT_SAMPLES), ensure_ascii=False))
            .replace("@DOCUMENTS@", json.dumps(f"{folder}/documents", ensure_ascii=False)))


class InitRefused(StartupProblem):
    """`init` would overwrite a file, or cannot write where it should: the message says what to do."""


def write_config(path: Path, data: str) -> None:
    """Write the commented config to `path`, creating its folder; never overwrites an existing file."""
    if path.exists():
        raise InitRefused(f"Đã có tệp cấu hình {path}: bot không ghi đè. Sửa tệp đó, hoặc đổi tên nó rồi chạy lại "
                          "`python -m bot init`.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": a file created meanwhile is not overwritten either
            file.write(config_text(data))
    except FileExistsError as error:
        if error.filename is not None and Path(error.filename) == path:
            raise InitRefused(f"Đã có tệp cấu hình {path}: bot không ghi đè.") from None
        raise InitRefused(f"Không ghi được {path} ({error.filename} là một tệp, không phải thư mục): chọn nơi khác "
                          "bằng `python -m bot --config ĐƯỜNG_DẪN init`.") from None
    except OSError as error:
        raise InitRefused(f"Không ghi được {path} ({os_reason(error)}): chọn nơi khác bằng "
                          "`python -m bot --config ĐƯỜNG_DẪN init`.") from None
