// Every chart of the pages, drawn with TradingView's Lightweight Charts (vendor/, embedded in the app):
// a candle chart with its RSI pane, trade markers and the open position's stop and trail, and line
// charts for equity and drawdown. A chart is made once per container and then updated in place (a new
// or corrected last candle goes through series.update), so a live session never redraws it whole and
// a trader's zoom and pan survive the updates.
// Times: the library writes its axis in UTC, so every API time (IST, +05:30) is shifted by 5 h 30 min;
// the axis and the crosshair then read IST wall clock whatever the browser's zone.
// Each container carries what it shows as data attributes (candles, markers, visible range, whole
// redraws), for a person inspecting the page and for the browser tests. Exposes window.Charts.
"use strict";
(() => {
  const LW = window.LightweightCharts;
  const IST_SECONDS = 330 * 60;
  const COLORS = {
    up: "#15803d", down: "#dc2626", doji: "#6b7280", rsi: "#7c3aed", ps: "#2563eb", vs: "#dc2626", band: "#a78bfa",
    grid: "#eef2f7", border: "#e5e7eb", text: "#374151", exit: "#111827", stop: "#ea580c", add: "#0891b2", trail: "#f59e0b",
  };
  const MARKER_TEXT = { entry: "", add: "add", exit: "exit", stop: "stop" };
  const handles = new WeakMap();

  const finite = (v) => typeof v === "number" && Number.isFinite(v);
  const num = (v, d = 2) => (finite(v) ? v.toLocaleString("en-IN", { maximumFractionDigits: d }) : "—");
  const money = (v) => num(v, 2);
  const chartTime = (iso) => Math.floor(Date.parse(iso) / 1000) + IST_SECONDS;
  const hhmm = (iso) => (typeof iso === "string" && iso.length >= 16 ? iso.slice(11, 16) : "");
  const hhmmss = (iso) => (typeof iso === "string" && iso.length >= 19 ? iso.slice(11, 19) : "");
  const minutesOf = (timeframe) => { const m = /^(\d+)minute$/.exec(timeframe || ""); return m ? Number(m[1]) : null; };

  function div(cls) {
    const e = document.createElement("div");
    e.className = cls;
    return e;
  }

  /** Removes the container's chart, if any, and shows a message in its place. */
  function empty(container, text) {
    const h = handles.get(container);
    if (h) { h.chart.remove(); handles.delete(container); }
    for (const k of Object.keys(container.dataset)) if (k.startsWith("chart")) delete container.dataset[k];
    container.textContent = "";
    const p = document.createElement("p");
    p.className = "chart-empty";
    p.textContent = text || "No data yet.";
    container.append(p);
  }

  function baseOptions() {
    return {
      autoSize: true,
      layout: { background: { color: "#ffffff" }, textColor: COLORS.text, fontFamily: "system-ui, sans-serif", fontSize: 11, panes: { separatorColor: COLORS.border } },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      crosshair: { mode: LW.CrosshairMode.Normal },
      rightPriceScale: { borderColor: COLORS.border },
      timeScale: { borderColor: COLORS.border, timeVisible: true, secondsVisible: false, rightOffset: 2 },
      localization: { locale: "en-IN", priceFormatter: (p) => num(p, 2) },
    };
  }

  /** A container's frame: a legend line (the crosshair's values) over the chart's own box. */
  function frame(container, kind, height, label) {
    const old = handles.get(container);
    if (old) old.chart.remove();
    container.textContent = "";
    const legend = div("chart-legend");
    const box = div("lw-chart");
    box.style.height = `${height}px`;
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", label);
    container.append(legend, box);
    container.dataset.chart = kind;
    container.dataset.chartFullDraws = "0";
    return { legend, box };
  }

  function watchRange(container, chart) {
    const show = (range) => {
      container.dataset.chartVisibleFrom = range ? range.from.toFixed(2) : "";
      container.dataset.chartVisibleTo = range ? range.to.toFixed(2) : "";
    };
    chart.timeScale().subscribeVisibleLogicalRangeChange(show);
  }

  // ---------------------------------------------------------------- candles

  function makeCandleChart(container, options) {
    const label = options.label || "Candles with RSI, Price Strength and Volume Strength";
    const { legend, box } = frame(container, "candles", options.height || 440, label);
    const chart = LW.createChart(box, baseOptions());
    const candles = chart.addSeries(LW.CandlestickSeries, {
      upColor: "#ffffff", downColor: COLORS.down, borderUpColor: COLORS.up, borderDownColor: COLORS.down,
      wickUpColor: COLORS.up, wickDownColor: COLORS.down, priceLineVisible: false,
      priceFormat: { type: "price", precision: 2, minMove: 0.05 },
    }, 0);
    const rsiScale = () => ({ priceRange: { minValue: 0, maxValue: 100 } });
    const line = (color, width, title) => chart.addSeries(LW.LineSeries, {
      color, lineWidth: width, title, priceLineVisible: false, lastValueVisible: true, crosshairMarkerRadius: 3, autoscaleInfoProvider: rsiScale,
    }, 1);
    const rsi = line(COLORS.rsi, 1, "RSI");
    const ps = line(COLORS.ps, 2, "PS");
    const vs = line(COLORS.vs, 2, "VS");
    for (const level of [30, 50, 70]) {
      rsi.createPriceLine({ price: level, color: level === 50 ? COLORS.border : COLORS.band, lineWidth: 1, lineStyle: level === 50 ? LW.LineStyle.Dotted : LW.LineStyle.Dashed, axisLabelVisible: level !== 50 });
    }
    chart.panes()[1].setHeight(Math.round((options.height || 440) * 0.32));
    const h = {
      kind: "candles", chart, candles, rsi, ps, vs, legend, container,
      markers: LW.createSeriesMarkers(candles, []),
      drawn: [], byTime: new Map(), markersByTime: new Map(), lines: {}, data: null,
    };
    chart.subscribeCrosshairMove((param) => showCandleLegend(h, param && param.time));
    watchRange(container, chart);
    return h;
  }

  const candleKey = (c) => [c.open, c.high, c.low, c.close, c.rsi, c.priceStrength, c.volumeStrength].join("|");

  function setCandle(h, c, time, whole) {
    const bar = { time, open: c.open, high: c.high, low: c.low, close: c.close, color: c.close === c.open ? COLORS.doji : undefined, borderColor: c.close === c.open ? COLORS.doji : undefined, wickColor: c.close === c.open ? COLORS.doji : undefined };
    const point = (v) => (finite(v) ? { time, value: v } : { time });
    if (whole) return { bar, rsi: point(c.rsi), ps: point(c.priceStrength), vs: point(c.volumeStrength) };
    h.candles.update(bar);
    h.rsi.update(point(c.rsi));
    h.ps.update(point(c.priceStrength));
    h.vs.update(point(c.volumeStrength));
    return null;
  }

  function drawCandles(h, list) {
    const times = list.map((c) => chartTime(c.time));
    const drawn = h.drawn;
    // The same history, with the last candle perhaps corrected and new ones after it: update in place.
    const extends_ = drawn.length > 0 && list.length >= drawn.length &&
      drawn.every((d, i) => d.time === times[i] && (i === drawn.length - 1 || d.key === candleKey(list[i])));
    if (extends_) {
      for (let i = drawn.length - 1; i < list.length; i++) {
        const key = candleKey(list[i]);
        if (i < drawn.length && drawn[i].key === key) continue;
        setCandle(h, list[i], times[i], false);
        drawn[i] = { time: times[i], key };
      }
    } else {
      const rows = list.map((c, i) => setCandle(h, c, times[i], true));
      h.candles.setData(rows.map((r) => r.bar));
      h.rsi.setData(rows.map((r) => r.rsi));
      h.ps.setData(rows.map((r) => r.ps));
      h.vs.setData(rows.map((r) => r.vs));
      h.drawn = list.map((c, i) => ({ time: times[i], key: candleKey(c) }));
      h.chart.timeScale().fitContent();
      h.container.dataset.chartFullDraws = String(Number(h.container.dataset.chartFullDraws || 0) + 1);
    }
    h.byTime = new Map(list.map((c, i) => [times[i], c]));
    h.container.dataset.chartCandles = String(list.length);
    h.container.dataset.chartLastCandle = list[list.length - 1].time;
  }

  /** Finds the candle a moment happened in: a candle covers start < t <= start + timeframe. */
  function candleFinder(list, timeframe) {
    const starts = list.map((c) => Date.parse(c.time));
    const tf = (minutesOf(timeframe) || (starts.length > 1 ? (starts[1] - starts[0]) / 60000 : 5)) * 60000;
    return (t) => {
      let found = -1;
      for (let i = 0; i < starts.length && starts[i] < t; i++) found = i;
      if (found === -1 && t >= starts[0] && t <= starts[0] + tf) found = 0;
      return found;
    };
  }

  /** A marker sits on the candle it happened in. */
  function drawMarkers(h, list, markers, timeframe) {
    const candleOf = candleFinder(list, timeframe);
    const out = [];
    h.markersByTime = new Map();
    for (const mk of markers) {
      const i = candleOf(Date.parse(mk.time));
      if (i < 0) continue;
      const time = chartTime(list[i].time);
      const pe = String(mk.direction || "").toUpperCase() === "PE";
      const kind = MARKER_TEXT[mk.kind] === undefined ? "entry" : mk.kind;
      const marker = kind === "entry"
        ? { time, position: pe ? "aboveBar" : "belowBar", shape: pe ? "arrowDown" : "arrowUp", color: pe ? COLORS.down : COLORS.up, text: pe ? "PE" : "CE" }
        : kind === "add"
          ? { time, position: pe ? "aboveBar" : "belowBar", shape: "circle", color: COLORS.add, text: MARKER_TEXT.add }
          : { time, position: pe ? "belowBar" : "aboveBar", shape: "square", color: kind === "stop" ? COLORS.stop : COLORS.exit, text: MARKER_TEXT[kind] };
      marker.id = `${kind}-${mk.tradeId || ""}-${mk.time}`;
      out.push(marker);
      if (!h.markersByTime.has(time)) h.markersByTime.set(time, []);
      h.markersByTime.get(time).push(mk);
    }
    out.sort((a, b) => a.time - b.time);
    h.markers.setMarkers(out);
    h.container.dataset.chartMarkers = String(out.length);
    h.container.dataset.chartMarkerKinds = [...new Set(out.map((m) => m.id.split("-")[0]))].sort().join(" ");
  }

  /** The stop and the trail of the open position as price lines; none when flat. */
  function drawStops(h, position) {
    const want = {
      stop: position && finite(position.stopLoss) ? { price: position.stopLoss, color: COLORS.stop, title: "SL" } : null,
      trail: position && finite(position.trailingStop) && position.trailingStop !== position.stopLoss ? { price: position.trailingStop, color: COLORS.trail, title: "Trail" } : null,
    };
    for (const [name, line] of Object.entries(want)) {
      const have = h.lines[name];
      if (!line) { if (have) { h.candles.removePriceLine(have); delete h.lines[name]; } continue; }
      const opts = { ...line, lineWidth: 1, lineStyle: LW.LineStyle.Dashed, axisLabelVisible: true };
      if (have) have.applyOptions(opts);
      else h.lines[name] = h.candles.createPriceLine(opts);
    }
    h.container.dataset.chartStops = Object.keys(h.lines).sort().join(" ");
  }

  /**
   * A closed trade's effective stop over its life (steps = [{time, level, trailing}], the initial SL
   * first), as a step line from the entry's candle to the exit's, each step on the candle it happened in.
   */
  function drawStopPath(h, list, steps, timeframe, exitTime) {
    if (!Array.isArray(steps) || steps.length === 0) return;
    const candleOf = candleFinder(list, timeframe);
    const byCandle = new Map();
    for (const st of steps) {
      const i = candleOf(Date.parse(st.time));
      if (i >= 0 && finite(st.level)) byCandle.set(i, st.level);
    }
    const last = exitTime ? candleOf(Date.parse(exitTime)) : list.length - 1;
    const first = Math.min(...byCandle.keys());
    if (!Number.isFinite(first) || last < first) return;
    const points = [];
    let level = byCandle.get(first);
    for (let i = first; i <= last; i++) {
      if (byCandle.has(i)) level = byCandle.get(i);
      points.push({ time: chartTime(list[i].time), value: level });
    }
    if (!h.stopPath) {
      h.stopPath = h.chart.addSeries(LW.LineSeries, { color: COLORS.stop, lineWidth: 2, lineStyle: LW.LineStyle.Dashed, lineType: LW.LineType.WithSteps, title: "stop", priceLineVisible: false, crosshairMarkerVisible: false }, 0);
    }
    h.stopPath.setData(points);
    h.container.dataset.chartStopSteps = String(byCandle.size);
  }

  function showCandleLegend(h, time) {
    const c = (time !== undefined && h.byTime.get(time)) || (h.drawn.length ? h.byTime.get(h.drawn[h.drawn.length - 1].time) : null);
    if (!c) { h.legend.textContent = ""; return; }
    const seg = h.data && h.data.segment ? `${h.data.segment} · ` : "";
    const parts = [`${seg}${c.time.slice(0, 10)} ${hhmm(c.time)} IST`, `O ${num(c.open)}`, `H ${num(c.high)}`, `L ${num(c.low)}`, `C ${num(c.close)}`,
      `RSI ${num(c.rsi, 1)}`, `PS ${num(c.priceStrength, 1)}`, `VS ${num(c.volumeStrength, 1)}`];
    if (c.signal && c.signal !== "HOLD") parts.push(c.signal);
    // The kind and price only: the event's whole message is in the log (and in a trade's story).
    for (const mk of h.markersByTime.get(chartTime(c.time)) || []) parts.push(`${hhmmss(mk.time)} ${mk.kind}${mk.direction ? ` ${mk.direction}` : ""}${finite(mk.price) ? ` @ ${num(mk.price)}` : ""}`);
    h.legend.textContent = parts.join("  ");
  }

  /**
   * Candle chart with its RSI pane: data = {segment, timeframe, candles:[{time, open, high, low, close,
   * rsi, priceStrength, volumeStrength, signal}], markers:[{time, kind (entry/add/exit/stop), direction,
   * spot, price, text}], position:{stopLoss, trailingStop} or null, and for a closed trade stops:[{time,
   * level, trailing}] with its exitTime}. Made on the first call, updated after.
   */
  function candles(container, data, options = {}) {
    const list = (data && Array.isArray(data.candles) ? data.candles : [])
      .filter((c) => finite(c.open) && finite(c.high) && finite(c.low) && finite(c.close) && Number.isFinite(Date.parse(c.time)));
    if (list.length === 0) { empty(container, options.emptyText || "No candles yet."); return null; }
    let h = handles.get(container);
    if (!h || h.kind !== "candles") { h = makeCandleChart(container, options); handles.set(container, h); }
    h.data = data;
    drawCandles(h, list);
    drawMarkers(h, list, Array.isArray(data.markers) ? data.markers : [], data.timeframe);
    drawStops(h, data.position);
    drawStopPath(h, list, data.stops, data.timeframe, data.exitTime);
    showCandleLegend(h);
    return h;
  }

  // ---------------------------------------------------------------- lines

  /** One value per time, ascending (the library needs it): the last of equal times wins. */
  function series(points) {
    const byTime = new Map();
    for (const p of points || []) {
      if (!finite(p.value) || !Number.isFinite(Date.parse(p.time))) continue;
      byTime.set(chartTime(p.time), { time: chartTime(p.time), value: p.value, iso: p.time });
    }
    return [...byTime.values()].sort((a, b) => a.time - b.time);
  }

  function makeLineChart(container, list, options) {
    const label = options.label || "Line chart";
    const { legend, box } = frame(container, "line", options.height || 240, label);
    const chart = LW.createChart(box, baseOptions());
    const format = options.format || money;
    const drawn = list.map((s) => {
      const common = { title: "", priceLineVisible: false, lastValueVisible: true, lineWidth: 2, lineType: s.step ? LW.LineType.WithSteps : LW.LineType.Simple };
      // A drawdown (area) is filled from its line up to zero.
      const api = s.area
        ? chart.addSeries(LW.BaselineSeries, { ...common, baseValue: { type: "price", price: 0 }, topLineColor: s.color, bottomLineColor: s.color, topFillColor1: "rgba(0,0,0,0)", topFillColor2: "rgba(0,0,0,0)", bottomFillColor1: `${s.color}22`, bottomFillColor2: `${s.color}55` })
        : chart.addSeries(LW.LineSeries, { ...common, color: s.color });
      if (options.zero !== false && !s.area) api.createPriceLine({ price: 0, color: COLORS.border, lineWidth: 1, lineStyle: LW.LineStyle.Solid, axisLabelVisible: false });
      return { name: s.name, color: s.color, api, points: [] };
    });
    const h = { kind: "line", chart, legend, container, series: drawn, names: list.map((s) => s.name).join("|"), format };
    chart.subscribeCrosshairMove((param) => showLineLegend(h, param && param.time));
    watchRange(container, chart);
    return h;
  }

  function showLineLegend(h, time) {
    const parts = [];
    for (const s of h.series) {
      if (!s.points.length) continue;
      let p = s.points[s.points.length - 1];
      if (time !== undefined) {
        // The value that stands at the crosshair: the last point at or before it.
        const before = s.points.filter((x) => x.time <= time);
        p = before.length ? before[before.length - 1] : s.points[0];
      }
      parts.push({ s, text: `${s.name}: ${h.format(p.value)}${time !== undefined ? ` (${p.iso.slice(0, 10)} ${hhmm(p.iso)} IST)` : ""}` });
    }
    h.legend.textContent = "";
    for (const { s, text } of parts) {
      const item = document.createElement("span");
      item.className = "legend-item";
      item.style.setProperty("--swatch", s.color);
      item.textContent = text;
      h.legend.append(item);
    }
  }

  /**
   * Line chart: list = [{name, color, points:[{time, value}], step, area}], options {label, format,
   * zero (draw the 0 line), height, emptyText}. Made on the first call; later calls replace the data
   * and keep the chart, its zoom and its pan.
   */
  function line(container, list, options = {}) {
    const wanted = (list || []).map((s) => ({ ...s, data: series(s.points) }));
    if (wanted.every((s) => s.data.length === 0)) { empty(container, options.emptyText || "No data yet."); return null; }
    let h = handles.get(container);
    if (!h || h.kind !== "line" || h.names !== wanted.map((s) => s.name).join("|")) {
      h = makeLineChart(container, wanted, options);
      handles.set(container, h);
      container.dataset.chartFullDraws = "1";
    }
    // A trader who zoomed or panned keeps the view; one who did not sees every point, new ones too.
    const range = h.chart.timeScale().getVisibleLogicalRange();
    const before = Math.max(0, ...h.series.map((s) => s.points.length));
    const showsAll = !range || before === 0 || (range.from <= 0.5 && range.to >= before - 1.5);
    wanted.forEach((s, i) => {
      h.series[i].points = s.data;
      h.series[i].api.setData(s.data.map(({ time, value }) => ({ time, value })));
    });
    container.dataset.chartPoints = String(wanted.reduce((n, s) => n + s.data.length, 0));
    if (showsAll) h.chart.timeScale().fitContent();
    showLineLegend(h);
    return h;
  }

  window.Charts = { candles, line, empty, money };
})();
