"""Step «Bolig» (form section 4): the home, its ownership, values and monthly running costs."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from wtforms import Field, SelectField, StringField
from wtforms.validators import Length, ValidationError

from forms.base import StepForm, required
from forms.fields import KronerField
from forms.household import YES_NO, choices, radio
from forms.i18n import lazy_gettext as _l


class NumberField(KronerField):
    """A small whole number (rooms, square metres, years) typed with digits."""

    messages: ClassVar[dict[str, Any]] = {
        "not_a_number": _l("Write a whole number with digits, for example 3"),
        "negative": _l("The number cannot be negative"),
        "decimals": _l("Write a whole number, without decimals"),
        "too_large": _l("The number is too large"),
        "format": _l("Write a whole number with digits, for example 3"),
    }

    def display(self, data: Any) -> str:
        return str(data)


HOME_TYPES = (
    ("detached", _l("Detached house (enebolig)")),
    ("semi_detached", _l("Semi-detached house (tomannsbolig)")),
    ("terraced", _l("Terraced house (rekkehus)")),
    ("flat", _l("Flat (leilighet)")),
    ("other", _l("Other")),
)
OWNERSHIP = (
    ("freehold", _l("Freehold (selveier)")),
    ("cooperative", _l("A share in a housing cooperative (borettslag)")),
)
ENERGY_LABELS = (("", _l("I don't know")), *((c, c) for c in "ABCDEFG"))
PRICE_LABELS = {
    "build": _l("Project cost"),
    "improve": _l("Cost of the improvement or adaptation"),
    "refinance": _l("Price when you bought the home"),
}
VALUE_REQUIRED = ("refinance", "improve", "takeover")
COST_FIELDS = ("common_costs", "municipal_fees", "insurance", "maintenance")


def org_number_ok(number: str) -> bool:
    """A Norwegian organisation number: 9 digits whose last is the modulus 11 check digit."""
    if not re.fullmatch(r"\d{9}", number):
        return False
    total = sum(int(d) * w for d, w in zip(number, (3, 2, 7, 6, 5, 4, 3, 2), strict=False))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(number[8])


def _land_number(label: Any) -> StringField:
    return StringField(label, validators=[Length(max=6)], render_kw={"inputmode": "numeric"})


class HomeForm(StepForm):
    """The home applied for; what is required depends on the purpose and the ownership."""

    address = StringField(
        _l("Address of the home"),
        validators=[required(_l("Write the address of the home")), Length(max=200)],
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[required(_l("Write the postcode of the home"))],
        render_kw={"inputmode": "numeric"},
    )
    town = StringField(
        _l("Town or city"),
        validators=[required(_l("Write the town or city")), Length(max=100)],
    )
    municipality_number = StringField(
        _l("Municipality number (kommunenummer)"),
        description=_l("4 digits. It is on the sales prospectus, or at kartverket.no."),
        validators=[required(_l("Write the municipality number"))],
        render_kw={"inputmode": "numeric"},
    )
    home_type = radio(
        _l("What kind of home is it?"), HOME_TYPES, _l("Choose what kind of home it is")
    )
    home_type_other = StringField(_l("Describe the home"), validators=[Length(max=200)])
    ownership = radio(_l("How is the home owned?"), OWNERSHIP, _l("Choose how the home is owned"))
    cooperative_name = StringField(_l("Name of the housing cooperative"), [Length(max=200)])
    cooperative_org_number = StringField(
        _l("Organisation number of the housing cooperative"),
        description=_l("9 digits, on the sales prospectus or at brreg.no."),
        render_kw={"inputmode": "numeric"},
    )
    shared_debt = KronerField(
        _l("The home's share of the common debt (fellesgjeld)"),
        description=_l("In kroner, from the sales prospectus."),
    )
    gnr = _land_number(_l("Farm number (gårdsnummer, gnr.)"))
    bnr = _land_number(_l("Property number (bruksnummer, bnr.)"))
    festenr = _land_number(_l("Leasehold number (festenummer), if any"))
    seksjonsnr = _land_number(_l("Section number (seksjonsnummer), if any"))
    rooms = NumberField(
        _l("Number of rooms"),
        description=_l("Count bedrooms and living rooms, not the kitchen and bathroom."),
        validators=[required(_l("Write the number of rooms"))],
    )
    area = NumberField(
        _l("Usable area (bruksareal, BRA) in square metres"),
        validators=[required(_l("Write the usable area in square metres"))],
    )
    price = KronerField(_l("Price"), description=_l("What you pay for the home, in kroner."))
    market_value = KronerField(
        _l("Market value (verditakst)"),
        description=_l("From a valuation by a surveyor or an estate agent, if you have one."),
    )
    loan_value = KronerField(_l("Loan value (lånetakst), if you have one"))
    energy_label = SelectField(
        _l("Energy label"),
        choices=choices(ENERGY_LABELS),
        default="",
        invalid_choice_message=_l("Choose an energy label from the list"),
    )
    insured = radio(
        _l("Is the home insured, or will it be?"),
        YES_NO,
        _l("Choose whether the home is or will be insured"),
    )
    common_costs = KronerField(
        _l("Common costs (felleskostnader) per month"),
        description=_l("For a flat or a share in a housing cooperative. Write 0 if none."),
    )
    municipal_fees = KronerField(
        _l("Municipal fees (kommunale avgifter) per month"),
        description=_l("Water, sewage, waste and property tax. Divide the yearly amount by 12."),
    )
    insurance = KronerField(_l("Home insurance per month"))
    maintenance = KronerField(
        _l("Maintenance per month"),
        description=_l("What you expect to spend to keep the home in good repair."),
    )

    def __init__(self, *args: Any, purpose: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.purpose = purpose
        self.price.label.text = PRICE_LABELS.get(purpose or "", self.price.label.text)

    def validate_postcode(self, field: Field) -> None:
        if field.data and not re.fullmatch(r"\d{4}", field.data.strip()):
            raise ValidationError(_l("A postcode has 4 digits"))

    def validate_municipality_number(self, field: Field) -> None:
        if field.data and not re.fullmatch(r"\d{4}", field.data.strip()):
            raise ValidationError(_l("A municipality number has 4 digits, for example 4601"))

    def validate_home_type_other(self, field: Field) -> None:
        if self.home_type.data == "other" and not (field.data or "").strip():
            raise ValidationError(_l("Describe what kind of home it is"))

    def _cooperative(self) -> bool:
        return self.ownership.data == "cooperative"

    def validate_cooperative_name(self, field: Field) -> None:
        if self._cooperative() and not (field.data or "").strip():
            raise ValidationError(_l("Write the name of the housing cooperative"))

    def validate_cooperative_org_number(self, field: Field) -> None:
        number = re.sub(r"\s", "", field.data or "")
        if self._cooperative() and not number:
            raise ValidationError(_l("Write the organisation number of the housing cooperative"))
        if number and not org_number_ok(number):
            raise ValidationError(_l("Check the organisation number: it has 9 digits"))

    def validate_shared_debt(self, field: Field) -> None:
        if self._cooperative() and field.data is None and not field.errors:
            raise ValidationError(_l("Write the home's share of the common debt, or 0"))

    def validate_gnr(self, field: Field) -> None:
        _digits(field)

    validate_bnr = validate_festenr = validate_seksjonsnr = validate_gnr

    def validate_rooms(self, field: Field) -> None:
        if field.data is not None and not 1 <= field.data <= 50:
            raise ValidationError(_l("Write a number of rooms between 1 and 50"))

    def validate_area(self, field: Field) -> None:
        if field.data is not None and not 5 <= field.data <= 2000:
            raise ValidationError(_l("Write the area in square metres, between 5 and 2000"))

    def validate_price(self, field: Field) -> None:
        if self.purpose != "refinance" and field.data is None and not field.errors:
            raise ValidationError(_l("Write the amount in kroner"))

    def validate_market_value(self, field: Field) -> None:
        if self.purpose in VALUE_REQUIRED and field.data is None and not field.errors:
            raise ValidationError(_l("Write the market value from the valuation"))

    def monthly_costs(self) -> int:
        """The home's running costs per month (what the assessment counts for the home)."""
        return sum(getattr(self, name).data or 0 for name in COST_FIELDS)


def _digits(field: Field) -> None:
    if field.data and not field.data.strip().isdigit():
        raise ValidationError(_l("Write the number with digits only"))
