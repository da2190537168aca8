"""Public pages, the language choice, error pages and the form macros, checked as HTML."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from werkzeug.exceptions import Forbidden, InternalServerError, TooManyRequests
from wtforms import BooleanField, Form, RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

from portal.config import LANGUAGES
from portal.templating import MACROS

PUBLIC_PAGES = ["/", "/tilgjengelighet", "/personvern", "/finnes-ikke"]
TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogues(app: Flask) -> Iterator[None]:
    """Compile the catalogues as `make translations` does, so pages here are translated
    even when pytest runs without make (the .mo files are build output, not in git)."""
    for lang in LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source, locale=lang), use_fuzzy=True)
    from portal.extensions import babel

    with app.app_context():  # forget catalogues loaded before they were compiled
        babel.domain_instance.cache.clear()
    yield


def soup(html: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def csrf_token(page: BeautifulSoup) -> str:
    field = page.find("input", attrs={"name": "csrf_token"})
    assert field is not None, "page has no CSRF token"
    return str(field["value"])


def choose_language(client: FlaskClient, lang: str, next_path: str = "/") -> None:
    token = csrf_token(soup(client.get("/").data))
    response = client.post("/sprak", data={"lang": lang, "next": next_path, "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == next_path


def catalogue(lang: str) -> dict[str, str]:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle, locale=lang) if isinstance(m.id, str)}


def assert_sound_page(page: BeautifulSoup, lang: str) -> None:
    """What every page must have (WCAG basics and our layout)."""
    html = page.find("html")
    assert html is not None and html.get("lang") == lang
    assert page.title is not None and page.title.get_text(strip=True)
    ids = Counter(str(tag["id"]) for tag in page.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    mains = page.find_all("main")
    assert len(mains) == 1 and mains[0].get("id") == "main"
    assert len(page.find_all("h1")) == 1
    skip = page.find("a")
    assert skip is not None and "ds-skip-link" in skip["class"] and skip["href"] == "#main"
    assert page.find(style=True) is None, "inline styles break the CSP"
    assert all(script.get("src") for script in page.find_all("script")), "inline script"
    buttons = page.select(".language-switch button[name=lang]")
    assert [b["lang"] for b in buttons] == ["nb", "nn", "en"]
    assert [b["value"] for b in buttons if b.get("aria-current") == "true"] == [lang]
    footer_links = [a["href"] for a in page.select("footer a")]
    assert "/tilgjengelighet" in footer_links and "/personvern" in footer_links


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_in_each_language(client: FlaskClient, path: str, lang: str) -> None:
    choose_language(client, lang)
    response = client.get(path)
    assert response.status_code == (404 if path == "/finnes-ikke" else 200)
    page = soup(response.data)
    assert_sound_page(page, lang)
    assert page.find("script", src="/static/js/session-timeout.js") is None  # nobody logged in


def test_pages_are_translated(client: FlaskClient) -> None:
    for lang in LANGUAGES:
        choose_language(client, lang)
        h1 = soup(client.get("/").data).find("h1")
        assert h1 is not None and h1.get_text(strip=True) == catalogue(lang)["Apply for startlån"]


def test_language_choice_persists_and_returns_to_the_page(client: FlaskClient) -> None:
    choose_language(client, "nn", next_path="/personvern?x=1")
    for path in ["/", "/tilgjengelighet", "/finnes-ikke"]:
        html = soup(client.get(path).data).find("html")
        assert html is not None and html["lang"] == "nn"


def test_browser_language_is_used_until_one_is_chosen(client: FlaskClient) -> None:
    for header, lang in [("en-GB,en;q=0.8", "en"), ("nn-NO", "nn"), ("no", "nb"), ("de", "nb")]:
        page = soup(client.get("/", headers={"Accept-Language": header}).data)
        html = page.find("html")
        assert html is not None and html["lang"] == lang, header


def test_forged_language_post_gets_a_400_page(client: FlaskClient) -> None:
    response = client.post("/sprak", data={"lang": "en", "next": "/"})
    assert response.status_code == 400
    page = soup(response.data)
    h1 = page.find("h1")
    assert h1 is not None and h1.get_text(strip=True) == catalogue("nb")["The form had expired"]
    assert_sound_page(page, "nb")


def test_unknown_language_is_a_400(client: FlaskClient) -> None:
    token = csrf_token(soup(client.get("/").data))
    response = client.post("/sprak", data={"lang": "de", "csrf_token": token})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "/\n"],
)
def test_language_change_never_leaves_the_site(client: FlaskClient, target: str) -> None:
    token = csrf_token(soup(client.get("/").data))
    response = client.post("/sprak", data={"lang": "en", "next": target, "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_error_pages_by_request_in_the_chosen_language(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_language(client, "nn")
    nn = catalogue("nn")
    not_allowed = client.get("/sprak")
    assert not_allowed.status_code == 405 and "POST" in not_allowed.headers["Allow"]
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    too_large = client.post("/sprak", data={"lang": "x" * 2000})
    cases = [
        (client.get("/finnes-ikke"), 404, "Page not found"),
        (not_allowed, 405, "That action is not possible here"),
        (too_large, 413, "The file is too large"),
    ]
    for response, code, title in cases:
        assert response.status_code == code
        page = soup(response.data)
        assert_sound_page(page, "nn")
        h1 = page.find("h1")
        assert h1 is not None and h1.get_text(strip=True) == nn[title]


@pytest.mark.parametrize(
    ("error", "title"),
    [
        (Forbidden(), "You do not have access to this page"),
        (TooManyRequests(), "Too many attempts"),
        (InternalServerError(), "Something went wrong on our side"),
    ],
)
def test_error_pages_by_handler_in_the_browser_language(
    app: Flask, error: Exception, title: str
) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        response = app.make_response(app.handle_http_exception(error))  # type: ignore[arg-type]
    assert response.status_code == error.code  # type: ignore[attr-defined]
    page = soup(response.get_data())
    assert_sound_page(page, "en")
    h1 = page.find("h1")
    assert h1 is not None and h1.get_text(strip=True) == title


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_statements_have_their_facts(client: FlaskClient) -> None:
    choose_language(client, "en")
    accessibility = soup(client.get("/tilgjengelighet").data).get_text(" ")
    for fact in ["WCAG 2.1", "axe-core", "320", "uutilsynet.no", "November 23, 2026"]:
        assert fact in accessibility, fact
    privacy = soup(client.get("/personvern").data).get_text(" ")
    for fact in ["6(1)(e)", "9(2)(a)", "30 days", "arkivlova", "Datatilsynet", "30 min"]:
        assert fact in privacy, fact


class CheckboxesField(SelectMultipleField):
    """Like forms.about.CheckboxesField: several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ExampleForm(Form):
    name = StringField("Name", [InputRequired("Write your name")], description="As in ID-porten")
    choice = RadioField(
        "Choice",
        [InputRequired("Choose one")],
        choices=[SelectChoice("a", "A"), SelectChoice("b", "B")],
    )
    things = CheckboxesField(
        "Things",
        [InputRequired("Choose at least one")],
        choices=[SelectChoice("x", "X"), SelectChoice("y", "Y")],
    )
    agree = BooleanField("I agree", [InputRequired("Tick the box")])


MACRO_PAGE = """{% extends "base.html" %}
{% set page_title = "Example" %}
{% block main %}{{ error_summary(f) }}<h1>Example</h1>
{% call form_tag("/example") %}
{{ field(f.name, autocomplete="name") }}{{ field(f.choice) }}
{{ field(f.things) }}{{ field(f.agree) }}
{% endcall %}
{{ summary_list([{"key": "Name", "value": "Kari", "href": "/x"}, {"key": "Age", "value": ""}]) }}
{{ tag("Draft", "info") }}{% endblock %}"""


def render_example(app: Flask, data: dict[str, str]) -> BeautifulSoup:
    from werkzeug.datastructures import MultiDict

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        form = ExampleForm(MultiDict(data))
        form.validate()
        return soup(render_template_string(MACRO_PAGE, f=form))


def test_no_template_imports_the_shared_macros(app: Flask) -> None:
    """The macros of templates/macros/ are globals (portal/templating.py); an import of them
    costs a set difference of the page's globals on every render."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    importing = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if re.search(r"\{%-?\s*(from|import)\s+[\"']macros/", path.read_text())
    ]
    assert importing == []
    with app.app_context():
        for name, (template, macro) in MACROS.items():
            assert name in app.jinja_env.globals
            assert callable(getattr(app.jinja_env.get_template(template).module, macro))


def test_error_summary_links_to_the_fields(app: Flask) -> None:
    page = render_example(app, {})
    assert_sound_page(page, "en")
    summary = page.select_one(".ds-error-summary")
    assert summary is not None and summary["tabindex"] == "-1" and summary.has_attr("autofocus")
    heading = summary.find("h2")
    assert heading is not None and heading.get_text(strip=True) == "There is a problem"
    links = {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}
    assert links == {
        "#name": "Write your name",
        "#choice-0": "Choose one",
        "#things-0": "Choose at least one",
        "#agree": "Tick the box",
    }
    for href in links:
        assert page.find(id=str(href)[1:]) is not None, href
    name = page.find("input", id="name")
    assert name is not None and name["aria-invalid"] == "true" and name["autocomplete"] == "name"
    assert name["aria-describedby"] == "name-hint name-error"
    error = page.find(id="name-error")
    assert error is not None and "ds-validation-message" in error["class"]
    assert error.get_text(strip=True) == "Write your name"
    fieldsets = page.find_all("fieldset")
    assert [f["aria-describedby"] for f in fieldsets] == ["choice-error", "things-error"]
    assert all(
        f.find("legend") and f.find("input", id=f"{f.find('input')['name']}-0") for f in fieldsets
    )
    agree = page.find("input", id="agree")
    assert agree is not None and agree["type"] == "checkbox" and agree["aria-invalid"] == "true"
    form = page.find("form")
    assert form is not None and form.find("input", attrs={"name": "csrf_token"}) is not None


def test_valid_form_has_no_error_marks(app: Flask) -> None:
    page = render_example(app, {"name": "Kari", "choice": "a", "things": "x", "agree": "y"})
    assert page.select_one(".ds-error-summary") is None
    assert page.find(attrs={"aria-invalid": True}) is None
    name = page.find("input", id="name")
    assert name is not None and name["aria-describedby"] == "name-hint"
    rows = [row.get_text(" ", strip=True) for row in page.select(".summary-list__row")]
    assert rows == ["Name Kari Change – Name", "Age –"]
    assert page.select_one(".ds-tag[data-color=info]") is not None


def test_logged_in_pages_show_the_person(idporten: Any, http: Any, live_server: str) -> None:
    """After a real ID-porten login: name and log-out in the header, also on an error page;
    the dashboard's honest empty state offers to start an application."""
    http.headers["Accept-Language"] = "nb"
    response = idporten.login(http)
    assert response.url.endswith("/oversikt")
    dashboard = soup(response.text)
    missing = http.get(live_server + "/finnes-ikke")
    assert missing.status_code == 404
    for page in [dashboard, soup(missing.text)]:
        assert_sound_page(page, "nb")
        person = page.select_one(".site-header__person")
        assert person is not None and person.get_text(strip=True) == "Ingrid Solberg"
        assert page.select_one("header form[action='/logg-ut'] button[type=submit]") is not None
        assert page.find("script", src="/static/js/session-timeout.js") is not None
    nb = catalogue("nb")
    texts = [p.get_text(strip=True) for p in dashboard.select("main p")]
    assert nb["You have no applications."] in texts
    start = dashboard.find("a", href="/soknad/ny")
    assert start is not None and start.get_text(strip=True) == nb["Start an application"]


def test_dashboard_lists_the_persons_drafts(
    app: Flask, idporten: Any, http: Any, live_server: str
) -> None:
    from portal.services import applications

    with app.app_context():
        about = {"raw": {}, "values": {}, "complete": True}
        draft = applications.start("14838812342", "Ingrid Solberg", "4601", about, "nb")
        public_id = draft.public_id
        applications.start("09815123465", "Arne Bakken", "0301", about, "nb")  # someone else's
    http.headers["Accept-Language"] = "nb"
    page = soup(idporten.login(http).text)
    links = [a for a in page.select("main a") if a["href"].startswith("/soknad/")]
    assert [a["href"] for a in links] == [f"/soknad/{public_id}", "/soknad/ny"]
    assert links[0].get_text(strip=True) == "Søknad til Bergen"
    tag = page.select_one("main .ds-tag")
    assert tag is not None and tag.get_text(strip=True) == catalogue("nb")["Draft"]


def test_a_forced_language_holds_inside_and_ends_after(app: Flask) -> None:
    """The catalogue is looked up once per request (portal/i18n.py); a letter in another
    language (force_locale) must still get its own, in Python and in templates."""
    from flask_babel import gettext, lazy_gettext

    from portal.i18n import force_locale

    skip = lazy_gettext("Skip to main content")
    page = "{{ _('You will soon be logged out') }}"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert (str(skip), render_template_string(page)) == (
            "Skip to main content",
            "You will soon be logged out",
        )
        with force_locale("nn"):
            assert gettext("Skip to main content") == "Gå til hovudinnhaldet"
            assert render_template_string(page) == "Du blir snart logga ut"
        assert str(skip) == "Skip to main content"
        assert render_template_string(page) == "You will soon be logged out"
