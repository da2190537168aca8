"""Step «Søkere»: contact details, marital status and the co-applicant."""

from __future__ import annotations

import re

from wtforms import EmailField, Field, RadioField, StringField, TelField
from wtforms.validators import Email, Length, ValidationError

from forms.base import StepForm, choices, required
from forms.fields import FnrField
from forms.i18n import lazy_gettext as _l
from portal.domain.wizard import COUPLE_STATUSES

MARITAL_STATUSES = (
    ("single", _l("Single")),
    ("married", _l("Married")),
    ("partner", _l("Registered partner")),
    ("cohabitant", _l("Cohabitant (samboer)")),
    ("separated", _l("Separated or divorced")),
    ("widowed", _l("Widow or widower")),
)
PHONE = re.compile(r"^\+?[\d ]{8,15}$")


class ApplicantsForm(StepForm):
    """Søker 1 comes from the login; søker 2 is named here when the applicants are a couple."""

    phone = TelField(
        _l("Mobile phone number"),
        validators=[required(_l("Write your mobile phone number"))],
        render_kw={"autocomplete": "tel"},
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[
            required(_l("Write your e-mail address")),
            Email(message=_l("Write the e-mail address like name@example.no")),
        ],
        render_kw={"autocomplete": "email"},
    )
    address = StringField(
        _l("Postal address"),
        validators=[required(_l("Write your postal address")), Length(max=200)],
        render_kw={"autocomplete": "street-address"},
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[required(_l("Write your postcode"))],
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"},
    )
    city = StringField(
        _l("Town or city"),
        validators=[required(_l("Write your town or city")), Length(max=100)],
        render_kw={"autocomplete": "address-level2"},
    )
    marital_status = RadioField(
        _l("What is your marital status?"),
        choices=choices(MARITAL_STATUSES),
        validators=[required(_l("Choose your marital status"))],
    )
    co_applicant_fnr = FnrField(
        _l("Fødselsnummer of your spouse, partner or cohabitant"),
        description=_l("Spouses, partners and cohabitants must apply together."),
    )
    co_applicant_name = StringField(
        _l("Full name of your spouse, partner or cohabitant"),
        validators=[Length(max=200)],
    )

    def __init__(self, *args: object, own_fnr: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.own_fnr = own_fnr

    def validate_phone(self, field: Field) -> None:
        if not PHONE.match(field.data or ""):
            raise ValidationError(
                _l("Write the phone number with 8 digits, for example 912 34 567")
            )

    def validate_postcode(self, field: Field) -> None:
        if not re.fullmatch(r"\d{4}", (field.data or "").strip()):
            raise ValidationError(_l("A postcode has 4 digits"))

    def validate_co_applicant_fnr(self, field: Field) -> None:
        if self.marital_status.data not in COUPLE_STATUSES or field.errors:
            return
        if not field.data:
            raise ValidationError(_l("Write the fødselsnummer of the person you apply with"))
        if field.data == self.own_fnr:
            raise ValidationError(_l("Write the other person's fødselsnummer, not your own"))

    def validate_co_applicant_name(self, field: Field) -> None:
        if self.marital_status.data in COUPLE_STATUSES and not (field.data or "").strip():
            raise ValidationError(_l("Write the name of the person you apply with"))
