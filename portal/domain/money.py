"""Money arithmetic: whole kroner, half-up rounding and loan payment formulas.

Payments use monthly terms: ``i`` = yearly nominal rate / 12, ``N`` = 12 × years. Annuity
payment ``L·i/(1−(1+i)^−N)``; serial payment is the first (largest) month's ``L/N + L·i``.
"""

from __future__ import annotations

import math
from typing import Literal

Repayment = Literal["annuity", "serial"]


def round_half_up(amount: float) -> int:
    """Round to whole kroner, halves away from zero (12.5 → 13, −12.5 → −13)."""
    if amount >= 0:
        return math.floor(amount + 0.5)
    return -math.floor(-amount + 0.5)


def div_half_up(numerator: int, denominator: int) -> int:
    """Exact ``numerator / denominator`` rounded half up (numerator ≥ 0, denominator > 0)."""
    return (2 * numerator + denominator) // (2 * denominator)


def floor_thousands(amount: float) -> int:
    """Round down to whole thousands, never below zero."""
    if amount <= 0:
        return 0
    return math.floor(amount / 1000) * 1000


def annuity_factor(rate: float, years: int) -> float:
    """Present value of 1 kr paid every month for ``years`` at yearly ``rate``."""
    n = 12 * years
    i = rate / 12
    if i == 0:
        return float(n)
    if i < 1e-9:  # the contract's formula loses all precision here; same value, stable form
        return -math.expm1(-n * math.log1p(i)) / i
    return (1 - (1 + i) ** -n) / i


def serial_factor(rate: float, years: int) -> float:
    """Loan that a first serial payment of 1 kr services: ``1/(1/N + i)``."""
    return 1 / (1 / (12 * years) + rate / 12)


def loan_factor(rate: float, years: int, repayment: Repayment) -> float:
    """Loan serviced by 1 kr per month for the given repayment type."""
    if repayment == "serial":
        return serial_factor(rate, years)
    return annuity_factor(rate, years)


def payment(loan: int, rate: float, years: int, repayment: Repayment) -> float:
    """Monthly payment (unrounded) on ``loan`` at yearly ``rate`` over ``years``."""
    if loan == 0:
        return 0.0
    return loan / loan_factor(rate, years, repayment)


def max_loan(available: float, rate: float, years: int, repayment: Repayment) -> int:
    """Largest loan whose payment fits ``available`` per month, rounded down to thousands."""
    if available <= 0:
        return 0
    return floor_thousands(available * loan_factor(rate, years, repayment))


def format_kroner(amount: int, lang: str) -> str:
    """Format whole kroner for a message: ``1 444 000 kr`` (nb, nn) or ``NOK 1,444,000`` (en)."""
    grouped = f"{amount:,}"
    if lang == "en":
        return f"NOK {grouped}"
    return grouped.replace(",", "\u00a0") + "\u00a0kr"
