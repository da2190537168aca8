"""The facts of an application, as the assessment contract defines them (parsed and valid).

Parsing and validation of JSON-like input live in ``portal.domain.validate``; this module only
holds the typed snapshot that ``assess()`` works on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Role = Literal["applicant", "co_applicant", "child", "other_adult"]
Sex = Literal["F", "M"]
Repayment = Literal["annuity", "serial"]

APPLYING_FOR = ("startlan", "tilskudd_etablering", "tilskudd_tilpasning")
PURPOSES = ("purchase", "refinance", "takeover", "improve", "build")
MARITAL_STATUSES = ("single", "married", "cohabitant", "partner", "separated", "widowed")
ROLES = ("applicant", "co_applicant", "child", "other_adult")
SEXES = ("F", "M")
HOUSING_NOW = (
    "rent_municipal",
    "rent_private",
    "own",
    "with_family",
    "institution",
    "prison",
    "reception_centre",
    "no_fixed_home",
)
SPECIAL_NEEDS = ("disability", "health", "social")
CARS = ("none", "petrol", "electric")
INCOME_KINDS = (
    "wage",
    "pension",
    "benefit",
    "social_assistance",
    "child_benefit",
    "child_support",
    "housing_allowance",
    "other",
)
DEBT_KINDS = ("mortgage", "student", "car", "consumer", "credit_card", "other")
OWNERSHIPS = ("freehold", "cooperative")
REPAYMENTS = ("annuity", "serial")
LANGUAGES = ("nb", "nn", "en")


@dataclass(frozen=True, slots=True)
class Member:
    """One member of the household."""

    role: Role
    birth_date: date
    sex: Sex


@dataclass(frozen=True, slots=True)
class Household:
    """Who lives together and how they live now."""

    marital_status: str
    members: tuple[Member, ...]
    years_in_municipality: int
    housing_now: str
    special_needs: tuple[str, ...]
    car: str
    risk_of_losing_home: bool


@dataclass(frozen=True, slots=True)
class Income:
    """Yearly gross income of one member (``member`` indexes ``household.members``)."""

    member: int
    kind: str
    gross_annual: int
    permanent: bool


@dataclass(frozen=True, slots=True)
class Assets:
    """Money in the bank and other assets."""

    bank: int
    other: int


@dataclass(frozen=True, slots=True)
class Debt:
    """An existing debt; ``refinance`` means the new loan pays it off."""

    kind: str
    balance: int
    monthly_payment: int
    secured: bool
    refinance: bool


@dataclass(frozen=True, slots=True)
class Home:
    """The home applied for (absent for a pre-approval without a concrete home)."""

    price: int
    market_value: int
    shared_debt: int
    ownership: str
    monthly_costs: int


@dataclass(frozen=True, slots=True)
class Financing:
    """How the home is to be paid for."""

    startlan: int
    bank_loan: int
    grant: int
    equity: int
    other: int
    term_years: int
    repayment: Repayment


@dataclass(frozen=True, slots=True)
class Expenses:
    """Other fixed monthly expenses."""

    childcare: int
    child_support_paid: int
    extra_transport: int
    other: int

    def total(self) -> int:
        """Sum of all fixed monthly expenses."""
        return self.childcare + self.child_support_paid + self.extra_transport + self.other


@dataclass(frozen=True, slots=True)
class Assumptions:
    """Optional overrides of figures (caseworker, tests); ``None`` means use the figures."""

    living_costs_monthly: int | None
    interest_rate: float | None
    stress_rate: float | None
    fee_per_term: int | None


@dataclass(frozen=True, slots=True)
class Facts:
    """A valid snapshot of an application's facts."""

    as_of: date
    municipality: str
    applying_for: tuple[str, ...]
    purpose: str
    pre_approval: bool
    household: Household
    income: tuple[Income, ...]
    net_monthly_income: int | None
    assets: Assets
    debts: tuple[Debt, ...]
    home: Home | None
    financing: Financing
    expenses_monthly: Expenses
    assumptions: Assumptions
