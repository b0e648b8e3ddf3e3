#!/usr/bin/env bash
# Start the production stack of deploy/ on loopback, for benchmarks: gunicorn with
# deploy/gunicorn.conf.py (production settings), `mingyi worker`, and nginx with the
# shipped snippets (deploy/nginx/mingyi-http.conf, mingyi-locations.conf) in a config
# generated into a temporary directory. Runs until interrupted, then stops them all.
#
#   MINGYI_DATA_DIR=/tmp/mingyi-bench/1000000 [DATABASE_URL=...] bench/serve.sh \
#       [--dir DIR] [--web-port 8101] [--nginx-port 8102] [--workers 2] [--no-worker] [--redis]
#
# --redis also starts redis-server (Debian) on the next port as the shared cache
# (REDIS_URL), as a site with several web processes runs.
#
# Prints "ready web=http://127.0.0.1:P nginx=http://127.0.0.1:Q dir=DIR" when both answer.
# DIR holds access.log (gunicorn, with each request's time in microseconds), the
# nginx config and cache, the pid files, and www/ (served by nginx as /bench-static/).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
DIR="" WEB_PORT=8101 NGINX_PORT=8102 WORKERS=2 WORKER=1 REDIS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --web-port) WEB_PORT="$2"; shift 2 ;;
    --nginx-port) NGINX_PORT="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --no-worker) WORKER=0; shift ;;
    --redis) REDIS=1; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
: "${MINGYI_DATA_DIR:?set MINGYI_DATA_DIR (and DATABASE_URL for PostgreSQL)}"
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
DIR="${DIR:-$(mktemp -d /tmp/mingyi-serve.XXXXXX)}"
mkdir -p "$DIR/www" "$DIR/cache" "$DIR/prometheus"

export DJANGO_SETTINGS_MODULE=mingyi.config.django.production
export MINGYI_SECRET_KEY="${MINGYI_SECRET_KEY:-$(cat "$MINGYI_DATA_DIR/secret_key")}"
export MINGYI_SECURE_SSL_REDIRECT=false   # plain HTTP on loopback
export MINGYI_BIND="127.0.0.1:$WEB_PORT" MINGYI_WEB_WORKERS="$WORKERS"
export MINGYI_ACCESS_LOG="$DIR/access.log" MINGYI_LOG_LEVEL="${MINGYI_LOG_LEVEL:-WARNING}"
export PROMETHEUS_MULTIPROC_DIR="$DIR/prometheus"

pids=()
stop() {
  [ -f "$DIR/nginx.pid" ] && nginx -p "$DIR" -c "$DIR/nginx.conf" -s quit 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 0' INT TERM

if [ "$REDIS" = 1 ]; then
  REDIS_PORT=$((NGINX_PORT + 1))
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --dir "$DIR" \
    --maxmemory 256mb --maxmemory-policy allkeys-lru >"$DIR/redis.log" 2>&1 &
  pids+=($!)
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
fi
"$PY" -m mingyi migrate --no-input -v 0
"$PY" -m mingyi collectstatic --no-input -v 0

# The shipped snippets, with this run's paths.
sed -e "s#/var/cache/nginx/mingyi#$DIR/cache#" "$ROOT/deploy/nginx/mingyi-http.conf" \
  >"$DIR/mingyi-http.conf"
sed -e "s#/var/lib/mingyi/static/#$MINGYI_DATA_DIR/static/#" \
  "$ROOT/deploy/nginx/mingyi-locations.conf" >"$DIR/mingyi-locations.conf"
cat >"$DIR/nginx.conf" <<EOF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path $DIR/cache/body;
    proxy_temp_path $DIR/cache/proxy;
    fastcgi_temp_path $DIR/cache/fastcgi;
    uwsgi_temp_path $DIR/cache/uwsgi;
    scgi_temp_path $DIR/cache/scgi;
    include $DIR/mingyi-http.conf;
    upstream mingyi_app {
        server 127.0.0.1:$WEB_PORT;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        server_name 127.0.0.1;
        # The baseline: the same page as a plain file.
        location /bench-static/ {
            alias $DIR/www/;
            default_type "text/html; charset=utf-8";
        }
        include $DIR/mingyi-locations.conf;
    }
}
EOF

"$ROOT/.venv/bin/gunicorn" -c "$ROOT/deploy/gunicorn.conf.py" --pid "$DIR/gunicorn.pid" \
  mingyi.config.wsgi:application >"$DIR/gunicorn.log" 2>&1 &
pids+=($!)
if [ "$WORKER" = 1 ]; then
  "$PY" -m mingyi worker >"$DIR/worker.log" 2>&1 &
  pids+=($!)
  echo $! >"$DIR/worker.pid"
fi
nginx -p "$DIR" -c "$DIR/nginx.conf"

for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/healthz" 2>/dev/null \
    && curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz" 2>/dev/null; then
    echo "ready web=http://127.0.0.1:$WEB_PORT nginx=http://127.0.0.1:$NGINX_PORT dir=$DIR"
    wait "${pids[0]}"
    exit 0
  fi
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$DIR/gunicorn.log" >&2; exit 1; }
  sleep 0.5
done
echo "gunicorn did not answer in 120 s; see $DIR/gunicorn.log" >&2
exit 1
