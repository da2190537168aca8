"""The base form: CSRF from Flask-WTF, our own translated messages, and the step version."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from babel import support
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import HiddenField
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path
from wtforms.validators import InputRequired

from forms import markup
from forms.i18n import current_language
from forms.i18n import lazy_gettext as _l


@lru_cache(maxsize=8)
def _wtforms_messages(locale: str) -> support.Translations:
    """WTForms' own messages for a locale, loaded once per process."""
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class Form(FlaskForm):
    """Every portal form; WTForms' own English messages are never shown."""

    class Meta:
        locales = False
        # Every POST is checked once, app-wide, by CSRFProtect (portal/extensions.py) before
        # any view runs; a second check per form signed and verified the token again.
        csrf = False

        def get_translations(self, form: Any) -> support.Translations:
            # Flask-WTF reads and parses wtforms.mo again on every request (measured: a third
            # of a millisecond per form page); the catalogue never changes while we run.
            return _wtforms_messages(current_language())

        def render_field(self, field: Any, render_kw: dict[str, Any]) -> Markup:
            # Inputs written the way WTForms writes them, faster (forms/markup.py).
            return markup.widget(field, **render_kw)


class StepForm(Form):
    """A wizard step: carries the version of the answers the page was built from."""

    version = HiddenField(default="0")

    def answers(self) -> dict[str, Any]:
        """The validated answers, keyed by field name (no CSRF token, no version)."""
        skip = {"csrf_token", "version", "submit", "action"}
        return {name: field.data for name, field in self._fields.items() if name not in skip}

    def may_save_unchecked(self) -> bool:
        """Whether "Save and continue later" may keep what was typed without validating it.

        A step whose answers must never be stored unchecked (health information without
        consent) says no here, with the error set on the field.
        """
        return True

    def posted_version(self) -> int:
        """The version the page was built from; 0 when missing or forged."""
        return parse_version(self.version.data)


def required(message: Any) -> InputRequired:
    """A required-field check whose message tells the person what to do."""
    return InputRequired(message=message)


CHOOSE_ONE = _l("Choose one of the options")


def choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """Choices for select, radio and checkbox fields (WTForms 3.3 wants SelectChoice)."""
    return [SelectChoice(value, label) for value, label in pairs]


def parse_version(text: Any) -> int:
    """A posted step version; 0 when missing or forged (a stale post, never an error)."""
    try:
        return max(0, int(text or 0))
    except ValueError:
        return 0
