'use strict';
// kite-protocol.md §6.9 test vectors decoded by the official JS parser (KiteTicker.parseBinary of kiteconnect).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { KiteTicker } = require('kiteconnect');

// Constructing a KiteTicker does not connect; parseBinary is the parser the socket uses.
const parser = new KiteTicker({ api_key: 'x', access_token: 'y', reconnect: false });
const parse = buf => parser.parseBinary(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));

/** Frames bare packets: [uint16 count]([uint16 length][packet])*. */
function frame(...packets) {
  const parts = [Buffer.from([packets.length >> 8, packets.length & 0xff])];
  for (const p of packets) parts.push(Buffer.from([p.length >> 8, p.length & 0xff]), p);
  return Buffer.concat(parts);
}

// kiteconnect-mocks ticker_quote.packet / ticker_full.packet (base64 text of bare packets, commit c7a8123).
const MOCKS_QUOTE = Buffer.from('AAY6AQACZoMAAAABAAJlaQAR8bIAA+n/AAWANwACZPMAAmc8AAJhyQACZGw=', 'base64');
const MOCKS_FULL = Buffer.from(
  'AAY6AQACZroAAAAHAAJlbQASMhcAA+m7AAWKAQACZPMAAmc8AAJhyQACZGxg4pR/AAAAAAAAAAAAAAAAYOKUfwAAAAUAAmacAAEAAAAAAIwAAmZ0AAIAAAAAAAIAAmZvAAEAAAAAANsAAmZqAAcAAAAAADIAAmZlAAEAAAAAAKwAAma6AAMAAAAAACwAAma/AAMAAAAAAS4AAmbJAAMAAAAAAI0AAmbOAAIAAAAAAtQAAmbTAAUAAA==',
  'base64');
const OHLC_INFY = { open: 1569.15, high: 1575, low: 1561.05, close: 1567.8 };

test('mocks ticker_quote.packet: 44-byte quote packet of INFY', () => {
  assert.equal(MOCKS_QUOTE.length, 44);
  const [t, ...rest] = parse(frame(MOCKS_QUOTE));
  assert.equal(rest.length, 0);
  assert.deepEqual(t, {
    tradable: true, mode: 'quote', instrument_token: 408065, last_price: 1573.15, last_traded_quantity: 1,
    average_traded_price: 1570.33, volume_traded: 1175986, total_buy_quantity: 256511, total_sell_quantity: 360503,
    ohlc: OHLC_INFY, change: (1573.15 - 1567.8) * 100 / 1567.8,
  });
  assert.equal(t.instrument_token >> 8, 1594, 'exchange_token');
  assert.equal(t.instrument_token & 0xff, 1, 'segment NSE');
});

test('mocks ticker_full.packet: 184-byte full packet with 5+5 depth', () => {
  assert.equal(MOCKS_FULL.length, 184);
  const [t] = parse(frame(MOCKS_FULL));
  const lvl = ([quantity, price, orders]) => ({ quantity, price, orders });
  assert.deepEqual(t, {
    tradable: true, mode: 'full', instrument_token: 408065, last_price: 1573.7, last_traded_quantity: 7,
    average_traded_price: 1570.37, volume_traded: 1192471, total_buy_quantity: 256443, total_sell_quantity: 363009,
    ohlc: OHLC_INFY, change: (1573.7 - 1567.8) * 100 / 1567.8,
    last_trade_time: new Date(1625461887 * 1000), exchange_timestamp: new Date(1625461887 * 1000),
    oi: 0, oi_day_high: 0, oi_day_low: 0,
    depth: {
      buy: [[5, 1573.4, 1], [140, 1573, 2], [2, 1572.95, 1], [219, 1572.9, 7], [50, 1572.85, 1]].map(lvl),
      sell: [[172, 1573.7, 3], [44, 1573.75, 3], [302, 1573.85, 3], [141, 1573.9, 2], [724, 1573.95, 5]].map(lvl),
    },
  });
  assert.equal(t.exchange_timestamp.toISOString(), '2021-07-05T05:11:27.000Z');
  assert.ok(Math.abs((t.last_price - t.ohlc.close) - 5.9) < 1e-9, 'net change 5.9 as GO asserts');
});

test('kiteconnectjs ltpMode_binary.packet (12 bytes, framed): TATAMOTORS 392.95', () => {
  const ticks = parse(Buffer.from('0001000800 0D8001 0000997F'.replace(/ /g, ''), 'hex'));
  assert.deepEqual(ticks, [{ tradable: true, mode: 'ltp', instrument_token: 884737, last_price: 392.95 }]);
});

// quoteMode_binary.packet / fullMode_binary.packet are binary files not available offline; rebuilt from the values
// §6.9 lists for them (unlisted fields zero), as tests/LiveTrader.Kite.Tests/TickCodecTests.cs does.
function jsPacket(size) {
  const p = Buffer.alloc(size);
  p.writeUInt32BE(884737, 0); p.writeUInt32BE(39295, 4); p.writeUInt32BE(22261032, 16);
  p.writeUInt32BE(42000, 28); p.writeUInt32BE(42090, 32); p.writeUInt32BE(39010, 36); p.writeUInt32BE(41410, 40);
  if (size === 184) {
    p.writeUInt32BE(1655375264, 44); p.writeUInt32BE(1655378328, 60);
    p.writeUInt32BE(5617, 64); p.writeUInt32BE(39295, 68); p.writeUInt16BE(30, 72);
  }
  return p;
}

test('kiteconnectjs quote/full framed packets (48 / 188 bytes): TATAMOTORS', () => {
  const q = frame(jsPacket(44));
  const f = frame(jsPacket(184));
  assert.equal(q.length, 48);
  assert.equal(f.length, 188);
  const [tq] = parse(q);
  assert.equal(tq.mode, 'quote');
  assert.equal(tq.volume_traded, 22261032);
  assert.deepEqual(tq.ohlc, { open: 420, high: 420.9, low: 390.1, close: 414.1 });
  const [tf] = parse(f);
  assert.equal(tf.mode, 'full');
  assert.equal(tf.last_trade_time.getTime(), 1655375264000);
  assert.equal(tf.exchange_timestamp.getTime(), 1655378328000);
  assert.deepEqual(tf.depth.buy[0], { quantity: 5617, price: 392.95, orders: 30 });
});

test('index packets (synthetic): 28 bytes -> quote, 32 bytes -> full, H-L-O-C order, not tradable', () => {
  const p = Buffer.alloc(32);
  [256265, 2400050, 2410000, 2390000, 2395000, 2380000].forEach((v, i) => p.writeUInt32BE(v, 4 * i));
  p.writeInt32BE(-150, 24);
  p.writeUInt32BE(1625461887, 28);
  const [q, f] = parse(frame(p.subarray(0, 28), p));
  const ohlc = { high: 24100, low: 23900, open: 23950, close: 23800 };
  assert.deepEqual(q, { tradable: false, mode: 'quote', instrument_token: 256265, last_price: 24000.5, ohlc, change: 200.5 * 100 / 23800 });
  assert.deepEqual(f, { ...q, mode: 'full', exchange_timestamp: new Date(1625461887000) });
});

test('a heartbeat (1 byte) is not parsed into ticks by the client', () => {
  // The socket handler only calls parseBinary for byteLength > 2; parseBinary itself yields nothing for a 0-count frame.
  assert.deepEqual(parse(Buffer.from([0, 0])), []);
});
