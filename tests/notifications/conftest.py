from tests.workflows.conftest import demo, run, world  # noqa: F401  (the demo world of the case tests)
