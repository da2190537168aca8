"""The pure pieces of the household forms: whole years as people type them, and ages."""

from datetime import date

import pytest

from forms.household import parse_years
from forms.members import age_on


@pytest.mark.parametrize(
    ("text", "years"), [("3", 3), (" 12 ", 12), ("0", 0), ("3 år", 3), ("2 years", 2)]
)
def test_whole_years_are_understood(text: str, years: int) -> None:
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["tre", "-1", "2,5", "1.5", "1000", ""])
def test_anything_but_whole_years_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="format"):
        parse_years(text)


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (date(2008, 5, 1), date(2026, 4, 30), 17),  # the day before the 18th birthday
        (date(2008, 5, 1), date(2026, 5, 1), 18),
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # leap-day birthdays count from 1 March
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2026, 1, 1), date(2026, 1, 1), 0),
    ],
)
def test_age_in_whole_years(born: date, today: date, age: int) -> None:
    assert age_on(born, today) == age
