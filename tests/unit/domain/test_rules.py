"""Municipal rules: data files per kommunenummer, national fallback, citations."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from portal.domain.hints import HINT_CODES, citation
from portal.domain.messages import hint_catalogue
from portal.domain.rules import load_rules

DOMAIN = Path(__file__).resolve().parents[3] / "portal" / "domain"


def test_bergen() -> None:
    bergen = load_rules().for_municipality("4601")
    assert (bergen.rules_from, bergen.fee_per_term, bergen.establishment_fee) == ("4601", 70, 3517)
    assert bergen.equity_keep_g == Decimal(1)
    assert bergen.caps[0].loan == 2_500_000 and bergen.caps[0].price == 2_750_000
    assert bergen.caps_include_shared_debt
    assert bergen.confidence("caps") == "UNVERIFIED"
    assert bergen.residence_years is None


def test_asnes() -> None:
    asnes = load_rules().for_municipality("3418")
    assert asnes.residence_years == 2
    assert asnes.priority_children and asnes.priority_housing == {"rent_municipal"}
    assert asnes.income_not_counted == {"social_assistance"}
    assert asnes.fee_per_term == 0  # section inherited from the national rules
    assert "1.6" in str(asnes.citation("residence"))


@pytest.mark.parametrize("code", ["0301", "5001", "9999", "0000"])
def test_other_municipalities_fall_back_to_national(code: str) -> None:
    rules = load_rules().for_municipality(code)
    assert (rules.code, rules.rules_from) == (code, "national")
    assert rules.residence_years is None and rules.equity_keep_g is None
    assert rules.interest_margin == Decimal("0.0025")
    assert (rules.max_term, rules.special_max_term) == (30, 50)


def test_municipal_citation_replaces_default() -> None:
    bergen, oslo = load_rules().for_municipality("4601"), load_rules().for_municipality("0301")
    assert citation("EQUITY_MUST_BE_USED", bergen).startswith("Bergen kommune")
    assert citation("CO_APPLICANT_REQUIRED", bergen).startswith("Bergen kommune")
    assert citation("CO_APPLICANT_REQUIRED", oslo).startswith("Forskrift om lån fra Husbanken")


def test_every_hint_has_a_rule_level_and_three_languages() -> None:
    catalogue = hint_catalogue()
    assert set(catalogue) == set(HINT_CODES)
    for text in catalogue.values():
        assert text.rule and text.level in ("blocker", "warning", "info")
        assert set(text.messages) == {"nb", "nn", "en"}


def test_messages_never_promise_refusal() -> None:
    words = ("avslag", "avslått", "refused", "rejected", "will be refused", "vil bli avvist")
    for text in hint_catalogue().values():
        for message in text.messages.values():
            assert not any(w in message.lower() for w in words), message


def _kommunenummer(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (len(node.value) == 4 and node.value.isdigit())
    )


def test_no_municipality_comparisons_in_code() -> None:
    """Municipal behaviour comes from data: no code compares anything with a kommunenummer."""
    for path in DOMAIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
                operands += [e for o in operands if isinstance(o, ast.Tuple | ast.List | ast.Set)
                             for e in o.elts]  # fmt: skip
                assert not any(_kommunenummer(o) for o in operands), (path, node.lineno)
            if isinstance(node, ast.Dict):
                assert not any(k is not None and _kommunenummer(k) for k in node.keys), path
