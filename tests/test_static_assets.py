"""Static files in the production profile: fingerprinted names (so nginx and browsers
may keep them a year) with compressed copies beside them."""

import re

import pytest
from django.core.management import call_command

from tests import factories

pytestmark = pytest.mark.django_db

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_question_page_references_fingerprinted_compressed_assets(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    # The site's own files only: compressing the admin's and the API docs' takes minutes.
    call_command(
        "collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin", "ninja"]
    )
    html = client.get(factories.question(answer="回答").get_absolute_url()).content.decode()
    assets = re.findall(r'/static/([^"\'\s>]+)', html)
    assert assets, "the page references no static file"
    for name in assets:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", name), f"{name} has no content hash"
        served = tmp_path / name
        assert served.exists(), name
        if served.suffix in {".css", ".js", ".svg"}:
            # gzip, which nginx serves as is (gzip_static); no brotli: compressing every
            # file at quality 11 made each collectstatic take 40 s of CPU.
            assert served.with_name(served.name + ".gz").exists()
