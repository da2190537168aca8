"""Rounding and payment formulas."""

from __future__ import annotations

import pytest

from portal.domain import money


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(0.5, 1), (1.5, 2), (2.5, 3), (2.4999, 2), (-2.5, -3), (-2.4, -2), (0.0, 0)],
)
def test_round_half_up(amount: float, expected: int) -> None:
    assert money.round_half_up(amount) == expected


@pytest.mark.parametrize(("n", "d", "expected"), [(5, 10, 1), (4, 10, 0), (15, 10, 2), (25, 10, 3)])
def test_div_half_up(n: int, d: int, expected: int) -> None:
    assert money.div_half_up(n, d) == expected


@pytest.mark.parametrize(("amount", "expected"), [(1999.99, 1000), (2000, 2000), (-5, 0), (999, 0)])
def test_floor_thousands(amount: float, expected: int) -> None:
    assert money.floor_thousands(amount) == expected


def test_annuity_payment_matches_the_formula() -> None:
    i, n = 0.0515 / 12, 360
    expected = 2_300_000 * i / (1 - (1 + i) ** -n)
    assert money.payment(2_300_000, 0.0515, 30, "annuity") == pytest.approx(expected, rel=1e-12)


def test_serial_payment_is_the_first_month() -> None:
    assert money.payment(300_000, 0.065, 25, "serial") == pytest.approx(1000 + 1625)


def test_zero_rate_is_straight_line() -> None:
    assert money.payment(360_000, 0.0, 30, "annuity") == pytest.approx(1000)
    assert money.max_loan(1000, 0.0, 30, "annuity") == 360_000


def test_max_loan_is_zero_without_money_left() -> None:
    assert money.max_loan(0, 0.065, 30, "annuity") == 0
    assert money.max_loan(-500, 0.065, 30, "serial") == 0


def test_max_loan_inverts_the_payment() -> None:
    loan = money.max_loan(9130, 0.065, 30, "annuity")
    assert loan == 1_444_000
    assert money.payment(loan, 0.065, 30, "annuity") <= 9130
    assert money.payment(loan + 1000, 0.065, 30, "annuity") > 9130


def test_format_kroner() -> None:
    assert money.format_kroner(1_444_000, "nb") == "1\u00a0444\u00a0000\u00a0kr"
    assert money.format_kroner(1_444_000, "en") == "NOK 1,444,000"
