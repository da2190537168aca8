"""The conditions of every hint code (ASSESSMENT.md, "Hint codes"), as pure functions.

Each check returns the message parameters when its hint applies, else ``None``. Levels,
citations and messages are data (``portal/data/hints.toml``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from portal.domain import money
from portal.domain.calc import Numbers, Rates
from portal.domain.facts import Facts
from portal.domain.figures import Figures
from portal.domain.messages import Kroner, Label, Param
from portal.domain.rules import MunicipalRules, SizeLimit
from portal.domain.sifo import age_in_years

PARTNERED = ("married", "cohabitant", "partner")
BUYING = ("purchase", "takeover", "build")
Params = Mapping[str, Param] | None


@dataclass(slots=True)
class Context:
    """Everything a check may look at, with a few sums worked out once."""

    facts: Facts
    numbers: Numbers
    rates: Rates
    rules: MunicipalRules
    figures: Figures
    has_children: bool = field(init=False)  # a member of the household is a child
    gross_total: int = field(init=False)  # the household's total yearly gross income
    loans: int = field(init=False)  # startlån plus bank loan
    price: int = field(init=False)  # the home's price (0 without a home)

    def __post_init__(self) -> None:
        f = self.facts
        self.has_children = any(m.role == "child" for m in f.household.members)
        self.gross_total = sum(i.gross_annual for i in f.income)
        self.loans = f.financing.startlan + f.financing.bank_loan
        self.price = f.home.price if f.home is not None else 0


def _kr(amount: Decimal) -> Kroner:
    return Kroner(int(amount.to_integral_value(ROUND_HALF_UP)))


def applicant_under_18(c: Context) -> Params:
    borrowers = ("applicant", "co_applicant")
    members = c.facts.household.members
    age = min(age_in_years(m.birth_date, c.facts.as_of) for m in members if m.role in borrowers)
    return {"age": age, "min_age": c.rules.min_age} if age < c.rules.min_age else None


def co_applicant_required(c: Context) -> Params:
    household = c.facts.household
    has_co = any(m.role == "co_applicant" for m in household.members)
    return {} if household.marital_status in PARTNERED and not has_co else None


def refinance_not_owner(c: Context) -> Params:
    f = c.facts
    return {} if f.purpose == "refinance" and f.household.housing_now != "own" else None


def security(c: Context) -> Decimal:
    """What the home can secure: price or value after the work, plus document duty if bought."""
    home = c.facts.home
    assert home is not None
    if c.facts.purpose not in BUYING:
        return Decimal(home.market_value)
    duty = c.figures.number("document_duty")
    freehold_purchase = c.facts.purpose == "purchase" and home.ownership == "freehold"
    return home.price * (1 + duty) if freehold_purchase else Decimal(home.price)


def loan_exceeds_value(c: Context) -> Params:
    if c.facts.pre_approval or c.facts.home is None:
        return None
    limit = security(c)
    return {"loans": Kroner(c.loans), "security": _kr(limit)} if c.loans > limit else None


def cannot_service(c: Context) -> Params:
    startlan = c.facts.financing.startlan
    if startlan <= c.numbers.max_loan:
        return None
    return {"startlan": Kroner(startlan), "max_loan": Kroner(c.numbers.max_loan)}


def refinance_all_unsecured(c: Context) -> Params:
    left_out = any(not d.secured and not d.refinance for d in c.facts.debts)
    return {} if c.facts.purpose == "refinance" and left_out else None


def _bank_would_lend(c: Context) -> bool:
    other_debt = sum(d.balance for d in c.facts.debts if not d.refinance)
    return c.loans <= c.figures.number("bank_debt_multiple") * c.gross_total - other_debt


def _equity_enough(c: Context) -> bool:
    fin = c.facts.financing
    base = c.loans + fin.equity if c.facts.pre_approval else c.price
    return fin.equity >= c.figures.number("bank_equity_share") * base


def _bank_payment_holds(c: Context) -> bool:
    fin = c.facts.financing
    rate = c.rates.interest_rate + float(c.figures.number("bank_rate_addon"))
    pay = money.payment(fin.startlan, rate, fin.term_years, fin.repayment) + money.payment(
        fin.bank_loan, rate, fin.term_years, fin.repayment
    )
    return pay <= c.numbers.disposable_monthly - c.rates.fee_per_term


def bank_first(c: Context) -> Params:
    if c.loans <= 0:
        return None
    holds = _bank_would_lend(c) and _equity_enough(c) and _bank_payment_holds(c)
    return {} if holds else None


def refinance_debt_exceeds_value(c: Context) -> Params:
    if c.facts.purpose != "refinance" or c.facts.home is None:
        return None
    debt, value = sum(d.balance for d in c.facts.debts), c.facts.home.market_value
    return {"debt": Kroner(debt), "value": Kroner(value)} if debt > value else None


def unstable_income(c: Context) -> Params:
    stable = any(i.permanent and i.kind != "social_assistance" for i in c.facts.income)
    return None if stable else {}


def equity_must_be_used(c: Context) -> Params:
    if c.rules.equity_keep_g is None:
        return None
    keep = c.rules.equity_keep_g * c.figures.integer("grunnbelop")
    extra = c.facts.assets.bank - c.facts.financing.equity - keep
    return {"keep": _kr(keep), "extra": _kr(extra)} if extra > 0 else None


def residence_too_short(c: Context) -> Params:
    required, years = c.rules.residence_years, c.facts.household.years_in_municipality
    if required is None or years >= required:
        return None
    return {"years_required": required, "years": years}


def _for_size(limits: tuple[SizeLimit, ...], size: int) -> SizeLimit | None:
    fitting = [limit for limit in limits if limit.size_from <= size]
    return fitting[-1] if fitting else None


def income_above_limit(c: Context) -> Params:
    size = len(c.facts.household.members)
    limit = _for_size(c.rules.income_limits, size)
    if limit is None or limit.income is None or c.gross_total <= limit.income:
        return None
    return {"income": Kroner(c.gross_total), "limit": Kroner(limit.income), "size": size}


def price_above_cap(c: Context) -> Params:
    size = len(c.facts.household.members)
    cap, startlan = _for_size(c.rules.caps, size), c.facts.financing.startlan
    if cap is None:
        return None
    if cap.loan is not None and startlan > cap.loan:
        return {
            "what": Label("loan"),
            "amount": Kroner(startlan),
            "cap": Kroner(cap.loan),
            "size": size,
        }
    home = c.facts.home
    if cap.price is None or home is None or c.facts.pre_approval:
        return None
    price = home.price + (home.shared_debt if c.rules.caps_include_shared_debt else 0)
    if price <= cap.price:
        return None
    return {"what": Label("price"), "amount": Kroner(price), "cap": Kroner(cap.price), "size": size}


def exception_children(c: Context) -> Params:
    return {} if c.has_children else None


def exception_special_needs(c: Context) -> Params:
    return {} if c.facts.household.special_needs else None


def exception_refinance(c: Context) -> Params:
    f = c.facts
    return {} if f.purpose == "refinance" and f.household.risk_of_losing_home else None


def term_50_may_apply(c: Context) -> Params:
    f, n = c.facts, c.numbers
    if f.financing.term_years > c.rules.max_term:
        return None
    if not n.max_loan < f.financing.startlan <= n.max_loan_50:
        return None
    qualifies = c.has_children or f.household.risk_of_losing_home
    return {"max_loan_50": Kroner(n.max_loan_50)} if qualifies else None


def grant_may_apply(c: Context) -> Params:
    startlan, max_loan = c.facts.financing.startlan, c.numbers.max_loan
    if not 0 < max_loan < startlan:
        return None
    base = startlan if c.facts.pre_approval else c.price
    gap = startlan - max_loan
    return {"gap": Kroner(gap)} if gap <= c.figures.number("grant_gap_share") * base else None


def priority_group(c: Context) -> Params:
    children = c.rules.priority_children and c.has_children
    housing = c.facts.household.housing_now in c.rules.priority_housing
    return {} if children or housing else None


def ot_statement_required(c: Context) -> Params:
    f = c.facts
    improve = f.purpose == "improve" and "disability" in f.household.special_needs
    return {} if "tilskudd_tilpasning" in f.applying_for or improve else None


def term_over_30(c: Context) -> Params:
    term, most = c.facts.financing.term_years, c.rules.max_term
    return {"term": term, "max_term": most} if term > most else None


def income_not_counted(c: Context) -> Params:
    left_out = c.rules.income_not_counted
    return {} if any(i.kind in left_out and i.gross_annual > 0 for i in c.facts.income) else None


CHECKS: Mapping[str, Callable[[Context], Params]] = {
    "APPLICANT_UNDER_18": applicant_under_18,
    "CO_APPLICANT_REQUIRED": co_applicant_required,
    "REFINANCE_NOT_OWNER": refinance_not_owner,
    "LOAN_EXCEEDS_VALUE": loan_exceeds_value,
    "CANNOT_SERVICE": cannot_service,
    "REFINANCE_ALL_UNSECURED": refinance_all_unsecured,
    "BANK_FIRST": bank_first,
    "REFINANCE_DEBT_EXCEEDS_VALUE": refinance_debt_exceeds_value,
    "UNSTABLE_INCOME": unstable_income,
    "EQUITY_MUST_BE_USED": equity_must_be_used,
    "RESIDENCE_TOO_SHORT": residence_too_short,
    "INCOME_ABOVE_LIMIT": income_above_limit,
    "PRICE_ABOVE_CAP": price_above_cap,
    "EXCEPTION_CHILDREN": exception_children,
    "EXCEPTION_SPECIAL_NEEDS": exception_special_needs,
    "EXCEPTION_REFINANCE": exception_refinance,
    "TERM_50_MAY_APPLY": term_50_may_apply,
    "GRANT_MAY_APPLY": grant_may_apply,
    "PRIORITY_GROUP": priority_group,
    "OT_STATEMENT_REQUIRED": ot_statement_required,
    "TERM_OVER_30": term_over_30,
    "INCOME_NOT_COUNTED": income_not_counted,
}
