"""The live eligibility panel: what the household can afford, computed by the server.

One partial, two entry points: pages include it through the Jinja global
``eligibility_panel(application, slug)`` (figures from the saved answers, so it works without
JavaScript and updates on "Next"); htmx posts the page's form to ``/<id>/<slug>/beregning``
as the person types, and gets the same partial back, computed from the posted values merged
over the saved answers, which are not saved. ``assessment_for`` gives the submit step the
assessment an application is sent with.

The panel sits below the form on phones, far from the fields, so pages also show its two key
figures above the fields (``wizard/partials/_panel_summary.html``, hidden on wide screens):
``eligibility_panel`` draws both from one computation, and the htmx answer carries the summary
as an out-of-band swap, so one request still updates both. An htmx answer that changes the
saved answers elsewhere on such a page (removing an income or a debt from its list) carries
``panel_update(application, slug)``: the same partial, its body out of band too.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from flask import Flask, abort, current_app, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from portal.auth.access import citizen_required
from portal.domain import wizard
from portal.domain.application_facts import (
    Person,
    budget_changes,
    build_facts,
    lines_of,
    person_from_fnr,
)
from portal.domain.application_facts.budget import changed, suggested
from portal.domain.assess import Result, assess
from portal.domain.figures import FigureStore, load_figures
from portal.domain.messages import errors_json
from portal.domain.validate import FactsError, parse_facts
from portal.figures_cli import figures_dir
from portal.i18n import current_language
from portal.models import Application
from portal.services.applications import ApplicationData
from portal.wizard import bp
from portal.wizard.common import load, raw_answers

PANEL_SLUGS = ("inntekt", "gjeld", "formue", "bolig", "finansiering", "budsjett")
LIST_PANEL_SLUGS = ("inntekt", "gjeld")  # list pages (and their item pages) with the panel
OWN_PAGES = ("bolig", "finansiering", "budsjett")  # pages drawn by wizard/home_layout.html
PARTIAL = "wizard/partials/_panel.html"
SUMMARY = "wizard/partials/_panel_summary.html"


def figures() -> FigureStore:
    """The shipped figures merged with those added at run time (``flask figures add``)."""
    return load_figures(figures_dir(current_app))


def people(application: ApplicationData) -> tuple[Person, Person | None]:
    """The applicant and co-applicant as their fødselsnummer describe them."""
    pids = {party.role: party.pid for party in application.parties}
    co_fnr = pids.get("co_applicant") or wizard.value(
        application.answers, "sokere", "co_applicant_fnr"
    )
    return person_from_fnr(pids.get("applicant")) or Person(None), person_from_fnr(co_fnr)


def facts_for(
    application: ApplicationData, answers: wizard.Answers | None = None
) -> dict[str, Any]:
    """The contract's facts for the application's answers (or for answers merged with a post)."""
    applicant, co_applicant = people(application)
    return build_facts(
        application.answers if answers is None else answers,
        applicant=applicant,
        co_applicant=co_applicant,
        figures=figures(),
    )


def assess_facts(facts: dict[str, Any], lang: str | None = None) -> Result | None:
    """The assessment of facts (None when they are not valid yet)."""
    try:
        parsed = parse_facts(facts)
    except FactsError:
        return None
    return assess(parsed, lang=lang or current_language(), figures=figures())


def assessment_for(application: ApplicationData) -> dict[str, Any]:
    """The engine's result for the application as it is now, with the facts it rests on."""
    facts = facts_for(application)
    try:
        result = assess(parse_facts(facts), lang=application.language, figures=figures())
    except FactsError as error:
        return {**errors_json(error.errors, application.language), "facts": facts}
    extra = {"facts": facts, "budget_changes": budget_changes(application.answers)}
    return {**result.to_dict(), **extra}


def merged_answers(
    application: Application, slug: str, posted: MultiDict[str, str], item: str | None
) -> dict[str, Any]:
    """The saved answers with what is typed on this page over them (a copy; nothing saved)."""
    answers = dict(application.answers or {})
    typed = raw_answers(posted)
    saved = answers.get(slug) or {}
    if wizard.BY_SLUG[slug].kind == "list":
        if not typed or not item:
            return answers
        items = copy.copy(saved.get("items") or [])
        entry = {"id": item, "raw": typed, "values": {}}
        at = next((i for i, old in enumerate(items) if old.get("id") == item), len(items))
        items[at : at + 1] = [entry]
        answers[slug] = {**saved, "items": items}
    else:
        answers[slug] = {**saved, "raw": typed, "values": {}}
    return answers


@dataclass(frozen=True)
class Line:
    """One line of the living costs: SIFO's suggestion, or the applicant's changed amount."""

    name: str
    amount: int
    suggested: int | None  # set when the applicant changed the line


def living_lines(result: Result, answers: wizard.Answers) -> list[Line]:
    """SIFO's lines for the household, with the applicant's changes."""
    lines = []
    for name, amount in lines_of(result.sifo).items():
        own = changed(answers, name)
        if amount or own is not None:
            shown = amount if own is None else own
            lines.append(Line(name, shown, None if own is None else suggested(answers, name)))
    return lines


def panel_context(
    application: ApplicationData, slug: str, answers: wizard.Answers
) -> dict[str, Any]:
    """What the panel shows for these answers."""
    from forms.budget import LINE_LABELS
    from portal.wizard.steps_home import financing_sums

    facts = facts_for(application, answers)
    # Without any income the figures would only say "nothing is left": wait for the income.
    known = bool(facts["income"]) or facts["net_monthly_income"] is not None
    result = assess_facts(facts) if known else None
    item = (request.view_args or {}).get("item_id") or request.args.get("item")
    if request.endpoint == "wizard.list_item" and item is None:
        item = "ny"
    return {
        "application": application,
        "slug": slug,
        "result": result,
        "numbers": result.numbers if result else None,
        "codes": result.codes if result else [],
        "lines": living_lines(result, answers) if result else [],
        "term": facts["financing"].get("term_years", 30),
        "startlan": facts["financing"].get("startlan", 0),
        "line_labels": LINE_LABELS,
        "sums": financing_sums(answers) if slug == "finansiering" else None,
        "url": url_for("wizard.panel", app_id=application.public_id, slug=slug, item=item),
    }


@dataclass(frozen=True)
class PanelHtml:
    """A page's panel and its summary, from one computation: ``.panel`` beside (or below) the
    form, ``.summary`` for the top of the form (after the h1 and any lead text)."""

    panel: Markup
    summary: Markup


def page_panel(context: dict[str, Any]) -> PanelHtml:
    """The panel and its summary as a full page shows them (not for htmx)."""
    return PanelHtml(
        panel=Markup(render_template(PARTIAL, partial=False, **context)),  # noqa: S704
        summary=Markup(render_template(SUMMARY, oob=False, **context)),  # noqa: S704
    )


def eligibility_panel(application: ApplicationData, slug: str) -> PanelHtml:
    """The panel for a page and its summary, from the saved answers (a Jinja global)."""
    return page_panel(panel_context(application, slug, application.answers))


def panel_update(application: Application, slug: str) -> Markup:
    """The panel's body, its status text and the summary, all out of band, from the saved answers.

    For an htmx answer that swaps something else after saving (the list after "Yes, remove"):
    one request still brings the new figures, and the status region announces them as it does
    after typing.
    """
    context = panel_context(application, slug, application.answers)
    return Markup(render_template(PARTIAL, partial=True, oob=True, **context))  # noqa: S704


@bp.post("/<app_id>/<slug>/beregning")
@citizen_required
def panel(app_id: str, slug: str) -> Response | str:
    """The panel computed from the posted (unsaved) values over the saved answers."""
    application = load(app_id)
    step = wizard.BY_SLUG.get(slug)
    if slug not in PANEL_SLUGS or step is None or not step.applies(application.answers):
        abort(404)
    answers = merged_answers(application, slug, request.form, request.args.get("item"))
    context = panel_context(application, slug, answers)
    if request.headers.get("HX-Request"):
        return render_template(PARTIAL, partial=True, **context)
    if slug not in OWN_PAGES:  # a list page has nothing typed to redraw
        return redirect(url_for("wizard.step", app_id=application.public_id, slug=slug), 303)
    return _full_page(application, slug, context)


def _full_page(application: Application, slug: str, context: dict[str, Any]) -> str:
    """Without JavaScript: the page again with what was typed, and the panel for it."""
    from portal.wizard.common import render_step, user
    from portal.wizard.registry import FORM_STEPS

    view = FORM_STEPS[slug]
    form = view.form(application, user(), request.form)
    return render_step(view.template, application, slug, form, panel_html=page_panel(context))


def init_app(app: Flask) -> None:
    """Make ``eligibility_panel(application, slug)`` available to every template."""
    app.add_template_global(eligibility_panel, "eligibility_panel")
    app.add_template_global(LIST_PANEL_SLUGS, "panel_slugs")


# The wizard blueprint brings the global along, so pages can use it even before create_app
# calls init_app (doing both is harmless).
bp.record_once(lambda state: init_app(state.app))
