"""Step «Husstand»: how the household lives today, years in the municipality, car, risk.

Also the small shared pieces of the household and economy forms: a required radio group,
yes/no choices and a whole-years field.
"""

from __future__ import annotations

import re
from typing import Any

from wtforms import Field, IntegerField, RadioField
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from forms.base import StepForm, choices, required
from forms.i18n import lazy_gettext as _l

HOUSING_NOW = (
    ("rent_municipal", _l("I rent a municipal home")),
    ("rent_private", _l("I rent a home privately")),
    ("own", _l("I own my home, or a share in a housing cooperative (borettslag)")),
    ("with_family", _l("I live with family or friends")),
    ("institution", _l("I live in an institution")),
    ("prison", _l("I am in prison")),
    ("reception_centre", _l("I live in a reception centre (mottak)")),
    ("no_fixed_home", _l("I have no fixed home")),
)
CARS = (
    ("none", _l("No car")),
    ("petrol", _l("Yes, a petrol, diesel or hybrid car")),
    ("electric", _l("Yes, an electric car")),
)
YES_NO = (("yes", _l("Yes")), ("no", _l("No")))
_WHOLE_NUMBER = re.compile(r"^\d{1,3}$")


def radio(label: Any, pairs: Any, message: Any, **kwargs: Any) -> RadioField:
    """A required radio group whose every error (none chosen, forged value) is `message`."""
    return RadioField(
        label,
        choices=choices(pairs),
        validators=[required(message)],
        invalid_choice_message=message,
        **kwargs,
    )


def parse_years(text: str) -> int:
    """Whole years from '3', ' 12 ', '3 år'; ValueError for anything else."""
    cleaned = re.sub(r"(?i)\s*(år|years?)\s*$", "", text.strip())
    if not _WHOLE_NUMBER.match(cleaned):
        raise ValueError("format")
    return int(cleaned)


class YearsField(IntegerField):
    """A whole number of years; what was typed is shown back when it cannot be read."""

    widget = TextInput()  # not type=number: it changes on scroll and rejects "3 år"

    def __init__(self, *args: Any, format_message: Any, **kwargs: Any) -> None:
        render_kw = {"inputmode": "numeric", "autocomplete": "off", **kwargs.pop("render_kw", {})}
        super().__init__(*args, render_kw=render_kw, **kwargs)
        self.format_message = format_message

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = str(valuelist[0]) if valuelist else ""
        self.data = None
        if text.strip():
            try:
                self.data = parse_years(text)
            except ValueError:
                raise ValueError(self.format_message) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return "" if self.data is None else str(self.data)


class HouseholdForm(StepForm):
    """Form section 1 and 2: «Buforhold i dag», residence time, car, risk of losing the home."""

    housing_now = radio(
        _l("How do you live today?"),
        HOUSING_NOW,
        _l("Choose how you live today"),
        description=_l("If you apply with someone, choose what fits the two of you."),
    )
    years_in_municipality = YearsField(
        _l("How many years have you lived in the municipality you apply to?"),
        description=_l(
            "Count whole years. Write 0 if it is less than a year or you do not live there yet."
        ),
        validators=[required(_l("Write how many years you have lived in the municipality"))],
        format_message=_l("Write the number of years with digits, for example 3"),
    )
    car = radio(
        _l("Does the household have a car?"),
        CARS,
        _l("Choose whether the household has a car"),
        description=_l(
            "We use this to estimate the household's living costs: running a car costs money."
        ),
    )
    risk_of_losing_home = radio(
        _l("Is anyone in the household at risk of losing their home?"),
        YES_NO,
        _l("Choose whether anyone in the household is at risk of losing their home"),
        description=_l(
            "For example because of a forced sale (tvangssalg), an eviction, or housing costs "
            "you can no longer pay."
        ),
    )

    def validate_years_in_municipality(self, field: Field) -> None:
        if field.data is not None and not 0 <= field.data <= 120:
            raise ValidationError(_l("Write a number of years between 0 and 120"))

    def answers(self) -> dict[str, Any]:
        """The contract's household values: risk as a boolean."""
        return {
            "housing_now": self.housing_now.data,
            "years_in_municipality": self.years_in_municipality.data,
            "car": self.car.data,
            "risk_of_losing_home": self.risk_of_losing_home.data == "yes",
        }
