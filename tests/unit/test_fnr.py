"""Fødselsnummer: both check-digit rules, D-numbers, synthetic numbers."""

from datetime import date

import pytest

from portal.domain import fnr


@pytest.mark.parametrize("number", ["02013299997", "30108299920", "30108299939"])
def test_2032_rule_examples_are_valid(number: str) -> None:
    assert isinstance(fnr.parse(number, allow_synthetic=True), fnr.Identity)


def test_synthetic_number_round_trip() -> None:
    number = next(n for i in range(100, 200) if (n := fnr.synthetic(date(1992, 3, 14), i)))
    identity = fnr.parse(number, allow_synthetic=True)
    assert isinstance(identity, fnr.Identity)
    assert identity.synthetic and identity.birth_date == date(1992, 3, 14)


def test_synthetic_refused_when_not_allowed() -> None:
    number = next(n for i in range(100, 200) if (n := fnr.synthetic(date(1992, 3, 14), i)))
    assert fnr.parse(number, allow_synthetic=False) == "synthetic"


def _d_number(birth: date) -> str:
    for individual in range(100, 500):
        base = f"{birth.day + 40:02d}{birth.month + 80:02d}{birth.year % 100:02d}{individual:03d}"
        k1 = fnr._check_digit(base, fnr.K1_WEIGHTS)
        k2 = fnr._check_digit(f"{base}{k1}", fnr.K2_WEIGHTS) if k1 is not None else None
        if k1 is not None and k2 is not None:
            return f"{base}{k1}{k2}"
    raise AssertionError("no D-number found")


def test_d_number() -> None:
    identity = fnr.parse(_d_number(date(1992, 3, 14)), allow_synthetic=True)
    assert isinstance(identity, fnr.Identity)
    assert identity.d_number and identity.birth_date == date(1992, 3, 14)


@pytest.mark.parametrize(
    ("value", "error"),
    [("123", "format"), ("abcdefghijk", "format"), ("14839212345", "checksum")],
)
def test_errors(value: str, error: str) -> None:
    assert fnr.parse(value, allow_synthetic=True) == error


def test_spaces_are_forgiven() -> None:
    number = next(n for i in range(100, 200) if (n := fnr.synthetic(date(1990, 4, 1), i)))
    assert isinstance(fnr.parse(f"{number[:6]} {number[6:]}", allow_synthetic=True), fnr.Identity)


def test_mask() -> None:
    assert fnr.mask("14839212345") == "148392*****"
