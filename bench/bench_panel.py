"""Server time of the live eligibility panel, against a bare route of the same size.

    python bench/bench_panel.py [--seconds 5] [--connections 8]

Builds a temporary SQLite database with one logged-in applicant whose draft has a household,
an income, a home and a financing plan, and times the panel request in process (Flask's test
client). Then serves the portal and a bare Flask app (bare_app() below: one POST route rendering
a template of the panel's size) under gunicorn (2 sync workers each) and drives both with wrk
(`wrk -t2 -c8 --latency`, and -c1 for the time of one request without queueing). Every answer's
status is counted; anything but 200 stops the script. wrk and the servers share the machine's
cores, so the ratio between the two is what carries over. Goal: panel median server time
(gunicorn's own %(D)s) ≤ 15 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))

import _server
from _server import BENCH, WrkResult

GOAL_MS = 15.0
HOUSEHOLD = {"housing_now": "rent_private", "years_in_municipality": 6, "car": "none"}
CHILD = {"role": "child", "name": "Emma", "birth_date": "2017-09-02", "sex": "F"}
WAGE = {"member_ref": "applicant", "kind": "wage", "gross_annual": 520000, "permanent": True}
HOME = {"price": 2300000, "market_value": 2300000, "ownership": "freehold", "common_costs": 2500}
PLAN = {"startlan": 2300000, "equity": 57500, "term_years": 30, "repayment": "annuity"}
SEED: dict[str, Any] = {
    "sokere": {"marital_status": "single"},
    "husstand": HOUSEHOLD,
    "husstandsmedlemmer": [CHILD],
    "inntekt": [WAGE],
    "formue": {"bank": 40000, "property_value": 0, "other_amount": 0, "has_debts": "no"},
    "bolig": HOME,
    "finansiering": PLAN,
}
TYPED = {"net_monthly_income": "34 000", "applicant_sex": "F", "food": "7 000"}
HTMX = {"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"}
IN_PROCESS = 250  # timed panel requests in process, after 50 untimed ones


def bare_app() -> Any:
    """One route rendering a template of about BENCH_BYTES bytes (gunicorn's factory)."""
    from flask import Flask, render_template
    from jinja2 import DictLoader

    app = Flask(__name__)
    page = "{% for r in rows %}<li>{{ r.label }}: {{ r.amount }} kr</li>\n{% endfor %}"
    app.jinja_loader = DictLoader({"bare.html": page})  # compiled once, cached like ours
    count = max(1, int(os.environ.get("BENCH_BYTES", "6000")) // 28)
    rows = [{"label": f"Line {n}", "amount": n * 1000} for n in range(count)]

    @app.post("/bare")
    def bare() -> str:
        return render_template("bare.html", rows=rows)

    return app


class Setup:
    """The in-process app and client, a draft with the steps the panel needs, the POST body."""

    def __init__(self) -> None:
        self.app, self.client = _server.logged_in_app()
        with self.client.session_transaction() as cookie_session:
            cookie_session["lang"] = "en"
        public_id, csrf = _server.start_draft(self.client)
        self.seed(public_id)
        self.path = f"/soknad/{public_id}/budsjett/beregning"
        self.body = urlencode({"csrf_token": csrf, **TYPED})

    def seed(self, public_id: str) -> None:
        """Save the draft's steps as complete, so the panel has figures to show."""
        from portal.extensions import db
        from portal.models import Application
        from portal.services import applications

        with self.app.app_context():
            draft = db.session.query(Application).filter_by(public_id=public_id).one()
            for slug, values in SEED.items():
                items = [{"id": f"i{n}", "raw": {}, "values": v} for n, v in enumerate(values)]
                entry = (
                    {"items": items} if isinstance(values, list) else {"raw": {}, "values": values}
                )
                applications.save_step(draft, slug, {**entry, "complete": True}, 0)

    def post(self) -> Any:
        """The panel request as htmx sends it; must answer 200 with the panel's figures."""
        response = self.client.post(self.path, data=self.body, headers=HTMX)
        assert response.status_code == 200, (response.status_code, response.data[:300])
        assert b"panel-figures" in response.data, response.data[:300]
        return response


def under_load(setup: Setup, tmp: Path, env: dict[str, str], args: Any) -> None:
    """Serve the portal and the bare app, check one answer of each, then wrk at
    ``--connections`` and at 1 (panel, then bare) and print each pair with the verdict."""
    cookie = _server.cookie_header(setup.client)
    found: dict[int, dict[str, WrkResult]] = {}
    with _server.servers() as started:
        portal = _server.serve(
            "portal:create_app()", env, tmp, "portal", port=args.port, started=started
        )
        headers = {"Cookie": cookie, **HTMX}
        status, _, panel = _server.fetch(portal, "POST", setup.path, setup.body, headers)
        assert status == 200 and b"panel-figures" in panel, (status, panel[:300])
        bare_env = {**env, "BENCH_BYTES": str(len(panel))}
        bare = _server.serve(
            "bench_panel:bare_app()", bare_env, tmp, "bare", pythonpath=BENCH, started=started
        )
        status, _, reference = _server.fetch(bare, "POST", "/bare", setup.body, HTMX)
        assert status == 200, (status, reference[:300])
        print(f"panel response: {len(panel)} bytes; bare route: {len(reference)} bytes")
        runs = [
            ("panel", portal, setup.path, headers),
            ("bare", bare, "/bare", HTMX),
        ]
        scripts = {}
        for name, server, path, request_headers in runs:
            scripts[name] = _server.wrk_script(
                tmp, name, method="POST", body=setup.body, headers=request_headers
            )
            _server.warm_up(server.url(path), scripts[name])
        for connections in (args.connections, 1):
            for name, server, path, _headers in runs:
                found.setdefault(connections, {})[name] = _server.run_wrk(
                    server.url(path),
                    scripts[name],
                    connections=connections,
                    seconds=args.seconds,
                    expect=200,
                    server=server,
                )
            p, b = found[connections]["panel"], found[connections]["bare"]
            print(
                f"wrk -c{connections}: server median panel {p.server_ms:.2f} ms, bare "
                f"{b.server_ms:.2f} ms (x{p.server_ms / b.server_ms:.1f}); wrk p50 panel "
                f"{p.p50_ms:.2f} ms, bare {b.p50_ms:.2f} ms; panel {p.rps:.0f} req/s, all "
                f"{p.requests:,} answers 200; bare {b.rps:.0f} req/s; others CPU "
                f"{max(p.others_cpu, b.others_cpu):.0%}"
            )
    worst = max(runs_at["panel"].server_ms for runs_at in found.values())
    verdict = "meets" if worst <= GOAL_MS else "MISSES"
    print(
        f"live hint panel: median server time {worst:.2f} ms (the higher of -c{args.connections}"
        f" and -c1) — {verdict} the goal (<= {GOAL_MS:.0f} ms)"
    )


def main() -> int:
    """Prepare, measure in process, serve, measure under load, stop, print."""
    parser = argparse.ArgumentParser(prog="python bench/bench_panel.py")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    _server.exit_on_sigterm()
    with tempfile.TemporaryDirectory(prefix="bench-panel-") as folder:
        tmp = Path(folder)
        args.port = _server.free_port()
        env = _server.portal_env(tmp, args.port)
        os.environ.update(env)  # the in-process app reads the same settings
        setup = Setup()
        setup.post()
        median, _ = _server.timed_ms(setup.post, IN_PROCESS, warmup=50)
        print(f"in-process (test client, 1 thread): panel median {median:.2f} ms")
        under_load(setup, tmp, env, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
