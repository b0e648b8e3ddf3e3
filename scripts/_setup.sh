# Sourced by scripts/serve and scripts/test: a virtualenv in .venv with Mingyi installed.
# Usage: source scripts/_setup.sh [extra]   (extra: "test" adds the test dependencies)
set -euo pipefail
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "→ creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-${1:-base}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "→ installing Mingyi${1:+ with [$1]} into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${1:+[$1]}"
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
# The browser tests inject axe-core (pinned in package-lock.json) into pages.
if [ "${1:-}" = "test" ] && command -v npm >/dev/null \
  && { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  echo "→ installing axe-core with npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
