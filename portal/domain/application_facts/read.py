"""Reading saved answers: saved values win over typed text, which is parsed forgivingly."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from portal.domain.wizard import Answers

MAX_KRONER = 1_000_000_000
_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_DMY = re.compile(r"^(\d{1,2})[./\- ](\d{1,2})[./\- ](\d{4})$")


def kroner(raw: Any) -> int | None:
    """Whole kroner from a saved value or typed text ('1 234 567 kr'); None when not a number."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return raw if 0 <= raw <= MAX_KRONER else None
    text = re.sub(r"(?i)\s|kr\.?|nok|,-", "", str(raw))
    text = re.sub(r"[.,]", "", text) if _GROUPED.match(text) else text
    ok = text.isascii() and text.isdigit() and int(text) <= MAX_KRONER
    return int(text) if ok else None


def day(raw: Any) -> date | None:
    """A date from an ISO value or typed text like 14.03.1992."""
    text = str(raw or "").strip()
    match = _DMY.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def yes(raw: Any) -> bool:
    """A yes/no answer: radio 'yes', checkbox 'y', or a saved boolean."""
    return raw is True or str(raw).lower() in ("yes", "y", "true", "on", "1")


def many(raw: Any) -> list[Any]:
    """A multiple choice as a list (typed text collapses a single choice to a string)."""
    return [raw] if isinstance(raw, str) else list(raw or [])


def _single(raw: Any) -> Any:
    return raw[0] if isinstance(raw, list) and len(raw) == 1 else raw


def items(answers: Answers, slug: str) -> list[dict[str, Any]]:
    """A list step's items as flat dicts: saved values over typed text, plus the item's id."""
    found = []
    for item in (answers.get(slug) or {}).get("items") or []:
        raw = {k: _single(v) for k, v in (item.get("raw") or {}).items()}
        found.append({**raw, **(item.get("values") or {}), "id": item.get("id")})
    return found
