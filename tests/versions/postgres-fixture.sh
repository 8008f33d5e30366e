#!/bin/sh
# The versions tests' ctest fixture for one PostgreSQL major (see tusk_add_postgres_fixture):
#   postgres-fixture.sh up TUSK_CLI DIR MAJOR   starts a primary of MAJOR in DIR
#   postgres-fixture.sh down TUSK_CLI DIR       stops it and removes its files
# `up` exits 77 (ctest: skipped) when MAJOR is not installed, so that a machine without the npm
# cache still runs everything else — except under CI=true, where a missing major is a failure.
set -u
action=$1 cli=$2 dir=$3 major=${4:-}
case "$action" in
up)
    "$cli" sandbox down --dir "$dir" --quiet 2>/dev/null
    "$cli" sandbox up --dir "$dir" --postgres "$major" --quiet
    rc=$?
    if [ "$rc" -eq 3 ]; then
        if [ "${CI:-}" = true ]; then
            echo "CI=true: PostgreSQL $major must be installed for the versions tests (packaging/fetch-postgres.sh)"
            exit 1
        fi
        echo "SKIP: PostgreSQL $major is not installed; packaging/fetch-postgres.sh fetches it"
        exit 77
    fi
    exit "$rc"
    ;;
down)
    exec "$cli" sandbox down --dir "$dir" --quiet
    ;;
*)
    echo "usage: $0 up|down TUSK_CLI DIR [MAJOR]" >&2
    exit 2
    ;;
esac
