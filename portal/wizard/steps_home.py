"""Steps of the «home» group (being built)."""

from __future__ import annotations

from portal.wizard.views import ListView, StepView

FORM_STEPS: dict[str, StepView] = {}
LIST_STEPS: dict[str, ListView] = {}
