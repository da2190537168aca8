"""Run every benchmark in bench/ one after another and print what each prints (`make bench`).

    python bench/run.py [NAME ...]     e.g. `python bench/run.py wizard panel`

Runs bench/bench_*.py (assess, wizard, panel first, then any others by name), each in its own
process with a time limit, and prints a header before each one's output. Never in parallel:
the load benchmarks share the machine's cores with wrk. Exits non-zero if any script failed
(a missed goal is reported in the output, not as a failure).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ORDER = ("bench_assess.py", "bench_wizard.py", "bench_panel.py")
TIME_LIMIT = 600  # seconds per script


def scripts(names: list[str]) -> list[Path]:
    """The bench scripts to run, in ORDER first; only those named when names are given."""
    rank = {name: n for n, name in enumerate(ORDER)}
    found = sorted(BENCH.glob("bench_*.py"), key=lambda p: (rank.get(p.name, len(ORDER)), p.name))
    if names:
        found = [p for p in found if any(n in p.stem for n in names)]
    return found


def run(script: Path) -> int:
    """Run one script in a process group of its own; on timeout or Ctrl-C, SIGTERM that group
    (the script and any gunicorn it started), then SIGKILL it if it is still there after 15 s."""
    child = subprocess.Popen([sys.executable, str(script)], start_new_session=True)
    try:
        return child.wait(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        print(f"{script.name}: stopped after {TIME_LIMIT} s", flush=True)
        _stop_group(child)
        return -1
    except KeyboardInterrupt:
        _stop_group(child)
        raise


def _stop_group(child: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(child.pid, signal.SIGTERM)  # the script's finally stops its servers
        child.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)  # whatever of that group is still there
    child.wait(timeout=5)


def _interrupted(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """Run, print, and report which scripts failed."""
    signal.signal(signal.SIGTERM, _interrupted)  # treat like Ctrl-C: stop the running script
    failed = []
    chosen = scripts(sys.argv[1:])
    if not chosen:
        print(f"no bench script matches {sys.argv[1:]}", file=sys.stderr)
        return 2
    for script in chosen:
        print(f"\n=== {script.relative_to(BENCH.parent)} ===", flush=True)
        start = time.monotonic()
        try:
            code = run(script)
        except KeyboardInterrupt:
            print(f"interrupted during {script.name}", file=sys.stderr)
            return 130
        print(f"=== {script.name}: exit {code}, {time.monotonic() - start:.0f} s ===", flush=True)
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
