"""The assessment's arithmetic (ASSESSMENT.md, "Arithmetic, exactly")."""

from __future__ import annotations

from dataclasses import dataclass

from portal.domain import money, sifo, tax
from portal.domain.facts import Facts
from portal.domain.figures import Figures
from portal.domain.rules import MunicipalRules


@dataclass(frozen=True, slots=True)
class Rates:
    """Interest, stress rate and fee per term used, and whether each came from the facts."""

    interest_rate: float
    stress_rate: float
    fee_per_term: int
    overridden: frozenset[str]


@dataclass(frozen=True, slots=True)
class Numbers:
    """Every figure of the assessment, in whole kroner per month unless named otherwise."""

    net_income_monthly: int
    net_income_estimated: bool
    living_costs_monthly: int
    fixed_costs_monthly: int
    home_costs_monthly: int
    disposable_monthly: int
    available_monthly: float  # P: what is left for the startlån at the stress rate
    max_loan: int
    max_loan_50: int
    requested_payment_monthly: int


def resolve_rates(facts: Facts, figures: Figures, rules: MunicipalRules) -> Rates:
    """Rates from the assumptions when given, else from the figures and municipal rules."""
    a = facts.assumptions
    overridden = {
        name
        for name, value in (("interest_rate", a.interest_rate), ("stress_rate", a.stress_rate))
        if value is not None
    }
    if a.fee_per_term is not None:
        overridden.add("fee_per_term")
    interest = figures.number("husbanken_rate") + rules.interest_margin
    stress = figures.number("policy_rate") + figures.number("stress_margin")
    return Rates(
        a.interest_rate if a.interest_rate is not None else float(interest),
        a.stress_rate if a.stress_rate is not None else float(stress),
        a.fee_per_term if a.fee_per_term is not None else rules.fee_per_term,
        frozenset(overridden),
    )


def sifo_budget(facts: Facts, table: sifo.SifoTable) -> sifo.SifoBudget:
    """SIFO's reference budget for the household on ``as_of``."""
    members = [(m.birth_date, m.sex) for m in facts.household.members]
    return sifo.budget(table, members, facts.as_of, facts.household.car)


def net_income(facts: Facts, table: tax.TaxTable, rules: MunicipalRules) -> tuple[int, bool]:
    """Net monthly income: as given, or estimated from gross (and whether it was estimated)."""
    if facts.net_monthly_income is not None:
        return facts.net_monthly_income, False
    rows = ((i.member, i.kind, i.gross_annual) for i in facts.income)
    people = tax.split_income(table, rows, rules.income_not_counted)
    return tax.net_monthly(table, people), True


def fixed_costs(facts: Facts) -> int:
    """Fixed monthly expenses plus payments on debts that are not refinanced."""
    debts = sum(d.monthly_payment for d in facts.debts if not d.refinance)
    return facts.expenses_monthly.total() + debts


def compute(facts: Facts, rates: Rates, net: tuple[int, bool], living: int) -> Numbers:
    """All the numbers of the assessment."""
    fin = facts.financing
    home = facts.home.monthly_costs if facts.home is not None else 0
    fixed = fixed_costs(facts)
    disposable = net[0] - living - fixed - home
    bank_stress = money.payment(fin.bank_loan, rates.stress_rate, fin.term_years, fin.repayment)
    available = disposable - rates.fee_per_term - bank_stress
    return Numbers(
        net_income_monthly=net[0],
        net_income_estimated=net[1],
        living_costs_monthly=living,
        fixed_costs_monthly=fixed,
        home_costs_monthly=home,
        disposable_monthly=disposable,
        available_monthly=available,
        max_loan=money.max_loan(available, rates.stress_rate, fin.term_years, fin.repayment),
        max_loan_50=money.max_loan(available, rates.stress_rate, 50, fin.repayment),
        requested_payment_monthly=requested_payment(facts, rates),
    )


def requested_payment(facts: Facts, rates: Rates) -> int:
    """Startlån + bank loan payments at the interest rate, plus the fee, whole kroner."""
    fin = facts.financing
    rate, years, kind = rates.interest_rate, fin.term_years, fin.repayment
    total = money.payment(fin.startlan, rate, years, kind) + money.payment(
        fin.bank_loan, rate, years, kind
    )
    return money.round_half_up(total + rates.fee_per_term)
