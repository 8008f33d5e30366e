#!/usr/bin/env bash
# Installs the Debian 12 packages Tusk needs to build, test and run. Idempotent and quiet when
# everything is there. Works as root, or as a normal user with sudo.
set -euo pipefail

packages=(
    # build (qt6-tools-dev: Qt6LinguistTools' CMake config; qt6-l10n-tools: lupdate, lrelease)
    cmake ninja-build ccache g++ pkg-config
    qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev qt6-charts-dev libqt6opengl6-dev libgl-dev
    libqscintilla2-qt6-dev qtkeychain-qt6-dev libpq-dev libssl-dev
    # servers for the sandbox and the integration tests
    postgresql-15 postgresql-client-15 postgresql-15-hypopg postgresql-15-pg-qualstats
    # tst_prometheus: a real Prometheus scrapes tusk-cli monitor --listen (its service is not started
    # where policy-rc.d forbids it, as in containers; the test runs its own on loopback)
    prometheus
    # GUI tests and screenshots
    fonts-dejavu-core xvfb xauth
    # keychain tests: a real Secret Service (gnome-keyring) on a private D-Bus session
    gnome-keyring dbus-daemon dbus-bin
    # fuzz targets (tests/fuzz: clang's libFuzzer and sanitizer runtimes)
    clang libclang-rt-14-dev
)

# PostgreSQL 12-18 for the versions tests come from the npm registry (packaging/fetch-postgres.sh).
# Where Node.js came with its own npm (nodesource), that one is used; only without any npm is
# Debian's installed.
if ! command -v npm >/dev/null; then
    packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    # A fresh machine may have no package lists yet.
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
