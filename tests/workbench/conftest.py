"""The workbench tests reuse the case tests' demo world (loaded once per module) and their ``run`` helper."""

from tests.workflows.conftest import demo, run, world  # noqa: F401 — fixtures
