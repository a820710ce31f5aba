#!/usr/bin/env bash
# What the tool concludes on the real repositories whose snapshots are present (see scripts/real-repos.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node_modules/.bin/tsx scripts/real-repos.ts "$@"
