"""Step «Formue»: the household's savings and assets, and whether anyone has debt."""

from __future__ import annotations

from typing import Any

from wtforms import Field, StringField
from wtforms.validators import Length, ValidationError

from forms.base import StepForm, required
from forms.fields import KronerField
from forms.household import YES_NO, radio
from forms.i18n import lazy_gettext as _l


class AssetsForm(StepForm):
    """Form section 3, «Formue for husstanden», and the question that opens the debt list."""

    bank = KronerField(
        _l("Bank deposits and cash"),
        description=_l("The total for everyone in the household. Write 0 if there is none."),
        validators=[required(_l("Write how much the household has in the bank and in cash"))],
    )
    property_value = KronerField(
        _l("Value of property, cars, boats and the like"),
        description=_l("What they could be sold for today. Leave it empty if there is none."),
    )
    other_amount = KronerField(
        _l("Other assets"),
        description=_l(
            "For example shares, funds or money someone owes you. Leave it empty if there is none."
        ),
    )
    other_description = StringField(
        _l("What are the other assets?"),
        validators=[Length(max=300, message=_l("Write at most 300 characters"))],
    )
    has_debts = radio(
        _l("Does anyone in the household have debt?"),
        YES_NO,
        _l("Choose whether anyone in the household has debt"),
        description=_l(
            "For example a student loan, car loan, consumer loan, credit card debt or a mortgage."
        ),
    )

    def validate_other_description(self, field: Field) -> None:
        if self.other_amount.data and not (field.data or "").strip():
            raise ValidationError(_l("Describe what the other assets are"))

    def answers(self) -> dict[str, Any]:
        """Amounts in whole kroner (empty means 0); has_debts stays "yes"/"no"."""
        return {
            "bank": self.bank.data,
            "property_value": self.property_value.data or 0,
            "other_amount": self.other_amount.data or 0,
            "other_description": (self.other_description.data or "").strip(),
            "has_debts": self.has_debts.data,
        }
