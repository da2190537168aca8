"""Net income estimate: per-person tax with trygdeavgift threshold and cap, brackets, years."""

from __future__ import annotations

from datetime import date

import pytest

from portal.domain import tax
from portal.domain.figures import figures_on

T2026 = tax.table_for(figures_on(date(2026, 6, 1)).version("tax"))
T2025 = tax.table_for(figures_on(date(2025, 6, 1)).version("tax"))
PPM = tax.PPM


def test_tables_by_year() -> None:
    assert (T2025.year, T2026.year) == (2025, 2026)
    assert T2025.personfradrag == 108_550 and T2026.personfradrag == 114_540


def test_wage_380000_in_2026_by_hand() -> None:
    # trygd 28 880 + 22 % × 169 760 = 37 347.20 + trinnskatt 4 035.40 = 70 262.60
    person = tax.PersonIncome(wage=380_000)
    assert tax.tax_micro(T2026, person) == 70_262_600_000


@pytest.mark.parametrize(
    ("wage", "trygd_micro"),
    [
        (99_650, 0),  # at the threshold: none
        (99_651, 250_000),  # just above: capped at 25 % of 1 krone
        (100_000, 87_500_000),  # 25 % × 350 = 87.50 < 7.6 % × 100 000
        (200_000, 15_200_000_000),  # 7.6 % = 15 200 < cap 25 087.50
    ],
)
def test_trygdeavgift_threshold_and_cap(wage: int, trygd_micro: int) -> None:
    assert tax.trygdeavgift_micro(T2026, wage, 0) == trygd_micro


def test_pension_rate_is_lower() -> None:
    assert tax.trygdeavgift_micro(T2026, 0, 300_000) == 300_000 * 51_000
    assert tax.trygdeavgift_micro(T2025, 300_000, 0) == 300_000 * 77_000


@pytest.mark.parametrize(
    ("income", "expected_kr"),
    [(226_100, 0), (226_101, 0.017), (318_300, 92_200 * 0.017), (318_301, 92_200 * 0.017 + 0.04)],
)
def test_trinnskatt_brackets(income: int, expected_kr: float) -> None:
    assert tax.trinnskatt_micro(T2026, income) == round(expected_kr * PPM)


def test_minstefradrag_cap() -> None:
    below = tax.ordinary_tax_micro(T2026, tax.PersonIncome(wage=200_000, ordinary=50_000))
    assert below == (250_000 - 92_000 - 114_540) * 220_000  # 46 % × 200 000 = 92 000
    high = tax.ordinary_tax_micro(T2026, tax.PersonIncome(wage=1_000_000))
    assert high == (1_000_000 - 95_700 - 114_540) * 220_000


def test_tax_free_income_is_counted_in_full() -> None:
    people = tax.split_income(T2026, [(0, "child_benefit", 23_616), (0, "child_support", 12_000)])
    assert tax.net_monthly(T2026, people) == 2_968


def test_excluded_kinds_are_left_out() -> None:
    rows = [(0, "wage", 100_000), (0, "social_assistance", 60_000)]
    counted = tax.split_income(T2026, rows)
    left_out = tax.split_income(T2026, rows, frozenset({"social_assistance"}))
    assert tax.net_monthly(T2026, counted) - tax.net_monthly(T2026, left_out) == 5_000


def test_each_person_gets_own_deductions() -> None:
    together = tax.split_income(T2026, [(0, "wage", 90_000), (1, "wage", 90_000)])
    alone = tax.split_income(T2026, [(0, "wage", 180_000)])
    assert tax.net_monthly(T2026, together) == 15_000  # both under threshold and deductions
    assert tax.net_monthly(T2026, alone) < 15_000


def test_net_monthly_rounds_half_up() -> None:
    # 6 kr a year of tax-free income: 0.5 kr a month → 1
    assert tax.net_monthly(T2026, [tax.PersonIncome(tax_free=6)]) == 1
    assert tax.net_monthly(T2026, [tax.PersonIncome(tax_free=5)]) == 0
