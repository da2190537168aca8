"""What every template may use without an import: the shared macros and the field writer.

`field` and `ds_field_anchor` are Python (forms/markup.py). `form_tag`, `error_summary`,
`summary_list` and `tag` are the macros of templates/macros/, handed out as globals (macros
of one group of pages, such as wizard/home_macros.html, are imported where they are used).
A `{% from ... import %}` makes Jinja work out again, on every render, which of the importing
template's globals the imported one lacks (a set difference through a ChainMap of some 40
names; 2 % of a wizard step's instructions, bench/README.md). Each call here takes the macro
from the template's module, which Jinja keeps, and from a fresh one when template auto-reload
is on and the file changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

# global name: (template, macro)
MACROS = {
    "form_tag": ("macros/forms.html", "form"),
    "error_summary": ("macros/forms.html", "error_summary"),
    "summary_list": ("macros/components.html", "summary_list"),
    "tag": ("macros/components.html", "tag"),
}


def _macro(template: str, name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        module = current_app.jinja_env.get_template(template).module
        return getattr(module, name)(*args, **kwargs)

    call.__name__ = name
    return call


def init_app(app: Flask) -> None:
    """Register the globals."""
    from forms import markup

    app.add_template_global(markup.field, "field")
    app.add_template_global(markup.anchor, "ds_field_anchor")  # its error summary links there
    for name, (template, macro) in MACROS.items():
        app.add_template_global(_macro(template, macro), name)
