from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from mingyi.accounts.ratelimit import RateLimited, client_key, rate_limit_hit
from mingyi.core.views import too_many_requests


class RateLimitedLoginView(LoginView):
    """Django's login, with a budget of attempts per client (guessing passwords)."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            rate_limit_hit(action="login", who=client_key(request))
        except RateLimited as exc:
            return too_many_requests(request, exc)
        return super().post(request, *args, **kwargs)


def signup(request: HttpRequest) -> HttpResponse:
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        target = request.GET.get("next", "/")
        safe = url_has_allowed_host_and_scheme(target, {request.get_host()})
        return redirect(target if safe else "/")
    return render(request, "accounts/signup.html", {"form": form})
