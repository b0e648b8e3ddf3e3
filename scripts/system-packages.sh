#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for browser tests, CJK fonts so
# screenshots show Chinese, Node.js and npm for the axe-core accessibility check.
# nginx and openssl for the deploy/ config test (tests/test_deploy.py), redis-server
# for the shared cache (tests/test_cache_redis.py).
# Installs only what is missing; needs root (or sudo).
set -euo pipefail
missing=()
for package in chromium fonts-noto-cjk nginx openssl redis-server; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
# Any Node.js with npm will do (it may come from elsewhere than Debian).
command -v npm >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "→ installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
