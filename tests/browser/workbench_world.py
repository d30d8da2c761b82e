"""The demo world for workbench browser tests: committed (the live server's thread must see it), with real
PDF and PNG files for uploads and names for the demo people."""

from __future__ import annotations

from types import SimpleNamespace

from accounts.models import User
from tests.workbench.cases import photo_png
from workflows.demo_runner import DEMO_PDF  # noqa: F401 — re-exported for tests

SCREENSHOTS = "docs/screenshots"


def load() -> SimpleNamespace:
    from licenses import demo as licenses_demo
    from tests.workflows.conftest import load_world

    load_world()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["zhangsan", "lisi", "qiye", "handler_mz", "handler_sj"])
    }
    return SimpleNamespace(**users, ZHANGSAN=licenses_demo.ZHANGSAN, MAJIANGUO=licenses_demo.MAJIANGUO)


def pdf_file(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": DEMO_PDF}


def png_file(name: str) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": photo_png()}


def direct(function, **kwargs):
    """Call a service outside any test transaction: its on-commit background steps run at once, as eagerly
    as the live server runs them."""
    return function(**kwargs)
