"""Step «Budsjett»: SIFO's lines and the home's costs suggested, each editable and marked when
changed; the applicants' sex is asked here for the living-cost estimate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from home_helpers import (
    BUDGET_LINES,
    CHILD,
    answers,
    field_error,
    input_value,
    post_page,
    seed,
    single_parent,
    soup,
)
from wizard_helpers import client_as, start_application

from portal.domain.application_facts import Person, build_facts
from portal.domain.assess import assess
from portal.domain.validate import parse_facts

AsPerson = Callable[[tuple[str, str]], FlaskClient]
LINES = BUDGET_LINES


def engine_lines(*members: tuple[str, str]) -> dict[str, int]:
    """SIFO's lines straight from the engine, for members given as (birth date, sex)."""
    roles = ["applicant"] + ["child"] * (len(members) - 1)
    facts = {
        "as_of": date.today().isoformat(),
        "household": {
            "members": [
                {"role": role, "birth_date": born, "sex": sex}
                for role, (born, sex) in zip(roles, members, strict=True)
            ]
        },
    }
    budget = assess(parse_facts(facts)).sifo.to_dict()
    lines: dict[str, int] = {}
    for part in [*budget["members"], budget["household"]]:
        for name in LINES:
            lines[name] = lines.get(name, 0) + int(part.get(name, 0))
    return lines


def shown(html: str) -> dict[str, int]:
    return {name: int(input_value(html, name).replace(" ", "") or 0) for name in LINES}


def start(app: Flask, as_person: AsPerson) -> tuple[FlaskClient, str]:
    client = client_as(as_person)
    overview = start_application(client)
    single_parent(app, overview)
    return client, overview + "/budsjett"


def post(client: FlaskClient, url: str, **changes: Any) -> Any:
    page = client.get(url).get_data(as_text=True)
    data = {name: input_value(page, name) for name in LINES}
    data |= {f"{name}_suggested": input_value(page, f"{name}_suggested") for name in LINES}
    return post_page(client, url, {**data, "applicant_sex": "F", "action": "next", **changes})


def test_prefill_is_the_engines_sifo_lines_for_the_household(
    app: Flask, as_person: AsPerson
) -> None:
    client, url = start(app, as_person)
    page = client.get(url).get_data(as_text=True)
    assert shown(page) == engine_lines(("1988-03-14", "M"), (CHILD["birth_date"], "F"))
    assert input_value(page, "common_costs") == "0"  # no home yet
    assert int(input_value(page, "net_monthly_income")) > 30000  # estimated from 520 000 a year
    post(client, url)
    again = client.get(url).get_data(as_text=True)  # now for a woman, as answered
    assert shown(again) == engine_lines(("1988-03-14", "F"), (CHILD["birth_date"], "F"))


def test_a_changed_line_is_kept_and_marked(app: Flask, as_person: AsPerson) -> None:
    client, url = start(app, as_person)
    response = post(client, url, food="9 000")
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "/saerlige-forhold"
    )
    values = answers(app, url.rsplit("/", 1)[0])["budsjett"]["values"]
    suggested = int(values["food_suggested"])
    assert values["food"] == 9000 and suggested != 9000
    page = client.get(url).get_data(as_text=True)
    assert input_value(page, "food") == "9 000"
    hint = soup(page).find(id="food-hint")
    assert hint is not None and "changed this from our suggestion of" in hint.get_text()
    assert soup(page).find(id="clothing-hint") is None


def test_unchanged_lines_follow_the_household_and_changed_lines_stay(
    app: Flask, as_person: AsPerson
) -> None:
    client, url = start(app, as_person)
    post(client, url, food="9 000")
    overview = url.rsplit("/", 1)[0]
    baby = {
        "role": "child",
        "name": "Ola",
        "birth_date": date.today().replace(day=1).isoformat(),
        "sex": "M",
    }
    seed(app, overview, "husstandsmedlemmer", [CHILD, baby])
    page = client.get(url).get_data(as_text=True)
    expected = engine_lines(
        ("1988-03-14", "F"), (CHILD["birth_date"], "F"), (baby["birth_date"], "M")
    )
    assert shown(page)["clothing"] == expected["clothing"]
    assert input_value(page, "food") == "9 000"
    assert input_value(page, "food_suggested") == str(expected["food"])


def test_sex_is_required_for_the_estimate(app: Flask, as_person: AsPerson) -> None:
    client, url = start(app, as_person)
    html = post(client, url, applicant_sex="").get_data(as_text=True)
    assert field_error(html, "applicant_sex") == "Choose woman or man for the living-cost estimate"
    assert soup(html).find("input", attrs={"name": "co_applicant_sex"}) is None


def test_check_your_answers_shows_the_change_and_the_net_income_override_counts(
    app: Flask, as_person: AsPerson
) -> None:
    client, url = start(app, as_person)
    page = client.get(url).get_data(as_text=True)
    estimate = input_value(page, "net_monthly_income")
    post(
        client,
        url,
        food="9 000",
        net_monthly_income="30 000",
        net_monthly_income_suggested=estimate,
    )
    overview = url.rsplit("/", 1)[0]
    summary = soup(client.get(overview + "/oppsummering").get_data(as_text=True)).get_text()
    assert "(changed from the suggestion of" in summary
    facts = build_facts(answers(app, overview), applicant=Person(None))
    assert facts["net_monthly_income"] == 30000
    assert facts["assumptions"]["living_costs_monthly"] > 0
