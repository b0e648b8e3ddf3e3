"""Cache: Django's cache framework, per process by default, Redis when REDIS_URL is set
(shared by every web process and machine). The question page keeps anonymous pages
here for MINGYI_PAGE_CACHE_SECONDS (0 turns page caching off)."""

from mingyi.config.env import env_int, env_str

# An upper bound on how stale a cached page may be about what its fingerprint does not
# cover (mingyi.questions.page_cache); everything else changes its key at once.
PAGE_CACHE_SECONDS = env_int("MINGYI_PAGE_CACHE_SECONDS", 300)


def cache_config() -> dict:
    redis_url = env_str("REDIS_URL")
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": env_str("MINGYI_CACHE_PREFIX", "mingyi"),
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mingyi",
            # Hot pages of a big site, per process; bounded, as each page is tens of KB.
            "OPTIONS": {"MAX_ENTRIES": env_int("MINGYI_LOCAL_CACHE_ENTRIES", 1000)},
        }
    }
