#!/usr/bin/env bash
# Installs Samordna on Debian 12 from this checkout, as docs/drift.md describes step by step:
#
#   sudo deploy/install.sh VÄRDNAMN TLS
#
# VÄRDNAMN is the address users type (samordna.example.se); TLS is an e-mail address (a
# certificate from Let's Encrypt, which needs ports 80 and 443 reachable from the internet)
# or `internal` (Caddy's own CA, for an intranet). Run it again to upgrade: it keeps the
# secrets in /etc/samordna, installs the code and the requirements anew, migrates and restarts.
#
# Layout: code /opt/samordna/app (root's, read-only for the service), static files
# /opt/samordna/static, data /var/lib/samordna, backups /var/backups/samordna, settings
# /etc/samordna/{env,owner.env}, PostgreSQL roles samordna_owner and samordna_app, database
# samordna. Set SAMORDNA_SKIP_APT=1 to skip apt-get (packages already there).
set -euo pipefail

host=${1:?"Ange värdnamnet, t.ex.: sudo deploy/install.sh samordna.example.se drift@example.se"}
tls=${2:?"Ange en e-postadress (Let's Encrypt) eller internal som andra argument"}
[ "$(id -u)" = 0 ] || { echo "Kör som root (sudo)." >&2; exit 1; }

source_dir=$(cd "$(dirname "$0")/.." && pwd)
app=/opt/samordna/app
etc=/etc/samordna
var=/var/lib/samordna
backups=/var/backups/samordna
say() { printf '\n== %s\n' "$*"; }
# Debian's Python (3.11 on bookworm), readable by the service user.
python=/usr/bin/python3
random() { "$python" -c 'import secrets; print(secrets.token_hex(24))'; }

say "Debian-paket"
if [ "${SAMORDNA_SKIP_APT:-0}" != 1 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3 python3-venv postgresql postgresql-client redis-server caddy curl ca-certificates \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2
fi

say "Användaren samordna och katalogerna"
id samordna >/dev/null 2>&1 ||
  useradd --system --home-dir "$var" --no-create-home --shell /usr/sbin/nologin samordna
install -d -o root -g root -m 0755 /opt/samordna "$app"
install -d -o samordna -g samordna -m 0700 "$var" "$backups"
install -d -o root -g root -m 0700 "$etc"

say "Koden till $app"
if [ "$source_dir" != "$app" ]; then
  # Everything in the checkout except local state; .git stays (the backup manifest names it).
  tar -C "$source_dir" --exclude=./.venv --exclude=./var --exclude=./staticfiles \
    --exclude='*/__pycache__' -cf - . | tar -C "$app" -xf -
  chown -R root:root "$app"
fi
[ -x "$app/.venv/bin/python" ] || "$python" -m venv "$app/.venv"
"$app/.venv/bin/pip" install -q --disable-pip-version-check -r "$app/requirements.txt"
install -m 0755 "$app/deploy/samordna-manage" /usr/local/bin/samordna-manage

say "Inställningar i $etc (hemligheterna skapas bara första gången)"
if [ ! -f "$etc/owner.env" ] || [ ! -f "$etc/env" ]; then
  owner_password=$(random)
  app_password=$(random)
  secret_key=$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')
  sed -e "s#^SECRET_KEY=.*#SECRET_KEY=$secret_key#" \
    -e "s#^ALLOWED_HOSTS=.*#ALLOWED_HOSTS=$host#" \
    -e "s#^CSRF_TRUSTED_ORIGINS=.*#CSRF_TRUSTED_ORIGINS=https://$host#" \
    -e "s#samordna_app:LÖSENORD@#samordna_app:$app_password@#" \
    "$app/deploy/env.example" >"$etc/env"
  sed -e "s#samordna_owner:LÖSENORD@#samordna_owner:$owner_password@#" \
    "$app/deploy/owner.env.example" >"$etc/owner.env"
  chmod 600 "$etc/env" "$etc/owner.env"

  say "PostgreSQL: rollerna samordna_owner, samordna_app och databasen samordna"
  if runuser -u postgres -- psql -XtAc "SELECT 1 FROM pg_roles WHERE rolname = 'samordna_owner'" |
    grep -q 1; then
    # The roles exist (a reinstall): give them the new passwords.
    runuser -u postgres -- psql -Xq \
      -c "ALTER ROLE samordna_owner PASSWORD '$owner_password'" \
      -c "ALTER ROLE samordna_app PASSWORD '$app_password'"
  else
    runuser -u postgres -- psql -Xq -v owner_password="'$owner_password'" \
      -v app_password="'$app_password'" -f "$app/deploy/roles.sql"
  fi
fi

say "Migreringar som ägarrollen, programrollens rättigheter, statiska filer"
samordna-manage migrate --noinput
samordna-manage check --deploy --fail-level WARNING
# collectstatic writes to STATIC_ROOT under /opt (root's): run it as root with the same env.
set -a; . "$etc/env"; set +a
install -d -o root -g root -m 0755 "$STATIC_ROOT"
"$app/.venv/bin/python" "$app/manage.py" collectstatic --noinput -v0

say "Caddy: https://$host"
cat >/etc/caddy/Caddyfile <<EOF
# Samordna (deploy/install.sh). TLS: $tls
import $app/deploy/caddy/samordna.caddy $host $tls 127.0.0.1:8000
EOF

say "systemd"
install -m 0644 "$app/deploy/samordna.service" "$app/deploy/samordna-worker.service" \
  "$app/deploy/samordna-backup.service" \
  "$app/deploy/samordna-backup.timer" /etc/systemd/system/
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now redis-server postgresql
  systemctl enable samordna.service samordna-worker.service samordna-backup.timer
  systemctl restart samordna.service samordna-worker.service
  systemctl start samordna-backup.timer
  systemctl reload-or-restart caddy
  sleep 2
  curl -fsS --max-time 10 "http://127.0.0.1:8000/halsa/" -H "Host: $host" && echo
  samordna-manage check_worker --timeout 30
else
  echo "systemd körs inte här: starta tjänsterna själv (se docs/drift.md)."
fi

cat <<EOF

Klart. Nästa steg (docs/drift.md):
  samordna-manage createsuperuser          # den första administratören
  samordna-manage create_forbund SLUG "NAMN"
  curl https://$host/halsa/                # övervakningen
  samordna-manage backup                   # en första säkerhetskopia
EOF
