"""The wizard, declared: which steps exist, which apply, their order and their status.

Pure functions over the saved answers ({slug: {"values", "complete", "seq", ...}}); the one
view that serves every step asks this module what to show and where to go next.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Answers = Mapping[str, Mapping[str, Any]]
COUPLE_STATUSES = ("married", "cohabitant", "partner")


def value(answers: Answers, slug: str, field: str, default: Any = None) -> Any:
    """A saved answer: the validated value when the step is complete, else what was typed."""
    step = answers.get(slug) or {}
    values = step.get("values") or {}
    if field in values:
        return values[field]
    raw = step.get("raw") or {}
    found = raw.get(field)
    return found[0] if isinstance(found, list) and len(found) == 1 else found or default


def _concrete_home(answers: Answers) -> bool:
    return bool(value(answers, "om-soknaden", "pre_approval") != "yes")


def _has_debt_step(answers: Answers) -> bool:
    purpose = value(answers, "om-soknaden", "purpose")
    return bool(purpose == "refinance" or value(answers, "formue", "has_debts") == "yes")


def _always(answers: Answers) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Step:
    """One page of the wizard."""

    slug: str
    group: str  # the task-list section it belongs to
    applies: Callable[[Answers], bool] = _always
    needs: tuple[str, ...] = ()  # steps that must be completed before this one can start
    kind: str = "form"  # form | list | documents


STEPS: tuple[Step, ...] = (
    Step("om-soknaden", "about"),
    Step("sokere", "about", needs=("om-soknaden",)),
    Step("husstand", "household", needs=("sokere",)),
    Step("husstandsmedlemmer", "household", kind="list", needs=("sokere",)),
    Step("inntekt", "economy", kind="list", needs=("sokere",)),
    Step("formue", "economy"),
    Step("gjeld", "economy", applies=_has_debt_step, kind="list"),
    Step("bolig", "home", applies=_concrete_home, needs=("om-soknaden",)),
    Step("finansiering", "home", needs=("om-soknaden",)),
    Step("budsjett", "home", needs=("husstandsmedlemmer", "inntekt")),
    Step("saerlige-forhold", "other"),
    Step("dokumentasjon", "other", kind="documents", needs=("om-soknaden", "sokere")),
)
BY_SLUG = {step.slug: step for step in STEPS}


def applicable(answers: Answers) -> list[Step]:
    """The steps that apply to this application, in order."""
    return [step for step in STEPS if step.applies(answers)]


def status(step: Step, answers: Answers) -> str:
    """not_started | in_progress | completed | cannot_start | needs_attention."""
    saved = answers.get(step.slug)
    if any(not (answers.get(need) or {}).get("complete") for need in step.needs) and not saved:
        return "cannot_start"
    if not saved:
        return "not_started"
    if not saved.get("complete"):
        return "in_progress"
    # Completed, but something it builds on changed afterwards: ask the person to look again.
    if any((answers.get(need) or {}).get("seq", 0) > saved.get("seq", 0) for need in step.needs):
        return "needs_attention"
    return "completed"


def next_slug(current: str, answers: Answers) -> str | None:
    """The next applicable step after `current`, or None when the last one is done."""
    slugs = [step.slug for step in applicable(answers)]
    if current not in slugs:
        return slugs[0] if slugs else None
    index = slugs.index(current)
    return slugs[index + 1] if index + 1 < len(slugs) else None


def blocking(answers: Answers) -> list[tuple[str, str]]:
    """What stops submission: (slug, status) of every applicable step not completed."""
    return [
        (step.slug, state)
        for step in applicable(answers)
        if (state := status(step, answers)) != "completed"
    ]
