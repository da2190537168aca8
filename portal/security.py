"""Security headers for every response: CSP without inline scripts, HSTS in production."""

from __future__ import annotations

from flask import Flask, Response, current_app


def content_security_policy(form_action_extra: list[str]) -> str:
    """The CSP header; form-action also allows the IdPs we redirect to after a form post."""
    form_action = " ".join(["'self'", *form_action_extra])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        f"frame-ancestors 'none'; form-action {form_action}"
    )


def _set_headers(response: Response) -> Response:
    config = current_app.config
    extra = config.get("CSP_FORM_ACTION_EXTRA", [])
    wanted = {
        "Content-Security-Policy": content_security_policy(extra),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "geolocation=(), microphone=()",
    }
    if config["HSTS"]:
        wanted["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if response.mimetype == "text/html":
        # Pages hold personal data: never keep them in a shared cache.
        wanted["Cache-Control"] = "no-store"
    # A view's own header wins. (One pass over the headers: Headers.setdefault raises and
    # catches an exception for every header that is not there yet.)
    present = {key.lower() for key, _value in response.headers.items()}
    for key, value in wanted.items():
        if key.lower() not in present:
            response.headers.add(key, value)
    return response


def init_app(app: Flask) -> None:
    """Register the header hook."""
    app.after_request(_set_headers)
