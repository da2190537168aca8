"""Helpers for the tests of the home, financing, budget and special-circumstances steps.

Steps built by others (household, income, assets) are seeded straight into the draft in the
shapes their module documents (portal/wizard/steps_household.py), so these tests only depend
on those shapes; the steps under test are always posted through their pages.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select
from wizard_helpers import csrf, post_page, version  # noqa: F401  (post_page: re-exported)

from portal.extensions import db
from portal.models import Application
from portal.services import applications

BUDGET_LINES = (
    "food",
    "clothing",
    "personal_care",
    "play_media",
    "travel",
    "other_daily_goods",
    "household_goods",
    "furniture",
    "media_leisure",
)  # the budget page's SIFO lines
HOUSEHOLD = {
    "housing_now": "rent_private",
    "years_in_municipality": 6,
    "car": "none",
    "risk_of_losing_home": False,
}
ASSETS = {"bank": 40000, "property_value": 0, "other_amount": 0, "has_debts": "no"}
CHILD = {"role": "child", "name": "Emma", "birth_date": "2017-09-02", "sex": "F"}
WAGE = {
    "member_ref": "applicant",
    "member_name": "Ingrid Solberg",
    "kind": "wage",
    "gross_annual": 520000,
    "permanent": True,
}
HOME = {
    "address": "Strandgaten 1",
    "postcode": "5013",
    "town": "Bergen",
    "municipality_number": "4601",
    "home_type": "flat",
    "ownership": "freehold",
    "rooms": "3",
    "area": "62",
    "price": "2 300 000",
    "market_value": "2 300 000",
    "insured": "yes",
    "common_costs": "2 000",
    "municipal_fees": "700",
    "insurance": "300",
    "maintenance": "200",
}


def public_id(overview: str) -> str:
    """The application id at the end of its overview URL."""
    return overview.rstrip("/").rsplit("/", 1)[-1]


def seed(app: Flask, overview: str, slug: str, values: Any) -> None:
    """Save a step (a dict of values) or a list step (a list of item values) as completed."""
    with app.app_context():
        query = select(Application).where(Application.public_id == public_id(overview))
        application = db.session.scalars(query).one()
        if isinstance(values, list):
            items = [{"id": f"i{n}", "raw": {}, "values": v} for n, v in enumerate(values)]
            entry: dict[str, Any] = {"items": items, "complete": True}
        else:
            entry = {"raw": {}, "values": values, "complete": True}
        version_now = applications.step_version(application, slug)
        assert applications.save_step(application, slug, entry, version_now).outcome == "saved"


def answers(app: Flask, overview: str) -> dict[str, Any]:
    """The draft's saved answers."""
    with app.app_context():
        query = select(Application).where(Application.public_id == public_id(overview))
        return dict(db.session.scalars(query).one().answers)


def single_parent(app: Flask, overview: str) -> None:
    """Ingrid (born 1988) with a daughter, a permanent wage and some savings."""
    seed(app, overview, "sokere", {"marital_status": "single", "phone": "91234567"})
    seed(app, overview, "husstand", HOUSEHOLD)
    seed(app, overview, "husstandsmedlemmer", [CHILD])
    seed(app, overview, "inntekt", [WAGE])
    seed(app, overview, "formue", ASSETS)


def soup(html: str) -> BeautifulSoup:
    """Parsed HTML."""
    return BeautifulSoup(html, "html.parser")


def field_error(html: str, name: str) -> str:
    """The error message shown next to a field ('' when none)."""
    found = soup(html).find(id=f"{name}-error")
    return found.get_text(strip=True) if found else ""


def input_value(html: str, name: str) -> str:
    """The value an input shows."""
    found = soup(html).find("input", attrs={"name": name})
    assert found is not None, f"no input {name}"
    return str(found.get("value", ""))


def figure(html: str, label: str) -> int:
    """A kroner figure from the panel, by the start of its label."""
    for row in soup(html).select(".panel-figures > div"):
        if row.dt and row.dt.get_text(strip=True).startswith(label):
            text = row.select("dd")[0].get_text()
            return int(re.sub(r"[^\d-]", "", text))
    raise AssertionError(f"no figure {label!r} in the panel")
