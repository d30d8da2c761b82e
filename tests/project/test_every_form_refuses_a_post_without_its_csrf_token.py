"""CSRF on every form: the site is crawled as each demo role (and anonymously) from the home page and each area's
entry page; every ``<form method="post">`` found must carry the CSRF token, and a POST to its action without the
token must be refused with 403 — so a page added later without ``{% csrf_token %}``, or a view marked
``csrf_exempt``, fails here. Bounded: at most ``PAGES_PER_ROLE`` pages per role."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.demo import DEMO_USERS
from accounts.models import User

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

PAGES_PER_ROLE = 120
ENTRY_PAGES = [
    "/",
    "/admin/",
    "/wallet/",
    "/portal/",
    "/workbench/",
    "/supervision/",
    "/messages/",
    "/impact/",
]
SKIP = re.compile(
    r"/logout/|/i18n/|\.(xlsx|csv|pdf|zip|json|png|jpg|svg|js|css)(\?|$)|/download|/export|/api/|/static/|/media/"
    r"|/admin/jsi18n/|/history/$|/delete/$"
)


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "token": False}
        elif tag == "input" and self._form is not None and attrs.get("name") == "csrfmiddlewaretoken":
            self._form["token"] = bool(attrs.get("value"))

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _without_admin_filters(url) -> str:
    """An admin list's filters and orderings are the same view; elsewhere the query may choose the page."""
    if url.path.startswith("/admin/") or not url.query:
        return url.path
    return f"{url.path}?{url.query}"


def _crawl(client: Client) -> tuple[set[str], dict[str, str]]:
    """The pages reached and, for each POST form's action, the page it was found on."""
    seen, queue, actions, shapes = set(), list(ENTRY_PAGES), {}, {}
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", path)  # two of each kind of page (/cases/N/ …) give the crawl its breadth
        if path in seen or SKIP.search(path) or shapes.get(shape, 0) >= 2:
            continue
        seen.add(path)
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode("utf-8", "replace"))
        for form in parser.forms:
            action = urlsplit(urljoin(path, form["action"] or path))
            assert not action.netloc or action.netloc == "testserver", (
                f"{path}: a form posts off-site: {form}"
            )
            assert form["token"], f"{path}: a POST form to {action.path} has no CSRF token"
            actions.setdefault(_without_admin_filters(action), path)
        for href in parser.links:
            link = urlsplit(urljoin(path, href))
            if (
                link.scheme in ("", "http")
                and link.netloc in ("", "testserver")
                and link.path.startswith("/")
            ):
                queue.append(_without_admin_filters(link))
    return seen, actions


@pytest.fixture
def demo_site(db, settings, monkeypatch):
    from catalogs.management.commands.load_demo import Command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Command().handle(verbosity=0)


def test_every_post_form_carries_the_token_and_a_post_without_it_is_refused(demo_site):
    roles = [None, *[username for username, *_rest in DEMO_USERS], "admin"]
    pages, forms = 0, {}
    for username in roles:
        cache.clear()
        client = Client(enforce_csrf_checks=True)
        if username:
            client.force_login(User.objects.get(username=username))
        seen, actions = _crawl(client)
        pages += len(seen)
        for action, found_on in actions.items():
            cache.clear()
            response = client.post(action, {"x": "1"})
            assert response.status_code == 403, (
                f"{username or 'anonymous'}: POST {action} (form on {found_on}) without a CSRF token answered "
                f"{response.status_code}"
            )
            assert "CSRF" in response.content.decode() or "安全校验" in response.content.decode(), action
            forms[action] = found_on
    # the crawl really reached the site: the login form, the language switch and admin change forms at least
    assert pages > 300 and len(forms) > 60, (pages, len(forms))
    assert "/accounts/login/" in forms and "/i18n/setlang/" in forms, sorted(forms)
    assert any(action.startswith("/admin/") for action in forms), sorted(forms)
