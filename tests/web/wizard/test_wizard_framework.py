"""The wizard's framework: start, task list, saving, stale pages, double submits, access."""

from __future__ import annotations

from collections.abc import Callable

from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from wizard_helpers import APPLICANTS, OTHER_PERSON, SINGLE_PARENT, csrf, start_application, version

AsPerson = Callable[[tuple[str, str]], FlaskClient]


def _errors(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [p.get_text(strip=True) for p in soup.select(".ds-validation-message")]


def test_start_requires_every_answer_in_the_persons_language(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    with client.session_transaction() as s:
        s["lang"] = "en"
    page = client.get("/soknad/ny").get_data(as_text=True)
    response = client.post("/soknad/ny", data={"csrf_token": csrf(page)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose the municipality you apply to" in _errors(html)
    summary = BeautifulSoup(html, "html.parser").select_one(".ds-error-summary")
    assert summary is not None and summary.select_one('a[href="#municipality"]')


def test_pre_approval_only_for_buying_or_building(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    page = client.get("/soknad/ny").get_data(as_text=True)
    data = {"csrf_token": csrf(page), "municipality": "4601", "applying_for": ["startlan"]}
    response = client.post(
        "/soknad/ny", data={**data, "purpose": "refinance", "pre_approval": "yes"}
    )
    assert response.status_code == 200
    assert len(_errors(response.get_data(as_text=True))) == 1


def test_task_list_skips_the_home_for_pre_approval(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    concrete = client.get(start_application(client)).get_data(as_text=True)
    pre = client.get(start_application(client, pre_approval="yes")).get_data(as_text=True)
    assert 'id="task-bolig"' in concrete
    assert 'id="task-bolig"' not in pre


def test_debt_list_only_when_refinancing(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    purchase = client.get(start_application(client)).get_data(as_text=True)
    refinance = client.get(start_application(client, purpose="refinance")).get_data(as_text=True)
    assert 'id="task-gjeld"' not in purchase
    assert 'id="task-gjeld"' in refinance


def _post_applicants(client: FlaskClient, url: str, **changes: str) -> tuple[int, str]:
    page = client.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf(page), "version": version(page), **APPLICANTS, **changes}
    response = client.post(url, data=data)
    return response.status_code, response.headers.get("Location", "")


def test_next_saves_and_moves_on_and_the_answers_come_back(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    url = start_application(client) + "/sokere"
    status, location = _post_applicants(client, url, action="next")
    assert status == 303 and location.endswith("/husstand")
    html = client.get(url).get_data(as_text=True)
    assert 'value="ingrid@example.no"' in html


def test_save_later_keeps_even_invalid_input(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client)
    status, location = _post_applicants(client, overview + "/sokere", action="later", email="x")
    assert status == 303 and "saved=1" in location
    assert 'value="x"' in client.get(overview + "/sokere").get_data(as_text=True)
    soup = BeautifulSoup(client.get(overview).get_data(as_text=True), "html.parser")
    assert soup.select_one('li[data-status="in_progress"] #task-sokere') is not None


def test_stale_page_is_not_silently_overwritten(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    url = start_application(client) + "/sokere"
    old_page = client.get(url).get_data(as_text=True)  # tab 1 opens the page
    _post_applicants(client, url, action="next", email="newer@example.no")  # tab 2 saves
    stale = {"csrf_token": csrf(old_page), "version": version(old_page), **APPLICANTS}
    response = client.post(url, data={**stale, "email": "older@example.no", "action": "next"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'value="newer@example.no"' in html and "older@example.no" not in html
    assert 'value="newer@example.no"' in client.get(url).get_data(as_text=True)


def test_double_submit_is_harmless(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    url = start_application(client) + "/sokere"
    page = client.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf(page), "version": version(page), **APPLICANTS, "action": "next"}
    first, second = client.post(url, data=data), client.post(url, data=data)
    assert (first.status_code, second.status_code) == (303, 303)
    assert first.headers["Location"] == second.headers["Location"]


def test_forged_version_is_treated_as_stale(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    url = start_application(client) + "/sokere"
    _post_applicants(client, url, action="next")
    page = client.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf(page), **APPLICANTS, "email": "other@example.no", "action": "next"}
    assert client.post(url, data={**data, "version": "abc"}).status_code == 409


def test_another_person_gets_404_everywhere(as_person: AsPerson) -> None:
    owner, stranger = as_person(SINGLE_PARENT), as_person(OTHER_PERSON)
    overview = start_application(owner)
    page = stranger.get("/soknad/ny").get_data(as_text=True)
    assert stranger.get(overview).status_code == 404
    assert stranger.get(overview + "/sokere").status_code == 404
    forged = {"csrf_token": csrf(page), "version": "1", **APPLICANTS, "action": "next"}
    assert stranger.post(overview + "/sokere", data=forged).status_code == 404


def test_resume_after_logout(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    url = start_application(client) + "/sokere"
    _post_applicants(client, url, action="later", email="resume@example.no")
    other_device = as_person(SINGLE_PARENT)
    assert 'value="resume@example.no"' in other_device.get(url).get_data(as_text=True)


def test_anonymous_is_sent_to_log_in(client: FlaskClient) -> None:
    response = client.get("/soknad/ny")
    assert response.status_code == 302 and "/logg-inn" in response.headers["Location"]


def test_the_task_list_leads_to_check_your_answers(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    overview = start_application(client)
    page = BeautifulSoup(client.get(overview).get_data(as_text=True), "html.parser")
    assert page.select_one(f'a[href="{overview}/oppsummering"]') is not None
