"""Server time of the live eligibility panel, against a bare route of the same size.

    python bench/bench_panel.py [--seconds 5] [--connections 8]

Builds a temporary SQLite database with one logged-in applicant whose draft has a household,
an income, a home and a financing plan; serves the portal and a bare Flask app (one route
rendering a template of the panel's size) under gunicorn (2 sync workers each); drives both
with wrk (`wrk -t2 -c8 --latency`, and -c1 for the time of one request without queueing);
then times the panel request in-process too. wrk and the servers share the machine's cores,
so the ratio between the two is what carries over. Goal: panel median ≤ 15 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PERSON = ("14838812342", "Ingrid Solberg")  # a synthetic test person
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


def panel_app() -> Any:
    """The portal, configured from the environment this script sets (gunicorn's factory)."""
    from portal import create_app

    return create_app()


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


def _prepare(tmp: Path) -> tuple[str, str, str, int]:
    """Database, login and draft; returns (panel path, post body, cookie, response bytes)."""
    from flask import session
    from flask_migrate import upgrade

    from portal.auth import sessions
    from portal.cli import load_municipalities
    from portal.models import Application
    from portal.services import applications

    app = panel_app()
    with app.app_context():
        upgrade()
        load_municipalities()
    client = app.test_client()
    with app.test_request_context():
        sessions.start(sessions.Identity("citizen", *PERSON, "bench-sid", "", "idporten-loa-high"))
        token = session[sessions.TOKEN_KEY]
    with client.session_transaction() as cookie_session:
        cookie_session[sessions.TOKEN_KEY] = token
        cookie_session["lang"] = "en"
    page = client.get("/soknad/ny").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf, "no CSRF token"
    start = {
        "csrf_token": csrf[1],
        "municipality": "4601",
        "applying_for": "startlan",
        "purpose": "purchase",
        "pre_approval": "no",
    }
    overview = client.post("/soknad/ny", data=start).headers["Location"]
    with app.app_context():
        from portal.extensions import db

        draft = db.session.query(Application).filter_by(public_id=overview.rsplit("/", 1)[1]).one()
        for slug, values in SEED.items():
            items = [{"id": f"i{n}", "raw": {}, "values": v} for n, v in enumerate(values)]
            entry = {"items": items} if isinstance(values, list) else {"raw": {}, "values": values}
            applications.save_step(draft, slug, {**entry, "complete": True}, 0)
    path = overview + "/budsjett/beregning"
    body = urlencode({"csrf_token": csrf[1], **TYPED})
    headers = {"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"}
    response = client.post(path, data=body, headers=headers)
    assert response.status_code == 200 and b"panel-figures" in response.data, response.data[:300]
    cookie = client.get_cookie("portal_session")
    assert cookie is not None
    in_process = _time_in_process(client, path, body, headers)
    print(f"in-process (test client, 1 thread): panel median {in_process:.2f} ms")
    return path, body, f"portal_session={cookie.value}", len(response.data)


def _time_in_process(client: Any, path: str, body: str, headers: dict[str, str]) -> float:
    times = []
    for _ in range(300):
        start = time.perf_counter()
        client.post(path, data=body, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[50:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A gunicorn master this script started, and its access log of request times (µs)."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def median_ms(self) -> float:
        """Median server time of the requests logged since the last call (then forget them)."""
        times = [int(line) / 1000 for line in self.log.read_text().split() if line.isdigit()]
        self.log.write_text("")
        return statistics.median(times) if times else float("nan")


def _serve(factory: str, tmp: Path, env: dict[str, str]) -> Server:
    port = _free_port()
    name = factory.split(":")[1][:-2]
    pid_file, log = tmp / f"{name}.pid", tmp / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--no-control-socket",
        "--pid",
        str(pid_file),
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT / "bench"),
        "--log-level",
        "warning",
        "--access-logfile",
        str(log),
        "--access-logformat",
        "%(D)s",
        factory,
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return Server(process, port, log)
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"{factory} did not start")


def _stop(server: Server) -> None:
    """Stop a gunicorn this script started, by its own process id."""
    server.process.terminate()
    server.process.wait(timeout=10)


def _wrk(url: str, script: Path, connections: int, seconds: int) -> dict[str, float]:
    threads = str(min(2, connections))
    command = [
        "wrk",
        "-t",
        threads,
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert p50 and rps, out
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50[2]]
    return {"p50": float(p50[1]) * scale, "rps": float(rps[1]), "bad": int(bad[1]) if bad else 0}


def _script(tmp: Path, name: str, body: str, cookie: str) -> Path:
    """A wrk script posting the form as htmx does."""
    path = tmp / f"{name}.lua"
    lines = [
        'wrk.method = "POST"',
        f"wrk.body = [[{body}]]",
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
        'wrk.headers["HX-Request"] = "true"',
        f'wrk.headers["Cookie"] = "{cookie}"',
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _measure(panel: Server, bare: Server, path: str, scripts: tuple[Path, Path], args: Any) -> None:
    for connections in (args.connections, 1):
        found = {}
        for name, server, url, script in (
            ("panel", panel, f"http://127.0.0.1:{panel.port}{path}", scripts[0]),
            ("bare", bare, f"http://127.0.0.1:{bare.port}/bare", scripts[1]),
        ):
            server.median_ms()  # forget the warm-up and earlier runs
            result = _wrk(url, script, connections, args.seconds)
            found[name] = {**result, "server": server.median_ms()}
        p, b = found["panel"], found["bare"]
        print(
            f"wrk -c{connections}: server median panel {p['server']:.2f} ms, bare "
            f"{b['server']:.2f} ms (x{p['server'] / b['server']:.1f}); wrk p50 panel "
            f"{p['p50']:.2f} ms, bare {b['p50']:.2f} ms; panel {p['rps']:.0f} req/s, "
            f"{p['bad']:.0f} errors; bare {b['rps']:.0f} req/s"
        )


def main() -> int:
    """Prepare, serve, measure, print, stop."""
    parser = argparse.ArgumentParser(prog="python bench/bench_panel.py")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {
            **os.environ,
            "PORTAL_ENV": "development",
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        }
        os.environ.update(env)
        path, body, cookie, size = _prepare(tmp)
        env["BENCH_BYTES"] = str(size)
        scripts = (_script(tmp, "panel", body, cookie), _script(tmp, "bare", body, ""))
        panel = _serve("bench_panel:panel_app()", tmp, env)
        bare = _serve("bench_panel:bare_app()", tmp, env)
        try:
            print(f"panel response: {size} bytes; bare route renders a template of that size")
            _measure(panel, bare, path, scripts, args)
        finally:
            _stop(panel)
            _stop(bare)
    print(f"goal: median server time of the panel <= {GOAL_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
