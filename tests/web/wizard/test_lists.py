"""Repeating lists (household members, incomes, debts): add, change and remove without
JavaScript and with htmx, stale pages, access, and the smallest number of items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from wizard_helpers import (
    OTHER_PERSON,
    SINGLE_PARENT,
    client_as,
    csrf,
    in_language,
    start_application,
    version,
)

from portal.csrf_tokens import unmask
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
    client = client_as(as_person)
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
    client = client_as(as_person)
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
    assert soup.select("[hx-swap-oob]") == soup.select("#list-status")  # no panel on this step
    # The step buttons and the remaining remove forms carry the new version.
    versions = {field["value"] for field in soup.select('input[name="version"]')}
    assert versions == {str(int(version(page)) + 1)}


def test_list_page_cards_name_the_item_and_work_with_htmx(as_person: AsPerson) -> None:
    client = client_as(as_person)
    url = _members(client)
    _add(client, url, EMMA)
    soup = _soup(client.get(url).get_data(as_text=True))
    card = soup.select_one("#list-region li.ds-card")
    assert card.select_one("h2").get_text(strip=True) == EMMA_TITLE
    assert "02.09.2017" in card.select_one("dl").get_text()
    change = card.select_one("a.ds-button")
    assert change.get_text(strip=True) == f"Change: {EMMA_TITLE}"
    # "Remove" only asks: a link to the question, which htmx puts in the card's place.
    assert card.select("form") == []
    remove = card.select("a.ds-button")[1]
    assert remove.get_text(strip=True) == f"Remove: {EMMA_TITLE}"
    assert remove["hx-get"] == remove["href"] and remove["href"].endswith("/fjern")
    assert (remove["hx-target"], remove["hx-swap"]) == (f"#{card['id']}", "innerHTML")
    assert soup.select_one("a#add-item").get_text(strip=True) == "Add a person"
    assert soup.select_one('#list-status[role="status"]') is not None


def test_empty_household_list_can_be_completed(as_person: AsPerson) -> None:
    client = client_as(as_person)
    url = _members(client)
    page = client.get(url).get_data(as_text=True)
    assert "No one added" in page
    response = _submit(client, url, {"action": "next"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/inntekt")


def test_stale_item_post_is_a_conflict_and_keeps_what_was_typed(
    app: Flask, as_person: AsPerson
) -> None:
    client = client_as(as_person)
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
    client = client_as(as_person)
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
    client = client_as(as_person)
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
    assert stranger.get(f"{url}/{item_id}/fjern").status_code == 404
    assert stranger.get(f"{url}/{item_id}/fjern", headers=HX).status_code == 404
    assert len(_item_ids(owner, url)) == 1


def test_unknown_item_is_404(as_person: AsPerson) -> None:
    client = client_as(as_person)
    url = _members(client)
    assert client.get(url + "/abc123").status_code == 404
    assert client.get(url + "/abc123/fjern").status_code == 404
    # With htmx (removed in another tab since the list was drawn): reload the list instead.
    gone = client.get(url + "/abc123/fjern", headers=HX)
    assert (gone.status_code, gone.headers.get("HX-Refresh")) == (404, "true")


def test_income_needs_at_least_one_item_to_complete(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
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
    client = client_as(as_person)
    url = start_application(client) + "/inntekt"
    assert _add(client, url, {**WAGE, "gross_annual": "1 234 567 kr"}).status_code == 303
    values = _stored(app, url, "inntekt")["items"][0]["values"]
    assert values["gross_annual"] == 1234567
    assert "1\u00a0234\u00a0567\u00a0kr" in client.get(url).get_data(as_text=True)


# ---------------------------------------------------------------------------------------------
# Removing asks first: "Remove" opens "Remove …?" (a page, or with htmx a fragment in the card).


def test_remove_asks_first_on_a_page_of_its_own(app: Flask, as_person: AsPerson) -> None:
    client = client_as(as_person)
    url = _members(client)
    _add(client, url, EMMA)
    (emma,) = _item_ids(client, url)
    list_page = client.get(url).get_data(as_text=True)
    link = _soup(list_page).select_one(f"#item-{emma} a[href$='/fjern']")
    assert link is not None and link["href"] == f"{url}/{emma}/fjern"

    response = client.get(link["href"])
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    soup = _soup(response.get_data(as_text=True))
    question = f"Remove «{EMMA_TITLE}»?"
    assert soup.select_one("main h1").get_text(strip=True) == question
    assert soup.title is not None and soup.title.get_text().startswith(question)
    assert "02.09.2017" in soup.select_one("main dl").get_text()
    (form,) = soup.select("main form")
    assert (form["method"], form["action"]) == ("post", link["href"])
    assert not form.has_attr("hx-post")  # the page has no list to swap: a plain post
    # The session's own token (each page masks it afresh: compare what was masked).
    token = form.select_one('input[name="csrf_token"]')["value"]
    assert unmask(token) == unmask(csrf(list_page)) is not None
    assert form.select_one('input[name="version"]')["value"] == version(list_page)
    yes = form.select_one("button[type=submit]")
    assert yes.get_text(strip=True) == f"Yes, remove: {EMMA_TITLE}"
    assert (yes["data-variant"], yes["data-color"]) == ("primary", "danger")
    keep = soup.select_one("main a.ds-button")
    assert keep.get_text(strip=True) == f"No, keep it: {EMMA_TITLE}"
    assert keep["href"] == url and not keep.has_attr("hx-get")

    # Asking changed nothing; "Yes, remove" posts as the remove button did.
    assert _item_ids(client, url) == [emma]
    assert len(_stored(app, url, "husstandsmedlemmer")["items"]) == 1
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    removed = client.post(form["action"], data=data)
    assert removed.status_code == 303 and "removed=1" in removed.headers["Location"]
    assert _item_ids(client, url) == []
    assert client.get(link["href"]).status_code == 404  # gone: nothing left to ask about


def test_remove_question_with_htmx_is_a_fragment_for_the_card(as_person: AsPerson) -> None:
    client = client_as(as_person)
    url = _members(client)
    _add(client, url, EMMA)
    _add(client, url, OLA)
    emma, ola = _item_ids(client, url)
    page = client.get(url).get_data(as_text=True)
    response = client.get(f"{url}/{emma}/fjern", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and "<main" not in html and "(Ola)" not in html
    soup = _soup(html)
    question = f"Remove «{EMMA_TITLE}»?"
    heading = soup.select_one(f"#remove-{emma} h2")  # among the items' h2s
    assert heading.get_text(strip=True) == question
    assert heading.has_attr("autofocus") and heading["tabindex"] == "-1"  # htmx focuses it
    status = soup.select_one('#list-status[hx-swap-oob="innerHTML"]')
    assert status.get_text(strip=True) == question  # announced in the polite live region
    form = soup.select_one(f"#remove-{emma} form")
    assert form["hx-post"] == form["action"] == f"{url}/{emma}/fjern"
    assert (form["hx-target"], form["hx-swap"]) == ("#list-region", "outerHTML")
    assert form.select_one('input[name="version"]')["value"] == version(page)
    keep = soup.select_one(f"#remove-{emma} a.ds-button")
    assert keep["href"] == url
    assert keep["hx-get"] == f"{url}?kept={emma}"
    assert (keep["hx-target"], keep["hx-swap"]) == ("#list-region", "outerHTML")
    assert _item_ids(client, url) == [emma, ola]

    # "No, keep it": the list again, focus back on that item's "Remove", the status emptied.
    kept = _soup(client.get(keep["hx-get"], headers=HX).get_data(as_text=True))
    assert [str(li["id"]) for li in kept.select("#list-region li")] == [
        f"item-{emma}",
        f"item-{ola}",
    ]
    assert kept.select("[autofocus]") == kept.select(f"#item-{emma} a[href$='/fjern']")
    assert kept.select_one('#list-status[hx-swap-oob="innerHTML"]').get_text(strip=True) == ""

    # "Yes, remove": the list without Emma, as the remove button answered before.
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    answer = client.post(form["hx-post"], data=data, headers=HX)
    after = _soup(answer.get_data(as_text=True))
    assert answer.status_code == 200 and after.select_one("div#list-region") is not None
    assert [str(li["id"]) for li in after.select("#list-region li")] == [f"item-{ola}"]
    assert "Removed." in after.select_one('#list-status[hx-swap-oob="innerHTML"]').get_text()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_remove_question_is_translated(as_person: AsPerson, lang: str) -> None:
    client = client_as(as_person)
    url = _members(client)
    _add(client, url, EMMA)
    (emma,) = _item_ids(client, url)
    soup = _soup(in_language(client, lang).get(f"{url}/{emma}/fjern").get_data(as_text=True))
    words = {
        "nb": ("Vil du fjerne «", "Ja, fjern", "Nei, behold"),
        "nn": ("Vil du fjerne «", "Ja, fjern", "Nei, behald"),
        "en": ("Remove «", "Yes, remove", "No, keep it"),
    }[lang]
    assert soup.select_one("main h1").get_text().startswith(words[0])
    assert soup.select_one("main button").get_text().startswith(words[1])
    assert soup.select_one("main a.ds-button").get_text().startswith(words[2])


def test_a_sent_application_cannot_be_changed_through_the_question(
    app: Flask, as_person: AsPerson
) -> None:
    client = client_as(as_person)
    url = _members(client)
    _add(client, url, EMMA)
    (emma,) = _item_ids(client, url)
    question = client.get(f"{url}/{emma}/fjern").get_data(as_text=True)
    public_id = url.split("/soknad/")[1].split("/")[0]
    with app.app_context():
        query = update(Application).where(Application.public_id == public_id)
        db.session.execute(query.values(status="submitted"))
        db.session.commit()
    summary = f"/soknad/{public_id}/oppsummering"
    asked = client.get(f"{url}/{emma}/fjern")
    assert (asked.status_code, asked.headers["Location"]) == (303, summary)
    with_htmx = client.get(f"{url}/{emma}/fjern", headers=HX)
    assert (with_htmx.status_code, with_htmx.headers["HX-Redirect"]) == (409, summary)
    data = {"csrf_token": csrf(question), "version": version(question)}
    assert client.post(f"{url}/{emma}/fjern", data=data).status_code == 409
    posted_with_htmx = client.post(f"{url}/{emma}/fjern", data=data, headers=HX)
    assert (posted_with_htmx.status_code, posted_with_htmx.headers["HX-Redirect"]) == (
        409,
        summary,
    )
    assert [i["values"]["name"] for i in _stored(app, url, "husstandsmedlemmer")["items"]] == [
        "Emma"
    ]
