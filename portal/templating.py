"""What every template may use without an import: the form macros and the field writer.

`field` and `ds_field_anchor` are Python (forms/markup.py). `form_tag` and `error_summary` are
the macros of templates/macros/forms.html, handed out as globals: a `{% from ... import %}`
makes Jinja work out again, on every render, which of the importing template's globals the
imported one lacks (a set difference through a ChainMap of some 40 names; 1.6 % of a wizard
step, bench/README.md). Each call here takes the macro from the template's module, which Jinja
keeps, and from a fresh one when template auto-reload is on and the file changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

FORM_MACROS = "macros/forms.html"


def _macro(name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        module = current_app.jinja_env.get_template(FORM_MACROS).module
        return getattr(module, name)(*args, **kwargs)

    call.__name__ = name
    return call


def init_app(app: Flask) -> None:
    """Register the globals."""
    from forms import markup

    app.add_template_global(markup.field, "field")
    app.add_template_global(markup.anchor, "ds_field_anchor")  # its error summary links there
    app.add_template_global(_macro("form"), "form_tag")
    app.add_template_global(_macro("error_summary"), "error_summary")
