"""Helhet settings: safe defaults for a developer, everything overridable by environment variables.

Development (the default) needs no configuration: SQLite in var/db.sqlite3. Production sets
HELHET_DEBUG=false, HELHET_SECRET_KEY, HELHET_ALLOWED_HOSTS and DATABASE_URL (PostgreSQL).
"""

import json
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HELHET_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("HELHET_DEBUG", True)

_DEV_SECRET_KEY = "helhet-development-only-not-secret"  # noqa: S105 - refused below when DEBUG is off
SECRET_KEY = os.environ.get("HELHET_SECRET_KEY", _DEV_SECRET_KEY)
if not DEBUG:
    # (ops) A key anyone can guess signs anyone's session: refuse to start with one. Django's own
    # rule (its deploy check): at least 50 characters, at least 5 different ones, not a key
    # Django generated for development; and none of the keys printed in Helhet's guides.
    _KNOWN_KEYS = {_DEV_SECRET_KEY, "change-me", "changeme", "secret", "…long random…"}
    if SECRET_KEY in _KNOWN_KEYS or os.environ.get("HELHET_SECRET_KEY") is None:
        raise ImproperlyConfigured(
            "HELHET_SECRET_KEY must be set when HELHET_DEBUG is off (not to a known example): "
            "make one with  python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if (
        len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "HELHET_SECRET_KEY is too weak: it needs at least 50 characters, at least 5 different, "
            "and must not be a development key. Make one with  "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )

# A new key with the old one here keeps people logged in while the key is changed (rotation).
SECRET_KEY_FALLBACKS = env_list("HELHET_SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = env_list("HELHET_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("HELHET_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Single sign-on (OpenID Connect) and MFA (TOTP): django-allauth; stream sso, issue 15.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "helhet.core",
    "helhet.accounts",
    "helhet.organization",
    "helhet.notifications",
    "helhet.files",
    "helhet.portfolio",
    "helhet.methodology",
    "helhet.projects",
    "helhet.documents",
    "helhet.maturity",
    "helhet.adoption",
    "helhet.benefits",
    "helhet.learning",
    "helhet.ideas",
    "helhet.fund",
    "helhet.api",
    "helhet.home",
    "helhet.demo",
]

MIDDLEWARE = [
    # Outermost: Permissions-Policy on every answer, no-store on data (API JSON, exports).
    "helhet.core.middleware.SecurityHeadersMiddleware",
    # Next, so every error answer under /api/ is JSON, whichever middleware or view gave it.
    "helhet.api.middleware.ApiErrorsAsJson",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "helhet.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "helhet.accounts.middleware.MunicipalityMiddleware",
    # django-allauth's request context (single sign-on); it answers ImmediateHttpResponse.
    "allauth.account.middleware.AccountMiddleware",
    "helhet.accounts.middleware.PasswordChangeRequiredMiddleware",
    "helhet.accounts.middleware.MfaSetupRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "helhet" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "helhet.home.context_processors.navigation",
                "helhet.accounts.context_processors.account",
                "helhet.home.context_processors.notification_bell",
                "helhet.demo.context_processors.demo_login_list",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("HELHET_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for several people at once (Django 5.1+): write-ahead logging, so readers never wait
    # for a writer and a writer never waits for readers; every transaction takes the write lock
    # when it begins (IMMEDIATE), so two writers queue for it instead of the second failing with
    # "database is locked" when its read turns into a write; and a writer waits up to
    # SQLITE_BUSY_SECONDS for the lock. synchronous=NORMAL is safe with WAL (a power cut may lose
    # the last commits, never corrupt the file).
    busy_seconds = int(os.environ.get("HELHET_SQLITE_BUSY_SECONDS", "20"))
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": busy_seconds,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA busy_timeout={busy_seconds * 1000};"
        ),
    }
    # Tests run on a file as well, not Django's in-memory default, so they meet the same locking
    # as a server (tests/api/test_parallel_writes.py): one per test process (and pytest-xdist
    # worker), in the temporary folder, so two test runs at once never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"helhet-test-{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Helhet's overviews are short aggregate queries: compiling them with PostgreSQL's JIT costs
    # more than it saves (measured by bench/bench_benefits.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The job queue: django-tasks (the backport of Django 6's django.tasks) with its database backend
# (django-tasks-db), so jobs survive a restart and need no server besides the database; the
# worker is `manage.py db_worker`. Each app keeps its jobs in its own tasks.py.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Scheduled jobs and notifications (stream notify, issue 15). The worker (`manage.py worker`:
# db_worker's loop and the scheduler, helhet/core/scheduler.py) enqueues each job below once a day
# at its local time, however many workers run; a run missed while no worker ran is caught up once.
# (name, task, "HH:MM" in TIME_ZONE)
HELHET_SCHEDULE = [
    ("clear_expired_sessions", "helhet.core.tasks.clear_expired_sessions", "03:00"),
    ("benefits_reminders", "helhet.benefits.tasks.send_measurement_reminders", "06:00"),
    ("status_reports_overdue", "helhet.portfolio.tasks.remind_overdue_status_reports", "06:00"),
    ("daily_digest", "helhet.notifications.tasks.send_daily_digests", "07:00"),
    # Stream polish (issue 15): the nightly backup, opt-in (it does nothing without the folder);
    # the scheduler's own records of runs older than 30 days deleted.
    ("nightly_backup", "helhet.core.tasks.nightly_backup", "01:30"),
    ("prune_scheduled_runs", "helhet.core.tasks.prune_scheduled_runs", "03:15"),
    ("prepared_files_expired", "helhet.files.tasks.delete_expired_files", "03:30"),
]
# Stream polish (issue 15): where the nightly backup writes its archives (empty: no backup), and
# how many of the newest it keeps there.
HELHET_BACKUP_DIR = os.environ.get("HELHET_BACKUP_DIR", "")
HELHET_BACKUP_KEEP = int(os.environ.get("HELHET_BACKUP_KEEP", "14"))
# The address people reach Helhet at, for whole links in e-mails (notifications, reminders).
HELHET_BASE_URL = os.environ.get(
    "HELHET_BASE_URL", "http://127.0.0.1:8000" if DEBUG else ""
).rstrip("/")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first so a locked-out user is refused before the password is checked. An OpenID
    # Connect backend goes in this list when single sign-on arrives; everything after login
    # (memberships, roles, tenancy) is independent of how the user authenticated.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "helhet.accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Single sign-on (stream sso, issue 15): django-allauth's OpenID Connect provider, with each
# municipality's providers kept as data (helhet/accounts/sso/, configured by its administrator),
# never from settings. allauth's own account pages (its login, sign-up, e-mail) are not routed: the
# local login stays Helhet's (with django-axes), and nobody signs up by themselves.
SOCIALACCOUNT_ADAPTER = "helhet.accounts.sso.adapter.SingleSignOnAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = int(os.environ.get("HELHET_SSO_TIMEOUT_SECONDS", "10"))
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = ""
ACCOUNT_ADAPTER = "helhet.accounts.sso.adapter.ClosedAccountAdapter"
# The key the stored client secrets and authenticator keys are encrypted with (SECRET_KEY if
# unset): set it once in production and keep it when SECRET_KEY is rotated.
HELHET_ENCRYPTION_KEY = os.environ.get("HELHET_ENCRYPTION_KEY", "")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Helhet"
MFA_ADAPTER = "helhet.accounts.mfa.EncryptingMfaAdapter"

# Lock-out after repeated failed logins (django-axes): wrong passwords for one username from one
# address, and wrong passwords for any usernames from one address (password spraying); the second
# limit is larger because a town hall's people share one address. helhet/accounts/lockout.py.
AXES_FAILURE_LIMIT = int(os.environ.get("HELHET_LOGIN_FAILURE_LIMIT", "5"))
HELHET_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("HELHET_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("HELHET_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "helhet.accounts.lockout.LoginLockoutHandler"
# Behind reverse proxies the address is taken from X-Forwarded-For (the proxies' count), else
# every login would come from the proxy and one person's wrong passwords would lock everyone.
HELHET_PROXY_COUNT = int(os.environ.get("HELHET_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "helhet.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "helhet.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "helhet" / "locale"]
# How numbers and dates are written in each language: one locale per language on every page.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("HELHET_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "helhet" / "static",
    # Third-party assets come from npm (package-lock.json) and are served by the app itself.
    (
        "vendor/designsystemet",
        BASE_DIR / "node_modules" / "@digdir" / "designsystemet-css" / "dist",
    ),
]
# Files (backup stream, issue 15): everything Helhet keeps goes through Django's storage API
# (helhet/core/storage.py), never a web node's own disk: "uploads" (uploaded files, in
# HELHET_UPLOAD_DIR) and "default" (imports waiting to be confirmed, in MEDIA_ROOT). Several web
# nodes share one folder, or an object store: HELHET_FILE_STORAGE names a django-storages backend
# (e.g. storages.backends.s3.S3Storage, storages.backends.azure_storage.AzureStorage, installed
# by the operator) and HELHET_FILE_STORAGE_OPTIONS its options as JSON; the two storages are then
# the prefixes "uploads/" and "media/" of that one bucket or container.
_FILE_STORAGE = os.environ.get("HELHET_FILE_STORAGE", "")
_FILE_STORAGE_OPTIONS = json.loads(os.environ.get("HELHET_FILE_STORAGE_OPTIONS", "") or "{}")
STORAGES = {
    "default": (
        {"BACKEND": _FILE_STORAGE, "OPTIONS": {**_FILE_STORAGE_OPTIONS, "location": "media"}}
        if _FILE_STORAGE
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "uploads": (
        {"BACKEND": _FILE_STORAGE, "OPTIONS": {**_FILE_STORAGE_OPTIONS, "location": "uploads"}}
        if _FILE_STORAGE
        else {"BACKEND": "helhet.core.storage.UploadFolderStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("HELHET_MEDIA_DIR", VAR_DIR / "media"))
# Uploaded files: kept outside STATIC_ROOT, served by no static route, only by the views that
# check who may see them (documents, benefits evidence, idea attachments).
HELHET_UPLOAD_DIR = Path(os.environ.get("HELHET_UPLOAD_DIR", VAR_DIR / "uploads"))
HELHET_UPLOAD_MAX_BYTES = int(float(os.environ.get("HELHET_UPLOAD_MAX_MB", "20")) * 1024 * 1024)
# Prepared files (stream files, issue 15): large exports are made on the job queue and kept in
# the "uploads" storage (prepared/) for the person who asked, for this many days after they are
# made; the daily job prepared_files_expired (HELHET_SCHEDULE) deletes them after.
HELHET_PREPARED_FILE_DAYS = int(os.environ.get("HELHET_PREPARED_FILE_DAYS", "7"))
# A confirmed import writing more rows than this runs on the job queue, not in the request
# (portfolio.tasks.import_confirmed_file), and tells the person when it is done.
HELHET_IMPORT_QUEUE_ROWS = int(os.environ.get("HELHET_IMPORT_QUEUE_ROWS", "500"))

# E-mail (the benefits reminders): printed to the console in development, sent through an SMTP
# server in production.
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not os.environ.get("HELHET_EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("HELHET_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("HELHET_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("HELHET_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HELHET_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("HELHET_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("HELHET_FROM_EMAIL", "helhet@localhost")

SESSION_COOKIE_AGE = int(os.environ.get("HELHET_SESSION_SECONDS", str(8 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "helhet.core.views.csrf_failure"

# Content Security Policy: nothing inline, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# (ops) Production: HTTPS only, behind a reverse proxy that says so in X-Forwarded-Proto
# (docs/deployment.md). HSTS is on by default for a year: browsers then refuse plain HTTP to the
# host, which is what a municipality's staff need; HELHET_HSTS_SECONDS=0 turns it off.
# The health checks answer over plain HTTP too: a load balancer probes the node directly.
SECURE_REDIRECT_EXEMPT = [r"^helse/$", r"^helse/klar/$"]
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("HELHET_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("HELHET_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HELHET_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("HELHET_HSTS_PRELOAD", False)

# (ops) Logs: everything to the console (stderr) as text; the security events
# (helhet.core.security_log) as JSON lines to stdout, or appended to the file HELHET_SECURITY_LOG
# (reopened when logrotate moves it).
_SECURITY_LOG = os.environ.get("HELHET_SECURITY_LOG", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json_lines": {"()": "helhet.core.security_log.JsonLineFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": (
            {
                "class": "logging.handlers.WatchedFileHandler",
                "filename": _SECURITY_LOG,
                "formatter": "json_lines",
                "encoding": "utf-8",
            }
            if _SECURITY_LOG
            else {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json_lines",
            }
        ),
    },
    "root": {"handlers": ["console"], "level": os.environ.get("HELHET_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "helhet.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
    },
}
