"""Repeating lists (household members, incomes, debts): add, change and remove items.

Every action is a plain form post that redirects back to the list, so it works without
JavaScript; with htmx "Yes, remove" swaps just the list, and beside incomes and debts brings
the eligibility panel and its summary along out of band, computed from the saved list. Each
post carries the list's version, so an item form from a stale page never overwrites newer data.

Removing asks first (a mis-tap on a phone must not lose saved work): "Remove" is a link to
GET .../fjern, a page with the question, "Yes, remove" (the POST to the same URL) and "No,
keep it". With htmx the same route answers with just its partial, which takes the item's
place in the list; "No, keep it" then fetches the list again.
"""

from __future__ import annotations

import copy
import secrets
from typing import Any

from flask import abort, make_response, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from forms.base import parse_version
from portal.auth.access import citizen_required
from portal.domain import wizard
from portal.models import Application
from portal.services import applications
from portal.wizard import bp
from portal.wizard.common import (
    jsonable,
    load,
    raw_answers,
    render_step,
    return_to_summary,
    user,
)
from portal.wizard.panel import LIST_PANEL_SLUGS, panel_update
from portal.wizard.registry import LIST_STEPS, TITLES, step_url
from portal.wizard.views import ListView


def _list_step(app_id: str, slug: str) -> tuple[Application, ListView]:
    application = load(app_id)
    view = LIST_STEPS.get(slug)
    if view is None or not wizard.BY_SLUG[slug].applies(application.answers):
        abort(404)
    if application.status != "draft":  # a sent application is read on its summary
        summary = url_for(".summary", app_id=application.public_id)
        if request.headers.get("HX-Request"):
            # Not into the list: htmx follows a redirect and would swap the summary in there.
            abort(Response(status=409, headers={"HX-Redirect": summary}))
        if request.method == "POST":
            abort(409)
        abort(redirect(summary, 303))
    return application, view


def _items(application: Application, slug: str) -> list[dict[str, Any]]:
    return list((application.answers.get(slug) or {}).get("items") or [])


def _find(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    found = next((item for item in items if item["id"] == item_id), None)
    if found is None:
        abort(404)
    return found


def _save_items(
    application: Application,
    slug: str,
    items: list[dict[str, Any]],
    *,
    complete: bool | None = None,
) -> str:
    current = application.answers.get(slug) or {}
    done = bool(current.get("complete")) if complete is None else complete
    entry = {"items": items, "complete": done}
    posted = parse_version(request.form.get("version"))
    return applications.save_step(application, slug, entry, posted).outcome


def _render_list(application: Application, slug: str, view: ListView, **extra: Any) -> str:
    template = (
        "wizard/partials/_list.html" if request.headers.get("HX-Request") else "wizard/list.html"
    )
    return render_template(
        template,
        application=application,
        slug=slug,
        title=TITLES[slug],
        view=view,
        items=_items(application, slug),
        version=applications.step_version(application, slug),
        **extra,
    )


def list_page(application: Application, slug: str) -> Response | str | tuple[str, int]:
    """The list step itself: its items, and "Next" (complete) or "Save and continue later"."""
    view = LIST_STEPS[slug]
    if request.method == "GET":
        return _render_list(application, slug, view)
    later = request.form.get("action") == "later"
    items = _items(application, slug)
    if not later and len(items) < view.min_items:
        message = view.min_items_message
        return _render_list(application, slug, view, list_error=message)
    outcome = _save_items(application, slug, items, complete=not later)
    if outcome == "conflict":
        return _render_list(application, slug, view, conflict=True), 409
    if not later and (summary := return_to_summary(application)):
        return redirect(summary, 303)  # came from «check your answers»: go back there
    following = None if later else wizard.next_slug(slug, application.answers)
    return redirect(step_url(application, following, saved=later), 303)


@bp.route("/<app_id>/<slug>/ny", methods=["GET", "POST"])
@bp.route("/<app_id>/<slug>/<item_id>", methods=["GET", "POST"])
@citizen_required
def list_item(
    app_id: str, slug: str, item_id: str | None = None
) -> Response | str | tuple[str, int]:
    application, view = _list_step(app_id, slug)
    items = _items(application, slug)
    existing = _find(items, item_id) if item_id else None
    formdata = (
        request.form if request.method == "POST" else MultiDict((existing or {}).get("raw") or {})
    )
    form = view.form(application, user(), formdata)
    if request.method == "POST" and form.validate():
        item = {
            "id": item_id or secrets.token_hex(6),
            "raw": raw_answers(request.form),
            "values": jsonable(form.answers()),
        }
        new_items = (
            [item if i["id"] == item["id"] else i for i in items] if existing else [*items, item]
        )
        if _save_items(application, slug, new_items) != "conflict":
            return redirect(step_url(application, slug), 303)
        if not existing and any(i.get("raw") == item["raw"] for i in items):
            return redirect(step_url(application, slug), 303)  # the same item posted twice
        # The list changed elsewhere: keep what was typed, on the newest version, to check
        # and save again (nothing typed is lost, nothing newer is overwritten unseen).
        form.version.data = str(applications.step_version(application, slug))
        return _render_item(application, slug, view, form, item_id, conflict=True), 409
    if request.method == "GET":  # a failed post keeps the version its page was built from
        form.version.data = str(applications.step_version(application, slug))
    return _render_item(application, slug, view, form, item_id)


def _render_item(
    application: Application,
    slug: str,
    view: ListView,
    form: Any,
    item_id: str | None,
    **extra: Any,
) -> str:
    return render_step(
        view.item_template, application, slug, form, view=view, item_id=item_id, **extra
    )


@bp.get("/<app_id>/<slug>/<item_id>/fjern")
@citizen_required
def confirm_remove_item(app_id: str, slug: str, item_id: str) -> Response:
    """Ask "Remove …?": a page of its own, or with htmx the question in the item's place."""
    application, view = _list_step(app_id, slug)
    items = _items(application, slug)
    inline = bool(request.headers.get("HX-Request"))
    if inline and not any(item["id"] == item_id for item in items):
        # Removed in another tab since the list was drawn: htmx swaps no 404, so reload the
        # list as it is now instead of leaving a "Remove" that does nothing.
        return Response(status=404, headers={"HX-Refresh": "true"})
    item = _find(items, item_id)
    template = "wizard/partials/_list_remove.html" if inline else "wizard/list_remove.html"
    response = make_response(
        render_template(
            template,
            application=application,
            slug=slug,
            title=TITLES[slug],
            view=view,
            item=item,
            item_title=view.item_title(item["values"]),
            version=applications.step_version(application, slug),
            inline=inline,
        )
    )
    response.vary.add("HX-Request")  # one URL, two answers
    return response


@bp.post("/<app_id>/<slug>/<item_id>/fjern")
@citizen_required
def remove_item(app_id: str, slug: str, item_id: str) -> Response | str | tuple[str, int]:
    application, view = _list_step(app_id, slug)
    items = _items(application, slug)
    _find(items, item_id)
    remaining = copy.deepcopy([item for item in items if item["id"] != item_id])
    complete = False if len(remaining) < view.min_items else None
    conflict = _save_items(application, slug, remaining, complete=complete) == "conflict"
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx answers: on a conflict, show the newest list and say why nothing
        # changed. The panel beside incomes and debts follows the saved list in the same answer.
        panel = panel_update(application, slug) if slug in LIST_PANEL_SLUGS else None
        if conflict:
            return _render_list(application, slug, view, conflict=True, panel_update=panel)
        return _render_list(application, slug, view, removed=True, panel_update=panel)
    if conflict:
        return _render_list(application, slug, view, conflict=True), 409
    return redirect(url_for(".step", app_id=application.public_id, slug=slug, removed=1), 303)
