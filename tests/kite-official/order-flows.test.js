'use strict';
// Order flows through the official kiteconnect client (a client nobody here wrote) against the LiveTrader simulator:
// market entry with protection, stop-limit protection, quantity and trigger modifications, a partial fill, the
// refusals Kite makes before the exchange, order updates on the ticker, cancel, exit to a flat position, margins,
// the virtual contract note and a product conversion.
//
// Determinism: --speed 0.0001 keeps the simulated clock inside 09:15:00 IST, so every quote and every fill describes
// the same simulated second and resting orders never fill by themselves.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { KiteTicker } = require('kiteconnect');
const { startSim, login, unthrottled, sleep, API_KEY } = require('./lib/sim');

const DAY = '2026-03-04';
const NIFTY = 256265;

/** A price on the 0.05 grid, so it is sent as e.g. 118.45 and not 118.45000000000002. */
const px = x => Math.round(x * 20) / 20;

/** Rejects with the Kite error of a refused call, or fails when the call succeeded. */
async function refusal(call) {
  try {
    await unthrottled(call);
  } catch (e) {
    return e;
  }
  assert.fail('the call was accepted');
}

describe('order flows with the official kiteconnect client', { timeout: 10 * 60_000 }, () => {
  let sim, kc, session, ticker, option, key;
  const updates = [];

  /** Waits for an order update of `orderId` with `status`; returns all updates of that order so far. */
  async function updateOf(orderId, status) {
    for (let i = 0; i < 600; i++) {
      const mine = updates.filter(u => u.order_id === orderId);
      if (mine.some(u => u.status === status)) return mine;
      await sleep(50);
    }
    assert.fail(`no ${status} update of ${orderId}; got ${JSON.stringify(updates.filter(u => u.order_id === orderId).map(u => u.status))}`);
  }

  const quote = async () => (await unthrottled(() => kc.getQuote([key])))[key];
  const order = (extra) => ({
    exchange: 'NFO', tradingsymbol: option.tradingsymbol, quantity: 65, product: 'MIS', tag: 'official', ...extra,
  });

  before(async () => {
    sim = await startSim(['--speed', '0.0001', '--seed', '7', '--date', DAY]);
    ({ kc, session } = await login(sim.base));
    const nfo = (await unthrottled(() => kc.getInstruments('NFO'))).filter(r => r.instrument_token !== '');
    const spot = (await unthrottled(() => kc.getLTP(['NSE:NIFTY 50'])))['NSE:NIFTY 50'].last_price;
    const calls = nfo.filter(r => r.name === 'NIFTY' && r.instrument_type === 'CE');
    const nearest = Math.min(...calls.map(r => r.expiry.getTime()));
    const candidates = calls.filter(r => r.expiry.getTime() === nearest).sort((a, b) => Math.abs(a.strike - spot) - Math.abs(b.strike - spot));
    // A strike whose best offer holds at most 25 lots, so one lot more than it stays under the 1755-unit freeze.
    for (const c of candidates.slice(0, 12)) {
      const k = `NFO:${c.tradingsymbol}`;
      const q = (await unthrottled(() => kc.getQuote([k])))[k];
      // ... and bids deep enough for the exit of everything this file buys.
      const bids = q.depth.buy.reduce((n, l) => n + l.quantity, 0);
      if (q.depth.sell[0].quantity <= 25 * 65 && bids >= q.depth.sell[0].quantity + 130 && q.last_price > 60) { option = c; key = k; break; }
    }
    assert.ok(option, 'a near-the-money call with a thin best offer');

    // reconnect: false: with kiteconnect 5.3.0's default, disconnect() ends in process.exit(1).
    ticker = new KiteTicker({ api_key: API_KEY, access_token: session.access_token, root: sim.ws, reconnect: false });
    ticker.on('order_update', u => updates.push(u));
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('ticker did not connect in 60 s')), 60_000);
      ticker.on('connect', () => { clearTimeout(timer); resolve(); });
      ticker.connect();
    });
  });
  after(async () => {
    if (ticker) ticker.disconnect();
    if (sim) await sim.stop();
  });

  it('refuses what Kite refuses before the exchange, with InputException and no order', async () => {
    const q = await quote();
    const last = q.last_price;
    const cases = [
      [order({ transaction_type: 'BUY', order_type: 'MARKET' }), /without market protection are not allowed via API/],
      [order({ transaction_type: 'BUY', order_type: 'MARKET', market_protection: 0 }), /without market protection/],
      [order({ transaction_type: 'BUY', order_type: 'MARKET', market_protection: 101 }), /market_protection/],
      [order({ transaction_type: 'SELL', order_type: 'SL-M', trigger_price: px(last - 5), market_protection: -1 }), /SL-M orders are blocked for F&O options/],
      [order({ transaction_type: 'BUY', order_type: 'LIMIT', price: last, quantity: 1820 }), /The order quantity 1820 \(28 lots\) is higher than the maximum quantity of 1755 \(27 lots\)/],
      [order({ transaction_type: 'SELL', order_type: 'SL', price: last, trigger_price: px(last + 1) }), /at or below the last traded price/],
      [order({ transaction_type: 'SELL', order_type: 'SL', price: px(last - 1), trigger_price: px(last - 2) }), /higher than or equal to the limit price/],
      [order({ transaction_type: 'BUY', order_type: 'LIMIT', price: px(q.upper_circuit_limit + 0.05) }), /upper circuit limit/],
      [order({ transaction_type: 'BUY', order_type: 'LIMIT', price: last, tag: 't'.repeat(21) }), /Tag length/],
    ];
    for (const [params, message] of cases) {
      const e = await refusal(() => kc.placeOrder('regular', params));
      assert.equal(e.error_type, 'InputException', `${JSON.stringify(params)}: ${e.message}`);
      assert.match(e.message, message);
    }
    assert.deepEqual(await unthrottled(() => kc.getOrders()), [], 'refused orders are not in the book');
  });

  it('enters at the market with protection: the offers fill it, one COMPLETE update, none on placement', async () => {
    const q = await quote();
    const { order_id } = await unthrottled(() => kc.placeOrder('regular', order({ transaction_type: 'BUY', order_type: 'MARKET', market_protection: -1 })));
    const mine = await updateOf(order_id, 'COMPLETE');
    assert.deepEqual(mine.map(u => u.status), ['COMPLETE']);
    assert.equal(mine[0].filled_quantity, 65);
    assert.equal(mine[0].unfilled_quantity, 0);
    assert.match(mine[0].checksum, /^[0-9a-f]{64}$/);
    const trades = await unthrottled(() => kc.getOrderTrades(order_id));
    assert.deepEqual(trades.map(t => t.average_price), [q.depth.sell[0].price], 'one lot at the best offer');
    const history = await unthrottled(() => kc.getOrderHistory(order_id));
    assert.deepEqual(history.map(h => h.status), ['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING', 'OPEN', 'COMPLETE']);
  });

  it('a stop-limit is protected: its trigger and quantity are modified (UPDATE each), then cancelled', async () => {
    const last = (await quote()).last_price;
    const { order_id } = await unthrottled(() => kc.placeOrder('regular',
      order({ transaction_type: 'SELL', order_type: 'SL', trigger_price: px(last - 10), price: px(last - 12) })));
    await unthrottled(() => kc.modifyOrder('regular', order_id, { trigger_price: px(last - 8), price: px(last - 10) }));
    await unthrottled(() => kc.modifyOrder('regular', order_id, { quantity: 130 }));
    const book = (await unthrottled(() => kc.getOrders())).find(o => o.order_id === order_id);
    assert.deepEqual([book.status, book.trigger_price, book.price, book.quantity], ['TRIGGER PENDING', px(last - 8), px(last - 10), 130]);
    await unthrottled(() => kc.cancelOrder('regular', order_id));
    const mine = await updateOf(order_id, 'CANCELLED');
    assert.deepEqual(mine.map(u => u.status), ['UPDATE', 'UPDATE', 'CANCELLED']);
    assert.equal(mine[1].quantity, 130);
  });

  it('a limit at the best offer for more than it holds fills in part and stays OPEN (UPDATE), then is cancelled', async () => {
    const q = await quote();
    const best = q.depth.sell[0];
    const { order_id } = await unthrottled(() => kc.placeOrder('regular',
      order({ transaction_type: 'BUY', order_type: 'LIMIT', price: best.price, quantity: best.quantity + 65 })));
    const open = (await unthrottled(() => kc.getOrders())).find(o => o.order_id === order_id);
    assert.deepEqual([open.status, open.filled_quantity, open.pending_quantity, open.average_price], ['OPEN', best.quantity, 65, best.price]);
    const partial = (await updateOf(order_id, 'UPDATE')).find(u => u.status === 'UPDATE');
    assert.deepEqual([partial.filled_quantity, partial.unfilled_quantity], [best.quantity, 65]);
    await unthrottled(() => kc.cancelOrder('regular', order_id));
    const done = (await updateOf(order_id, 'CANCELLED')).at(-1);
    assert.deepEqual([done.filled_quantity, done.cancelled_quantity], [best.quantity, 65]);
  });

  it('exits to a flat position that stays listed with quantity 0', async () => {
    const held = (await unthrottled(() => kc.getPositions())).net.find(p => p.tradingsymbol === option.tradingsymbol && p.product === 'MIS');
    assert.ok(held.quantity > 0);
    const { order_id } = await unthrottled(() => kc.placeOrder('regular',
      order({ transaction_type: 'SELL', order_type: 'MARKET', market_protection: -1, quantity: held.quantity, autoslice: true })));
    await updateOf(order_id, 'COMPLETE');
    const flat = (await unthrottled(() => kc.getPositions())).net.find(p => p.tradingsymbol === option.tradingsymbol && p.product === 'MIS');
    assert.equal(flat.quantity, 0);
    assert.equal(flat.sell_quantity, held.quantity);
  });

  it('margins, the virtual contract note and a product conversion', async () => {
    const margins = await unthrottled(() => kc.getMargins());
    assert.equal(margins.equity.enabled, true);
    assert.ok(margins.equity.net > 0 && margins.equity.net <= margins.equity.available.cash);
    const equity = await unthrottled(() => kc.getMargins('equity'));
    assert.equal(equity.net, margins.equity.net);

    const last = (await quote()).last_price;
    const line = { exchange: 'NFO', tradingsymbol: option.tradingsymbol, transaction_type: 'BUY', variety: 'regular', product: 'MIS', order_type: 'LIMIT', quantity: 65, price: last };
    const [m] = await unthrottled(() => kc.orderMargins([line]));
    assert.ok(Math.abs(m.option_premium - 65 * last) < 1e-6 && m.total === m.option_premium);
    const basket = await unthrottled(() => kc.orderBasketMargins([line], true));
    assert.equal(basket.orders.length, 1);
    assert.equal(basket.initial.total, m.total);

    const trades = await unthrottled(() => kc.getTrades());
    const sell = trades.find(t => t.transaction_type === 'SELL');
    const [note] = await unthrottled(() => kc.getvirtualContractNote([{
      order_id: sell.order_id, exchange: 'NFO', tradingsymbol: option.tradingsymbol, transaction_type: 'SELL', variety: 'regular',
      product: 'MIS', order_type: 'MARKET', quantity: sell.quantity, average_price: sell.average_price,
    }]));
    const c = note.charges;
    assert.equal(c.brokerage, 20);
    assert.equal(c.transaction_tax_type, 'stt');
    assert.ok(c.transaction_tax > 0 && c.exchange_turnover_charge > 0 && c.gst.total > 0);
    const items = c.transaction_tax + c.exchange_turnover_charge + c.sebi_turnover_charge + c.brokerage + c.stamp_duty + c.gst.total;
    assert.ok(Math.abs(items - c.total) < 1e-6, 'the items add up to the total');

    const { order_id } = await unthrottled(() => kc.placeOrder('regular', order({ transaction_type: 'BUY', order_type: 'MARKET', market_protection: -1 })));
    await updateOf(order_id, 'COMPLETE');
    assert.equal(await unthrottled(() => kc.convertPosition({
      exchange: 'NFO', tradingsymbol: option.tradingsymbol, transaction_type: 'BUY', position_type: 'day', quantity: 65, old_product: 'MIS', new_product: 'NRML',
    })), true);
    const nrml = (await unthrottled(() => kc.getPositions())).net.find(p => p.tradingsymbol === option.tradingsymbol && p.product === 'NRML');
    assert.equal(nrml.quantity, 65);
  });
});
