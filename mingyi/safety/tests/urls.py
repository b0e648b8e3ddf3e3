"""The triage router on a throwaway API, for tests that run before it is mounted at /api/v1."""

from django.urls import path
from ninja import NinjaAPI

from mingyi.safety.apis import router

api = NinjaAPI(urls_namespace="triage-test")
api.add_router("", router)

urlpatterns = [path("api/v1/", api.urls)]
