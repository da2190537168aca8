"""The assessment: ``assess(facts) -> Result``, and its command line.

    python -m portal.domain.assess [--lang nb|nn|en] [--figures-dir DIR] [FILE.json]

prints the result as JSON and exits 0; invalid facts print ``{"errors": [...]}`` and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from portal.domain import calc, sifo, tax
from portal.domain.checks import Context
from portal.domain.facts import LANGUAGES, Facts
from portal.domain.figures import FigureStore, FigureVersion, load_figures
from portal.domain.hints import Hint, evaluate
from portal.domain.messages import errors_json, hint_catalogue
from portal.domain.rules import MunicipalRules, RuleBook, load_rules
from portal.domain.validate import FactsError, FieldError, parse_facts


def _json_copy(value: object) -> object:
    """A fresh JSON-ready copy of a cached (shared, read-only) value."""
    if isinstance(value, tuple | list):
        return [dict(v) if isinstance(v, dict) else v for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of an assessment: the numbers, the hints and the figures they rest on.

    ``figures`` and ``municipality`` share cached parts between results: treat them as
    read-only, or use ``to_dict()``, which hands out fresh copies.
    """

    as_of: date
    figures: Mapping[str, object]
    numbers: calc.Numbers
    hints: tuple[Hint, ...]
    sifo: sifo.SifoBudget
    municipality: Mapping[str, object]

    @property
    def codes(self) -> list[str]:
        """The hint codes, in order."""
        return [h.code for h in self.hints]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready result, in the contract's shape (plus a few extra keys)."""
        n = self.numbers
        return {
            "as_of": self.as_of.isoformat(),
            "figures": {k: _json_copy(v) for k, v in self.figures.items()},
            "net_income_monthly": n.net_income_monthly,
            "living_costs_monthly": n.living_costs_monthly,
            "fixed_costs_monthly": n.fixed_costs_monthly,
            "home_costs_monthly": n.home_costs_monthly,
            "disposable_monthly": n.disposable_monthly,
            "max_loan": n.max_loan,
            "requested_payment_monthly": n.requested_payment_monthly,
            "hints": [h.to_dict() for h in self.hints],
            "max_loan_50": n.max_loan_50,
            "net_income_estimated": n.net_income_estimated,
            "sifo": self.sifo.to_dict(),
            "municipality": dict(self.municipality),  # cached per rules: copy
        }


def _used(
    rates: calc.Rates, versions: Mapping[str, FigureVersion], estimated: bool
) -> list[FigureVersion]:
    names = ["grunnbelop", "sifo"]
    if estimated:
        names.append("tax")
    if "interest_rate" not in rates.overridden:
        names.append("husbanken_rate")
    if "stress_rate" not in rates.overridden:
        names += ["policy_rate", "stress_margin"]
    return [versions[name] for name in names]


def _source(version: FigureVersion) -> str:
    valid = version.valid_from.isoformat()
    return f"{version.source} ({version.name}, fra {valid}, {version.confidence})"


def _rule_sources(rules: MunicipalRules, rates: calc.Rates) -> list[tuple[str, str]]:
    sections = []
    if "interest_rate" not in rates.overridden:
        sections.append("interest_margin")
    if "fee_per_term" not in rates.overridden:
        sections.append("fees")
    return [(s, rules.confidence(s)) for s in sections if rules.citation(s)]


_STATIC: dict[tuple[object, ...], dict[str, object]] = {}


def _static_block(
    used: list[FigureVersion], rules: MunicipalRules, rates: calc.Rates
) -> dict[str, object]:
    """The parts of the figures block that depend only on which figures and rules were used."""
    key = (*used, rules, rates.overridden)
    block = _STATIC.get(key)
    if block is None:
        by_name = {v.name: v for v in used}
        rule_sources = _rule_sources(rules, rates)
        unverified = [v.name for v in used if v.unverified]
        unverified += [f"rules.{s}" for s, c in rule_sources if c == "UNVERIFIED"]
        block = {
            "sifo_year": int(by_name["sifo"].value["year"]),
            "grunnbelop": int(by_name["grunnbelop"].value),
            "tax_year": int(by_name["tax"].value["year"]) if "tax" in by_name else None,
            # tuples: this block is shared between results (to_dict() hands out copies)
            "sources": (*map(_source, used), *(str(rules.citation(s)) for s, _ in rule_sources)),
            "unverified": tuple(unverified),
            "used": tuple(v.describe() for v in used),
            "overridden": tuple(sorted(rates.overridden)),
        }
        if len(_STATIC) > 4096:
            _STATIC.clear()
        _STATIC[key] = block
    return block


def figures_block(
    rates: calc.Rates, used: list[FigureVersion], rules: MunicipalRules
) -> dict[str, object]:
    """The result's ``figures``: values used, their sources and which are unverified."""
    static = _static_block(used, rules, rates)
    return {
        "sifo_year": static["sifo_year"],
        "interest_rate": rates.interest_rate,
        "stress_rate": rates.stress_rate,
        "fee_per_term": rates.fee_per_term,
        **static,
    }


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple | list) else ()


def _unverified_rules(hints: list[Hint], rules: MunicipalRules) -> list[str]:
    """``rules.<section>`` for each hint resting on a municipal rule marked UNVERIFIED."""
    sections = [hint_catalogue()[h.code].section for h in hints]
    return [
        f"rules.{s}"
        for s in dict.fromkeys(sections)
        if s and s in rules.sections and rules.confidence(s) == "UNVERIFIED"
    ]


_DESCRIBED: dict[MunicipalRules, dict[str, object]] = {}


def _describe(rules: MunicipalRules) -> dict[str, object]:
    described = _DESCRIBED.get(rules)
    if described is None:
        if len(_DESCRIBED) > 1024:
            _DESCRIBED.clear()
        described = _DESCRIBED[rules] = rules.describe()
    return described


def assess(
    facts: Facts,
    *,
    lang: str = "nb",
    figures: FigureStore | None = None,
    rules: RuleBook | None = None,
) -> Result:
    """Assess valid facts: what the household can afford and which rules speak for or against."""
    day = (figures or load_figures()).on(facts.as_of)
    municipal = (rules or load_rules()).for_municipality(facts.municipality)
    rates = calc.resolve_rates(facts, day, municipal)
    budget = calc.sifo_budget(facts, sifo.table_for(day.version("sifo")))
    net = calc.net_income(facts, tax.table_for(day.version("tax")), municipal)
    living = facts.assumptions.living_costs_monthly
    numbers = calc.compute(facts, rates, net, budget.total if living is None else living)
    hints = evaluate(Context(facts, numbers, rates, municipal, day), lang)
    block = figures_block(rates, _used(rates, day.versions, net[1]), municipal)
    extra = _unverified_rules(hints, municipal)
    if extra:
        block["unverified"] = (*_strings(block["unverified"]), *extra)
    return Result(facts.as_of, block, numbers, tuple(hints), budget, _describe(municipal))


def _reject_constant(name: str) -> object:
    raise ValueError(f"not JSON: {name}")


def run(
    text: str, lang: str = "nb", figures_dir: str | None = None, today: date | None = None
) -> tuple[int, dict[str, object]]:
    """Assess facts given as JSON text: (0, result) or (2, the contract's error result)."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return 2, dict(errors_json([FieldError("", "json")], lang))
    try:
        facts = parse_facts(data, today)
    except FactsError as error:
        return 2, dict(errors_json(error.errors, lang))
    store = load_figures(figures_dir) if figures_dir else None
    return 0, assess(facts, lang=lang, figures=store).to_dict()


def _read_input(path: str | None) -> str | None:
    try:
        raw = sys.stdin.buffer.read() if path in (None, "-") else Path(str(path)).read_bytes()
    except OSError:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the assessment of the facts in FILE (or standard input) as JSON."""
    parser = argparse.ArgumentParser(prog="python -m portal.domain.assess")
    parser.add_argument("file", nargs="?", help="facts as JSON (default: standard input)")
    parser.add_argument("--lang", choices=LANGUAGES, default="nb")
    parser.add_argument("--figures-dir", help="extra figures to merge (e.g. instance/figures)")
    args = parser.parse_args(argv)
    text = _read_input(args.file)
    out: dict[str, object]
    if text is None:
        code, out = 2, dict(errors_json([FieldError("", "file")], args.lang))
    else:
        code, out = run(text, args.lang, args.figures_dir)
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
