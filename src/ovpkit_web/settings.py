"""Django settings: everything read from one home folder (see :mod:`ovpkit_web.home`).

``OVPKIT_HOME`` (default ``~/.ovpkit``) holds the SQLite database, the secret key and the
compiled catalogs; ``DATABASE_URL`` switches to PostgreSQL. ``DEBUG`` is always off:
the site is run by office staff, not developers, and must never show a traceback.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from ovpkit_web.catalogs import allauth_portuguese, compile_catalogs
from ovpkit_web.home import database_settings, home_folder, secret_key

HOME = home_folder()
SECRET_KEY = secret_key(HOME)
DEBUG = False
ALLOWED_HOSTS = os.environ.get("OVPKIT_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
HTTPS = os.environ.get("OVPKIT_HTTPS", "") == "1"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules",
    "axes",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "ovpkit_web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ovpkit_web.middleware.CoreLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # site admins and office managers must set up a second factor (MFA_REQUIRED_FOR)
    "ovpkit_web.accounts.MfaRequiredMiddleware",
    # records who made each change in the models' history (django-simple-history)
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ovpkit_web.urls"
WSGI_APPLICATION = "ovpkit_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # the site's templates first, so its versions of allauth's pages are the ones used
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Background jobs: Django's tasks API (the django-tasks backport) with its database
# backend, so no broker is needed; 'ovpkit serve' starts the worker (db_worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: generated files (PDF reports, ...) live here, served only through permission checks
REPORTS_DIR = HOME / "reports"
#: uploaded data files and mappings (never served), and each office's DuckDB store
UPLOADS_DIR = HOME / "uploads"
DATA_DIR = HOME / "data"

DATABASES = {"default": database_settings(HOME, os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "rules.permissions.ObjectPermissionBackend",
    # django-allauth's backend (a ModelBackend that also checks allauth's rules)
    "allauth.account.auth_backends.AuthenticationBackend",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# Accounts (django-allauth): log in with a user name; nobody signs up on their own (an
# office manager or a site admin creates accounts, ovpkit_web.accounts.AccountAdapter);
# password change and reset by e-mail; the session ends when the browser closes.
ACCOUNT_ADAPTER = "ovpkit_web.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# The login lockout is django-axes' (below), so allauth's own count of failed logins is
# off: one rule, one page that says it in the reader's language. Its other limits stay.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
# Second factor: TOTP (an authenticator app) with recovery codes, offered to every user.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ovpkit"
# A code typed just after the app's 30-second step turned over is still accepted: RFC 6238
# (section 5.2) advises one step back for the delay between reading and sending a code;
# allauth's default of none refused a code sent a moment late (seen in the browser tests).
MFA_TOTP_TOLERANCE = 1
MFA_ADAPTER = "ovpkit_web.accounts.MfaAdapter"
#: who must set up a second factor before using the site: "site_admin", "manager"
#: (a manager of any office). OVPKIT_MFA_REQUIRED_FOR="" turns the rule off.
MFA_REQUIRED_FOR = tuple(
    r for r in os.environ.get("OVPKIT_MFA_REQUIRED_FOR", "site_admin,manager").split(",") if r
)
# Password reset mails: printed to the server's console unless a mail server is named.
EMAIL_HOST = os.environ.get("OVPKIT_SMTP_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("OVPKIT_MAIL_FROM", "ovpkit@localhost")

# Login lockout (django-axes): five failures for one user name from one address lock
# that pair for an hour; a success resets the count. allauth's form posts the name as
# "login": ovpkit_web.accounts.axes_username reads it.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "ovpkit_web/locked.html"
AXES_USERNAME_CALLABLE = "ovpkit_web.accounts.axes_username"

# Sessions end after eight idle hours or when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads stay in memory up to this size and are never written where they could be served.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ANSWERS_MAX_BYTES = 2 * 1024 * 1024
DATA_FILE_MAX_BYTES = 200 * 1024 * 1024  # larger uploads go to a temporary file first
MAPPING_MAX_BYTES = 256 * 1024

# The public consultation (docs/web.md, "Public consultation"). Answers per address are
# counted in the "consultation" cache under a keyed hash, for the window only: in memory
# (never on disk), so each gunicorn worker counts apart; point it at a shared cache to
# count across workers.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "consultation": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
CONSULTATION_MIN_SECONDS = float(os.environ.get("OVPKIT_CONSULTATION_MIN_SECONDS", "4"))
CONSULTATION_MAX_AGE = 6 * 60 * 60  # a form older than this is refused (reload it)
CONSULTATION_RATE_LIMIT = int(os.environ.get("OVPKIT_CONSULTATION_RATE_LIMIT", "5"))
CONSULTATION_RATE_WINDOW = 60 * 60
#: seconds the public page's consultation results may be old: as long as the page itself
#: may be kept by a cache (its max-age), so no reader sees staler figures than before
CONSULTATION_PUBLIC_REFRESH = int(os.environ.get("OVPKIT_CONSULTATION_PUBLIC_REFRESH", "300"))
# Addresses never limited (the load benchmark's loopback clients); empty by default.
CONSULTATION_RATE_EXEMPT = [
    a for a in os.environ.get("OVPKIT_CONSULTATION_RATE_EXEMPT", "").split(",") if a
]

LANGUAGE_CODE = "en"
# Each language is named in itself, so a reader finds their own in the switcher.
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt", "Português")]
# The site's catalogs first; then allauth's Brazilian Portuguese as "pt" (it ships pt_BR).
LOCALE_PATHS = [compile_catalogs(HOME / "locale"), allauth_portuguese(HOME / "locale-allauth")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("OVPKIT_TIME_ZONE", "UTC")

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"  # filled by collectstatic (ovpkit serve)
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
