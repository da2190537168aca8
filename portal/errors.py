"""Error pages: a clear page in the person's language for every 4xx, never a bare 500."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.i18n import gettext as _

Page = tuple[str, int, list[tuple[str, str]]]


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (_("The request could not be understood"), _("Go back and try again.")),
        403: (_("You do not have access to this page"), _("Log in as the right person.")),
        404: (_("Page not found"), _("Check the address, or go to your overview.")),
        405: (_("That action is not possible here"), _("Go back and try again.")),
        413: (_("The file is too large"), _("Choose a smaller file and try again.")),
        429: (_("Too many attempts"), _("Wait a minute and try again.")),
        500: (_("Something went wrong on our side"), _("Nothing you saved is lost. Try again.")),
        503: (_("The service is not available right now"), _("Try again in a few minutes.")),
    }


def render_error(code: int, title: str | None = None, text: str | None = None) -> tuple[str, int]:
    """The error page for an HTTP status (unknown 4xx read as 400, unknown 5xx as 500)."""
    titles = _titles()
    default_title, default_text = titles.get(code) or titles[500 if code >= 500 else 400]
    page = render_template(
        "errors/error.html", code=code, title=title or default_title, text=text or default_text
    )
    return page, code


def _headers(error: HTTPException) -> list[tuple[str, str]]:
    """Headers the status needs (Allow on 405, Retry-After on 429), without its content type."""
    return [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_error(
            400,
            _("The form had expired"),
            _("For your security the form must be sent from this service. Go back and try again."),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Page:
        return (*render_error(error.code or 500), _headers(error))

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int]:
        return render_error(500)
