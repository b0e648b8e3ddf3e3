from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {
        "site_name": settings.MINGYI_SITE_NAME,
        "disclaimer": settings.MINGYI_DISCLAIMER,
        "verification_meta": settings.MINGYI_VERIFICATION_META,
    }
