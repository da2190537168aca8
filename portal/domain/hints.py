"""Hints: which rules speak for or against the application, with citation and message."""

from __future__ import annotations

from dataclasses import dataclass

from portal.domain.checks import CHECKS, Context
from portal.domain.messages import LEVELS, hint_catalogue, hint_message
from portal.domain.rules import MunicipalRules

HINT_CODES = tuple(CHECKS)


@dataclass(frozen=True, slots=True)
class Hint:
    """One hint: its code, level, the rule it comes from and a message in one language."""

    code: str
    level: str
    rule: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form, as in the contract."""
        return {"code": self.code, "level": self.level, "rule": self.rule, "message": self.message}


def citation(code: str, rules: MunicipalRules) -> str:
    """The rule a hint cites: the municipal section's rule when there is one, else the default."""
    return citations(rules)[code]


_CITATIONS: dict[MunicipalRules, dict[str, str]] = {}


def citations(rules: MunicipalRules) -> dict[str, str]:
    """Every hint code's citation under ``rules`` (worked out once per rules object)."""
    found = _CITATIONS.get(rules)
    if found is None:
        if len(_CITATIONS) > 1024:
            _CITATIONS.clear()
        found = _CITATIONS[rules] = {
            code: (rules.citation(text.section) if text.section else None) or text.rule
            for code, text in hint_catalogue().items()
        }
    return found


def evaluate(context: Context, lang: str) -> list[Hint]:
    """Every hint that applies, blockers first, then warnings, then information."""
    catalogue, cited = hint_catalogue(), citations(context.rules)
    found = []
    for code, check in CHECKS.items():
        params = check(context)
        if params is not None:
            level = catalogue[code].level
            message = hint_message(code, params, lang)
            found.append(Hint(code, level, cited[code], message))
    return sorted(found, key=lambda h: LEVELS.index(h.level))
