"""SIFO's reference budget: monthly living costs for a household, from a versioned table.

Ages are whole years on the assessment date (infants by months). Individual categories and
travel come per member by age and sex; household categories and car costs by household size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from portal.domain.figures import FigureDataError, FigureVersion

INDIVIDUAL = ("food", "clothing", "personal_care", "play_media", "travel", "baby_equipment")
HOUSEHOLD = ("other_daily_goods", "household_goods", "furniture", "media_leisure")


@dataclass(frozen=True, slots=True)
class Band:
    """An age band (months, inclusive) with a value for females and males."""

    low: int
    high: int
    female: int
    male: int


@dataclass(frozen=True, eq=False, slots=True)
class SifoTable:
    """One year's reference budget."""

    year: int
    individual: Mapping[str, tuple[Band, ...]]
    household: Mapping[str, tuple[int, ...]]
    car: Mapping[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class MemberLines:
    """One member's lines of the budget."""

    age_years: int
    age_months: int
    sex: str
    lines: Mapping[str, int]

    @property
    def total(self) -> int:
        """Sum of the member's lines."""
        return sum(self.lines.values())


@dataclass(frozen=True, slots=True)
class SifoBudget:
    """A household's reference budget, line by line."""

    year: int
    members: tuple[MemberLines, ...]
    household: Mapping[str, int]

    @property
    def total(self) -> int:
        """Monthly total for the household."""
        return sum(m.total for m in self.members) + sum(self.household.values())

    def to_dict(self) -> dict[str, object]:
        """JSON-ready breakdown for an expandable panel."""
        members = [
            {"member": i, "age": m.age_years, "sex": m.sex, **m.lines, "total": m.total}
            for i, m in enumerate(self.members)
        ]
        household = {**self.household, "total": sum(self.household.values())}
        return {"year": self.year, "total": self.total, "members": members, "household": household}


def age_in_months(birth: date, on: date) -> int:
    """Completed months of age on ``on``."""
    months = (on.year - birth.year) * 12 + on.month - birth.month
    return months - 1 if on.day < birth.day else months


def age_in_years(birth: date, on: date) -> int:
    """Whole years of age on ``on``."""
    return age_in_months(birth, on) // 12


def _months(text: str, upper: bool) -> int:
    if text.endswith("m"):
        return int(text[:-1])
    return int(text) * 12 + (11 if upper else 0)


def _band(row: Mapping[str, Any]) -> Band:
    low = _months(str(row["from"]), upper=False)
    high = _months(str(row["to"]), upper=True) if "to" in row else 10_000
    if "value" in row:
        return Band(low, high, int(row["value"]), int(row["value"]))
    return Band(low, high, int(row["female"]), int(row["male"]))


def parse_table(value: Mapping[str, Any]) -> SifoTable:
    """Build a ``SifoTable`` from the figure's value (see ``portal/data/figures/sifo_*.toml``)."""
    try:
        individual = {c: tuple(_band(r) for r in value.get(c, ())) for c in INDIVIDUAL}
        household = {c: tuple(int(x) for x in value["household"][c]) for c in HOUSEHOLD}
        car = {k: tuple(int(x) for x in v) for k, v in value["car"].items()}
        return SifoTable(int(value["year"]), individual, household, car)
    except (KeyError, TypeError, ValueError) as error:
        raise FigureDataError(f"malformed SIFO table: {error}") from None


_TABLES: dict[FigureVersion, SifoTable] = {}


def table_for(version: FigureVersion) -> SifoTable:
    """The parsed table of a SIFO figure version (parsed once)."""
    table = _TABLES.get(version)
    if table is None:
        table = _TABLES[version] = parse_table(version.value)
    return table


def _lookup(bands: tuple[Band, ...], months: int, sex: str) -> int:
    for band in bands:
        if band.low <= months <= band.high:
            return band.female if sex == "F" else band.male
    return 0


def _by_size(values: tuple[int, ...], size: int) -> int:
    return values[min(size, len(values)) - 1]


_MEMBERS: dict[tuple[SifoTable, int, str], MemberLines] = {}


def member_lines(table: SifoTable, birth: date, sex: str, on: date) -> MemberLines:
    """One member's individual lines on ``on`` (cached by age in months and sex)."""
    months = age_in_months(birth, on)
    key = (table, months, sex)
    lines = _MEMBERS.get(key)
    if lines is None:
        values = {c: _lookup(bands, months, sex) for c, bands in table.individual.items()}
        if len(_MEMBERS) > 8192:
            _MEMBERS.clear()
        lines = _MEMBERS[key] = MemberLines(months // 12, months, sex, MappingProxyType(values))
    return lines


_HOUSEHOLDS: dict[tuple[SifoTable, int, str], Mapping[str, int]] = {}


def household_lines(table: SifoTable, size: int, car: str) -> Mapping[str, int]:
    """Household lines by size, plus car running costs when the household has a car."""
    key = (table, size, car)
    lines = _HOUSEHOLDS.get(key)
    if lines is None:
        computed = {c: _by_size(values, size) for c, values in table.household.items()}
        computed["car"] = _by_size(table.car[car], size) if car in table.car else 0
        if len(_HOUSEHOLDS) > 1024:
            _HOUSEHOLDS.clear()
        lines = _HOUSEHOLDS[key] = MappingProxyType(computed)
    return lines


def budget(table: SifoTable, members: Sequence[tuple[date, str]], on: date, car: str) -> SifoBudget:
    """The household's reference budget: ``members`` as (birth date, sex) pairs."""
    lines = tuple(member_lines(table, birth, sex, on) for birth, sex in members)
    return SifoBudget(table.year, lines, household_lines(table, len(members), car))
