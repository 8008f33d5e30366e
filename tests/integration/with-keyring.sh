#!/usr/bin/env bash
# Runs a command against a real Secret Service: a private D-Bus session bus with gnome-keyring's
# secrets component, unlocked, in a throwaway HOME (the user's own keyring is never touched).
# Exits 77 (ctest: skipped) when dbus-run-session or gnome-keyring-daemon is missing.
set -uo pipefail
command -v dbus-run-session >/dev/null 2>&1 || { echo "SKIP: dbus-run-session not installed"; exit 77; }
command -v gnome-keyring-daemon >/dev/null 2>&1 || { echo "SKIP: gnome-keyring not installed"; exit 77; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- sh -c '
    # --unlock reads the new keyring password from stdin; the daemon stays for the session.
    printf "tusk-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || exit 1
    exec "$@"' sh "$@"
