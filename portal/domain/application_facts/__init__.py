"""The wizard's answers as the assessment contract's facts (ASSESSMENT.md, "Facts").

Pure. ``build_facts(answers, applicant=Person(...))`` maps the saved answers
({slug: {"values", "raw", "items", ...}}; shapes in ``portal/wizard/steps_household.py`` and
``steps_home.py``) to a facts dict that ``validate.parse_facts`` accepts, also while the
application is half filled: what is missing is left out (the contract's defaults apply) and a
concrete home without a price is null. Saved values win over typed text (a step saved with
"continue later", or posted to the live panel, only has what was typed).

The applicants' birth dates come from their fødselsnummer, not from the answers; their sex is
asked on the budget page ("for the living-cost estimate"), since ID-porten does not give it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from portal.domain.application_facts.budget import (
    EXPENSE_LINES,
    HOUSING_LINES,
    SIFO_LINES,
    SUGGESTED,
    budget_changes,
    changed,
    document_duty,
    expenses,
    financing,
    home,
    lines_of,
    living_costs,
    sifo_lines,
)
from portal.domain.application_facts.household import (
    Person,
    assets,
    debts,
    household,
    incomes,
    person_from_fnr,
)
from portal.domain.application_facts.read import kroner, many
from portal.domain.facts import APPLYING_FOR, PURPOSES
from portal.domain.figures import FigureStore
from portal.domain.wizard import Answers, value

__all__ = [
    "EXPENSE_LINES",
    "HOUSING_LINES",
    "SIFO_LINES",
    "SUGGESTED",
    "Person",
    "budget_changes",
    "build_facts",
    "document_duty",
    "kroner",
    "lines_of",
    "person_from_fnr",
    "sifo_lines",
]


def build_facts(
    answers: Answers,
    *,
    applicant: Person,
    co_applicant: Person | None = None,
    as_of: date | None = None,
    figures: FigureStore | None = None,
) -> dict[str, Any]:
    """The contract's facts for the answers so far (JSON-ready; valid for ``parse_facts``)."""
    on = as_of or date.today()
    about = {k: value(answers, "om-soknaden", k) for k in ("purpose", "pre_approval")}
    pre = about["pre_approval"] == "yes"
    wanted = [w for w in many(value(answers, "om-soknaden", "applying_for")) if w in APPLYING_FOR]
    block, index = household(answers, applicant, co_applicant, on)
    facts: dict[str, Any] = {
        "as_of": on.isoformat(),
        "applying_for": wanted or ["startlan"],  # "bank_loan" only means the plan has one
        "purpose": about["purpose"] if about["purpose"] in PURPOSES else "purchase",
        "pre_approval": pre,
        "household": block,
        "income": incomes(answers, index),
        "net_monthly_income": changed(answers, "net_monthly_income"),
        "assets": assets(answers),
        "debts": debts(answers),
        "home": home(answers, pre),
        "financing": financing(answers),
        "expenses_monthly": expenses(answers),
    }
    municipality = str(value(answers, "om-soknaden", "municipality") or "")
    if re.fullmatch(r"\d{4}", municipality):
        facts["municipality"] = municipality
    if (living := living_costs(facts, answers, figures)) is not None:
        facts["assumptions"] = {"living_costs_monthly": living}
    return facts
