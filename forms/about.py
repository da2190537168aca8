"""Step «Om søknaden»: municipality, what you apply for, the purpose, pre-approval or a home."""

from __future__ import annotations

from wtforms import Field, RadioField, SelectField, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forms.base import StepForm, choices, required
from forms.i18n import lazy_gettext as _l

APPLYING_FOR = (
    ("startlan", _l("Startlån")),
    ("tilskudd_etablering", _l("Grant for buying a home (tilskudd til etablering)")),
    ("tilskudd_tilpasning", _l("Grant for adapting a home (tilskudd til tilpasning)")),
    ("bank_loan", _l("Startlån together with a loan from my bank")),
)
PURPOSES = (
    ("purchase", _l("Buy a home")),
    ("refinance", _l("Refinance debt so I can stay in my home")),
    ("takeover", _l("Take over the home after a separation")),
    ("improve", _l("Improve or adapt the home I live in")),
    ("build", _l("Build a home")),
)
PRE_APPROVAL = (
    ("no", _l("Yes, I have found a home, or I apply for the home I live in")),
    ("yes", _l("No, I want a pre-approval (finansieringsbevis) so I can look for a home")),
)
OWN_HOME_PURPOSES = ("refinance", "takeover", "improve")


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AboutForm(StepForm):
    """What the application is for; built with the list of municipalities."""

    municipality = SelectField(
        _l("Which municipality do you apply to?"),
        description=_l("Apply to the municipality where you will live."),
        validators=[required(_l("Choose the municipality you apply to"))],
    )
    applying_for = CheckboxesField(
        _l("What do you apply for?"),
        choices=choices(APPLYING_FOR),
        description=_l("Choose everything that applies."),
        validators=[required(_l("Choose at least one thing to apply for"))],
    )
    purpose = RadioField(
        _l("What will the loan or grant be used for?"),
        choices=choices(PURPOSES),
        validators=[required(_l("Choose what the loan or grant will be used for"))],
    )
    pre_approval = RadioField(
        _l("Do you know which home it is?"),
        choices=choices(PRE_APPROVAL),
        validators=[required(_l("Choose whether you have found a home"))],
    )

    def __init__(self, *args: object, municipalities: list[tuple[str, str]], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.municipality.choices = choices([("", _l("Choose municipality")), *municipalities])

    def validate_pre_approval(self, field: Field) -> None:
        if field.data == "yes" and self.purpose.data in OWN_HOME_PURPOSES:
            raise ValidationError(_l("A pre-approval is only for buying or building a home"))
