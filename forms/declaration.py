"""The declaration and consent before sending (form section 9)."""

from __future__ import annotations

from wtforms import BooleanField

from forms.base import Form, required
from forms.i18n import lazy_gettext as _l


class DeclarationForm(Form):
    """The applicant confirms the answers; sending is the signature."""

    confirm = BooleanField(
        _l(
            "I confirm that the information in the application is correct and complete, and I "
            "will tell the municipality if something changes that matters for the application."
        ),
        validators=[required(_l("Confirm that the information is correct before you send"))],
    )
