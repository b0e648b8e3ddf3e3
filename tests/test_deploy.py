"""The production serving files in deploy/: nginx accepts the site, systemd parses the
units, gunicorn reads its configuration."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.skips import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=mingyi.example.org", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def nginx_config(tmp_path: Path) -> Path:
    """The shipped site, as installed (docs/deploy.md), with this test's paths."""
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    cert, key = self_signed_certificate(tmp_path)
    replacements = {
        "/etc/nginx/snippets/": f"{snippets}/",
        "/var/cache/nginx/mingyi": str(tmp_path / "cache"),
        "/var/lib/mingyi/static/": str(tmp_path / "static") + "/",
        "/etc/ssl/mingyi/fullchain.pem": str(cert),
        "/etc/ssl/mingyi/privkey.pem": str(key),
    }

    def install(source: Path, target: Path) -> None:
        text = source.read_text()
        for old, new in replacements.items():
            text = text.replace(old, new)
        target.write_text(text)

    install(DEPLOY / "nginx" / "mingyi-http.conf", snippets / "mingyi-http.conf")
    install(DEPLOY / "nginx" / "mingyi-locations.conf", snippets / "mingyi-locations.conf")
    install(DEPLOY / "nginx" / "mingyi.conf", tmp_path / "mingyi.conf")
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n include /etc/nginx/mime.types;\n include {tmp_path}/mingyi.conf;\n}}\n"
    )
    return main


def test_nginx_accepts_the_shipped_site(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        skip_or_fail("nginx is not installed (apt-get install nginx)")
    config = nginx_config(tmp_path)
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "[warn]" not in result.stderr, result.stderr


def test_nginx_refuses_a_broken_site(tmp_path):
    """The check above can fail: a typo in a shipped snippet is caught."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        skip_or_fail("nginx is not installed (apt-get install nginx)")
    config = nginx_config(tmp_path)
    locations = tmp_path / "snippets" / "mingyi-locations.conf"
    locations.write_text(
        locations.read_text().replace("proxy_cache_lock on;", "proxy_cache_lok on;")
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert result.returncode != 0 and "proxy_cache_lok" in result.stderr


def test_micro_cache_skips_signed_in_users_and_private_pages():
    http = (DEPLOY / "nginx" / "mingyi-http.conf").read_text()
    locations = (DEPLOY / "nginx" / "mingyi-locations.conf").read_text()
    assert "sessionid=" in http and "private|no-store" in http
    assert "proxy_cache_bypass $mingyi_signed_in;" in locations
    assert "proxy_no_cache $mingyi_signed_in $mingyi_private;" in locations
    assert "proxy_cache_valid 200 301 302 404 1s;" in locations
    assert "proxy_cache_use_stale updating" in locations and "proxy_cache_lock on;" in locations


@pytest.mark.parametrize(
    "unit", ["mingyi-web.service", "mingyi-web.socket", "mingyi-worker.service"]
)
def test_systemd_unit_parses(tmp_path, unit):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not available; the structural test below still runs")
    # As installed at /opt/mingyi, here the repository with its .venv.
    for source in (DEPLOY / "systemd").iterdir():
        text = source.read_text().replace("/opt/mingyi", str(ROOT))
        text = text.replace("/etc/mingyi/mingyi.env", str(tmp_path / "mingyi.env"))
        (tmp_path / source.name).write_text(text)
    (tmp_path / "mingyi.env").write_text("MINGYI_SECRET_KEY=x\n")
    result = subprocess.run(
        [analyze, "verify", str(tmp_path / unit)], capture_output=True, text=True, cwd=tmp_path
    )
    # Unknown keys and bad values are only warnings: any line about our unit fails.
    complaints = [line for line in result.stderr.splitlines() if "mingyi" in line]
    assert result.returncode == 0 and not complaints, result.stderr


def test_systemd_units_run_the_documented_commands():
    web = (DEPLOY / "systemd" / "mingyi-web.service").read_text()
    worker = (DEPLOY / "systemd" / "mingyi-worker.service").read_text()
    socket = (DEPLOY / "systemd" / "mingyi-web.socket").read_text()
    assert "gunicorn -c /opt/mingyi/deploy/gunicorn.conf.py mingyi.config.wsgi:application" in web
    assert "Requires=mingyi-web.socket" in web and "ListenStream=127.0.0.1:8000" in socket
    assert "ExecStart=/opt/mingyi/.venv/bin/mingyi worker" in worker
    for unit in (web, worker):
        assert "DJANGO_SETTINGS_MODULE=mingyi.config.django.production" in unit
        assert "[Install]" in unit and "User=mingyi" in unit


def test_gunicorn_reads_the_shipped_configuration(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--print-config",
            "-c",
            str(DEPLOY / "gunicorn.conf.py"),
            "mingyi.config.wsgi:application",
        ],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "MINGYI_WEB_WORKERS": "3",
            "MINGYI_SECRET_KEY": "x",
            "MINGYI_DATA_DIR": str(tmp_path),
        },
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    pairs = (line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    config = {key.strip(): value.strip() for key, value in pairs}
    assert (
        config["workers"] == "3"
        and config["worker_class"] == "mingyi.core.server.GracefulThreadWorker"
    )
    assert config["bind"] == "['127.0.0.1:8000']"
    assert "%(D)s" in config["access_log_format"]
