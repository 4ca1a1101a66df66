# Trợ lý văn bản chỉ đạo — one image for every worker (`python -m bot run`) and for `python -m bot db upgrade`.
# Build: docker build -t directive-bot .   Run with PostgreSQL: see compose.yaml and README, "Triển khai".
FROM python:3.11-slim

# Tesseract with Vietnamese reads scanned directives (the "ocr" extra below); antiword reads old Word .doc files.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie antiword \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# What pyproject.toml builds: its packages (with their data: samples, synonyms, themes, migrations) and README.
COPY pyproject.toml README.md ./
COPY bot/ bot/
COPY handlers/ handlers/
COPY schedules/ schedules/
COPY knowledge/ knowledge/
RUN pip install ".[postgres,ocr]"

# The shipped config reads the database URL and the tokens from the environment; mount your own over it.
COPY config.yaml ./
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin bot \
 && mkdir -p /app/data/documents \
 && chown -R bot /app/data
USER bot
ENV DIRECTIVE_BOT_CONFIG=/app/config.yaml
# data/documents: the knowledge folder (documents ingested from chat land there); data/index: the parsed cache.
VOLUME ["/app/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
