"""Norwegian identity numbers: fødselsnummer, D-numbers and synthetic test numbers.

Eleven digits: DDMMYY, individual number (3), check digits k1 k2. Numbers issued from
2032-01-01 may use the relaxed k1 rule; both are accepted. Synthetic numbers (month + 80,
Skatteetaten's Tenor; month + 40, NAV's Dolly) are accepted only when allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
K1_2032_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)


@dataclass(frozen=True, slots=True)
class Identity:
    """A validated identity number and what it tells."""

    number: str
    d_number: bool
    synthetic: bool
    birth_date: date | None  # None for numbers that no longer encode the century (2032 rule)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    k = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
    return None if k == 10 else k % 11


def _checksum_ok(number: str) -> tuple[bool, bool]:
    """(valid, relaxed): whether the check digits hold, and whether only by the 2032 rule."""
    if _check_digit(number[:10], K2_WEIGHTS) != int(number[10]):
        return False, False
    if _check_digit(number[:9], K1_WEIGHTS) == int(number[9]):
        return True, False
    relaxed = sum(int(d) * w for d, w in zip(number[:10], K1_2032_WEIGHTS, strict=True)) % 11
    return relaxed in (0, 1, 2, 3), True


def _century(year2: int, individual: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and year2 >= 54:
        return 1800
    if individual <= 999 and year2 <= 39:
        return 2000
    if individual >= 900 and year2 >= 40:
        return 1900
    return None


def parse(value: str, *, allow_synthetic: bool) -> Identity | str:
    """The Identity for a number, or an error code: format, checksum, date, synthetic."""
    number = "".join(value.split())
    if len(number) != 11 or not number.isdigit():
        return "format"
    valid, relaxed = _checksum_ok(number)
    if not valid:
        return "checksum"
    day, month = int(number[0:2]), int(number[2:4])
    d_number = day > 40
    synthetic = month > 40
    if synthetic and not allow_synthetic:
        return "synthetic"
    day -= 40 if d_number else 0
    month -= 80 if month > 80 else 40 if month > 40 else 0
    birth = _birth_date(day, month, int(number[4:6]), int(number[6:9]))
    if birth is None and not relaxed:
        return "date"
    return Identity(number, d_number, synthetic, birth)


def _birth_date(day: int, month: int, year2: int, individual: int) -> date | None:
    century = _century(year2, individual)
    if century is None:
        return None
    try:
        return date(century + year2, month, day)
    except ValueError:
        return None


def synthetic(birth: date, individual: int) -> str | None:
    """A Tenor-style synthetic number (month + 80), or None when no check digit fits."""
    base = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{individual:03d}"
    k1 = _check_digit(base, K1_WEIGHTS)
    if k1 is None:
        return None
    k2 = _check_digit(base + str(k1), K2_WEIGHTS)
    return None if k2 is None else f"{base}{k1}{k2}"


def mask(number: str) -> str:
    """A fødselsnummer shown safely: birth date part and stars."""
    return number[:6] + "*****" if len(number) == 11 else "*" * len(number)
