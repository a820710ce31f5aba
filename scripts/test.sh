#!/usr/bin/env bash
# The one test command (npm test): installs what the tests need on a fresh machine, type-checks,
# then runs every test file with Node's test runner. Fails when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

# better-sqlite3 and other native addons build against the system's Node headers, offline.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

command -v git >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git >/dev/null; }
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.package-lock.json.src 2>/dev/null; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock.json.src
fi

# Tests build real git repositories: give them an identity and defaults that don't depend on ~/.gitconfig.
GIT_CONFIG_GLOBAL="$(mktemp)"
export GIT_CONFIG_GLOBAL
trap 'rm -f "$GIT_CONFIG_GLOBAL"' EXIT
git config --global user.name "Upstream Tests"
git config --global user.email "tests@upstream.invalid"
git config --global init.defaultBranch main

node_modules/.bin/tsc --noEmit -p .
# Format and lint (biome.json): a diff from the formatter or a lint error fails the run.
node_modules/.bin/biome ci --colors=off --reporter=summary .
# Biome wraps code but not long strings, patterns or comments: no source line over its width either.
node scripts/check-line-width.mjs
# The shipped CLI (dist/): the tests run the sources, and one of them checks the build against them.
node scripts/build.mjs

mapfile -t files < <(find src bench test examples -name '*.test.ts' 2>/dev/null | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
log="$(mktemp)"
# The store's tests run against a real PostgreSQL too: a throwaway server (scripts/with-postgres.sh) unless
# UPSTREAM_TEST_DATABASE_URL names one. Under this script they fail, not skip, without it.
export UPSTREAM_TEST_REQUIRE_PG=1
with_pg=(bash scripts/with-postgres.sh)
if [ -n "${UPSTREAM_TEST_DATABASE_URL:-}" ]; then with_pg=(); fi
set +e
"${with_pg[@]}" node_modules/.bin/tsx --test "$@" "${files[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if grep -Eq '^(# |ℹ )tests 0$' "$log"; then echo "the test runner ran no test" >&2; status=1; fi
rm -f "$log"
exit "$status"
