"""SIFO reference budget: the published check, ages on the assessment date, year by date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.domain import sifo
from portal.domain.figures import figures_on

AS_OF = date(2026, 11, 22)


def table(day: date = AS_OF) -> sifo.SifoTable:
    return sifo.table_for(figures_on(day).version("sifo"))


def test_published_check_family_of_four_with_petrol_car() -> None:
    members = [
        (date(1990, 2, 10), "F"),  # 36
        (date(1980, 1, 1), "M"),  # 46
        (date(2021, 3, 1), "M"),  # 5
        (date(2015, 6, 1), "F"),  # 11
    ]
    budget = sifo.budget(table(), members, AS_OF, "petrol")
    assert budget.total == 37_438
    assert sum(m.total for m in budget.members) == 26_505 + 2 * 1019
    assert budget.household == {
        "other_daily_goods": 760, "household_goods": 920, "furniture": 990,
        "media_leisure": 2850, "car": 3375,
    }  # fmt: skip


def test_published_check_through_assess(facts: dict[str, Any], result: Any) -> None:
    facts["household"]["members"] = [
        {"role": "applicant", "birth_date": "1976-11-22", "sex": "F"},  # exactly 50
        {"role": "co_applicant", "birth_date": "2001-11-22", "sex": "M"},  # exactly 25
        {"role": "child", "birth_date": "2021-11-22", "sex": "M"},  # exactly 5
        {"role": "child", "birth_date": "2015-11-22", "sex": "F"},  # exactly 11
    ]
    facts["household"]["marital_status"], facts["household"]["car"] = "cohabitant", "petrol"
    facts["assumptions"]["living_costs_monthly"] = None
    out = result(facts)
    assert out.numbers.living_costs_monthly == 37_438
    assert out.figures["sifo_year"] == 2026


@pytest.mark.parametrize(
    ("birth", "years", "months"),
    [
        (date(2026, 11, 22), 0, 0),
        (date(2026, 10, 23), 0, 0),
        (date(2026, 10, 22), 0, 1),
        (date(2025, 11, 23), 0, 11),
        (date(2025, 11, 22), 1, 12),
        (date(2008, 2, 29), 18, 224),
    ],
)
def test_age_on_assessment_date(birth: date, years: int, months: int) -> None:
    assert sifo.age_in_years(birth, AS_OF) == years
    assert sifo.age_in_months(birth, AS_OF) == months


@pytest.mark.parametrize(
    ("birth", "food", "clothing", "baby"),
    [
        (date(2026, 6, 22), 1065, 730, 535),  # 5 months
        (date(2026, 5, 22), 2500, 730, 535),  # 6 months
        (date(2025, 12, 22), 2500, 730, 535),  # 11 months
        (date(2025, 11, 22), 2180, 1140, 0),  # 1 year
    ],
)
def test_infants_by_months(birth: date, food: int, clothing: int, baby: int) -> None:
    lines = sifo.member_lines(table(), birth, "F", AS_OF).lines
    assert (lines["food"], lines["clothing"], lines["baby_equipment"]) == (food, clothing, baby)


@pytest.mark.parametrize(("age", "travel"), [(6, 0), (19, 0), (20, 1019), (66, 1019), (67, 510)])
def test_travel_only_from_20(age: int, travel: int) -> None:
    birth = date(AS_OF.year - age, 1, 1)
    assert sifo.member_lines(table(), birth, "M", AS_OF).lines["travel"] == travel


@pytest.mark.parametrize(
    ("car", "size", "cost"),
    [
        ("none", 2, 0),
        ("petrol", 4, 3375),
        ("petrol", 5, 5105),
        ("electric", 1, 2245),
        ("electric", 7, 3085),
    ],
)
def test_car_only_with_a_car(car: str, size: int, cost: int) -> None:
    assert sifo.household_lines(table(), size, car)["car"] == cost


def test_households_above_seven_use_seven() -> None:
    assert sifo.household_lines(table(), 9, "none") == sifo.household_lines(table(), 7, "none")


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2024, 1, 1), 2024),
        (date(2025, 12, 31), 2024),
        (date(2026, 1, 1), 2026),
        (date(2023, 5, 1), 2024),
    ],
)
def test_year_is_chosen_by_date(day: date, year: int) -> None:
    assert table(day).year == year


def test_older_year_is_marked_unverified() -> None:
    assert figures_on(date(2025, 6, 1)).version("sifo").unverified
    assert not figures_on(date(2026, 6, 1)).version("sifo").unverified


def test_older_year_has_its_own_age_bands() -> None:
    t24, t26 = table(date(2025, 6, 1)), table(date(2026, 6, 1))
    assert [b.low for b in t24.individual["food"]] != [b.low for b in t26.individual["food"]]
