"""The documents an application needs (form section 8), and which files we take: pure."""

from __future__ import annotations

from typing import Any

import pytest

from portal.domain.documents import (
    ALWAYS,
    CODES,
    checklist,
    display_name,
    download_name,
    is_complete,
    missing,
    sniff,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"


def step(**values: Any) -> dict[str, Any]:
    return {"values": values, "complete": True}


def answers(purpose: str = "purchase", pre_approval: str = "no", **steps: Any) -> dict[str, Any]:
    about = {"applying_for": ["startlan"], "purpose": purpose, "pre_approval": pre_approval}
    about.update(steps.pop("about", {}))
    return {"om-soknaden": step(**about), **steps}


def items(**values: Any) -> dict[str, Any]:
    """A list step with one item."""
    return {"items": [{"id": "a1", "raw": {}, "values": values}], "complete": True}


def test_always_tax_return_payslips_and_id() -> None:
    codes = checklist(answers(pre_approval="yes"))
    assert codes == list(ALWAYS)


def test_purchase_of_a_concrete_home_needs_contract_and_valuation() -> None:
    codes = checklist(answers("purchase"))
    assert {"purchase-contract", "valuation"} <= set(codes)


def test_pre_approval_needs_no_contract() -> None:
    codes = checklist(answers("purchase", "yes"))
    assert "purchase-contract" not in codes and "valuation" not in codes


def test_refinance_needs_other_debt() -> None:
    assert "other-debt" in checklist(answers("refinance"))


def test_debts_other_than_a_mortgage_need_other_debt() -> None:
    has_debts = step(has_debts="yes")
    assert "other-debt" in checklist(answers(formue=has_debts))  # not listed yet
    assert "other-debt" in checklist(answers(formue=has_debts, gjeld=items(kind="car")))
    assert "other-debt" not in checklist(answers(formue=has_debts, gjeld=items(kind="mortgage")))


def test_no_debts_means_no_other_debt_even_with_a_stale_list() -> None:
    assert "other-debt" not in checklist(answers(formue=step(has_debts="no")))
    stale = answers(formue=step(has_debts="no"), gjeld=items(kind="consumer"))
    assert "other-debt" not in checklist(stale)


def test_takeover_needs_separation_and_custody_agreements() -> None:
    codes = checklist(answers("takeover"))
    assert {"separation-agreement", "custody-agreement"} <= set(codes)
    assert "purchase-contract" not in codes


def test_adaptation_grant_needs_occupational_therapist() -> None:
    about = {"applying_for": ["startlan", "tilskudd_tilpasning"]}
    assert "ot-statement" in checklist(answers("purchase", about=about))
    assert "ot-statement" not in checklist(answers("purchase"))


def test_improving_for_a_disability_needs_ot_statement_and_medical_report() -> None:
    codes = checklist(answers("improve", **{"saerlige-forhold": step(needs=["disability"])}))
    assert {"ot-statement", "medical-report", "improvement-costs"} <= set(codes)
    assert "ot-statement" not in checklist(answers("improve"))


@pytest.mark.parametrize("need", ["disability", "health", "social"])
def test_special_needs_need_a_medical_or_social_report(need: str) -> None:
    special = {"saerlige-forhold": step(needs=[need])}
    assert "medical-report" in checklist(answers(**special))


def test_build_needs_drawings_offer_contract_and_costs() -> None:
    codes = checklist(answers("build"))
    assert {"building-drawings", "building-offer", "building-contract", "building-costs"} <= set(
        codes
    )


def test_equity_and_other_financing_follow_the_financing_plan() -> None:
    assert "equity" in checklist(answers(finansiering=step(equity=150_000)))
    assert "equity" not in checklist(answers(finansiering=step(equity=0)))
    other = checklist(answers(finansiering=step(equity=0, other_financing=50_000)))
    assert "other-financing" in other and "equity" not in other


def test_amounts_typed_but_not_yet_saved_as_values_count() -> None:
    typed = {"finansiering": {"raw": {"equity": ["200 000 kr"]}, "complete": False}}
    assert "equity" in checklist(answers(**typed))


def test_income_other_than_pay_or_benefits() -> None:
    assert "other-income" in checklist(answers(inntekt=items(kind="child_support")))
    assert "other-income" not in checklist(answers(inntekt=items(kind="wage")))


def test_ground_lease_contract_when_the_home_has_a_leasehold_number() -> None:
    assert "ground-lease" in checklist(answers(bolig=step(festenr="12")))
    typed = {"bolig": {"raw": {"festenr": ["7"]}, "complete": False}}
    assert "ground-lease" in checklist(answers(**typed))


def test_no_ground_lease_without_a_leasehold_number_or_home() -> None:
    assert "ground-lease" not in checklist(answers())
    assert "ground-lease" not in checklist(answers(bolig=step(festenr=" ")))
    pre_approval = answers(pre_approval="yes", bolig=step(festenr="12"))  # a stale home page
    assert "ground-lease" not in checklist(pre_approval)


def test_codes_are_in_page_order_without_repeats() -> None:
    every = answers("build", finansiering=step(equity=1, other_financing=1))
    codes = checklist(every)
    assert codes == [code for code in CODES if code in codes]
    assert len(codes) == len(set(codes))


def test_complete_when_every_item_has_a_file_or_later() -> None:
    codes = ["tax-return", "payslips", "identity"]
    assert not is_complete(codes, {"tax-return": 1}, {"payslips": True})
    assert missing(codes, {"tax-return": 1}, {"payslips": True}) == ["identity"]
    assert is_complete(codes, {"tax-return": 1, "identity": 2}, {"payslips": True})


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (PDF, "application/pdf"),
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (HEIC, "image/heic"),
        (b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heic", "image/heif"),
    ],
)
def test_accepted_types_by_content(head: bytes, expected: str) -> None:
    assert sniff(head).content_type == expected


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00", "executable"),
        (b"\x7fELF\x02\x01\x01", "executable"),
        (b"#!/bin/sh\nrm -rf /", "executable"),
        (b"Hello, I am text", "unknown_type"),
        (b"PK\x03\x04", "unknown_type"),
        (b"\x00\x00\x00\x18ftypavif", "unknown_type"),
        (b"", "empty"),
    ],
)
def test_refused_by_content(head: bytes, problem: str) -> None:
    found = sniff(head)
    assert found.content_type is None and found.problem == problem


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Payslip.pdf", "Payslip.pdf"),
        ("C:\\Users\\ingrid\\Lønnsslipp mars.pdf", "Lønnsslipp mars.pdf"),
        ("../../etc/passwd", "passwd"),
        ("evil\u202egpj.exe", "evilgpj.exe"),
        ("  line\nbreak .pdf ", "line break .pdf"),
        ("...", "document"),
        ("", "document"),
        (None, "document"),
    ],
)
def test_display_name_is_safe(raw: str | None, shown: str) -> None:
    assert display_name(raw) == shown


def test_long_names_keep_their_extension() -> None:
    shown = display_name("a" * 300 + ".pdf")
    assert len(shown) == 120 and shown.endswith(".pdf")


def test_download_name_fits_the_real_type() -> None:
    assert download_name("scan.pdf", "application/pdf") == "scan.pdf"
    assert download_name("scan.pdf", "image/png") == "scan.pdf.png"
    assert download_name("IMG_1.HEIC", "image/heic") == "IMG_1.HEIC"
