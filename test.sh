#!/usr/bin/env bash
# Installs what is missing, builds the ci preset (-Werror) and runs every test (not benchmarks).
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
packaging/fetch-postgres.sh # PostgreSQL 12-18 for the versions tests (npm cache; offline: they skip)
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci-suite --parallel 2
# The short fuzz runs build their own clang tree (build/fuzz) and use both cores: a step of their own.
ctest --preset ci-fuzz
