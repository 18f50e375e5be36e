#!/usr/bin/env bash
# Installs the system packages the test suite needs and a fresh machine lacks: Debian's Chromium
# (for the Playwright browser tests; Playwright cannot download its own browser here) and GNU
# gettext (to check that the translations cover every string). Needs root; does nothing when
# everything is already there.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Mangler systempakker: ${missing[*]}. Installer dem (sudo apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installerer systempakker: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
