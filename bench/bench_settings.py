"""Settings for the gunicorn benchmark (bench/verify_api.py): the project's, with a bench URL added and the
public verification budget raised so that wrk measures verifications rather than 429 answers (the throttle
itself still runs: one cache read and write per request, in Redis as in production)."""

from project.settings import *  # noqa: F403
from project.settings import REST_FRAMEWORK

ROOT_URLCONF = "bench_urls"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "verify": "1000000000/min"},
}
