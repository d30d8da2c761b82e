"""A circuit breaker per partner node, kept in the Django cache.

The state is shared by every process that shares the cache: with ``CACHE_URL`` (Redis) all app
servers and workers see one breaker per node. With the embedded default (local-memory cache) each
process keeps its own breaker; that is acceptable there because the breaker is only an optimisation
(it saves waiting for timeouts) — correctness never depends on it: a closed breaker merely tries the
call, and every call is still bounded by its timeouts and retries.

closed → (``failure_threshold`` consecutive failures) → open for ``reset_seconds`` → half-open: one
trial call is let through (an atomic ``cache.add`` decides who); success closes, failure re-opens."""

import time

from django.conf import settings
from django.core.cache import cache


class CircuitBreaker:
    def __init__(
        self, name: str, *, failure_threshold: int | None = None, reset_seconds: float | None = None
    ):
        self.name = name
        self.failure_threshold = failure_threshold or settings.GATEWAY_BREAKER_THRESHOLD
        self.reset_seconds = (
            reset_seconds if reset_seconds is not None else settings.GATEWAY_BREAKER_RESET_SECONDS
        )

    def _key(self, part: str) -> str:
        return f"licenses:breaker:{self.name}:{part}"

    @property
    def state(self) -> str:
        opened_at = cache.get(self._key("opened_at"))
        if opened_at is None:
            return "closed"
        return "open" if time.time() - opened_at < self.reset_seconds else "half-open"

    def allow(self) -> bool:
        state = self.state
        if state == "closed":
            return True
        if state == "half-open":
            # only one caller tries the node; the others keep failing fast until it answers
            return cache.add(self._key("trial"), 1, timeout=max(1, int(self.reset_seconds)))
        return False

    def record_success(self) -> None:
        cache.delete_many([self._key("failures"), self._key("opened_at"), self._key("trial")])

    def record_failure(self) -> None:
        key = self._key("failures")
        cache.add(key, 0, timeout=None)
        try:
            failures = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=None)
            failures = 1
        if failures >= self.failure_threshold or self.state == "half-open":
            cache.set(self._key("opened_at"), time.time(), timeout=None)
            cache.delete(self._key("trial"))
