"""Who may reach a route: one decorator per audience, and a marker every route must carry.

The session loader (portal.auth.sessions) puts the logged-in person on `g.user`; the
decorators here only read it. A test walks `app.url_map` and fails when a view has no guard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from flask import abort, g, redirect, request, url_for

F = TypeVar("F", bound=Callable[..., Any])
GUARD_ATTRIBUTE = "_access_guard"


@dataclass(frozen=True)
class CurrentUser:
    """The person behind this request: a citizen (pid) or a staff member."""

    kind: str  # "citizen" | "staff"
    subject: str  # pid for citizens; the staff IdP subject for staff — never in URLs or logs
    name: str
    session_id: str
    staff_id: int | None = None
    role: str | None = None  # staff: caseworker | decider | admin
    municipality: str | None = None  # staff: kommunenummer


def current_user() -> CurrentUser | None:
    """The logged-in person, or None."""
    return g.get("user")


def _mark(view: F, guard: str) -> F:
    setattr(view, GUARD_ATTRIBUTE, guard)
    return view


def public(view: F) -> F:
    """Anyone may see this route."""
    return _mark(view, "public")


def citizen_required(view: F) -> F:
    """Only a logged-in citizen; others are sent to log in."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        user = current_user()
        if user is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if user.kind != "citizen":
            abort(403)
        return view(*args, **kwargs)

    return _mark(wrapped, "citizen")  # type: ignore[arg-type]


def login_required(view: F) -> F:
    """Anyone logged in, citizen or staff; others get 401 (for endpoints scripts call)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            abort(401)
        return view(*args, **kwargs)

    return _mark(wrapped, "login")  # type: ignore[arg-type]


def safe_next(target: object, default: str) -> str:
    """`target` when it is a local path on this site, else `default` (no open redirect)."""
    if (
        isinstance(target, str)
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(ord(char) < 32 or ord(char) == 127 for char in target)
    ):
        return target
    return default


def staff_required(*roles: str) -> Callable[[F], F]:
    """Only logged-in, active staff, optionally with one of the given roles."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return redirect(url_for("auth.staff_login", next=request.full_path.rstrip("?")))
            if user.kind != "staff" or (roles and user.role not in roles):
                abort(403)
            return view(*args, **kwargs)

        return _mark(wrapped, "staff")  # type: ignore[arg-type]

    return decorator
