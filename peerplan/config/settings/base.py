"""Settings shared by every environment; dev, test and prod adjust these.

Configuration comes from the environment: DATABASE_URL, PEERPLAN_HOME, SECRET_KEY, ALLOWED_HOSTS, EMAIL_URL,
DEFAULT_FROM_EMAIL, SITE_URL and, for GOV.UK Notify, NOTIFY_API_KEY, NOTIFY_TEMPLATE_ID, NOTIFY_BASE_URL.
"""

import os
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
import dj_email_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = PACKAGE_DIR.parent
PEERPLAN_HOME = Path(os.environ.get("PEERPLAN_HOME", BASE_DIR / "var")).resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

HAS_DJANGO_TASKS = find_spec("django.tasks") is not None  # Django >= 6.0 ships it

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    *([] if HAS_DJANGO_TASKS else ["django_tasks"]),
    "django_tasks_db",
    "axes",
    "csp",
    "peerplan.accounts",
    "peerplan.audit",
    "peerplan.plans",
    "peerplan.progress",
    "peerplan.reports",
    "peerplan.importers",
    "peerplan.search",
    "peerplan.public",
    "peerplan.api",
    "ninja",  # its Swagger UI assets, served from our static files rather than a CDN
    "peerplan.demo",
    "peerplan.notifications",
    "peerplan.backup",
    "peerplan.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "peerplan.accounts.sessions.SessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "peerplan.config.urls"
WSGI_APPLICATION = "peerplan.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "peerplan.ui.context_processors.rag_words",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{PEERPLAN_HOME / 'peerplan.sqlite3'}"),
        conn_max_age=60,
    )
}
# WAL lets the web server read while the task worker writes. IMMEDIATE: a transaction takes the write lock
# when it begins, so one that reads and then writes (signing in, accepting an invitation) waits up to `timeout`
# for another writer instead of failing at once with "database is locked" (SQLite cannot wait to upgrade a
# read transaction to a write one).
SQLITE_OPTIONS = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20, "transaction_mode": "IMMEDIATE"}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Page queries are short: PostgreSQL's JIT compiles plans for longer than they then run (+60 ms on My actions).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Lock-out after repeated failed sign-ins (django-axes): 5 failures, for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"  # a GOV.UK page saying for how long (status 429)
# Lock-out is per person *and* address, so a stranger cannot lock a colleague out. Behind a reverse proxy every
# request comes from the proxy's address: name the header it writes the client's address in (e.g.
# X-Forwarded-For) so each client is told apart. Off by default: a header is trusted only when a proxy sets it.
PEERPLAN_TRUSTED_PROXY_HEADER = os.environ.get("PEERPLAN_TRUSTED_PROXY_HEADER", "")
AXES_CLIENT_IP_CALLABLE = "peerplan.accounts.sessions.client_ip"

# Sessions end after an hour without activity and eight hours after signing in whatever happens
# (SessionLimitMiddleware); password-reset links last two hours. The idle hour restarts when a signed-in
# request comes more than PEERPLAN_SESSION_RENEW_AFTER seconds after the last restart: a session is written
# at most once a minute, not on every page.
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
PEERPLAN_SESSION_RENEW_AFTER = 60
PEERPLAN_SESSION_MAX_AGE = 8 * 60 * 60
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PEERPLAN_HOME / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = PEERPLAN_HOME / "media"

# Uploads: plans to import are read in memory up to this size, refused above MAX_UPLOAD_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PEERPLAN_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Files to import are parsed in a child process with these limits (peerplan/importers/sandbox.py).
PEERPLAN_IMPORT_MEMORY_BYTES = 1024 * 1024 * 1024
PEERPLAN_IMPORT_CPU_SECONDS = 60
PEERPLAN_IMPORT_WALL_SECONDS = 90

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: EMAIL_URL is smtp://user:password@host:25, submission://user:password@host:587 (STARTTLS; smtp+tls://
# means the same), smtps://… , console://, file:///path, or notify:// for GOV.UK Notify (NOTIFY_* below).
EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
if EMAIL_URL.startswith("notify:"):
    EMAIL_BACKEND = "peerplan.notifications.backends.NotifyEmailBackend"
else:
    _email = dj_email_url.parse(EMAIL_URL.replace("smtp+tls://", "submission://", 1))
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
    EMAIL_PORT = _email["EMAIL_PORT"] or 25
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"] or str(PEERPLAN_HOME / "mail")
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30  # a mail server that hangs fails the attempt, then it is retried
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "peerplan@localhost")
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")  # a template whose subject is ((subject)), body ((body))
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# Where links in emails point (emails sent by the schedule have no request to take the address from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Content-Security-Policy: no inline script, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
