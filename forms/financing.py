"""Step «Finansiering» (form section 6): loans, grant, equity and costs must add up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wtforms import Field, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from forms.about import CheckboxesField
from forms.base import StepForm, required
from forms.fields import KronerField
from forms.home import NumberField
from forms.household import choices, radio
from forms.i18n import lazy_gettext as _l

EQUITY_KINDS = (
    ("savings", _l("Savings")),
    ("gift", _l("A gift or an advance on inheritance")),
    ("sale", _l("Sale of my current home")),
    ("other", _l("Other")),
)
REPAYMENTS = (
    ("annuity", _l("Annuity: the same amount every month")),
    ("serial", _l("Serial: higher payments at first, then lower")),
)
SOURCES = ("startlan", "bank_loan", "grant", "equity", "own_work", "other_financing")


@dataclass(frozen=True)
class Plan:
    """What the financing must cover, worked out by the server from the other steps."""

    check: bool  # whether the sums must balance (not for a pre-approval: there is no price)
    building: bool
    price: int | None  # price, project or improvement cost, or debt to refinance; None: unknown
    document_duty: int
    wants_startlan: bool = True
    wants_bank_loan: bool = False
    max_term: int = 30
    establishment_fee: int = 0


class FinancingForm(StepForm):
    """The financing plan; the sources must equal the price plus costs (not for pre-approval)."""

    startlan = KronerField(_l("Startlån"), description=_l("The amount you apply for."))
    bank_loan = KronerField(
        _l("Loan from a bank"),
        description=_l("A loan you have been promised or have applied for in a bank, if any."),
    )
    grant = KronerField(_l("Grant (tilskudd til etablering or tilpasning)"))
    equity = KronerField(_l("Equity (egenkapital)"), description=_l("Your own money."))
    equity_kind = CheckboxesField(
        _l("Where does the equity come from?"),
        choices=choices(EQUITY_KINDS),
        invalid_choice_message=_l("Choose only from the options shown"),
    )
    own_work = KronerField(
        _l("Value of your own work on the building"),
        description=_l("What you save by doing work yourself."),
    )
    other_financing = KronerField(_l("Other financing"))
    other_kind = StringField(_l("What is the other financing?"), validators=[Length(max=300)])
    fees = KronerField(
        _l("Fees"),
        description=_l("For example the municipality's fee for setting up the loan."),
    )
    term_years = NumberField(
        _l("Repayment period in years"),
        description=_l(
            "Usually up to 30 years. Up to 50 years only in special cases, for example a lasting"
            " low income and a home that suits the household for a long time."
        ),
        validators=[required(_l("Write the repayment period in years"))],
    )
    term_reason = TextAreaField(
        _l("Why do you need more than 30 years?"), validators=[Length(max=2000)]
    )
    repayment = radio(
        _l("How do you want to repay?"), REPAYMENTS, _l("Choose how you want to repay")
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def validate_startlan(self, field: Field) -> None:
        if self.plan.wants_startlan and not field.data and not field.errors:
            raise ValidationError(_l("Write how much startlån you apply for"))

    def validate_bank_loan(self, field: Field) -> None:
        if self.plan.wants_bank_loan and not field.data and not field.errors:
            raise ValidationError(_l("Write the amount of the loan from the bank"))

    def validate_equity_kind(self, field: Field) -> None:
        if self.equity.data and not field.data:
            raise ValidationError(_l("Choose where the equity comes from"))

    def validate_other_kind(self, field: Field) -> None:
        if self.other_financing.data and not (field.data or "").strip():
            raise ValidationError(_l("Write what the other financing is"))

    def validate_term_years(self, field: Field) -> None:
        if field.data is not None and not 1 <= field.data <= 50:
            raise ValidationError(_l("Write a repayment period between 1 and 50 years"))

    def validate_term_reason(self, field: Field) -> None:
        long_term = (self.term_years.data or 0) > self.plan.max_term
        if long_term and not (field.data or "").strip():
            raise ValidationError(_l("Tell us why you need a longer repayment period"))

    def sources(self) -> int:
        """The sum of the financing (own work counts only when building)."""
        used = [s for s in SOURCES if s != "own_work" or self.plan.building]
        return sum(getattr(self, name).data or 0 for name in used)

    def needed(self) -> int | None:
        """Price plus document duty and fees; None for a pre-approval or an unknown price."""
        if not self.plan.check or self.plan.price is None:
            return None
        return self.plan.price + self.plan.document_duty + (self.fees.data or 0)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.plan.check and self.plan.price is None:
            self.form_errors.append(
                _l("Fill in the price on the page «The home» first, so we can check the sums.")
            )
            return False
        difference = self.difference()
        if valid and difference:
            self.form_errors.append(self.balance_message(difference))
            return False
        return valid

    def difference(self) -> int:
        """Sources minus what is needed (0 when balanced or nothing to compare with)."""
        needed = self.needed()
        return 0 if needed is None else self.sources() - needed

    @staticmethod
    def balance_message(difference: int) -> Any:
        """What is wrong with the sums and how to fix it."""
        amount = f"{abs(difference):,}".replace(",", "\u00a0")
        if difference < 0:
            return _l(
                "The financing is %(amount)s kr short of the price and costs. Increase the"
                " startlån, the bank loan or the equity, or add other financing.",
                amount=amount,
            )
        return _l(
            "The financing is %(amount)s kr more than the price and costs. Reduce the"
            " startlån or one of the other amounts.",
            amount=amount,
        )

    def answers(self) -> dict[str, Any]:
        """The answers, with the server's document duty and totals for the caseworker."""
        return {
            **super().answers(),
            "document_duty": self.plan.document_duty,
            "total_sources": self.sources(),
            "total_needed": self.needed(),
        }
