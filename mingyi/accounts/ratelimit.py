"""Fixed-window rate limits on Django's cache (local by default, Redis at scale)."""

import time

from django.core.cache import cache

from mingyi.config.env import env_int

LIMITS = {
    # action: (requests, window in seconds)
    "login": (env_int("MINGYI_RATE_LOGIN", 10), 300),
    "ask": (env_int("MINGYI_RATE_ASK", 5), 3600),
    "answer": (env_int("MINGYI_RATE_ANSWER", 60), 3600),
}


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"请求过于频繁,请 {retry_after} 秒后再试。")
        self.retry_after = retry_after


def rate_limit_hit(*, action: str, who: str) -> None:
    """Count one request of `who` (a user id or an anonymous client key) for `action`;
    raises RateLimited with the seconds to wait once the window's budget is spent."""
    limit, window = LIMITS[action]
    now = int(time.time())
    window_start = now - now % window
    key = f"ratelimit:{action}:{who}:{window_start}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > limit:
        raise RateLimited(retry_after=window_start + window - now)


def client_key(request) -> str:
    """Who is asking, for rate limits only: the account, else the client address (kept
    in the cache for the window, never stored)."""
    if request.user.is_authenticated:
        return f"u{request.user.pk}"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return "a" + (forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", ""))
