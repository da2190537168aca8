"""Versioned figures: choice by date, extra folders merging in, runtime-added figures."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from portal.domain.figures import (
    FigureDataError,
    add_figure,
    build_store,
    figures_on,
    load_figures,
    parse_version,
)


def entry(**changes: Any) -> dict[str, Any]:
    base = {
        "name": "husbanken_rate", "value": Decimal("0.05"), "valid_from": "2026-09-01",
        "source": "test", "confidence": "verified",
    }  # fmt: skip
    return {**base, **changes}


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (date(2023, 12, 14), Decimal("0.045")),  # before the first version: earliest is used
        (date(2023, 12, 15), Decimal("0.045")),
        (date(2025, 6, 19), Decimal("0.045")),
        (date(2025, 6, 20), Decimal("0.0425")),
        (date(2025, 9, 18), Decimal("0.0425")),
        (date(2025, 9, 19), Decimal("0.04")),
        (date(2030, 1, 1), Decimal("0.04")),
    ],
)
def test_latest_valid_from_on_or_before_the_day(day: date, rate: Decimal) -> None:
    assert figures_on(day).number("policy_rate") == rate


def test_day_before_any_version_is_flagged() -> None:
    assert "policy_rate" in figures_on(date(2023, 1, 1)).early
    assert "policy_rate" not in figures_on(date(2024, 1, 1)).early


def test_every_figure_has_source_and_confidence() -> None:
    for version in load_figures().all_versions():
        assert version.source and version.confidence
    assert {"grunnbelop", "husbanken_rate", "policy_rate", "sifo", "tax"} <= set(
        load_figures().names()
    )


def test_grunnbelop_history() -> None:
    values = [figures_on(date(y, 6, 1)).integer("grunnbelop") for y in (2023, 2024, 2025)]
    assert values == [118_620, 124_028, 130_160]
    assert figures_on(date(2026, 1, 1)).version("grunnbelop").unverified


def test_extra_folder_merges_toml_and_json(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[figure]]\nname = "grunnbelop"\nvalue = 135000\nvalid_from = 2026-05-01\n'
        'source = "NAV"\nconfidence = "verified"\n',
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(json.dumps({"figure": [entry(value=0.05)]}), encoding="utf-8")
    day = load_figures(tmp_path).on(date(2026, 11, 22))
    assert day.integer("grunnbelop") == 135_000
    assert day.number("husbanken_rate") == Decimal("0.05")
    assert load_figures(tmp_path).on(date(2026, 4, 30)).integer("grunnbelop") == 130_160
    assert figures_on(date(2026, 11, 22)).integer("grunnbelop") == 130_160  # shipped unchanged


def test_extra_version_on_same_day_replaces_shipped(tmp_path: Path) -> None:
    (tmp_path / "fix.json").write_text(
        json.dumps({"figure": [entry(name="grunnbelop", value=130_000, valid_from="2025-05-01")]}),
        encoding="utf-8",
    )
    assert load_figures(tmp_path).on(date(2025, 6, 1)).integer("grunnbelop") == 130_000


def test_add_figure_is_seen_by_the_loader(tmp_path: Path) -> None:
    before = load_figures(tmp_path).on(date(2026, 11, 22)).number("husbanken_rate")
    add_figure(tmp_path, entry(value="0.0475"))
    add_figure(tmp_path, entry(name="policy_rate", value="0.0375", valid_from="2026-10-01"))
    after = load_figures(tmp_path).on(date(2026, 11, 22))
    assert before == Decimal("0.0464")
    assert after.number("husbanken_rate") == Decimal("0.0475")
    assert after.number("policy_rate") == Decimal("0.0375")
    saved = json.loads((tmp_path / "added.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in saved["figure"]] == ["husbanken_rate", "policy_rate"]


def test_added_figure_changes_the_assessment(
    tmp_path: Path, facts: dict[str, Any], result: Any
) -> None:
    facts["assumptions"] = {}
    before = result(facts)
    add_figure(tmp_path, entry(name="policy_rate", value="0.03", valid_from="2026-10-01"))
    after = result(facts, figures=load_figures(tmp_path))
    assert (before.figures["stress_rate"], after.figures["stress_rate"]) == (0.065, 0.055)
    assert after.numbers.max_loan > before.numbers.max_loan


@pytest.mark.parametrize(
    "bad",
    [
        entry(name="no_such_figure"),
        entry(name="sifo"),
        entry(value="abc"),
        entry(value="NaN"),
        entry(confidence="sure"),
        entry(valid_from="2026-13-01"),
    ],
)
def test_add_figure_rejects_bad_input(tmp_path: Path, bad: dict[str, Any]) -> None:
    with pytest.raises(FigureDataError):
        add_figure(tmp_path, bad)
    assert not (tmp_path / "added.json").exists()


def test_parse_version_rejects_missing_keys() -> None:
    with pytest.raises(FigureDataError):
        parse_version({"name": "x", "value": 1}, "test")


def test_build_store_sorts_versions() -> None:
    late = parse_version(entry(valid_from="2027-01-01"), "t")
    early = parse_version(entry(valid_from="2020-01-01"), "t")
    store = build_store([late, early])
    assert [v.valid_from.year for v in store.history["husbanken_rate"]] == [2020, 2027]
    assert store.on(date(2026, 1, 1)).version("husbanken_rate") is early


def test_result_records_the_figures_used(facts: dict[str, Any], result: Any) -> None:
    facts["assumptions"] = {}
    facts["net_monthly_income"] = None
    block = result(facts).figures
    assert (block["interest_rate"], block["stress_rate"], block["fee_per_term"]) == (
        0.0489,
        0.065,
        0,
    )
    assert (block["sifo_year"], block["tax_year"], block["grunnbelop"]) == (2026, 2026, 130_160)
    names = [u["name"] for u in block["used"]]
    assert names == ["grunnbelop", "sifo", "tax", "husbanken_rate", "policy_rate", "stress_margin"]
    assert {"grunnbelop", "policy_rate"} <= set(block["unverified"])
    assert len(block["sources"]) >= len(names)


def test_unverified_municipal_rules_behind_a_hint_are_flagged(
    facts: dict[str, Any], result: Any
) -> None:
    facts["municipality"] = "4601"
    assert "rules.caps" not in result(facts).figures["unverified"]
    facts["financing"]["startlan"] = 2_600_000  # above Bergen's older (UNVERIFIED) loan cap
    facts["home"].update(price=2_600_000, market_value=2_600_000)
    assert "rules.caps" in result(facts).figures["unverified"]
