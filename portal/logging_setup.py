"""Logging that never writes a fødselsnummer: every 11-digit run is masked at the source."""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Flask

ELEVEN_DIGITS = re.compile(r"(?<!\d)(\d{6})\s?\d{5}(?!\d)")
_installed = False


def mask(text: str) -> str:
    """Text with every 11-digit number replaced by its first six digits and stars."""
    return ELEVEN_DIGITS.sub(r"\1*****", text)


def _masking_factory(previous: Any) -> Any:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = previous(*args, **kwargs)
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    return factory


def install() -> None:
    """Mask fødselsnummer in every log record created in this process (idempotent)."""
    global _installed
    if not _installed:
        logging.setLogRecordFactory(_masking_factory(logging.getLogRecordFactory()))
        _installed = True


def init_app(app: Flask) -> None:
    """Install the mask and log at INFO outside tests."""
    install()
    if not app.testing:
        app.logger.setLevel(logging.INFO)
