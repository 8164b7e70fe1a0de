#!/usr/bin/env bash
# Runs every test of LiveTrader and ends with one line: "N passed, N failed, N skipped".
# Usage: ./test.sh   (extra arguments go to each `dotnet test`, e.g. --filter Category!=Slow)
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

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

passed=0; failed=0; skipped=0
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
