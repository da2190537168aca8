"""Fields that forgive how people type: kroner amounts, dates and fødselsnummer."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from flask import current_app
from wtforms import StringField

from forms.i18n import lazy_gettext as _l
from forms.parsing import parse_date, parse_kroner
from portal.domain import fnr

AMOUNT_MESSAGES = {
    "not_a_number": _l("Write the amount with digits only, for example 250 000"),
    "negative": _l("The amount cannot be negative"),
    "decimals": _l("Write whole kroner, without øre"),
    "too_large": _l("The amount is too large. Check the number of zeros"),
}
DATE_MESSAGES = {
    "format": _l("Write the date as day.month.year, for example 14.03.1992"),
    "no_such_date": _l("That date does not exist. Check the day and month"),
}
FNR_MESSAGES = {
    "format": _l("A fødselsnummer has 11 digits"),
    "checksum": _l("Check the fødselsnummer: the digits do not add up"),
    "date": _l("Check the fødselsnummer: the first six digits are not a date"),
    "synthetic": _l("Use a real fødselsnummer or D-number"),
}


class _ParsedField(StringField):
    """A text input whose data is parsed; what the person typed is shown back on errors."""

    messages: ClassVar[dict[str, Any]] = {}

    def parse(self, text: str) -> Any:
        raise NotImplementedError

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.raw_data = valuelist
        text = str(valuelist[0]) if valuelist else ""
        self.data = None
        if text.strip():
            try:
                self.data = self.parse(text)
            except ValueError as error:
                raise ValueError(self.messages.get(str(error), self.messages["format"])) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return self.display(self.data) if self.data is not None else ""

    def display(self, data: Any) -> str:
        return str(data)


class KronerField(_ParsedField):
    """Whole kroner; accepts '1 234 567', '1.234.567', '1 234 567 kr'."""

    messages: ClassVar[dict[str, Any]] = {
        **AMOUNT_MESSAGES,
        "format": AMOUNT_MESSAGES["not_a_number"],
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        render_kw = {"inputmode": "numeric", "autocomplete": "off", **kwargs.pop("render_kw", {})}
        super().__init__(*args, render_kw=render_kw, **kwargs)

    def parse(self, text: str) -> int:
        return parse_kroner(text)

    def display(self, data: Any) -> str:
        return f"{int(data):,}".replace(",", "\u00a0")


class DateField(_ParsedField):
    """A date typed as 14.03.1992, 14/3/1992, 14031992 or 1992-03-14."""

    messages: ClassVar[dict[str, Any]] = DATE_MESSAGES

    def parse(self, text: str) -> date:
        return parse_date(text)

    def display(self, data: Any) -> str:
        return data.strftime("%d.%m.%Y") if isinstance(data, date) else str(data)


class FnrField(_ParsedField):
    """A fødselsnummer or D-number; synthetic test numbers only outside production."""

    messages: ClassVar[dict[str, Any]] = FNR_MESSAGES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        render_kw = {"inputmode": "numeric", "autocomplete": "off", **kwargs.pop("render_kw", {})}
        super().__init__(*args, render_kw=render_kw, **kwargs)

    def parse(self, text: str) -> str:
        result = fnr.parse(text, allow_synthetic=current_app.config["ALLOW_SYNTHETIC_FNR"])
        if isinstance(result, str):
            raise ValueError(result)
        return result.number
