"""Step «Dokumentasjon»: the checklist, uploading, removing and downloading files.

Every action is a plain form post that redirects back to the page (no JavaScript needed);
what happened is announced in the item's status region. Files are only ever served from
here, to the people on the application, as attachments.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from forms.documents import ACCEPT, ITEMS, DocumentItemForm
from portal.auth.access import citizen_required
from portal.domain import documents as rules
from portal.domain import wizard
from portal.i18n import gettext as _
from portal.models import Application
from portal.services import applications
from portal.services import documents as service
from portal.wizard import bp
from portal.wizard.common import load
from portal.wizard.registry import TITLES, step_url
from portal.wizard.routes import _locked
from portal.wizard.summary import CUSTOM_SUMMARIES

SLUG = service.SLUG
Page = Response | str | tuple[str, int]


@bp.route("/<app_id>/dokumentasjon", methods=["GET", "POST"])
@citizen_required
def documents(app_id: str) -> Page:
    application = load(app_id)
    if request.method == "GET":
        return _page(application)
    if application.status != "draft":
        return _locked(application)
    service.sync(application, seen=True)  # the answers may have changed what is needed
    if request.form.get("action") == "later":
        return redirect(step_url(application, None, saved=True), 303)
    missing = service.missing(application)
    if missing:
        return _page(application, missing=missing), 422
    return redirect(step_url(application, wizard.next_slug(SLUG, application.answers)), 303)


@bp.post("/<app_id>/dokumentasjon/<code>")
@citizen_required
def document_item(app_id: str, code: str) -> Page:
    application = load(app_id)
    if code not in rules.checklist(application.answers):
        abort(404)
    if application.status != "draft":
        return _locked(application)
    form = DocumentItemForm(code=code, max_bytes=_max_bytes())
    if not form.validate():
        return _page(application, failed=form), 422
    later = bool(form.later.data)
    result = service.save_item(application, code, form.uploads, later, form.posted_version())
    if result.outcome == "conflict":
        return _page(application, conflict=True), 409
    if result.outcome == "too_many":
        form.files.errors = [_too_many()]
        return _page(application, failed=form), 422
    if result.outcome == "unchanged":  # nothing chosen, nothing ticked
        form.files.errors = [_("Choose a file to upload, or tick «I will send this later»")]
        return _page(application, failed=form), 422
    flag = ("later" if later else "not-later") if result.later_changed else None
    uploaded = [document.public_id for document in result.added]
    return redirect(_back(application, code, uploaded=uploaded, flag=flag), 303)


@bp.post("/<app_id>/dokumentasjon/fil/<doc_id>/fjern")
@citizen_required
def remove_document(app_id: str, doc_id: str) -> Page:
    application = load(app_id)
    document = service.find(application, doc_id)
    if application.status != "draft":
        return _locked(application)
    if document is None:  # a repeated click: already removed
        return redirect(_back(application, None), 303)
    code = document.item
    service.remove(application, document)
    return redirect(_back(application, code, flag="removed"), 303)


@bp.get("/<app_id>/dokumentasjon/fil/<doc_id>")
@citizen_required
def document_file(app_id: str, doc_id: str) -> Response:
    application = load(app_id)
    document = service.find(application, doc_id)
    if document is None:
        abort(404)
    try:
        stream = service.open_file(document)
    except KeyError:
        current_app.logger.error("document %s has no stored bytes", document.public_id)
        abort(404)
    response = send_file(
        stream,
        mimetype=document.content_type,
        as_attachment=True,
        download_name=rules.download_name(document.filename, document.content_type),
        etag=False,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _page(
    application: Application,
    *,
    failed: DocumentItemForm | None = None,
    conflict: bool = False,
    missing: list[str] | None = None,
) -> str:
    version = str(applications.step_version(application, SLUG))
    items = []
    for state in service.checklist(application):
        form = failed if failed is not None and failed.code == state.code else None
        if form is None:
            form = DocumentItemForm(
                formdata=None, code=state.code, max_bytes=_max_bytes(), later=state.later
            )
        form.version.data = version
        title, why = ITEMS[state.code]
        items.append({"state": state, "form": form, "title": title, "why": why})
    return render_template(
        "wizard/documents.html",
        application=application,
        title=TITLES[SLUG],
        items=items,
        others=service.others(application),
        messages=_messages(application),
        failed=failed,
        conflict=conflict,
        missing=missing or [],
        locked=application.status != "draft",
        accept=ACCEPT,
        max_mb=_max_bytes() // rules.MB,
    )


def _messages(application: Application) -> dict[str, list[str]]:
    """What the last action did, per item code, from the redirect's query string."""
    code = request.args.get("item", "")
    if code not in ITEMS:
        return {}
    title = ITEMS[code][0]
    texts = {
        "later": _("Saved: you will send «%(title)s» later.", title=title),
        "not-later": _("Saved: «%(title)s» is no longer marked to send later.", title=title),
        "removed": _("The file was removed from «%(title)s».", title=title),
    }
    found = [
        _("%(name)s uploaded", name=document.filename)
        for doc_id in request.args.getlist("uploaded")
        if (document := service.find(application, doc_id)) is not None
    ]
    flag = request.args.get("done")
    return {code: [*found, *([texts[flag]] if flag in texts else [])]}


def _back(
    application: Application,
    code: str | None,
    *,
    uploaded: list[str] | None = None,
    flag: str | None = None,
) -> str:
    """The page again, saying in the item's status region what happened; that region takes
    focus (autofocus), which also scrolls to it. No #fragment: browsers skip autofocus when
    the URL targets an element. No file names in URLs either."""
    return url_for(
        ".documents", app_id=application.public_id, item=code, uploaded=uploaded or None, done=flag
    )


def summary_rows(application: Application) -> list[tuple[Any, str]]:
    """«Check your answers»: each document with its files, or that it comes later."""
    rows = []
    for state in service.checklist(application):
        names = ", ".join(document.filename for document in state.files)
        later = _("Will be sent later") if state.later else ""
        rows.append(
            (ITEMS[state.code][0], " – ".join(filter(None, [names, later])) or _("Not sent"))
        )
    return rows


CUSTOM_SUMMARIES[SLUG] = summary_rows


def _max_bytes() -> int:
    return int(current_app.config.get("DOCUMENT_MAX_BYTES", rules.DEFAULT_MAX_BYTES))


def _too_many() -> str:
    return str(
        _(
            "You can upload at most %(num)d files for one document. Remove some first.",
            num=rules.MAX_FILES_PER_ITEM,
        )
    )
