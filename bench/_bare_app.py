"""The reference for bench_wizard.py: a bare Flask app whose page is a Jinja template rendering
exactly BENCH_BYTES bytes (UTF-8), the size of the wizard step it is compared with.

    gunicorn --pythonpath bench '_bare_app:create_app()'

GET /page renders the template (a loop of labelled inputs, padded to the size); GET /ok is
the smallest possible route. No database, no session, no extensions.
"""

from __future__ import annotations

import os

from flask import Flask, render_template
from jinja2 import DictLoader

PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
<form method="post" action="/page">
{% for row in rows %}<div class="field"><label for="f{{ loop.index }}">{{ row.label }}</label>\
<input id="f{{ loop.index }}" name="f{{ loop.index }}" value="{{ row.value }}"></div>
{% endfor %}</form>
<!-- {{ pad }} -->
</main></body></html>
"""


def create_app() -> Flask:
    """The app; the page's size comes from BENCH_BYTES (default 20 000)."""
    size = int(os.environ.get("BENCH_BYTES", "20000"))
    app = Flask(__name__)
    app.jinja_loader = DictLoader({"page.html": PAGE})  # compiled once per worker, then cached
    rows = [{"label": f"Field number {n}", "value": f"value {n}"} for n in range(size // 160)]
    context = {"title": "Reference page", "rows": rows, "pad": ""}
    with app.app_context():
        unpadded = len(render_template("page.html", **context).encode())
        if unpadded > size:
            raise ValueError(f"BENCH_BYTES={size} is smaller than the unpadded page")
        context["pad"] = "x" * (size - unpadded)
        assert len(render_template("page.html", **context).encode()) == size

    @app.get("/page")
    def page() -> str:
        return render_template("page.html", **context)

    @app.get("/ok")
    def ok() -> str:
        return "ok"

    return app
