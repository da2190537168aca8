"""Step «Inntekt»: one income of one person (form section 3).

Wages ask for the employer, the years there and whether the job is permanent; pensions and
benefits ask whether they are permanent (varig) or temporary (mellombels).
"""

from __future__ import annotations

from typing import Any

from wtforms import Field, RadioField, StringField
from wtforms.validators import Length, ValidationError

from forms.base import StepForm, choices, required
from forms.fields import KronerField
from forms.household import YearsField, radio
from forms.i18n import lazy_gettext as _l

KINDS = (
    ("wage", _l("Wages or salary")),
    ("pension", _l("Pension")),
    (
        "benefit",
        _l("Benefit from NAV, for example work assessment allowance or disability benefit"),
    ),
    ("social_assistance", _l("Financial social assistance (sosialhjelp)")),
    ("child_benefit", _l("Child benefit (barnetrygd)")),
    ("child_support", _l("Child support you receive (barnebidrag)")),
    ("housing_allowance", _l("Housing allowance (bostøtte)")),
    ("other", _l("Other income")),
)
SHORT_KINDS = {
    "wage": _l("Wages"),
    "pension": _l("Pension"),
    "benefit": _l("Benefit"),
    "social_assistance": _l("Social assistance"),
    "child_benefit": _l("Child benefit"),
    "child_support": _l("Child support"),
    "housing_allowance": _l("Housing allowance"),
    "other": _l("Other income"),
}
EMPLOYMENT = (
    ("permanent", _l("Permanent (fast tilsett)")),
    ("temporary", _l("Temporary (mellombels tilsett)")),
)
DURATION = (
    ("permanent", _l("Permanent (varig)")),
    ("temporary", _l("Temporary (mellombels)")),
)
WAGE = ("wage",)
PENSION_OR_BENEFIT = ("pension", "benefit")
MAX_YEARS_EMPLOYED = 70


class IncomeForm(StepForm):
    """Built with the people whose income can be added: [(ref, label, name)]."""

    member_ref = radio(_l("Whose income is this?"), (), _l("Choose whose income this is"))
    kind = radio(
        _l("What kind of income is it?"),
        KINDS,
        _l("Choose what kind of income it is"),
    )
    gross_annual = KronerField(
        _l("Gross yearly amount"),
        description=_l(
            "Before tax, for a whole year. Child benefit, child support and housing allowance "
            "too: multiply the monthly amount by 12."
        ),
        validators=[required(_l("Write the gross yearly income"))],
    )
    employer = StringField(
        _l("Employer"),
        validators=[Length(max=200, message=_l("Write at most 200 characters"))],
        render_kw={"autocomplete": "organization"},
    )
    years_employed = YearsField(
        _l("How many years has the person worked for this employer?"),
        description=_l("Count whole years. Write 0 if it is less than a year."),
        format_message=_l("Write the number of years with digits, for example 3"),
    )
    employment = RadioField(
        _l("Is the job permanent or temporary?"),
        choices=choices(EMPLOYMENT),
        validate_choice=False,
    )
    duration = RadioField(
        _l("Is the pension or benefit permanent or temporary?"),
        choices=choices(DURATION),
        validate_choice=False,
    )

    def __init__(self, *args: Any, people: list[tuple[str, Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member_ref.choices = choices([(ref, label) for ref, label, _name in people])
        self.names = {ref: name for ref, _label, name in people}
        if len(people) == 1 and not self.member_ref.data:  # one person: the income is theirs
            self.member_ref.data = people[0][0]
            self.member_ref.raw_data = [people[0][0]]

    def validate(self, extra_validators: Any = None) -> bool:
        # What was typed in a question that does not apply to this kind is ignored.
        if self.kind.data not in WAGE:
            self.years_employed.process_errors = []
        return bool(super().validate(extra_validators))

    def validate_gross_annual(self, field: Field) -> None:
        if field.data is not None and field.data <= 0:
            raise ValidationError(_l("The yearly amount must be more than 0"))

    def validate_employer(self, field: Field) -> None:
        if self.kind.data in WAGE and not (field.data or "").strip():
            raise ValidationError(_l("Write the name of the employer"))

    def validate_years_employed(self, field: Field) -> None:
        if self.kind.data not in WAGE or field.errors:
            return
        if field.data is None:
            raise ValidationError(_l("Write how many years the person has worked there"))
        if field.data > MAX_YEARS_EMPLOYED:
            raise ValidationError(_l("Write a number of years between 0 and 70"))

    def validate_employment(self, field: Field) -> None:
        if self.kind.data in WAGE and field.data not in dict(EMPLOYMENT):
            raise ValidationError(_l("Choose whether the job is permanent or temporary"))

    def validate_duration(self, field: Field) -> None:
        if self.kind.data in PENSION_OR_BENEFIT and field.data not in dict(DURATION):
            raise ValidationError(
                _l("Choose whether the pension or benefit is permanent or temporary")
            )

    def answers(self) -> dict[str, Any]:
        """The contract's income values; questions that do not apply to the kind are None."""
        kind = self.kind.data
        wage = kind in WAGE
        benefit = kind in PENSION_OR_BENEFIT
        employment = self.employment.data if wage else None
        duration = self.duration.data if benefit else None
        return {
            "member_ref": self.member_ref.data,
            "member_name": self.names.get(self.member_ref.data, ""),
            "kind": kind,
            "gross_annual": self.gross_annual.data,
            "permanent": "permanent" in (employment, duration),
            "employer": (self.employer.data or "").strip() if wage else None,
            "years_employed": self.years_employed.data if wage else None,
            "employment": employment,
            "duration": duration,
        }
