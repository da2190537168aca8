"""Step «Særlige forhold» (form section 10): anything else, and special needs.

Health information is a special category of personal data (GDPR art. 9): it is stored only
when the applicant has ticked the separate consent box. Without it, choosing a disability or
health need, or writing about health, is an error and nothing of the page is saved.
"""

from __future__ import annotations

import re
from typing import Any

from wtforms import BooleanField, Field, TextAreaField
from wtforms.validators import Length, ValidationError

from forms.about import CheckboxesField
from forms.base import StepForm
from forms.household import choices
from forms.i18n import lazy_gettext as _l

NEEDS = (
    ("disability", _l("Someone in the household has a disability")),
    ("health", _l("Someone in the household has health problems that matter for the housing")),
    ("social", _l("The household has special social challenges")),
)
HEALTH_NEEDS = ("disability", "health")
# Words that show the free text is about health (bokmål, nynorsk, English stems).
HEALTH_WORDS = re.compile(
    r"(?i)\b(helse\w*|sykdom\w*|sjukdom\w*|syk|sjuk|sykemeld\w*|sjukemeld\w*|diagnos\w*"
    r"|funksjonshem\w*|funksjonsnedsett\w*|nedsatt funksjonsevne|nedsett funksjonsevne"
    r"|rullestol\w*|psykisk\w*|depresjon\w*|angst|kreft|lege|legen|medisin\w*|uføre\w*"
    r"|rusavhengig\w*|rusproblem\w*|health|illness\w*|ill|disab\w*|wheelchair\w*|mental"
    r"|cancer|doctor\w*|medication\w*|depression|anxiety)\b"
)

CONSENT_MISSING = _l(
    "Tick the box to consent to the processing of health information, or remove the health"
    " information"
)


class SpecialForm(StepForm):
    """Free text, special needs and the consent to process health information."""

    needs = CheckboxesField(
        _l("Does any of this apply to your household?"),
        description=_l("Choose everything that applies. You can skip this."),
        choices=choices(NEEDS),
        invalid_choice_message=_l("Choose only from the options shown"),
    )
    details = TextAreaField(
        _l("Is there anything else the municipality should know?"),
        description=_l(
            "For example why you need a home now, or what makes your situation difficult."
        ),
        validators=[Length(max=4000, message=_l("Write at most 4000 characters"))],
    )
    health_consent = BooleanField(
        _l("I consent to the municipality processing the health information I give here"),
        description=_l(
            "Only needed if you tell us about health or disability. The municipality uses it"
            " only to assess this application. You can withdraw the consent by removing the"
            " information."
        ),
    )

    def has_health_information(self) -> bool:
        """Whether the page holds health information (a health need, or text about health)."""
        chosen = set(self.needs.data or ()) & set(HEALTH_NEEDS)
        return bool(chosen) or bool(HEALTH_WORDS.search(self.details.data or ""))

    def validate_health_consent(self, field: Field) -> None:
        if self.has_health_information() and not field.data:
            raise ValidationError(CONSENT_MISSING)

    def may_save_unchecked(self) -> bool:
        """Health information is never stored without consent, not even by "continue later"."""
        return self.consent_given_if_needed()

    def consent_given_if_needed(self) -> bool:
        """False (with the error on the consent box) when health information lacks consent."""
        self.health_consent.errors = []
        try:
            self.validate_health_consent(self.health_consent)
        except ValidationError as error:
            self.health_consent.errors = [str(error)]
            return False
        return True

    def answers(self) -> dict[str, Any]:
        return {**super().answers(), "health_consent": bool(self.health_consent.data)}
