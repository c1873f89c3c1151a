#!/usr/bin/env bash
# Runs dhcpstate's whole test suite: installs the Debian packages the integration tests use
# (when missing), then builds every module, runs every test not tagged "slow", and builds the
# javadoc. Runs as root, without prompts; extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(dnsmasq-base dnsmasq-utils isc-dhcp-client busybox iproute2 kea-admin)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "scripts/test.sh: must run as root to install: ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -q </dev/null
  timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

exec mvn -B verify "$@"
