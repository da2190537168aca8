"""Message catalogues (nb, nn, en) for hints and invalid facts, loaded once from data files."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from portal.domain.facts import LANGUAGES
from portal.domain.figures import DATA_DIR
from portal.domain.money import format_kroner
from portal.domain.validate import FieldError

LEVELS = ("blocker", "warning", "info")


@dataclass(frozen=True, slots=True)
class Kroner:
    """A message parameter to format as an amount of money."""

    amount: int


@dataclass(frozen=True, slots=True)
class Label:
    """A message parameter naming a phrase in the hint's entry (``what_<key>``)."""

    key: str


Param = Kroner | Label | int | str


@dataclass(frozen=True, slots=True)
class HintText:
    """A hint's level, default rule citation, rules section and messages."""

    code: str
    level: str
    rule: str
    section: str | None
    messages: Mapping[str, str]
    labels: Mapping[str, Mapping[str, str]]


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def _hint(code: str, entry: Mapping[str, Any]) -> HintText:
    if entry["level"] not in LEVELS or any(lang not in entry for lang in LANGUAGES):
        raise ValueError(f"hints.toml: {code} lacks a valid level or a language")
    labels = {k[5:]: v for k, v in entry.items() if k.startswith("what_")}
    messages = {lang: str(entry[lang]) for lang in LANGUAGES}
    return HintText(code, entry["level"], entry["rule"], entry.get("section"), messages, labels)


@cache
def hint_catalogue() -> Mapping[str, HintText]:
    """Every hint code with its texts, in the order of ``portal/data/hints.toml``."""
    return {code: _hint(code, entry) for code, entry in _read("hints.toml").items()}


@cache
def error_catalogue() -> Mapping[str, Mapping[str, str]]:
    """Messages for invalid facts by code and language."""
    return _read("facts_errors.toml")


def language(lang: str) -> str:
    """``lang`` when supported, else the default (nb)."""
    return lang if lang in LANGUAGES else "nb"


def _param(text: HintText, value: Param, lang: str) -> str:
    if isinstance(value, Kroner):
        return format_kroner(value.amount, lang)
    if isinstance(value, Label):
        return text.labels[value.key][lang]
    return str(value)


def hint_message(code: str, params: Mapping[str, Param], lang: str) -> str:
    """The hint's message in ``lang`` with its parameters filled in."""
    text = hint_catalogue()[code]
    lang = language(lang)
    if not params:
        return text.messages[lang]
    return text.messages[lang].format(**{k: _param(text, v, lang) for k, v in params.items()})


def error_message(error: FieldError, lang: str) -> str:
    """The message for one invalid field in ``lang``."""
    template = error_catalogue()[error.code][language(lang)]
    return template.format(**dict(error.params))


def errors_json(errors: Iterable[FieldError], lang: str) -> dict[str, list[dict[str, str]]]:
    """The contract's error result: ``{"errors": [{"field": ..., "message": ...}]}``."""
    return {"errors": [{"field": e.field, "message": error_message(e, lang)} for e in errors]}
