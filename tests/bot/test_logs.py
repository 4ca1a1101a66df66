"""Secrets never reach the logs."""

from __future__ import annotations

import logging

import pytest

from bot.logs import Redactor


def test_tokens_are_masked_in_messages_arguments_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    token = "123456:AAH-very-secret"
    logger = logging.getLogger("test.redaction")
    caplog.handler.addFilter(Redactor([token]))
    logger.warning("calling https://api.telegram.org/bot%s/getMe", token)
    try:
        raise RuntimeError(f"failed https://api.telegram.org/bot{token}/sendMessage")
    except RuntimeError:
        logger.exception("send failed")
    assert token not in caplog.text
    assert "bot***/getMe" in caplog.text and "bot***/sendMessage" in caplog.text
