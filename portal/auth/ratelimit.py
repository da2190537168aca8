"""A sliding-window limit on login callbacks per client address.

In-process on purpose: each worker counts on its own, so with N workers an address gets up to
N times the limit. That still stops a script hammering the callback; a shared store (Redis, or
a table) would make the limit exact and can replace this class without touching the views.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    """Counts hits per key inside a moving window of seconds."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int, window: float, now: float | None = None) -> bool:
        """Record one hit for key; False when it goes over the limit inside the window."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:  # forget quiet addresses so memory stays bounded
                self._forget_idle(now, window)
            return True

    def reset(self) -> None:
        """Forget every count (tests)."""
        with self._lock:
            self._hits.clear()

    def _forget_idle(self, now: float, window: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - window]:
            del self._hits[key]
