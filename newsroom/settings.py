"""Newsroom settings: one module, driven by environment variables with safe defaults."""

from __future__ import annotations

import copy
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Absolute base URL used in feeds, sitemaps, share links and canonical tags when no request is
# at hand (emails, management commands).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")

INSTALLED_APPS = [
    # The admin with a second factor for moderators (newsroom.admin.NewsroomAdminSite).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "taggit",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Backup codes for a lost phone.
    "django_otp.plugins.otp_static",
    "reversion",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "stories",
    "organizations",
    "helplines",
    "anymail",
    "newsletters",
]

MIDDLEWARE = [
    # First, so that every statement of a request, the other middleware's too, is time-limited.
    "newsroom.resilience.DatabaseLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer: CORS headers for the API, preflights answered here.
    "corsheaders.middleware.CorsMiddleware",
    # Above the page cache so cached pages carry the same policy headers.
    "csp.middleware.CSPMiddleware",
    "newsroom.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for every GET; outside the page cache so cached pages get them too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Early, so a cached page for an anonymous reader skips sessions, auth and the view.
    "stories.cache.ReaderPageCacheMiddleware",
    # Behind the page cache: only pages rendered for anonymous readers may read a replica.
    "newsroom.replicas.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a flagged login attempt into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "stories.context_processors.site",
                "helplines.context_processors.quick_exit",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------

# DATABASE_POOL=1 (PostgreSQL) keeps a psycopg pool per process instead of one persistent
# connection per thread; Django refuses persistent connections together with a pool.
DATABASE_POOL = env_bool("DATABASE_POOL")
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0 if DATABASE_POOL else int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=not DATABASE_POOL,
    )
}
# Statement time limits of web requests, in seconds (newsroom.resilience): public pages get a
# short one, the admin a longer one; commands and workers have none.
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "3"))
DATABASE_ADMIN_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_ADMIN_STATEMENT_TIMEOUT", "30"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL that a hung server cannot stall (newsroom.postgresql): connecting gives up after
    # DATABASE_CONNECT_TIMEOUT seconds (2 at least), and after a timeout each process leaves the
    # database alone for DATABASE_RETRY_SECONDS, so that requests fail at once meanwhile.
    DATABASES["default"]["ENGINE"] = "newsroom.postgresql"
    DATABASES["default"]["RETRY_SECONDS"] = float(os.environ.get("DATABASE_RETRY_SECONDS", "5"))
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
    if DATABASE_POOL:
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "2")),
            "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "10")),
            "timeout": 10,
        }
# Streaming replicas for anonymous readers (newsroom.replicas): DATABASE_REPLICA_URLS is a
# comma-separated list; each becomes replica_N, a test mirror of the primary in tests.
# REPLICA_LAG_SECONDS: readers use the primary that long after a change of content, so the lag
# replicas may have; REPLICA_PIN_SECONDS: how long someone who posted reads the primary.
DATABASE_REPLICA_URLS = [
    url.strip() for url in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if url.strip()
]
REPLICA_LAG_SECONDS = float(os.environ.get("REPLICA_LAG_SECONDS", "5"))
REPLICA_PIN_SECONDS = float(os.environ.get("REPLICA_PIN_SECONDS", "10"))
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    _replica = dj_database_url.parse(
        _url,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=not DATABASE_POOL,
    )
    _replica["ENGINE"] = DATABASES["default"]["ENGINE"]
    for _key in ("RETRY_SECONDS", "OPTIONS"):
        if _key in DATABASES["default"]:
            _replica[_key] = copy.deepcopy(DATABASES["default"][_key])
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_number}"] = _replica
DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if REDIS_URL:
    # A dead or hung Redis makes the site slower, not broken (newsroom.cache): every call gives
    # up after CACHE_TIMEOUT seconds, and after a failure each process goes without Redis for
    # CACHE_RETRY_SECONDS before one request tries it again.
    CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "0.5"))
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "RETRY_SECONDS": float(os.environ.get("CACHE_RETRY_SECONDS", "10")),
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT,
                "socket_timeout": CACHE_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions (staff only: readers get none) live in the database alone. Read through the cache,
# a session ended while Redis was away (a sign-out, a password change) could come back from it.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Whole pages for anonymous readers (stories.cache); 0 turns the page cache off. Entries are
# also left behind as soon as content changes, so this only bounds memory use.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_EXCLUDED_PATHS = ["/healthz", "/bench/", "/api/"]  # the API caches after throttling
# Exposes /bench/baseline (a fixed response through the whole middleware stack) for the
# benchmark's reference throughput; never set in production.
BENCHMARK_BASELINE = env_bool("BENCHMARK_BASELINE")

# --- Authentication ---------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# The first hasher hashes new passwords; the others still check older hashes (and upgrade them).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes first: it refuses a locked-out username/address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username from one address after AXES_FAILURE_LIMIT wrong passwords, for
# AXES_COOLOFF_MINUTES; others, and the same person from another address, can still sign in.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# And a username everywhere after this many failures from all addresses together, in the same
# cool-off time (newsroom.security.LockoutHandler).
AXES_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_HANDLER = "newsroom.security.LockoutHandler"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
# Log lines name who was targeted and from where, at warning level: the username (cut to the
# longest an account can have) and the address as they are.
AXES_USERNAME_CALLABLE = "newsroom.security.lockout_username"
AXES_SENSITIVE_PARAMETERS = []
# Staff sessions end after a working day.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 12 * 60 * 60))

# Two-factor sign-in (django-otp, TOTP): any staff member can set up an authenticator app; with
# REQUIRE_2FA=1, superusers and members of TWO_FACTOR_GROUPS must use it before the admin opens.
REQUIRE_2FA = env_bool("REQUIRE_2FA")
TWO_FACTOR_GROUPS = env_list("TWO_FACTOR_GROUPS", "Moderators")
OTP_TOTP_ISSUER = SITE_NAME
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Vienna")
# One language: without the translation machinery, every date and number a page formats skips a
# per-request language lookup (a tenth of a finder page's rendering time). Formats stay en-GB's.
USE_I18N = False
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Several app servers need one place for uploads: MEDIA_STORAGE=s3 keeps them in an
# S3-compatible bucket (needs `pip install django-storages[s3]`); MEDIA_URL is then its URL.
if os.environ.get("MEDIA_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
# Largest accepted image upload, checked in the form (Django's request limits do not cap files).
MAX_IMAGE_UPLOAD_BYTES = int(os.environ.get("MAX_IMAGE_UPLOAD_BYTES", 10 * 1024 * 1024))
# Largest accepted image in pixels: a small file must not decode into gigabytes of memory.
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 40_000_000))
# One side of an image at most this many times the other (a 40,000,000 x 1 image shows nothing).
MAX_IMAGE_ASPECT_RATIO = float(os.environ.get("MAX_IMAGE_ASPECT_RATIO", 20))
# Images are decoded in a process of their own with this much memory and time (stories/imaging.py),
# so an upload never grows a web or task worker.
IMAGE_PROCESS_MEMORY_MB = int(os.environ.get("IMAGE_PROCESS_MEMORY_MB", 1024))
IMAGE_PROCESS_SECONDS = float(os.environ.get("IMAGE_PROCESS_SECONDS", 25))

# --- HTTPS and security headers -----------------------------------------------------------------

# SECURE=1, or an https SITE_URL, means the site is served over HTTPS only: the redirect, HSTS
# and secure cookies follow. Each can still be set on its own.
SECURE = env_bool("SECURE", SITE_URL.startswith("https://"))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
ONE_YEAR = 365 * 24 * 60 * 60
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", ONE_YEAR if SECURE else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and X-Forwarded-For): opt in,
# because trusting these headers from clients directly would let anyone fake HTTPS or an address.
BEHIND_PROXY = env_bool("SECURE_PROXY_SSL_HEADER")
# The proxies' addresses (or networks), as gunicorn reads them: X-Forwarded-For counts only on a
# request one of them sent, so a client reaching the app directly cannot pick its own address.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", SECURE)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SECURE)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Readers' choice of story is nobody else's business: other sites get no Referer from us.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), microphone=(), payment=(), usb=()"
)
if not SECURE_HSTS_PRELOAD:
    # Leaving the preload list out is a deliberate choice then, not an oversight.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp 4): our own scripts, styles and images only; no inline
# script, no plugins, no <base>, no framing. Media may live on another origin (MEDIA_URL).
MEDIA_ORIGINS = ["/".join(MEDIA_URL.split("/", 3)[:3])] if MEDIA_URL.startswith("http") else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Reader safety (helplines) -----------------------------------------------------------------

# A quick exit on every public page: the button, or Shift pressed three times, replaces the page
# with a neutral site (static/js/quick-exit.js). On unless QUICK_EXIT=0.
QUICK_EXIT = env_bool("QUICK_EXIT", True)
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
if QUICK_EXIT and not QUICK_EXIT_URL.startswith("https://"):
    raise ImproperlyConfigured("QUICK_EXIT_URL must be an https:// address of a neutral site.")

# --- Email ------------------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
# Seconds before a mail server that does not answer counts as failing (then a worker tries
# again later, stories.tasks); without a limit, a hung one would hold the sender for good.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))

# --- Task queue -------------------------------------------------------------------------------

# Celery on Redis (newsroom/celery.py): `celery -A newsroom worker` sends email and newsletters,
# `celery -A newsroom beat` runs the periodic jobs. With no broker, tasks run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it has run, so a worker that dies mid-task leaves it queued.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queueing happens in web requests: a broker that is down or hung costs a step two seconds at
# most (then the emails are logged as lost), never a hung request.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

# --- Newsletters and alerts (newsletters/) ------------------------------------------------------

# Readers' emails: the digest newsletter and finder alerts, double opt-in (README, "Newsletters").
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_CONFIRMATION_DAYS = 7
# Subscribe requests: confirmation emails to one address, and requests from one client, per hour.
NEWSLETTER_CONFIRMATIONS_PER_HOUR = int(os.environ.get("NEWSLETTER_CONFIRMATIONS_PER_HOUR", "3"))
NEWSLETTER_REQUESTS_PER_HOUR = int(os.environ.get("NEWSLETTER_REQUESTS_PER_HOUR", "20"))
# Recipients per sending task, and messages per second per worker process (0: no limit).
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "200"))
NEWSLETTER_SEND_RATE = float(os.environ.get("NEWSLETTER_SEND_RATE", "0"))
# A claimed email not marked sent after this long is taken up again (its worker died).
NEWSLETTER_CLAIM_SECONDS = int(os.environ.get("NEWSLETTER_CLAIM_SECONDS", "600"))
# Daily and weekly (Mondays) alerts cover the time up to this hour, local time (TIME_ZONE).
NEWSLETTER_ALERT_HOUR = int(os.environ.get("NEWSLETTER_ALERT_HOUR", "7"))
# With EMAIL_BACKEND=anymail.backends.<provider>.EmailBackend: bounces and complaints reach
# /newsletters/anymail/<provider>/tracking/, protected by this "user:password".
ANYMAIL = {
    key: value
    for key, value in {"WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET", "")}.items()
    if value
}
# Queue name: separate deployments (or test runs) sharing one Redis database keep apart.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
# The beat process (`celery -A newsroom beat`): what used to need cron, and readers' emails.
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled": {"task": "stories.tasks.publish_scheduled", "schedule": 60},
    "start-due-newsletters": {"task": "newsletters.tasks.start_due_newsletters", "schedule": 60},
    "alert-batches": {"task": "newsletters.tasks.schedule_alert_batches", "schedule": 300},
    "resume-stalled-sending": {"task": "newsletters.tasks.resume_stalled", "schedule": 300},
    "purge-expired-subscriptions": {"task": "newsletters.tasks.purge_expired", "schedule": 3600},
}

# --- Logging ----------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusal_without_traceback": {"()": "newsroom.errors.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Through the root's handler only: Django's own console handler printed it twice.
        "django": {"handlers": [], "propagate": True},
        "django.request": {"filters": ["refusal_without_traceback"]},
    },
}

# --- Third-party apps -------------------------------------------------------------------------

TAGGIT_CASE_INSENSITIVE = True

# --- Public API (stories.api) -------------------------------------------------------------------

# Read-only and public: no sessions or cookies are read, so no CSRF applies; JSON only.
REST_FRAMEWORK = {
    # An optional X-API-Key header; nobody signs in (stories.api.throttling).
    "DEFAULT_AUTHENTICATION_CLASSES": ["stories.api.throttling.ApiKeyAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": ["stories.api.throttling.ClientRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "stories.api.errors.api_exception_handler",
}
# Requests per client address without a key ("N/second|minute|hour|day"); keys carry their own
# rate, set by staff in the admin.
API_ANONYMOUS_RATE = os.environ.get("API_ANONYMOUS_RATE", "120/minute")
# Answers are stored under the content version (a change is served at once) for this long; 0
# turns the API's cache off. Browsers and shared caches may keep an answer API_MAX_AGE seconds.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "600"))
API_MAX_AGE = int(os.environ.get("API_MAX_AGE", "60"))
# CORS for the API only, read-only: any origin by default (the data is public), or the origins
# listed in API_CORS_ORIGINS (comma-separated, "https://partner.example").
API_CORS_ORIGINS = env_list("API_CORS_ORIGINS", "*")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = API_CORS_ORIGINS == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else API_CORS_ORIGINS
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "x-api-key"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
CORS_ALLOW_CREDENTIALS = False
# The licence of the published content, named at the top of every API export.
EXPORT_LICENCE = os.environ.get("EXPORT_LICENCE", "CC BY 4.0")
EXPORT_LICENCE_URL = os.environ.get(
    "EXPORT_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": (
        "Published stories, digests, open calls, themes, places and organizations: the finders' "
        "selections as data. Read-only; lists use cursor pagination."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from our own static files, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
