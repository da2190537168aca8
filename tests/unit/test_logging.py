"""No fødselsnummer in logs: every 11-digit run is masked when the record is made."""

import logging

import pytest

from portal import logging_setup


def test_mask_keeps_birth_date_part_only() -> None:
    assert logging_setup.mask("person 14839212345 logged in") == "person 148392***** logged in"
    assert logging_setup.mask("148392 12345") == "148392*****"
    assert logging_setup.mask("order 123456789012") == "order 123456789012"  # 12 digits: not an fnr


def test_log_records_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    logging_setup.install()
    with caplog.at_level(logging.INFO):
        logging.getLogger("werkzeug").info('"GET /x?pid=%s HTTP/1.1" 200', "14839212345")
    assert "14839212345" not in caplog.text
    assert "148392*****" in caplog.text
