"""Step «Gjeld»: one debt (form section 5; for refinancing also whether it is refinanced)."""

from __future__ import annotations

from typing import Any

from wtforms import Field, StringField
from wtforms.validators import Length, ValidationError

from forms.base import StepForm, required
from forms.fields import KronerField
from forms.household import YES_NO, radio
from forms.i18n import lazy_gettext as _l

KINDS = (
    ("mortgage", _l("Mortgage (boliglån)")),
    ("student", _l("Student loan")),
    ("car", _l("Car loan")),
    ("consumer", _l("Consumer loan (forbrukslån)")),
    ("credit_card", _l("Credit card")),
    ("other", _l("Other debt")),
)
SHORT_KINDS = {
    "mortgage": _l("Mortgage"),
    "student": _l("Student loan"),
    "car": _l("Car loan"),
    "consumer": _l("Consumer loan"),
    "credit_card": _l("Credit card"),
    "other": _l("Other debt"),
}


class DebtForm(StepForm):
    """Built with ask_refinance: only a refinancing application asks which debts to include.

    The balance may be larger than the original amount (unpaid interest grows a debt).
    """

    kind = radio(_l("What kind of debt is it?"), KINDS, _l("Choose what kind of debt it is"))
    creditor = StringField(
        _l("Lender or creditor"),
        description=_l("Who you owe the money, for example the bank or Lånekassen."),
        validators=[
            required(_l("Write the name of the lender or creditor")),
            Length(max=200, message=_l("Write at most 200 characters")),
        ],
    )
    loan_number = StringField(
        _l("Loan or account number (optional)"),
        description=_l("You find it on the loan agreement or a statement."),
        validators=[Length(max=50, message=_l("Write at most 50 characters"))],
        render_kw={"autocomplete": "off"},
    )
    original_amount = KronerField(
        _l("Original amount"),
        description=_l("How much was borrowed at the start. For a credit card: the credit limit."),
        validators=[required(_l("Write how much was borrowed at the start"))],
    )
    balance = KronerField(
        _l("Balance today"),
        description=_l("How much is left to pay, as on the latest statement."),
        validators=[required(_l("Write how much is left to pay on the debt"))],
    )
    monthly_payment = KronerField(
        _l("Monthly payment"),
        description=_l("What you pay every month, with interest and fees. Write 0 if nothing."),
        validators=[required(_l("Write how much you pay on the debt every month"))],
    )
    secured = radio(
        _l("Is the debt secured by a mortgage on your home?"),
        YES_NO,
        _l("Choose whether the debt is secured by your home"),
        description=_l(
            "A mortgage usually is. Student loans, consumer loans and credit cards are not."
        ),
    )
    refinance = radio(
        _l("Do you want to pay off this debt with the startlån?"),
        YES_NO,
        _l("Choose whether this debt should be refinanced with the startlån"),
        description=_l(
            "Expensive unsecured debt, like consumer loans, should usually be included."
        ),
    )

    def __init__(self, *args: Any, ask_refinance: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ask_refinance:
            del self.refinance

    def validate_creditor(self, field: Field) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_l("Write the name of the lender or creditor"))

    def answers(self) -> dict[str, Any]:
        """The contract's debt values; refinance is False when the question is not asked."""
        refinance = self._fields.get("refinance")
        return {
            "kind": self.kind.data,
            "creditor": (self.creditor.data or "").strip(),
            "loan_number": (self.loan_number.data or "").strip(),
            "original_amount": self.original_amount.data,
            "balance": self.balance.data,
            "monthly_payment": self.monthly_payment.data,
            "secured": self.secured.data == "yes",
            "refinance": refinance is not None and refinance.data == "yes",
        }
