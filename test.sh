#!/usr/bin/env bash
# Runs every test of LiveTrader and ends with one line: "N passed, N failed, N skipped".
# Usage: ./test.sh   (extra arguments go to each `dotnet test`, e.g. --filter Category!=Slow)
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

# The browser tests (tests/LiveTrader.Browser.Tests) drive Debian's Chromium through Playwright's
# packaged driver; Playwright never downloads a browser. Install it on a clean machine.
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium for the browser tests"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then as_root=(sudo); fi
  fi
  if ! { "${as_root[@]}" apt-get update && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } \
     || [ ! -x /usr/bin/chromium ]; then
    echo "error: could not install chromium (apt-get install -y chromium); the browser tests need /usr/bin/chromium"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
fi

if ! dotnet build LiveTrader.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" || status=1
done

# The official kiteconnect npm client against the simulator (tests/kite-official): Node's built-in runner, TAP to a file.
node_dir=tests/kite-official
node_passed=0; node_failed=0; node_skipped=0
if [ -f "$node_dir/package.json" ]; then
  echo "== kite-official (node --test)"
  tap="$results/kite-official.tap"
  tap_count() { local v; v=$(sed -n "s/^# $1 \([0-9]*\)\$/\1/p" "$tap" 2>/dev/null | tail -1); echo "${v:-0}"; }
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "node/npm not found"; node_failed=1; status=1
  elif ! ( cd "$node_dir" &&
           { cmp -s package-lock.json node_modules/.livetrader-lock ||
             { npm ci --no-audit --no-fund && cp package-lock.json node_modules/.livetrader-lock; }; } ); then
    echo "npm ci failed in $node_dir"; node_failed=1; status=1
  else
    ( cd "$node_dir" && node --test --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tap" ./*.test.js ) || status=1
    node_passed=$(tap_count pass)
    node_failed=$(( $(tap_count fail) + $(tap_count cancelled) ))
    node_skipped=$(( $(tap_count skipped) + $(tap_count todo) ))
  fi
fi

passed=$node_passed; failed=$node_failed; skipped=$node_skipped
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a runner that crashed before reporting
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
