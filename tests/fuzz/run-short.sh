#!/usr/bin/env bash
# Short fuzz run for the test suite: builds the libFuzzer targets with clang (preset `fuzz`, in
# build/fuzz) and runs each for TUSK_FUZZ_SECONDS (default 20) over a seed corpus made of
# tests/data/explain, tests/fuzz/seeds (inputs that once found bugs) and, when present,
# shared/corpus/explain next to the checkout. Fails on any
# crash, sanitizer report, timeout or out-of-memory; exits 77 (ctest: skipped) without clang or
# its libFuzzer runtime (Debian: clang, libclang-rt-14-dev).
set -uo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${TUSK_FUZZ_SECONDS:-20}
build=$src/build/fuzz
shared=$(dirname "$src")/shared/corpus/explain

command -v clang++ >/dev/null 2>&1 || { echo "SKIP: clang++ not installed"; exit 77; }
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const char *, unsigned long) { return 0; }' >"$probe/p.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" >/dev/null 2>&1; then
    echo "SKIP: clang++ cannot link libFuzzer (install libclang-rt-14-dev)"
    exit 77
fi

cd "$src" || exit 1
cmake --preset fuzz >"$probe/configure.log" 2>&1 || { cat "$probe/configure.log"; exit 1; }
cmake --build --preset fuzz || exit 1

# seeds NAME EXTENSION...: the fuzzer's read-only seed folder.
seeds() {
    local dir=$build/seeds/$1
    shift
    rm -rf "$dir" && mkdir -p "$dir"
    for ext in "$@"; do
        for f in "$src"/tests/data/explain/*."$ext" "$src"/tests/fuzz/seeds/*."$ext" "$shared"/*."$ext"; do
            [ -f "$f" ] && cp "$f" "$dir/"
        done
    done
    echo "$dir"
}

status=0
for target in json:json:txt text:txt yaml:yaml xml:xml; do
    IFS=: read -r name ext1 ext2 <<<"$target"
    fuzzer=$build/tests/fuzz/fuzz_${name}planparser
    seedDir=$(seeds "$name" "$ext1" ${ext2:+"$ext2"})
    corpus=$build/corpus/$name # grows across runs: later runs start where earlier ones stopped
    artifacts=$build/artifacts/$name/
    mkdir -p "$corpus" "$artifacts"
    echo "== fuzz_${name}planparser: ${seconds}s, seeds: $(ls "$seedDir" | wc -l) files"
    "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -dict="$src/tests/fuzz/explain.dict" -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seedDir" \
        >"$build/$name.log" 2>&1
    rc=$?
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$build/$name.log"
    if [ $rc -ne 0 ]; then
        echo "fuzz_${name}planparser FAILED (exit $rc); input saved in $artifacts"
        grep -E -A30 'ERROR|runtime error|==ERROR' "$build/$name.log" | head -60
        status=1
    fi
done
exit $status
