"""Security baseline on every response: CSP without inline scripts, cookies, no fnr in URLs."""

import re
from pathlib import Path

from flask import Flask

from portal import ROOT

TEMPLATES = ROOT / "templates"


def test_csp_forbids_inline_scripts_and_framing(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers  # only in production


def test_hsts_in_production_mode(app: Flask) -> None:
    app.config["HSTS"] = True
    try:
        response = app.test_client().get("/")
    finally:
        app.config["HSTS"] = False
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_session_cookie_is_httponly_and_samesite(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    response = client.post("/sprak", data={"lang": "en", "next": "/", "csrf_token": token[1]})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_templates_have_no_inline_script_style_or_handlers() -> None:
    offenders = []
    for path in _templates():
        html = path.read_text("utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
            offenders.append(f"{path}: inline <script>")
        if re.search(r"<style\b|\sstyle=", html):
            offenders.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+=", html):
            offenders.append(f"{path}: inline event handler")
    assert offenders == []


def test_no_route_takes_a_fodselsnummer(app: Flask) -> None:
    names = {"fnr", "pid", "fodselsnummer", "foedselsnummer", "ssn"}
    for rule in app.url_map.iter_rules():
        assert not (set(rule.arguments) & names), rule.rule
