"""Figures added at run time (`flask figures add`) reach the assessment, and caseworkers see
which figures are in use, with unverified ones labelled."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from wizard_helpers import in_language, login_staff

from portal.figures_cli import figures_dir
from portal.wizard.panel import figures

CASEWORKER = "08828410181"  # Marte Berg, Bergen


@pytest.fixture
def added(app: Flask) -> Iterator[Path]:
    """The runtime figures folder, emptied after the test."""
    folder = figures_dir(app)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_flask_figures_add_changes_the_rate_the_assessment_uses(app: Flask, added: Path) -> None:
    today = date.today().isoformat()
    result = app.test_cli_runner().invoke(
        args=[
            "figures",
            "add",
            "husbanken_rate",
            "0.0512",
            "--valid-from",
            today,
            "--source",
            "Husbanken, rate notice",
            "--confidence",
            "verified",
        ],
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert figures().on(date.today()).number("husbanken_rate") == Decimal("0.0512")
    listing = app.test_cli_runner().invoke(args=["figures", "list"]).output
    assert any(
        line.startswith("* husbanken_rate") and "0.0512" in line for line in listing.splitlines()
    )


def test_a_bad_figure_is_refused_with_a_message(app: Flask, added: Path) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "figures",
            "add",
            "husbanken_rate",
            "lots",
            "--valid-from",
            "2026-01-01",
            "--source",
            "x",
        ],
    )
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_caseworkers_see_figures_in_use_with_unverified_ones_labelled(
    app: Flask, added: Path
) -> None:
    app.test_cli_runner().invoke(
        args=[
            "figures",
            "add",
            "grunnbelop",
            "131000",
            "--valid-from",
            date.today().isoformat(),
            "--source",
            "Test: a guessed G",
        ],
    )
    client = app.test_client()
    login_staff(app, client, CASEWORKER, "Marte Berg", "4601")
    in_language(client)
    page = BeautifulSoup(client.get("/saksbehandling").get_data(as_text=True), "html.parser")
    rows = {row.th.get_text(" ", strip=True): row for row in page.select("tbody tr")}
    g_row = next(row for name, row in rows.items() if name.startswith("grunnbelop"))
    assert "131000" in g_row.get_text() and g_row.has_attr("data-unverified")
    assert "Not verified" in g_row.get_text()
    verified = [row for row in rows.values() if not row.has_attr("data-unverified")]
    assert verified and all("Not verified" not in row.get_text() for row in verified)
