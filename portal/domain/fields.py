"""Field parsers for JSON-like input: each records errors by field path instead of raising.

Each error names the field by its path (``household.members[1].birth_date``) and a message
code; ``portal.domain.messages`` renders the code in nb, nn or en.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MAX_KRONER = 1_000_000_000
MAX_MEMBERS = 30
MAX_ROWS = 100


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with the facts: the field's path, a message code and its parameters."""

    field: str
    code: str
    params: tuple[tuple[str, str], ...] = ()


class FactsError(ValueError):
    """The facts are not valid; ``errors`` lists every problem found."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} invalid field(s)")
        self.errors = errors


class _Invalid:
    """Marks a value that failed to parse (its error is already recorded)."""


INVALID: Any = _Invalid()
REQUIRED: Any = object()
Parser = Callable[["Ctx", object, str], Any]
# Parsers whose common, valid input obj() accepts without calling them (for speed): the type
# for kroner, boolean and null, the options for choice().
_FAST: dict[Parser, object] = {}


@dataclass(slots=True)
class Ctx:
    """Collects the errors found while parsing."""

    errors: list[FieldError] = field(default_factory=list)

    def fail(self, path: str, code: str, **params: object) -> Any:
        """Record an error at ``path`` and return the INVALID marker."""
        self.errors.append(FieldError(path, code, tuple((k, str(v)) for k, v in params.items())))
        return INVALID


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def kroner(ctx: Ctx, value: object, path: str) -> Any:
    """Whole kroner, 0 ≤ amount ≤ MAX_KRONER (integral floats are accepted)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ctx.fail(path, "whole_kroner")
    if isinstance(value, float):
        if not value.is_integer():
            return ctx.fail(path, "whole_kroner")
        value = int(value)
    if value < 0:
        return ctx.fail(path, "not_negative")
    if value > MAX_KRONER:
        return ctx.fail(path, "too_large", max=MAX_KRONER)
    return value


def count(low: int, high: int) -> Parser:
    """A whole number from ``low`` to ``high``."""

    def parse(ctx: Ctx, value: object, path: str) -> Any:
        number = kroner(ctx, value, path)
        if number is INVALID:
            return INVALID
        if not low <= number <= high:
            return ctx.fail(path, "range", min=low, max=high)
        return number

    return parse


def rate(ctx: Ctx, value: object, path: str) -> Any:
    """A yearly rate as a finite decimal, 0 ≤ rate < 1."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return ctx.fail(path, "rate")
    if not 0 <= value < 1:
        return ctx.fail(path, "rate")
    return float(value)


def boolean(ctx: Ctx, value: object, path: str) -> Any:
    """true or false."""
    return value if isinstance(value, bool) else ctx.fail(path, "boolean")


def choice(options: tuple[str, ...]) -> Parser:
    """One of ``options``."""

    def parse(ctx: Ctx, value: object, path: str) -> Any:
        if isinstance(value, str) and value in options:
            return value
        return ctx.fail(path, "choice", options=", ".join(options))

    _FAST[parse] = frozenset(options)
    return parse


def iso_date(ctx: Ctx, value: object, path: str) -> Any:
    """A date written YYYY-MM-DD (years 1900–2100)."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return ctx.fail(path, "date")
        if 1900 <= day.year <= 2100:
            return day
    return ctx.fail(path, "date")


def municipality(ctx: Ctx, value: object, path: str) -> Any:
    """A four-digit kommunenummer as a string."""
    if isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit():
        return value
    return ctx.fail(path, "municipality")


def nullable(parser: Parser) -> Parser:
    """``parser``, or null."""

    def parse(ctx: Ctx, value: object, path: str) -> Any:
        return None if value is None else parser(ctx, value, path)

    _FAST[parse] = type(None)
    return parse


def list_of(item: Parser, low: int, high: int, unique: bool = False) -> Parser:
    """A list of ``low`` to ``high`` items, each parsed by ``item``."""

    def parse(ctx: Ctx, value: object, path: str) -> Any:
        if not isinstance(value, list):
            return ctx.fail(path, "list")
        if not low <= len(value) <= high:
            return ctx.fail(path, "list_length", min=low, max=high)
        items = [item(ctx, v, f"{path}[{i}]") for i, v in enumerate(value)]
        if INVALID in items:
            return INVALID
        if unique and len(set(items)) != len(items):
            return ctx.fail(path, "duplicates")
        return tuple(items)

    return parse


Spec = Mapping[str, tuple[Parser, Any]]
_FAST.update({kroner: int, boolean: bool})


def _entries(spec: Spec) -> list[tuple[str, Parser, Any, object]]:
    return [(key, parser, default, _FAST.get(parser)) for key, (parser, default) in spec.items()]


def obj(spec: Spec, build: Callable[..., Any]) -> Parser:
    """An object with exactly the keys of ``spec`` (defaults filled in), built by ``build``."""
    entries, known = _entries(spec), frozenset(spec)

    def parse(ctx: Ctx, value: object, path: str) -> Any:
        if not isinstance(value, dict):
            return ctx.fail(path, "object")
        if not known.issuperset(value):
            for key in value:
                if key not in known:
                    ctx.fail(_join(path, str(key)), "unknown_key")
        values, valid = {}, True
        for key, parser, default, fast in entries:
            if key not in value:
                parsed = ctx.fail(_join(path, key), "required") if default is REQUIRED else default
                values[key] = parsed
                valid = valid and parsed is not INVALID
                continue
            raw = value[key]
            kind = type(raw)  # inlined fast path: valid kroner, booleans and choices
            if kind is fast:
                quick = kind is not int or 0 <= raw <= MAX_KRONER
            else:
                quick = kind is str and type(fast) is frozenset and raw in fast
            parsed = raw if quick else parser(ctx, raw, _join(path, key))
            valid = valid and parsed is not INVALID
            values[key] = parsed
        return build(**values) if valid else INVALID

    return parse
