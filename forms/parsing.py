"""Forgiving parsers for what people type: amounts in kroner and dates.

Pure functions (no WTForms) so they can be tested and reused; each returns the value or
raises ValueError with a short code the field turns into a translated message.
"""

from __future__ import annotations

import re
from datetime import date

_AMOUNT_NOISE = re.compile(r"(?i)^\s*(?:kr\.?|nok)?\s*|\s*(?:kr\.?|nok|,-|\.-)?\s*$")
_GROUPED = re.compile(r"^\d{1,3}(?:[ .,]\d{3})+$")
_DATE_PARTS = re.compile(r"^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
MAX_AMOUNT = 1_000_000_000


def parse_kroner(text: str) -> int:
    """Whole kroner from '1 234 567', '1234567', '1 234 567 kr', '1.234.567', 'kr 1 234,-'."""
    cleaned = _AMOUNT_NOISE.sub("", text.replace("\u00a0", " ").replace("\u202f", " "))
    if not cleaned:
        raise ValueError("empty")
    if cleaned.startswith("-"):
        raise ValueError("negative")
    if cleaned.isdigit():
        value = int(cleaned)
    elif _GROUPED.match(cleaned):
        value = int(re.sub(r"[ .,]", "", cleaned))
    elif re.match(r"^[\d .]+,\d{1,2}$", cleaned):
        raise ValueError("decimals")
    else:
        raise ValueError("not_a_number")
    if value > MAX_AMOUNT:
        raise ValueError("too_large")
    return value


def parse_date(text: str) -> date:
    """A date from '14.03.1992', '14.3.1992', '14/03/1992', '14 03 1992', '14031992' or ISO."""
    cleaned = text.strip()
    for pattern, order in ((_DATE_PARTS, "dmy"), (_COMPACT_DATE, "dmy"), (_ISO_DATE, "ymd")):
        match = pattern.match(cleaned)
        if match:
            parts = dict(zip(order, (int(group) for group in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                raise ValueError("no_such_date") from None
    raise ValueError("empty" if not cleaned else "format")
