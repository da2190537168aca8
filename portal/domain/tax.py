"""A rough estimate of income after tax, per person, from a year's tax table.

Arithmetic is exact: rates are held in parts per million and amounts in millionths of a krone,
so the only rounding is the final one to whole kroner per month (half up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from portal.domain.figures import FigureDataError, FigureVersion
from portal.domain.money import div_half_up

PPM = 1_000_000


def _ppm(rate: object) -> int:
    return int(Decimal(str(rate)) * PPM)


@dataclass(frozen=True, slots=True)
class TaxTable:
    """One year's tax rules, rates in parts per million."""

    year: int
    ordinary_ppm: int
    trygd_wage_ppm: int
    trygd_pension_ppm: int
    trygd_threshold: int
    trygd_cap_ppm: int
    minstefradrag_ppm: int
    minstefradrag_max: int
    personfradrag: int
    steps: tuple[tuple[int, int], ...]  # (from kroner, rate ppm)
    kinds: Mapping[str, str]  # income kind -> wage | pension | ordinary | tax_free


def parse_table(value: Mapping[str, Any]) -> TaxTable:
    """Build a ``TaxTable`` from the figure's value (see ``portal/data/figures/tax.toml``)."""
    try:
        kinds = {
            k: group
            for group in ("wage", "pension", "ordinary", "tax_free")
            for k in value[f"{group}_kinds"]
        }
        steps = tuple((int(s["from"]), _ppm(s["rate"])) for s in value["trinnskatt"])
        return TaxTable(
            int(value["year"]), _ppm(value["ordinary_rate"]),
            _ppm(value["trygdeavgift_wage"]), _ppm(value["trygdeavgift_pension"]),
            int(value["trygdeavgift_threshold"]), _ppm(value["trygdeavgift_cap_share"]),
            _ppm(value["minstefradrag_rate"]), int(value["minstefradrag_max"]),
            int(value["personfradrag"]), steps, kinds,
        )  # fmt: skip
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise FigureDataError(f"malformed tax table: {error}") from None


_TABLES: dict[FigureVersion, TaxTable] = {}


def table_for(version: FigureVersion) -> TaxTable:
    """The parsed table of a tax figure version (parsed once)."""
    table = _TABLES.get(version)
    if table is None:
        table = _TABLES[version] = parse_table(version.value)
    return table


@dataclass(frozen=True, slots=True)
class PersonIncome:
    """One person's yearly gross income by tax treatment."""

    wage: int = 0
    pension: int = 0
    ordinary: int = 0
    tax_free: int = 0

    @property
    def gross(self) -> int:
        """All income before tax."""
        return self.wage + self.pension + self.ordinary + self.tax_free


def trygdeavgift_micro(table: TaxTable, wage: int, pension: int) -> int:
    """Social security contribution (millionths of a krone), with threshold and 25 % cap."""
    excess = wage + pension - table.trygd_threshold
    if excess <= 0:
        return 0
    full = wage * table.trygd_wage_ppm + pension * table.trygd_pension_ppm
    return min(full, excess * table.trygd_cap_ppm)


def trinnskatt_micro(table: TaxTable, personal_income: int) -> int:
    """Bracket tax on personal income (millionths of a krone)."""
    tax = 0
    bounds = [s[0] for s in table.steps[1:]] + [None]
    for (start, rate), end in zip(table.steps, bounds, strict=True):
        if personal_income <= start:
            break
        top = personal_income if end is None else min(personal_income, end)
        tax += (top - start) * rate
    return tax


def ordinary_tax_micro(table: TaxTable, person: PersonIncome) -> int:
    """22 % tax on ordinary income after minstefradrag and personfradrag (millionths)."""
    personal = person.wage + person.pension
    minstefradrag = min(personal * table.minstefradrag_ppm, table.minstefradrag_max * PPM)
    base = (personal + person.ordinary - table.personfradrag) * PPM - minstefradrag
    return max(0, base) * table.ordinary_ppm // PPM


def tax_micro(table: TaxTable, person: PersonIncome) -> int:
    """Total estimated yearly tax for one person (millionths of a krone)."""
    personal = person.wage + person.pension
    return (
        trygdeavgift_micro(table, person.wage, person.pension)
        + trinnskatt_micro(table, personal)
        + ordinary_tax_micro(table, person)
    )


def split_income(
    table: TaxTable, rows: Iterable[tuple[int, str, int]], excluded: frozenset[str] = frozenset()
) -> list[PersonIncome]:
    """Group (member, kind, gross) rows per member by tax treatment, leaving out ``excluded``."""
    sums: dict[int, dict[str, int]] = {}
    for member, kind, gross in rows:
        if kind in excluded:
            continue
        group = table.kinds.get(kind, "ordinary")
        person = sums.setdefault(member, {})
        person[group] = person.get(group, 0) + gross
    return [PersonIncome(**sums[m]) for m in sorted(sums)]


def net_monthly(table: TaxTable, people: Iterable[PersonIncome]) -> int:
    """Household income after tax per month, whole kroner (half up)."""
    net_micro = sum(p.gross * PPM - tax_micro(table, p) for p in people)
    return div_half_up(net_micro, 12 * PPM)
