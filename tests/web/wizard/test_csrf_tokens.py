"""CSRF tokens are signed once per session and masked anew on every page (portal/csrf_tokens.py).

What must hold: no page shows the same token twice, nor Flask-WTF's signed token itself (a
constant secret in compressed responses is what BREACH reads out); every masked token of the
session is accepted; anything else, the signed token itself included, gets a 400, never a 500.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask, session
from flask.testing import FlaskClient
from flask_wtf.csrf import validate_csrf
from itsdangerous import URLSafeTimedSerializer
from wizard_helpers import SINGLE_PARENT, csrf, start_application

from portal.csrf_tokens import mask, unmask

AsPerson = Callable[[tuple[str, str]], FlaskClient]
OTHER = ("01818812345", "Ola Nordmann")  # synthetic
LANGUAGE = "/sprak"


def _tokens(html: str) -> list[str]:
    return re.findall(r'name="csrf_token" value="([^"]+)"', html)


def _post_language(client: FlaskClient, token: str | None) -> int:
    data = {"lang": "en", "next": "/oversikt"}
    if token is not None:
        data["csrf_token"] = token
    return client.post(LANGUAGE, data=data).status_code


def test_every_page_masks_the_token_afresh_and_never_shows_the_signed_one(
    app: Flask, as_person: AsPerson
) -> None:
    client = as_person(SINGLE_PARENT)
    pages = [client.get("/soknad/ny").get_data(as_text=True) for _ in range(3)]
    shown = [csrf(page) for page in pages]
    assert len(set(shown)) == 3, "the same token on two pages"
    signed = {unmask(token) for token in shown}
    assert len(signed) == 1 and None not in signed
    (token,) = signed
    assert token is not None
    for page in pages:
        assert token not in page
        assert len(set(_tokens(page))) == 1  # one token per page, in every form on it
    with client.session_transaction() as kept, app.test_request_context():
        session.update(kept)
        validate_csrf(token)  # Flask-WTF's own check accepts what was masked


def test_the_token_is_signed_once_per_session(
    as_person: AsPerson, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = as_person(SINGLE_PARENT)
    client.get("/soknad/ny")  # the session's secret and its token now exist
    signed: list[object] = []
    original = URLSafeTimedSerializer.dumps

    def counting(self: URLSafeTimedSerializer, obj: object, salt: object = None) -> object:
        signed.append(obj)
        return original(self, obj, salt)

    monkeypatch.setattr(URLSafeTimedSerializer, "dumps", counting)
    for _ in range(3):
        assert client.get("/soknad/ny").status_code == 200
    assert [value for value in signed if isinstance(value, str)] == []


def test_any_masked_token_of_the_session_is_accepted(as_person: AsPerson) -> None:
    client = as_person(SINGLE_PARENT)
    first = csrf(client.get("/soknad/ny").get_data(as_text=True))
    csrf(client.get("/oversikt").get_data(as_text=True))  # a later page, another mask
    assert _post_language(client, first) == 303  # the earlier page's token still works
    signed = unmask(first)
    assert signed is not None
    assert _post_language(client, mask(signed)) == 303  # and a new mask of it


@pytest.mark.parametrize(
    "forged",
    ["", "x", "====", "æøå", "AAAA", "A" * 300, "not base64 at all!", "%00%ff"],
)
def test_a_forged_token_gets_400_not_500(as_person: AsPerson, forged: str) -> None:
    client = as_person(SINGLE_PARENT)
    client.get("/soknad/ny")
    assert _post_language(client, forged) == 400


def test_the_unmasked_token_and_another_sessions_token_are_refused(
    as_person: AsPerson,
) -> None:
    mine, theirs = as_person(SINGLE_PARENT), as_person(OTHER)
    token = csrf(mine.get("/soknad/ny").get_data(as_text=True))
    signed = unmask(token)
    assert signed is not None
    assert _post_language(mine, signed) == 400  # the signed token as it is: not from a page
    start_application(theirs)
    assert _post_language(theirs, token) == 400  # my token in their session
    assert _post_language(mine, None) == 400
    assert _post_language(mine, token) == 303


def test_mask_and_unmask_are_inverse_and_random() -> None:
    token = "IjZlYTQ4ZGYy.aBcD-_.signature"
    masks = {mask(token) for _ in range(20)}
    assert len(masks) == 20 and {unmask(m) for m in masks} == {token}
    assert all(re.fullmatch(r"[A-Za-z0-9_=-]+", m) for m in masks)
    assert unmask(None) is None and unmask("") is None and unmask("AAA") is None
