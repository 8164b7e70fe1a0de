'use strict';
// Decodes the ticker benchmark's frames with the official kiteconnect JS parser (KiteTicker.parseBinary, the function
// its WebSocket handler calls) and prints packets/s and heap bytes allocated per packet.
// Usage: node bench/kite-js-decode.js FRAMES_FILE [seconds]
// FRAMES_FILE holds records [uint32 BE length][frame] (dotnet run ... -- --write-frames FILE).
// Run with --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 for the allocation figure (see BENCHMARKS.md).
const fs = require('node:fs');
const path = require('node:path');
const { KiteTicker } = require(require.resolve('kiteconnect', { paths: [path.join(__dirname, '..', 'tests', 'kite-official')] }));
const kiteVersion = require(require.resolve('kiteconnect/package.json', { paths: [path.join(__dirname, '..', 'tests', 'kite-official')] })).version;

const [file, secondsArg] = process.argv.slice(2);
if (!file) { console.error('usage: node kite-js-decode.js FRAMES_FILE [seconds]'); process.exit(2); }
const seconds = Number(secondsArg || 5);

// Each frame as its own ArrayBuffer, as the socket delivers it (binaryType 'arraybuffer').
const data = fs.readFileSync(file);
const frames = [];
for (let o = 0; o < data.length;) {
  const len = data.readUInt32BE(o); o += 4;
  frames.push(data.buffer.slice(data.byteOffset + o, data.byteOffset + o + len));
  o += len;
}
const parser = new KiteTicker({ api_key: 'x', access_token: 'y', reconnect: false }); // no connection is made
const packetsPerPass = frames.reduce((n, f) => n + new DataView(f).getUint16(0), 0);

// sanity: every packet decodes to a full tick
let check = 0;
for (const f of frames) for (const t of parser.parseBinary(f)) if (t.mode === 'full' && t.depth.sell.length === 5) check++;
if (check !== packetsPerPass) throw new Error(`decoded ${check} of ${packetsPerPass} packets`);

function run(ms) {
  let packets = 0, sink = 0;
  const start = process.hrtime.bigint(), end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (const f of frames) {
      const ticks = parser.parseBinary(f);
      sink += ticks.length + ticks[ticks.length - 1].last_price;
      packets += ticks.length;
    }
    now = process.hrtime.bigint();
  }
  return { packets, ns: Number(now - start), sink };
}

run(2000); // warm-up (JIT)
const rates = [];
for (let i = 0; i < 5; i++) {
  const r = run(seconds * 1000 / 5);
  rates.push(r.packets / (r.ns / 1e9));
}
rates.sort((a, b) => a - b);
const mean = rates.reduce((a, b) => a + b, 0) / rates.length;

// Allocation: with a young generation large enough that no GC runs during one pass, the heap growth over that pass
// is what the parser allocated (all of it garbage right after).
// A GC inside the pass would only make the figure smaller, so the largest of 5 passes is reported.
let alloc = 'n/a (run with --expose-gc --min-semi-space-size=256 --max-semi-space-size=256)';
if (typeof global.gc === 'function') {
  const perPacket = [], offHeap = [];
  for (let i = 0; i < 5; i++) {
    global.gc();
    const before = process.memoryUsage();
    let keep = 0;
    for (const f of frames) keep += parser.parseBinary(f).length;
    const after = process.memoryUsage();
    if (keep === packetsPerPass) {
      perPacket.push((after.heapUsed - before.heapUsed) / packetsPerPass);
      offHeap.push((after.arrayBuffers - before.arrayBuffers) / packetsPerPass);
    }
  }
  alloc = `${Math.round(Math.max(...perPacket))} B/packet of V8 heap (growth over one pass of ${packetsPerPass} packets; 5 passes: ${perPacket.map(Math.round).join(', ')})` +
    ` + ${Math.round(Math.max(...offHeap))} B/packet of ArrayBuffer backing stores off the heap`;
}

console.log(`official kiteconnect ${kiteVersion} parseBinary on node ${process.version}: ${frames.length} frames, ${packetsPerPass} full packets per pass`);
console.log(`packets/s: mean ${Math.round(mean).toLocaleString('en-US')}  min ${Math.round(rates[0]).toLocaleString('en-US')}  max ${Math.round(rates.at(-1)).toLocaleString('en-US')}  (5 × ${seconds / 5} s after 2 s warm-up)`);
console.log(`ns/packet: ${(1e9 / mean).toFixed(1)}`);
console.log(`allocated: ${alloc}`);
