"""Settings shared by every profile. Integrations live in mingyi.config.settings.*."""

from pathlib import Path

from mingyi.config.env import data_dir, env_bool, env_list, env_str, secret_key
from mingyi.config.settings.cache import PAGE_CACHE_SECONDS, cache_config
from mingyi.config.settings.database import database_config
from mingyi.config.settings.security import PERMISSIONS_POLICY, content_security_policy

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("MINGYI_DEBUG", False)
ALLOWED_HOSTS = env_list("MINGYI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("MINGYI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",
    "mingyi.core",
    "mingyi.departments",
    "mingyi.doctors",
    "mingyi.questions",
    "mingyi.search",
    "mingyi.safety",
    "mingyi.audit",
    "mingyi.accounts",
    "mingyi.seo",
    "mingyi.ops",
    "mingyi.imports",
    "mingyi.demo",
    "mingyi.synth",
    "mingyi.related",
    "mingyi.trending",
]

MIDDLEWARE = [
    "mingyi.ops.middleware.ObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "mingyi.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mingyi.ops.unavailable.DatabaseFaultMiddleware",
]

ROOT_URLCONF = "mingyi.config.urls"
WSGI_APPLICATION = "mingyi.config.wsgi.application"

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
                "mingyi.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": database_config(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = cache_config()
MINGYI_PAGE_CACHE_SECONDS = PAGE_CACHE_SECONDS

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = env_str("MINGYI_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Serve straight from the app folders when collectstatic has not run (development, tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = content_security_policy()
PERMISSIONS_POLICY = PERMISSIONS_POLICY

# Structured JSON logs (MINGYI_LOG_FORMAT=json, the production default) or plain text;
# every line carries the request id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "mingyi.ops.middleware.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env_str("MINGYI_LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("MINGYI_LOG_LEVEL", "INFO")},
}

# Product settings.
MINGYI_SITE_NAME = env_str("MINGYI_SITE_NAME", "名医问答")
MINGYI_DISCLAIMER = "提示:本内容不能代替面诊,如有不适请尽快就医。"
MINGYI_PAGE_SIZE = 20
MINGYI_REVIEW_PERIOD_MONTHS = int(env_str("MINGYI_REVIEW_PERIOD_MONTHS", "24"))
MINGYI_VERIFICATION_MONTHS = int(env_str("MINGYI_VERIFICATION_MONTHS", "24"))

MEDIA_ROOT = DATA_DIR / "media"  # credential documents: private, never served publicly
MEDIA_URL = "/media-private/"
EMAIL_BACKEND = env_str("MINGYI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("MINGYI_FROM_EMAIL", "noreply@mingyi.invalid")
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Search-engine site verification meta tags (optional).
MINGYI_VERIFICATION_META = {
    name: value
    for name, value in {
        "google-site-verification": env_str("MINGYI_GOOGLE_SITE_VERIFICATION"),
        "baidu-site-verification": env_str("MINGYI_BAIDU_SITE_VERIFICATION"),
        "msvalidate.01": env_str("MINGYI_BING_SITE_VERIFICATION"),
    }.items()
    if value
}
