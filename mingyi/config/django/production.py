"""Production profile: everything `manage.py check --deploy` asks for.

TLS is terminated in front of Django (nginx); set MINGYI_SECURE_SSL_REDIRECT=false only
when that proxy already redirects plain HTTP, and keep the proxy's X-Forwarded-Proto.
"""

from django.core.exceptions import ImproperlyConfigured

from mingyi.config.django.base import *  # noqa: F403
from mingyi.config.env import env_bool, env_int, env_str

DEBUG = False
if not env_str("MINGYI_SECRET_KEY"):
    raise ImproperlyConfigured("MINGYI_SECRET_KEY must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("MINGYI_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("MINGYI_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("MINGYI_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
WHITENOISE_USE_FINDERS = False
LOGGING["handlers"]["console"]["formatter"] = env_str("MINGYI_LOG_FORMAT", "json")  # noqa: F405
