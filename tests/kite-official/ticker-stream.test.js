'use strict';
// The official KiteTicker on a running simulator (--speed 30): ticks keep coming as simulated seconds pass, every
// mode decodes, and every NIFTY tick lies inside the 1-minute historical candle of its second. No timing asserts:
// the checks hold whichever seconds the ticks happen to land on.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { KiteTicker } = require('kiteconnect');
const { startSim, login, unthrottled } = require('./lib/sim');

const DAY = '2026-03-04';
const NIFTY = 256265, BANKNIFTY = 260105, SENSEX = 265;

describe('official KiteTicker streaming from the simulator', { timeout: 10 * 60_000 }, () => {
  let sim;
  before(async () => { sim = await startSim(['--speed', '30', '--seed', '11', '--date', DAY]); });
  after(async () => { if (sim) await sim.stop(); });

  it('streams ltp/quote/full ticks that agree with historical candles', async () => {
    const { kc, session } = await login(sim.base);
    const nfo = (await unthrottled(() => kc.getInstruments('NFO'))).filter(r => r.instrument_token !== '');
    const { last_price: spot } = (await unthrottled(() => kc.getLTP(['NSE:NIFTY 50'])))['NSE:NIFTY 50'];
    const puts = nfo.filter(r => r.name === 'NIFTY' && r.instrument_type === 'PE');
    const nearest = Math.min(...puts.map(r => r.expiry.getTime()));
    const put = puts.filter(r => r.expiry.getTime() === nearest).sort((a, b) => Math.abs(a.strike - spot) - Math.abs(b.strike - spot))[0];
    const putToken = Number(put.instrument_token);

    const ticker = new KiteTicker({ api_key: 'sim', access_token: session.access_token, root: sim.ws, reconnect: false });
    const seen = new Map(); // token -> ticks
    const want = 8;         // distinct full NIFTY ticks (distinct simulated seconds)
    try {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${(seen.get(NIFTY) || []).length} NIFTY ticks in 120 s`)), 120_000);
        ticker.on('connect', () => {
          ticker.subscribe([NIFTY, BANKNIFTY, SENSEX, putToken]);
          ticker.setMode(ticker.modeFull, [NIFTY, putToken]);
          ticker.setMode(ticker.modeLTP, [SENSEX]);   // BANKNIFTY stays in the default quote mode
        });
        ticker.on('ticks', ticks => {
          for (const t of ticks) {
            if (!seen.has(t.instrument_token)) seen.set(t.instrument_token, []);
            seen.get(t.instrument_token).push(t);
          }
          const full = (seen.get(NIFTY) || []).filter(t => t.mode === 'full');
          if (new Set(full.map(t => t.exchange_timestamp.getTime())).size >= want && seen.has(putToken) && seen.has(SENSEX) && seen.has(BANKNIFTY)) {
            clearTimeout(timer); resolve();
          }
        });
        ticker.on('disconnect', () => { clearTimeout(timer); reject(new Error('ticker disconnected')); });
        ticker.connect();
      });
    } finally {
      ticker.disconnect();
    }

    const sessionStart = Date.parse(`${DAY}T03:45:00Z`), sessionEnd = Date.parse(`${DAY}T10:00:00Z`);
    const nifty = seen.get(NIFTY).filter(t => t.mode === 'full');
    let last = 0;
    for (const t of nifty) {
      assert.equal(t.tradable, false);
      const ts = t.exchange_timestamp.getTime();
      assert.ok(ts >= sessionStart && ts < sessionEnd && ts % 1000 === 0, `timestamp ${t.exchange_timestamp.toISOString()}`);
      assert.ok(ts >= last, 'timestamps never go back');
      last = ts;
      assert.ok(t.ohlc.low <= t.last_price && t.last_price <= t.ohlc.high, `ltp ${t.last_price} outside ${t.ohlc.low}..${t.ohlc.high}`);
      assert.equal(t.ohlc.open, nifty[0].ohlc.open, 'open is fixed for the day');
      assert.equal(t.ohlc.close, nifty[0].ohlc.close, 'previous close is fixed');
    }
    assert.ok(seen.get(BANKNIFTY).every(t => t.mode === 'quote' && !t.tradable && t.ohlc && !('exchange_timestamp' in t)), 'BANKNIFTY in default quote mode (28-byte packets)');
    assert.ok(seen.get(SENSEX).some(t => t.mode === 'ltp' && !t.tradable && Object.keys(t).length === 4), 'SENSEX in ltp mode (8-byte packets)');
    for (const t of seen.get(putToken).filter(x => x.mode === 'full')) {
      assert.equal(t.tradable, true);
      assert.ok(t.last_price > 0);
      assert.ok(t.depth.buy[0].price < t.depth.sell[0].price, 'best bid below best offer');
      assert.ok(t.volume_traded % 65 === 0 && t.last_traded_quantity % 65 === 0, 'quantities in lots');
    }

    // Every NIFTY tick lies inside the minute candle of its second (the candle is complete or partial up to now,
    // which is later than every tick received).
    const candles = await unthrottled(() => kc.getHistoricalData(NIFTY, 'minute', `${DAY} 09:15:00`, `${DAY} 15:30:00`));
    const byMinute = new Map(candles.map(c => [c.date.getTime(), c]));
    for (const t of nifty) {
      const minute = Math.floor(t.exchange_timestamp.getTime() / 60_000) * 60_000;
      const c = byMinute.get(minute);
      assert.ok(c, `no minute candle for ${new Date(minute).toISOString()}`);
      assert.ok(c.low <= t.last_price && t.last_price <= c.high, `tick ${t.last_price} at ${t.exchange_timestamp.toISOString()} outside candle ${c.low}..${c.high}`);
    }
  });
});
