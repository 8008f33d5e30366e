#!/usr/bin/env bash
# Installs what is missing, builds Tusk, starts a local sandbox cluster (primary + 2 replicas,
# the CRM demo and a light workload) and opens Tusk on it. Stop the sandbox with:
#   build/release/app/cli/tusk-cli sandbox down --dir "$TUSK_SANDBOX_DIR"
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

cli=build/release/app/cli/tusk-cli
dir=${TUSK_SANDBOX_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/tusk/sandbox}
if ! "$cli" sandbox status --dir "$dir" >/dev/null 2>&1; then
    echo "Starting the sandbox in $dir (first time: ~20 s for the demo data) ..."
    "$cli" sandbox up --dir "$dir" --replicas 2 --demo --workload >/dev/null
fi
uri=$("$cli" sandbox uri --dir "$dir")
echo "Sandbox primary: $uri"
echo "Stop it with: $cli sandbox down --dir $dir"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: starting Tusk under Xvfb (headless)."
    exec xvfb-run -a build/release/app/gui/tusk "$uri"
fi
exec build/release/app/gui/tusk "$uri"
