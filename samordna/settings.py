"""Settings from environment variables with safe local defaults.

Local default: SQLite under var/, DEBUG on, demo logins allowed, two-factor off.
Production: set DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; `check --deploy` passes.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAMORDNA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
_LOCAL_SECRET = "local-development-only-not-secret-" + "x" * 32
SECRET_KEY = os.environ.get("SECRET_KEY", _LOCAL_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY måste sättas när DEBUG är av.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "core.admin_site.SamordnaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # single-use recovery codes
    "axes",
    "csp",
    "core",
    "organisations",
    "participants",
    "budget",
    "economy",
    "surveys",
    "reports",
    "catalogue",
    "api",
    "huey.contrib.djhuey",  # the task queue's consumer: `manage.py run_huey` (core/jobs.py)
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "samples",  # demo and test data: `manage.py load_demo`
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # 400 for a NUL character in the path, a parameter, a form field or a file name.
    "core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Figures a page needs in several panels are computed once per GET (core/request_memo.py).
    "core.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "organisations.middleware.SessionRefreshMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "organisations.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Our Swedish 404 page also with DEBUG on (Django's own is English).
    "organisations.errors.SwedishNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # --- Security headers and export logging (issue 12: audit branch) ---
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.private_responses.PrivateResponseMiddleware",
    "core.private_responses.ExportAuditMiddleware",
]

ROOT_URLCONF = "samordna.urls"
WSGI_APPLICATION = "samordna.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisations.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samordna.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    # Throttles failed logins before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "organisations.auth_backends.SamordnaBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after an hour without activity and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 60 * 60))
# The idle logout: organisations.middleware.SessionRefreshMiddleware moves the expiry forward
# at most once per SESSION_REFRESH_SECONDS (not SESSION_SAVE_EVERY_REQUEST: a write per page).
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Failed-login throttling (django-axes): five failures lock the username from that address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor authentication (TOTP) is required for these roles unless switched off.
SAMORDNA_REQUIRE_2FA = env_bool("SAMORDNA_REQUIRE_2FA", not DEBUG)
# insatsansvarig sees participant rows, so it is among the default roles.
SAMORDNA_2FA_ROLES = env_list("SAMORDNA_2FA_ROLES", "kansli,ekonom,insatsansvarig")
OTP_TOTP_ISSUER = "Samordna"
# Recovery codes handed out when two-factor is set up (each works once).
SAMORDNA_RECOVERY_CODES = 10

# Accounts: an invitation link works once and for this many hours.
SAMORDNA_INVITATION_HOURS = int(os.environ.get("SAMORDNA_INVITATION_HOURS", 72))
# Password reset links (Django's token) work this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 60 * 60 * 3))
# At most this many reset e-mails per address and hour; more requests are answered the same
# way but send nothing.
SAMORDNA_PASSWORD_RESET_PER_HOUR = int(os.environ.get("SAMORDNA_PASSWORD_RESET_PER_HOUR", 3))
# The address links in e-mails start with when they are made outside a request (commands).
SAMORDNA_BASE_URL = os.environ.get("SAMORDNA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# E-mail: printed on the console locally, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 20))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samordna <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Demo accounts (load_demo) can log in only while DEBUG is on.
SAMORDNA_DEMO_LOGINS_ALLOWED = DEBUG

# Swedish for everyone: the UI source strings are Swedish, so no Accept-Language negotiation.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("svenska")), ("en", _("engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files over 5 MB wait on disk, not in memory; each upload form refuses a file over
# its limit in core/limits.py with a Swedish form error (the proxy should cap a whole request
# a little above the largest, 20 MB). Form fields other than files: at most 10 MB (Django
# answers 400 beyond it).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

X_FRAME_OPTIONS = "DENY"
# A form refused by the CSRF check gets a Swedish page in the förbund's context.
CSRF_FAILURE_VIEW = "organisations.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# --- Content-Security-Policy and Permissions-Policy (issue 12: audit branch) ---
# No inline scripts or styles anywhere: templates load samordna.css and nothing else; charts
# are PNG data: URLs; the 2FA QR code is inline SVG without style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features the application never uses, switched off for every page.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Demo data loaders, called in this order by `load_demo` after the förbund, its members and
# users exist. Each is "module.function" taking (forbund, users_by_role).
SAMORDNA_DEMO_LOADERS = [
    "samples.demo.participants.load",
    "samples.demo.budget.load",
    "samples.demo.economy.load",
    "samples.demo.surveys.load",
    "samples.demo.reports.load",
    "samples.demo.catalogue.load",
]


# The REST API (api/, docs/format/api.md): bearer tokens only, problem+json errors, throttled.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("SAMORDNA_API_ANON_RATE", "120/min"),
        "user": os.environ.get("SAMORDNA_API_USER_RATE", "600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samordna API",
    "DESCRIPTION": "REST-API för ett samordningsförbunds data (docs/format/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": [],
    # Swagger UI from our own static files (no CDN: the CSP allows only 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# --- Deployment (deploy/, docs/drift.md): database roles, Redis, backups, health -------------
# Kept in one block so that other settings blocks (e-mail, CSP) merge beside it.
#
# DATABASE_URL is the application's role: it may read and write ordinary tables but only read
# and append to the audit log. DATABASE_OWNER_URL, when set, is the role that owns the tables
# (same database, another user): `migrate`, `setup_db_roles`, `backup` and `restore` connect
# with it; the web application never does.
DATABASE_OWNER_URL = os.environ.get("DATABASE_OWNER_URL", "")
# Tables the application role may only SELECT and INSERT (no UPDATE, DELETE or TRUNCATE).
SAMORDNA_APPEND_ONLY_TABLES = ["core_auditevent"]
# Tables the application role may only read (the migration history belongs to the owner).
SAMORDNA_READ_ONLY_TABLES = ["django_migrations"]

# Redis for the cache, cached sessions and anything throttled through the cache; without
# REDIS_URL each process keeps its own cache in memory (fine for one local process).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samordna",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read from Redis and written through to the database, so a restarted Redis
    # (which may keep nothing on disk) logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Figures (statements, operating statement, the annual report's data) kept between requests
# until the data change (core/figure_cache.py): only where the cache is shared by every process.
SAMORDNA_FIGURE_CACHE = env_bool("SAMORDNA_FIGURE_CACHE", bool(REDIS_URL))

# Background jobs (core/jobs.py) through huey: Redis in production (TASK_BROKER_URL, else
# REDIS_URL), else an embedded SQLite queue in VAR_DIR (development: `make run` starts the
# consumer next to runserver). The worker is `manage.py run_huey` (deploy/samordna-worker.service).
# Tests switch to immediate mode (conftest.py). See docs/jobb.md.
TASK_BROKER_URL = os.environ.get("TASK_BROKER_URL", REDIS_URL)
HUEY: dict[str, object] = {
    "name": "samordna",
    "immediate": False,
    "utc": True,
    "consumer": {"workers": int(os.environ.get("TASK_WORKERS", 2)), "worker_type": "thread"},
}
if TASK_BROKER_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": TASK_BROKER_URL})
else:
    # SqliteHuey opens its file when Django starts: the folder must exist (a fresh VAR_DIR).
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "jobs.sqlite3")})

# `manage.py backup` writes here unless told otherwise (the archives hold personal data).
SAMORDNA_BACKUP_DIR = Path(os.environ.get("SAMORDNA_BACKUP_DIR", VAR_DIR / "backups"))
# /halsa/ answers 503 when the disk holding VAR_DIR has less free space than this.
SAMORDNA_HEALTH_MIN_FREE_MB = int(os.environ.get("SAMORDNA_HEALTH_MIN_FREE_MB", 1024))
# Monitoring may ask for /halsa/ over plain HTTP on the server itself (it carries no data).
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
# --- end of deployment block -----------------------------------------------------------------
