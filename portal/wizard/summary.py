"""«Check your answers»: every applicable step's saved answers as rows with a Change link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import url_for

from portal.domain import wizard
from portal.models import Application
from portal.wizard.registry import FORM_STEPS, LIST_STEPS, TITLES, has_view, step_url

# Steps with views of their own give their rows here: slug -> rows(application).
CUSTOM_SUMMARIES: dict[str, Callable[[Application], list[tuple[Any, str]]]] = {}


@dataclass
class Row:
    """One answer: the question, the answer as text, and where to change it."""

    key: Any
    value: str
    href: str | None = None


@dataclass
class Section:
    """One step's answers."""

    slug: str
    title: Any
    complete: bool
    rows: list[Row] = field(default_factory=list)


def _rows(application: Application, slug: str, saved: dict[str, Any]) -> list[Row]:
    href = step_url(application, slug) if application.status == "draft" else None
    if slug in FORM_STEPS:
        pairs = FORM_STEPS[slug].summary(saved.get("values") or {})
        return [Row(key, value, href) for key, value in pairs]
    if slug in LIST_STEPS:
        view = LIST_STEPS[slug]
        rows = []
        for item in saved.get("items") or []:
            title = view.item_title(item.get("values") or {})
            details = "; ".join(f"{k}: {v}" for k, v in view.summary(item.get("values") or {}) if v)
            rows.append(Row(title, details, _item_href(application, slug, item["id"])))
        return rows or [Row(TITLES[slug], str(view.empty_text), href)]
    if slug in CUSTOM_SUMMARIES:
        return [Row(key, value, href) for key, value in CUSTOM_SUMMARIES[slug](application)]
    return []


def _item_href(application: Application, slug: str, item_id: str) -> str | None:
    if application.status != "draft":
        return None
    return url_for("wizard.list_item", app_id=application.public_id, slug=slug, item_id=item_id)


def sections(application: Application) -> list[Section]:
    """The answers of every applicable step that has a view, in wizard order."""
    answers = application.answers
    return [
        Section(
            step.slug,
            TITLES[step.slug],
            wizard.status(step, answers) == "completed",
            _rows(application, step.slug, answers.get(step.slug) or {}),
        )
        for step in wizard.applicable(answers)
        if has_view(step.slug)
    ]
