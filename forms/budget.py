"""Step «Budsjett» (form section 7): the household's future monthly budget.

Living-cost lines come prefilled with SIFO's reference budget and the home's running costs
with what the home page says. Each line carries a hidden copy of what was suggested, so a
line the applicant changed is kept and marked for the caseworker, while an unchanged line
keeps following its source (a new child changes the suggestion, not the applicant's figure).
"""

from __future__ import annotations

from typing import Any

from wtforms import Field, HiddenField

from forms.base import StepForm
from forms.fields import KronerField
from forms.household import radio
from forms.i18n import lazy_gettext as _l
from portal.domain.application_facts import EXPENSE_LINES, HOUSING_LINES, SIFO_LINES, SUGGESTED

SEXES = (("F", _l("Woman")), ("M", _l("Man")))
LINE_LABELS = {
    "food": _l("Food and drink"),
    "clothing": _l("Clothes and shoes"),
    "personal_care": _l("Personal care"),
    "play_media": _l("Play, sports and media"),
    "travel": _l("Travel"),
    "baby_equipment": _l("Baby equipment"),
    "other_daily_goods": _l("Other everyday goods"),
    "household_goods": _l("Household goods"),
    "furniture": _l("Furniture"),
    "media_leisure": _l("Media and leisure"),
    "car": _l("Running a car"),
    "common_costs": _l("Common costs or rent"),
    "municipal_fees": _l("Municipal fees"),
    "insurance": _l("Insurance"),
    "maintenance": _l("Maintenance of the home"),
    "childcare": _l("Kindergarten, SFO or other childcare"),
    "child_support_paid": _l("Child support you pay"),
    "extra_transport": _l("Extra transport costs, such as an adapted car"),
    "other": _l("Other fixed expenses"),
    "net_monthly_income": _l("Income after tax per month"),
}
SUGGESTED_LINES = (*SIFO_LINES, *HOUSING_LINES, "net_monthly_income")


class BudgetForm(StepForm):
    """The budget lines (declared below, one amount and one hidden suggestion per line)."""

    applicant_sex = radio(
        _l("For the living-cost estimate: are you a woman or a man?"),
        SEXES,
        _l("Choose woman or man for the living-cost estimate"),
        description=_l("SIFO's reference budget differs a little for women and men."),
    )
    co_applicant_sex = radio(
        _l("For the living-cost estimate: is the person you apply with a woman or a man?"),
        SEXES,
        _l("Choose woman or man for the person you apply with"),
    )

    sifo_lines = SIFO_LINES
    housing_lines = HOUSING_LINES
    expense_lines = EXPENSE_LINES

    def __init__(self, *args: Any, couple: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.couple = couple
        if not couple:
            del self.co_applicant_sex

    def line(self, name: str) -> Field:
        """The amount field of a budget line."""
        return self[name]

    def suggested(self, name: str) -> int | None:
        """What the page suggested for a line (None for lines without a suggestion)."""
        hidden = self._fields.get(name + SUGGESTED)
        text = str(hidden.data or "") if hidden is not None else ""
        return int(text) if text.isdigit() else None

    def shown(self, lines: tuple[str, ...]) -> list[str]:
        """The lines worth showing: those with a suggestion or an amount."""
        return [name for name in lines if self.suggested(name) or self.is_changed(name)]

    def is_changed(self, name: str) -> bool:
        """Whether the applicant's amount differs from the suggestion."""
        data = self[name].data
        return data is not None and data != self.suggested(name)


for _name in (*SUGGESTED_LINES, *EXPENSE_LINES):
    setattr(BudgetForm, _name, KronerField(LINE_LABELS[_name]))
for _name in SUGGESTED_LINES:
    setattr(BudgetForm, _name + SUGGESTED, HiddenField())
