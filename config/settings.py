"""Kapocs settings: one module, configured from the environment only.

Unset variables give a development set-up that works on a fresh checkout
(SQLite file in the project, DEBUG on). With DEBUG off the defaults are the
production-safe ones and a SECRET_KEY must be given.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "igen"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("A SECRET_KEY környezeti változó kötelező, ha a DEBUG ki van kapcsolva.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-" + "x" * 20

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "akcioterulet",
    "core",
    "ugyfelek",
    "kepzes",
    "kozosseg",
    "indikatorok",
]

# Sign-in hardening (issue 9): lockout, second factor.
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.AuditContextMiddleware",
]

# Security middleware (issue 9). The OTP middleware needs request.user; the session
# limits and the second-factor gate come after it; axes must be last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE += [
    "core.middleware.BiztonsagiFejlecMiddleware",
    "core.middleware.MunkamenetKorlatMiddleware",
    "core.middleware.MasodikFaktorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

# The cache (the home pages' lists and the report's figures, kept under the data versions of what they
# read: core/adatverzio.py). Without REDIS_URL each process keeps its own; with it every worker and server
# shares one, so a change costs one recount instead of one per worker (deploy/README.md).
# A process's own cache holds KAPOCS_CACHE_ELEMEK entries (about 5 KB each): a home page keeps 5 (a mentor)
# to 9 (a coordinator), so the staff of 300 projects need about 6,000. Django's default of 300 is full
# after some 40 people, and then every home page is recounted (bench/tarolo.py).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "kapocs",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("KAPOCS_CACHE_ELEMEK", 20_000)},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "akcioterulet.Felhasznalo"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes counts failed sign-ins first; it needs the request (see core.signin.AxesBackend).
AUTHENTICATION_BACKENDS = [
    "core.signin.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "kezdolap"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "hu"
LANGUAGES = [("hu", "Magyar")]
TIME_ZONE = "Europe/Budapest"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
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
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production safety: with DEBUG off every transport and cookie setting is strict.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Private folder of uploaded import files between preview and confirmation (not under MEDIA_ROOT);
# empty: <system temp>/kapocs-import. Files older than a day are deleted (manage.py import_takaritas).
KAPOCS_IMPORT_MAPPA = os.environ.get("KAPOCS_IMPORT_MAPPA", "")

# How many days without a visit make a participant "not visited lately".
KAPOCS_NEM_LATOGATOTT_NAPOK = env_int("KAPOCS_NEM_LATOGATOTT_NAPOK", 30)

# How long a kept part of a page (core.adatverzio.Gyorsito) may be read at most, in hours. A part is valid
# as long as the data versions it was kept under are; this bound is only a safety net against changes the
# versions cannot see (a database restored under running servers: deploy/restore.sh empties the cache).
KAPOCS_MEGORZES_ORA = env_int("KAPOCS_MEGORZES_ORA", 12)

# --- Sign-in and session hardening (issue 9) ---
# Lockout: 5 failures for the same user name from the same address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/zarolva.html"
# Behind the reverse proxy (nginx) REMOTE_ADDR is the proxy: the client address is taken
# from X-Forwarded-For, counting KAPOCS_PROXY_COUNT trusted proxies from the right (a
# client can prepend anything to that header, never append). 0 = no proxy: REMOTE_ADDR.
KAPOCS_PROXY_COUNT = env_int("KAPOCS_PROXY_COUNT", 0 if DEBUG else 1)
AXES_CLIENT_IP_CALLABLE = "core.signin.kliens_ip"
# Axes logs its client string; ours leaves out the user name (it may be a person's name).
AXES_CLIENT_STR_CALLABLE = "core.signin.kliens_leiras"
AXES_SENSITIVE_PARAMETERS = ["username", "password"]

# Second factor (TOTP or printed backup codes) for admins and coordinators.
KAPOCS_OTP_KOTELEZO = env_bool("KAPOCS_OTP_KOTELEZO", not DEBUG)
OTP_TOTP_ISSUER = "Kapocs"

# Sessions end after 30 minutes idle and 12 hours after sign-in in all
# (core.middleware.MunkamenetKorlatMiddleware). The idle expiry is renewed at most once a
# minute rather than saved on every request (a database write per page view).
SESSION_COOKIE_AGE = 30 * 60
KAPOCS_MUNKAMENET_FRISSITES_MP = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
KAPOCS_MUNKAMENET_MAX_ORA = 12

# Content-Security-Policy (core.middleware.BiztonsagiFejlecMiddleware): no inline script or
# style anywhere (templates use classes only; Bootstrap sets styles through the CSSOM, which
# CSP allows). QR codes are data: images.
KAPOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
CSRF_COOKIE_HTTPONLY = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The request logger would print URLs with query strings (search terms are names).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # SQL with its parameters (names, TAJ numbers) must never reach a log, even with LOG_LEVEL=DEBUG.
        "django.db.backends": {"level": "WARNING"},
        # At DEBUG the template engine logs every missing variable with the whole context (form data).
        "django.template": {"level": "INFO"},
    },
}
