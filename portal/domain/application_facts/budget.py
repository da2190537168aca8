"""The home, the financing plan and the future monthly budget.

The budget page suggests every living-cost line (SIFO) and the home's running costs (from the
home page), and keeps a hidden copy of each suggestion. A line the applicant changed is kept
and shown to the caseworker as a change; an unchanged line keeps following its source.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP
from typing import Any

from portal.domain import calc, sifo
from portal.domain.application_facts.read import kroner
from portal.domain.facts import Facts
from portal.domain.figures import FigureStore, load_figures
from portal.domain.validate import FactsError, parse_facts
from portal.domain.wizard import Answers, value

BUDGET = "budsjett"
SIFO_LINES = (*sifo.INDIVIDUAL, *sifo.HOUSEHOLD, "car")
HOUSING_LINES = ("common_costs", "municipal_fees", "insurance", "maintenance")
EXPENSE_LINES = ("childcare", "child_support_paid", "extra_transport", "other")
SUGGESTED = "_suggested"  # suffix of the budget page's hidden copy of a line's suggestion


def suggested(answers: Answers, line: str) -> int | None:
    """What the budget page suggested for a line when it was last saved."""
    return kroner(value(answers, BUDGET, line + SUGGESTED))


def changed(answers: Answers, line: str) -> int | None:
    """The applicant's amount for a budget line, when it differs from what the page suggested."""
    amount = kroner(value(answers, BUDGET, line))
    return amount if amount is not None and amount != suggested(answers, line) else None


def budget_changes(answers: Answers) -> dict[str, dict[str, int | None]]:
    """Budget lines the applicant changed, {line: {"value", "suggested"}}, for the caseworker."""
    lines = (*SIFO_LINES, *HOUSING_LINES, "net_monthly_income")
    return {
        line: {"value": amount, "suggested": suggested(answers, line)}
        for line in lines
        if (amount := changed(answers, line)) is not None
    }


def expenses(answers: Answers) -> dict[str, int]:
    """The contract's other fixed monthly expenses."""
    return {line: kroner(value(answers, BUDGET, line)) or 0 for line in EXPENSE_LINES}


def housing_costs(answers: Answers, pre_approval: bool) -> int:
    """The home's monthly running costs: a line changed on the budget page, else the home's."""
    total = 0
    for line in HOUSING_LINES:
        own = changed(answers, line)
        home_page = 0 if pre_approval else kroner(value(answers, "bolig", line)) or 0
        total += home_page if own is None else own
    return total


def home(answers: Answers, pre_approval: bool) -> dict[str, Any] | None:
    """The home: null until its price or value is known (pre-approval: the expected costs)."""
    costs = housing_costs(answers, pre_approval)
    if pre_approval:
        return {"monthly_costs": costs} if costs else None
    price = kroner(value(answers, "bolig", "price"))
    worth = kroner(value(answers, "bolig", "market_value"))
    if price is None and worth is None:
        return None
    cooperative = value(answers, "bolig", "ownership") == "cooperative"
    shared = kroner(value(answers, "bolig", "shared_debt")) if cooperative else 0
    return {
        "price": worth if price is None else price,
        "market_value": price if worth is None else worth,
        "shared_debt": shared or 0,
        "ownership": "cooperative" if cooperative else "freehold",
        "monthly_costs": costs,
    }


def financing(answers: Answers) -> dict[str, Any]:
    """The financing plan; own work when building counts as other financing."""
    amounts = ("startlan", "bank_loan", "grant", "equity")
    plan = {key: kroner(value(answers, "finansiering", key)) for key in amounts}
    block: dict[str, Any] = {key: amount for key, amount in plan.items() if amount is not None}
    building = value(answers, "om-soknaden", "purpose") == "build"
    others = ("other_financing", "own_work") if building else ("other_financing",)
    if other := sum(kroner(value(answers, "finansiering", key)) or 0 for key in others):
        block["other"] = other
    term = kroner(value(answers, "finansiering", "term_years"))
    if term is not None and 1 <= term <= 50:
        block["term_years"] = term
    if (repayment := value(answers, "finansiering", "repayment")) in ("annuity", "serial"):
        block["repayment"] = repayment
    return block


def document_duty(
    purpose: Any, ownership: Any, price: int | None, on: date, figures: FigureStore | None = None
) -> int:
    """Document duty on buying a freehold home (a share in a cooperative has none)."""
    if purpose != "purchase" or ownership != "freehold" or not price:
        return 0
    rate = (figures or load_figures()).on(on).number("document_duty")
    return int((price * rate).to_integral_value(ROUND_HALF_UP))


def sifo_lines(facts: Facts, figures: FigureStore | None = None) -> dict[str, int]:
    """SIFO's reference budget for the household, summed by line (food, clothing, ...)."""
    table = sifo.table_for((figures or load_figures()).on(facts.as_of).version("sifo"))
    return lines_of(calc.sifo_budget(facts, table))


def lines_of(budget: sifo.SifoBudget) -> dict[str, int]:
    """A reference budget summed by line over the members and the household."""
    lines = dict.fromkeys(SIFO_LINES, 0)
    for part in (*(member.lines for member in budget.members), budget.household):
        for line, amount in part.items():
            lines[line] = lines.get(line, 0) + amount
    return lines


def living_costs(
    facts: dict[str, Any], answers: Answers, figures: FigureStore | None = None
) -> int | None:
    """SIFO's total with the lines the applicant changed; None when nothing was changed."""
    own = {line: amount for line in SIFO_LINES if (amount := changed(answers, line)) is not None}
    if not own:
        return None
    try:
        return sum({**sifo_lines(parse_facts(facts), figures), **own}.values())
    except FactsError:
        return None
