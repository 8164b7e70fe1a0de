'use strict';
// The official kiteconnect npm client (a client nobody here wrote) against the LiveTrader simulator:
// login, instrument dumps, historical candles, LTP/OHLC/quote and the WebSocket ticker in full mode.
//
// Determinism: the simulator runs at --speed 0.0001 (one simulated second per ~2.8 real hours) on a fixed day and
// seed, so its clock stays inside 09:15:00 IST for the whole test and every REST answer and every tick describe the
// same simulated second. That makes "tick == REST quote" an exact comparison, with no timing tolerance.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { KiteTicker } = require('kiteconnect');
const { startSim, login, unthrottled, sleep, API_KEY } = require('./lib/sim');

const DAY = '2026-03-04';              // a Wednesday; 2026-03-03 is an NSE holiday (Holi) in the simulator's calendar
const OPEN_UTC = Date.parse(`${DAY}T03:45:00Z`); // 09:15:00 IST
const NIFTY = 256265;

/** IST wall clock of a Date: { day: 'yyyy-mm-dd', minute: minutes since midnight, second }. */
function ist(d) {
  const t = new Date(d.getTime() + 330 * 60_000);
  return { day: t.toISOString().slice(0, 10), minute: t.getUTCHours() * 60 + t.getUTCMinutes(), second: t.getUTCSeconds() };
}

describe('official kiteconnect client against the simulator', { timeout: 10 * 60_000 }, () => {
  let sim, kc, session, instruments, nfo, option, quote;

  before(async () => {
    sim = await startSim(['--speed', '0.0001', '--seed', '7', '--date', DAY]);
  });
  after(async () => { if (sim) await sim.stop(); });

  it('logs in: login redirect carries a request_token, generateSession checks the checksum', async () => {
    ({ kc, session } = await login(sim.base));
    assert.equal(session.api_key, API_KEY);
    assert.match(session.access_token, /^\S{8,}$/);
    assert.ok(session.user_id, 'user_id');
    assert.ok(session.login_time instanceof Date && !Number.isNaN(session.login_time.getTime()), 'login_time parsed');
    assert.equal(kc.access_token, session.access_token, 'generateSession stores the access token');
    await assert.rejects(kc.generateSession('not-a-token', 'sim-secret'), e => e.error_type !== undefined);
  });

  it('parses the full instrument dump with the three indices', async () => {
    const rows = await unthrottled(() => kc.getInstruments());
    assert.ok(Array.isArray(rows), `getInstruments() returned ${typeof rows} (content-type must be exactly text/csv)`);
    // papaparse turns the dump's final newline into one empty row; anything else empty would be a broken dump.
    instruments = rows.filter(r => r.instrument_token !== '');
    assert.ok(rows.length - instruments.length <= 1 && (rows.length === instruments.length || rows.at(-1).instrument_token === ''));
    assert.ok(instruments.length > 100, `only ${instruments.length} instruments`);
    const byToken = new Map(instruments.map(r => [r.instrument_token, r]));
    const expected = [
      ['256265', '1001', 'NIFTY 50', 'NSE'],
      ['260105', '1016', 'NIFTY BANK', 'NSE'],
      ['265', '1', 'SENSEX', 'BSE'],
    ];
    for (const [token, exToken, symbol, exchange] of expected) {
      const r = byToken.get(token);
      assert.ok(r, `index ${token} missing`);
      assert.deepEqual(
        [r.exchange_token, r.tradingsymbol, r.name, r.instrument_type, r.segment, r.exchange, r.expiry, r.strike, r.tick_size, r.lot_size],
        [exToken, symbol, symbol, 'EQ', 'INDICES', exchange, '', 0, 0, 0], `index row ${token}`);
    }
    for (const r of instruments) {
      const segmentId = r.segment === 'INDICES' ? 9 : { NSE: 1, NFO: 2, BSE: 4, BFO: 5 }[r.exchange];
      assert.equal(Number(r.instrument_token), Number(r.exchange_token) * 256 + segmentId, `token arithmetic of ${r.tradingsymbol}`);
    }
  });

  it('parses the NFO dump: NIFTY options with lot size 65, tick 0.05, expiries as dates', async () => {
    const rows = await unthrottled(() => kc.getInstruments('NFO'));
    nfo = rows.filter(r => r.instrument_token !== '');
    assert.ok(nfo.length > 0);
    assert.ok(nfo.every(r => r.exchange === 'NFO'), 'only NFO rows');
    const opts = nfo.filter(r => r.name === 'NIFTY' && (r.instrument_type === 'CE' || r.instrument_type === 'PE'));
    assert.ok(opts.length >= 20, `${opts.length} NIFTY options`);
    for (const o of opts) {
      assert.equal(o.lot_size, 65, o.tradingsymbol);
      assert.equal(o.tick_size, 0.05, o.tradingsymbol);
      assert.equal(o.segment, 'NFO-OPT', o.tradingsymbol);
      assert.ok(o.expiry instanceof Date && o.expiry.getTime() >= Date.parse(DAY), `${o.tradingsymbol} expiry ${o.expiry}`);
      assert.ok(o.strike > 0 && Number.isInteger(o.strike / 50), `${o.tradingsymbol} strike ${o.strike}`);
      assert.ok(o.tradingsymbol.startsWith('NIFTY26') && o.tradingsymbol.endsWith(`${o.strike}${o.instrument_type}`), o.tradingsymbol);
      assert.equal(Number(o.instrument_token) & 0xff, 2, `${o.tradingsymbol} segment id`);
    }
    // every NFO row also appears, identical, in the full dump
    const all = new Map(instruments.map(r => [r.instrument_token, r]));
    for (const r of nfo) assert.deepEqual(all.get(r.instrument_token), r, `NFO row ${r.tradingsymbol} differs from the full dump`);
  });

  it('fetches 5-minute NIFTY candles aligned to 09:15 IST', async () => {
    const candles = await unthrottled(() => kc.getHistoricalData(NIFTY, '5minute', '2026-02-23 09:15:00', `${DAY} 15:30:00`));
    assert.ok(Array.isArray(candles) && candles.length > 0);
    const days = new Map();
    for (const c of candles) {
      assert.ok(c.date instanceof Date && !Number.isNaN(c.date.getTime()), `candle date ${c.date}`);
      const { day, minute, second } = ist(c.date);
      assert.equal(second, 0);
      assert.ok(minute >= 9 * 60 + 15 && minute <= 15 * 60 + 25 && (minute - (9 * 60 + 15)) % 5 === 0, `candle at ${day} minute ${minute}`);
      assert.ok(c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close), `OHLC of ${c.date.toISOString()}`);
      for (const p of [c.open, c.high, c.low, c.close]) assert.ok(Math.abs(p * 20 - Math.round(p * 20)) < 1e-6, `price ${p} off the 0.05 grid`);
      if (!days.has(day)) days.set(day, []);
      days.get(day).push(minute);
    }
    const list = [...days.keys()];
    assert.deepEqual(list, [...list].sort(), 'candles in time order');
    assert.ok(!days.has('2026-03-03'), 'no candles on the holiday');
    for (const [day, minutes] of days) {
      assert.ok(![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()), `weekend day ${day}`);
      assert.equal(minutes[0], 9 * 60 + 15, `${day} starts at 09:15`);
      minutes.forEach((m, i) => assert.equal(m, 9 * 60 + 15 + 5 * i, `${day} candle ${i}`));
      if (day !== DAY) assert.equal(minutes.length, 75, `${day} is a full session`);
    }
    assert.ok(list.length >= 5, `${list.length} sessions`);
    assert.equal(list.at(-1), DAY);
    assert.equal(days.get(DAY).length, 1, 'at 09:15:00 only the partial first candle exists');
  });

  it('gets LTP, OHLC and quote for NSE:NIFTY 50 and a NIFTY option, all describing 09:15:00', async () => {
    const ltp = await unthrottled(() => kc.getLTP(['NSE:NIFTY 50']));
    assert.deepEqual(Object.keys(ltp), ['NSE:NIFTY 50']);
    assert.equal(ltp['NSE:NIFTY 50'].instrument_token, NIFTY);
    const spot = ltp['NSE:NIFTY 50'].last_price;
    assert.ok(spot > 1000 && spot < 100_000, `NIFTY ${spot}`);

    // nearest-expiry call closest to the money
    const calls = nfo.filter(r => r.name === 'NIFTY' && r.instrument_type === 'CE');
    const nearest = Math.min(...calls.map(r => r.expiry.getTime()));
    option = calls.filter(r => r.expiry.getTime() === nearest)
      .sort((a, b) => Math.abs(a.strike - spot) - Math.abs(b.strike - spot))[0];
    const optKey = `NFO:${option.tradingsymbol}`;

    const ohlc = await unthrottled(() => kc.getOHLC(['NSE:NIFTY 50', optKey]));
    quote = await unthrottled(() => kc.getQuote(['NSE:NIFTY 50', optKey, 'NSE:NO SUCH THING']));
    assert.deepEqual(Object.keys(quote).sort(), ['NFO:' + option.tradingsymbol, 'NSE:NIFTY 50'].sort(), 'unknown keys are absent');
    const q = quote['NSE:NIFTY 50'];
    assert.equal(q.instrument_token, NIFTY);
    assert.equal(q.last_price, spot, 'quote and LTP describe the same simulated second');
    assert.equal(q.ohlc.open, spot, 'at 09:15:00 the open is the price');
    assert.deepEqual(ohlc['NSE:NIFTY 50'], { instrument_token: NIFTY, last_price: spot, ohlc: q.ohlc });
    assert.ok(q.ohlc.close > 0 && q.ohlc.low <= q.ohlc.high);
    const oq = quote[optKey];
    assert.equal(oq.instrument_token, Number(option.instrument_token));
    assert.deepEqual(ohlc[optKey], { instrument_token: oq.instrument_token, last_price: oq.last_price, ohlc: oq.ohlc });
    assert.ok(oq.last_price > 0 && oq.last_price < spot, `option premium ${oq.last_price}`);
    assert.equal(oq.depth.buy.length, 5);
    assert.equal(oq.depth.sell.length, 5);
    assert.ok(oq.depth.buy[0].price < oq.depth.sell[0].price, 'best bid below best offer');
    for (let i = 1; i < 5; i++) {
      assert.ok(oq.depth.buy[i].price < oq.depth.buy[i - 1].price, 'bids descend');
      assert.ok(oq.depth.sell[i].price > oq.depth.sell[i - 1].price, 'offers ascend');
    }
    for (const l of [...oq.depth.buy, ...oq.depth.sell]) assert.equal(l.quantity % 65, 0, 'depth in whole lots');
  });

  it('KiteTicker receives full-mode ticks equal to the REST quote of the same simulated second', async () => {
    const optToken = Number(option.instrument_token);
    const optKey = `NFO:${option.tradingsymbol}`;
    // reconnect: false matters: with the default (true), kiteconnect 5.3.0's disconnect() ends in
    // attemptReconnection() -> 'noreconnect' -> process.exit(1), which would kill the test runner.
    const ticker = new KiteTicker({ api_key: API_KEY, access_token: session.access_token, root: sim.ws, reconnect: false });
    const got = new Map();
    const errors = [];
    let heartbeats = 0;
    try {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no full ticks for both tokens in 60 s (got ${[...got.keys()]}, errors ${errors})`)), 60_000);
        ticker.on('connect', () => { ticker.subscribe([NIFTY, optToken]); ticker.setMode(ticker.modeFull, [NIFTY, optToken]); });
        ticker.on('message', bin => { if (bin.byteLength === 1) heartbeats++; });
        ticker.on('ticks', ticks => {
          for (const t of ticks) if (t.mode === 'full') got.set(t.instrument_token, t);
          if (got.has(NIFTY) && got.has(optToken)) { clearTimeout(timer); resolve(); }
        });
        ticker.on('error', e => errors.push(String(e && e.message)));
        ticker.on('disconnect', () => { clearTimeout(timer); reject(new Error(`ticker disconnected; errors ${errors}`)); });
        ticker.connect();
      });
      // stay a little longer: idle connection must get heartbeats (the client drops it after 5 s of silence)
      await sleep(2500);
      assert.ok(heartbeats >= 1, 'heartbeats while idle');
      assert.ok(ticker.connected(), 'still connected');
    } finally {
      ticker.disconnect();
    }

    const idx = got.get(NIFTY);
    const qi = quote['NSE:NIFTY 50'];
    assert.equal(idx.tradable, false);
    assert.equal(idx.last_price, qi.last_price);
    assert.deepEqual(idx.ohlc, qi.ohlc);
    assert.equal(idx.exchange_timestamp.getTime(), OPEN_UTC);
    assert.ok(Math.abs(idx.change - (qi.last_price - qi.ohlc.close) * 100 / qi.ohlc.close) < 1e-9);

    const opt = got.get(optToken);
    const qo = quote[optKey];
    assert.equal(opt.tradable, true);
    assert.equal(opt.last_price, qo.last_price);
    assert.equal(opt.last_traded_quantity, qo.last_quantity);
    assert.equal(opt.average_traded_price, qo.average_price);
    assert.equal(opt.volume_traded, qo.volume);
    assert.equal(opt.total_buy_quantity, qo.buy_quantity);
    assert.equal(opt.total_sell_quantity, qo.sell_quantity);
    assert.deepEqual(opt.ohlc, qo.ohlc);
    assert.equal(opt.oi, qo.oi);
    assert.equal(opt.oi_day_high, qo.oi_day_high);
    assert.equal(opt.oi_day_low, qo.oi_day_low);
    assert.equal(opt.exchange_timestamp.getTime(), OPEN_UTC);
    assert.equal(opt.last_trade_time.getTime(), OPEN_UTC);
    const levels = side => side.map(l => ({ quantity: l.quantity, price: l.price, orders: l.orders }));
    assert.deepEqual(levels(opt.depth.buy), levels(qo.depth.buy));
    assert.deepEqual(levels(opt.depth.sell), levels(qo.depth.sell));
  });

  // Historical candles with oi=1 carry the open interest at the candle's last second, as /quote shows it
  // (the official client keeps `oi` only when d[6] is truthy, so a 0 here once hid the field).
  it('historical oi=1 for the NIFTY future matches the quoted OI', async () => {
    const fut = nfo.find(r => r.name === 'NIFTY' && r.instrument_type === 'FUT');
    const key = `NFO:${fut.tradingsymbol}`;
    const q = (await unthrottled(() => kc.getQuote([key])))[key];
    const candles = await unthrottled(() => kc.getHistoricalData(Number(fut.instrument_token), 'minute', `${DAY} 09:15:00`, `${DAY} 09:15:00`, false, true));
    assert.equal(candles.length, 1);
    assert.ok(q.oi > 0);
    assert.equal(candles[0].oi, q.oi);
  });
});
