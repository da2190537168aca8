"""The live eligibility panel: computed by the server from the posted (unsaved) values merged
over the saved answers; without JavaScript from the saved answers, updated on "Next"."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from home_helpers import ASSETS, WAGE, answers, figure, public_id, seed, single_parent, soup
from wizard_helpers import OTHER_PERSON, SINGLE_PARENT, client_as, csrf, start_application, version

from portal.wizard.panel import assessment_for

AsPerson = Callable[[tuple[str, str]], FlaskClient]
HX = {"HX-Request": "true"}
HOME = {"price": 2300000, "market_value": 2300000, "ownership": "freehold", "common_costs": 2500}
PLAN = {
    "startlan": "2 300 000",
    "equity": "57 500",
    "equity_kind": ["savings"],
    "fees": "0",
    "term_years": "30",
    "repayment": "annuity",
}
MAX_LOAN = "Largest startlån"
PAYMENT = "Monthly payment"
LEFT = "Left each month"


def start(app: Flask, as_person: AsPerson) -> tuple[FlaskClient, str]:
    client = client_as(as_person)
    overview = start_application(client)
    single_parent(app, overview)
    seed(app, overview, "bolig", HOME)
    return client, overview


def live(
    client: FlaskClient, overview: str, slug: str, data: dict[str, Any], query: str = ""
) -> Any:
    """What htmx posts as the person types: the page's form, CSRF token included."""
    page = client.get(f"{overview}/{slug}").get_data(as_text=True)
    form = {"csrf_token": csrf(page), "version": version(page), **data}
    return client.post(f"{overview}/{slug}/beregning{query}", data=form, headers=HX)


def test_the_panel_is_computed_from_the_posted_values_and_saves_nothing(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    before = answers(app, overview)
    low = live(client, overview, "budsjett", {"net_monthly_income": "30 000"})
    high = live(client, overview, "budsjett", {"net_monthly_income": "40 000"})
    assert low.status_code == high.status_code == 200
    low_html, high_html = low.get_data(as_text=True), high.get_data(as_text=True)
    assert (
        "<html" not in low_html and 'hx-swap-oob="innerHTML:#eligibility-panel-status"' in low_html
    )
    assert figure(high_html, MAX_LOAN) > figure(low_html, MAX_LOAN)
    assert figure(high_html, LEFT) - figure(low_html, LEFT) == 10000
    assert answers(app, overview) == before


def test_a_higher_income_typed_on_the_income_page_raises_the_largest_loan(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    saved = soup(client.get(overview + "/budsjett").get_data(as_text=True))
    typed = {
        "member_ref": "applicant",
        "kind": "wage",
        "gross_annual": "700 000",
        "employment": "permanent",
    }
    html = live(client, overview, "inntekt", typed, "?item=i0").get_data(as_text=True)
    assert figure(html, MAX_LOAN) > figure(str(saved), MAX_LOAN)


def test_strangers_get_404_and_a_post_without_csrf_is_refused(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    stranger = as_person(OTHER_PERSON)
    token = csrf(stranger.get("/soknad/ny").get_data(as_text=True))
    url = overview + "/budsjett/beregning"
    assert stranger.post(url, data={"csrf_token": token}, headers=HX).status_code == 404
    assert client.post(url, data={"net_monthly_income": "1"}, headers=HX).status_code == 400
    assert live(client, overview, "om-soknaden", {}).status_code == 404


def test_the_page_panel_has_a_polite_status_region_and_htmx_wiring(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    page = soup(client.get(overview + "/finansiering").get_data(as_text=True))
    status = page.find(id="eligibility-panel-status")
    assert status is not None and status["role"] == "status" and status["aria-live"] == "polite"
    wiring = page.select_one("aside.eligibility-panel")  # never swapped, so never loses a timer
    assert wiring is not None and wiring["hx-post"] == overview + "/finansiering/beregning"
    assert wiring["hx-include"] == "main form" and "delay:400ms" in wiring["hx-trigger"]
    assert wiring["hx-target"] == "#eligibility-panel-body"
    assert "from:(main form)" in wiring["hx-trigger"]  # htmx 2 needs the brackets
    assert page.select_one(".eligibility-panel details summary") is not None
    assert page.select_one('link[href$="css/panel.css"]') is not None


def test_without_javascript_next_shows_the_same_figures(app: Flask, as_person: AsPerson) -> None:
    client, overview = start(app, as_person)
    typed = live(client, overview, "finansiering", PLAN).get_data(as_text=True)
    url = overview + "/finansiering"
    page = client.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf(page), "version": version(page), **PLAN, "action": "next"}
    response = client.post(url, data=data)
    assert response.status_code == 303
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    for label in (MAX_LOAN, PAYMENT, LEFT):
        assert figure(shown, label) == figure(typed, label)


def test_a_plain_post_redraws_the_page_with_the_typed_figures_unsaved(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    page = client.get(overview + "/finansiering").get_data(as_text=True)
    form = {"csrf_token": csrf(page), "version": version(page), **PLAN}
    html = client.post(overview + "/finansiering/beregning", data=form).get_data(as_text=True)
    assert soup(html).find("input", attrs={"name": "startlan"})["value"] == "2 300 000"
    assert figure(html, PAYMENT) > 0
    assert "finansiering" not in answers(app, overview)


def test_the_financing_page_panel_says_whether_the_sums_add_up(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    html = live(client, overview, "finansiering", PLAN).get_data(as_text=True)
    assert "The financing adds up" in html
    short = live(client, overview, "finansiering", {**PLAN, "equity": "0"}).get_data(as_text=True)
    assert "57\u00a0500 kr short" in soup(short).get_text()


def test_list_pages_can_include_the_panel(app: Flask, as_person: AsPerson) -> None:
    client, overview = start(app, as_person)
    client.get(overview)  # a request context with the session below
    with app.test_request_context(overview + "/inntekt", headers={"Accept-Language": "en"}):
        from portal.services import applications

        application = applications.for_person(public_id(overview), SINGLE_PARENT[0])
        html = render_template_string(
            "{{ eligibility_panel(application, 'inntekt').panel }}", application=application
        )
    assert figure(html, MAX_LOAN) > 0
    assert 'hx-post="' + overview + '/inntekt/beregning"' in html


def test_assessment_for_gives_the_engines_result_with_its_facts(
    app: Flask, as_person: AsPerson
) -> None:
    _client, overview = start(app, as_person)
    with app.test_request_context():
        from portal.services import applications

        application = applications.for_person(public_id(overview), SINGLE_PARENT[0])
        result = assessment_for(application)
    assert result["max_loan"] > 0 and result["facts"]["home"]["price"] == 2300000
    assert {"hints", "figures", "net_income_monthly", "budget_changes"} <= set(result)


def test_income_and_debt_pages_show_the_panel_and_it_follows_typing(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    for path in ("/inntekt", "/inntekt/ny"):
        html = client.get(overview + path).get_data(as_text=True)
        assert 'class="eligibility-panel' in html, path
        assert 'hx-post="' + overview + "/inntekt/beregning" in html, path
    page = client.get(overview + "/inntekt/ny").get_data(as_text=True)
    typed = {
        "csrf_token": csrf(page),
        "member_ref": "applicant",
        "kind": "wage",
        "gross_annual": "900 000",
        "employment": "permanent",
    }
    url = overview + "/inntekt/beregning?item=ny"
    low = client.post(
        url, data={**typed, "gross_annual": "300 000"}, headers={"HX-Request": "true"}
    )
    high = client.post(url, data=typed, headers={"HX-Request": "true"})
    assert figure(high.get_data(as_text=True), MAX_LOAN) > figure(
        low.get_data(as_text=True), MAX_LOAN
    )


# The summary above the fields (phones): the panel's two key figures, near what is typed.

SUMMARY = "eligibility-panel-summary"


def summary_figures(html: str) -> list[int]:
    """The summary's figures: what is left each month, and the largest startlån."""
    summary = soup(html).find(id=SUMMARY)
    assert summary is not None, "no summary of the panel"
    return [int(re.sub(r"[^\d-]", "", strong.get_text())) for strong in summary.select("strong")]


def assert_not_announced(summary: Any) -> None:
    """The panel's status region announces the figures; the summary must not do it again."""
    for element in [summary, *summary.find_all(True)]:
        assert not element.get("aria-live"), element
        assert element.get("role") not in ("status", "alert", "log", "marquee", "timer"), element


def test_pages_with_the_panel_show_its_figures_above_the_fields(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    for path in ("/budsjett", "/finansiering", "/bolig", "/inntekt", "/inntekt/ny", "/inntekt/i0"):
        html = client.get(overview + path).get_data(as_text=True)
        page = soup(html)
        summary = page.find(id=SUMMARY)
        assert summary is not None, path
        assert summary_figures(html) == [figure(html, LEFT), figure(html, MAX_LOAN)], path
        assert summary.get("hidden") is None and summary.get("hx-swap-oob") is None, path
        assert_not_announced(summary)
        # after the h1, before the fields and the panel; on an income, right after the amount
        assert summary.find_parent("main") is not None, path
        assert summary.find_previous("h1") is not None, path
        fields = summary.find_all_previous(["input", "select", "textarea", "button"])
        visible = [f for f in fields if f.find_parent("main") and f.get("type") != "hidden"]
        if path.startswith("/inntekt/"):
            assert visible and visible[0]["name"] == "gross_annual", path
        else:
            assert not visible, path
        assert summary.find_next("aside", class_="eligibility-panel") is not None, path
        link = summary.find("a", href="#eligibility-panel-heading")
        assert link is not None and link.get_text(strip=True) == "See the calculation", path
        heading = page.find(id="eligibility-panel-heading")
        assert heading is not None and heading.name == "h2" and heading["tabindex"] == "-1"
        assert len(page.find_all(id=SUMMARY)) == 1, path


def test_the_htmx_answer_carries_the_summary_out_of_band(app: Flask, as_person: AsPerson) -> None:
    client, overview = start(app, as_person)
    low = live(client, overview, "budsjett", {"net_monthly_income": "30 000"})
    high = live(client, overview, "budsjett", {"net_monthly_income": "40 000"})
    for response in (low, high):
        html = response.get_data(as_text=True)
        summary = soup(html).find(id=SUMMARY)
        assert summary is not None and summary["hx-swap-oob"] == "true"
        assert summary.get("hidden") is None
        assert summary_figures(html) == [figure(html, LEFT), figure(html, MAX_LOAN)]
        assert summary.find("a", href="#eligibility-panel-heading") is not None
        assert_not_announced(summary)
    low_left, low_loan = summary_figures(low.get_data(as_text=True))
    high_left, high_loan = summary_figures(high.get_data(as_text=True))
    assert high_left - low_left == 10000 and high_loan > low_loan
    # on the income item page too, where the applicant types the amount
    typed = {"member_ref": "applicant", "kind": "wage", "employment": "permanent"}
    income = live(client, overview, "inntekt", {**typed, "gross_annual": "900 000"}, "?item=i0")
    html = income.get_data(as_text=True)
    assert soup(html).find(id=SUMMARY)["hx-swap-oob"] == "true"
    assert summary_figures(html) == [figure(html, LEFT), figure(html, MAX_LOAN)]


def test_without_javascript_the_redrawn_page_summarises_the_typed_figures(
    app: Flask, as_person: AsPerson
) -> None:
    client, overview = start(app, as_person)
    page = client.get(overview + "/budsjett").get_data(as_text=True)
    form = {"csrf_token": csrf(page), "version": version(page), "net_monthly_income": "45 000"}
    html = client.post(overview + "/budsjett/beregning", data=form).get_data(as_text=True)
    assert summary_figures(html) == [figure(html, LEFT), figure(html, MAX_LOAN)]
    assert summary_figures(html) != summary_figures(page)
    assert soup(html).find(id=SUMMARY).get("hx-swap-oob") is None


def test_no_summary_figures_while_the_panel_has_none(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    overview = start_application(client)  # no household and no income yet
    typed = {"member_ref": "applicant", "kind": "wage", "employment": "permanent"}
    page = client.get(overview + "/inntekt/ny").get_data(as_text=True)
    answer = live(client, overview, "inntekt", {**typed, "gross_annual": ""}, "?item=ny")
    for html in (page, answer.get_data(as_text=True)):
        assert "We show the figures when we know enough" in html
        summary = soup(html).find(id=SUMMARY)
        assert summary is not None  # in its place (a short hint), for the next swap
        assert summary_figures(html) == [] and summary.find("a") is None
        assert summary.get_text(strip=True) == "We show the figures here when we know the income."
        assert_not_announced(summary)
    assert soup(answer.get_data(as_text=True)).find(id=SUMMARY)["hx-swap-oob"] == "true"


# Removing an income or a debt with htmx swaps the list; the panel and the summary come along.

PART_TIME = {**WAGE, "gross_annual": 240000, "permanent": False}
CAR_LOAN = {
    "kind": "car",
    "creditor": "Santander",
    "loan_number": "",
    "original_amount": 250000,
    "balance": 180000,
    "monthly_payment": 4200,
    "secured": True,
    "refinance": False,
}
CARD = {
    **CAR_LOAN,
    "kind": "credit_card",
    "creditor": "Bank Norwegian",
    "original_amount": 30000,
    "balance": 30000,
    "monthly_payment": 1500,
    "secured": False,
}


def key_figures(html: str) -> list[int]:
    """The panel's left each month and largest startlån."""
    return [figure(html, LEFT), figure(html, MAX_LOAN)]


def remove_with_htmx(client: FlaskClient, url: str, item_id: str, page: str) -> str:
    """Post "Yes, remove" as htmx does, with the CSRF token and version of a list page."""
    data = {"csrf_token": csrf(page), "version": version(page)}
    response = client.post(f"{url}/{item_id}/fjern", data=data, headers=HX)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def assert_panel_out_of_band(html: str) -> None:
    """The answer carries the panel's body, its status text and the summary, out of band."""
    answer = soup(html)
    assert answer.select_one("div#list-region") is not None  # the list is still what is swapped
    body = answer.find(id="eligibility-panel-body")
    assert body is not None and body["hx-swap-oob"] == "true"
    summary = answer.find(id=SUMMARY)
    assert summary is not None and summary["hx-swap-oob"] == "true"
    assert_not_announced(summary)
    (status,) = answer.select('[hx-swap-oob="innerHTML:#eligibility-panel-status"]')
    left, loan = key_figures(html)
    announced = status.get_text().replace("\u00a0", " ")
    left_kr, loan_kr = (f"{amount:,} kr".replace(",", " ") for amount in (left, loan))
    assert announced == (
        f"Figures updated: {left_kr} left each month for housing, and a startlån of about "
        f"{loan_kr}."
    )
    assert answer.find(id="eligibility-panel-status") is None  # the region itself stays put
    assert len(answer.find_all(id="eligibility-panel-body")) == 1


@pytest.mark.parametrize(
    ("slug", "items"), [("inntekt", [WAGE, PART_TIME]), ("gjeld", [CAR_LOAN, CARD])]
)
def test_removing_an_item_with_htmx_updates_the_panel_and_its_summary(
    app: Flask, as_person: AsPerson, slug: str, items: list[dict[str, Any]]
) -> None:
    client, overview = start(app, as_person)
    if slug == "gjeld":
        seed(app, overview, "formue", {**ASSETS, "has_debts": "yes"})
    seed(app, overview, slug, items)
    url = f"{overview}/{slug}"
    before = client.get(url).get_data(as_text=True)
    html = remove_with_htmx(client, url, "i1", before)
    assert [item["id"] for item in answers(app, overview)[slug]["items"]] == ["i0"]
    assert_panel_out_of_band(html)
    fresh = client.get(url).get_data(as_text=True)  # the page drawn from the saved answers
    assert key_figures(html) == key_figures(fresh) == summary_figures(fresh)
    assert summary_figures(html) == key_figures(fresh)
    (left_before, loan_before), (left, loan) = key_figures(before), key_figures(html)
    if slug == "inntekt":  # less income: less left, a smaller loan
        assert left < left_before and loan < loan_before
    else:  # one debt less: more left, a larger loan
        assert left > left_before and loan > loan_before

    # From a stale page (removed in another tab): the newest list, and the panel to match it.
    stale = remove_with_htmx(client, url, "i0", before)
    assert "Newer answers were saved" in stale
    assert_panel_out_of_band(stale)
    assert key_figures(stale) == key_figures(fresh)
