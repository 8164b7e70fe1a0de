// Small hand-written SVG charts (no library): a candle chart with its RSI pane, and a line chart.
// Each draws at its container's width (viewBox = pixels, width 100%), so it never scrolls
// sideways; times are read from the API's IST ISO strings (never the browser's zone).
// Exposes window.Charts.
"use strict";
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const COLORS = { up: "#15803d", down: "#dc2626", rsi: "#7c3aed", ps: "#2563eb", vs: "#dc2626", grid: "#e5e7eb", axis: "#6b7280", text: "#374151", exit: "#111827", add: "#0891b2" };

  const svgEl = (tag, attrs = {}, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const hhmm = (iso) => (typeof iso === "string" && iso.length >= 16 ? iso.slice(11, 16) : "");
  const hhmmss = (iso) => (typeof iso === "string" && iso.length >= 19 ? iso.slice(11, 19) : "");
  const ms = (iso) => Date.parse(iso);
  const IST_OFFSET_MS = 330 * 60000;
  const finite = (v) => typeof v === "number" && Number.isFinite(v);
  const money = (v) => (finite(v) ? v.toLocaleString("en-IN", { maximumFractionDigits: 2 }) : "—");
  const num = (v, d = 2) => (finite(v) ? v.toLocaleString("en-IN", { maximumFractionDigits: d }) : "—");

  function widthOf(container) {
    const w = Math.floor(container.clientWidth || container.getBoundingClientRect().width || 0);
    return Math.max(280, Math.min(w || 600, 1600));
  }

  /** "Nice" axis ticks between lo and hi. */
  function ticks(lo, hi, count) {
    if (!(hi > lo)) return [lo];
    const raw = (hi - lo) / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(10)));
    return out;
  }

  function svgRoot(width, height, label) {
    return svgEl("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": label, preserveAspectRatio: "xMidYMid meet", class: "chart-svg" });
  }

  function empty(container, text) {
    container.textContent = "";
    const p = document.createElement("p");
    p.className = "chart-empty";
    p.textContent = text || "No data yet.";
    container.append(p);
  }

  function minutesOf(timeframe) {
    const m = /^(\d+)minute$/.exec(timeframe || "");
    return m ? Number(m[1]) : null;
  }

  /**
   * Candle chart with RSI pane: data = {segment, timeframe, candles:[{time, open, high, low, close,
   * rsi, priceStrength, volumeStrength, signal}], markers:[{time, kind, direction, spot, price, text}]}.
   */
  function candles(container, data, options = {}) {
    const list = (data && Array.isArray(data.candles) ? data.candles : []).filter((c) => finite(c.open) && finite(c.high) && finite(c.low) && finite(c.close));
    if (list.length === 0) { empty(container, options.emptyText || "No candles yet."); return; }
    const markers = data && Array.isArray(data.markers) ? data.markers : [];
    const W = widthOf(container);
    const narrow = W < 500;
    const H = narrow ? 360 : 400;
    const m = { left: 8, right: narrow ? 52 : 64, top: 22, bottom: 22 };
    const gap = 22;
    const plotW = W - m.left - m.right;
    const priceH = Math.round((H - m.top - m.bottom - gap) * 0.64);
    const rsiTop = m.top + priceH + gap;
    const rsiH = H - m.bottom - rsiTop;
    const n = list.length;
    const slot = plotW / n;
    const bodyW = Math.max(1, Math.min(14, slot * 0.7));
    const x = (i) => m.left + slot * (i + 0.5);

    let lo = Infinity, hi = -Infinity;
    for (const c of list) { lo = Math.min(lo, c.low); hi = Math.max(hi, c.high); }
    for (const mk of markers) if (finite(mk.spot)) { lo = Math.min(lo, mk.spot); hi = Math.max(hi, mk.spot); }
    if (hi === lo) { hi += 1; lo -= 1; }
    const pad = (hi - lo) * 0.08;
    lo -= pad; hi += pad;
    const y = (v) => m.top + (hi - v) / (hi - lo) * priceH;
    const ry = (v) => rsiTop + (100 - v) / 100 * rsiH;

    const svg = svgRoot(W, H, options.label || `${(data && data.segment) || ""} candles with RSI, Price Strength and Volume Strength`);
    svg.append(svgEl("title", {}, options.label || `${(data && data.segment) || "Index"} ${data && data.timeframe ? data.timeframe : ""} candles`));

    // Price grid and right axis labels.
    const g = svgEl("g", { class: "grid" });
    for (const t of ticks(lo, hi, narrow ? 4 : 6)) {
      g.append(svgEl("line", { x1: m.left, x2: m.left + plotW, y1: y(t), y2: y(t), stroke: COLORS.grid }));
      g.append(svgEl("text", { x: m.left + plotW + 4, y: y(t) + 4, fill: COLORS.axis, "font-size": 11 }, num(t, 0)));
    }
    // RSI pane frame and 30/50/70 guides.
    g.append(svgEl("rect", { x: m.left, y: rsiTop, width: plotW, height: rsiH, fill: "#fafafa", stroke: COLORS.grid }));
    g.append(svgEl("rect", { x: m.left, y: ry(70), width: plotW, height: ry(30) - ry(70), fill: "#f3f0ff", opacity: 0.6 }));
    for (const level of [30, 50, 70]) {
      g.append(svgEl("line", { x1: m.left, x2: m.left + plotW, y1: ry(level), y2: ry(level), stroke: level === 50 ? COLORS.grid : "#a78bfa", "stroke-dasharray": level === 50 ? "2 3" : "4 3" }));
      g.append(svgEl("text", { x: m.left + plotW + 4, y: ry(level) + 4, fill: COLORS.axis, "font-size": 11 }, String(level)));
    }
    svg.append(g);

    // Time labels (IST from the strings), shared by both panes.
    const labelEvery = Math.max(1, Math.ceil(56 / slot));
    const tg = svgEl("g", { class: "time-axis" });
    for (let i = 0; i < n; i += labelEvery) {
      tg.append(svgEl("line", { x1: x(i), x2: x(i), y1: m.top, y2: rsiTop + rsiH, stroke: COLORS.grid, "stroke-dasharray": "1 4" }));
      tg.append(svgEl("text", { x: Math.min(Math.max(x(i), m.left + 16), m.left + plotW - 16), y: H - 6, fill: COLORS.axis, "font-size": 11, "text-anchor": "middle" }, hhmm(list[i].time)));
    }
    // A new trading day (warm-up candles come from earlier sessions): a solid line and its date.
    for (let i = 1; i < n; i++) {
      const day = String(list[i].time).slice(0, 10);
      if (day === String(list[i - 1].time).slice(0, 10)) continue;
      const dx = m.left + slot * i;
      tg.append(svgEl("line", { x1: dx, x2: dx, y1: m.top, y2: rsiTop + rsiH, stroke: "#94a3b8", "stroke-width": 1 }));
      tg.append(svgEl("text", { x: dx + 3, y: m.top + 10, fill: COLORS.axis, "font-size": 10 }, day));
    }
    svg.append(tg);

    // Candles.
    const cg = svgEl("g", { class: "candles" });
    for (let i = 0; i < n; i++) {
      const c = list[i];
      const up = c.close >= c.open;
      const color = c.close > c.open ? COLORS.up : c.close < c.open ? COLORS.down : COLORS.axis;
      const grp = svgEl("g", { class: up ? "candle up" : "candle down" });
      grp.append(svgEl("title", {}, `${hhmm(c.time)} IST  O ${num(c.open)}  H ${num(c.high)}  L ${num(c.low)}  C ${num(c.close)}` +
        (finite(c.rsi) ? `  RSI ${num(c.rsi, 1)}` : "") + (finite(c.priceStrength) ? `  PS ${num(c.priceStrength, 1)}` : "") +
        (finite(c.volumeStrength) ? `  VS ${num(c.volumeStrength, 1)}` : "") + (c.signal && c.signal !== "HOLD" ? `  ${c.signal}` : "")));
      grp.append(svgEl("line", { x1: x(i), x2: x(i), y1: y(c.high), y2: y(c.low), stroke: color, "stroke-width": 1 }));
      const top = y(Math.max(c.open, c.close));
      const h = Math.max(1, y(Math.min(c.open, c.close)) - top);
      grp.append(svgEl("rect", { x: x(i) - bodyW / 2, y: top, width: bodyW, height: h, fill: c.close < c.open ? color : "#fff", stroke: color }));
      cg.append(grp);
    }
    svg.append(cg);

    // RSI, Price Strength (blue), Volume Strength (red).
    const line = (key, color, width, name) => {
      let d = "";
      let pen = false;
      for (let i = 0; i < n; i++) {
        const v = list[i][key];
        if (!finite(v)) { pen = false; continue; }
        d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${ry(Math.max(0, Math.min(100, v))).toFixed(1)}`;
        pen = true;
      }
      if (d) svg.append(svgEl("path", { d, fill: "none", stroke: color, "stroke-width": width, class: `line-${key}`, "aria-label": name }));
    };
    line("rsi", COLORS.rsi, 1.2, "RSI");
    line("priceStrength", COLORS.ps, 1.8, "Price Strength");
    line("volumeStrength", COLORS.vs, 1.8, "Volume Strength");

    // Legend.
    const lg = svgEl("g", { class: "legend", "font-size": 11 });
    let lx = m.left + 4;
    for (const [name, color] of [["RSI", COLORS.rsi], ["Price Strength", COLORS.ps], ["Volume Strength", COLORS.vs]]) {
      lg.append(svgEl("line", { x1: lx, x2: lx + 14, y1: rsiTop - 8, y2: rsiTop - 8, stroke: color, "stroke-width": 2 }));
      lg.append(svgEl("text", { x: lx + 18, y: rsiTop - 4, fill: COLORS.text }, name));
      lx += 24 + name.length * 6.2;
    }
    svg.append(lg);
    const last = list[n - 1];
    svg.append(svgEl("text", { x: m.left + 4, y: 14, fill: COLORS.text, "font-size": 12 },
      `${(data && data.segment) || ""} ${window.Params && window.Params.TIMEFRAME_LABELS[data.timeframe] || data.timeframe || ""} · last ${hhmm(last.time)} IST close ${num(last.close)}`));

    // Entry / exit markers at the candle they happened in (a candle covers start < t <= start + timeframe).
    const starts = list.map((c) => ms(c.time));
    const tf = (minutesOf(data && data.timeframe) || (n > 1 ? (starts[1] - starts[0]) / 60000 : 5)) * 60000;
    const indexOf = (t) => {
      let found = -1;
      for (let i = 0; i < n; i++) { if (starts[i] < t) found = i; else break; }
      if (found === -1 && t >= starts[0]) found = 0;
      if (found >= 0 && t > starts[found] + tf && found === n - 1) return n - 1;
      return found;
    };
    const mg = svgEl("g", { class: "markers" });
    for (const mk of markers) {
      const t = ms(mk.time);
      const i = Number.isFinite(t) ? indexOf(t) : -1;
      if (i < 0) continue;
      const cx = x(i);
      const c = list[i];
      const isPe = String(mk.direction || "").toUpperCase() === "PE";
      const cy = finite(mk.spot) ? y(mk.spot) : y(isPe ? c.high : c.low);
      const s = Math.max(5, Math.min(8, slot * 0.6));
      const grp = svgEl("g", { class: `marker marker-${mk.kind || "entry"} ${isPe ? "pe" : "ce"}` });
      const tip = mk.text || `${mk.kind || ""} ${mk.direction || ""}`;
      grp.append(svgEl("title", {}, `${hhmmss(mk.time)} IST · ${tip}${finite(mk.price) ? ` · option ${num(mk.price)}` : ""}${finite(mk.spot) ? ` · spot ${num(mk.spot)}` : ""}`));
      if (mk.kind === "exit") {
        grp.append(svgEl("circle", { cx, cy, r: s * 0.85, fill: "#fff", stroke: COLORS.exit, "stroke-width": 1.6 }));
        grp.append(svgEl("path", { d: `M${cx - s * 0.5},${cy - s * 0.5}L${cx + s * 0.5},${cy + s * 0.5}M${cx + s * 0.5},${cy - s * 0.5}L${cx - s * 0.5},${cy + s * 0.5}`, stroke: COLORS.exit, "stroke-width": 1.6 }));
      } else if (mk.kind === "add") {
        grp.append(svgEl("path", { d: `M${cx},${cy - s}L${cx + s},${cy}L${cx},${cy + s}L${cx - s},${cy}Z`, fill: COLORS.add, stroke: "#fff", "stroke-width": 1 }));
      } else if (isPe) {
        grp.append(svgEl("path", { d: `M${cx - s},${cy - s * 1.6}L${cx + s},${cy - s * 1.6}L${cx},${cy}Z`, fill: COLORS.down, stroke: "#fff", "stroke-width": 1 }));
      } else {
        grp.append(svgEl("path", { d: `M${cx - s},${cy + s * 1.6}L${cx + s},${cy + s * 1.6}L${cx},${cy}Z`, fill: COLORS.up, stroke: "#fff", "stroke-width": 1 }));
      }
      mg.append(grp);
    }
    svg.append(mg);

    container.textContent = "";
    container.append(svg);
  }

  /**
   * Line chart: series = [{name, color, points:[{time, value}], area}], options {label, format,
   * zero (draw the 0 line), emptyText}. Time on x (from the ISO strings), value on y.
   */
  function line(container, series, options = {}) {
    const all = (series || []).map((s) => ({ ...s, points: (s.points || []).filter((p) => finite(p.value) && Number.isFinite(ms(p.time))) }));
    const points = all.flatMap((s) => s.points);
    if (points.length === 0) { empty(container, options.emptyText || "No data yet."); return; }
    const format = options.format || money;
    const W = widthOf(container);
    const narrow = W < 500;
    const H = options.height || (narrow ? 200 : 240);
    const m = { left: narrow ? 62 : 78, right: 12, top: 22, bottom: 24 };
    const plotW = W - m.left - m.right;
    const plotH = H - m.top - m.bottom;
    let t0 = Infinity, t1 = -Infinity, lo = Infinity, hi = -Infinity;
    for (const p of points) { const t = ms(p.time); t0 = Math.min(t0, t); t1 = Math.max(t1, t); lo = Math.min(lo, p.value); hi = Math.max(hi, p.value); }
    if (options.zero !== false) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
    if (hi === lo) { hi += 1; lo -= 1; }
    const pad = (hi - lo) * 0.06;
    lo -= pad; hi += pad;
    const span = t1 - t0 || 1;
    const x = (t) => m.left + (t1 === t0 ? plotW / 2 : (t - t0) / span * plotW);
    const y = (v) => m.top + (hi - v) / (hi - lo) * plotH;

    const svg = svgRoot(W, H, options.label || "Line chart");
    svg.append(svgEl("title", {}, options.label || "Line chart"));
    const g = svgEl("g", { class: "grid" });
    for (const t of ticks(lo, hi, narrow ? 3 : 5)) {
      g.append(svgEl("line", { x1: m.left, x2: m.left + plotW, y1: y(t), y2: y(t), stroke: COLORS.grid }));
      g.append(svgEl("text", { x: m.left - 6, y: y(t) + 4, fill: COLORS.axis, "font-size": 11, "text-anchor": "end" }, format(t)));
    }
    if (lo < 0 && hi > 0) g.append(svgEl("line", { x1: m.left, x2: m.left + plotW, y1: y(0), y2: y(0), stroke: COLORS.axis, "stroke-width": 1 }));
    svg.append(g);

    // Time labels at even steps of time, written as IST (the API's +05:30 offset, never the browser's zone).
    const multiDay = points.some((p) => p.time.slice(0, 10) !== points[0].time.slice(0, 10));
    const istLabel = (t) => { const iso = new Date(t + IST_OFFSET_MS).toISOString(); return multiDay ? iso.slice(5, 10) : iso.slice(11, 16); };
    const labels = Math.max(2, Math.min(8, Math.floor(plotW / 90)));
    const MIN = 60000;
    const stepMs = multiDay ? null : [5, 10, 15, 30, 60, 120, 180].map((v) => v * MIN).find((v) => (t1 - t0) / v <= labels) || 360 * MIN;
    const tickTimes = [];
    if (stepMs && t1 > t0) {
      // Round IST clock times: 09:30, 10:00, ... (aligned in IST, not in the browser's zone).
      for (let t = Math.ceil((t0 + IST_OFFSET_MS) / stepMs) * stepMs - IST_OFFSET_MS; t <= t1; t += stepMs) tickTimes.push(t);
    } else for (let k = 0; k < labels; k++) tickTimes.push(t1 === t0 ? t0 : t0 + (t1 - t0) * k / (labels - 1));
    let prevText = null;
    for (const t of tickTimes) {
      const text = istLabel(t);
      if (text === prevText) continue;
      prevText = text;
      const px = x(t);
      svg.append(svgEl("line", { x1: px, x2: px, y1: m.top, y2: m.top + plotH, stroke: COLORS.grid, "stroke-dasharray": "1 4" }));
      svg.append(svgEl("text", { x: Math.min(Math.max(px, m.left + 16), m.left + plotW - 16), y: H - 6, fill: COLORS.axis, "font-size": 11, "text-anchor": "middle" }, text));
    }

    let lx = m.left + 4;
    for (const s of all) {
      if (s.points.length === 0) continue;
      const ps = [...s.points].sort((a, b) => ms(a.time) - ms(b.time));
      // step: the value holds until the next point (realised P&L changes only when a trade closes).
      const d = ps.map((p, i) => {
        const px = x(ms(p.time)).toFixed(1), py = y(p.value).toFixed(1);
        if (!i) return `M${px},${py}`;
        return s.step ? `H${px}V${py}` : `L${px},${py}`;
      }).join("");
      if (s.area) {
        const base = y(Math.max(lo, Math.min(hi, 0)));
        const first = x(ms(ps[0].time)).toFixed(1);
        const lastX = x(ms(ps[ps.length - 1].time)).toFixed(1);
        svg.append(svgEl("path", { d: `M${first},${base}${d.replace(/^M([^,]+),/, "L$1,")}L${lastX},${base}Z`, fill: s.color, opacity: 0.18 }));
      }
      svg.append(svgEl("path", { d, fill: "none", stroke: s.color, "stroke-width": 1.8, class: "series" }));
      if (ps.length <= 60) {
        for (const p of ps) {
          const dot = svgEl("circle", { cx: x(ms(p.time)), cy: y(p.value), r: 2.5, fill: s.color });
          dot.append(svgEl("title", {}, `${multiDay ? p.time.slice(0, 10) + " " : ""}${hhmmss(p.time)} IST · ${s.name}: ${format(p.value)}`));
          svg.append(dot);
        }
      }
      svg.append(svgEl("line", { x1: lx, x2: lx + 14, y1: 10, y2: 10, stroke: s.color, "stroke-width": 2 }));
      const lastP = ps[ps.length - 1];
      const legend = `${s.name}: ${format(lastP.value)}`;
      svg.append(svgEl("text", { x: lx + 18, y: 14, fill: COLORS.text, "font-size": 11 }, legend));
      lx += 30 + legend.length * 6.2;
    }
    container.textContent = "";
    container.append(svg);
  }

  window.Charts = { candles, line, empty, money };
})();
