from django.http import HttpRequest


def page_number(request: HttpRequest) -> int:
    """The ?page= number; anything that is not a positive integer means page 1."""
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 1_000_000 else 1
