"""Evaluate compiled tables on durable-rules' rete engine, designed around its traps.

- Our own ``Host`` with ``_run`` disabled: no background dispatcher/timer threads.
- One fresh session id per evaluation, its state deleted in ``finally`` (a ruleset holds at most
  1024 live sessions). Sessions live only in this process's engine, so the id is the next number of
  a per-engine counter: never reused, and cheaper than a random UUID.
- Every ruleset gets a sentinel rule that matches every fact: deleting the state of a session
  whose fact matched nothing aborts the process (measured on 2.0.28), and the sentinel's firing
  proves the actions ran.
- One ``assert_fact`` of one fact (never ``post``: an event is consumed by the first matching
  rule; never a batch: one unmatched fact in a batch runs no actions).
- Action failures come back in the state dict; they are turned into ``RuleEngineError`` here.
- A ruleset name can be registered only once and the engine never frees it: definitions are
  named by content hash, registered once per process, and kept in a bounded LRU; evicted ones
  are released with ``durable_rules_engine.delete_ruleset``.
- The C engine holds the GIL and a session spans several calls, so evaluations are serialised
  by one lock; building facts and assembling results happen outside it.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict

import durable_rules_engine
from django.conf import settings
from durable import engine as durable_engine

from rules.engine.compiler import MARKER, CompiledTable

DEFAULT_CAPACITY = 64
SENTINEL = "sentinel"


class RuleEngineError(RuntimeError):
    """The engine failed while evaluating; never swallowed."""


class _QuietHost(durable_engine.Host):
    """A Host without the dispatcher thread; rulesets are added and released explicitly."""

    def _run(self):  # noqa: D401 - durable's Host starts two timer threads here
        return None

    def release(self, name: str) -> None:
        ruleset = self._ruleset_directory.pop(name)
        self._ruleset_list.remove(ruleset)
        durable_rules_engine.delete_ruleset(ruleset._handle)


class _Collector:
    """The rows fired during the evaluation in progress (guarded by the engine lock)."""

    def __init__(self):
        self.fired: list[int] = []

    def action(self, number: int):
        def run(c):
            self.fired.append(number)

        return run


class RuleEngine:
    collector_class = _Collector

    def __init__(self, *, capacity: int = DEFAULT_CAPACITY):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._host = _QuietHost()
        self._lock = threading.Lock()
        self._loaded: OrderedDict[str, _Collector] = OrderedDict()
        self._session_ids = itertools.count(1)
        self.registrations = 0
        self.releases = 0

    @property
    def loaded_names(self) -> list[str]:
        with self._lock:
            return list(self._loaded)

    def _ensure(self, compiled: CompiledTable) -> _Collector:
        collector = self._loaded.get(compiled.name)
        if collector is not None:
            self._loaded.move_to_end(compiled.name)
            return collector
        collector = self.collector_class()
        # The sentinel matches every asserted fact: deleting the state of a session whose fact
        # matched no rule aborts the process (free(): invalid size) in durable-rules 2.0.28.
        definition = {SENTINEL: {"all": [{"m": {MARKER: 1}}], "run": collector.action(-1)}}
        for rule_name, rule in compiled.definition.items():
            definition[rule_name] = {"all": rule["all"], "run": collector.action(int(rule_name[4:]))}
        self._host.register_rulesets({compiled.name: definition})
        self.registrations += 1
        self._loaded[compiled.name] = collector
        while len(self._loaded) > self.capacity:
            oldest, _ = self._loaded.popitem(last=False)
            self._host.release(oldest)
            self.releases += 1
        return collector

    def fire(self, compiled: CompiledTable, facts: dict) -> list[int]:
        """Assert ``facts`` (already typed) in a fresh session; return the numbers of the rows that fired."""
        with self._lock:
            collector = self._ensure(compiled)
            collector.fired = []
            sid = str(next(self._session_ids))
            try:
                state = self._host.assert_fact(compiled.name, {**facts, "sid": sid, MARKER: 1})
            except durable_engine.MessageNotHandledException as error:
                # Impossible with the sentinel; never delete a session the engine did not create.
                raise RuleEngineError("规则引擎未处理该事实（哨兵规则缺失）") from error
            try:
                if isinstance(state, dict) and state.get("exception"):
                    raise RuleEngineError(f"规则引擎执行失败：{state['exception']}")
                if -1 not in collector.fired:
                    raise RuleEngineError("规则引擎未执行哨兵规则，结果不可信")
                fired = [n for n in collector.fired if n >= 0]
                fired.sort()
                return fired
            finally:
                self._host.delete_state(compiled.name, sid)

    def clear(self) -> None:
        with self._lock:
            while self._loaded:
                name, _ = self._loaded.popitem(last=False)
                self._host.release(name)
                self.releases += 1


_default: RuleEngine | None = None
_default_lock = threading.Lock()


def default_engine() -> RuleEngine:
    """The process-wide engine (each worker process has its own; nothing is shared between servers)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = RuleEngine(capacity=getattr(settings, "RULES_ENGINE_CAPACITY", DEFAULT_CAPACITY))
    return _default
