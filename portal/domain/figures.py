"""Versioned figures (G, rates, SIFO, tax tables): loaded from data, chosen by date.

Every figure version has ``name``, ``value``, ``valid_from``, ``source`` and ``confidence``.
The shipped versions live in ``portal/data/figures/*.toml``; an extra directory (e.g. the
app's instance folder) may add versions in ``*.toml`` or ``*.json`` files, which merge in
and win over a shipped version with the same name and ``valid_from``.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FIGURES_DIR = DATA_DIR / "figures"
CONFIDENCE = ("verified", "high", "medium", "low", "UNVERIFIED")
ADDED_FILE = "added.json"


class FigureDataError(ValueError):
    """A figure file is malformed."""


@dataclass(frozen=True, eq=False, slots=True)
class FigureVersion:
    """One version of one figure (identity-hashed, so parsed tables can be cached by it)."""

    name: str
    value: Any
    valid_from: date
    source: str
    confidence: str
    note: str = ""

    @property
    def unverified(self) -> bool:
        """True when caseworkers must see this figure as unverified."""
        return self.confidence == "UNVERIFIED"

    def describe(self) -> dict[str, object]:
        """JSON-ready description (without table values)."""
        shown = self.value if isinstance(self.value, int | Decimal) else None
        return {
            "name": self.name,
            "value": float(shown) if isinstance(shown, Decimal) else shown,
            "valid_from": self.valid_from.isoformat(),
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, eq=False, slots=True)
class Figures:
    """The figures that apply on one day: per name, the latest version valid on ``day``."""

    day: date
    versions: Mapping[str, FigureVersion]
    early: frozenset[str] = frozenset()  # names with no version yet: earliest version used

    def version(self, name: str) -> FigureVersion:
        """The version of ``name`` in force (KeyError when the figure does not exist)."""
        return self.versions[name]

    def number(self, name: str) -> Decimal:
        """A scalar figure as an exact Decimal."""
        return Decimal(self.versions[name].value)

    def integer(self, name: str) -> int:
        """A scalar figure in whole kroner."""
        return int(self.versions[name].value)


@dataclass(slots=True)
class FigureStore:
    """All versions of all figures, sorted by ``valid_from``."""

    history: dict[str, list[FigureVersion]]
    _by_day: dict[date, Figures] = field(default_factory=dict)

    def on(self, day: date) -> Figures:
        """The figures in force on ``day`` (cached per day)."""
        cached = self._by_day.get(day)
        if cached is None:
            if len(self._by_day) > 4096:
                self._by_day.clear()
            cached = self._by_day[day] = _pick(self.history, day)
        return cached

    def names(self) -> list[str]:
        """Names of all known figures."""
        return sorted(self.history)

    def all_versions(self) -> list[FigureVersion]:
        """Every version of every figure, by name then date."""
        return [v for name in self.names() for v in self.history[name]]


def _pick(history: Mapping[str, list[FigureVersion]], day: date) -> Figures:
    chosen: dict[str, FigureVersion] = {}
    early: set[str] = set()
    for name, versions in history.items():
        valid = [v for v in versions if v.valid_from <= day]
        chosen[name] = valid[-1] if valid else versions[0]
        if not valid:
            early.add(name)
    return Figures(day, chosen, frozenset(early))


def parse_version(entry: Mapping[str, Any], origin: str) -> FigureVersion:
    """Build a figure version from a TOML/JSON entry; raise ``FigureDataError`` if malformed."""
    try:
        name, value, source = entry["name"], entry["value"], entry["source"]
        valid_from = entry["valid_from"]
        confidence = entry["confidence"]
    except KeyError as missing:
        raise FigureDataError(f"{origin}: figure lacks {missing}") from None
    if isinstance(valid_from, str):
        valid_from = _iso(valid_from, origin)
    if not isinstance(valid_from, date) or confidence not in CONFIDENCE:
        raise FigureDataError(f"{origin}: {name}: bad valid_from or confidence")
    if isinstance(value, float | bool) or not isinstance(value, int | Decimal | dict):
        raise FigureDataError(f"{origin}: {name}: value must be a number or a table")
    note = str(entry.get("note", ""))
    return FigureVersion(str(name), value, valid_from, str(source), confidence, note)


def _iso(text: str, origin: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FigureDataError(f"{origin}: bad date {text!r}") from None


def read_figure_file(path: Path) -> list[FigureVersion]:
    """Read one figure file (``*.toml`` or ``*.json``) with a list under the key ``figure``."""
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    else:
        data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    entries = data.get("figure", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise FigureDataError(f"{path}: expected a list under 'figure'")
    return [parse_version(e, str(path)) for e in entries]


def _figure_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".toml", ".json"))


def build_store(versions: Iterable[FigureVersion]) -> FigureStore:
    """Group versions by name; a later version with the same ``valid_from`` replaces an earlier."""
    history: dict[str, dict[date, FigureVersion]] = {}
    for version in versions:
        history.setdefault(version.name, {})[version.valid_from] = version
    return FigureStore({n: [v[d] for d in sorted(v)] for n, v in history.items()})


_STORES: dict[tuple[object, ...], FigureStore] = {}


def _signature(directory: Path) -> tuple[object, ...]:
    files = _figure_files(directory)
    return tuple((p.name, os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in files)


def _shipped() -> list[FigureVersion]:
    return [v for p in _figure_files(FIGURES_DIR) for v in read_figure_file(p)]


def load_figures(extra_dir: str | os.PathLike[str] | None = None) -> FigureStore:
    """Shipped figures merged with those in ``extra_dir``; re-read when a file there changes.

    The shipped files are read once per process; ``extra_dir`` is checked on every call (one
    directory listing), so figures added at run time are seen at once.
    """
    directory = None if extra_dir is None else Path(extra_dir)
    key = () if directory is None else (str(directory), _signature(directory))
    store = _STORES.get(key)
    if store is None:
        files = [] if directory is None else _figure_files(directory)
        store = build_store([*_shipped(), *(v for p in files for v in read_figure_file(p))])
        for old in [k for k in _STORES if k[:1] == key[:1]]:
            del _STORES[old]  # an older state of the same folder
        _STORES[key] = store
    return store


def figures_on(day: date, extra_dir: str | os.PathLike[str] | None = None) -> Figures:
    """The figures in force on ``day``, including any added in ``extra_dir``."""
    return load_figures(extra_dir).on(day)


def add_figure(directory: str | os.PathLike[str], entry: Mapping[str, Any]) -> FigureVersion:
    """Validate a new version of a known scalar figure and append it to ``directory/added.json``."""
    version = parse_version({**entry, "value": _decimal(entry.get("value"))}, "new figure")
    known = load_figures().history.get(version.name)
    if known is None:
        raise FigureDataError(f"unknown figure {version.name!r}")
    if isinstance(known[0].value, dict):
        raise FigureDataError(f"{version.name!r} is a table; add it as a file")
    path = Path(directory) / ADDED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"figure": []}
    existing["figure"].append(_as_json(version))
    path.write_text(json.dumps(existing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return version


def _decimal(value: object) -> Decimal:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise FigureDataError(f"not a number: {value!r}") from None
    if not number.is_finite():
        raise FigureDataError(f"not a number: {value!r}")
    return number


def _as_json(version: FigureVersion) -> dict[str, object]:
    value = version.value
    number = int(value) if value == value.to_integral_value() else float(value)
    return {
        "name": version.name,
        "value": number,
        "valid_from": version.valid_from.isoformat(),
        "source": version.source,
        "confidence": version.confidence,
        "note": version.note,
    }
