"""Settings for 免证办, read from the environment.

Every value has a safe development default; production passes its own through the
environment (see docs/operations.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, got {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "django-insecure-development-only-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "viewflow",
    "viewflow.workflow",
    # ours, bottom of the dependency graph first (see docs/architecture.md)
    "catalogs",
    "accounts",
    "licenses",
    "rules",
    "forms",
    "archives",
    "workflows",
    "impact",  # above rules and workflows: a draft ruleset over past cases (rules never imports it)
    "workbench",
    "supervision",
    "portal",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "project.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "project.middleware.ChineseErrorPagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "project" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "project.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        # a persistent connection is checked before a request reuses it: after a database restart or failover
        # the server reconnects by itself instead of failing its next request (tests/workflows/e2e, faults)
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Embedded default: start transactions IMMEDIATE, so concurrent writers (threaded runserver appending to the
    # access-log chain) wait for the write lock instead of failing with "database is locked" on lock upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
    # Write-ahead log: a commit appends to one file and syncs it once, where the default rollback journal
    # writes, syncs and deletes a journal and syncs the database (a case commits ~30 times: 9 ms -> 5 ms
    # each on the bench machine), and readers no longer wait for a writer. synchronous stays FULL, so a
    # commit is on disk when it returns — the access-log chain must not lose its last entries to a power
    # cut after a checkpoint of its head was taken. (An in-memory test database ignores it.)
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# workflows.auth grants a handler the review tasks of their own department only (viewflow's queue and claim check)
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "workflows.auth.DepartmentTaskBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "project" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "project" / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security: strict unless DEBUG. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_ENABLED=1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env_bool("SECURE_PROXY_SSL_HEADER_ENABLED", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CACHES = {
    "default": (
        # shared by every app server and worker: throttles, login limits' counters, circuit breakers
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("CACHE_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", ""),  # several installations on one Redis
        }
        if env("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Celery: without a broker the tasks run eagerly in-process (embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# a job whose worker died mid-way (SIGKILL, OOM, a lost machine) is delivered again, not marked failed: every
# job is idempotent (workflows/tasks.py). Redis holds an unacknowledged job for ``visibility_timeout`` seconds
# before it hands it to another worker; it must be longer than the longest job (PDF rendering, archiving).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600"))}
CELERY_WORKER_PREFETCH_MULTIPLIER = int(env("CELERY_WORKER_PREFETCH_MULTIPLIER", "1"))
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # mark licenses past their end date as expired (verification already treats them as expired by date)
    "expire-licenses": {"task": "licenses.expire_licenses", "schedule": crontab(hour=0, minute=5)},
    # tell partner nodes about consent revocations they could not be told at once
    "push-pending-revocations": {
        "task": "licenses.push_pending_revocations",
        "schedule": crontab(minute="*/5"),
    },
    # re-send background steps of cases stuck in NEW (a lost message, a worker killed before it acked, a retry due)
    "sweep-case-steps": {"task": "workflows.sweep_background_steps", "schedule": 60.0},
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "project.authentication.SessionAuthentication",  # a wrong Basic password: 401 + WWW-Authenticate
        "project.authentication.BasicAuthentication",  # under the login limits (django-axes)
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "project.pagination.CappedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "project.problems.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": "120/min",
        "user": "600/min",
        "verify": "60/min",
        "partner": "1200/min",
    },
    # X-Forwarded-For is believed only through this many proxies of our own (project/clientip.py)
    "NUM_PROXIES": int(env("TRUSTED_PROXY_COUNT", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "免证办 API",
    "DESCRIPTION": "电子证照免证办：目录、证照、规则与办件接口",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's scripts, styles and favicon come from drf-spectacular-sidecar's static files, not a CDN
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # declare the problem responses (400/401/403/404/409/429) of every operation in one place
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "project.openapi.add_problem_responses",
    ],
}

# Documents and archives (forms/, archives/): the public address printed in QR codes, the key of the
# documents' check codes and the key protecting full personal data inside archive manifests.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
DOCUMENT_CHECK_KEY = env("DOCUMENT_CHECK_KEY", "")
ARCHIVE_PROTECTION_KEY = env("ARCHIVE_PROTECTION_KEY", "")
ARCHIVES_STORAGE = env("ARCHIVES_STORAGE", "default")

# Seal keys (licenses.signers.keystore): the key-encryption key of the issuers' private keys. Required outside
# DEBUG (deploy check licenses.E001, WSGI start-up); during a rotation the old one(s) stay in ..._PREVIOUS.
SEAL_KEY_ENCRYPTION_KEY = env("SEAL_KEY_ENCRYPTION_KEY", "")
SEAL_KEY_ENCRYPTION_KEY_PREVIOUS = env_list("SEAL_KEY_ENCRYPTION_KEY_PREVIOUS", "")

# Access log (licenses.audit.checkpoints): where signed checkpoints of the hash chain are appended — storage the
# database cannot rewrite (a separate volume, copied off-site). Empty: no checkpoints (deploy check licenses.W002).
AUDIT_CHECKPOINT_DIR = env("AUDIT_CHECKPOINT_DIR", "")
# supervision: flag accepted, undecided cases due within DUE_SOON_WORKDAYS working days, or overdue
DUE_SOON_WORKDAYS = int(env("DUE_SOON_WORKDAYS", "2"))
CELERY_BEAT_SCHEDULE["flag-case-deadlines"] = {
    "task": "supervision.flag_deadlines",
    "schedule": crontab(minute="*/30"),
}
CELERY_BEAT_SCHEDULE["audit-checkpoint"] = {
    "task": "licenses.audit_checkpoint",
    "schedule": crontab(minute=0),
}

# Login limits (django-axes): form login, admin login and HTTP Basic. After AXES_FAILURE_LIMIT wrong passwords an
# account, and separately an address, is locked for AXES_COOLOFF_TIME (429 with a Chinese message, project/lockout.py).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# axes goes first (it only refuses attempts while locked out); whatever backends the project set above stay as they are
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *globals().get("AUTHENTICATION_BACKENDS", ["django.contrib.auth.backends.ModelBackend"]),
]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "project.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "project.lockout.lockout_response"

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"fontTools": {"level": "WARNING"}, "weasyprint": {"level": "ERROR"}},
}

# Rules: where the holder license index comes from (a dotted path, so `rules` never imports `licenses`),
# and how many compiled rulesets one process keeps registered in the rete engine (older ones are released).
RULES_LICENSE_INDEX_PROVIDER = env(
    "RULES_LICENSE_INDEX_PROVIDER", "licenses.selectors.license_index_for_holder"
)
RULES_ENGINE_CAPACITY = int(env("RULES_ENGINE_CAPACITY", "64"))

# This node in the network of license registries (licenses.gateway): its code, the issuer regions it
# serves, and how the remote provider treats partner nodes.
MZB_NODE_CODE = env("MZB_NODE_CODE", "qh")
MZB_NODE_NAME = env("MZB_NODE_NAME", "青海省电子证照库")
MZB_NODE_REGIONS = env_list("MZB_NODE_REGIONS", "630000")
GATEWAY_BACKOFF_SECONDS = float(env("GATEWAY_BACKOFF_SECONDS", "0.2"))
GATEWAY_BREAKER_THRESHOLD = int(env("GATEWAY_BREAKER_THRESHOLD", "5"))
GATEWAY_BREAKER_RESET_SECONDS = float(env("GATEWAY_BREAKER_RESET_SECONDS", "30"))

# Cases (workflows/): uploads live outside the web root and are served only through the case API.
CASE_UPLOAD_ROOT = Path(env("CASE_UPLOAD_ROOT", str(BASE_DIR / "private" / "uploads")))
CASE_UPLOAD_MAX_BYTES = int(env("CASE_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
CASE_CONSENT_DAYS = int(env("CASE_CONSENT_DAYS", "30"))
# a registry that does not answer: tries (with exponential backoff from CASE_FETCH_RETRY_SECONDS), then upload instead
CASE_FETCH_MAX_ATTEMPTS = int(env("CASE_FETCH_MAX_ATTEMPTS", "5"))
CASE_FETCH_RETRY_SECONDS = float(env("CASE_FETCH_RETRY_SECONDS", "30"))
CASE_FETCH_RETRY_MAX_SECONDS = float(env("CASE_FETCH_RETRY_MAX_SECONDS", "1800"))
CASE_STEP_STALE_SECONDS = int(env("CASE_STEP_STALE_SECONDS", "120"))
CASE_DOCUMENT_LEASE_SECONDS = int(env("CASE_DOCUMENT_LEASE_SECONDS", "300"))
# working days: the applicant's time to answer a supplement notice; a department's to rectify a poor rating
CASE_SUPPLEMENT_DAYS = int(env("CASE_SUPPLEMENT_DAYS", "5"))
RECTIFICATION_DAYS = int(env("RECTIFICATION_DAYS", "5"))

# Notifications (notifications/): the in-app inbox always; these channels besides it, when the person has an
# address for them. SMS goes through the provider named here (plugins in notifications.sms: console, http).
NOTIFY_CHANNELS = env_list("NOTIFY_CHANNELS", "email,sms")
NOTIFY_SMS_PROVIDER = env("NOTIFY_SMS_PROVIDER", "console")
NOTIFY_SMS_HTTP_URL = env("NOTIFY_SMS_HTTP_URL", "")
NOTIFY_SMS_HTTP_TOKEN = env("NOTIFY_SMS_HTTP_TOKEN", "")
NOTIFY_SMS_HTTP_TIMEOUT = float(env("NOTIFY_SMS_HTTP_TIMEOUT", "5"))
# a failed delivery is tried again after NOTIFY_RETRY_SECONDS, doubling up to the maximum, at most N times
NOTIFY_MAX_ATTEMPTS = int(env("NOTIFY_MAX_ATTEMPTS", "5"))
NOTIFY_RETRY_SECONDS = float(env("NOTIFY_RETRY_SECONDS", "30"))
NOTIFY_RETRY_MAX_SECONDS = float(env("NOTIFY_RETRY_MAX_SECONDS", "3600"))
NOTIFY_DUE_SOON_DAYS = int(env("NOTIFY_DUE_SOON_DAYS", "1"))
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "免证办 <noreply@mzb.invalid>")
CELERY_BEAT_SCHEDULE["notify-due-soon"] = {
    "task": "notifications.notify_due_soon",
    "schedule": crontab(hour=8, minute=30),
}
CELERY_BEAT_SCHEDULE["retry-deliveries"] = {"task": "notifications.retry_deliveries", "schedule": 60.0}
