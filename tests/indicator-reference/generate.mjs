// Independent reference for LiveTrader's strategy lines (DECISIONS.md, "Strategy lines").
//
// Reads the real candle files in <repo>/../shared/data, resamples the 1-minute files to 5 minutes
// (buckets aligned to 09:15 IST, out-of-hours candles dropped), runs
//   RSI(9) Wilder  ->  Price Strength = EMA(3) of RSI  and  Volume Strength = WMA(6) of RSI
// with the `technicalindicators` npm package, applies TradingView's inclusive cross rule plus the
// candle-colour filter, and writes gzipped fixtures to tests/LiveTrader.Core.Tests/Fixtures.
//
// Library use (see README.md for why):
//   - technicalindicators AverageGain / AverageLoss: Wilder averages seeded with the SMA of the
//     first 9 changes, then (avg*(n-1)+x)/n, full double precision.
//   - RSI = 100 - 100/(1+avgGain/avgLoss) is applied here, because technicalindicators' RSI class
//     rounds to 2 decimals (toFixed(2), not configurable) and returns 100 when both averages are 0
//     (DECISIONS.md says 50).
//   - technicalindicators EMA (SMA seed, alpha 2/(n+1)) and WMA (weights 1..n, newest heaviest).
//   - trading-signals RSI (full precision, its own Wilder smoothing) is run alongside as a second
//     opinion on the RSI column; the script fails if the two disagree by more than 1e-9.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import ti from 'technicalindicators';
import { RSI as TsRsi } from 'trading-signals';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const dataDir = path.resolve(repoRoot, '..', 'shared', 'data');
const outDir = path.resolve(repoRoot, 'tests', 'LiveTrader.Core.Tests', 'Fixtures');

const RSI_PERIOD = 9;
const PS_LENGTH = 3;
const VS_LENGTH = 6;
const IST_OFFSET_MIN = 330;
const OPEN_MIN = 9 * 60 + 15; // 09:15
const CLOSE_MIN = 15 * 60 + 30; // 15:30 (exclusive)

// ---------- CSV in ----------
function readCandles(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0] !== 'date,open,high,low,close,volume') throw new Error(`unexpected header in ${file}`);
  return lines.slice(1).map((line) => {
    const [date, open, high, low, close, volume] = line.split(',');
    const epochMs = Date.parse(date);
    if (Number.isNaN(epochMs)) throw new Error(`bad date ${date}`);
    return { date, epochMs, open, high, low, close, volume, o: +open, h: +high, l: +low, c: +close, v: +volume };
  });
}

// IST wall clock from the instant (not from the text), so a non-+05:30 stamp would still be right.
function istParts(epochMs) {
  const d = new Date(epochMs + IST_OFFSET_MIN * 60_000);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

const pad = (n) => String(n).padStart(2, '0');

function istIso(p, minuteOfDay) {
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}:00+05:30`;
}

function inMarketHours(candle) {
  const m = istParts(candle.epochMs).minuteOfDay;
  return m >= OPEN_MIN && m < CLOSE_MIN;
}

// ---------- resampling ----------
function resample(candles, minutes) {
  const out = [];
  let cur = null;
  for (const c of candles) {
    const p = istParts(c.epochMs);
    const bucketMin = OPEN_MIN + Math.floor((p.minuteOfDay - OPEN_MIN) / minutes) * minutes;
    const key = istIso(p, bucketMin);
    if (cur && cur.date === key) {
      if (c.h > cur.h) { cur.h = c.h; cur.high = c.high; }
      if (c.l < cur.l) { cur.l = c.l; cur.low = c.low; }
      cur.c = c.c; cur.close = c.close;
      cur.v += c.v; cur.volume = String(cur.v);
    } else {
      if (cur) out.push(cur);
      cur = { ...c, date: key };
    }
  }
  if (cur) out.push(cur);
  return out;
}

// ---------- indicators ----------
function computeLines(candles) {
  const gain = new ti.AverageGain({ period: RSI_PERIOD, values: [] });
  const loss = new ti.AverageLoss({ period: RSI_PERIOD, values: [] });
  const ema = new ti.EMA({ period: PS_LENGTH, values: [] });
  const wma = new ti.WMA({ period: VS_LENGTH, values: [] });
  const secondOpinion = new TsRsi(RSI_PERIOD);

  let prevPs = null;
  let prevVs = null;
  let maxRsiDiff = 0;
  const rows = [];
  for (const c of candles) {
    const g = gain.nextValue(c.c);
    const l = loss.nextValue(c.c);
    const other = secondOpinion.update(c.c);
    let rsi = null;
    if (g !== undefined && l !== undefined) {
      rsi = l === 0 ? (g === 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
      if (other === null || other === undefined) throw new Error(`trading-signals RSI not ready at ${c.date}`);
      if (!(l === 0 && g === 0)) maxRsiDiff = Math.max(maxRsiDiff, Math.abs(rsi - other));
    } else if (other !== null && other !== undefined) {
      throw new Error(`warm-up length differs at ${c.date}`);
    }
    let ps = null;
    let vs = null;
    if (rsi !== null) {
      const e = ema.nextValue(rsi);
      const w = wma.nextValue(rsi);
      ps = e === undefined ? null : e;
      vs = w === undefined ? null : w;
    }
    let signal = 'HOLD';
    if (ps !== null && vs !== null && prevPs !== null && prevVs !== null) {
      const crossUp = ps > vs && prevPs <= prevVs;
      const crossDown = ps < vs && prevPs >= prevVs;
      if (crossUp && c.c > c.o) signal = 'BUY_CE';
      else if (crossDown && c.c < c.o) signal = 'BUY_PE';
    }
    prevPs = ps;
    prevVs = vs;
    rows.push({ c, rsi, ps, vs, signal });
  }
  if (maxRsiDiff > 1e-9) throw new Error(`technicalindicators and trading-signals RSI disagree by ${maxRsiDiff}`);
  return { rows, maxRsiDiff };
}

// ---------- CSV out ----------
const fmt = (x) => (x === null ? '' : x.toFixed(12));

function writeFixture(name, rows) {
  const header = 'date,open,high,low,close,volume,rsi,price_strength,volume_strength,signal';
  const body = rows.map(({ c, rsi, ps, vs, signal }) =>
    [c.date, c.open, c.high, c.low, c.close, c.volume, fmt(rsi), fmt(ps), fmt(vs), signal].join(','));
  const text = [header, ...body].join('\n') + '\n';
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.csv.gz`);
  // gzip from Node's zlib: no file name, mtime 0, so regenerating identical data gives identical bytes.
  fs.writeFileSync(file, zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
  return file;
}

const jobs = [
  { input: 'NIFTY_5minute_2024-07-25_2025-07-25.csv', name: 'NIFTY_5minute_2024-07-25_2025-07-25', resampleTo: null },
  { input: 'NIFTY_minute_2024-01-01_2024-08-23.csv', name: 'NIFTY_5minute_from_minute_2024-01-01_2024-08-23', resampleTo: 5 },
  { input: 'BANKNIFTY_minute_2024-01-01_2024-08-23.csv', name: 'BANKNIFTY_5minute_from_minute_2024-01-01_2024-08-23', resampleTo: 5 },
];

for (const job of jobs) {
  const raw = readCandles(path.join(dataDir, job.input));
  const inHours = raw.filter(inMarketHours);
  const candles = job.resampleTo ? resample(inHours, job.resampleTo) : inHours;
  const { rows, maxRsiDiff } = computeLines(candles);
  const file = writeFixture(job.name, rows);
  const signals = rows.reduce((acc, r) => ((acc[r.signal] = (acc[r.signal] ?? 0) + 1), acc), {});
  console.log(`${job.input}: ${raw.length} rows, ${raw.length - inHours.length} out of hours dropped, ` +
    `${rows.length} candles -> ${path.relative(repoRoot, file)} ` +
    `(signals ${JSON.stringify(signals)}, max |RSI technicalindicators - trading-signals| = ${maxRsiDiff.toExponential(2)})`);
}
