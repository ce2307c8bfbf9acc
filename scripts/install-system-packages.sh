#!/usr/bin/env bash
# Debian packages that features need beyond Python: LibreOffice (DOCX→PDF checks), Chromium and
# its driver (browser tests), Poppler (pdftotext/pdftoppm), Pango (WeasyPrint PDF rendering),
# Caddy and the PostgreSQL client (deploy/smoke.sh: the production deployment test).
# Installs them when run as root on Debian; elsewhere it says what to install.
set -euo pipefail
packages=(libreoffice-writer-nogui chromium chromium-driver poppler-utils
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2
          caddy postgresql-client curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installerar Debian-paket: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Saknade systempaket (installera dem för PDF, Word-konvertering och webbläsartester):" >&2
  echo "  ${missing[*]}" >&2
fi
