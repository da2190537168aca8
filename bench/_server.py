"""Shared helpers for the bench scripts: a temporary portal database, a logged-in session,
gunicorn servers stopped by their own PID, and wrk runs whose status codes are checked.

Nothing here listens anywhere but 127.0.0.1, and every wait is bounded.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
HOST = "127.0.0.1"
# A fixed key: the cookie made in this process must be valid in the gunicorn workers.
SECRET_KEY = "bench-only-secret-key-0123456789abcdef0123456789abcdef"
PERSON = ("14838812342", "Ingrid Solberg")  # a synthetic test person
SESSION_COOKIE = "portal_session"


def exit_on_sigterm() -> None:
    """Turn SIGTERM (from bench/run.py on a timeout) into SystemExit, so finally blocks run."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


# ---------------------------------------------------------------- the portal, in process


def portal_env(tmp: Path, port: int) -> dict[str, str]:
    """Environment for the portal: development config, a temp SQLite file, a fixed key."""
    return {
        **os.environ,
        "PORTAL_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "SECRET_KEY": SECRET_KEY,
        "PUBLIC_URL": f"http://{HOST}:{port}",
        "DOCUMENT_STORAGE_DIR": str(tmp / "documents"),
    }


def prepare_database(app: Any) -> None:
    """Create the schema (flask db upgrade) and load the municipalities."""
    from flask_migrate import upgrade

    from portal.cli import load_municipalities

    with app.app_context():
        upgrade()
        load_municipalities()


def login(app: Any, client: Any, pid: str = PERSON[0], name: str = PERSON[1]) -> None:
    """Give the test client a logged-in citizen session (as tests/web/wizard does)."""
    from flask import session

    from portal.auth import sessions

    with app.test_request_context():
        identity = sessions.Identity("citizen", pid, name, "bench-sid", "", "idporten-loa-high")
        sessions.start(identity)
        token = session[sessions.TOKEN_KEY]
    with client.session_transaction() as cookie_session:
        cookie_session[sessions.TOKEN_KEY] = token


def logged_in_app() -> tuple[Any, Any]:
    """The portal (settings from the environment: portal_env) on a prepared database, and a
    test client logged in as the test citizen."""
    from portal import create_app

    app = create_app()
    prepare_database(app)
    client = app.test_client()
    login(app, client)
    return app, client


def start_draft(client: Any) -> tuple[str, str]:
    """Start a purchase draft in Bergen through /soknad/ny: (its public id, the CSRF token)."""
    csrf = csrf_token(client.get("/soknad/ny").get_data(as_text=True))
    start = {
        "csrf_token": csrf,
        "municipality": "4601",
        "applying_for": "startlan",
        "purpose": "purchase",
        "pre_approval": "no",
    }
    response = client.post("/soknad/ny", data=start)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"].rstrip("/").rsplit("/", 1)[1], csrf


def cookie_header(client: Any) -> str:
    """The test client's session cookie as a Cookie header value (take it after a page with a
    form was fetched, so the session already holds the CSRF secret)."""
    cookie = client.get_cookie(SESSION_COOKIE)
    assert cookie is not None, "the test client has no session cookie"
    return f"{SESSION_COOKIE}={cookie.value}"


def csrf_token(html: str) -> str:
    """The CSRF token on a page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match[1]


def timed_ms(call: Callable[[], object], count: int, warmup: int = 20) -> tuple[float, float]:
    """(median, p90) in ms of ``count`` calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


# ---------------------------------------------------------------- gunicorn


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A gunicorn master this process started; its access log holds request times in µs."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    pid_file: Path
    log: Path

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def server_times_ms(self) -> list[float]:
        """Server times (ms) of the requests logged since the last call, then forget them."""
        times = [int(line) / 1000 for line in self.log.read_text().split() if line.isdigit()]
        self.log.write_text("")
        return times

    def stop(self) -> None:
        """SIGTERM the master by its own PID; SIGKILL if it has not gone within 10 s."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def gunicorn_command() -> list[str]:
    """The venv's gunicorn script (or ``python -m gunicorn`` when there is none)."""
    script = Path(sys.executable).with_name("gunicorn")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]


def serve(
    spec: str,
    env: dict[str, str],
    tmp: Path,
    name: str,
    *,
    port: int | None = None,
    pythonpath: Path | None = None,
    workers: int = 2,
    started: list[Server] | None = None,
) -> Server:
    """Start ``gunicorn -w workers`` on 127.0.0.1 and wait (≤ 20 s) until it accepts.

    Pass ``started`` (from :func:`servers`) so the server is stopped even if it never comes up.
    """
    port = port or free_port()
    pid_file, log = tmp / f"{name}.pid", tmp / f"{name}.log"
    command = [
        *gunicorn_command(),
        "--no-control-socket",
        "--pid",
        str(pid_file),
        "-w",
        str(workers),
        "-b",
        f"{HOST}:{port}",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
        "--access-logfile",
        str(log),
        "--access-logformat",
        "%(D)s",
    ]
    if pythonpath:
        command += ["--pythonpath", str(pythonpath)]
    process = subprocess.Popen([*command, spec], env=env, cwd=ROOT)
    server = Server(name, process, port, pid_file, log)
    if started is not None:
        started.append(server)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn {spec} exited with {process.returncode}")
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"gunicorn {spec} did not start within 20 s")


@contextmanager
def servers() -> Iterator[list[Server]]:
    """A list to pass to :func:`serve`; every server in it is stopped on the way out."""
    started: list[Server] = []
    try:
        yield started
    finally:
        for server in started:
            server.stop()


def fetch(
    server: Server, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed: (status, headers, body)."""
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


# ---------------------------------------------------------------- wrk

# Counts every status per thread; done() prints them so the caller can check them all.
_STATUS_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      io.write(string.format("STATUS %d %d\\n", status, count))
    end
  end
end
"""


def wrk_script(
    tmp: Path,
    name: str,
    *,
    method: str = "GET",
    body: str = "",
    headers: dict[str, str] | None = None,
) -> Path:
    """A wrk Lua script sending one fixed request and counting the answers' status codes."""
    assert "]]" not in body
    lines = [f'wrk.method = "{method}"']
    if body:
        lines.append(f"wrk.body = [[{body}]]")
    for key, value in (headers or {}).items():
        assert '"' not in key + value
        lines.append(f'wrk.headers["{key}"] = "{value}"')
    path = tmp / f"{name}.lua"
    path.write_text("\n".join(lines) + "\n" + _STATUS_LUA)
    return path


@dataclass
class WrkResult:
    """What one wrk run measured."""

    p50_ms: float
    p90_ms: float
    rps: float
    requests: int
    statuses: dict[int, int] = field(default_factory=dict)
    server_ms: float = float("nan")  # median server time from gunicorn's access log
    server_p90_ms: float = float("nan")
    others_cpu: float = float("nan")  # share of the machine used by processes not ours


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str, label: str) -> float:
    match = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", text)
    assert match, f"no {label} in wrk's output:\n{text}"
    return float(match[1]) * _UNITS[match[2]]


def run_wrk(
    url: str, script: Path, *, connections: int, seconds: int, expect: int, server: Server
) -> WrkResult:
    """``wrk -t2 -cN -dS --latency``; raises unless every answer had status ``expect``."""
    server.server_times_ms()  # forget what came before (warm-up, checks)
    command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections)]
    command += ["-d", f"{seconds}s", "--latency", "-s", str(script), url]
    meter = CpuMeter(server.process.pid)
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    others_cpu = meter.others_share()
    out = done.stdout
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr}\n{out}")
    statuses = {int(s): int(n) for s, n in re.findall(r"^STATUS (\d+) (\d+)$", out, re.M)}
    merged: dict[int, int] = {}
    for status, count in statuses.items():
        merged[status] = merged.get(status, 0) + count
    requests = re.search(r"(\d+) requests in", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    assert requests and rps, out
    wrong = {s: n for s, n in merged.items() if s != expect}
    socket_errors = re.search(r"Socket errors: .*", out)
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if wrong or non_ok or socket_errors or not merged:
        raise RuntimeError(
            f"{url}: expected every answer to be {expect}, got {merged or 'none'}"
            f"{'; ' + socket_errors[0] if socket_errors else ''}\n{out}"
        )
    times = sorted(server.server_times_ms())
    return WrkResult(
        p50_ms=_ms(out, "50%"),
        p90_ms=_ms(out, "90%"),
        rps=float(rps[1]),
        requests=int(requests[1]),
        statuses=merged,
        server_ms=statistics.median(times) if times else float("nan"),
        server_p90_ms=times[int(len(times) * 0.9)] if times else float("nan"),
        others_cpu=others_cpu,
    )


class CpuMeter:
    """How much of the machine's CPU went to processes other than one server's process tree
    and this process's waited-for children (wrk), between creation and others_share()."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.start = self._sample()

    def others_share(self) -> float:
        """Foreign CPU time as a share (0..1) of all cores' time; NaN if /proc is unreadable."""
        try:
            end = self._sample()
        except OSError:
            return float("nan")
        busy, total, ours = (b - a for a, b in zip(self.start, end, strict=True))
        return max(0.0, busy - ours) / total if total > 0 else float("nan")

    def _sample(self) -> tuple[float, float, float]:
        """(busy, total) seconds of all cores from /proc/stat, and CPU seconds of ours."""
        tick = os.sysconf("SC_CLK_TCK")
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
        total = sum(fields) / tick
        busy = total - (fields[3] + fields[4]) / tick  # all but idle and iowait
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once waited for
        ours = children.ru_utime + children.ru_stime
        for pid in self._tree():
            with contextlib.suppress(OSError):  # a worker may have just exited
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ours += (int(stat[11]) + int(stat[12])) / tick  # utime, stime
        return busy, total, ours

    def _tree(self) -> list[int]:
        """The server's master and its workers (processes whose parent is the master)."""
        found = [self.server_pid]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(stat[1]) == self.server_pid:
                        found.append(int(entry.name))
        return found


def warm_up(url: str, script: Path, connections: int = 4) -> None:
    """One second of load so every worker has imported, connected and compiled its templates."""
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", "1s", "-s", str(script), url]
    subprocess.run(command, capture_output=True, check=True, timeout=60)
