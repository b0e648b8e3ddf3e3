"""Production profile: everything `manage.py check --deploy` asks for.

The Content-Security-Policy and Permissions-Policy of every profile come from
mingyi.config.settings.security (base); this adds the HTTPS-only half.

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
# Lax: the login and ask forms post to ourselves; no other site's request carries them.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Set in base for every profile; restated here because production relies on them.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
WHITENOISE_USE_FINDERS = False
LOGGING["handlers"]["console"]["formatter"] = env_str("MINGYI_LOG_FORMAT", "json")  # noqa: F405
