"""Step «Husstandsmedlemmer»: one person who will live in the home besides the applicants."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms import Field, StringField
from wtforms.validators import Length, ValidationError

from forms.base import StepForm, required
from forms.fields import DateField
from forms.household import radio
from forms.i18n import lazy_gettext as _l

ROLES = (
    ("child", _l("A child (under 18)")),
    ("other_adult", _l("An adult (18 or older)")),
)
SEXES = (("F", _l("Female")), ("M", _l("Male")))
ADULT_AGE = 18
OLDEST = 120


def age_on(birth_date: date, today: date) -> int:
    """Age in whole years on `today`."""
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


class MemberForm(StepForm):
    """Role, first name, date of birth and sex (SIFO's living costs depend on age and sex)."""

    role = radio(
        _l("Is this a child or an adult?"),
        ROLES,
        _l("Choose whether the person is a child or an adult"),
    )
    name = StringField(
        _l("First name"),
        description=_l("So you and the municipality can tell the people apart."),
        validators=[
            required(_l("Write the person's first name")),
            Length(max=100, message=_l("Write at most 100 characters")),
        ],
        render_kw={"autocomplete": "off"},
    )
    birth_date = DateField(
        _l("Date of birth"),
        description=_l("For example 02.09.2017"),
        validators=[required(_l("Write the person's date of birth"))],
    )
    sex = radio(
        _l("Sex"),
        SEXES,
        _l("Choose female or male"),
        description=_l(
            "We ask because the national reference budget for living costs (SIFO) is "
            "different for women and men, girls and boys. We only use it to estimate "
            "the household's living costs."
        ),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_name(self, field: Field) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_l("Write the person's first name"))

    def validate_birth_date(self, field: Field) -> None:
        born = field.data
        if born is None:
            return
        if born > self.today:
            raise ValidationError(_l("The date of birth cannot be in the future"))
        age = age_on(born, self.today)
        if age > OLDEST:
            raise ValidationError(_l("Check the year of birth"))
        if self.role.data == "child" and age >= ADULT_AGE:
            raise ValidationError(
                _l("A child is under 18. Check the date of birth, or choose adult")
            )
        if self.role.data == "other_adult" and age < ADULT_AGE:
            raise ValidationError(
                _l("An adult is 18 or older. Check the date of birth, or choose child")
            )

    def answers(self) -> dict[str, Any]:
        """The contract's member values (the role as in the facts, the date as ISO)."""
        return {
            "role": self.role.data,
            "name": (self.name.data or "").strip(),
            "birth_date": self.birth_date.data.isoformat(),
            "sex": self.sex.data,
        }
