"""Portal tests reuse the case tests' demo world (catalog, rulesets, forms, licenses, logins)."""

from tests.workflows.conftest import demo, run, world  # noqa: F401 — fixtures
