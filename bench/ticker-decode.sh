#!/usr/bin/env bash
# Ticker decode benchmark: our TickCodec.ParseFrame (BenchmarkDotNet, MemoryDiagnoser) and the official kiteconnect
# JS parser (KiteTicker.parseBinary on Node) over the same frames: 64 frames × 100 full-mode (184-byte) packets,
# built by TickCodec's encoder. Usage: bench/ticker-decode.sh [seconds for the JS timing, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
frames="${TMPDIR:-/tmp}/livetrader-ticker-frames.bin"

dotnet build bench/LiveTrader.Bench -c Release -nologo -clp:ErrorsOnly
echo "== C# TickCodec.ParseFrame (BenchmarkDotNet)"
dotnet run -c Release --no-build --project bench/LiveTrader.Bench -- --filter '*TickCodecBenchmarks*'

echo "== official kiteconnect JS parser (node)"
( cd tests/kite-official && { cmp -s package-lock.json node_modules/.livetrader-lock ||
    { npm ci --no-audit --no-fund && cp package-lock.json node_modules/.livetrader-lock; }; } )
dotnet run -c Release --no-build --project bench/LiveTrader.Bench -- --write-frames "$frames"
node --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 bench/kite-js-decode.js "$frames" "${1:-5}"
