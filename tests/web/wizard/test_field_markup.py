"""forms/markup.py writes inputs, check boxes and radio buttons itself, for speed; the pages
must come out exactly as if WTForms' own widgets had written them.

Every page of two whole applications (a purchase and a refinancing), filled in and with
errors, is rendered twice, with and without the fast path, and compared byte for byte (the
CSRF token, step versions and session time left masked).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from home_helpers import answers, seed, single_parent
from markupsafe import Markup
from test_submit import complete_purchase
from werkzeug.datastructures import MultiDict
from wizard_helpers import PENSIONER, SINGLE_PARENT, csrf, start_application
from wtforms import BooleanField, Field, RadioField, StringField
from wtforms.widgets.core import html_params

from forms import markup
from forms.base import Form, choices
from portal.domain import wizard
from portal.i18n import force_locale
from portal.i18n import lazy_gettext as _l

AsPerson = Callable[[tuple[str, str]], FlaskClient]
# Differ between two requests for reasons of their own: the CSRF token is signed anew, a post
# that saved bumped the step's version, the session has a second less left.
VOLATILE = re.compile(
    r'((?:name="(?:csrf_token|[\w-]*version)" (?:type="hidden" )?value|data-expires-in)=")[^"]+"'
)


def _mask(html: str) -> str:
    return VOLATILE.sub(r'\1…"', html)


def _both_ways(monkeypatch: pytest.MonkeyPatch, render: Callable[[], tuple[int, str]]) -> int:
    """Render with the fast path, then with WTForms' widgets; assert the pages are equal."""
    status, fast = render()
    with monkeypatch.context() as patch:
        patch.setattr(markup, "PLAIN_INPUTS", set())
        patch.setattr(markup, "PLAIN_OPTIONS", ())
        again, slow = render()
    assert again == status
    assert _mask(fast) == _mask(slow)
    return status


def _pages(app: Flask, overview: str) -> list[tuple[str, str]]:
    """(page, where its form posts): every step of the application, the add pages of its
    lists, the start page and the summary with the declaration."""
    paths = [f"{overview}/{step.slug}" for step in wizard.applicable(answers(app, overview))]
    paths += [f"{overview}/{slug}/ny" for slug in ("husstandsmedlemmer", "inntekt", "gjeld")]
    pages = [(path, path) for path in [*paths, "/soknad/ny"]]
    return [*pages, (f"{overview}/oppsummering", f"{overview}/send")]


def _check_application(
    app: Flask, client: FlaskClient, overview: str, monkeypatch: pytest.MonkeyPatch
) -> int:
    fields = errors = 0
    for path, target in _pages(app, overview):

        def get(path: str = path) -> tuple[int, str]:
            response = client.get(path)
            return response.status_code, response.get_data(as_text=True)

        if _both_ways(monkeypatch, get) != 200:
            continue
        page = get()[1]
        fields += page.count("<input")

        def post_empty(target: str = target, token: str = csrf(page)) -> tuple[int, str]:
            # Nothing typed: the page comes back with its errors (or, where nothing is
            # required, is saved and redirects: then there is no error page to compare).
            response = client.post(target, data={"csrf_token": token, "action": "next"})
            return response.status_code, response.get_data(as_text=True)

        status, html = post_empty()
        assert status in (200, 303, 409, 422), (target, status)
        if status not in (301, 302, 303):
            errors += html.count("ds-validation-message")
            _both_ways(monkeypatch, post_empty)
    assert errors > 10, "the error states were not reached"
    return fields


def test_a_purchase_renders_as_wtforms_would(
    app: Flask, as_person: AsPerson, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = as_person(SINGLE_PARENT)
    overview = complete_purchase(app, client)
    assert _check_application(app, client, overview, monkeypatch) > 100


def test_a_refinancing_renders_as_wtforms_would(
    app: Flask, as_person: AsPerson, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = as_person(PENSIONER)
    overview = start_application(client, purpose="refinance")
    single_parent(app, overview)
    seed(app, overview, "gjeld", [])
    assert _check_application(app, client, overview, monkeypatch) > 50


def test_attributes_follow_wtforms_rules() -> None:
    params = {"b": "x\"<y>'", "a": True, "c": False, "n": 0, "m": Markup('<i title="t">')}
    assert markup.attributes(params) == html_params(**params)
    assert markup.attributes({"aria-invalid": "true"}) == html_params(aria_invalid="true")


class _Framed(Form):
    """One field of each kind that is written from a frame."""

    name = StringField(_l("Mobile phone number"), description=_l("Postal address"))
    fixed = StringField(_l("Postcode"), render_kw={"value": "5003", "inputmode": "numeric"})
    agree = BooleanField(_l("Married"))
    status = RadioField(_l("Married"), choices=choices([("single", _l("Single")), ("x", "")]))


def _written(f: Field) -> Markup:
    """The field written out in full, never from a frame."""
    hint, label = markup._text(f.description or ""), markup._text(f.label.text)
    return markup._write(f, hint, label, {})


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "Ola Nordmann", "agree": "y", "status": "single"},
        {"name": '"O\'Brien" <&> \x1f', "agree": "", "status": "x"},
        {"name": "Kari", "status": "nonsense"},
    ],
)
def test_a_frame_gives_what_writing_the_field_gives(app: Flask, data: dict[str, str]) -> None:
    with app.test_request_context():
        form = _Framed(MultiDict(data))
        for f in form:
            assert markup.field(f) == _written(f), f.name
            assert markup.field(f) == _written(f), f.name  # the second time from the frame
        assert markup.field(form.agree).count("checked") == (data.get("agree") == "y")


def test_a_frame_is_kept_per_label_and_language(app: Flask) -> None:
    with app.test_request_context():
        form = _Framed(MultiDict({"name": "Kari"}))
        norwegian = markup.field(form.name)
        with force_locale("en"):
            english = markup.field(form.name)
        form.name.label.text = "Navn på den du søker sammen med"  # set per request, as home's price
        relabelled = markup.field(form.name)
    assert "Mobilnummer" in norwegian and "Mobile phone number" in english
    assert "Navn på den du søker sammen med" in relabelled and 'value="Kari"' in relabelled


def test_frames_do_not_pile_up(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markup, "FRAME_LIMIT", 10)
    monkeypatch.setattr(markup, "_FRAMES", {})
    with app.test_request_context():
        form = _Framed(MultiDict({"name": "Kari"}))
        for n in range(25):  # a label with a name in it: a new definition each time
            form.name.label.text = f"Inntekt for person {n}"
            assert f"Inntekt for person {n}" in markup.field(form.name)
    assert 0 < len(markup._FRAMES) <= 10
