"""Language selection: Chinese unless the visitor chose another language with the switch.

Government portals answer in Chinese whatever the browser asks for, so the browser's
Accept-Language is not followed (Django's LocaleMiddleware would); the switch in the page
header sets Django's language cookie, which is.
"""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ChineseErrorPagesMiddleware:
    """In development (DEBUG=1, as `make demo` runs) Django answers a missing page or an error with its
    English technical page; people trying the demo get the site's Chinese 404/500 page instead, as in
    production. The traceback still goes to the log (``django.request``). Without DEBUG Django itself
    renders 404.html and 500.html, and 403.html in both modes."""

    MARKER = b"<code>DEBUG = True</code>"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code in (404, 500)
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
            and self.MARKER in response.content
        ):
            if response.status_code == 404:
                return render(request, "404.html", status=404)
            return HttpResponseServerError(loader.get_template("500.html").render())
        return response
