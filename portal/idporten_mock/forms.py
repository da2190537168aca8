"""The picker form: a test person or a typed synthetic fødselsnummer, and the security level."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice

from portal.domain.fnr import Identity, parse
from portal.i18n import gettext as _
from portal.i18n import lazy_gettext as _l
from portal.idporten_mock.persons import all_persons, find_person

SUBSTANTIAL = "idporten-loa-substantial"
HIGH = "idporten-loa-high"
LOW = "idporten-loa-low"  # not offered by ID-porten: only to test a client's "level too low"
ACR_VALUES = (SUBSTANTIAL, HIGH)
LEVEL_RANK = {LOW: 0, SUBSTANTIAL: 1, HIGH: 2}


def requested_level(acr_values: str | None) -> str:
    """The lowest supported level the client asked for in acr_values; substantial if none."""
    asked = [value for value in (acr_values or "").split() if value in ACR_VALUES]
    return min(asked, key=LEVEL_RANK.__getitem__) if asked else SUBSTANTIAL


def level_is_enough(acr: str, acr_values: str | None) -> bool:
    """Whether a session at `acr` satisfies the client's acr_values."""
    return LEVEL_RANK.get(acr, -1) >= LEVEL_RANK[requested_level(acr_values)]


def _fnr_error(result: Identity | str) -> str | None:
    if isinstance(result, Identity):
        if result.synthetic:
            return None
        return _("Only synthetic test numbers can be used here. Never type a real fødselsnummer.")
    return {
        "format": _("A fødselsnummer has 11 digits. Check the number you typed."),
        "checksum": _("The check digits do not match. Check the number you typed."),
        "date": _("The number does not contain a valid date of birth. Check the number."),
    }.get(result, _("Check the number you typed."))


class PickerForm(FlaskForm):
    """Who logs in, and at which level. A typed number wins over a chosen test person."""

    # A test person's pid; the template draws the radio buttons (with a description each).
    person = RadioField(validate_choice=False)
    fnr = StringField(
        _l("Or type a synthetic fødselsnummer"),
        description=_l(
            "11 digits. Synthetic test numbers have 8 or 9 as the third digit. "
            "If you type a number, it is used instead of the person you chose."
        ),
        filters=[lambda value: "".join((value or "").split())],
    )
    level = RadioField(
        _l("Security level"),
        choices=[
            SelectChoice(SUBSTANTIAL, _l("Substantial (idporten-loa-substantial), like MinID")),
            SelectChoice(HIGH, _l("High (idporten-loa-high), like BankID")),
            SelectChoice(
                LOW, _l("Simulate a level that is too low (idporten-loa-low), for testing")
            ),
        ],
        default=SUBSTANTIAL,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person.choices = [SelectChoice(person.pid, person.name) for person in all_persons()]

    def validate(self, extra_validators: Any = None) -> bool:
        """Check the person or the typed number; errors are instructions next to the field."""
        if not super().validate(extra_validators):
            return False
        if self.fnr.data:
            result = parse(self.fnr.data, allow_synthetic=True)
            error = _fnr_error(result)
            if error:
                self.fnr.errors.append(error)
                if isinstance(result, Identity):
                    self.fnr.data = ""  # a real person's number: do not show it again
                return False
        elif find_person(self.person.data or "") is None:
            self.person.errors.append(_("Choose a test person, or type a synthetic fødselsnummer."))
            return False
        return True

    def chosen(self) -> tuple[str, str]:
        """The (pid, display name) of the person logging in; call after validate()."""
        if self.fnr.data:
            person = find_person(self.fnr.data)
            return self.fnr.data, person.name if person else "Testperson"
        person = find_person(self.person.data or "")
        assert person is not None
        return person.pid, person.name
