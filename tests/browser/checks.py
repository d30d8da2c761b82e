"""What every portal and workbench page must pass in the browser (issue 10):

- ``assert_accessible(page)``: axe-core (vendored, tests/browser/vendor/axe.min.js, MPL-2.0, v4.14.1) finds no
  *serious* or *critical* violation on the page as it is now;
- ``offline(page, live_server)``: from the call on, every request to anything but the app itself is aborted
  and remembered; ``assert_offline_ok(page)`` fails if the page asked for one (a CDN script, a web font …).
"""

from pathlib import Path
from urllib.parse import urlsplit

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
SEVERE = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [v for v in result["violations"] if v.get("impact") in SEVERE]


def assert_accessible(page) -> None:
    severe = axe_violations(page)
    described = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in severe
    ]
    assert not severe, f"{page.url}: " + " | ".join(described)


def offline(page, live_server) -> list[str]:
    """Cut the page off from everything but the app; returns the list the blocked URLs are added to."""
    app = urlsplit(live_server.url).netloc
    blocked: list[str] = []

    def route(route):
        parts = urlsplit(route.request.url)
        # chrome:// and chrome-extension:// are the browser's own built-in parts (its PDF viewer), never the network
        if parts.scheme in {"data", "blob", "about", "chrome", "chrome-extension"} or parts.netloc == app:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", route)
    page._mzb_blocked = blocked
    return blocked


def assert_offline_ok(page) -> None:
    blocked = getattr(page, "_mzb_blocked", None)
    assert blocked is not None, "call offline(page, live_server) before loading the page"
    assert not blocked, f"{page.url} asked for something outside the app: {blocked}"
