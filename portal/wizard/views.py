"""How a step is shown: the types every steps_* module fills in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forms.base import StepForm
from portal.auth.access import CurrentUser
from portal.services.applications import ApplicationData

FormFactory = Callable[[ApplicationData | None, CurrentUser, Any], StepForm]
# Rows for "check your answers": (question, answer as text) from a step's saved values.
Summary = Callable[[dict[str, Any]], list[tuple[Any, str]]]


def saved_answers(application: ApplicationData | None) -> dict[str, Any]:
    """The application's saved answers, a copy ({} before there is an application)."""
    return dict(application.answers or {}) if application else {}


def formdata(data: Any) -> dict[str, Any]:
    """None means "the request's form when posted" (Flask-WTF's default)."""
    return {} if data is None else {"formdata": data}


@dataclass(frozen=True)
class StepView:
    """A one-form step."""

    form: FormFactory
    summary: Summary
    template: str = "wizard/step.html"


@dataclass(frozen=True)
class ListView:
    """A repeating list: the item form and how an item is summarised."""

    form: FormFactory
    summary: Summary  # rows for one item
    add_label: Any
    empty_text: Any
    item_title: Callable[[dict[str, Any]], str]  # e.g. "Child born 02.09.2017"
    item_template: str = "wizard/list_item.html"
    intro: Any = None  # a paragraph above the list
    min_items: int = 0  # items needed before "Next" completes the step
    min_items_message: Any = None
