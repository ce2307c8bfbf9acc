#!/usr/bin/env bash
# A fresh production deployment on this machine, checked end to end (docs/drift.md):
# roles and database from deploy/roles.sql, `migrate` as the owner, `check --deploy`,
# collectstatic, gunicorn with deploy/gunicorn.conf.py as the app role, Caddy with
# deploy/caddy/samordna.caddy and its own CA (tls internal) on 127.0.0.1, then over verified
# TLS: /halsa/, the login page and its headers, a real login, the HTTP→HTTPS redirect; last a
# backup restored into a new empty database. Processes, not systemd units, so it runs anywhere.
#
# Needs: PostgreSQL reachable as a superuser (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432
# postgres), psql and pg_dump, Redis (REDIS_URL, default redis://127.0.0.1:6379/15), caddy,
# curl, and .venv with the requirements. Cleans up everything it made, also on failure.
# Exit 0 and "RÖKTEST OK" when all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=${PYTHON:-$root/.venv/bin/python}
gunicorn=${GUNICORN:-$root/.venv/bin/gunicorn}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379/15}
started=$(date +%s)

for tool in psql pg_dump pg_restore caddy curl; do
  command -v "$tool" >/dev/null || { echo "Saknas: $tool" >&2; exit 2; }
done
[ -x "$gunicorn" ] || { echo "Saknas: $gunicorn (pip install -r requirements.txt)" >&2; exit 2; }

work=$(mktemp -d /tmp/samordna-smoke.XXXXXX)
suffix=$(date +%s)_$$
owner=samordna_smoke_owner_$suffix
app=samordna_smoke_app_$suffix
db=samordna_smoke_$suffix
restored=${db}_restored
gunicorn_pid=''
caddy_pid=''
worker_pid=''

cleanup() {
  status=$?
  set +e
  # SIGINT: gunicorn's quick shutdown (SIGTERM would wait for workers to finish gracefully).
  for pid in $caddy_pid $gunicorn_pid $worker_pid; do
    kill -INT "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
    -c "DROP DATABASE IF EXISTS $restored WITH (FORCE)" \
    -c "DROP ROLE IF EXISTS $app" -c "DROP ROLE IF EXISTS $owner" >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ]; then
    echo "--- gunicorn ---" >&2; tail -n 30 "$work/gunicorn.log" 2>/dev/null >&2 || true
    echo "--- worker ---" >&2; tail -n 30 "$work/worker.log" 2>/dev/null >&2 || true
    echo "--- caddy ---" >&2; tail -n 30 "$work/caddy.log" 2>/dev/null >&2 || true
    echo "RÖKTEST MISSLYCKADES" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

step() { printf '%3ss  %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { echo "FEL: $*" >&2; exit 1; }
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

step "roller och databas (deploy/roles.sql): $owner, $app, $db"
owner_password=$("$python" -c 'import secrets; print(secrets.token_hex(16))')
app_password=$("$python" -c 'import secrets; print(secrets.token_hex(16))')
psql -X -q -d postgres -v owner="$owner" -v app="$app" -v db="$db" \
  -v owner_password="'$owner_password'" -v app_password="'$app_password'" \
  -f deploy/roles.sql >/dev/null

# The same two files as /etc/samordna/env and /etc/samordna/owner.env (deploy/env.example).
mkdir -p "$work/var" "$work/backups"
cat >"$work/env" <<EOF
DEBUG=0
SECRET_KEY=$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')
ALLOWED_HOSTS=127.0.0.1
DATABASE_URL=postgres://$app:$app_password@$PGHOST:$PGPORT/$db
REDIS_URL=$redis_url
SAMORDNA_VAR_DIR=$work/var
SAMORDNA_BACKUP_DIR=$work/backups
STATIC_ROOT=$work/static
EOF
echo "DATABASE_OWNER_URL=postgres://$owner:$owner_password@$PGHOST:$PGPORT/$db" >"$work/owner.env"
# One NAME=VALUE per line, values without spaces (as samordna-manage reads /etc/samordna).
# shellcheck disable=SC2046
as_app() { env -i PATH="$PATH" HOME="$work" $(cat "$work/env") "$@"; }
# shellcheck disable=SC2046
as_owner() { env -i PATH="$PATH" HOME="$work" $(cat "$work/env" "$work/owner.env") "$@"; }

step "migrate som ägare, check --deploy, collectstatic (de två sista medan migrate körs)"
as_app "$python" manage.py collectstatic --noinput -v0 &
collectstatic_pid=$!
as_owner "$python" manage.py check --deploy --fail-level WARNING >/dev/null &
check_pid=$!
as_owner "$python" manage.py migrate --noinput -v0
wait "$collectstatic_pid" || fail "collectstatic misslyckades"
wait "$check_pid" || fail "check --deploy gav varningar"

step "gunicorn (deploy/gunicorn.conf.py) som programrollen"
gunicorn_port=$(free_port)
# A simple command (not the as_app function), so $! is gunicorn's master itself.
# shellcheck disable=SC2046
env -i PATH="$PATH" HOME="$work" $(cat "$work/env") GUNICORN_BIND="127.0.0.1:$gunicorn_port" \
  GUNICORN_WORKERS=2 "$gunicorn" --config deploy/gunicorn.conf.py samordna.wsgi \
  >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!

step "arbetsprocessen för bakgrundsjobb (run_huey, kön i Redis) och check_worker"
# shellcheck disable=SC2046
env -i PATH="$PATH" HOME="$work" $(cat "$work/env") "$python" manage.py run_huey --quiet \
  >"$work/worker.log" 2>&1 &
worker_pid=$!
as_app "$python" manage.py check_worker --timeout 30 | sed 's/^/      /' \
  || fail "arbetsprocessen svarade inte"

step "caddy (deploy/caddy/samordna.caddy, tls internal) på 127.0.0.1"
https_port=$(free_port)
http_port=$(free_port)
cat >"$work/Caddyfile" <<EOF
{
	admin off
	default_bind 127.0.0.1
	http_port $http_port
	skip_install_trust
	storage file_system {
		root $work/caddy
	}
}
import $root/deploy/caddy/samordna.caddy https://127.0.0.1:$https_port internal 127.0.0.1:$gunicorn_port
EOF
env XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg" HOME="$work" \
  caddy run --adapter caddyfile --config "$work/Caddyfile" >"$work/caddy.log" 2>&1 &
caddy_pid=$!

base=https://127.0.0.1:$https_port
ca=$work/caddy/pki/authorities/local/root.crt
for _ in $(seq 1 100); do
  if [ -f "$ca" ] && curl -s -o /dev/null --cacert "$ca" "$base/halsa/"; then break; fi
  kill -0 "$gunicorn_pid" 2>/dev/null || fail "gunicorn avslutades"
  kill -0 "$caddy_pid" 2>/dev/null || fail "caddy avslutades"
  sleep 0.2
done
tls() { curl -sS --cacert "$ca" --max-time 20 "$@"; }

step "GET $base/halsa/ (TLS verifierad mot Caddys CA)"
health=$(tls -w '\n%{http_code}' "$base/halsa/")
echo "      $health" | tr '\n' ' '; echo
[ "$(tail -n1 <<<"$health")" = 200 ] || fail "/halsa/ svarade inte 200"
grep -q '"status": "ok"' <<<"$health" || fail "/halsa/ är inte ok"
grep -q '"cache": "ok"' <<<"$health" || fail "Redis-cachen svarar inte"

step "GET $base/konto/logga-in/: 200 och säkerhetshuvuden"
headers=$(tls -D - -o "$work/login.html" -c "$work/cookies" "$base/konto/logga-in/")
grep -q '^HTTP/[0-9.]* 200' <<<"$headers" || fail "inloggningssidan svarade inte 200"
for header in 'strict-transport-security: max-age=' 'x-frame-options: DENY' \
  'x-content-type-options: nosniff' 'referrer-policy: same-origin'; do
  grep -qi "^$header" <<<"$headers" || fail "huvudet saknas: $header"
done
grep -qi '^server:' <<<"$headers" && fail "Server-huvudet ska inte synas"
grep -qi '^set-cookie: csrftoken=.*; *Secure' <<<"$headers" || fail "CSRF-kakan är inte Secure"

step "inloggning över TLS (användare skapad av programrollen)"
as_app DJANGO_SUPERUSER_PASSWORD=rok-test-losenord-7f3k9 \
  "$python" manage.py createsuperuser --noinput --username rok --email rok@example.se >/dev/null
csrf=$(awk '$6 == "csrftoken" {print $7}' "$work/cookies")
login=$(tls -D - -o /dev/null -b "$work/cookies" -c "$work/cookies" \
  -H "Referer: $base/konto/logga-in/" -H "Origin: $base" \
  --data-urlencode "csrfmiddlewaretoken=$csrf" --data-urlencode "username=rok" \
  --data-urlencode "password=rok-test-losenord-7f3k9" "$base/konto/logga-in/")
grep -q '^HTTP/[0-9.]* 302' <<<"$login" || fail "inloggningen gav inte 302"
grep -qi '^set-cookie: sessionid=.*; *Secure' <<<"$login" || fail "sessionskakan är inte Secure"
next=$(tls -o /dev/null -w '%{http_code} %{redirect_url}' -b "$work/cookies" "$base/")
echo "      inloggad: GET / → $next"
grep -q 'tvastegsverifiering' <<<"$next" || fail "efter inloggningen väntades tvåstegsverifieringen"

step "http://127.0.0.1:$http_port/ leder till HTTPS"
redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/halsa/")
echo "      $redirect"
grep -q "^30[18] https://127.0.0.1:$https_port/halsa/" <<<"$redirect" || fail "ingen omdirigering"

step "backup som ägare, restore till en ny tom databas"
as_owner "$python" manage.py backup >/dev/null
archive=$(ls "$work"/backups/samordna-backup-*.tar)
psql -X -q -d postgres -c "CREATE DATABASE $restored OWNER $owner" >/dev/null
sed "s#/$db\$#/$restored#" "$work/env" >"$work/env.restored"
sed "s#/$db\$#/$restored#" "$work/owner.env" >"$work/owner.env.restored"
# shellcheck disable=SC2046
env -i PATH="$PATH" HOME="$work" $(cat "$work/env.restored" "$work/owner.env.restored") \
  SAMORDNA_VAR_DIR="$work/var-restored" "$python" manage.py restore "$archive" | sed 's/^/      /'

step "RÖKTEST OK ($(( $(date +%s) - started )) s)"
