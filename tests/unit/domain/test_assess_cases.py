"""Every case in tests/data/cases: through the Python API and through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from portal.domain.assess import assess
from portal.domain.validate import parse_facts

ROOT = Path(__file__).resolve().parents[3]
CASES_DIR = ROOT / "tests" / "data" / "cases"
CASES = sorted(CASES_DIR.glob("*.json"))


def load(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    case = json.loads(path.read_text(encoding="utf-8"))
    return case["facts"], case["expect"]


def check(out: dict[str, Any], expect: dict[str, Any]) -> None:
    figures = {key: out[key] for key in expect["figures"]}
    assert figures == expect["figures"]
    found = {h["code"] for h in out["hints"]}
    assert set(expect["hints_present"]) <= found
    assert not set(expect["hints_absent"]) & found


def test_there_are_cases() -> None:
    assert len(CASES) >= 7
    assert {p.name[:2] for p in CASES} >= {"p1", "p2", "p3", "p4"}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_through_api(path: Path) -> None:
    facts, expect = load(path)
    check(assess(parse_facts(facts)).to_dict(), expect)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_through_cli(path: Path, tmp_path: Path) -> None:
    facts, expect = load(path)
    file = tmp_path / "facts.json"
    file.write_text(json.dumps(facts), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "portal.domain.assess", "--lang", "en", str(file)],
        capture_output=True, text=True, cwd=ROOT, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    check(json.loads(done.stdout), expect)


def test_cli_reads_standard_input_and_reports_errors() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "portal.domain.assess", "--lang", "nn"],
        input='{"household": {"members": []}, "x": 1}', capture_output=True, text=True,
        cwd=ROOT, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    out = json.loads(done.stdout)
    fields = [e["field"] for e in out["errors"]]
    assert fields == ["x", "household.members"]
    assert all(e["message"] for e in out["errors"])
    assert "Traceback" not in done.stderr


def test_result_has_the_contract_shape(facts: dict[str, Any]) -> None:
    out = assess(parse_facts(facts)).to_dict()
    assert set(out) >= {
        "as_of", "figures", "net_income_monthly", "living_costs_monthly", "fixed_costs_monthly",
        "home_costs_monthly", "disposable_monthly", "max_loan", "requested_payment_monthly",
        "hints",
    }  # fmt: skip
    assert set(out["figures"]) >= {
        "sifo_year", "interest_rate", "stress_rate", "fee_per_term", "grunnbelop", "sources"
    }  # fmt: skip
    assert all(set(h) == {"code", "level", "rule", "message"} for h in out["hints"])
    json.dumps(out)  # serialisable
