#!/usr/bin/env bash
# Runs the test suite (every label but bench) while two busy processes keep both cores loaded,
# as CI's shared machine does on a bad day. Run it before landing anything that touches timing,
# threads or a test's bounds; it must pass twice in a row (the default).
#
#   tests/under-load.sh [--preset ci] [--rounds 2] [--burners 2] [-- extra ctest args]
#
# Builds the preset first (outside the load), then loads the machine and runs ctest per round.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=ci
rounds=2
burners=2
extra=()
while (($#)); do
    case "$1" in
    --preset) preset=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --burners) burners=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: $0 [--preset P] [--rounds N] [--burners N] [-- ctest args]" >&2; exit 2 ;;
    esac
done

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

pids=()
stop_burners() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop_burners EXIT
for ((i = 0; i < burners; i++)); do
    # A plain busy loop in its own process: competes for a core at the same priority as the tests.
    bash -c 'while :; do :; done' &
    pids+=($!)
done
echo "under-load: ${burners} busy processes on $(nproc) cores; ${rounds} round(s) of ctest --preset ${preset}"

for ((r = 1; r <= rounds; r++)); do
    start=$(date +%s)
    if ! ctest --preset "$preset" --parallel 2 -LE bench "${extra[@]}"; then
        echo "under-load: round ${r} FAILED after $(($(date +%s) - start)) s" >&2
        exit 1
    fi
    echo "under-load: round ${r} passed in $(($(date +%s) - start)) s"
done
echo "under-load: all ${rounds} rounds passed"
