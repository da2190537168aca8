"""Municipal rules: national rules from the regulation, overridden section by section.

``portal/data/rules/national.toml`` holds the national rules; ``<kommunenummer>.toml`` holds
a municipality's own guideline. A municipality without a file gets the national rules.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from portal.domain.figures import DATA_DIR, FigureDataError

RULES_DIR = DATA_DIR / "rules"
NATIONAL = "national"


@dataclass(frozen=True, slots=True)
class SizeLimit:
    """A limit that applies to households of ``size_from`` persons or more."""

    size_from: int
    loan: int | None = None
    price: int | None = None
    income: int | None = None


@dataclass(frozen=True, eq=False, slots=True)
class MunicipalRules:
    """The rules that apply in one municipality (typed, with their citations)."""

    code: str
    name: str
    rules_from: str  # the file the rules came from: a kommunenummer or "national"
    guideline: str
    sections: Mapping[str, Mapping[str, Any]]
    min_age: int
    interest_margin: Decimal
    fee_per_term: int
    establishment_fee: int
    max_term: int
    special_max_term: int
    residence_years: int | None
    equity_keep_g: Decimal | None
    priority_children: bool
    priority_housing: frozenset[str]
    caps: tuple[SizeLimit, ...]
    caps_include_shared_debt: bool
    income_limits: tuple[SizeLimit, ...]
    income_not_counted: frozenset[str]

    def citation(self, section: str) -> str | None:
        """The rule text of a section (None when the section does not exist)."""
        rule = self.sections.get(section, {}).get("rule")
        return None if rule is None else str(rule)

    def confidence(self, section: str) -> str:
        """How sure we are of a section ("UNVERIFIED" when not stated)."""
        return str(self.sections.get(section, {}).get("confidence", "UNVERIFIED"))

    def describe(self) -> dict[str, object]:
        """JSON-ready summary for the result."""
        fees = self.sections.get("fees", {})
        valid_from = fees.get("valid_from")
        return {
            "code": self.code,
            "name": self.name,
            "rules_from": self.rules_from,
            "guideline": self.guideline,
            "establishment_fee": self.establishment_fee,
            "fees_valid_from": valid_from.isoformat() if isinstance(valid_from, date) else None,
        }


def _limits(section: Mapping[str, Any]) -> tuple[SizeLimit, ...]:
    rows = sorted(section.get("by_size", ()), key=lambda r: int(r["size_from"]))
    return tuple(
        SizeLimit(int(r["size_from"]), r.get("loan"), r.get("price"), r.get("income")) for r in rows
    )


def _optional(section: Mapping[str, Any] | None, key: str) -> Any:
    return None if section is None else section.get(key)


def build_rules(code: str, rules_from: str, data: Mapping[str, Any]) -> MunicipalRules:
    """Type the merged rule data of one municipality."""
    s: Mapping[str, Mapping[str, Any]] = {k: v for k, v in data.items() if isinstance(v, dict)}
    residence, equity = _optional(s.get("residence"), "years"), s.get("equity_keep")
    priority = s.get("priority", {})
    return MunicipalRules(
        code=code, name=str(data["name"]), rules_from=rules_from,
        guideline=str(data["guideline"]), sections=s,
        min_age=int(s["min_age"]["years"]),
        interest_margin=Decimal(str(s["interest_margin"]["value"])),
        fee_per_term=int(s["fees"]["fee_per_term"]),
        establishment_fee=int(s["fees"]["establishment_fee"]),
        max_term=int(s["term"]["max_years"]),
        special_max_term=int(s["term"]["special_max_years"]),
        residence_years=None if residence is None else int(residence),
        equity_keep_g=None if equity is None else Decimal(str(equity["grunnbelop"])),
        priority_children=bool(priority.get("children", False)),
        priority_housing=frozenset(priority.get("housing_now", ())),
        caps=_limits(s.get("caps", {})),
        caps_include_shared_debt=bool(s.get("caps", {}).get("include_shared_debt", False)),
        income_limits=_limits(s.get("income_limits", {})),
        income_not_counted=frozenset(s.get("income_not_counted", {}).get("kinds", ())),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Rules for every municipality, falling back to the national rules."""

    national: MunicipalRules
    municipal: Mapping[str, MunicipalRules]

    def for_municipality(self, code: str) -> MunicipalRules:
        """The rules for kommunenummer ``code`` (national rules when it has none of its own)."""
        rules = self.municipal.get(code)
        if rules is not None:
            return rules
        return _national_as(self.national, code)


_NATIONAL_FOR: dict[tuple[int, str], MunicipalRules] = {}


def _national_as(national: MunicipalRules, code: str) -> MunicipalRules:
    key = (id(national), code)
    rules = _NATIONAL_FOR.get(key)
    if rules is None:
        if len(_NATIONAL_FOR) > 1024:
            _NATIONAL_FOR.clear()
        rules = _NATIONAL_FOR[key] = build_rules(code, NATIONAL, _raw(national))
    return rules


def _raw(rules: MunicipalRules) -> dict[str, Any]:
    return {"name": rules.name, "guideline": rules.guideline, **rules.sections}


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _merge(national: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    return {**national, **own}


_BOOKS: dict[str, RuleBook] = {}


def load_rules(rules_dir: str | os.PathLike[str] | None = None) -> RuleBook:
    """Load (once) the rule book from ``rules_dir`` (default: the shipped rules)."""
    directory = Path(rules_dir) if rules_dir is not None else RULES_DIR
    book = _BOOKS.get(str(directory))
    if book is None:
        book = _BOOKS[str(directory)] = _load(directory)
    return book


def _load(directory: Path) -> RuleBook:
    try:
        national = _read(directory / f"{NATIONAL}.toml")
        municipal = {
            p.stem: build_rules(p.stem, p.stem, _merge(national, _read(p)))
            for p in sorted(directory.glob("[0-9][0-9][0-9][0-9].toml"))
        }
        return RuleBook(build_rules(NATIONAL, NATIONAL, national), municipal)
    except (OSError, KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise FigureDataError(f"malformed rules in {directory}: {error!r}") from None
