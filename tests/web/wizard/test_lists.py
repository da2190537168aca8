"""Repeating lists (household members, incomes, debts): add, change and remove without
JavaScript and with htmx, stale pages, access, and the smallest number of items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from wizard_helpers import OTHER_PERSON, SINGLE_PARENT, csrf, start_application, version

from portal.extensions import db
from portal.models import Application

AsPerson = Callable[[tuple[str, str]], FlaskClient]
EMMA = {"role": "child", "name": "Emma", "birth_date": "02.09.2017", "sex": "F"}
OLA = {"role": "child", "name": "Ola", "birth_date": "14.3.2020", "sex": "M"}
EMMA_TITLE = "Child, born 02.09.2017 (Emma)"
WAGE = {
    "member_ref": "applicant",
    "kind": "wage",
    "gross_annual": "420 000",
    "employer": "Bergen kommune",
    "years_employed": "4",
    "employment": "permanent",
}
HX = {"HX-Request": "true"}


def _in(lang: str, client: FlaskClient) -> FlaskClient:
    with client.session_transaction() as session:
        session["lang"] = lang
    return client


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _submit(client: FlaskClient, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    """Open the page at url and post its form with data (CSRF token and version from it)."""
    page = client.get(url).get_data(as_text=True)
    return client.post(
        url, data={"csrf_token": csrf(page), "version": version(page), **data}, **kwargs
    )


def _members(client: FlaskClient) -> str:
    """A started application's household list URL."""
    return start_application(client) + "/husstandsmedlemmer"


def _add(client: FlaskClient, list_url: str, item: dict[str, str]) -> Any:
    return _submit(client, list_url + "/ny", item)


def _item_ids(client: FlaskClient, list_url: str) -> list[str]:
    cards = _soup(client.get(list_url).get_data(as_text=True)).select("#list-region li.ds-card")
    return [str(card["id"]).removeprefix("item-") for card in cards]


def _stored(app: Flask, list_url: str, slug: str) -> dict[str, Any]:
    public_id = list_url.split("/soknad/")[1].split("/")[0]
    with app.app_context():
        found = db.session.scalars(select(Application).where(Application.public_id == public_id))
        return dict(found.one().answers.get(slug) or {})


def test_add_change_and_remove_without_javascript(app: Flask, as_person: AsPerson) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    added = _add(client, url, EMMA)
    assert added.status_code == 303 and added.headers["Location"].endswith("/husstandsmedlemmer")
    (item_id,) = _item_ids(client, url)
    saved = _stored(app, url, "husstandsmedlemmer")["items"][0]["values"]
    assert saved == {"role": "child", "name": "Emma", "birth_date": "2017-09-02", "sex": "F"}

    assert 'value="Emma"' in client.get(f"{url}/{item_id}").get_data(as_text=True)
    changed = _submit(client, f"{url}/{item_id}", {**EMMA, "name": "Ella"})
    assert changed.status_code == 303
    assert "(Ella)" in client.get(url).get_data(as_text=True)

    page = client.get(url).get_data(as_text=True)
    removed = client.post(
        f"{url}/{item_id}/fjern", data={"csrf_token": csrf(page), "version": version(page)}
    )
    assert removed.status_code == 303 and "removed=1" in removed.headers["Location"]
    after = _soup(client.get(removed.headers["Location"]).get_data(as_text=True))
    assert "Removed." in after.select_one("#list-status").get_text()
    assert after.select("#list-region li.ds-card") == []


def test_remove_with_htmx_answers_with_the_list_only(as_person: AsPerson) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    _add(client, url, EMMA)
    _add(client, url, OLA)
    emma, _ola = _item_ids(client, url)
    page = client.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf(page), "version": version(page)}
    response = client.post(f"{url}/{emma}/fjern", data=data, headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and "(Ola)" in html and "(Emma)" not in html
    soup = _soup(html)
    assert soup.select_one("div#list-region") is not None
    assert "Removed." in soup.select_one('#list-status[hx-swap-oob="innerHTML"]').get_text()
    # The step buttons and the remaining remove forms carry the new version.
    versions = {field["value"] for field in soup.select('input[name="version"]')}
    assert versions == {str(int(version(page)) + 1)}


def test_list_page_cards_name_the_item_and_work_with_htmx(as_person: AsPerson) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    _add(client, url, EMMA)
    soup = _soup(client.get(url).get_data(as_text=True))
    card = soup.select_one("#list-region li.ds-card")
    assert card.select_one("h2").get_text(strip=True) == EMMA_TITLE
    assert "02.09.2017" in card.select_one("dl").get_text()
    change = card.select_one("a.ds-button")
    assert change.get_text(strip=True) == f"Change: {EMMA_TITLE}"
    remove = card.select_one("form")
    assert remove.select_one("button").get_text(strip=True) == f"Remove: {EMMA_TITLE}"
    assert remove["hx-post"] == remove["action"] and remove["action"].endswith("/fjern")
    assert (remove["hx-target"], remove["hx-swap"]) == ("#list-region", "outerHTML")
    assert remove.select_one('input[name="csrf_token"]') is not None
    assert soup.select_one("a#add-item").get_text(strip=True) == "Add a person"
    assert soup.select_one('#list-status[role="status"]') is not None


def test_empty_household_list_can_be_completed(as_person: AsPerson) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    page = client.get(url).get_data(as_text=True)
    assert "No one added" in page
    response = _submit(client, url, {"action": "next"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/inntekt")


def test_stale_item_post_is_a_conflict_and_keeps_what_was_typed(
    app: Flask, as_person: AsPerson
) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    old_form = client.get(url + "/ny").get_data(as_text=True)  # tab 1 opens "Add a person"
    _add(client, url, OLA)  # tab 2 adds Ola
    stale = {"csrf_token": csrf(old_form), "version": version(old_form), **EMMA}
    response = client.post(url + "/ny", data=stale)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'value="Emma"' in html and "changed in another tab" in html
    assert [i["values"]["name"] for i in _stored(app, url, "husstandsmedlemmer")["items"]] == [
        "Ola"
    ]
    # Saving again from the conflict page adds Emma next to Ola.
    again = client.post(url + "/ny", data={**stale, "version": version(html)})
    assert again.status_code == 303
    names = [i["values"]["name"] for i in _stored(app, url, "husstandsmedlemmer")["items"]]
    assert names == ["Ola", "Emma"]


def test_stale_remove_and_next_are_conflicts_and_lose_nothing(
    app: Flask, as_person: AsPerson
) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    _add(client, url, EMMA)
    (emma,) = _item_ids(client, url)
    old_page = client.get(url).get_data(as_text=True)
    _add(client, url, OLA)  # another tab
    stale = {"csrf_token": csrf(old_page), "version": version(old_page)}
    removed = client.post(f"{url}/{emma}/fjern", data=stale)
    assert removed.status_code == 409
    assert "Newer answers were saved" in removed.get_data(as_text=True)
    with_htmx = client.post(f"{url}/{emma}/fjern", data=stale, headers=HX)
    assert with_htmx.status_code == 200  # htmx swaps only 2xx: the newest list and why
    assert "Newer answers were saved" in with_htmx.get_data(as_text=True)
    assert client.post(url, data={**stale, "action": "next"}).status_code == 409
    stored = _stored(app, url, "husstandsmedlemmer")
    assert [i["values"]["name"] for i in stored["items"]] == ["Emma", "Ola"]
    assert not stored["complete"]


def test_double_submit_of_an_item_adds_it_once(app: Flask, as_person: AsPerson) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    page = client.get(url + "/ny").get_data(as_text=True)
    data = {"csrf_token": csrf(page), "version": version(page), **EMMA}
    first, second = client.post(url + "/ny", data=data), client.post(url + "/ny", data=data)
    assert (first.status_code, second.status_code) == (303, 303)
    assert len(_stored(app, url, "husstandsmedlemmer")["items"]) == 1


def test_another_person_gets_404_on_every_list_route(as_person: AsPerson) -> None:
    owner, stranger = as_person(SINGLE_PARENT), as_person(OTHER_PERSON)
    url = _members(owner)
    _add(owner, url, EMMA)
    (item_id,) = _item_ids(owner, url)
    token = csrf(stranger.get("/soknad/ny").get_data(as_text=True))
    forged = {"csrf_token": token, "version": "1", **EMMA, "action": "next"}
    for path in (url, f"{url}/ny", f"{url}/{item_id}"):
        assert stranger.get(path).status_code == 404, path
        assert stranger.post(path, data=forged).status_code == 404, path
    assert stranger.post(f"{url}/{item_id}/fjern", data=forged).status_code == 404
    assert stranger.post(f"{url}/{item_id}/fjern", data=forged, headers=HX).status_code == 404
    assert len(_item_ids(owner, url)) == 1


def test_unknown_item_is_404(as_person: AsPerson) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = _members(client)
    assert client.get(url + "/abc123").status_code == 404


def test_income_needs_at_least_one_item_to_complete(app: Flask, as_person: AsPerson) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    overview = start_application(client)
    url = overview + "/inntekt"
    response = _submit(client, url, {"action": "next"})
    soup = _soup(response.get_data(as_text=True))
    assert response.status_code == 200
    assert soup.select_one('.ds-error-summary a[href="#add-item"]').get_text() == (
        "Add at least one income"
    )
    assert soup.select_one("#add-item")["aria-describedby"] == "add-item-error"
    later = _submit(client, url, {"action": "later"})
    assert later.status_code == 303 and "saved=1" in later.headers["Location"]

    assert _add(client, url, WAGE).status_code == 303
    done = _submit(client, url, {"action": "next"})
    assert done.status_code == 303 and done.headers["Location"].endswith("/formue")
    assert _stored(app, url, "inntekt")["complete"] is True

    # Removing the only income makes the step incomplete again.
    (item_id,) = _item_ids(client, url)
    page = client.get(url).get_data(as_text=True)
    client.post(f"{url}/{item_id}/fjern", data={"csrf_token": csrf(page), "version": version(page)})
    assert _stored(app, url, "inntekt")["complete"] is False


def test_amounts_typed_with_spaces_and_kr_are_stored_as_kroner(
    app: Flask, as_person: AsPerson
) -> None:
    client = _in("en", as_person(SINGLE_PARENT))
    url = start_application(client) + "/inntekt"
    assert _add(client, url, {**WAGE, "gross_annual": "1 234 567 kr"}).status_code == 303
    values = _stored(app, url, "inntekt")["items"][0]["values"]
    assert values["gross_annual"] == 1234567
    assert "1\u00a0234\u00a0567\u00a0kr" in client.get(url).get_data(as_text=True)
